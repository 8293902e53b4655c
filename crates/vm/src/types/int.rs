//! `int`: small ints live inline in the reference word (see `value.rs`);
//! larger ones are heap objects holding a `num_bigint::BigInt`.  Every
//! operation takes the inline fast path when both operands are small and
//! promotes to big ints on overflow; results that fit are always stored
//! inline again (canonical form), so `is_small` fully describes the range.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, overflow_error, type_error, value_error, zero_division_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::float::float_ref;
use crate::types::int_methods as im;
use crate::types::none::{is_none, not_implemented};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a heap int (big, a bool, or an int-subclass instance).
    pub struct PyInt {
        pub value: BigInt,
    }
}

pub static INT_TYPE: StaticType = StaticType::new();

impl PyPayload for PyInt {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        INT_TYPE.get()
    }
}

/// A borrowed view of an int's value.
pub enum IntVal<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntVal<'_> {
    pub fn to_bigint(&self) -> BigInt {
        match self {
            IntVal::Small(v) => BigInt::from(*v),
            IntVal::Big(b) => (*b).clone(),
        }
    }
}

/// The value of an int (or bool or int subclass); `None` for other objects.
#[inline]
pub fn int_val(o: &PyRef) -> Option<IntVal<'_>> {
    if let Some(v) = o.as_small() {
        return Some(IntVal::Small(v));
    }
    let p = o.downcast::<PyInt>()?;
    match p.value.to_i64() {
        Some(v) if (crate::value::SMALL_MIN..=crate::value::SMALL_MAX).contains(&v) => {
            Some(IntVal::Small(v))
        }
        _ => Some(IntVal::Big(&p.value)),
    }
}

/// True for ints, bools and int-subclass instances.
#[inline]
pub fn is_int(o: &PyRef) -> bool {
    o.is_small() || o.downcast::<PyInt>().is_some()
}

/// An int object for `v`.
#[inline]
pub fn int_from_i64(v: i64) -> PyRef {
    match PyRef::small_int(v) {
        Some(r) => r,
        None => crate::object::alloc(PyInt {
            value: BigInt::from(v),
        }),
    }
}

/// An int object for `v` (inline when it fits).
pub fn int_from_bigint(v: BigInt) -> PyRef {
    if let Some(i) = v.to_i64()
        && let Some(r) = PyRef::small_int(i)
    {
        return r;
    }
    crate::object::alloc(PyInt { value: v })
}

pub fn int_from_u64(v: u64) -> PyRef {
    match i64::try_from(v) {
        Ok(i) => int_from_i64(i),
        Err(_) => int_from_bigint(BigInt::from(v)),
    }
}

/// The value as `BigInt`, if `o` is an int.
pub fn to_bigint(o: &PyRef) -> Option<BigInt> {
    int_val(o).map(|v| v.to_bigint())
}

/// The value as `i64`, if `o` is an int that fits.
pub fn to_i64(o: &PyRef) -> Option<i64> {
    match int_val(o)? {
        IntVal::Small(v) => Some(v),
        IntVal::Big(b) => b.to_i64(),
    }
}

/// True if `o` is a negative int.
pub fn is_negative(o: &PyRef) -> bool {
    match int_val(o) {
        Some(IntVal::Small(v)) => v < 0,
        Some(IntVal::Big(b)) => b.is_negative(),
        None => false,
    }
}

/// `hash(int)`.
pub fn hash_int(o: &PyRef) -> PyResult<i64> {
    match int_val(o) {
        Some(IntVal::Small(v)) => Ok(crate::runtime::hash::hash_i64(v)),
        Some(IntVal::Big(b)) => Ok(crate::runtime::hash::hash_bigint(b)),
        None => Err(type_error("hash of non-int")),
    }
}

/// An int's value as `i64` for use as a count or index (no `__index__`).
pub fn index_i64_opt(o: &PyRef) -> Option<i64> {
    match int_val(o)? {
        IntVal::Small(v) => Some(v),
        IntVal::Big(b) => Some(if b.is_negative() { i64::MIN } else { i64::MAX }),
    }
}

