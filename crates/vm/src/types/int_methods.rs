//! The named methods of `int` (`bit_count`, `to_bytes`, `from_bytes`,
//! `__round__`, ...) and the text parser behind `int(str, base)`.
//!
//! Parsing follows CPython's `PyLong_FromString`: surrounding whitespace,
//! one sign, a base prefix (`0x`/`0o`/`0b`, any case) for base 0 or the
//! matching base, single underscores between digits (and right after a
//! prefix), Unicode decimal digits, and in base 0 no leading zeros on a
//! non-zero value.  The 4300-digit limit of 3.11 applies to bases that are
//! not powers of two.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, Zero};

use crate::args::Args;
use crate::error::{PyResult, overflow_error, type_error, value_error};
use crate::types::int::{IntVal, int_exact, int_from_bigint, int_from_i64, int_val, to_bigint};
use crate::types::none::is_none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// Why `int(text, base)` failed.
#[derive(Debug, PartialEq, Eq)]
pub enum ParseIntError {
    /// "invalid literal for int() with base N: ..."
    Invalid,
    /// More digits than `sys.get_int_max_str_digits()` (the count).
    TooManyDigits(usize),
}

/// ASCII digit values in bases up to 36 (`0-9`, `a-z`, `A-Z`); 255 for
/// every other byte.
static ASCII_DIGIT: [u8; 256] = {
    let mut t = [255u8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 26 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// Python's `str.isspace` for the characters `int()` strips.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Parses an int literal the way `int(text, base)` does (`base` is 0 or
/// 2..=36); `ascii_only` is set for bytes input (only ASCII whitespace).
pub fn parse_int_text(text: &str, base: u32, ascii_only: bool) -> Result<BigInt, ParseIntError> {
    let space = |c: char| {
        if ascii_only {
            c.is_ascii_whitespace() || c == '\x0b'
        } else {
            is_py_space(c)
        }
    };
    let s = text.trim_matches(space);
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let rb = rest.as_bytes();
    let mut base = base;
    let mut i = 0;
    let mut after_prefix = false;
    let prefix = match (rb.first(), rb.get(1)) {
        (Some(b'0'), Some(p)) => match p.to_ascii_lowercase() {
            b'x' => Some(16),
            b'o' => Some(8),
            b'b' => Some(2),
            _ => None,
        },
        _ => None,
    };
    if let Some(pb) = prefix
        && (base == 0 || base == pb)
    {
        base = pb;
        i = 2;
        after_prefix = true;
    }
    let mut leading_zero_base0 = false;
    if base == 0 {
        base = 10;
        leading_zero_base0 = rb.first() == Some(&b'0');
    }
    // One pass as CPython's `PyLong_FromString`: digits and single
    // underscores are counted up to the first other character; a doubled or
    // trailing underscore is invalid at once, then the digit limit is
    // checked (before anything is converted, and before the text after the
    // scan is rejected), then the rest must be empty.
    let body = &rest[i..];
    let digit_of = |c: char| -> Option<u8> {
        let d = match c.to_digit(36) {
            Some(d) if c.is_ascii() => d,
            _ if ascii_only || c.is_ascii() => return None,
            _ => crate::types::str_methods::unicode_decimal(c as u32)? as u32,
        };
        (d < base).then_some(d as u8)
    };
    if body.starts_with('_') && !after_prefix {
        return Err(ParseIntError::Invalid);
    }
    let mut digits: Vec<u8> = Vec::with_capacity(body.len());
    let mut prev_underscore = false;
    let mut complete = true;
    if body.is_ascii() {
        // The common case, one table lookup per byte.
        for &b in body.as_bytes() {
            let d = ASCII_DIGIT[b as usize];
            if (d as u32) < base {
                digits.push(d);
                prev_underscore = false;
            } else if b == b'_' {
                if prev_underscore {
                    return Err(ParseIntError::Invalid);
                }
                prev_underscore = true;
            } else {
                complete = false;
                break;
            }
        }
    } else {
        for c in body.chars() {
            if c == '_' {
                if prev_underscore {
                    return Err(ParseIntError::Invalid);
                }
                prev_underscore = true;
            } else if let Some(d) = digit_of(c) {
                digits.push(d);
                prev_underscore = false;
            } else {
                complete = false;
                break;
            }
        }
    }
    if prev_underscore {
        return Err(ParseIntError::Invalid);
    }
    if !base.is_power_of_two() {
        let limit = crate::vm::int_max_str_digits();
        if limit > 0 && digits.len() > limit {
            return Err(ParseIntError::TooManyDigits(digits.len()));
        }
    }
    if !complete || digits.is_empty() {
        return Err(ParseIntError::Invalid);
    }
    if leading_zero_base0 && digits.iter().any(|&d| d != 0) {
        return Err(ParseIntError::Invalid);
    }
    let v = BigInt::from_radix_be(Sign::Plus, &digits, base).ok_or(ParseIntError::Invalid)?;
    Ok(if neg { -v } else { v })
}

/// `int(x, base)` for str/bytes/bytearray `x`.
/// With an explicit base only str, bytes and bytearray (and their
/// subclasses) are accepted; `int(x)` also reads other buffers (memoryview,
/// array), through [`int_from_buffer`].  Errors show bytes-like input as a
/// plain bytes literal, as CPython's `_PyLong_FromBytes` does.
pub fn int_from_text(x: &PyRef, base: u32) -> PyResult {
    let bytes = if x.downcast::<crate::types::bytes::PyBytes>().is_some()
        || x.downcast::<crate::types::bytearray::PyByteArray>()
            .is_some()
    {
        crate::types::bytes::bytes_data(x)
    } else {
        None
    };
    int_from_str_or_bytes(x, bytes, base)
}

/// `int(x)` for a str or any bytes-like object, base 10.
pub fn int_from_buffer(x: &PyRef) -> PyResult {
    int_from_str_or_bytes(x, crate::types::bytes::bytes_data(x), 10)
}

fn int_from_str_or_bytes(x: &PyRef, bytes: Option<Vec<u8>>, base: u32) -> PyResult {
    let str_arg = x.downcast::<PyStr>();
    let (text, ascii_only) = if let Some(s) = str_arg {
        (s.to_string_lossy(), false)
    } else if let Some(b) = &bytes {
        (String::from_utf8_lossy(b).into_owned(), true)
    } else {
        return Err(type_error(
            "int() can't convert non-string with explicit base",
        ));
    };
    match parse_int_text(&text, base, ascii_only) {
        Ok(v) => Ok(int_from_bigint(v)),
        Err(ParseIntError::Invalid) => {
            // `%.200R`: the repr cut to 200 characters (bytes are first cut
            // to 200 bytes, as `_PyLong_FromBytes` does).
            let shown = match (str_arg, &bytes) {
                (Some(s), _) => crate::types::str::repr_str(s),
                (None, Some(b)) => crate::types::bytes::bytes_repr(&b[..b.len().min(200)]),
                (None, None) => String::new(),
            };
            let shown: String = shown.chars().take(200).collect();
            Err(value_error(format!(
                "invalid literal for int() with base {base}: {shown}"
            )))
        }
        Err(ParseIntError::TooManyDigits(n)) => Err(value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit",
            crate::vm::int_max_str_digits()
        ))),
    }
}

