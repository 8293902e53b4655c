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
    let sign = if ims.starts_with('-') || im.is_nan() && ims.starts_with('-') {
        ""
    } else {
        "+"
    };
    format!("({}{sign}{ims}j)", fmt_part(re))
}

fn c_repr(_: &Vm, o: &PyRef) -> PyResult {
    let c = o
        .downcast::<PyComplex>()
        .ok_or_else(|| type_error("expected complex"))?;
    Ok(PyStr::new_ref(&complex_repr_str(c.re, c.im)))
}

fn c_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    let c = o
        .downcast::<PyComplex>()
        .ok_or_else(|| type_error("expected complex"))?;
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
    let Some(c) = a.downcast::<PyComplex>() else {
        return Ok(not_implemented());
    };
    let eq = if let Some(iv) = int_val(b) {
        // Exact comparison with ints (no float conversion of big ints).
        c.im == 0.0
            && crate::types::float::cmp_float_int(c.re, &iv) == Some(std::cmp::Ordering::Equal)
    } else if let Some(f) = b.downcast::<PyFloat>() {
        c.im == 0.0 && c.re == f.value
    } else if let Some(d) = b.downcast::<PyComplex>() {
        c.re == d.re && c.im == d.im
    } else {
        return Ok(not_implemented());
    };
    Ok(py_bool(eq == (op == CompareOp::Eq)))
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
    let (x, y) = both!(a, b);
    let (re, im) = c_quot(x, y).ok_or_else(|| zero_division_error("complex division by zero"))?;
    Ok(complex_ref(re, im))
}