/// `operator.index(o)` as `i64`; `msg` is the TypeError text with `{}` for
/// the type name; too large values raise `IndexError`.
pub fn index_for(vm: &Vm, o: &PyRef, msg: &str) -> PyResult<i64> {
    if let Some(v) = o.as_small() {
        return Ok(v);
    }
    let i = if is_int(o) {
        o.clone()
    } else if o.class().slots().nb_index.is_some() {
        crate::protocol::number::index(vm, o)?
    } else {
        return Err(type_error(msg.replace("{}", &o.class().name())));
    };
    to_i64(&i).ok_or_else(|| {
        crate::error::index_error(format!(
            "cannot fit '{}' into an index-sized integer",
            o.class().name()
        ))
    })
}

/// `o.__index__()` as `i64` with OverflowError on overflow (`PyNumber_AsSsize_t`
/// with `OverflowError`).
pub fn as_ssize(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    let i = crate::protocol::number::index(vm, o)?;
    to_i64(&i)
        .ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t".to_string()))
}

/// `int.__str__` digits limit (`sys.set_int_max_str_digits`).
pub const MAX_STR_DIGITS: usize = 4300;

/// Decimal text of an int (with the 3.11 digit limit).
pub fn int_to_decimal(v: &IntVal<'_>) -> PyResult<String> {
    match v {
        IntVal::Small(i) => Ok(i.to_string()),
        IntVal::Big(b) => bigint_to_decimal(b),
    }
}

/// Decimal text of a big int (with the 3.11 digit limit).
pub fn bigint_to_decimal(b: &BigInt) -> PyResult<String> {
    let limit = crate::vm::int_max_str_digits();
    let too_long = || {
        value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        ))
    };
    if limit > 0 && b.bits() as f64 > (limit as f64) * 3.3219280948873626 + 4.0 {
        return Err(too_long());
    }
    let s = b.to_string();
    if limit > 0 && s.trim_start_matches('-').len() > limit {
        return Err(too_long());
    }
    Ok(s)
}

fn int_repr(_: &Vm, o: &PyRef) -> PyResult {
    let v =
        int_val(o).ok_or_else(|| type_error("descriptor '__repr__' requires a 'int' object"))?;
    Ok(PyStr::new_ref(&int_to_decimal(&v)?))
}

fn int_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    hash_int(o)
}

fn int_bool(_: &Vm, o: &PyRef) -> PyResult<bool> {
    Ok(match int_val(o) {
        Some(IntVal::Small(v)) => v != 0,
        Some(IntVal::Big(b)) => !b.is_zero(),
        None => true,
    })
}

fn cmp_vals(a: &IntVal<'_>, b: &IntVal<'_>) -> std::cmp::Ordering {
    match (a, b) {
        (IntVal::Small(x), IntVal::Small(y)) => x.cmp(y),
        _ => a.to_bigint().cmp(&b.to_bigint()),
    }
}

fn int_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (int_val(a), int_val(b)) else {
        return Ok(not_implemented());
    };
    Ok(py_bool(crate::protocol::object::ordering_matches(
        cmp_vals(&x, &y),
        op,
    )))
}

macro_rules! both {
    ($a:expr, $b:expr) => {
        match (int_val($a), int_val($b)) {
            (Some(x), Some(y)) => (x, y),
            _ => return Ok(not_implemented()),
        }
    };
}

fn int_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    match both!(a, b) {
        (IntVal::Small(x), IntVal::Small(y)) => Ok(int_from_i64(x + y)),
        (x, y) => Ok(int_from_bigint(x.to_bigint() + y.to_bigint())),
    }
}

fn int_sub(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    match both!(a, b) {
        (IntVal::Small(x), IntVal::Small(y)) => Ok(int_from_i64(x - y)),
        (x, y) => Ok(int_from_bigint(x.to_bigint() - y.to_bigint())),
    }
}

fn int_mul(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    match both!(a, b) {
        (IntVal::Small(x), IntVal::Small(y)) => match x.checked_mul(y) {
            Some(r) => Ok(int_from_i64(r)),
            None => Ok(int_from_bigint(BigInt::from(x) * BigInt::from(y))),
        },
        (x, y) => Ok(int_from_bigint(x.to_bigint() * y.to_bigint())),
    }
}

