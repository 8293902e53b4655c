//! The `cmath` module (CPython 3.11).
//!
//! Design.  Each function follows the algorithm CPython uses so results
//! agree to the last bit: non-finite inputs are answered from the
//! special-value tables in [`super::cmath_tables`] (C99 Annex G), large
//! inputs take overflow-avoiding formulas (`CM_LARGE_DOUBLE` = max/4),
//! and the elementary inverse functions are Kahan's formulas built on the
//! complex square root.  Errors mirror C's `errno`: [`MathErr::Domain`]
//! becomes ValueError("math domain error"), [`MathErr::Range`]
//! OverflowError("math range error").  `asin`, `atan`, `sin`, `cos` and
//! `tan` are rotations of their hyperbolic counterparts, as in CPython.

use super::cmath_tables as tab;
use super::math_special::{MathErr, c};
use crate::args::Args;
use crate::error::{PyErr, PyResult, overflow_error, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bool_::py_bool;
use crate::types::complex::{PyComplex, complex_ref};
use crate::types::float::{PyFloat, float_ref};
use crate::types::module::PyModule;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

type C = (f64, f64);

/// One special-value table cell.
#[derive(Clone, Copy)]
pub enum Cell {
    /// The result.
    S(f64, f64),
    /// ValueError.
    E,
    /// OverflowError.
    #[allow(dead_code)]
    O,
}

/// Indexed `[class of real][class of imag]`.
pub type Table = [[Cell; 7]; 7];

const LARGE: f64 = f64::MAX / 4.0;
const LN2: f64 = std::f64::consts::LN_2;
const LN10: f64 = std::f64::consts::LN_10;
const MANT_DIG: i64 = 53;
const SCALE_UP: i64 = 2 * (MANT_DIG / 2) + 1;
const SCALE_DOWN: i64 = -(SCALE_UP + 1) / 2;

fn sqrt_large() -> f64 {
    LARGE.sqrt()
}
fn log_large() -> f64 {
    c::log(LARGE)
}
fn sqrt_dbl_min() -> f64 {
    f64::MIN_POSITIVE.sqrt()
}

fn class(x: f64) -> usize {
    if x.is_nan() {
        6
    } else if x.is_infinite() {
        if x > 0.0 { 5 } else { 0 }
    } else if x == 0.0 {
        if x.is_sign_negative() { 2 } else { 3 }
    } else if x < 0.0 {
        1
    } else {
        4
    }
}

fn lookup(t: &Table, z: C) -> Result<C, MathErr> {
    match t[class(z.0)][class(z.1)] {
        Cell::S(a, b) => Ok((a, b)),
        Cell::E => Err(MathErr::Domain),
        Cell::O => Err(MathErr::Range),
    }
}

fn nonfinite(z: C) -> bool {
    !z.0.is_finite() || !z.1.is_finite()
}

fn ldexp(x: f64, e: i64) -> f64 {
    super::math_special::ldexp(x, e)
}

/// Complex square root (CPython's `cmath_sqrt_impl`).
fn c_sqrt(z: C) -> Result<C, MathErr> {
    if nonfinite(z) {
        return lookup(&tab::SQRT, z);
    }
    if z.0 == 0.0 && z.1 == 0.0 {
        return Ok((0.0, z.1));
    }
    let mut ax = z.0.abs();
    let ay = z.1.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        ax = ldexp(ax, SCALE_UP);
        ldexp((ax + ax.hypot(ldexp(ay, SCALE_UP))).sqrt(), SCALE_DOWN)
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    Ok(if z.0 >= 0.0 {
        (s, d.copysign(z.1))
    } else {
        (d, s.copysign(z.1))
    })
}

fn c_acos(z: C) -> Result<C, MathErr> {
    if nonfinite(z) {
        return lookup(&tab::ACOS, z);
    }
    if z.0.abs() > LARGE || z.1.abs() > LARGE {
        let re = c::atan2(z.1.abs(), z.0);
        let l = c::log((z.0 / 2.0).hypot(z.1 / 2.0)) + LN2 * 2.0;
        let im = if z.0 < 0.0 {
            -l.copysign(z.1)
        } else {
            l.copysign(-z.1)
        };
        return Ok((re, im));
    }
    let s1 = c_sqrt((1.0 - z.0, -z.1))?;
    let s2 = c_sqrt((1.0 + z.0, z.1))?;
    Ok((
        2.0 * c::atan2(s1.0, s2.0),
        c::asinh(s2.0 * s1.1 - s2.1 * s1.0),
    ))
}

fn c_acosh(z: C) -> Result<C, MathErr> {
    if nonfinite(z) {
        return lookup(&tab::ACOSH, z);
    }
    if z.0.abs() > LARGE || z.1.abs() > LARGE {
        return Ok((
            c::log((z.0 / 2.0).hypot(z.1 / 2.0)) + LN2 * 2.0,
            c::atan2(z.1, z.0),
        ));
    }
    let s1 = c_sqrt((z.0 - 1.0, z.1))?;
    let s2 = c_sqrt((z.0 + 1.0, z.1))?;
    Ok((
        c::asinh(s1.0 * s2.0 + s1.1 * s2.1),
        2.0 * c::atan2(s1.1, s2.0),
    ))
}

fn c_asinh(z: C) -> Result<C, MathErr> {
    if nonfinite(z) {
        return lookup(&tab::ASINH, z);
    }
    if z.0.abs() > LARGE || z.1.abs() > LARGE {
        let l = c::log((z.0 / 2.0).hypot(z.1 / 2.0)) + LN2 * 2.0;
        let re = if z.1 >= 0.0 {
            l.copysign(z.0)
        } else {
            -l.copysign(-z.0)
        };
        return Ok((re, c::atan2(z.1, z.0.abs())));
    }
    let s1 = c_sqrt((1.0 + z.1, -z.0))?;
    let s2 = c_sqrt((1.0 - z.1, z.0))?;
    Ok((
        c::asinh(s1.0 * s2.1 - s2.0 * s1.1),
        c::atan2(z.1, s1.0 * s2.0 - s1.1 * s2.1),
    ))
}

fn c_asin(z: C) -> Result<C, MathErr> {
    let s = c_asinh((-z.1, z.0))?;
    Ok((s.1, -s.0))
}

fn c_atanh(z: C) -> Result<C, MathErr> {
    if nonfinite(z) {
        return lookup(&tab::ATANH, z);
    }
    if z.0 < 0.0 {
        let r = c_atanh((-z.0, -z.1))?;
        return Ok((-r.0, -r.1));
    }
    let ay = z.1.abs();
    if z.0 > sqrt_large() || ay > sqrt_large() {
        let h = (z.0 / 2.0).hypot(z.1 / 2.0);
        return Ok((
            z.0 / 4.0 / h / h,
            -(std::f64::consts::FRAC_PI_2).copysign(-z.1),
        ));
    }
    if z.0 == 1.0 && ay < sqrt_dbl_min() {
        if ay == 0.0 {
            return Err(MathErr::Domain);
        }
        let re = -c::log(ay.sqrt() / ay.hypot(2.0).sqrt());
        return Ok((re, (c::atan2(2.0, -ay) / 2.0).copysign(z.1)));
    }
    let re = c::log1p(4.0 * z.0 / ((1.0 - z.0) * (1.0 - z.0) + ay * ay)) / 4.0;
    let im = -c::atan2(-2.0 * z.1, (1.0 - z.0) * (1.0 + z.0) - ay * ay) / 2.0;
    Ok((re, im))
}

fn c_atan(z: C) -> Result<C, MathErr> {
    let s = c_atanh((-z.1, z.0))?;
    Ok((s.1, -s.0))
}

/// Shared shape of `cosh`/`sinh`/`exp`/`tanh` for non-finite input: an
/// infinite real part with a finite non-zero imaginary part is computed
/// from the signs of cos/sin; the rest comes from the table; `edom` says
/// when C sets EDOM.
fn hyper_special(
    z: C,
    t: &Table,
    inf_case: impl Fn(f64, f64) -> C,
    edom: bool,
) -> Result<C, MathErr> {
    let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
        inf_case(c::cos(z.1), c::sin(z.1))
    } else {
        match t[class(z.0)][class(z.1)] {
            Cell::S(a, b) => (a, b),
            Cell::E => return Err(MathErr::Domain),
            Cell::O => return Err(MathErr::Range),
        }
    };
    if edom {
        return Err(MathErr::Domain);
    }
    Ok(r)
}