fn c_prod(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// CPython's `_Py_c_quot`; `None` for division by zero.
fn c_quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

/// `x ** n` by repeated squaring (CPython's `c_powu`).
fn c_powu(x: (f64, f64), n: u64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

#[cold]
fn zero_pow() -> crate::error::PyErr {
    zero_division_error("0.0 to a negative or complex power")
}

/// `(re + im j) ** (er + ei j)` (CPython's `_Py_c_pow`).
pub fn cpow(a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Ok((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(zero_pow());
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
    if phase.is_infinite() {
        // cos/sin of an infinity set EDOM in C, which CPython reports so.
        return Err(zero_pow());
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

/// `complex.__pow__`: integral exponents up to 100 by multiplication, the
/// rest through the polar form; an infinite part is an OverflowError.
pub fn complex_power(a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    let n = b.0 as i64;
    let r = if b.1 == 0.0 && b.0 == n as f64 && b.0.is_finite() {
        if !(-100..=100).contains(&n) {
            cpow(a, (n as f64, 0.0))?
        } else if n > 0 {
            c_powu(a, n as u64)
        } else {
            c_quot((1.0, 0.0), c_powu(a, n.unsigned_abs())).ok_or_else(zero_pow)?
        }
    } else {
        cpow(a, b)?
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(crate::error::overflow_error("complex exponentiation"));
    }
    Ok(r)
}

fn c_pow(_: &Vm, a: &PyRef, b: &PyRef, m: &PyRef) -> PyResult {
    if !is_none(m) {
        return Err(value_error("complex modulo"));
    }
    let (x, y) = both!(a, b);
    let (re, im) = complex_power(x, y)?;
    Ok(complex_ref(re, im))
}

/// A negative float to a fractional power (float.__pow__ delegates here).
pub fn complex_pow_real(x: f64, y: f64) -> PyResult {
    let (re, im) = cpow((x, 0.0), (y, 0.0))?;
    Ok(complex_ref(re, im))
}

fn c_neg(_: &Vm, a: &PyRef) -> PyResult {
    let c = a
        .downcast::<PyComplex>()
        .ok_or_else(|| type_error("expected complex"))?;
    Ok(complex_ref(-c.re, -c.im))
}
fn c_pos(_: &Vm, a: &PyRef) -> PyResult {
    let c = a
        .downcast::<PyComplex>()
        .ok_or_else(|| type_error("expected complex"))?;
    Ok(complex_ref(c.re, c.im))
}
fn c_abs(_: &Vm, a: &PyRef) -> PyResult {
    let c = a
        .downcast::<PyComplex>()
        .ok_or_else(|| type_error("expected complex"))?;
    let r = c.re.hypot(c.im);
    if r.is_infinite() && c.re.is_finite() && c.im.is_finite() {
        return Err(crate::error::overflow_error("absolute value too large"));
    }
    Ok(float_ref(r))
}
fn c_bool(_: &Vm, a: &PyRef) -> PyResult<bool> {
    Ok(a.downcast::<PyComplex>()
        .is_some_and(|c| c.re != 0.0 || c.im != 0.0))
}

/// The length of the float literal at the start of `s` (with an optional
/// sign), and its value; `None` if there is none.
fn scan_float(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && matches!(b[i], b'+' | b'-') {
        i += 1;
    }
    let rest = &s[i..];
    for word in ["infinity", "inf", "nan"] {
        if rest.len() >= word.len()
            && rest.is_char_boundary(word.len())
            && rest[..word.len()].eq_ignore_ascii_case(word)
        {
            let end = i + word.len();
            return crate::types::float::parse_float(&s[..end]).map(|v| (v, end));
        }
    }
    let digit = |c: char| {
        c.is_ascii_digit()
            || (!c.is_ascii() && crate::types::str_methods::unicode_decimal(c as u32).is_some())
    };
    let mut end = i;
    let mut it = s[i..].char_indices().peekable();
    let mut seen_exp = false;
    while let Some((k, c)) = it.next() {
        if digit(c) || c == '_' || c == '.' {
            end = i + k + c.len_utf8();
        } else if (c == 'e' || c == 'E') && !seen_exp {
            // Only part of the number if digits follow (optionally signed).
            let after = &s[i + k + 1..];
            let after = after.strip_prefix(['+', '-']).unwrap_or(after);
            if after.chars().next().is_some_and(digit) {
                seen_exp = true;
                end = i + k + 1 + (s[i + k + 1..].len() - after.len());
                // Skip the sign we just consumed.
                while it.peek().is_some_and(|&(k2, _)| i + k2 < end) {
                    it.next();
                }
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if end == i {
        return None;
    }
    crate::types::float::parse_float(&s[..end]).map(|v| (v, end))
}

/// Parses `complex(str)` text (CPython's accepted forms: `<float>`,
/// `<float>j`, `<float><signed-float>j`, `<float><sign>j`, `<sign>j`, `j`,
/// optionally in parentheses, surrounded by whitespace).
pub fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let ws = |c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
    let mut t = text.trim_matches(ws);
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim_matches(ws);
    }
    if t.is_empty() {
        return None;
    }
    let is_j = |r: &str| r == "j" || r == "J";
    match scan_float(t) {
        Some((x, n)) => {
            let rest = &t[n..];
            if rest.is_empty() {
                return Some((x, 0.0));
            }
            if is_j(rest) {
                return Some((0.0, x));
            }
            if rest.starts_with(['+', '-']) {
                if let Some((y, m)) = scan_float(rest) {
                    if is_j(&rest[m..]) {
                        return Some((x, y));
                    }
                    return None;
                }
                if is_j(&rest[1..]) {
                    return Some((x, if rest.starts_with('-') { -1.0 } else { 1.0 }));
                }
            }
            None
        }
        None => match t {
            "j" | "J" | "+j" | "+J" => Some((0.0, 1.0)),
            "-j" | "-J" => Some((0.0, -1.0)),
            _ => None,
        },
    }
}

/// `complex(str)`: `None` if an underscore is misplaced (CPython's
/// "could not convert string" error), else the parse result.
fn parse_complex_arg(text: &str) -> Option<Option<(f64, f64)>> {
    if !text.contains('_') {
        return Some(parse_complex(text));
    }
    let c: Vec<char> = text.chars().collect();
    let digit = |i: usize| c.get(i).is_some_and(|ch| ch.is_ascii_digit());
    for (i, &ch) in c.iter().enumerate() {
        if ch == '_' && !(i > 0 && digit(i - 1) && digit(i + 1)) {
            return None;
        }
    }
    let clean: String = c.iter().filter(|&&ch| ch != '_').collect();
    Some(parse_complex(&clean))
}

/// `complex(x)`'s first argument: its value and whether it was complex
/// (a complex or an object with `__complex__`).
fn first_arg(vm: &Vm, r: &PyRef) -> PyResult<(f64, f64, bool)> {
    if let Some(c) = r.downcast::<PyComplex>()
        && r.is_exact::<PyComplex>()
    {
        return Ok((c.re, c.im, true));
    }
    if let Some(c) = crate::protocol::call::call_special(vm, r, "__complex__", &[])? {
        return match c.downcast::<PyComplex>() {
            Some(v) => {
                if !c.is_exact::<PyComplex>() {
                    crate::protocol::number::warn_subclass_result(
                        vm,
                        &c,
                        "__complex__",
                        "complex",
                    )?;
                }
                Ok((v.re, v.im, true))
            }
            None => Err(type_error(format!(
                "__complex__ returned non-complex (type {})",
                c.class().name()
            ))),
        };
    }
    if let Some(c) = r.downcast::<PyComplex>() {
        return Ok((c.re, c.im, true));
    }
    let t = r.class();
    if r.downcast::<PyFloat>().is_none()
        && int_val(r).is_none()
        && t.slots().nb_float.is_none()
        && t.slots().nb_index.is_none()
    {
        return Err(type_error(format!(
            "complex() first argument must be a string or a number, not '{}'",
            t.name()
        )));
    }
    Ok((crate::protocol::number::to_f64(vm, r)?, 0.0, false))
}

fn c_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [real, imag] = a.bind("complex", ["real", "imag"], 0, 0)?;
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("complex.__new__(X): X is not a type object"))?;
    let exact_cls = std::ptr::eq(t, COMPLEX_TYPE.get());
    if let (Some(r), None, true) = (&real, &imag, exact_cls)
        && r.is_exact::<PyComplex>()
    {
        return Ok(r.clone());
    }
    let (re, im) = match (real, imag) {
        (None, None) => (0.0, 0.0),
        (r, i) => {
            if let Some(r) = &r
                && let Some(s) = r.downcast::<PyStr>()
            {
                if i.is_some() {
                    return Err(type_error(
                        "complex() can't take second arg if first is a string",
                    ));
                }
                let text = s.to_string_lossy();
                let (re, im) = parse_complex_arg(&text)
                    .ok_or_else(|| {
                        value_error(format!(
                            "could not convert string to complex: {}",
                            crate::types::str::repr_str(s)
                        ))
                    })?
                    .ok_or_else(|| value_error("complex() arg is a malformed string"))?;
                return Ok(crate::object::alloc_as(t, PyComplex { re, im }));
            }
            if let Some(i) = &i
                && i.downcast::<PyStr>().is_some()
            {
                return Err(type_error("complex() second arg can't be a string"));
            }
            let (r1, i1, r_complex) = match &r {
                Some(r) => first_arg(vm, r)?,
                None => (0.0, 0.0, false),
            };
            match &i {
                None => (r1, i1),
                Some(i) => {
                    // CPython: real = r.real - i.imag (only if i is complex),
                    // imag = i.real + r.imag (only if r is complex), so signed
                    // zeros survive `complex(0.0, -0.0)`.
                    let (i_re, i_im, i_complex) = match i.downcast::<PyComplex>() {
                        Some(c) => (c.re, c.im, true),
                        None => {
                            let it = i.class();
                            if i.downcast::<PyFloat>().is_none()
                                && int_val(i).is_none()
                                && it.slots().nb_float.is_none()
                                && it.slots().nb_index.is_none()
                            {
                                return Err(type_error(format!(
                                    "complex() second argument must be a number, not '{}'",
                                    it.name()
                                )));
                            }
                            (crate::protocol::number::to_f64(vm, i)?, 0.0, false)
                        }
                    };
                    let re = if i_complex { r1 - i_im } else { r1 };
                    let im = if r_complex { i_re + i1 } else { i_re };
                    (re, im)
                }
            }
        }
    };
    Ok(crate::object::alloc_as(t, PyComplex { re, im }))
}

fn m_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, spec] = a.exact::<2>("__format__")?;
    let c = s
        .downcast::<PyComplex>()
        .ok_or_else(|| type_error("descriptor '__format__' requires a 'complex' object"))?;
    let spec = spec.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "__format__() argument must be str, not {}",
            spec.class().name()
        ))
    })?;
    let spec = spec.to_string_lossy();
    if spec.is_empty() {
        return crate::protocol::object::str(vm, s);
    }
    Ok(PyStr::new_ref(&crate::types::num_format::format_complex(
        c.re,
        c.im,
        &spec,
        &s.class().name(),
    )?))
}

