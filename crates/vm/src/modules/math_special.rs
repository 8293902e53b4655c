//! Numerical kernels of the `math` module that need more than one libm call:
//! the Gamma function and its logarithm, exact summation (`fsum`), the
//! Euclidean norm behind `hypot`/`dist`, IEEE `remainder`, `sinpi`.
//!
//! Design.  CPython does not use the C library's `tgamma`/`lgamma`; it
//! evaluates a Lanczos approximation (g = 6.024680040776729583740234375,
//! 13 terms as a rational function, Boost's "lanczos13m53") with special
//! handling of small, large and negative arguments.  Results must agree bit
//! for bit, so the evaluation order below follows that algorithm exactly.
//! Errors are reported as [`MathErr`] (domain → ValueError, range →
//! OverflowError, both "math ... error"), mirroring `errno` in C.
//!
//! `fsum` is Shewchuk's algorithm: a list of non-overlapping partial sums
//! kept exact with two-sum steps, then the half-way correction CPython
//! applies so the final rounding is correct.  `vector_norm` scales by a
//! power of two, accumulates squares as double-length numbers (exact
//! products via fused multiply-add) and applies one Newton correction, which
//! is what CPython 3.11 does, so `hypot` results match.

#![allow(clippy::excessive_precision)] // published Lanczos coefficients, kept verbatim

/// A math error in the C `errno` sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MathErr {
    /// `EDOM`: "math domain error" (ValueError).
    Domain,
    /// `ERANGE`: "math range error" (OverflowError).
    Range,
}

/// The platform C math library (always linked by std on supported
/// targets).  CPython calls these same functions, so results agree to the
/// bit; Rust's own `f64::acosh`/`asinh`/`cbrt`... use other formulas.
mod libm {
    unsafe extern "C" {
        pub fn acos(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
    }
}

macro_rules! libm_fns {
    ($($name:ident),*) => {
        $(
            #[doc = concat!("`", stringify!($name), "(x)` from the C library.")]
            #[inline]
            pub fn $name(x: f64) -> f64 {
                // SAFETY: a pure libm function taking and returning doubles.
                unsafe { libm::$name(x) }
            }
        )*
    };
}

/// Safe wrappers of the C library functions.
pub mod c {
    use super::libm;
    libm_fns!(
        acos, acosh, asin, asinh, atan, atanh, cos, cosh, erf, erfc, exp, exp2, expm1, log, log10,
        log1p, log2, sin, sinh, tan, tanh
    );

    /// `cbrt(x)` from the C library.  Rust's runtime defines its own local
    /// `cbrt` symbol, which shadows the C library's at link time, so on
    /// glibc the real one is looked up dynamically (once).
    pub fn cbrt(x: f64) -> f64 {
        match glibc_cbrt() {
            Some(f) => f(x),
            None => x.cbrt(),
        }
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn glibc_cbrt() -> Option<extern "C" fn(f64) -> f64> {
        use std::ffi::{c_char, c_int, c_void};
        use std::sync::OnceLock;
        unsafe extern "C" {
            fn dlopen(filename: *const c_char, flag: c_int) -> *mut c_void;
            fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
        }
        static CBRT: OnceLock<Option<extern "C" fn(f64) -> f64>> = OnceLock::new();
        *CBRT.get_or_init(|| {
            // SAFETY: dlopen/dlsym with NUL-terminated names; libm stays
            // loaded for the life of the process (the handle is never
            // closed), and `cbrt` has the C signature double(double).
            unsafe {
                let h = dlopen(c"libm.so.6".as_ptr(), 1);
                if h.is_null() {
                    return None;
                }
                let f = dlsym(h, c"cbrt".as_ptr());
                if f.is_null() {
                    return None;
                }
                Some(std::mem::transmute::<*mut c_void, extern "C" fn(f64) -> f64>(f))
            }
        })
    }

    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    fn glibc_cbrt() -> Option<extern "C" fn(f64) -> f64> {
        None
    }

    /// `atan2(y, x)` from the C library.
    #[inline]
    pub fn atan2(y: f64, x: f64) -> f64 {
        // SAFETY: a pure libm function.
        unsafe { libm::atan2(y, x) }
    }

    /// `pow(x, y)` from the C library.
    #[inline]
    pub fn pow(x: f64, y: f64) -> f64 {
        // SAFETY: a pure libm function.
        unsafe { libm::pow(x, y) }
    }
}

const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;

static LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];

static LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

/// The Lanczos rational function for `x >= 0`.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// `sin(pi * x)`, accurate for large `x`.
pub fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let pi = std::f64::consts::PI;
    let r = match n {
        0 => (pi * y).sin(),
        1 => (pi * (y - 0.5)).cos(),
        2 => (pi * (1.0 - y)).sin(),
        3 => -(pi * (y - 1.5)).cos(),
        _ => (pi * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// `(n-1)!` for `n` in 1..=23 as correctly rounded doubles.
fn gamma_integral(n: u32) -> f64 {
    let mut p: u128 = 1;
    for k in 1..n as u128 {
        p *= k;
    }
    p as f64
}

/// `math.gamma`.
pub fn tgamma(x: f64) -> Result<f64, MathErr> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(MathErr::Domain);
    }
    if x == 0.0 {
        return Err(MathErr::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(MathErr::Domain);
        }
        if x <= 23.0 {
            return Ok(gamma_integral(x as u32));
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() {
            Err(MathErr::Range)
        } else {
            Ok(r)
        };
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sinpi(x));
        }
        return Err(MathErr::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let r = if x < 0.0 {
        let mut r = -std::f64::consts::PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
        r
    } else {
        let mut r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
        r
    };
    if r.is_infinite() {
        Err(MathErr::Range)
    } else {
        Ok(r)
    }
}

/// `math.lgamma`.
pub fn lgamma(x: f64) -> Result<f64, MathErr> {
    if !x.is_finite() {
        if x.is_nan() {
            return Ok(x);
        }
        return Ok(f64::INFINITY);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err(MathErr::Domain);
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        Err(MathErr::Range)
    } else {
        Ok(r)
    }
}

/// IEEE 754 `remainder(x, y)` (CPython's `m_remainder`).
pub fn remainder(x: f64, y: f64) -> Result<f64, MathErr> {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return Err(MathErr::Domain);
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Half-way case: choose the even multiple.
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return Ok(1.0f64.copysign(x) * r);
    }
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(y);
    }
    if x.is_infinite() {
        return Err(MathErr::Domain);
    }
    Ok(x)
}