fn int_floordiv(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    match both!(a, b) {
        (_, IntVal::Small(0)) => Err(zero_division_error("integer division or modulo by zero")),
        (IntVal::Small(x), IntVal::Small(y)) => Ok(int_from_i64(Integer::div_floor(&x, &y))),
        (x, y) => Ok(int_from_bigint(x.to_bigint().div_floor(&y.to_bigint()))),
    }
}

fn int_mod(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    match both!(a, b) {
        (_, IntVal::Small(0)) => Err(zero_division_error("integer modulo by zero")),
        (IntVal::Small(x), IntVal::Small(y)) => Ok(int_from_i64(x.mod_floor(&y))),
        (x, y) => Ok(int_from_bigint(x.to_bigint().mod_floor(&y.to_bigint()))),
    }
}

fn int_divmod(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (q, r) = match both!(a, b) {
        (_, IntVal::Small(0)) => {
            return Err(zero_division_error("integer division or modulo by zero"));
        }
        (IntVal::Small(x), IntVal::Small(y)) => (
            int_from_i64(Integer::div_floor(&x, &y)),
            int_from_i64(Integer::mod_floor(&x, &y)),
        ),
        (x, y) => {
            let (q, r) = x.to_bigint().div_mod_floor(&y.to_bigint());
            (int_from_bigint(q), int_from_bigint(r))
        }
    };
    Ok(crate::types::tuple::PyTuple::new_ref(vec![q, r]))
}

/// Correctly rounded `a / b` for ints.
pub fn true_divide(x: &IntVal<'_>, y: &IntVal<'_>) -> PyResult<f64> {
    const EXACT: i64 = 1 << 53;
    if let (IntVal::Small(p), IntVal::Small(q)) = (x, y) {
        if *q == 0 {
            return Err(zero_division_error("division by zero"));
        }
        if p.abs() <= EXACT && q.abs() <= EXACT {
            return Ok(*p as f64 / *q as f64);
        }
    }
    let (p, q) = (x.to_bigint(), y.to_bigint());
    if q.is_zero() {
        return Err(zero_division_error("division by zero"));
    }
    // Scale so the quotient has at least 55 significant bits, keep a sticky
    // bit for a non-zero remainder, then round once at the right position
    // (subnormal results included).
    let neg = p.is_negative() != q.is_negative();
    let (p, q) = (p.abs(), q.abs());
    let shift = (q.bits() as i64) - (p.bits() as i64) + 55;
    let (num, den) = if shift > 0 {
        (p << shift as usize, q)
    } else {
        (p, q << (-shift) as usize)
    };
    let (mut quo, rem) = num.div_rem(&den);
    if !rem.is_zero() {
        quo |= BigInt::one(); // sticky bit
    }
    let r = crate::types::float::exact_to_f64(&quo, -shift)
        .ok_or_else(|| overflow_error("integer division result too large for a float"))?;
    Ok(if neg { -r } else { r })
}

/// `x * 2**e` with correct handling of large exponents.
pub fn libm_ldexp(x: f64, e: i64) -> f64 {
    let mut r = x;
    let mut e = e;
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        r *= 2f64.powi(-1000);
        e += 1000;
    }
    r * 2f64.powi(e as i32)
}

fn int_truediv(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    Ok(float_ref(true_divide(&x, &y)?))
}

/// `int` to `f64`, correctly rounded (OverflowError when too large).
pub fn int_to_f64(v: &IntVal<'_>) -> PyResult<f64> {
    match v {
        IntVal::Small(i) => Ok(*i as f64),
        IntVal::Big(b) => {
            bigint_to_f64(b).ok_or_else(|| overflow_error("int too large to convert to float"))
        }
    }
}

/// A big int as the nearest `f64` (ties to even); `None` if it overflows.
pub fn bigint_to_f64(b: &BigInt) -> Option<f64> {
    let (m, e) = bigint_frexp(b);
    if e > 1024 {
        return None;
    }
    let r = crate::modules::math_special::ldexp(m, e);
    if r.is_finite() { Some(r) } else { None }
}

