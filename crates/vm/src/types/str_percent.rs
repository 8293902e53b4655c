//! printf-style `%` formatting for `str` and for `bytes`/`bytearray`.
//!
//! One engine serves both: the format is a sequence of code points (for
//! bytes, each byte is one code point 0..=255, i.e. latin-1), the output is
//! text in the same domain, and `Mode` selects the few conversions that
//! differ (`%s`/`%b` take bytes-like objects in bytes mode, `%r`/`%a` are
//! `ascii()`, `%c` takes a byte).  Argument handling follows CPython's
//! `unicode_format_arg`: a tuple supplies positional arguments; any other
//! mapping (not tuple/str/bytes) enables `%(key)` lookups and disables the
//! "not all arguments converted" check; after a keyed lookup the positional
//! supply is exhausted.  Numbers reuse the spec formatters of
//! `str_format.rs`.

use num_traits::Signed;

use crate::error::{PyResult, overflow_error, type_error, value_error};
use crate::types::bytes::{PyBytes, bytes_data};
use crate::types::float::PyFloat;
use crate::types::int::{int_val, to_bigint};
use crate::types::str::PyStr;
use crate::types::str_format::{Spec, format_float_body, pad_spec, sign_str};
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Str,
    Bytes,
}

/// `fmt % args` for str.
pub fn percent_format(vm: &Vm, fmt: &PyRef, args: &PyRef) -> PyResult {
    let f = crate::types::str::expect_str(fmt, "format")?;
    let cps: Vec<u32> = f.code_points().collect();
    let out = engine(vm, &cps, args, Mode::Str)?;
    let mut w = taipan_common::Wtf8Buf::with_capacity(out.len());
    for c in out {
        w.push_code_point(c);
    }
    Ok(PyStr::from_wtf8_ref(w))
}

/// `fmt % args` for bytes and bytearray; returns the bytes.
pub fn bytes_percent_format(vm: &Vm, fmt: &[u8], args: &PyRef) -> PyResult<Vec<u8>> {
    let cps: Vec<u32> = fmt.iter().map(|&b| b as u32).collect();
    let out = engine(vm, &cps, args, Mode::Bytes)?;
    Ok(out.into_iter().map(|c| c as u8).collect())
}

struct ArgSupply<'a> {
    items: &'a [PyRef],
    idx: usize,
    /// A non-tuple argument is supplied once (`Some(false)` = not yet used).
    single: Option<bool>,
    single_arg: &'a PyRef,
}

impl ArgSupply<'_> {
    fn next(&mut self) -> PyResult<PyRef> {
        match &mut self.single {
            Some(used) => {
                if *used {
                    return Err(type_error("not enough arguments for format string"));
                }
                *used = true;
                Ok(self.single_arg.clone())
            }
            None => {
                let v = self
                    .items
                    .get(self.idx)
                    .cloned()
                    .ok_or_else(|| type_error("not enough arguments for format string"))?;
                self.idx += 1;
                Ok(v)
            }
        }
    }
}

fn push_str(out: &mut Vec<u32>, s: &str) {
    out.extend(s.chars().map(|c| c as u32));
}

/// A `*` width (C `ssize_t`) or precision (C `int`) taken from the arguments.
fn star_arg(sup: &mut ArgSupply<'_>, c_type: &str) -> PyResult<i64> {
    let v = sup.next()?;
    if !crate::types::int::is_int(&v) {
        return Err(type_error("* wants int"));
    }
    crate::types::int::to_i64(&v)
        .filter(|&n| c_type == "ssize_t" || i32::try_from(n).is_ok())
        .ok_or_else(|| overflow_error(format!("Python int too large to convert to C {c_type}")))
}

/// Parses a decimal run; `limit` and `what` give CPython's overflow check
/// ("width too big" past `isize::MAX`, "precision too big" past `i32::MAX`).
fn digits(fmt: &[u32], i: &mut usize, limit: usize, what: &str) -> PyResult<Option<usize>> {
    let st = *i;
    let mut v: usize = 0;
    while *i < fmt.len() && (0x30..=0x39).contains(&fmt[*i]) {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add((fmt[*i] - 0x30) as usize))
            .filter(|&v| v <= limit)
            .ok_or_else(|| value_error(format!("{what} too big")))?;
        *i += 1;
    }
    Ok(if *i > st { Some(v) } else { None })
}