fn overflow_check(r: C) -> Result<C, MathErr> {
    if r.0.is_infinite() || r.1.is_infinite() {
        Err(MathErr::Range)
    } else {
        Ok(r)
    }
}

fn c_cosh(z: C) -> Result<C, MathErr> {
    const INF: f64 = f64::INFINITY;
    if nonfinite(z) {
        let pos = z.0 > 0.0;
        return hyper_special(
            z,
            &tab::COSH,
            |co, si| {
                if pos {
                    (INF.copysign(co), INF.copysign(si))
                } else {
                    (INF.copysign(co), -INF.copysign(si))
                }
            },
            z.1.is_infinite() && !z.0.is_nan(),
        );
    }
    let r = if z.0.abs() > log_large() {
        let xm1 = z.0 - 1.0f64.copysign(z.0);
        (
            c::cos(z.1) * c::cosh(xm1) * std::f64::consts::E,
            c::sin(z.1) * c::sinh(xm1) * std::f64::consts::E,
        )
    } else {
        (c::cos(z.1) * c::cosh(z.0), c::sin(z.1) * c::sinh(z.0))
    };
    overflow_check(r)
}

fn c_sinh(z: C) -> Result<C, MathErr> {
    const INF: f64 = f64::INFINITY;
    if nonfinite(z) {
        let pos = z.0 > 0.0;
        return hyper_special(
            z,
            &tab::SINH,
            |co, si| {
                if pos {
                    (INF.copysign(co), INF.copysign(si))
                } else {
                    (-INF.copysign(co), INF.copysign(si))
                }
            },
            z.1.is_infinite() && !z.0.is_nan(),
        );
    }
    let r = if z.0.abs() > log_large() {
        let xm1 = z.0 - 1.0f64.copysign(z.0);
        (
            c::cos(z.1) * c::sinh(xm1) * std::f64::consts::E,
            c::sin(z.1) * c::cosh(xm1) * std::f64::consts::E,
        )
    } else {
        (c::cos(z.1) * c::sinh(z.0), c::sin(z.1) * c::cosh(z.0))
    };
    overflow_check(r)
}