/// `b = m * 2**e` with `0.5 <= |m| < 1` and `m` rounded to 53 bits, half
/// to even (CPython's `_PyLong_Frexp`); `(0.0, 0)` for zero.
pub fn bigint_frexp(b: &BigInt) -> (f64, i64) {
    if b.is_zero() {
        return (0.0, 0);
    }
    let mag = b.magnitude();
    let bits = mag.bits();
    let (top, shift) = if bits <= 64 {
        (mag.to_u64().unwrap_or(0), 0u64)
    } else {
        // Keep 55 significant bits plus a sticky bit for the discarded rest,
        // so the one rounding of u64 -> f64 below is the correct one.
        let shift = bits - 55;
        let top = (mag >> shift).to_u64().unwrap_or(0);
        let sticky = mag.trailing_zeros().is_some_and(|tz| tz < shift);
        (top | sticky as u64, shift)
    };
    let (m, e) = crate::runtime::hash::frexp(top as f64);
    let m = if b.is_negative() { -m } else { m };
    (m, e as i64 + shift as i64)
}

fn int_pow(vm: &Vm, a: &PyRef, b: &PyRef, m: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    if !is_none(m) {
        let Some(z) = int_val(m) else {
            return Ok(not_implemented());
        };
        let z = z.to_bigint();
        if z.is_zero() {
            return Err(value_error("pow() 3rd argument cannot be 0"));
        }
        let mut base = x.to_bigint();
        let mut e = y.to_bigint();
        if e.is_negative() {
            base = mod_inverse(&base, &z)
                .ok_or_else(|| value_error("base is not invertible for the given modulus"))?;
            e = -e;
        }
        let mut r = base.modpow(&e, &z.abs());
        if z.is_negative() && !r.is_zero() {
            r += &z;
        }
        return Ok(int_from_bigint(r));
    }
    let _ = vm;
    match (&x, &y) {
        (_, IntVal::Small(e)) if *e < 0 => neg_pow(&x, &y),
        (_, IntVal::Big(e)) if e.is_negative() => neg_pow(&x, &y),
        (IntVal::Small(bx), IntVal::Small(e)) => {
            if let Ok(e32) = u32::try_from(*e) {
                if let Some(r) = bx.checked_pow(e32) {
                    return Ok(int_from_i64(r));
                }
                return Ok(int_from_bigint(num_traits::pow(
                    BigInt::from(*bx),
                    e32 as usize,
                )));
            }
            big_pow(&x, &y)
        }
        _ => big_pow(&x, &y),
    }
}

/// `int ** negative int`: float power, as CPython does.
fn neg_pow(x: &IntVal<'_>, y: &IntVal<'_>) -> PyResult {
    let (fx, fy) = (int_to_f64(x)?, int_to_f64(y)?);
    match crate::types::float::float_pow_vals(fx, fy)? {
        Ok(r) => Ok(float_ref(r)),
        Err(()) => crate::types::complex::complex_pow_real(fx, fy),
    }
}

fn big_pow(x: &IntVal<'_>, y: &IntVal<'_>) -> PyResult {
    let b = x.to_bigint();
    if b.is_zero() || b.is_one() {
        return Ok(int_from_bigint(b));
    }
    if b == BigInt::from(-1) {
        let odd = y.to_bigint().is_odd();
        return Ok(int_from_i64(if odd { -1 } else { 1 }));
    }
    let e = y
        .to_bigint()
        .to_usize()
        .ok_or_else(|| crate::error::memory_error(""))?;
    if (b.bits() as u128) * (e as u128) > (1u128 << 36) {
        return Err(crate::error::memory_error(""));
    }
    Ok(int_from_bigint(num_traits::pow(b, e)))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let g = a.extended_gcd(&m);
    if !g.gcd.is_one() {
        return None;
    }
    Some(g.x.mod_floor(&m))
}

fn shift_count(y: &IntVal<'_>) -> PyResult<Option<usize>> {
    match y {
        IntVal::Small(v) if *v < 0 => Err(value_error("negative shift count")),
        IntVal::Small(v) => Ok(usize::try_from(*v).ok()),
        IntVal::Big(b) if b.is_negative() => Err(value_error("negative shift count")),
        IntVal::Big(_) => Ok(None),
    }
}

