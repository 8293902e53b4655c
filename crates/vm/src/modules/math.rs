//! The `math` module (CPython 3.11): argument conversion, CPython's error
//! rules ("math domain error" = ValueError, "math range error" =
//! OverflowError, decided from the result the way `math_1`/`math_2` decide
//! from `errno`), integer functions on big ints (`gcd`, `lcm`, `isqrt`,
//! `factorial`, `comb`, `perm`), and `log` of ints too large for a float.
//! The numerical kernels live in [`super::math_special`].

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::math_special::{self as sp, MathErr};
use crate::args::Args;
use crate::error::{PyErr, PyResult, overflow_error, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::protocol::number;
use crate::types::bool_::py_bool;
use crate::types::float::{PyFloat, float_ref};
use crate::types::int::{IntVal, int_from_bigint, int_from_i64, int_val};
use crate::types::module::PyModule;
use crate::types::none::is_none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

#[cold]
fn domain() -> PyErr {
    value_error("math domain error")
}

#[cold]
fn range() -> PyErr {
    overflow_error("math range error")
}

fn merr(e: MathErr) -> PyErr {
    match e {
        MathErr::Domain => domain(),
        MathErr::Range => range(),
    }
}

/// `PyFloat_AsDouble`: floats, ints, `__float__`, `__index__`.
#[inline]
fn f64_arg(vm: &Vm, o: &PyRef) -> PyResult<f64> {
    if let Some(f) = o.downcast::<PyFloat>() {
        return Ok(f.value);
    }
    number::to_f64(vm, o)
}

/// `operator.index(o)` as a `BigInt`.
fn big_arg(vm: &Vm, o: &PyRef) -> PyResult<BigInt> {
    let i = number::index(vm, o)?;
    int_val(&i)
        .map(|v| v.to_bigint())
        .ok_or_else(|| type_error("an integer is required"))
}

/// CPython's `math_1`: NaN from non-NaN is a domain error; an infinity from
/// a finite input is a range error if `can_overflow`, else a domain error.
fn math_1(vm: &Vm, a: Args<'_>, name: &str, f: fn(f64) -> f64, can_overflow: bool) -> PyResult {
    let x = f64_arg(vm, a.one_arg(name)?)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(float_ref(r))
}

macro_rules! unary_fns {
    ($($fname:ident => $pyname:literal, $f:expr, $ovf:expr;)*) => {
        $(
            fn $fname(vm: &Vm, a: Args<'_>) -> PyResult {
                math_1(vm, a, concat!("math.", $pyname), $f, $ovf)
            }
        )*
    };
}

unary_fns! {
    m_acos => "acos", sp::c::acos, false;
    m_acosh => "acosh", sp::c::acosh, false;
    m_asin => "asin", sp::c::asin, false;
    m_asinh => "asinh", sp::c::asinh, false;
    m_atan => "atan", sp::c::atan, false;
    m_atanh => "atanh", sp::c::atanh, false;
    m_cbrt => "cbrt", sp::c::cbrt, false;
    m_cos => "cos", sp::c::cos, false;
    m_cosh => "cosh", sp::c::cosh, true;
    m_erf => "erf", sp::c::erf, false;
    m_erfc => "erfc", sp::c::erfc, false;
    m_exp => "exp", sp::c::exp, true;
    m_exp2 => "exp2", sp::c::exp2, true;
    m_expm1 => "expm1", sp::c::expm1, true;
    m_fabs => "fabs", f64::abs, false;
    m_log1p => "log1p", sp::c::log1p, false;
    m_sin => "sin", sp::c::sin, false;
    m_sinh => "sinh", sp::c::sinh, true;
    m_sqrt => "sqrt", f64::sqrt, false;
    m_tan => "tan", sp::c::tan, false;
    m_tanh => "tanh", sp::c::tanh, false;
}

fn m_gamma(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = f64_arg(vm, a.one_arg("math.gamma")?)?;
    sp::tgamma(x).map(float_ref).map_err(merr)
}

fn m_lgamma(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = f64_arg(vm, a.one_arg("math.lgamma")?)?;
    sp::lgamma(x).map(float_ref).map_err(merr)
}

fn m_degrees(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = f64_arg(vm, a.one_arg("math.degrees")?)?;
    Ok(float_ref(x * (180.0 / std::f64::consts::PI)))
}

fn m_radians(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = f64_arg(vm, a.one_arg("math.radians")?)?;
    Ok(float_ref(x * (std::f64::consts::PI / 180.0)))
}

fn m_isfinite(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(py_bool(
        f64_arg(vm, a.one_arg("math.isfinite")?)?.is_finite(),
    ))
}
fn m_isinf(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(py_bool(
        f64_arg(vm, a.one_arg("math.isinf")?)?.is_infinite(),
    ))
}
fn m_isnan(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(py_bool(f64_arg(vm, a.one_arg("math.isnan")?)?.is_nan()))
}

/// Two float arguments (`name expected 2 arguments, got N`).
fn two_f64(vm: &Vm, a: Args<'_>, name: &str) -> PyResult<(f64, f64)> {
    let [x, y] = a.exact::<2>(name)?;
    Ok((f64_arg(vm, x)?, f64_arg(vm, y)?))
}

/// CPython's `math_2` result check.
fn check_2(x: f64, y: f64, r: f64, can_overflow: bool) -> PyResult {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(float_ref(r))
}

fn m_atan2(vm: &Vm, a: Args<'_>) -> PyResult {
    let (y, x) = two_f64(vm, a, "atan2")?;
    check_2(y, x, sp::c::atan2(y, x), false)
}

fn m_copysign(vm: &Vm, a: Args<'_>) -> PyResult {
    let (x, y) = two_f64(vm, a, "copysign")?;
    Ok(float_ref(x.copysign(y)))
}

fn m_fmod(vm: &Vm, a: Args<'_>) -> PyResult {
    let (x, y) = two_f64(vm, a, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(float_ref(x));
    }
    check_2(x, y, x % y, false)
}

fn m_remainder(vm: &Vm, a: Args<'_>) -> PyResult {
    let (x, y) = two_f64(vm, a, "remainder")?;
    sp::remainder(x, y).map(float_ref).map_err(merr)
}

fn m_pow(vm: &Vm, a: Args<'_>) -> PyResult {
    let (x, y) = two_f64(vm, a, "pow")?;
    math_pow(x, y).map(float_ref).map_err(merr)
}

/// `math.pow` with C99 Annex F special cases and CPython's errors.
pub fn math_pow(x: f64, y: f64) -> Result<f64, MathErr> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = sp::c::pow(x, y);
    if r.is_nan() {
        return Err(MathErr::Domain);
    }
    if r.is_infinite() {
        return Err(if x == 0.0 {
            MathErr::Domain
        } else {
            MathErr::Range
        });
    }
    Ok(r)
}