fn self_int(a: &Args<'_>, name: &str) -> PyResult<BigInt> {
    a.args
        .first()
        .and_then(to_bigint)
        .ok_or_else(|| type_error(format!("descriptor '{name}' requires a 'int' object")))
}

pub fn int_bit_length(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("int.bit_length")?;
    Ok(match a.args.first().and_then(int_val) {
        Some(IntVal::Small(v)) => int_from_i64(64 - v.unsigned_abs().leading_zeros() as i64),
        _ => int_from_i64(self_int(&a, "bit_length")?.bits() as i64),
    })
}

pub fn int_bit_count(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("int.bit_count")?;
    Ok(match a.args.first().and_then(int_val) {
        Some(IntVal::Small(v)) => int_from_i64(v.unsigned_abs().count_ones() as i64),
        _ => {
            let b = self_int(&a, "bit_count")?;
            int_from_i64(
                b.magnitude()
                    .iter_u64_digits()
                    .map(|d| d.count_ones() as i64)
                    .sum(),
            )
        }
    })
}

pub fn int_as_integer_ratio(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("int.as_integer_ratio")?;
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("as_integer_ratio needs self"))?;
    Ok(PyTuple::new_ref(vec![int_exact(s)?, int_from_i64(1)]))
}

/// Unary methods that return the exact-int value (`__trunc__`, ...).
pub fn int_self_exact(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("int.__trunc__")?;
    let s = a.args.first().ok_or_else(|| type_error("needs self"))?;
    int_exact(s)
}

