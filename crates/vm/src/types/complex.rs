//! `complex`: a pair of `f64`s with CPython's arithmetic, `repr` and hash.

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error, zero_division_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::float::{PyFloat, float_ref, float_repr_str};
use crate::types::int::{int_to_f64, int_val};
use crate::types::none::{is_none, not_implemented};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a complex number.
    pub struct PyComplex {
        pub re: f64,
        pub im: f64,
    }
}

pub static COMPLEX_TYPE: StaticType = StaticType::new();

impl PyPayload for PyComplex {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        COMPLEX_TYPE.get()
    }
}

pub fn complex_ref(re: f64, im: f64) -> PyRef {
    crate::object::alloc(PyComplex { re, im })
}

fn coerce(o: &PyRef) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = o.downcast::<PyComplex>() {
        return Ok(Some((c.re, c.im)));
    }
    if let Some(f) = o.downcast::<PyFloat>() {
        return Ok(Some((f.value, 0.0)));
    }
    match int_val(o) {
        Some(v) => Ok(Some((int_to_f64(&v)?, 0.0))),
        None => Ok(None),
    }
}

macro_rules! both {
    ($a:expr, $b:expr) => {
        match (coerce($a)?, coerce($b)?) {
            (Some(x), Some(y)) => (x, y),
            _ => return Ok(not_implemented()),
        }
    };
}

fn fmt_part(v: f64) -> String {
    let s = float_repr_str(v);
    s.strip_suffix(".0").map(String::from).unwrap_or(s)
}

/// `repr(complex)`.
pub fn complex_repr_str(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", fmt_part(im));
    }
    let ims = fmt_part(im);
    let sign = if ims.starts_with('-') || im.is_nan() && ims.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{ims}j)", fmt_part(re))
}

fn c_repr(_: &Vm, o: &PyRef) -> PyResult {
    let c = o.downcast::<PyComplex>().ok_or_else(|| type_error("expected complex"))?;
    Ok(PyStr::new_ref(&complex_repr_str(c.re, c.im)))
}

fn c_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    let c = o.downcast::<PyComplex>().ok_or_else(|| type_error("expected complex"))?;
    let id = crate::types::object::hash_pointer(o.bits());
    let hr = crate::runtime::hash::hash_f64(c.re, id) as u64;
    let hi = crate::runtime::hash::hash_f64(c.im, id) as u64;
    let h = hr.wrapping_add(hi.wrapping_mul(1000003)) as i64;
    Ok(if h == -1 { -2 } else { h })
}

fn c_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let ((ar, ai), (br, bi)) = both!(a, b);
    Ok(py_bool((ar == br && ai == bi) == (op == CompareOp::Eq)))
}

fn c_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let ((ar, ai), (br, bi)) = both!(a, b);
    Ok(complex_ref(ar + br, ai + bi))
}
fn c_sub(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let ((ar, ai), (br, bi)) = both!(a, b);
    Ok(complex_ref(ar - br, ai - bi))
}
fn c_mul(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let ((ar, ai), (br, bi)) = both!(a, b);
    Ok(complex_ref(ar * br - ai * bi, ar * bi + ai * br))
}
fn c_div(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let ((ar, ai), (br, bi)) = both!(a, b);
    if br == 0.0 && bi == 0.0 {
        return Err(zero_division_error("complex division by zero"));
    }
    let (re, im) = if br.abs() >= bi.abs() {
        let ratio = bi / br;
        let denom = br + bi * ratio;
        ((ar + ai * ratio) / denom, (ai - ar * ratio) / denom)
    } else {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        ((ar * ratio + ai) / denom, (ai * ratio - ar) / denom)
    };
    Ok(complex_ref(re, im))
}

