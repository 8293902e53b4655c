//! `float`: a boxed `f64`.  Arithmetic follows CPython's `floatobject.c`
//! (floor division and modulo signs, error messages), comparisons with ints
//! are exact, and `repr` is the shortest round-tripping text in CPython's
//! layout (`1e+16`, `0.0001`, `1e-05`, `inf`, `nan`).
//!
//! Exact floats are recycled through a per-thread free list (as CPython's
//! `float_freelist`): [`float_ref`] reuses a freed float's memory and
//! `value::dealloc` hands dying exact floats to [`free_exact`], so float
//! arithmetic in a loop does no allocator calls.  A parked float keeps its
//! type reference (types are immortal anyway) and links to the next parked
//! one through its payload.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
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

/// Parked floats kept at most per thread.
const FREE_MAX: usize = 256;

/// The per-thread free list: the first parked float and the list length.
struct FreeList {
    head: std::cell::Cell<*mut Obj<PyFloat>>,
    len: std::cell::Cell<usize>,
}

impl Drop for FreeList {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Frees this thread's parked floats (a thread ending, while it still
/// holds the GIL: freeing drops references to the float type).
pub fn clear_free_list() {
    let _ = FREE.try_with(|f| f.clear());
}

impl FreeList {
    fn clear(&self) {
        self.len.set(0);
        let mut p = self.head.replace(std::ptr::null_mut());
        while !p.is_null() {
            // SAFETY: parked floats are live allocations of `Obj<PyFloat>`
            // owned by the list, linked through their payload bits.
            unsafe {
                let next = (*p).payload.value.to_bits() as usize as *mut Obj<PyFloat>;
                let ty = (*p).header.ty.get();
                drop(Box::from_raw(p));
                drop(PyRef::from_raw(ty as *mut crate::value::ObjHeader));
                p = next;
            }
        }
    }
}

thread_local! {
    static FREE: FreeList = const {
        FreeList { head: std::cell::Cell::new(std::ptr::null_mut()), len: std::cell::Cell::new(0) }
    };
}

/// A new float object.
#[inline]
pub fn float_ref(v: f64) -> PyRef {
    let parked = FREE
        .try_with(|fl| {
            let p = fl.head.get();
            if !p.is_null() {
                // SAFETY: see `FreeList::drop`.
                let next = unsafe { (*p).payload.value.to_bits() } as usize as *mut Obj<PyFloat>;
                fl.head.set(next);
                fl.len.set(fl.len.get() - 1);
            }
            p
        })
        .unwrap_or(std::ptr::null_mut());
    if parked.is_null() {
        return crate::object::alloc(PyFloat { value: v });
    }
    // SAFETY: a parked float is an unreferenced `Obj<PyFloat>` whose header
    // still holds its (float) type reference; it gets a count of one.
    unsafe {
        (*parked).header.refcnt.set(1);
        (*parked).payload.value = v;
        PyRef::from_raw(parked as *mut crate::value::ObjHeader)
    }
}

/// Frees an exact float whose count reached zero, parking it on the free
/// list when there is room.
///
/// # Safety
/// `p` must be an exact float (allocated as `Obj<PyFloat>`) with a count of
/// zero.
#[inline]
pub unsafe fn free_exact(p: *mut crate::value::ObjHeader) {
    let p = p as *mut Obj<PyFloat>;
    let parked = FREE
        .try_with(|fl| {
            let n = fl.len.get();
            if n >= FREE_MAX {
                return false;
            }
            // SAFETY: forwarded from the caller: the float is ours now.
            unsafe { (*p).payload.value = f64::from_bits(fl.head.get() as usize as u64) };
            fl.head.set(p);
            fl.len.set(n + 1);
            true
        })
        .unwrap_or(false);
    if !parked {
        // SAFETY: forwarded from the caller.
        unsafe {
            let ty = (*p).header.ty.get();
            drop(Box::from_raw(p));
            drop(PyRef::from_raw(ty as *mut crate::value::ObjHeader));
        }
    }
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
        let mant = if n == 1 {
            d.clone()
        } else {
            format!("{}.{}", &d[..1], &d[1..])
        };
        return format!(
            "{sign}{mant}e{}{:02}",
            if e < 0 { '-' } else { '+' },
            e.abs()
        );
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
    let f = o
        .downcast::<PyFloat>()
        .ok_or_else(|| type_error("float expected"))?;
    Ok(PyStr::new_ref(&float_repr_str(f.value)))
}

fn float_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    let f = o
        .downcast::<PyFloat>()
        .ok_or_else(|| type_error("float expected"))?;
    Ok(crate::runtime::hash::hash_f64(
        f.value,
        crate::types::object::hash_pointer(o.bits()),
    ))
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
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    if let IntVal::Small(v) = i
        && v.unsigned_abs() < (1u64 << 53)
    {
        return f.partial_cmp(&(*v as f64));
    }
    let fi = f.trunc();
    let fb = if fi.abs() < 1e18 {
        BigInt::from(fi as i64)
    } else {
        float_to_bigint(fi)
    };
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
    if e >= 0 {
        b << e as usize
    } else {
        b >> (-e) as usize
    }
}