pub fn int_sizeof(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("int.__sizeof__")?;
    let b = self_int(&a, "__sizeof__")?;
    // CPython: 24-byte header plus 4 bytes per 30-bit digit (at least one).
    let digits = b.magnitude().bits().div_ceil(30).max(1);
    Ok(int_from_i64(24 + 4 * digits as i64))
}

/// `int.__round__(ndigits=None)`: half to even at `10**-ndigits`.
pub fn int_round(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.shift().range("__round__", 0, 1)?;
    let s = a.args.first().ok_or_else(|| type_error("needs self"))?;
    let Some(nd) = args.first() else {
        return int_exact(s);
    };
    let nd = crate::protocol::number::index(vm, nd)?;
    let nd = match int_val(&nd) {
        Some(IntVal::Small(v)) => v,
        _ => {
            if crate::types::int::is_negative(&nd) {
                return Ok(int_from_i64(0));
            }
            return int_exact(s);
        }
    };
    if nd >= 0 {
        return int_exact(s);
    }
    let x = self_int(&a, "__round__")?;
    let ndig = nd.unsigned_abs();
    // A power of ten longer than x rounds to zero (|x| < 10**k / 2).
    if ndig as u128 > (x.bits() as u128) / 3 + 2 {
        return Ok(int_from_i64(0));
    }
    let pow = num_traits::pow(BigInt::from(10), ndig as usize);
    let (q, r) = x.div_mod_floor(&pow);
    let twice: BigInt = &r * 2;
    let q = match twice.cmp(&pow) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    Ok(int_from_bigint(q * pow))
}