/// Shewchuk's exact summation with CPython's special-value rules.
pub struct FSum {
    partials: Vec<f64>,
    special_sum: f64,
    inf_sum: f64,
}

/// Errors of `fsum`.
#[derive(Debug, PartialEq, Eq)]
pub enum FSumErr {
    /// "intermediate overflow in fsum"
    Overflow,
    /// "-inf + inf in fsum"
    InfMinusInf,
}

impl Default for FSum {
    fn default() -> Self {
        FSum::new()
    }
}

impl FSum {
    pub fn new() -> FSum {
        FSum {
            partials: Vec::new(),
            special_sum: 0.0,
            inf_sum: 0.0,
        }
    }

    /// Adds one value.
    pub fn add(&mut self, xin: f64) -> Result<(), FSumErr> {
        let mut x = xin;
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // A non-finite x could arise from an infinite or NaN input, or
                // from an overflow of finite inputs.
                if xin.is_finite() {
                    return Err(FSumErr::Overflow);
                }
                if xin.is_infinite() {
                    self.inf_sum += xin;
                }
                self.special_sum += xin;
                self.partials.clear();
            } else {
                self.partials.push(x);
            }
        }
        Ok(())
    }

    /// The correctly rounded sum.
    pub fn finish(&self) -> Result<f64, FSumErr> {
        if self.special_sum != 0.0 || self.special_sum.is_nan() {
            if self.inf_sum.is_nan() {
                return Err(FSumErr::InfMinusInf);
            }
            return Ok(self.special_sum);
        }
        let p = &self.partials;
        let mut n = p.len();
        let mut hi = 0.0f64;
        if n > 0 {
            n -= 1;
            hi = p[n];
            let mut lo = 0.0f64;
            while n > 0 {
                let x = hi;
                n -= 1;
                let y = p[n];
                hi = x + y;
                let yr = hi - x;
                lo = y - yr;
                if lo != 0.0 {
                    break;
                }
            }
            // Round half-way cases correctly: if the remaining partials have
            // the same sign as lo, the true sum is beyond the half-way point.
            if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
                let y = lo * 2.0;
                let x = hi + y;
                let yr = x - hi;
                if y == yr {
                    hi = x;
                }
            }
        }
        Ok(hi)
    }
}

/// A double-length product `x*y = hi + lo` exactly.
#[inline]
fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    (z, x.mul_add(y, -z))
}

/// `a + b = hi + lo` exactly, given `|a| >= |b|`.
#[inline]
fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let hi = a + b;
    (hi, b - (hi - a))
}