fn float_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let Some(x) = a.downcast::<PyFloat>().map(|f| f.value) else {
        return Ok(not_implemented());
    };
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
    Ok(crate::types::tuple::PyTuple::new_ref(vec![
        float_ref(q),
        float_ref(r),
    ]))
}

fn float_pow(_: &Vm, a: &PyRef, b: &PyRef, m: &PyRef) -> PyResult {
    if !is_none(m) {
        return Err(type_error(
            "pow() 3rd argument not allowed unless all arguments are integers",
        ));
    }
    let (x, y) = both!(a, b);
    match float_pow_vals(x, y)? {
        Ok(r) => Ok(float_ref(r)),
        Err(()) => crate::types::complex::complex_pow_real(x, y),
    }
}

/// True if `v` is an odd integer.
fn is_odd_integer(v: f64) -> bool {
    v.is_finite() && (v % 2.0).abs() == 1.0
}

/// `x ** y` for floats (CPython's `float_pow`): `Ok(Err(()))` means the
/// result is complex (negative base, non-integer exponent).
pub fn float_pow_vals(x: f64, y: f64) -> PyResult<Result<f64, ()>> {
    if y == 0.0 {
        return Ok(Ok(1.0));
    }
    if x.is_nan() {
        return Ok(Ok(x));
    }
    if y.is_nan() {
        return Ok(Ok(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(Ok(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            y.abs()
        } else {
            0.0
        }));
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(Ok(if y > 0.0 {
            if odd { x } else { x.abs() }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(zero_division_error(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(Ok(if is_odd_integer(y) { x } else { 0.0 }));
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != y.floor() {
            return Ok(Err(()));
        }
        base = -x;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return Ok(Ok(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(Ok(if negate { -r } else { r }))
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
    if a.is_exact::<PyFloat>() {
        Ok(a.clone())
    } else {
        Ok(float_ref(val(a)))
    }
}

/// Parses `float(str)` text; `None` if invalid.  Accepts surrounding
/// whitespace, a sign, `inf`/`infinity`/`nan` (any case), decimal digits
/// (Unicode decimals too) with single underscores between digits, an
/// optional fraction and exponent; the value is correctly rounded.
pub fn parse_float(text: &str) -> Option<f64> {
    let s = text.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c));
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let sign = |v: f64| if neg { -v } else { v };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Some(sign(f64::INFINITY));
    }
    if body.eq_ignore_ascii_case("nan") {
        return Some(sign(f64::NAN));
    }
    // Normalize to ASCII, validating the grammar
    //   digits ['.' [digits]] | '.' digits, then [e [sign] digits],
    // where digits = digit ('_'? digit)*.
    let mut clean = String::with_capacity(body.len() + 1);
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    let digits = |i: &mut usize, out: &mut String| -> Option<usize> {
        let mut n = 0;
        while *i < chars.len() {
            let c = chars[*i];
            if c == '_' {
                let ok = n > 0 && chars.get(*i + 1).is_some_and(|d| decimal(*d).is_some());
                if !ok {
                    return None;
                }
                *i += 1;
                continue;
            }
            match decimal(c) {
                Some(d) => {
                    out.push((b'0' + d) as char);
                    n += 1;
                    *i += 1;
                }
                None => break,
            }
        }
        Some(n)
    };
    let int_digits = digits(&mut i, &mut clean)?;
    let mut frac_digits = 0;
    if chars.get(i) == Some(&'.') {
        clean.push('.');
        i += 1;
        if chars.get(i) == Some(&'_') {
            return None;
        }
        frac_digits = digits(&mut i, &mut clean)?;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if matches!(chars.get(i), Some('e' | 'E')) {
        clean.push('e');
        i += 1;
        if let Some(c @ ('+' | '-')) = chars.get(i) {
            clean.push(*c);
            i += 1;
        }
        if chars.get(i) == Some(&'_') || digits(&mut i, &mut clean)? == 0 {
            return None;
        }
    }
    if i != chars.len() {
        return None;
    }
    clean.parse::<f64>().ok().map(sign)
}

/// The value of a decimal digit character (ASCII or Unicode `Nd`).
fn decimal(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    if c.is_ascii() {
        return None;
    }
    crate::types::str_methods::unicode_decimal(c as u32)
}

/// `m * 2**e` for a non-negative big `m`, correctly rounded (half to even,
/// subnormals included); `None` if the result overflows.
pub fn exact_to_f64(m: &BigInt, e: i64) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let bits = m.bits() as i64;
    let top = bits + e; // value in [2**(top-1), 2**top)
    if top > 1024 {
        return None;
    }
    if top <= -1075 {
        return Some(0.0);
    }
    let prec = 53 - (-1021 - top).max(0); // significant bits available
    let shift = bits - prec;
    let (q, qe) = if shift > 0 {
        let q = m >> (shift as usize);
        let rem = m - (&q << (shift as usize));
        let half = BigInt::from(1) << ((shift - 1) as usize);
        let up = match rem.cmp(&half) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => q.bit(0),
            std::cmp::Ordering::Less => false,
        };
        (if up { q + 1 } else { q }, e + shift)
    } else {
        (m.clone(), e)
    };
    // q has at most 54 bits and the scaling is exact.
    let qf = q.to_f64()?;
    let r = crate::modules::math_special::ldexp(qf, qe);
    if r.is_infinite() { None } else { Some(r) }
}

/// `float.fromhex(text)`; `Err(true)` for overflow, `Err(false)` for
/// invalid text.
pub fn parse_hex_float(text: &str) -> Result<f64, bool> {
    // Py_ISSPACE: the ASCII whitespace including vertical tab.
    let s = text.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let sign = |v: f64| if neg { -v } else { v };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Ok(sign(f64::INFINITY));
    }
    if body.eq_ignore_ascii_case("nan") {
        return Ok(sign(f64::NAN));
    }
    let b = body.as_bytes();
    let mut i = 0;
    if b.len() >= 2 && b[0] == b'0' && (b[1] | 0x20) == b'x' {
        i = 2;
    }
    let mut mant = BigInt::zero();
    let mut ndig = 0usize;
    let mut frac = 0i64;
    let mut seen_dot = false;
    while i < b.len() {
        let c = b[i];
        if c == b'.' && !seen_dot {
            seen_dot = true;
        } else if let Some(d) = (c as char).to_digit(16) {
            mant = (mant << 4usize) + d;
            ndig += 1;
            if seen_dot {
                frac += 4;
            }
        } else {
            break;
        }
        i += 1;
    }
    if ndig == 0 {
        return Err(false);
    }
    let mut exp: i64 = 0;
    if i < b.len() && (b[i] | 0x20) == b'p' {
        i += 1;
        let start = i;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        let dstart = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == dstart {
            return Err(false);
        }
        // Clamp absurd exponents (the value saturates to 0 or overflow).
        exp = body[start..i]
            .parse::<i64>()
            .unwrap_or(if b[start] == b'-' { -1 << 40 } else { 1 << 40 });
        exp = exp.clamp(-(1 << 40), 1 << 40);
    }
    if i != b.len() {
        return Err(false);
    }
    exact_to_f64(&mant, exp - frac).map(sign).ok_or(true)
}

fn float_fromhex(vm: &Vm, a: Args<'_>) -> PyResult {
    let cls = a
        .args
        .first()
        .cloned()
        .ok_or_else(|| type_error("fromhex needs a class"))?;
    let arg = a.shift().one_arg("float.fromhex")?;
    let s = arg
        .downcast::<PyStr>()
        .ok_or_else(|| type_error(format!("must be str, not {}", arg.class().name())))?;
    let v = parse_hex_float(&s.to_string_lossy()).map_err(|overflow| {
        if overflow {
            overflow_error("hexadecimal value too large to represent as a float")
        } else {
            value_error("invalid hexadecimal floating-point string")
        }
    })?;
    if cls
        .as_type()
        .is_some_and(|t| std::ptr::eq(t, FLOAT_TYPE.get()))
    {
        return Ok(float_ref(v));
    }
    crate::protocol::call::call_pos(vm, &cls, &[float_ref(v)])
}

fn float_getformat(_: &Vm, a: Args<'_>) -> PyResult {
    let arg = a.shift().one_arg("float.__getformat__")?;
    let s = arg.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "__getformat__() argument must be str, not {}",
            arg.class().name()
        ))
    })?;
    match s.as_str() {
        Some("double" | "float") => Ok(PyStr::new_ref("IEEE, little-endian")),
        _ => Err(value_error(
            "__getformat__() argument 1 must be 'double' or 'float'",
        )),
    }
}

