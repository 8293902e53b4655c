//! The `binascii` module: conversions between binary data and ASCII
//! encodings (hex, base64, quoted-printable, uuencode) and the CRC-32 and
//! CRC-CCITT (`crc_hqx`) checksums, with CPython 3.11's messages.
//!
//! Each codec is a small byte loop over the whole input; the decoders
//! accept bytes-like objects or ASCII-only `str` (CPython's
//! `ascii_buffer_converter`), the encoders bytes-like objects only.

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error, value_error};
use crate::modules::bufutil::{ascii_or_bytes, bytes_like, exception_spec};
use crate::object::StaticType;
use crate::object::TypeSpec;
use crate::object::typeobj::MethodDef;
use crate::types::bytes::PyBytes;
use crate::types::int::{int_from_i64, int_from_u64};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

pub static BINASCII_ERROR: StaticType = StaticType::new();
pub static BINASCII_INCOMPLETE: StaticType = StaticType::new();

#[cold]
fn error(msg: impl Into<String>) -> PyErr {
    PyErr::new_msg(&BINASCII_ERROR, msg)
}

fn out(v: Vec<u8>) -> PyResult {
    Ok(PyBytes::new_ref(v))
}

/// Positional arguments then keyword-only ones: `names[..npos]` may be
/// given by position (and by name unless `posonly`), the rest only by name.
fn bind_kwonly<const N: usize>(
    a: &Args<'_>,
    fname: &str,
    names: [&str; N],
    npos: usize,
    posonly: usize,
    required: usize,
) -> PyResult<[Option<PyRef>; N]> {
    let given = a.positional().len();
    if given > npos && given <= N {
        return Err(type_error(format!(
            "{fname}() takes exactly {npos} positional argument{} ({given} given)",
            if npos == 1 { "" } else { "s" }
        )));
    }
    a.bind(fname, names, posonly, required)
}

fn flag(vm: &Vm, o: &Option<PyRef>, default: bool) -> PyResult<bool> {
    match o {
        Some(v) => crate::protocol::object::is_true(vm, v),
        None => Ok(default),
    }
}

/// An `unsigned int` argument converted with wrap-around (`I` format).
fn uint_mask(vm: &Vm, o: &PyRef) -> PyResult<u32> {
    let i = if crate::types::int::is_int(o) {
        o.clone()
    } else if o.class().slots().nb_index.is_some() {
        crate::protocol::number::index(vm, o)?
    } else {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            o.class().name()
        )));
    };
    let b = crate::types::int::to_bigint(&i).unwrap_or_default();
    let m: num_bigint::BigInt = b & num_bigint::BigInt::from(u32::MAX);
    Ok(num_traits::ToPrimitive::to_u32(&m).unwrap_or(0))
}

// ------------------------------------------------------------------- hex

/// `data` as hex, with `sep` every `per` bytes (counted from the right
/// for positive `per`, from the left for negative).
pub fn hexlify_with(data: &[u8], sep: Option<u8>, per: i64) -> Vec<u8> {
    let hex = crate::modules::bufutil::hex_lower(data).into_bytes();
    let (Some(sep), true) = (sep, per != 0 && !data.is_empty()) else {
        return hex;
    };
    let group = per.unsigned_abs() as usize;
    let n = data.len();
    let mut res = Vec::with_capacity(hex.len() + n / group.max(1));
    for (i, pair) in hex.chunks(2).enumerate() {
        let boundary = if per > 0 {
            i > 0 && (n - i) % group == 0
        } else {
            i > 0 && i % group == 0
        };
        if boundary {
            res.push(sep);
        }
        res.extend_from_slice(pair);
    }
    res
}

fn sep_arg(o: &Option<PyRef>) -> PyResult<Option<u8>> {
    let Some(s) = o else { return Ok(None) };
    if crate::types::none::is_none(s) {
        return Ok(None);
    }
    let c = if let Some(st) = s.downcast::<PyStr>() {
        if st.char_len() != 1 {
            return Err(value_error("sep must be length 1."));
        }
        st.char_at(0).unwrap_or(0) as u8
    } else if let Some(b) = crate::modules::bufutil::try_bytes(s) {
        if b.len() != 1 {
            return Err(value_error("sep must be length 1."));
        }
        b[0]
    } else {
        return Err(type_error(format!(
            "object of type '{}' has no len()",
            s.class().name()
        )));
    };
    if !c.is_ascii() {
        return Err(value_error("sep must be ASCII."));
    }
    Ok(Some(c))
}