/// `(re + im j) ** (er + ei j)`.
pub fn cpow(a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Ok((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(zero_division_error("0.0 to a negative or complex power"));
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

fn c_pow(_: &Vm, a: &PyRef, b: &PyRef, m: &PyRef) -> PyResult {
    if !is_none(m) {
        return Err(value_error("complex modulo"));
    }
    let (x, y) = both!(a, b);
    let (re, im) = cpow(x, y)?;
    Ok(complex_ref(re, im))
}

/// A negative float to a fractional power (float.__pow__ delegates here).
pub fn complex_pow_real(x: f64, y: f64) -> PyResult {
    let (re, im) = cpow((x, 0.0), (y, 0.0))?;
    Ok(complex_ref(re, im))
}

fn c_neg(_: &Vm, a: &PyRef) -> PyResult {
    let c = a.downcast::<PyComplex>().ok_or_else(|| type_error("expected complex"))?;
    Ok(complex_ref(-c.re, -c.im))
}
fn c_pos(_: &Vm, a: &PyRef) -> PyResult {
    let c = a.downcast::<PyComplex>().ok_or_else(|| type_error("expected complex"))?;
    Ok(complex_ref(c.re, c.im))
}
fn c_abs(_: &Vm, a: &PyRef) -> PyResult {
    let c = a.downcast::<PyComplex>().ok_or_else(|| type_error("expected complex"))?;
    let r = c.re.hypot(c.im);
    if r.is_infinite() && c.re.is_finite() && c.im.is_finite() {
        return Err(crate::error::overflow_error("absolute value too large"));
    }
    Ok(float_ref(r))
}
fn c_bool(_: &Vm, a: &PyRef) -> PyResult<bool> {
    Ok(a.downcast::<PyComplex>().is_some_and(|c| c.re != 0.0 || c.im != 0.0))
}

fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let t = s.trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t).trim();
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // find split point: last +/- not at start and not after 'e'
        let b = body.as_bytes();
        let mut split = None;
        for i in (1..b.len()).rev() {
            if (b[i] == b'+' || b[i] == b'-') && !matches!(b[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        let (re, im) = match split {
            Some(i) => (&body[..i], &body[i..]),
            None => ("0", body),
        };
        let im = match im {
            "" | "+" => 1.0,
            "-" => -1.0,
            x => crate::types::float::parse_float(x)?,
        };
        let re = crate::types::float::parse_float(re)?;
        return Some((re, im));
    }
    crate::types::float::parse_float(t).map(|r| (r, 0.0))
}

fn c_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [real, imag] = a.bind("complex", ["real", "imag"], 0, 0)?;
    let (re, im) = match (real, imag) {
        (None, None) => (0.0, 0.0),
        (Some(r), i) => {
            if let Some(s) = r.downcast::<PyStr>() {
                if i.is_some() {
                    return Err(type_error("complex() can't take second arg if first is a string"));
                }
                parse_complex(&s.to_string_lossy()).ok_or_else(|| value_error("complex() arg is a malformed string"))?
            } else {
                let (r1, i1) = match coerce(&r)? {
                    Some(x) => x,
                    None => match crate::protocol::call::call_special(vm, &r, "__complex__", &[])? {
                        Some(c) => coerce(&c)?.ok_or_else(|| type_error("__complex__ returned non-complex"))?,
                        None => (crate::protocol::number::to_f64(vm, &r).map_err(|_| {
                            type_error(format!("complex() first argument must be a string or a number, not '{}'", r.class().name()))
                        })?, 0.0),
                    },
                };
                let (r2, i2) = match i {
                    None => (0.0, 0.0),
                    Some(i) => coerce(&i)?.ok_or_else(|| {
                        type_error(format!("complex() second argument must be a number, not '{}'", i.class().name()))
                    })?,
                };
                (r1 - i2, i1 + r2)
            }
        }
        (None, Some(i)) => {
            let (r2, i2) = coerce(&i)?.ok_or_else(|| type_error("complex() second argument must be a number"))?;
            (-i2, r2)
        }
    };
    let t = cls.as_type().ok_or_else(|| type_error("complex.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(t, PyComplex { re, im }))
}

fn g_real(_: &Vm, o: &PyRef) -> PyResult {
    Ok(float_ref(o.downcast::<PyComplex>().map(|c| c.re).unwrap_or(0.0)))
}
fn g_imag(_: &Vm, o: &PyRef) -> PyResult {
    Ok(float_ref(o.downcast::<PyComplex>().map(|c| c.im).unwrap_or(0.0)))
}
fn m_conjugate(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("conjugate")?;
    let c = s.downcast::<PyComplex>().ok_or_else(|| type_error("expected complex"))?;
    Ok(complex_ref(c.re, -c.im))
}

static METHODS: &[MethodDef] = &[MethodDef::method("conjugate", m_conjugate)];
static GETSETS: &[GetSetDef] = &[GetSetDef::new("real", g_real), GetSetDef::new("imag", g_imag)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &COMPLEX_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(c_repr),
                hash: Some(c_hash),
                richcompare: Some(c_richcompare),
                nb_add: Some(c_add),
                nb_sub: Some(c_sub),
                nb_mul: Some(c_mul),
                nb_truediv: Some(c_div),
                nb_pow: Some(c_pow),
                nb_neg: Some(c_neg),
                nb_pos: Some(c_pos),
                nb_abs: Some(c_abs),
                nb_bool: Some(c_bool),
                new: Some(c_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE,
            doc: Some("Create a complex number from a real part and an optional imaginary part.\n\nThis is equivalent to (real + imag*1j) where imag defaults to 0."),
            ..TypeSpec::new("complex", Layout::of::<PyComplex>())
        },
    )]
}
