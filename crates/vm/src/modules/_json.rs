//! The `_json` accelerator module: `scanstring` (decoding a JSON string
//! literal, the decoder's innermost loop) and `encode_basestring` /
//! `encode_basestring_ascii` (the encoder's string escaping), with the
//! C module's semantics and error messages and positions.
//!
//! `make_scanner` and `make_encoder` are not provided: `json.scanner` and
//! `json.encoder` then use their pure-Python versions, which call these
//! functions for every string.
//!
//! Strings are scanned as their WTF-8 bytes: every character that ends or
//! interrupts a JSON string (`"`, `\`, control characters) is ASCII, so
//! runs of other characters are copied as bytes, and only positions that
//! are reported (errors, the end index) are counted in code points.

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::protocol::object as proto;
use crate::types::int::int_from_i64;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;
use taipan_common::Wtf8Buf;

fn str_arg(o: &PyRef) -> PyResult<&PyStr> {
    o.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "first argument must be a string, not {}",
            o.class().name()
        ))
    })
}

/// Raises `json.decoder.JSONDecodeError(msg, doc, pos)`.
fn decode_error(vm: &Vm, msg: &str, doc: &PyRef, pos: i64) -> crate::error::PyErr {
    let cls = crate::interp::import::import_module(vm, "json.decoder")
        .and_then(|m| proto::get_attr_str(vm, &m, "JSONDecodeError"));
    let cls = match cls {
        Ok(c) => c,
        Err(e) => return e,
    };
    match crate::protocol::call::call_pos(
        vm,
        &cls,
        &[PyStr::new_ref(msg), doc.clone(), int_from_i64(pos)],
    ) {
        Ok(exc) => crate::error::PyErr::from_instance(exc),
        Err(e) => e,
    }
}

/// The 4 hex digits of a `\\u` escape at `pos`; as in CPython, the escape
/// may not end the document (a closing quote must still follow).
fn u_escape(bytes: &[u8], pos: usize) -> Option<u32> {
    if pos + 6 >= bytes.len() {
        return None;
    }
    hex4(bytes.get(pos + 2..pos + 6)?)
}

/// The value of 4 hex digits, if `b` is exactly that.
fn hex4(b: &[u8]) -> Option<u32> {
    if b.len() != 4 {
        return None;
    }
    let mut v = 0u32;
    for &c in b {
        v = v * 16 + (c as char).to_digit(16)?;
    }
    Some(v)
}

/// `scanstring(string, end, strict=True) -> (str, end)`.
fn scanstring(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("scanstring")?;
    let args = a.range("scanstring", 2, 3)?;
    let doc = &args[0];
    let s = str_arg(doc)?;
    let end = crate::types::int::as_ssize(vm, &args[1])?;
    let strict = match args.get(2) {
        Some(v) => proto::is_true(vm, v)?,
        None => true,
    };
    let nchars = s.char_len() as i64;
    if end < 0 || end > nchars {
        return Err(value_error("end is out of bounds"));
    }
    let bytes = s.as_bytes();
    let begin = end - 1;
    let mut pos = if s.is_ascii() {
        end as usize
    } else {
        s.byte_offset(end as usize)
    };
    let mut idx = end; // code point index of `pos`
    let mut out = Wtf8Buf::with_capacity(16);
    let unterminated = |vm: &Vm| decode_error(vm, "Unterminated string starting at", doc, begin);
    loop {
        // A run of plain characters.
        let start = pos;
        while let Some(&c) = bytes.get(pos) {
            if c == b'"' || c == b'\\' || c < 0x20 {
                break;
            }
            if c & 0xC0 != 0x80 {
                idx += 1;
            }
            pos += 1;
        }
        if pos > start {
            out.push_wtf8(&Wtf8Buf::from_bytes_unchecked(bytes[start..pos].to_vec()));
        }
        let Some(&c) = bytes.get(pos) else {
            return Err(unterminated(vm));
        };
        if c == b'"' {
            idx += 1;
            break;
        }
        if c != b'\\' {
            if strict {
                return Err(decode_error(vm, "Invalid control character at", doc, idx));
            }
            out.push_char(c as char);
            pos += 1;
            idx += 1;
            continue;
        }
        // An escape: `pos` is the backslash.
        let Some(&esc) = bytes.get(pos + 1) else {
            return Err(unterminated(vm));
        };
        let simple = match esc {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push_char(ch);
            pos += 2;
            idx += 2;
            continue;
        }
        if esc != b'u' {
            return Err(decode_error(vm, "Invalid \\escape", doc, idx));
        }
        let bad_u = |vm: &Vm, at: i64| decode_error(vm, "Invalid \\uXXXX escape", doc, at);
        let Some(mut cp) = u_escape(bytes, pos) else {
            return Err(bad_u(vm, idx + 1));
        };
        pos += 6;
        idx += 6;
        if (0xD800..=0xDBFF).contains(&cp) && bytes.get(pos..pos + 2) == Some(b"\\u") {
            let Some(lo) = u_escape(bytes, pos) else {
                return Err(bad_u(vm, idx + 1));
            };
            if (0xDC00..=0xDFFF).contains(&lo) {
                cp = 0x10000 + (((cp - 0xD800) << 10) | (lo - 0xDC00));
                pos += 6;
                idx += 6;
            }
        }
        out.push_code_point(cp);
    }
    Ok(PyTuple::new_ref(vec![
        PyStr::from_wtf8_ref(out),
        int_from_i64(idx),
    ]))
}