fn int_lshift(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    let n = shift_count(&y)?;
    let xb = x.to_bigint();
    if xb.is_zero() {
        return Ok(int_from_i64(0));
    }
    match n {
        Some(n) if n < (1 << 33) => {
            if let IntVal::Small(v) = x
                && n < 62
                && v.unsigned_abs() < (1u64 << (62 - n))
            {
                return Ok(int_from_i64(v << n));
            }
            Ok(int_from_bigint(xb << n))
        }
        _ => Err(overflow_error("too many digits in integer")),
    }
}

fn int_rshift(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, y) = both!(a, b);
    let n = shift_count(&y)?;
    match (x, n) {
        (IntVal::Small(v), Some(n)) => Ok(int_from_i64(if n >= 64 {
            if v < 0 { -1 } else { 0 }
        } else {
            v >> n
        })),
        (x, Some(n)) => Ok(int_from_bigint(x.to_bigint() >> n)),
        (x, None) => Ok(int_from_i64(if x.to_bigint().is_negative() {
            -1
        } else {
            0
        })),
    }
}

macro_rules! bitop {
    ($name:ident, $op:tt) => {
        fn $name(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
            match both!(a, b) {
                (IntVal::Small(x), IntVal::Small(y)) => Ok(int_from_i64(x $op y)),
                (x, y) => Ok(int_from_bigint(x.to_bigint() $op y.to_bigint())),
            }
        }
    };
}
bitop!(int_and, &);
bitop!(int_or, |);
bitop!(int_xor, ^);

fn int_neg(_: &Vm, a: &PyRef) -> PyResult {
    match int_val(a) {
        Some(IntVal::Small(v)) => Ok(int_from_i64(-v)),
        Some(IntVal::Big(b)) => Ok(int_from_bigint(-b.clone())),
        None => Ok(not_implemented()),
    }
}

/// `+x` / `int(x)` for an int: the exact-int value.
pub fn int_exact(a: &PyRef) -> PyResult {
    if a.is_small() || a.is_exact::<PyInt>() {
        return Ok(a.clone());
    }
    match int_val(a) {
        Some(IntVal::Small(v)) => Ok(int_from_i64(v)),
        Some(IntVal::Big(b)) => Ok(int_from_bigint(b.clone())),
        None => Err(type_error("expected an int")),
    }
}

fn int_pos(_: &Vm, a: &PyRef) -> PyResult {
    int_exact(a)
}

fn int_abs(_: &Vm, a: &PyRef) -> PyResult {
    match int_val(a) {
        Some(IntVal::Small(v)) => Ok(int_from_i64(v.abs())),
        Some(IntVal::Big(b)) => Ok(int_from_bigint(b.abs())),
        None => Ok(not_implemented()),
    }
}

fn int_invert(_: &Vm, a: &PyRef) -> PyResult {
    match int_val(a) {
        Some(IntVal::Small(v)) => Ok(int_from_i64(!v)),
        Some(IntVal::Big(b)) => Ok(int_from_bigint(-b.clone() - 1)),
        None => Ok(not_implemented()),
    }
}

fn int_float(_: &Vm, a: &PyRef) -> PyResult {
    let v = int_val(a).ok_or_else(|| type_error("expected int"))?;
    Ok(float_ref(int_to_f64(&v)?))
}

/// Parses an int literal the way `int(str, base)` does.
pub fn parse_int(text: &str, base: u32) -> Option<BigInt> {
    crate::types::int_methods::parse_int_text(text, base, false).ok()
}

fn int_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [x, base] = a.bind("int", ["x", "base"], 1, 0)?;
    let v = match (x, base) {
        (None, None) => int_from_i64(0),
        (None, Some(_)) => return Err(type_error("int() missing string argument")),
        (Some(x), None) => crate::protocol::number::to_int(vm, &x)?,
        (Some(x), Some(b)) => {
            let b = to_i64(&crate::protocol::number::index(vm, &b)?).unwrap_or(-1);
            if b != 0 && !(2..=36).contains(&b) {
                return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            int_from_text(vm, &x, b as u32)?
        }
    };
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("int.__new__(X): X is not a type object"))?;
    if std::ptr::eq(t, INT_TYPE.get()) {
        return Ok(v);
    }
    let bv = to_bigint(&v).unwrap_or_default();
    Ok(crate::object::alloc_as(t, PyInt { value: bv }))
}

