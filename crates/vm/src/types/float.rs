//! `float`: a boxed `f64`.  Arithmetic follows CPython's `floatobject.c`
//! (floor division and modulo signs, error messages), comparisons with ints
//! are exact, and `repr` is the shortest round-tripping text in CPython's
//! layout (`1e+16`, `0.0001`, `1e-05`, `inf`, `nan`).

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};
use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, overflow_error, type_error, value_error, zero_division_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::int::{IntVal, int_from_bigint, int_to_f64, int_val};
use crate::types::none::{is_none, not_implemented};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a float.
    pub struct PyFloat {
        pub value: f64,
    }
}

pub static FLOAT_TYPE: StaticType = StaticType::new();

impl PyPayload for PyFloat {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        FLOAT_TYPE.get()
    }
}

/// A new float object.
#[inline]
pub fn float_ref(v: f64) -> PyRef {
    crate::object::alloc(PyFloat { value: v })
}

/// The value of a float, or of an int converted to float (for mixed
/// arithmetic); `Ok(None)` for other types.
fn coerce(o: &PyRef) -> PyResult<Option<f64>> {
    if let Some(f) = o.downcast::<PyFloat>() {
        return Ok(Some(f.value));
    }
    match int_val(o) {
        Some(v) => Ok(Some(int_to_f64(&v)?)),
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

/// Shortest round-trip digits and decimal point position of a finite,
/// non-negative `v`: `v = 0.DIGITS * 10**decpt`.
pub fn shortest_digits(v: f64) -> (String, i32) {
    let mut buf = zmij::Buffer::new();
    let s = buf.format_finite(v.abs());
    let (mant, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let mut digits: String = format!("{ip}{fp}");
    let mut decpt = ip.len() as i32 + exp;
    let lead = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..lead);
    decpt -= lead as i32;
    let trimmed = digits.trim_end_matches('0').len();
    digits.truncate(trimmed);
    if digits.is_empty() {
        return ("0".to_string(), 1);
    }
    (digits, decpt)
}

/// `repr(float)`.
pub fn float_repr_str(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v == 0.0 {
        return format!("{sign}0.0");
    }
    let (d, decpt) = shortest_digits(v);
    let n = d.len() as i32;
    if !(-4 < decpt && decpt <= 16) {
        let e = decpt - 1;
        let mant = if n == 1 { d.clone() } else { format!("{}.{}", &d[..1], &d[1..]) };
        return format!("{sign}{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    if decpt <= 0 {
        format!("{sign}0.{}{d}", "0".repeat((-decpt) as usize))
    } else if decpt >= n {
        format!("{sign}{d}{}.0", "0".repeat((decpt - n) as usize))
    } else {
        format!("{sign}{}.{}", &d[..decpt as usize], &d[decpt as usize..])
    }
}

fn float_repr(_: &Vm, o: &PyRef) -> PyResult {
    let f = o.downcast::<PyFloat>().ok_or_else(|| type_error("float expected"))?;
    Ok(PyStr::new_ref(&float_repr_str(f.value)))
}

fn float_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    let f = o.downcast::<PyFloat>().ok_or_else(|| type_error("float expected"))?;
    Ok(crate::runtime::hash::hash_f64(f.value, crate::types::object::hash_pointer(o.bits())))
}

fn float_bool(_: &Vm, o: &PyRef) -> PyResult<bool> {
    Ok(o.downcast::<PyFloat>().is_some_and(|f| f.value != 0.0))
}

/// Exact comparison of a float with an int.
pub fn cmp_float_int(f: f64, i: &IntVal<'_>) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Greater } else { Ordering::Less });
    }
    if let IntVal::Small(v) = i {
        if v.unsigned_abs() < (1u64 << 53) {
            return f.partial_cmp(&(*v as f64));
        }
    }
    let fi = f.trunc();
    let fb = if fi.abs() < 1e18 { BigInt::from(fi as i64) } else { float_to_bigint(fi) };
    let ib = i.to_bigint();
    match fb.cmp(&ib) {
        Ordering::Equal => {
            let frac = f - fi;
            Some(if frac > 0.0 {
                Ordering::Greater
            } else if frac < 0.0 {
                Ordering::Less
            } else {
                Ordering::Equal
            })
        }
        o => Some(o),
    }
}

/// The integer value of a finite, integral float.
pub fn float_to_bigint(f: f64) -> BigInt {
    let (m, e) = crate::runtime::hash::frexp(f);
    // f = m * 2**e, |m| in [0.5, 1): scale mantissa to 53 bits.
    let mant = (m * (1u64 << 53) as f64) as i64;
    let e = e - 53;
    let b = BigInt::from(mant);
    if e >= 0 { b << e as usize } else { b >> (-e) as usize }
}

fn float_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let Some(x) = a.downcast::<PyFloat>().map(|f| f.value) else { return Ok(not_implemented()) };
    let ord = if let Some(y) = b.downcast::<PyFloat>() {
        x.partial_cmp(&y.value)
    } else if let Some(iv) = int_val(b) {
        cmp_float_int(x, &iv)
    } else {
        return Ok(not_implemented());
    };
    Ok(py_bool(match ord {
        Some(o) => crate::protocol::object::ordering_matches(o, op),
        None => op == CompareOp::Ne,
    }))
}