/// The Euclidean norm of `vec` (absolute values), with `max` its largest
/// element and `found_nan` whether a NaN was seen (CPython's `vector_norm`).
pub fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = crate::runtime::hash::frexp(max);
    if max_e < -1023 {
        // ldexp(1.0, -max_e) would overflow: rescale subnormals first.
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -(max_e as i64));
    let mut csum = 1.0f64;
    let (mut frac1, mut frac2) = (0.0f64, 0.0f64);
    for &v in vec.iter() {
        let x = v * scale; // lossless scaling
        let (phi, plo) = dl_mul(x, x);
        let (shi, slo) = dl_fast_sum(csum, phi);
        csum = shi;
        frac1 += plo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (phi, plo) = dl_mul(-h, h);
    let (shi, slo) = dl_fast_sum(csum, phi);
    csum = shi;
    frac1 += plo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// `x * 2**e`, correctly rounded (one final rounding, also for subnormal
/// results) for any `e`.
pub fn ldexp(x: f64, e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let e = e.clamp(-10000, 10000) as i32;
    let (m, me) = crate::runtime::hash::frexp(x);
    let te = me + e; // result = m * 2**te, 0.5 <= |m| < 1
    if te > 1024 {
        return f64::INFINITY.copysign(x);
    }
    if te >= -1021 {
        // Normal result: exact (2*m in [1, 2), 2**(te-1) a normal power).
        return (m * 2.0) * pow2(te - 1);
    }
    // Subnormal or zero: a single rounding when multiplying by 2**(te).
    if te < -1075 {
        return 0.0f64.copysign(x);
    }
    // m * 2**te = (m * 2**(te + 1074)) * 2**-1074; the first product is
    // exact (no underflow), the second rounds once... except that rounding
    // must happen at the integer level: round m*2**(te+1074) to an integer.
    let scaled = m * pow2(te + 1074); // exact, |scaled| < 2**53
    let r = round_half_even(scaled);
    (r * f64::from_bits(1)).copysign(x) // exact: r is an integer below 2**52
}

fn round_half_even(v: f64) -> f64 {
    let f = v.floor();
    let d = v - f;
    if d > 0.5 || (d == 0.5 && (f / 2.0).floor() * 2.0 != f) {
        f + 1.0
    } else {
        f
    }
}

/// `2**e` for `e` in the normal range.
fn pow2(e: i32) -> f64 {
    if e > 1023 {
        return 2.0 * pow2(e - 1);
    }
    if e < -1022 {
        return pow2(e + 52) * pow2(-52);
    }
    f64::from_bits(((e + 1023) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_values() {
        assert_eq!(tgamma(0.5), Ok(1.7724538509055159));
        assert_eq!(tgamma(171.5), Ok(9.483367566824801e+307));
        assert_eq!(tgamma(-0.5), Ok(-3.544907701811032));
        assert_eq!(tgamma(5.0), Ok(24.0));
        assert_eq!(tgamma(-1.0), Err(MathErr::Domain));
        assert_eq!(tgamma(200.0), Err(MathErr::Range));
        assert_eq!(tgamma(-200.5).map(|v| v.to_bits()), Ok((-0.0f64).to_bits()));
        assert_eq!(lgamma(0.5), Ok(0.5723649429247004));
        assert_eq!(lgamma(-0.5), Ok(1.265512123484645));
        assert_eq!(lgamma(-1.0), Err(MathErr::Domain));
        assert_eq!(lgamma(1e308), Err(MathErr::Range));
    }

    #[test]
    fn fsum_values() {
        let sum = |v: &[f64]| {
            let mut s = FSum::new();
            for &x in v {
                s.add(x)?;
            }
            s.finish()
        };
        assert_eq!(sum(&[0.1; 10]), Ok(1.0));
        assert_eq!(
            sum(&[1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]),
            Ok(1e-100)
        );
        assert_eq!(
            sum(&[f64::INFINITY, f64::NEG_INFINITY]),
            Err(FSumErr::InfMinusInf)
        );
        assert_eq!(sum(&[1e308, 1e308]), Err(FSumErr::Overflow));
        assert_eq!(sum(&[]), Ok(0.0));
    }

    #[test]
    fn norms() {
        let mut v = [3.0, 4.0];
        assert_eq!(vector_norm(&mut v, 4.0, false), 5.0);
        let mut v: Vec<f64> = (0..10).map(|i| i as f64).collect();
        assert_eq!(vector_norm(&mut v, 9.0, false), 16.881943016134134);
        let mut v = [3.0, 3.0, 3.0];
        assert_eq!(vector_norm(&mut v, 3.0, false), 5.196152422706632);
    }

    #[test]
    fn ldexp_values() {
        assert_eq!(ldexp(1.0, 2), 4.0);
        assert_eq!(ldexp(1.0, -1074), 5e-324);
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(1.5, -1074), 1e-323);
        assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp(1.0, 1023), 8.98846567431158e307);
    }
}