fn hexlify_impl(vm: &Vm, a: Args<'_>, fname: &str) -> PyResult {
    let [data, sep, per] = a.bind(fname, ["data", "sep", "bytes_per_sep"], 0, 1)?;
    let data = bytes_like(&data.unwrap_or_else(crate::types::none::none))?;
    let sep = sep_arg(&sep)?;
    let per = match per {
        Some(p) => crate::types::int::as_ssize(vm, &p)?,
        None => 1,
    };
    out(hexlify_with(&data, sep, per))
}

fn f_hexlify(vm: &Vm, a: Args<'_>) -> PyResult {
    hexlify_impl(vm, a, "hexlify")
}

fn f_b2a_hex(vm: &Vm, a: Args<'_>) -> PyResult {
    hexlify_impl(vm, a, "b2a_hex")
}

fn hexval(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn unhexlify_impl(a: Args<'_>, fname: &str) -> PyResult {
    a.no_kwargs(fname)?;
    let data = ascii_or_bytes(a.one_arg(&format!("binascii.{fname}"))?)?;
    if data.len() % 2 != 0 {
        return Err(error("Odd-length string"));
    }
    let mut res = Vec::with_capacity(data.len() / 2);
    for p in data.chunks_exact(2) {
        match (hexval(p[0]), hexval(p[1])) {
            (Some(h), Some(l)) => res.push(h << 4 | l),
            _ => return Err(error("Non-hexadecimal digit found")),
        }
    }
    out(res)
}

fn f_unhexlify(_: &Vm, a: Args<'_>) -> PyResult {
    unhexlify_impl(a, "unhexlify")
}

fn f_a2b_hex(_: &Vm, a: Args<'_>) -> PyResult {
    unhexlify_impl(a, "a2b_hex")
}

// ---------------------------------------------------------------- base64

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64val(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Base64 encoding of `data` (no newline).
pub fn b64_encode(data: &[u8]) -> Vec<u8> {
    let mut res = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        res.push(B64[(n >> 18) as usize & 63]);
        res.push(B64[(n >> 12) as usize & 63]);
        res.push(if c.len() > 1 {
            B64[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        res.push(if c.len() > 2 {
            B64[n as usize & 63]
        } else {
            b'='
        });
    }
    res
}

/// Base64 decoding with CPython's lenient (default) or strict rules.
pub fn b64_decode(data: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    let mut res = Vec::with_capacity(data.len() / 4 * 3 + 3);
    if strict && data.first() == Some(&b'=') {
        return Err("Leading padding not allowed".into());
    }
    let mut quad = 0;
    let mut left: u32 = 0;
    let mut pads = 0;
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err("Excess data after padding".into());
                    }
                    return Ok(res);
                }
            }
            continue;
        }
        let Some(v) = b64val(c) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding_started {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        match quad {
            0 => {
                left = v;
                quad = 1;
            }
            1 => {
                res.push((left << 2 | v >> 4) as u8);
                left = v & 0xf;
                quad = 2;
            }
            2 => {
                res.push((left << 4 | v >> 2) as u8);
                left = v & 3;
                quad = 3;
            }
            _ => {
                res.push((left << 6 | v) as u8);
                quad = 0;
            }
        }
    }
    match quad {
        0 => Ok(res),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            res.len() / 3 * 4 + 1
        )),
        _ => Err("Incorrect padding".into()),
    }
}

fn f_a2b_base64(vm: &Vm, a: Args<'_>) -> PyResult {
    let [data, strict] = bind_kwonly(&a, "a2b_base64", ["data", "strict_mode"], 1, 1, 1)?;
    let data = ascii_or_bytes(&data.unwrap_or_else(crate::types::none::none))?;
    let strict = flag(vm, &strict, false)?;
    b64_decode(&data, strict).map_err(error).and_then(out)
}

fn f_b2a_base64(vm: &Vm, a: Args<'_>) -> PyResult {
    let [data, newline] = bind_kwonly(&a, "b2a_base64", ["data", "newline"], 1, 1, 1)?;
    let data = bytes_like(&data.unwrap_or_else(crate::types::none::none))?;
    let mut res = b64_encode(&data);
    if flag(vm, &newline, true)? {
        res.push(b'\n');
    }
    out(res)
}

// -------------------------------------------------------------- uuencode