fn float_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, spec] = a.exact::<2>("__format__")?;
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
    Ok(PyStr::new_ref(&crate::types::num_format::format_float(
        val(s),
        &spec,
        &s.class().name(),
    )?))
}

fn float_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("float.__new__(X): X is not a type object"))?;
    // Keywords are refused unless a subclass's own `__init__` takes them.
    let object_init = crate::types::object::OBJECT_TYPE.get().slots().init;
    if std::ptr::eq(t, FLOAT_TYPE.get())
        || t.slots().init.map(|f| f as usize) == object_init.map(|f| f as usize)
    {
        a.no_kwargs("float")?;
    }
    let args = Args::pos(a.positional()).range("float", 0, 1)?;
    let v = match args.first() {
        None => 0.0,
        Some(x) => to_f64_from_any(vm, x)?,
    };
    Ok(crate::object::alloc_as(t, PyFloat { value: v }))
}

/// `float(x)`, as CPython's `PyNumber_Float`: an exact float, then
/// `__float__` (a float subclass result is deprecated), `__index__`, a float
/// subclass's own value, and last str and bytes-like text.
pub fn to_f64_from_any(vm: &Vm, x: &PyRef) -> PyResult<f64> {
    if let Some(f) = x.downcast::<PyFloat>()
        && x.is_exact::<PyFloat>()
    {
        return Ok(f.value);
    }
    let t = x.class();
    if let Some(nb_float) = t.slots().nb_float {
        let r = nb_float(vm, x)?;
        let Some(f) = r.downcast::<PyFloat>() else {
            return Err(type_error(format!(
                "{}.__float__ returned non-float (type {})",
                t.name(),
                r.class().name()
            )));
        };
        if !r.is_exact::<PyFloat>() {
            warn_float_subclass(vm, &t.name(), &r)?;
        }
        return Ok(f.value);
    }
    if t.slots().nb_index.is_some() {
        let i = crate::protocol::number::index(vm, x)?;
        if let Some(v) = crate::types::int::int_val(&i) {
            return crate::types::int::int_to_f64(&v);
        }
    }
    if let Some(f) = x.downcast::<PyFloat>() {
        return Ok(f.value);
    }
    if let Some(s) = x.downcast::<PyStr>() {
        let text = s.to_string_lossy();
        return parse_float(&text).ok_or_else(|| {
            value_error(format!(
                "could not convert string to float: {}",
                crate::types::str::repr_str(s)
            ))
        });
    }
    if let Some(b) = crate::types::bytes::bytes_data(x) {
        let text = String::from_utf8_lossy(&b).into_owned();
        return parse_float(&text).ok_or_else(|| {
            value_error(format!(
                "could not convert string to float: {}",
                crate::types::bytes::bytes_repr(&b)
            ))
        });
    }
    Err(type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        t.name()
    )))
}