fn m_nextafter(vm: &Vm, a: Args<'_>) -> PyResult {
    let (x, y) = two_f64(vm, a, "nextafter")?;
    Ok(float_ref(nextafter(x, y)))
}

/// C99 `nextafter`.
pub fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let b = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { b + 1 } else { b - 1 })
}

fn m_ulp(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = f64_arg(vm, a.one_arg("math.ulp")?)?;
    Ok(float_ref(ulp(x)))
}

/// `math.ulp`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let x2 = nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        let x2 = nextafter(x, -f64::INFINITY);
        return x - x2;
    }
    x2 - x
}

fn m_frexp(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = f64_arg(vm, a.one_arg("math.frexp")?)?;
    let (m, e) = if x.is_finite() {
        crate::runtime::hash::frexp(x)
    } else {
        (x, 0)
    };
    Ok(PyTuple::new_ref(vec![float_ref(m), int_from_i64(e as i64)]))
}

fn m_ldexp(vm: &Vm, a: Args<'_>) -> PyResult {
    let [x, i] = a.exact::<2>("ldexp")?;
    let x = f64_arg(vm, x)?;
    let e = match int_val(i) {
        Some(IntVal::Small(v)) => v,
        Some(IntVal::Big(b)) => {
            if b.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        None => return Err(type_error("Expected an int as second argument to ldexp.")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(float_ref(x));
    }
    let r = sp::ldexp(x, e);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(float_ref(r))
}

fn m_modf(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = f64_arg(vm, a.one_arg("math.modf")?)?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    Ok(PyTuple::new_ref(vec![float_ref(f), float_ref(i)]))
}

/// `floor`/`ceil`: exact floats directly, then `__floor__`/`__ceil__`,
/// then `float(x)`.
fn floor_ceil(vm: &Vm, a: Args<'_>, name: &str, dunder: &str, f: fn(f64) -> f64) -> PyResult {
    let x = a.one_arg(name)?;
    if let Some(v) = x.downcast::<PyFloat>().filter(|_| x.is_exact::<PyFloat>()) {
        return crate::types::float::float_to_int(f(v.value));
    }
    if let Some(r) = crate::protocol::call::call_special(vm, x, dunder, &[])? {
        return Ok(r);
    }
    let v = f64_arg(vm, x)?;
    crate::types::float::float_to_int(f(v))
}

fn m_floor(vm: &Vm, a: Args<'_>) -> PyResult {
    floor_ceil(vm, a, "math.floor", "__floor__", f64::floor)
}

fn m_ceil(vm: &Vm, a: Args<'_>) -> PyResult {
    floor_ceil(vm, a, "math.ceil", "__ceil__", f64::ceil)
}

fn m_trunc(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = a.one_arg("math.trunc")?;
    if let Some(v) = x.downcast::<PyFloat>().filter(|_| x.is_exact::<PyFloat>()) {
        return crate::types::float::float_to_int(v.value.trunc());
    }
    match crate::protocol::call::call_special(vm, x, "__trunc__", &[])? {
        Some(r) => Ok(r),
        None => Err(type_error(format!(
            "type {} doesn't define __trunc__ method",
            x.class().name()
        ))),
    }
}

/// `log(x)` for any real `x`, including ints too large for a float;
/// `f` is the float function and `f(2.0)` scales the binary exponent.
fn loghelper(vm: &Vm, x: &PyRef, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(v) = int_val(x) {
        if let IntVal::Big(b) = &v {
            if !b.is_positive() {
                return Err(domain());
            }
            if let Ok(d) = crate::types::int::int_to_f64(&v) {
                return m_log_checked(d, f);
            }
            // Too large for a float: x = m * 2**e with 0.5 <= m < 1.
            let (m, e) = crate::types::int::bigint_frexp(b);
            return Ok(f(m) + f(2.0) * e as f64);
        }
        if let IntVal::Small(i) = v
            && i <= 0
        {
            return Err(domain());
        }
    }
    let d = f64_arg(vm, x)?;
    m_log_checked(d, f)
}

/// CPython's `m_log`/`m_log2`/`m_log10` plus the `math_1` checks.
fn m_log_checked(x: f64, f: fn(f64) -> f64) -> PyResult<f64> {
    if x.is_finite() {
        if x > 0.0 {
            return Ok(f(x));
        }
        return Err(domain());
    }
    if x.is_nan() || x > 0.0 {
        return Ok(x);
    }
    Err(domain())
}

fn m_log(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("log")?;
    let args = a.args;
    if args.is_empty() || args.len() > 2 {
        return Err(type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(vm, &args[0], sp::c::log)?;
    match args.get(1) {
        None => Ok(float_ref(num)),
        Some(b) => {
            let den = loghelper(vm, b, sp::c::log)?;
            if den == 0.0 {
                return Err(crate::error::zero_division_error("float division by zero"));
            }
            Ok(float_ref(num / den))
        }
    }
}

fn m_log2(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(float_ref(loghelper(
        vm,
        a.one_arg("math.log2")?,
        f64::log2,
    )?))
}

fn m_log10(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(float_ref(loghelper(
        vm,
        a.one_arg("math.log10")?,
        f64::log10,
    )?))
}

fn m_fsum(vm: &Vm, a: Args<'_>) -> PyResult {
    let it = crate::protocol::iter::get_iter(vm, a.one_arg("math.fsum")?)?;
    let mut s = sp::FSum::new();
    while let Some(x) = crate::protocol::iter::next(vm, &it)? {
        let v = f64_arg(vm, &x)?;
        s.add(v).map_err(fsum_err)?;
    }
    s.finish().map(float_ref).map_err(fsum_err)
}

fn fsum_err(e: sp::FSumErr) -> PyErr {
    match e {
        sp::FSumErr::Overflow => overflow_error("intermediate overflow in fsum"),
        sp::FSumErr::InfMinusInf => value_error("-inf + inf in fsum"),
    }
}

/// `abs(float(o))` the way `hypot`/`dist` convert coordinates.
fn coord(vm: &Vm, o: &PyRef) -> PyResult<f64> {
    Ok(f64_arg(vm, o)?.abs())
}

fn norm_of(mut v: Vec<f64>) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for &x in &v {
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
    }
    sp::vector_norm(&mut v, max, found_nan)
}

fn m_hypot(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("hypot")?;
    let v = a
        .args
        .iter()
        .map(|o| coord(vm, o))
        .collect::<PyResult<Vec<f64>>>()?;
    Ok(float_ref(norm_of(v)))
}

fn m_dist(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, q] = a.exact::<2>("dist")?;
    let p = crate::protocol::iter::collect(vm, p)?;
    let q = crate::protocol::iter::collect(vm, q)?;
    if p.len() != q.len() {
        return Err(value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut v = Vec::with_capacity(p.len());
    for (x, y) in p.iter().zip(&q) {
        v.push((f64_arg(vm, x)? - f64_arg(vm, y)?).abs());
    }
    Ok(float_ref(norm_of(v)))
}

fn m_isclose(vm: &Vm, a: Args<'_>) -> PyResult {
    let npos = a.positional().len();
    if npos > 2 {
        return Err(type_error(format!(
            "isclose() takes exactly 2 positional arguments ({npos} given)"
        )));
    }
    let [x, y, rel, abs] = a.bind("isclose", ["a", "b", "rel_tol", "abs_tol"], 0, 2)?;
    let (Some(x), Some(y)) = (x, y) else {
        return Err(type_error("isclose() missing required argument"));
    };
    let x = f64_arg(vm, &x)?;
    let y = f64_arg(vm, &y)?;
    let rel = match rel {
        Some(r) => f64_arg(vm, &r)?,
        None => 1e-9,
    };
    let abs = match abs {
        Some(r) => f64_arg(vm, &r)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(py_bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(py_bool(false));
    }
    let diff = (y - x).abs();
    Ok(py_bool(
        (diff <= (rel * y).abs() || diff <= (rel * x).abs()) || diff <= abs,
    ))
}

fn m_prod(vm: &Vm, a: Args<'_>) -> PyResult {
    let npos = a.positional().len();
    if npos != 1 {
        if npos == 0 {
            return Err(type_error(
                "prod() missing required argument 'iterable' (pos 1)",
            ));
        }
        return Err(type_error(format!(
            "prod() takes exactly 1 positional argument ({npos} given)"
        )));
    }
    let [it, start] = a.bind("prod", ["iterable", "start"], 1, 1)?;
    let it = it.ok_or_else(|| type_error("prod() missing required argument 'iterable' (pos 1)"))?;
    let mut acc = start.unwrap_or_else(|| int_from_i64(1));
    let iter = crate::protocol::iter::get_iter(vm, &it)?;
    while let Some(x) = crate::protocol::iter::next(vm, &iter)? {
        // Fast path for small ints.
        if let (Some(p), Some(q)) = (acc.as_small(), x.as_small())
            && let Some(r) = p.checked_mul(q)
        {
            acc = int_from_i64(r);
            continue;
        }
        acc = number::binary_op(vm, &acc, &x, taipan_bytecode::BinaryOp::Multiply)?;
    }
    Ok(acc)
}

// ---------------------------------------------------------------- integers

fn m_gcd(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("gcd")?;
    let mut g = BigInt::zero();
    for x in a.args {
        let v = big_arg(vm, x)?;
        if !g.is_one() {
            g = g.gcd(&v);
        }
    }
    Ok(int_from_bigint(g))
}

fn m_lcm(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("lcm")?;
    let mut l = BigInt::one();
    for x in a.args {
        let v = big_arg(vm, x)?;
        if l.is_zero() {
            continue;
        }
        l = if v.is_zero() {
            BigInt::zero()
        } else {
            l.lcm(&v)
        };
    }
    Ok(int_from_bigint(l.abs()))
}

fn m_isqrt(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = big_arg(vm, a.one_arg("math.isqrt")?)?;
    if n.is_negative() {
        return Err(value_error("isqrt() argument must be nonnegative"));
    }
    Ok(int_from_bigint(n.sqrt()))
}

/// The product of the integers in `lo..hi` (binary splitting keeps the
/// operands balanced, so big products stay near-linear in multiplications).
pub fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut acc = BigInt::one();
        let mut small: u64 = 1;
        for k in lo..hi {
            match small.checked_mul(k) {
                Some(p) => small = p,
                None => {
                    acc *= small;
                    small = k;
                }
            }
        }
        return acc * small;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

fn m_factorial(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = big_arg(vm, a.one_arg("math.factorial")?)?;
    if n.is_negative() {
        return Err(value_error("factorial() not defined for negative values"));
    }
    let n = n.to_i64().ok_or_else(|| {
        overflow_error("factorial() argument should not exceed 9223372036854775807")
    })?;
    Ok(int_from_bigint(range_product(1, n as u64 + 1)))
}

fn m_perm(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("perm", 1, 2)?;
    let n = big_arg(vm, &args[0])?;
    let k = match args.get(1).filter(|k| !is_none(k)) {
        None => {
            if n.is_negative() {
                return Err(value_error("factorial() not defined for negative values"));
            }
            let n = n.to_i64().ok_or_else(|| {
                overflow_error("factorial() argument should not exceed 9223372036854775807")
            })?;
            return Ok(int_from_bigint(range_product(1, n as u64 + 1)));
        }
        Some(k) => big_arg(vm, k)?,
    };
    if n.is_negative() {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(int_from_i64(0));
    }
    let k = k
        .to_u64()
        .ok_or_else(|| overflow_error("k must not exceed 9223372036854775807"))?;
    if k > i64::MAX as u64 {
        return Err(overflow_error("k must not exceed 9223372036854775807"));
    }
    match n.to_u64() {
        Some(nn) => Ok(int_from_bigint(range_product(nn - k + 1, nn + 1))),
        None => Ok(int_from_bigint(big_falling(&n, k))),
    }
}

/// `n * (n-1) * ... * (n-k+1)` for a big `n` (balanced product).
fn big_falling(n: &BigInt, k: u64) -> BigInt {
    fn rec(n: &BigInt, lo: u64, hi: u64) -> BigInt {
        if hi - lo <= 8 {
            let mut acc = BigInt::one();
            for i in lo..hi {
                acc *= n - BigInt::from(i);
            }
            return acc;
        }
        let mid = lo + (hi - lo) / 2;
        rec(n, lo, mid) * rec(n, mid, hi)
    }
    if k == 0 { BigInt::one() } else { rec(n, 0, k) }
}

fn m_comb(vm: &Vm, a: Args<'_>) -> PyResult {
    let [n, k] = a.exact::<2>("comb")?;
    let n = big_arg(vm, n)?;
    let k = big_arg(vm, k)?;
    if n.is_negative() {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(int_from_i64(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let k = k
        .to_i64()
        .ok_or_else(|| overflow_error("min(n - k, k) must not exceed 9223372036854775807"))?
        as u64;
    Ok(int_from_bigint(comb(&n, k)))
}

/// `n choose k` with `k <= n - k`.
pub fn comb(n: &BigInt, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if let Some(nn) = n.to_u64() {
        // Small results: multiplicative formula in u128 while exact.
        let mut r: u128 = 1;
        let mut ok = true;
        for i in 0..k {
            match r.checked_mul((nn - i) as u128) {
                Some(p) => r = p / (i as u128 + 1),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return BigInt::from(r);
        }
        if k > 64 {
            // Divide and conquer: C(n, k) = C(n, j) * C(n-j, k-j) / C(k, j).
            let j = k / 2;
            let a = comb(n, j);
            let b = comb(&BigInt::from(nn - j), k - j);
            let c = comb(&BigInt::from(k), j.min(k - j));
            return a * b / c;
        }
    }
    big_falling(n, k) / range_product(1, k + 1)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("acos", m_acos),
    MethodDef::method("acosh", m_acosh),
    MethodDef::method("asin", m_asin),
    MethodDef::method("asinh", m_asinh),
    MethodDef::method("atan", m_atan),
    MethodDef::method("atan2", m_atan2),
    MethodDef::method("atanh", m_atanh),
    MethodDef::method("cbrt", m_cbrt),
    MethodDef::method("ceil", m_ceil),
    MethodDef::method("comb", m_comb),
    MethodDef::method("copysign", m_copysign),
    MethodDef::method("cos", m_cos),
    MethodDef::method("cosh", m_cosh),
    MethodDef::method("degrees", m_degrees),
    MethodDef::method("dist", m_dist),
    MethodDef::method("erf", m_erf),
    MethodDef::method("erfc", m_erfc),
    MethodDef::method("exp", m_exp),
    MethodDef::method("exp2", m_exp2),
    MethodDef::method("expm1", m_expm1),
    MethodDef::method("fabs", m_fabs),
    MethodDef::method("factorial", m_factorial),
    MethodDef::method("floor", m_floor),
    MethodDef::method("fmod", m_fmod),
    MethodDef::method("frexp", m_frexp),
    MethodDef::method("fsum", m_fsum),
    MethodDef::method("gamma", m_gamma),
    MethodDef::method("gcd", m_gcd),
    MethodDef::method("hypot", m_hypot),
    MethodDef::method("isclose", m_isclose),
    MethodDef::method("isfinite", m_isfinite),
    MethodDef::method("isinf", m_isinf),
    MethodDef::method("isnan", m_isnan),
    MethodDef::method("isqrt", m_isqrt),
    MethodDef::method("lcm", m_lcm),
    MethodDef::method("ldexp", m_ldexp),
    MethodDef::method("lgamma", m_lgamma),
    MethodDef::method("log", m_log),
    MethodDef::method("log10", m_log10),
    MethodDef::method("log1p", m_log1p),
    MethodDef::method("log2", m_log2),
    MethodDef::method("modf", m_modf),
    MethodDef::method("nextafter", m_nextafter),
    MethodDef::method("perm", m_perm),
    MethodDef::method("pow", m_pow),
    MethodDef::method("prod", m_prod),
    MethodDef::method("radians", m_radians),
    MethodDef::method("remainder", m_remainder),
    MethodDef::method("sin", m_sin),
    MethodDef::method("sinh", m_sinh),
    MethodDef::method("sqrt", m_sqrt),
    MethodDef::method("tan", m_tan),
    MethodDef::method("tanh", m_tanh),
    MethodDef::method("trunc", m_trunc),
    MethodDef::method("ulp", m_ulp),
];

/// Creates the `math` module.
pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref(
        "math",
        Some(
            "This module provides access to the mathematical functions\ndefined by the C standard.",
        ),
    );
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    for f in FUNCTIONS {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    md.set_attr("pi", float_ref(std::f64::consts::PI));
    md.set_attr("e", float_ref(std::f64::consts::E));
    md.set_attr("tau", float_ref(std::f64::consts::TAU));
    md.set_attr("inf", float_ref(f64::INFINITY));
    md.set_attr("nan", float_ref(f64::NAN));
    let _ = PyStr::intern("math");
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_functions() {
        assert_eq!(
            comb(&BigInt::from(50), 25),
            BigInt::from(126410606437752u64)
        );
        assert_eq!(
            comb(&(BigInt::one() << 70), 3).to_string(),
            "274250759553534340358464632138771002190616713273449955064807424"
        );
        assert_eq!(comb(&BigInt::from(300), 150).to_string(), {
            let mut r = BigInt::one();
            for i in 0..150u64 {
                r = r * BigInt::from(300 - i) / BigInt::from(i + 1);
            }
            r.to_string()
        });
        assert_eq!(range_product(1, 21), BigInt::from(2432902008176640000u64));
        assert_eq!(range_product(1, 1), BigInt::one());
    }

    #[test]
    fn float_helpers() {
        assert_eq!(ulp(1e308), 1.99584030953472e+292);
        assert_eq!(ulp(-0.0), 5e-324);
        assert_eq!(nextafter(0.0, -1.0), -5e-324);
        assert_eq!(nextafter(1.0, 2.0), 1.0000000000000002);
        assert_eq!(math_pow(0.0, -1.0), Err(MathErr::Domain));
        assert_eq!(math_pow(10.0, 400.0), Err(MathErr::Range));
        assert_eq!(math_pow(f64::NAN, 0.0), Ok(1.0));
        assert_eq!(sp::remainder(5.0, 2.0), Ok(1.0));
        assert_eq!(sp::remainder(7.0, 2.0), Ok(-1.0));
        assert_eq!(sp::remainder(-7.0, 2.0), Ok(1.0));
    }
}