fn f_a2b_uu(_: &Vm, a: Args<'_>) -> PyResult {
    let data = a.one_arg("a2b_uu")?;
    let data = ascii_or_bytes(data)?;
    let mut it = data.iter().copied().peekable();
    let n = (it.next().unwrap_or(0).wrapping_sub(b' ') & 0o77) as usize;
    let mut res = Vec::with_capacity(n);
    let mut left: u32 = 0;
    let mut bits = 0;
    while res.len() < n {
        let c = match it.peek() {
            None | Some(b'\n' | b'\r') => 0,
            Some(&c) => {
                it.next();
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error("Illegal char"));
                }
                (c - b' ') & 0o77
            }
        };
        left = (left << 6) | c as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            res.push((left >> bits) as u8);
            left &= (1 << bits) - 1;
        }
    }
    for c in it {
        if !matches!(c, b' ' | b'`' | b'\n' | b'\r') {
            return Err(error("Trailing garbage"));
        }
    }
    out(res)
}

fn f_b2a_uu(vm: &Vm, a: Args<'_>) -> PyResult {
    let [data, backtick] = bind_kwonly(&a, "b2a_uu", ["data", "backtick"], 1, 1, 1)?;
    let data = bytes_like(&data.unwrap_or_else(crate::types::none::none))?;
    let bt = flag(vm, &backtick, false)?;
    if data.len() > 45 {
        return Err(error("At most 45 bytes at once"));
    }
    let enc = |v: u32| -> u8 { if bt && v == 0 { b'`' } else { b' ' + v as u8 } };
    let mut res = vec![enc(data.len() as u32)];
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for sh in [18, 12, 6, 0] {
            res.push(enc((n >> sh) & 63));
        }
    }
    res.push(b'\n');
    out(res)
}

// ------------------------------------------------------ quoted-printable

const MAXLINESIZE: usize = 76;

fn hex_upper(c: u8) -> [u8; 2] {
    const H: &[u8; 16] = b"0123456789ABCDEF";
    [H[(c >> 4) as usize], H[(c & 15) as usize]]
}

fn f_a2b_qp(vm: &Vm, a: Args<'_>) -> PyResult {
    let [data, header] = a.bind("a2b_qp", ["data", "header"], 0, 1)?;
    let data = ascii_or_bytes(&data.unwrap_or_else(crate::types::none::none))?;
    let header = flag(vm, &header, false)?;
    let mut res = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            i += 1;
            let Some(&d) = data.get(i) else { break };
            if d == b'\n' || d == b'\r' {
                // Soft line break.
                if d != b'\n' {
                    while i < data.len() && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < data.len() {
                    i += 1;
                }
            } else if d == b'=' {
                res.push(b'=');
                i += 1;
            } else if let (Some(h), Some(l)) = (hexval(d), data.get(i + 1).and_then(|&x| hexval(x)))
            {
                res.push(h << 4 | l);
                i += 2;
            } else {
                res.push(b'=');
            }
        } else if header && c == b'_' {
            res.push(b' ');
            i += 1;
        } else {
            res.push(c);
            i += 1;
        }
    }
    out(res)
}

/// Quoted-printable encoding (RFC 1521), as CPython's `b2a_qp`.
pub fn qp_encode(data: &[u8], quotetabs: bool, istext: bool, header: bool) -> Vec<u8> {
    let crlf = data
        .iter()
        .position(|&c| c == b'\n')
        .is_some_and(|p| p > 0 && data[p - 1] == b'\r');
    let mut o: Vec<u8> = Vec::with_capacity(data.len() * 2);
    let newline = |o: &mut Vec<u8>| {
        if crlf {
            o.push(b'\r');
        }
        o.push(b'\n');
    };
    let n = data.len();
    let mut i = 0;
    let mut linelen = 0;
    while i < n {
        let c = data[i];
        let next = data.get(i + 1).copied();
        let must_quote = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.' && linelen == 0 && matches!(next, None | Some(b'\n' | b'\r' | 0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && i + 1 == n)
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if must_quote {
            if linelen + 3 >= MAXLINESIZE {
                o.push(b'=');
                newline(&mut o);
                linelen = 0;
            }
            o.push(b'=');
            o.extend_from_slice(&hex_upper(c));
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            linelen = 0;
            if let Some(&last) = o.last()
                && (last == b' ' || last == b'\t')
            {
                o.pop();
                o.push(b'=');
                o.extend_from_slice(&hex_upper(last));
            }
            newline(&mut o);
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if i + 1 != n && next != Some(b'\n') && linelen + 1 >= MAXLINESIZE {
                o.push(b'=');
                newline(&mut o);
                linelen = 0;
            }
            linelen += 1;
            o.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    o
}

fn f_b2a_qp(vm: &Vm, a: Args<'_>) -> PyResult {
    let [data, qt, istext, header] =
        a.bind("b2a_qp", ["data", "quotetabs", "istext", "header"], 0, 1)?;
    let data = bytes_like(&data.unwrap_or_else(crate::types::none::none))?;
    out(qp_encode(
        &data,
        flag(vm, &qt, false)?,
        flag(vm, &istext, true)?,
        flag(vm, &header, false)?,
    ))
}

// ------------------------------------------------------------- checksums

/// CRC-CCITT (XModem polynomial 0x1021), as `crc_hqx`.
pub fn crc_hqx(data: &[u8], mut crc: u32) -> u32 {
    crc &= 0xffff;
    for &b in data {
        crc ^= (b as u32) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            } & 0xffff;
        }
    }
    crc
}