fn c_tanh(z: C) -> Result<C, MathErr> {
    if nonfinite(z) {
        let pos = z.0 > 0.0;
        return hyper_special(
            z,
            &tab::TANH,
            |co, si| (if pos { 1.0 } else { -1.0 }, 0.0f64.copysign(2.0 * si * co)),
            z.1.is_infinite() && z.0.is_finite(),
        );
    }
    if z.0.abs() > log_large() {
        return Ok((
            1.0f64.copysign(z.0),
            4.0 * c::sin(z.1) * c::cos(z.1) * c::exp(-2.0 * z.0.abs()),
        ));
    }
    let tx = c::tanh(z.0);
    let ty = c::tan(z.1);
    let cx = 1.0 / c::cosh(z.0);
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    Ok((tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx))
}

fn c_exp(z: C) -> Result<C, MathErr> {
    const INF: f64 = f64::INFINITY;
    if nonfinite(z) {
        let pos = z.0 > 0.0;
        return hyper_special(
            z,
            &tab::EXP,
            |co, si| {
                if pos {
                    (INF.copysign(co), INF.copysign(si))
                } else {
                    (0.0f64.copysign(co), 0.0f64.copysign(si))
                }
            },
            z.1.is_infinite() && (z.0.is_finite() || (z.0.is_infinite() && z.0 > 0.0)),
        );
    }
    let r = if z.0 > log_large() {
        let l = c::exp(z.0 - 1.0);
        (
            l * c::cos(z.1) * std::f64::consts::E,
            l * c::sin(z.1) * std::f64::consts::E,
        )
    } else {
        let l = c::exp(z.0);
        (l * c::cos(z.1), l * c::sin(z.1))
    };
    overflow_check(r)
}

fn rot(f: fn(C) -> Result<C, MathErr>, z: C) -> Result<C, MathErr> {
    let s = f((-z.1, z.0))?;
    Ok((s.1, -s.0))
}

fn c_sin(z: C) -> Result<C, MathErr> {
    rot(c_sinh, z)
}
fn c_tan(z: C) -> Result<C, MathErr> {
    rot(c_tanh, z)
}
fn c_cos(z: C) -> Result<C, MathErr> {
    c_cosh((-z.1, z.0))
}

fn c_log(z: C) -> Result<C, MathErr> {
    if nonfinite(z) {
        return lookup(&tab::LOG, z);
    }
    let ax = z.0.abs();
    let ay = z.1.abs();
    let re = if ax > LARGE || ay > LARGE {
        c::log((ax / 2.0).hypot(ay / 2.0)) + LN2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            c::log(ldexp(ax, MANT_DIG).hypot(ldexp(ay, MANT_DIG))) - MANT_DIG as f64 * LN2
        } else {
            return Err(MathErr::Domain);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            c::log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            c::log(h)
        }
    };
    Ok((re, c::atan2(z.1, z.0)))
}

fn c_log10(z: C) -> Result<C, MathErr> {
    let r = c_log(z)?;
    Ok((r.0 / LN10, r.1 / LN10))
}