fn m_getnewargs(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("complex.__getnewargs__")?;
    let c = a
        .args
        .first()
        .and_then(|s| s.downcast::<PyComplex>())
        .ok_or_else(|| type_error("descriptor '__getnewargs__' requires a 'complex' object"))?;
    Ok(crate::types::tuple::PyTuple::new_ref(vec![
        float_ref(c.re),
        float_ref(c.im),
    ]))
}

fn g_real(_: &Vm, o: &PyRef) -> PyResult {
    Ok(float_ref(
        o.downcast::<PyComplex>().map(|c| c.re).unwrap_or(0.0),
    ))
}
fn g_imag(_: &Vm, o: &PyRef) -> PyResult {
    Ok(float_ref(
        o.downcast::<PyComplex>().map(|c| c.im).unwrap_or(0.0),
    ))
}
fn m_conjugate(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("complex.conjugate")?;
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("conjugate needs self"))?;
    let c = s
        .downcast::<PyComplex>()
        .ok_or_else(|| type_error("expected complex"))?;
    Ok(complex_ref(c.re, -c.im))
}

/// `complex.__complex__()`: the value as an exact complex.
fn m_complex(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("complex.__complex__")?;
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("__complex__ needs self"))?;
    if s.is_exact::<PyComplex>() {
        return Ok(s.clone());
    }
    let c = s.downcast::<PyComplex>().ok_or_else(|| {
        type_error(format!(
            "descriptor '__complex__' for 'complex' objects doesn't apply to a '{}' object",
            s.class().name()
        ))
    })?;
    Ok(complex_ref(c.re, c.im))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("conjugate", m_conjugate),
    MethodDef::method("__complex__", m_complex)
        .with_doc("Convert this value to exact type complex."),
    MethodDef::method("__format__", m_format),
    MethodDef::method("__getnewargs__", m_getnewargs),
];
static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("real", g_real),
    GetSetDef::new("imag", g_imag),
];

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
            doc: Some(
                "Create a complex number from a real part and an optional imaginary part.\n\nThis is equivalent to (real + imag*1j) where imag defaults to 0.",
            ),
            ..TypeSpec::new("complex", Layout::of::<PyComplex>())
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing() {
        assert_eq!(parse_complex(" ( 1+2j ) "), Some((1.0, 2.0)));
        assert_eq!(parse_complex("1+2"), None);
        assert_eq!(parse_complex("j"), Some((0.0, 1.0)));
        assert_eq!(parse_complex("-j"), Some((0.0, -1.0)));
        assert_eq!(parse_complex("1-j"), Some((1.0, -1.0)));
        assert_eq!(parse_complex("infj"), Some((0.0, f64::INFINITY)));
        assert_eq!(parse_complex("1_0+2_0j"), Some((10.0, 20.0)));
        assert_eq!(parse_complex("1e5j"), Some((0.0, 1e5)));
        assert_eq!(parse_complex("1e+5-1e-5J"), Some((1e5, -1e-5)));
        assert_eq!(parse_complex(""), None);
        assert_eq!(parse_complex("(1+2j"), None);
        assert_eq!(parse_complex("1 +2j"), None);
        assert_eq!(parse_complex("+1.5"), Some((1.5, 0.0)));
        assert_eq!(parse_complex("1.5e"), None);
        assert_eq!(parse_complex("()"), None);
        assert_eq!(parse_complex("1j+2"), None);
        let (r, i) = parse_complex("-inf+nanj").unwrap();
        assert!(r == f64::NEG_INFINITY && i.is_nan());
    }

    #[test]
    fn powers_and_repr() {
        crate::init();
        assert_eq!(complex_power((1.0, 2.0), (2.0, 0.0)).unwrap(), (-3.0, 4.0));
        assert_eq!(
            complex_power((1.0, 2.0), (-2.0, 0.0)).unwrap(),
            (-0.12, -0.16)
        );
        assert_eq!(
            complex_power((1.0, 2.0), (0.5, 0.0)).unwrap(),
            (1.272019649514069, 0.7861513777574233)
        );
        assert_eq!(
            complex_power((2.0, 0.0), (101.0, 0.0)).unwrap(),
            (2.535301200456459e+30, 0.0)
        );
        assert_eq!(
            complex_power((1.0, 1.0), (200.5, 0.0)).unwrap(),
            (1.392747575898717e+30, 5.768949348994763e+29)
        );
        assert!(complex_power((0.0, 0.0), (-1.0, 0.0)).is_err());
        let r = complex_power((1e200, 1e200), (2.0, 0.0)).unwrap();
        assert!(r.0.is_nan() && r.1.is_nan());
        assert_eq!(complex_repr_str(-0.0, -0.0), "(-0-0j)");
        assert_eq!(complex_repr_str(0.0, -0.0), "-0j");
        assert_eq!(complex_repr_str(f64::NAN, f64::INFINITY), "(nan+infj)");
        assert_eq!(complex_repr_str(1e16, 1.5), "(1e+16+1.5j)");
        assert_eq!(complex_repr_str(-0.0, 1.0), "(-0+1j)");
    }
}