#[cold]
fn warn_float_subclass(vm: &Vm, tname: &str, r: &PyRef) -> PyResult<()> {
    crate::modules::_warnings::warn(
        vm,
        &crate::types::exceptions::DEPRECATION_WARNING,
        &format!(
            "{tname}.__float__ returned non-float (type {}).  The ability to return an instance of a strict subclass of float is deprecated, and may be removed in a future version of Python.",
            r.class().name()
        ),
        1,
    )
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

/// `round(x, ndigits)`: the exact binary value of `x` rounded half to even
/// at `10**-ndigits` (CPython rounds through `dtoa` the same way), then
/// converted back with one correct rounding.  `None` on overflow.
pub fn round_f64(x: f64, ndigits: i64) -> Option<f64> {
    // Beyond these bounds the result is x itself or a signed zero.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return Some(x);
    }
    if ndigits < NDIGITS_MIN {
        return Some(0.0 * x);
    }
    let r = if ndigits >= 0 {
        // Rust's fixed-precision formatting rounds the exact value half to even.
        format!("{:.*}", ndigits as usize, x).parse::<f64>().ok()?
    } else {
        let (num, den) = ratio_of(x.abs());
        let p = num_traits::pow(BigInt::from(10), (-ndigits) as usize);
        let den_p = &den * &p;
        let (q, rem) = num.div_rem(&den_p);
        let twice: BigInt = rem * 2;
        let q = match twice.cmp(&den_p) {
            std::cmp::Ordering::Greater => q + 1,
            std::cmp::Ordering::Equal if q.bit(0) => q + 1,
            _ => q,
        };
        crate::types::int::bigint_to_f64(&(q * p))?.copysign(x)
    };
    if r.is_infinite() {
        None
    } else {
        Some(r.copysign(x))
    }
}