/// CPython's `c_atan2` (the phase, with its own special cases); an
/// underflowing result sets ERANGE in C, which `phase`/`polar` report.
fn c_atan2(z: C) -> Result<f64, MathErr> {
    let r = c_atan2_value(z);
    if r == 0.0 && z.1 != 0.0 && z.1.is_finite() && z.0.is_finite() {
        return Err(MathErr::Range);
    }
    Ok(r)
}

fn c_atan2_value(z: C) -> f64 {
    use std::f64::consts::PI;
    if z.0.is_nan() || z.1.is_nan() {
        return f64::NAN;
    }
    if z.1.is_infinite() {
        if z.0.is_infinite() {
            return if z.0.is_sign_positive() {
                (0.25 * PI).copysign(z.1)
            } else {
                (0.75 * PI).copysign(z.1)
            };
        }
        return (0.5 * PI).copysign(z.1);
    }
    if z.0.is_infinite() || z.1 == 0.0 {
        return if z.0.is_sign_positive() {
            0.0f64.copysign(z.1)
        } else {
            PI.copysign(z.1)
        };
    }
    c::atan2(z.1, z.0)
}

/// `abs(z)` with the C99 rules for infinities and NaNs.
fn c_abs(z: C) -> Result<f64, MathErr> {
    if nonfinite(z) {
        if z.0.is_infinite() || z.1.is_infinite() {
            return Ok(f64::INFINITY);
        }
        return Ok(f64::NAN);
    }
    let r = z.0.hypot(z.1);
    if r.is_infinite() {
        Err(MathErr::Range)
    } else {
        Ok(r)
    }
}

/// `PyComplex_AsCComplex`.
fn carg(vm: &Vm, o: &PyRef) -> PyResult<C> {
    if let Some(c) = o.downcast::<PyComplex>() {
        return Ok((c.re, c.im));
    }
    if let Some(f) = o.downcast::<PyFloat>() {
        return Ok((f.value, 0.0));
    }
    if let Some(r) = crate::protocol::call::call_special(vm, o, "__complex__", &[])? {
        return match r.downcast::<PyComplex>() {
            Some(c) => Ok((c.re, c.im)),
            None => Err(type_error(format!(
                "__complex__ returned non-complex (type {})",
                r.class().name()
            ))),
        };
    }
    Ok((crate::protocol::number::to_f64(vm, o)?, 0.0))
}

fn merr(e: MathErr) -> PyErr {
    match e {
        MathErr::Domain => value_error("math domain error"),
        MathErr::Range => overflow_error("math range error"),
    }
}

macro_rules! cfuncs {
    ($($fname:ident => $pyname:literal, $f:ident;)*) => {
        $(
            fn $fname(vm: &Vm, a: Args<'_>) -> PyResult {
                let z = carg(vm, a.one_arg(concat!("cmath.", $pyname))?)?;
                let (re, im) = $f(z).map_err(merr)?;
                Ok(complex_ref(re, im))
            }
        )*
    };
}

cfuncs! {
    m_acos => "acos", c_acos;
    m_acosh => "acosh", c_acosh;
    m_asin => "asin", c_asin;
    m_asinh => "asinh", c_asinh;
    m_atan => "atan", c_atan;
    m_atanh => "atanh", c_atanh;
    m_cos => "cos", c_cos;
    m_cosh => "cosh", c_cosh;
    m_exp => "exp", c_exp;
    m_log10 => "log10", c_log10;
    m_sin => "sin", c_sin;
    m_sinh => "sinh", c_sinh;
    m_sqrt => "sqrt", c_sqrt;
    m_tan => "tan", c_tan;
    m_tanh => "tanh", c_tanh;
}