fn byteorder_little(o: &PyRef) -> PyResult<bool> {
    let s = o.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            o.class().name()
        ))
    })?;
    match s.as_str() {
        Some("little") => Ok(true),
        Some("big") => Ok(false),
        _ => Err(value_error("byteorder must be either 'little' or 'big'")),
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub fn int_to_bytes(vm: &Vm, a: Args<'_>) -> PyResult {
    let b = a.shift();
    if b.positional().len() > 2 {
        return Err(type_error(format!(
            "to_bytes() takes at most 2 positional arguments ({} given)",
            b.positional().len()
        )));
    }
    let [length, order, signed] = b.bind("to_bytes", ["length", "byteorder", "signed"], 0, 0)?;
    let x = self_int(&a, "to_bytes")?;
    let length = match length {
        Some(l) => crate::types::int::as_ssize(vm, &l)?,
        None => 1,
    };
    if length < 0 {
        return Err(value_error("length argument must be non-negative"));
    }
    let little = match order {
        Some(o) => byteorder_little(&o)?,
        None => false,
    };
    let signed = match signed {
        Some(s) => crate::protocol::object::is_true(vm, &s)?,
        None => false,
    };
    if x.is_negative() && !signed {
        return Err(overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if x.is_zero() {
        Vec::new()
    } else if signed {
        x.to_signed_bytes_le()
    } else {
        x.to_bytes_le().1
    };
    if bytes.len() == 1 && bytes[0] == 0 {
        bytes.clear();
    }
    let length = length as usize;
    if bytes.len() > length {
        return Err(overflow_error("int too big to convert"));
    }
    let fill = if x.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(crate::types::bytes::PyBytes::new_ref(bytes))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (classmethod).
pub fn int_from_bytes(vm: &Vm, a: Args<'_>) -> PyResult {
    let cls = a
        .args
        .first()
        .cloned()
        .ok_or_else(|| type_error("from_bytes needs a class"))?;
    let b = a.shift();
    if b.positional().len() > 2 {
        return Err(type_error(format!(
            "from_bytes() takes at most 2 positional arguments ({} given)",
            b.positional().len()
        )));
    }
    let [data, order, signed] = b.bind("from_bytes", ["bytes", "byteorder", "signed"], 0, 1)?;
    let data =
        data.ok_or_else(|| type_error("from_bytes() missing required argument 'bytes' (pos 1)"))?;
    let little = match order {
        Some(o) => byteorder_little(&o)?,
        None => false,
    };
    let signed = match signed {
        Some(s) => crate::protocol::object::is_true(vm, &s)?,
        None => false,
    };
    if data.downcast::<PyStr>().is_some() || crate::types::int::is_int(&data) {
        return Err(type_error(format!(
            "cannot convert '{}' object to bytes",
            data.class().name()
        )));
    }
    let mut bytes = crate::types::bytes::bytes_from_object(vm, &data)?;
    if !little {
        bytes.reverse();
    }
    let v = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    };
    let r = int_from_bigint(v);
    if cls
        .as_type()
        .is_some_and(|t| std::ptr::eq(t, crate::types::int::INT_TYPE.get()))
    {
        return Ok(r);
    }
    crate::protocol::call::call_pos(vm, &cls, &[r])
}

/// `int.__format__(spec)`.
pub fn int_format(vm: &Vm, a: Args<'_>) -> PyResult {
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
    let v = to_bigint(s)
        .ok_or_else(|| type_error("descriptor '__format__' requires a 'int' object"))?;
    Ok(PyStr::new_ref(&crate::types::num_format::format_int(
        &v,
        &spec,
        &s.class().name(),
    )?))
}

/// `x.__round__` argument normalization shared with `round()`: `None` means
/// no ndigits.
pub fn ndigits_arg(o: Option<&PyRef>) -> Option<&PyRef> {
    o.filter(|n| !is_none(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, b: u32) -> Option<String> {
        parse_int_text(s, b, false).ok().map(|v| v.to_string())
    }

    #[test]
    fn parsing() {
        assert_eq!(p("  12_3  ", 10).as_deref(), Some("123"));
        assert_eq!(p("0x1f", 0).as_deref(), Some("31"));
        assert_eq!(p("0x_1f", 16).as_deref(), Some("31"));
        assert_eq!(p("_1", 10), None);
        assert_eq!(p("1__2", 10), None);
        assert_eq!(p("1_", 10), None);
        assert_eq!(p("01", 0), None);
        assert_eq!(p("00", 0).as_deref(), Some("0"));
        assert_eq!(p("0_0", 0).as_deref(), Some("0"));
        assert_eq!(p("\u{663}", 10).as_deref(), Some("3"));
        assert_eq!(p("1 2", 10), None);
        assert_eq!(p("", 10), None);
        assert_eq!(p("-", 10), None);
        assert_eq!(p("z", 36).as_deref(), Some("35"));
        assert_eq!(p(" \u{3000} 7 ", 10).as_deref(), Some("7"));
        assert_eq!(p("0b", 0), None);
        assert_eq!(p("0b1", 16).as_deref(), Some("177"));
        assert_eq!(p("0o17", 10), None);
        assert_eq!(p("+ 1", 10), None);
        assert_eq!(p("-0B1", 0).as_deref(), Some("-1"));
        assert_eq!(p("1_000", 0).as_deref(), Some("1000"));
        assert_eq!(p("\x1c5\x1f", 10).as_deref(), Some("5"));
    }
}