/// `(numerator, denominator)` of a finite float, in lowest terms.
fn ratio_of(v: f64) -> (BigInt, BigInt) {
    if v == 0.0 {
        return (BigInt::from(0), BigInt::from(1));
    }
    let (m, e) = crate::runtime::hash::frexp(v);
    // v = m * 2**e with |m| < 1: take the 53-bit integer mantissa.
    let mut mant = (m * 9007199254740992.0) as i64;
    let mut e = e as i64 - 53;
    while mant != 0 && mant & 1 == 0 {
        mant >>= 1;
        e += 1;
    }
    let num = BigInt::from(mant);
    if e >= 0 {
        (num << e as usize, BigInt::from(1))
    } else {
        (num, BigInt::from(1) << (-e) as usize)
    }
}

fn float_round(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.shift().range("__round__", 0, 1)?;
    let v = a.args.first().map(val).unwrap_or(f64::NAN);
    match args.first().filter(|n| !is_none(n)) {
        None => {
            let mut r = v.round();
            if (v - r).abs() == 0.5 {
                r = 2.0 * (v / 2.0).round();
            }
            float_to_int(r)
        }
        Some(n) => {
            let n = crate::protocol::number::index(vm, n)?;
            let nd = match crate::types::int::int_val(&n) {
                Some(IntVal::Small(v)) => v,
                Some(IntVal::Big(b)) => {
                    if b.is_negative() {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                }
                None => 0,
            };
            let r = round_f64(v, nd)
                .ok_or_else(|| overflow_error("rounded value too large to represent"))?;
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
    let (num, den) = ratio_of(v);
    Ok(crate::types::tuple::PyTuple::new_ref(vec![
        int_from_bigint(num),
        int_from_bigint(den),
    ]))
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
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let hex = format!("{frac:013x}");
    format!(
        "{sign}0x{lead}.{hex}p{}{}",
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

fn get_real(_: &Vm, o: &PyRef) -> PyResult {
    float_pos_exact(o)
}
fn get_imag(_: &Vm, _: &PyRef) -> PyResult {
    Ok(float_ref(0.0))
}

fn float_getnewargs(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__getnewargs__")?;
    Ok(crate::types::tuple::PyTuple::new_ref(vec![float_ref(val(
        s,
    ))]))
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
    MethodDef::method("__format__", float_format),
    MethodDef::classmethod("fromhex", float_fromhex),
    MethodDef::classmethod("__getformat__", float_getformat),
];

static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("real", get_real),
    GetSetDef::new("imag", get_imag),
];

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