/// CPython's `_Py_c_quot` for `log(x, base)`; division by zero is EDOM.
fn quot(a: C, b: C) -> Result<C, MathErr> {
    let (abr, abi) = (b.0.abs(), b.1.abs());
    if abr >= abi {
        if abr == 0.0 {
            return Err(MathErr::Domain);
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Ok(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abi >= abr {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Ok(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Ok((f64::NAN, f64::NAN))
    }
}

fn m_log(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("log", 1, 2)?;
    let x = carg(vm, &args[0])?;
    // C keeps going after a domain error (errno is checked at the end), so
    // a bad base still reports the same error.
    let lx = c_log(x);
    let r = match args.get(1) {
        None => lx,
        Some(b) => {
            let lb = c_log(carg(vm, b)?);
            match (lx, lb) {
                (Ok(p), Ok(q)) => quot(p, q),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
    };
    let (re, im) = r.map_err(merr)?;
    Ok(complex_ref(re, im))
}

fn m_phase(vm: &Vm, a: Args<'_>) -> PyResult {
    let z = carg(vm, a.one_arg("cmath.phase")?)?;
    Ok(float_ref(c_atan2(z).map_err(merr)?))
}

fn m_polar(vm: &Vm, a: Args<'_>) -> PyResult {
    let z = carg(vm, a.one_arg("cmath.polar")?)?;
    // `abs` resets errno after the phase, so only its own overflow counts.
    let phi = c_atan2_value(z);
    let r = c_abs(z).map_err(merr)?;
    Ok(PyTuple::new_ref(vec![float_ref(r), float_ref(phi)]))
}

fn m_rect(vm: &Vm, a: Args<'_>) -> PyResult {
    let [r, phi] = a.exact::<2>("rect")?;
    let r = crate::protocol::number::to_f64(vm, r)?;
    let phi = crate::protocol::number::to_f64(vm, phi)?;
    let z = if !r.is_finite() || !phi.is_finite() {
        const INF: f64 = f64::INFINITY;
        let v = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let (co, si) = (c::cos(phi), c::sin(phi));
            if r > 0.0 {
                (INF.copysign(co), INF.copysign(si))
            } else {
                (-INF.copysign(co), -INF.copysign(si))
            }
        } else {
            lookup(&tab::RECT, (r, phi)).map_err(merr)?
        };
        if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            return Err(merr(MathErr::Domain));
        }
        v
    } else if phi == 0.0 {
        (r, r * phi)
    } else {
        (r * c::cos(phi), r * c::sin(phi))
    };
    Ok(complex_ref(z.0, z.1))
}

fn m_isfinite(vm: &Vm, a: Args<'_>) -> PyResult {
    let z = carg(vm, a.one_arg("cmath.isfinite")?)?;
    Ok(py_bool(z.0.is_finite() && z.1.is_finite()))
}
fn m_isinf(vm: &Vm, a: Args<'_>) -> PyResult {
    let z = carg(vm, a.one_arg("cmath.isinf")?)?;
    Ok(py_bool(z.0.is_infinite() || z.1.is_infinite()))
}
fn m_isnan(vm: &Vm, a: Args<'_>) -> PyResult {
    let z = carg(vm, a.one_arg("cmath.isnan")?)?;
    Ok(py_bool(z.0.is_nan() || z.1.is_nan()))
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
    let x = carg(vm, &x)?;
    let y = carg(vm, &y)?;
    let rel = match rel {
        Some(r) => crate::protocol::number::to_f64(vm, &r)?,
        None => 1e-9,
    };
    let abs = match abs {
        Some(r) => crate::protocol::number::to_f64(vm, &r)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(py_bool(true));
    }
    if x.0.is_infinite() || x.1.is_infinite() || y.0.is_infinite() || y.1.is_infinite() {
        return Ok(py_bool(false));
    }
    let diff = (x.0 - y.0).hypot(x.1 - y.1);
    let ax = x.0.hypot(x.1);
    let ay = y.0.hypot(y.1);
    Ok(py_bool(
        (diff <= rel * ay || diff <= rel * ax) || diff <= abs,
    ))
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("acos", m_acos),
    MethodDef::method("acosh", m_acosh),
    MethodDef::method("asin", m_asin),
    MethodDef::method("asinh", m_asinh),
    MethodDef::method("atan", m_atan),
    MethodDef::method("atanh", m_atanh),
    MethodDef::method("cos", m_cos),
    MethodDef::method("cosh", m_cosh),
    MethodDef::method("exp", m_exp),
    MethodDef::method("isclose", m_isclose),
    MethodDef::method("isfinite", m_isfinite),
    MethodDef::method("isinf", m_isinf),
    MethodDef::method("isnan", m_isnan),
    MethodDef::method("log", m_log),
    MethodDef::method("log10", m_log10),
    MethodDef::method("phase", m_phase),
    MethodDef::method("polar", m_polar),
    MethodDef::method("rect", m_rect),
    MethodDef::method("sin", m_sin),
    MethodDef::method("sinh", m_sinh),
    MethodDef::method("sqrt", m_sqrt),
    MethodDef::method("tan", m_tan),
    MethodDef::method("tanh", m_tanh),
];

/// Creates the `cmath` module.
pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref(
        "cmath",
        Some("This module provides access to mathematical functions for complex\nnumbers."),
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
    md.set_attr("infj", complex_ref(0.0, f64::INFINITY));
    md.set_attr("nan", float_ref(f64::NAN));
    md.set_attr("nanj", complex_ref(0.0, f64::NAN));
    Ok(m)
}