/// `int(text, base)` for str/bytes/bytearray arguments.
pub fn int_from_text(_vm: &Vm, x: &PyRef, base: u32) -> PyResult {
    crate::types::int_methods::int_from_text(x, base)
}

fn get_real(_: &Vm, o: &PyRef) -> PyResult {
    int_exact(o)
}
fn get_imag(_: &Vm, _: &PyRef) -> PyResult {
    Ok(int_from_i64(0))
}
fn get_one(_: &Vm, _: &PyRef) -> PyResult {
    Ok(int_from_i64(1))
}

fn int_conjugate(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("int.conjugate")?;
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("conjugate needs self"))?;
    int_exact(s)
}

fn int_index(_: &Vm, o: &PyRef) -> PyResult {
    int_exact(o)
}

fn int_getnewargs(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__getnewargs__")?;
    Ok(crate::types::tuple::PyTuple::new_ref(vec![int_exact(s)?]))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("bit_length", im::int_bit_length),
    MethodDef::method("bit_count", im::int_bit_count),
    MethodDef::method("to_bytes", im::int_to_bytes),
    MethodDef::classmethod("from_bytes", im::int_from_bytes),
    MethodDef::method("as_integer_ratio", im::int_as_integer_ratio),
    MethodDef::method("conjugate", int_conjugate),
    MethodDef::method("__trunc__", im::int_self_exact),
    MethodDef::method("__floor__", im::int_self_exact),
    MethodDef::method("__ceil__", im::int_self_exact),
    MethodDef::method("__round__", im::int_round),
    MethodDef::method("__format__", im::int_format),
    MethodDef::method("__sizeof__", im::int_sizeof),
    MethodDef::method("__getnewargs__", int_getnewargs),
];

static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("real", get_real),
    GetSetDef::new("imag", get_imag),
    GetSetDef::new("numerator", get_real),
    GetSetDef::new("denominator", get_one),
];

/// The int slots (bool reuses most of them).
pub const INT_SLOTS: Slots = Slots {
    repr: Some(int_repr),
    hash: Some(int_hash),
    richcompare: Some(int_richcompare),
    nb_bool: Some(int_bool),
    nb_add: Some(int_add),
    nb_sub: Some(int_sub),
    nb_mul: Some(int_mul),
    nb_floordiv: Some(int_floordiv),
    nb_mod: Some(int_mod),
    nb_divmod: Some(int_divmod),
    nb_truediv: Some(int_truediv),
    nb_pow: Some(int_pow),
    nb_lshift: Some(int_lshift),
    nb_rshift: Some(int_rshift),
    nb_and: Some(int_and),
    nb_or: Some(int_or),
    nb_xor: Some(int_xor),
    nb_neg: Some(int_neg),
    nb_pos: Some(int_pos),
    nb_abs: Some(int_abs),
    nb_invert: Some(int_invert),
    nb_index: Some(int_index),
    nb_int: Some(int_index),
    nb_float: Some(int_float),
    new: Some(int_new),
    ..Slots::EMPTY
};

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &INT_TYPE,
        TypeSpec {
            slots: INT_SLOTS,
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE | flags::LONG_SUBCLASS,
            doc: Some(
                "int([x]) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to an integer, or return 0 if no arguments\nare given.  If x is a number, return x.__int__().  For floating point\nnumbers, this truncates towards zero.\n\nIf x is not a number or if base is given, then x must be a string,\nbytes, or bytearray instance representing an integer literal in the\ngiven base.  The literal can be preceded by '+' or '-' and be surrounded\nby whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\nBase 0 means to interpret the base from the string as an integer literal.\n>>> int('0b100', base=0)\n4",
            ),
            ..TypeSpec::new("int", Layout::of::<PyInt>())
        },
    )]
}

#[cfg(test)]
#[path = "num_tests.rs"]
mod num_tests;