/// Widths and precisions beyond this cannot be allocated (MemoryError).
const MAX_PAD: usize = 1 << 31;

fn engine(vm: &Vm, fmt: &[u32], args: &PyRef, mode: Mode) -> PyResult<Vec<u32>> {
    let tuple = args.downcast::<PyTuple>();
    let is_text_or_bytes = args.downcast::<PyStr>().is_some()
        || (mode == Mode::Bytes
            && (args.downcast::<PyBytes>().is_some()
                || args
                    .downcast::<crate::types::bytearray::PyByteArray>()
                    .is_some()));
    let dict = tuple.is_none() && !is_text_or_bytes && args.class().slots().mp_getitem.is_some();
    let items: &[PyRef] = tuple.map(|t| t.as_slice()).unwrap_or(&[]);
    let mut sup = ArgSupply {
        items,
        idx: 0,
        single: if tuple.is_some() { None } else { Some(false) },
        single_arg: args,
    };
    let mut out: Vec<u32> = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != '%' as u32 {
            out.push(fmt[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= fmt.len() {
            return Err(value_error("incomplete format"));
        }
        if fmt[i] == '%' as u32 {
            out.push('%' as u32);
            i += 1;
            continue;
        }
        let mut keyed: Option<PyRef> = None;
        if fmt[i] == '(' as u32 {
            let mut depth = 1;
            let ks = i + 1;
            i += 1;
            while i < fmt.len() && depth > 0 {
                if fmt[i] == '(' as u32 {
                    depth += 1;
                } else if fmt[i] == ')' as u32 {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(value_error("incomplete format key"));
            }
            if !dict {
                return Err(type_error("format requires a mapping"));
            }
            let key_cps = &fmt[ks..i - 1];
            let key = match mode {
                Mode::Str => {
                    let mut w = taipan_common::Wtf8Buf::new();
                    for &c in key_cps {
                        w.push_code_point(c);
                    }
                    PyStr::from_wtf8_ref(w)
                }
                Mode::Bytes => PyBytes::new_ref(key_cps.iter().map(|&c| c as u8).collect()),
            };
            keyed = Some(crate::protocol::object::get_item(vm, args, &key)?);
            // After a keyed lookup the positional supply is exhausted.
            sup.single = Some(true);
        }
        let mut spec = Spec::default();
        let mut left = false;
        while i < fmt.len() {
            match char::from_u32(fmt[i]) {
                Some('-') => left = true,
                Some('+') => spec.sign = Some('+'),
                Some(' ') => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                Some('#') => spec.alt = true,
                Some('0') => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        if i < fmt.len() && fmt[i] == '*' as u32 {
            let w = star_arg(&mut sup, "ssize_t")?;
            if w < 0 {
                left = true;
            }
            spec.width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            spec.width = digits(fmt, &mut i, isize::MAX as usize, "width")?;
        }
        if i < fmt.len() && fmt[i] == '.' as u32 {
            i += 1;
            if i < fmt.len() && fmt[i] == '*' as u32 {
                spec.precision = Some(star_arg(&mut sup, "int")?.max(0) as usize);
                i += 1;
            } else {
                spec.precision =
                    Some(digits(fmt, &mut i, i32::MAX as usize, "precision")?.unwrap_or(0));
            }
        }
        while i < fmt.len() && matches!(char::from_u32(fmt[i]), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        if i >= fmt.len() {
            return Err(value_error("incomplete format"));
        }
        let conv_cp = fmt[i];
        let conv_at = i;
        i += 1;
        let v = match keyed.take() {
            Some(v) => v,
            None => sup.next()?,
        };
        if left {
            spec.align = Some('<');
        }
        if matches!(
            char::from_u32(conv_cp),
            Some('d' | 'i' | 'u' | 'x' | 'X' | 'o')
        ) && spec.precision.unwrap_or(0) > i32::MAX as usize - 3
        {
            return Err(overflow_error("precision too large"));
        }
        if spec.width.unwrap_or(0) > MAX_PAD || spec.precision.unwrap_or(0) > MAX_PAD {
            return Err(crate::error::memory_error(""));
        }
        let conv = char::from_u32(conv_cp).unwrap_or('\u{FFFD}');
        // Text conversions ignore '0'; numbers zero-pad unless left-aligned.
        let numeric_zero = spec.zero && !left;
        match conv {
            's' | 'r' | 'a' | 'b' if !(mode == Mode::Str && conv == 'b') => {
                let text: Vec<u32> = text_conversion(vm, &v, conv, mode)?;
                let text = match spec.precision {
                    Some(p) => text.into_iter().take(p).collect(),
                    None => text,
                };
                pad_cps(&mut out, &text, spec.width.unwrap_or(0), left);
            }
            'c' => {
                let c = char_conversion(vm, &v, mode)?;
                pad_cps(&mut out, &[c], spec.width.unwrap_or(0), left);
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let s = int_conversion(vm, &v, conv, &spec, numeric_zero)?;
                push_str(&mut out, &s);
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = if let Some(fl) = v.downcast::<PyFloat>() {
                    fl.value
                } else if v.class().slots().nb_float.is_some()
                    || v.class().slots().nb_index.is_some()
                    || int_val(&v).is_some()
                {
                    crate::protocol::number::to_f64(vm, &v)?
                } else {
                    return Err(type_error(format!(
                        "must be real number, not {}",
                        v.class().name()
                    )));
                };
                let mut sp = spec.clone();
                sp.ty = Some(conv);
                sp.precision = Some(spec.precision.unwrap_or(6));
                let (neg, body) = format_float_body(f, &sp);
                let sign = sign_str(neg, &sp);
                if numeric_zero {
                    sp.fill = Some('0');
                    sp.align = Some('=');
                }
                push_str(&mut out, &pad_spec(&sp, sign, &body, '>'));
            }
            _ => {
                let shown = if (0x20..0x7F).contains(&conv_cp) {
                    conv
                } else {
                    '?'
                };
                return Err(value_error(format!(
                    "unsupported format character '{shown}' ({conv_cp:#x}) at index {conv_at}"
                )));
            }
        }
    }
    let leftover = match sup.single {
        Some(used) => !used,
        None => sup.idx < items.len(),
    };
    if leftover && !dict {
        return Err(type_error(match mode {
            Mode::Str => "not all arguments converted during string formatting",
            Mode::Bytes => "not all arguments converted during bytes formatting",
        }));
    }
    Ok(out)
}

fn pad_cps(out: &mut Vec<u32>, text: &[u32], width: usize, left: bool) {
    let fill = width.saturating_sub(text.len());
    if !left {
        out.extend(std::iter::repeat_n(' ' as u32, fill));
    }
    out.extend_from_slice(text);
    if left {
        out.extend(std::iter::repeat_n(' ' as u32, fill));
    }
}

fn text_conversion(vm: &Vm, v: &PyRef, conv: char, mode: Mode) -> PyResult<Vec<u32>> {
    let s = match (mode, conv) {
        (Mode::Str, 's') => {
            return Ok(crate::protocol::object::str(vm, v)?
                .downcast::<PyStr>()
                .map(|s| s.code_points().collect())
                .unwrap_or_default());
        }
        (Mode::Str, 'r') => {
            return Ok(crate::protocol::object::repr(vm, v)?
                .downcast::<PyStr>()
                .map(|s| s.code_points().collect())
                .unwrap_or_default());
        }
        (_, 'a') | (Mode::Bytes, 'r') => {
            crate::protocol::object::str_string(vm, &crate::builtins::ascii_of(vm, v)?)?
        }
        _ => {
            // bytes mode %s / %b
            if let Some(d) = bytes_data(v) {
                return Ok(d.into_iter().map(|b| b as u32).collect());
            }
            if let Some(r) = crate::protocol::call::call_special(vm, v, "__bytes__", &[])? {
                let d = r
                    .downcast::<PyBytes>()
                    .map(|b| b.data.clone())
                    .ok_or_else(|| {
                        type_error(format!(
                            "__bytes__ returned non-bytes (type {})",
                            r.class().name()
                        ))
                    })?;
                return Ok(d.into_iter().map(|b| b as u32).collect());
            }
            return Err(type_error(format!(
                "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                v.class().name()
            )));
        }
    };
    Ok(s.chars().map(|c| c as u32).collect())
}

fn char_conversion(vm: &Vm, v: &PyRef, mode: Mode) -> PyResult<u32> {
    match mode {
        Mode::Str => {
            if let Some(st) = v.downcast::<PyStr>() {
                if st.char_len() != 1 {
                    return Err(type_error("%c requires int or char"));
                }
                return Ok(st.char_at(0).unwrap_or(0));
            }
            if !crate::types::int::is_int(v) && v.class().slots().nb_index.is_none() {
                return Err(type_error("%c requires int or char"));
            }
            let i = crate::protocol::number::index(vm, v)?;
            match crate::types::int::to_i64(&i) {
                Some(c) if (0..=0x10FFFF).contains(&c) => Ok(c as u32),
                _ => Err(overflow_error("%c arg not in range(0x110000)")),
            }
        }
        Mode::Bytes => {
            if let Some(d) = v.downcast::<PyBytes>().map(|b| b.data.clone()).or_else(|| {
                v.downcast::<crate::types::bytearray::PyByteArray>()
                    .map(|b| b.to_vec())
            }) {
                if d.len() == 1 {
                    return Ok(d[0] as u32);
                }
                return Err(type_error(
                    "%c requires an integer in range(256) or a single byte",
                ));
            }
            if !crate::types::int::is_int(v) && v.class().slots().nb_index.is_none() {
                return Err(type_error(
                    "%c requires an integer in range(256) or a single byte",
                ));
            }
            let i = crate::protocol::number::index(vm, v)?;
            match crate::types::int::to_i64(&i) {
                Some(c) if (0..256).contains(&c) => Ok(c as u32),
                _ => Err(overflow_error("%c arg not in range(256)")),
            }
        }
    }
}

fn int_conversion(vm: &Vm, v: &PyRef, conv: char, spec: &Spec, zero: bool) -> PyResult<String> {
    let radix_conv = matches!(conv, 'x' | 'X' | 'o');
    let iv = if int_val(v).is_some() {
        to_bigint(v)
    } else if let Some(fl) = v.downcast::<PyFloat>() {
        if radix_conv {
            return Err(type_error(format!(
                "%{conv} format: an integer is required, not float"
            )));
        }
        to_bigint(&crate::types::float::float_to_int(fl.value)?)
    } else if radix_conv {
        if v.class().slots().nb_index.is_none() {
            return Err(type_error(format!(
                "%{conv} format: an integer is required, not {}",
                v.class().name()
            )));
        }
        to_bigint(&crate::protocol::number::index(vm, v)?)
    } else if v.class().slots().nb_int.is_some() || v.class().slots().nb_index.is_some() {
        to_bigint(&crate::protocol::number::to_int(vm, v)?)
    } else {
        return Err(type_error(format!(
            "%{conv} format: a real number is required, not {}",
            v.class().name()
        )));
    };
    let iv = iv.unwrap_or_default();
    // `_PyUnicode_FormatLong` refuses precisions near C int's limit.
    if spec.precision.is_some_and(|p| p > i32::MAX as usize - 3) {
        return Err(overflow_error("precision too large"));
    }
    let neg = iv.is_negative();
    let mag = iv.abs();
    let mut digits = match conv {
        'x' => mag.to_str_radix(16),
        'X' => mag.to_str_radix(16).to_uppercase(),
        'o' => mag.to_str_radix(8),
        _ => crate::types::int::bigint_to_decimal(&mag)?,
    };
    if let Some(p) = spec.precision
        && digits.len() < p
    {
        digits = format!("{}{digits}", "0".repeat(p - digits.len()));
    }
    let prefix = match (spec.alt, conv) {
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        (true, 'o') => "0o",
        _ => "",
    };
    let sign = format!("{}{prefix}", sign_str(neg, spec));
    let mut sp = spec.clone();
    if zero {
        sp.fill = Some('0');
        sp.align = Some('=');
    }
    Ok(pad_spec(&sp, &sign, &digits, '>'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_parse() {
        let f: Vec<u32> = "123x".chars().map(|c| c as u32).collect();
        let mut i = 0;
        assert_eq!(
            super::digits(&f, &mut i, 1000, "width").ok().flatten(),
            Some(123)
        );
        assert_eq!(i, 3);
    }
}