fn f_crc_hqx(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("crc_hqx")?;
    let [data, crc] = a.exact::<2>("crc_hqx")?;
    let data = bytes_like(data)?;
    Ok(int_from_i64(crc_hqx(&data, uint_mask(vm, crc)?) as i64))
}

fn f_crc32(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("crc32")?;
    let args = a.range("crc32", 1, 2)?;
    let data = bytes_like(&args[0])?;
    let start = match args.get(1) {
        Some(c) => uint_mask(vm, c)?,
        None => 0,
    };
    Ok(int_from_u64(zlib_rs::crc32::crc32(start, &data) as u64))
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("a2b_uu", f_a2b_uu).with_doc("Decode a line of uuencoded data."),
    MethodDef::method("b2a_uu", f_b2a_uu).with_doc("Uuencode line of data."),
    MethodDef::method("a2b_base64", f_a2b_base64).with_doc("Decode a line of base64 data."),
    MethodDef::method("b2a_base64", f_b2a_base64).with_doc("Base64-code line of data."),
    MethodDef::method("crc_hqx", f_crc_hqx).with_doc("Compute CRC-CCITT incrementally."),
    MethodDef::method("crc32", f_crc32).with_doc("Compute CRC-32 incrementally."),
    MethodDef::method("b2a_hex", f_b2a_hex).with_doc("Hexadecimal representation of binary data."),
    MethodDef::method("hexlify", f_hexlify).with_doc("Hexadecimal representation of binary data."),
    MethodDef::method("a2b_hex", f_a2b_hex).with_doc("Binary data of hexadecimal representation."),
    MethodDef::method("unhexlify", f_unhexlify)
        .with_doc("Binary data of hexadecimal representation."),
    MethodDef::method("a2b_qp", f_a2b_qp).with_doc("Decode a string of qp-encoded data."),
    MethodDef::method("b2a_qp", f_b2a_qp)
        .with_doc("Encode a string using quoted-printable encoding."),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &BINASCII_ERROR,
            exception_spec(
                "binascii.Error",
                &crate::types::exceptions::VALUE_ERROR,
                None,
            ),
        ),
        (
            &BINASCII_INCOMPLETE,
            exception_spec(
                "binascii.Incomplete",
                &crate::types::exceptions::EXCEPTION,
                None,
            ),
        ),
    ]
}

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = crate::modules::modutil::new_module(
        "binascii",
        "Conversion between binary data and ASCII",
        FUNCTIONS,
    )?;
    crate::modules::modutil::set(&m, "Error", BINASCII_ERROR.to_ref());
    crate::modules::modutil::set(&m, "Incomplete", BINASCII_INCOMPLETE.to_ref());
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        for n in 0..20u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            let enc = b64_encode(&data);
            assert_eq!(b64_decode(&enc, true).ok(), Some(data.clone()));
            assert_eq!(b64_decode(&enc, false).ok(), Some(data));
        }
        assert!(b64_decode(b"YW=J", true).is_err());
        assert_eq!(b64_decode(b"YW=J", false), Err("Incorrect padding".into()));
        assert_eq!(b64_decode(b"Y W J j", false).ok(), Some(b"abc".to_vec()));
    }

    #[test]
    fn hex_groups() {
        assert_eq!(
            hexlify_with(b"abcde", Some(b':'), 2),
            b"61:6263:6465".to_vec()
        );
        assert_eq!(
            hexlify_with(b"abcde", Some(b':'), -2),
            b"6162:6364:65".to_vec()
        );
        assert_eq!(crc_hqx(b"abc", 0), 40406);
    }

    #[test]
    fn qp() {
        assert_eq!(
            qp_encode(b"a=b\tc \nd\r\n.x", true, true, true),
            b"a=3Db=09c=20\nd\n.x".to_vec()
        );
    }
}