fn push_u(out: &mut Vec<u8>, cp: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((cp >> shift) & 0xF) as usize]);
    }
}

/// The escape of an ASCII character both encoders share, if it has one.
fn escape_ascii(c: u32, out: &mut Vec<u8>) -> bool {
    let named: &[u8] = match c {
        0x22 => b"\\\"",
        0x5C => b"\\\\",
        0x08 => b"\\b",
        0x0C => b"\\f",
        0x0A => b"\\n",
        0x0D => b"\\r",
        0x09 => b"\\t",
        0..=0x1F => {
            push_u(out, c);
            return true;
        }
        _ => return false,
    };
    out.extend_from_slice(named);
    true
}

/// `encode_basestring_ascii(s)`: `s` as a JSON string literal in ASCII.
fn encode_basestring_ascii(_: &Vm, a: Args<'_>) -> PyResult {
    let s = str_arg(a.one_arg("encode_basestring_ascii")?)?;
    let mut out = Vec::with_capacity(s.as_bytes().len() + 2);
    out.push(b'"');
    for c in s.code_points() {
        if escape_ascii(c, &mut out) {
            continue;
        }
        if (0x20..0x7F).contains(&c) {
            out.push(c as u8);
        } else if c < 0x10000 {
            push_u(&mut out, c);
        } else {
            let n = c - 0x10000;
            push_u(&mut out, 0xD800 | ((n >> 10) & 0x3FF));
            push_u(&mut out, 0xDC00 | (n & 0x3FF));
        }
    }
    out.push(b'"');
    // Only ASCII was written.
    Ok(PyStr::new_ref(&String::from_utf8_lossy(&out)))
}

/// `encode_basestring(s)`: `s` as a JSON string literal, non-ASCII kept.
fn encode_basestring(_: &Vm, a: Args<'_>) -> PyResult {
    let s = str_arg(a.one_arg("encode_basestring")?)?;
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'"');
    for &b in bytes {
        // Bytes of non-ASCII characters are all >= 0x80: copied as they are.
        if b >= 0x80 || !escape_ascii(u32::from(b), &mut out) {
            out.push(b);
        }
    }
    out.push(b'"');
    Ok(PyStr::from_wtf8_ref(Wtf8Buf::from_bytes_unchecked(out)))
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("scanstring", scanstring).with_doc(
        "scanstring(string, end, strict=True) -> (string, end)\n\nScan the string s for a JSON string. End is the index of the\ncharacter in s after the quote that started the JSON string.\nUnescapes all valid JSON string escape sequences and raises ValueError\non attempt to decode an invalid string. If strict is False then literal\ncontrol characters are allowed in the string.\n\nReturns a tuple of the decoded string and the index of the character in s\nafter the end quote.",
    ),
    MethodDef::method("encode_basestring_ascii", encode_basestring_ascii).with_doc(
        "encode_basestring_ascii(string) -> string\n\nReturn an ASCII-only JSON representation of a Python string",
    ),
    MethodDef::method("encode_basestring", encode_basestring).with_doc(
        "encode_basestring(string) -> string\n\nReturn a JSON representation of a Python string",
    ),
];

/// Creates the `_json` module.
pub fn make_module(_vm: &Vm) -> PyResult {
    crate::modules::modutil::new_module("_json", "json speedups\n", FUNCTIONS)
}