fn float_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    Ok(float_ref(x + y))
}
fn float_sub(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    Ok(float_ref(x - y))
}
fn float_mul(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    Ok(float_ref(x * y))
}
fn float_truediv(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    if y == 0.0 {
        return Err(zero_division_error("float division by zero"));
    }
    Ok(float_ref(x / y))
}

/// Python's float `divmod`.
pub fn float_divmod_vals(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut fd = div.floor();
        if div - fd > 0.5 {
            fd += 1.0;
        }
        fd
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn float_floordiv(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    if y == 0.0 {
        return Err(zero_division_error("float floor division by zero"));
    }
    Ok(float_ref(float_divmod_vals(x, y).0))
}
fn float_mod(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    if y == 0.0 {
        return Err(zero_division_error("float modulo"));
    }
    Ok(float_ref(float_divmod_vals(x, y).1))
}
fn float_divmod(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    if y == 0.0 {
        return Err(zero_division_error("float divmod()"));
    }
    let (q, r) = float_divmod_vals(x, y);
    Ok(crate::types::tuple::PyTuple::new_ref(vec![float_ref(q), float_ref(r)]))
}

fn float_pow(_: &Vm, a: &PyRef, b: &PyRef, m: &PyRef) -> PyResult {
    if !is_none(m) {
        return Err(type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    }
    let (x, y) = both!(a, b);
    if x == 0.0 && y < 0.0 {
        return Err(zero_division_error("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return crate::types::complex::complex_pow_real(x, y);
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(float_ref(r))
}

fn val(o: &PyRef) -> f64 {
    o.downcast::<PyFloat>().map(|f| f.value).unwrap_or(f64::NAN)
}

fn float_neg(_: &Vm, a: &PyRef) -> PyResult {
    Ok(float_ref(-val(a)))
}
fn float_pos(_: &Vm, a: &PyRef) -> PyResult {
    if a.is_exact::<PyFloat>() {
        return Ok(a.clone());
    }
    Ok(float_ref(val(a)))
}
fn float_abs(_: &Vm, a: &PyRef) -> PyResult {
    Ok(float_ref(val(a).abs()))
}

/// `int(f)`: truncation with CPython's errors.
pub fn float_to_int(f: f64) -> PyResult {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e15 {
        return Ok(crate::types::int::int_from_i64(t as i64));
    }
    Ok(int_from_bigint(float_to_bigint(t)))
}

fn float_int(_: &Vm, a: &PyRef) -> PyResult {
    float_to_int(val(a))
}
fn float_float(_: &Vm, a: &PyRef) -> PyResult {
    float_pos_exact(a)
}
fn float_pos_exact(a: &PyRef) -> PyResult {
    if a.is_exact::<PyFloat>() { Ok(a.clone()) } else { Ok(float_ref(val(a))) }
}

/// Parses `float(str)` text; `None` if invalid.
pub fn parse_float(text: &str) -> Option<f64> {
    let s = text.trim();
    let lower = s.to_ascii_lowercase();
    let (sign, body) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0, &lower[1..]),
        Some(b'+') => (1.0, &lower[1..]),
        _ => (1.0, &lower[..]),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(if sign < 0.0 { -f64::NAN } else { f64::NAN }),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let ok = body.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'+' | b'-' | b'_'));
    if !ok {
        return None;
    }
    // underscores only between digits
    let b = body.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' && !(i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            return None;
        }
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    if clean.starts_with('e') || clean.starts_with(".e") || clean == "." {
        return None;
    }
    clean.parse::<f64>().ok().map(|v| sign * v)
}

fn float_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("float")?;
    let args = a.range("float", 0, 1)?;
    let v = match args.first() {
        None => 0.0,
        Some(x) => to_f64_from_any(vm, x)?,
    };
    let t = cls.as_type().ok_or_else(|| type_error("float.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(t, PyFloat { value: v }))
}

/// `float(x)`.
pub fn to_f64_from_any(vm: &Vm, x: &PyRef) -> PyResult<f64> {
    if let Some(f) = x.downcast::<PyFloat>() {
        return Ok(f.value);
    }
    if let Some(s) = x.downcast::<PyStr>() {
        let text = s.to_string_lossy();
        return parse_float(&text).ok_or_else(|| {
            value_error(format!("could not convert string to float: {}", crate::types::str::repr_str(s)))
        });
    }
    if let Some(b) = crate::types::bytes::bytes_data(x) {
        let text = String::from_utf8_lossy(&b).into_owned();
        return parse_float(&text).ok_or_else(|| {
            value_error(format!("could not convert string to float: {}", crate::types::bytes::bytes_repr(&b)))
        });
    }
    crate::protocol::number::to_f64(vm, x)
}

fn float_is_integer(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("is_integer")?;
    let v = val(s);
    Ok(py_bool(v.is_finite() && v.fract() == 0.0))
}

fn float_trunc(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__trunc__")?;
    float_to_int(val(s))
}

fn float_floor(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__floor__")?;
    float_to_int(val(s).floor())
}

fn float_ceil(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__ceil__")?;
    float_to_int(val(s).ceil())
}

/// Round half to even at `ndigits` decimal places (CPython's correctly
/// rounded algorithm via the shortest-repr digits of the exact value).
pub fn round_f64(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if ndigits > 22 {
        return x;
    }
    if ndigits < -308 {
        return 0.0f64.copysign(x);
    }
    // Use exact decimal text of x with enough digits, then round half-even.
    let s = format!("{:.*e}", 40, x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(|c| c.is_ascii_digit()).map(|c| c - b'0').collect();
    // value = 0.d0d1d2... * 10^(exp+1)
    let keep = exp + 1 + ndigits; // number of digits to keep
    if keep < 0 {
        return 0.0f64.copysign(x);
    }
    let keep = keep as usize;
    let mut kept: Vec<u8> = digits.iter().take(keep).copied().collect();
    while kept.len() < keep {
        kept.push(0);
    }
    let rest = &digits[keep.min(digits.len())..];
    let round_up = match rest.first() {
        Some(&d) if d > 5 => true,
        Some(&5) => rest[1..].iter().any(|&d| d != 0) || kept.last().is_some_and(|&l| l % 2 == 1),
        _ => false,
    };
    let mut num = BigInt::from(0);
    for d in &kept {
        num = num * 10 + *d as i64;
    }
    if round_up {
        num += 1;
    }
    let text = format!("{}e{}", num, exp + 1 - keep as i64);
    let r: f64 = text.parse().unwrap_or(x);
    r.copysign(x)
}

fn float_round(_: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("__round__", 1, 2)?;
    let v = val(&args[0]);
    match args.get(1).filter(|n| !is_none(n)) {
        None => {
            let r = v.round();
            let r = if (v - v.trunc()).abs() == 0.5 { 2.0 * (v / 2.0).round() } else { r };
            float_to_int(r)
        }
        Some(n) => {
            let nd = crate::types::int::to_i64(n).ok_or_else(|| type_error("'float' object cannot be interpreted as an integer"))?;
            let r = round_f64(v, nd);
            if r.is_infinite() {
                return Err(overflow_error("rounded value too large to represent"));
            }
            Ok(float_ref(r))
        }
    }
}

fn float_as_integer_ratio(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("as_integer_ratio")?;
    let v = val(s);
    if v.is_infinite() {
        return Err(overflow_error("cannot convert Infinity to integer ratio"));
    }
    if v.is_nan() {
        return Err(value_error("cannot convert NaN to integer ratio"));
    }
    let (m, e) = crate::runtime::hash::frexp(v);
    let mut m = m;
    let mut e = e;
    while m != m.floor() {
        m *= 2.0;
        e -= 1;
    }
    let num = BigInt::from(m as i64);
    let (num, den) = if e >= 0 { (num << e as usize, BigInt::from(1)) } else { (num, BigInt::from(1) << (-e) as usize) };
    Ok(crate::types::tuple::PyTuple::new_ref(vec![int_from_bigint(num), int_from_bigint(den)]))
}

fn float_conjugate(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("conjugate")?;
    float_pos_exact(s)
}

fn float_hex(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("hex")?;
    Ok(PyStr::new_ref(&float_hex_str(val(s))))
}

/// `float.hex()`.
pub fn float_hex_str(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = v.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
    let mut hex = format!("{frac:013x}");
    while hex.len() > 1 && hex.ends_with('0') {
        hex.pop();
    }
    format!("{sign}0x{lead}.{hex}p{}{}", if e < 0 { '-' } else { '+' }, e.abs())
}

fn get_real(_: &Vm, o: &PyRef) -> PyResult {
    float_pos_exact(o)
}
fn get_imag(_: &Vm, _: &PyRef) -> PyResult {
    Ok(float_ref(0.0))
}

fn float_getnewargs(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__getnewargs__")?;
    Ok(crate::types::tuple::PyTuple::new_ref(vec![float_ref(val(s))]))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("is_integer", float_is_integer),
    MethodDef::method("__trunc__", float_trunc),
    MethodDef::method("__floor__", float_floor),
    MethodDef::method("__ceil__", float_ceil),
    MethodDef::method("__round__", float_round),
    MethodDef::method("as_integer_ratio", float_as_integer_ratio),
    MethodDef::method("conjugate", float_conjugate),
    MethodDef::method("hex", float_hex),
    MethodDef::method("__getnewargs__", float_getnewargs),
];

static GETSETS: &[GetSetDef] = &[GetSetDef::new("real", get_real), GetSetDef::new("imag", get_imag)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &FLOAT_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(float_repr),
                hash: Some(float_hash),
                richcompare: Some(float_richcompare),
                nb_bool: Some(float_bool),
                nb_add: Some(float_add),
                nb_sub: Some(float_sub),
                nb_mul: Some(float_mul),
                nb_truediv: Some(float_truediv),
                nb_floordiv: Some(float_floordiv),
                nb_mod: Some(float_mod),
                nb_divmod: Some(float_divmod),
                nb_pow: Some(float_pow),
                nb_neg: Some(float_neg),
                nb_pos: Some(float_pos),
                nb_abs: Some(float_abs),
                nb_int: Some(float_int),
                nb_float: Some(float_float),
                new: Some(float_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE,
            doc: Some("Convert a string or number to a floating point number, if possible."),
            ..TypeSpec::new("float", Layout::of::<PyFloat>())
        },
    )]
}

#[allow(dead_code)]
fn _unused(b: &BigInt) -> Option<f64> {
    b.to_f64()
}
