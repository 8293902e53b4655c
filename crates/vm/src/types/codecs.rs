//! The built-in text codecs behind `str.encode`, `bytes.decode`, `str(b,
//! enc)` and `bytes(s, enc)`: UTF-8 (+ `-sig`), UTF-16/32 (with and without
//! BOM, both byte orders), ASCII, Latin-1 and cp1252, with CPython's error
//! handlers (`strict`, `ignore`, `replace`, `surrogateescape`,
//! `surrogatepass`, `backslashreplace`, `xmlcharrefreplace`).
//!
//! Design.  Each decoder walks the input and yields either a code point or
//! a `Bad { start, end, reason }` span exactly as CPython reports it (the
//! span becomes the `UnicodeDecodeError` fields); one routine applies the
//! error handler to a span, so every codec supports every handler the same
//! way.  Encoders work per code point: a run of consecutive unencodable
//! characters forms one error span (CPython's "characters in position
//! 3-5"), and replacement text from a handler is itself encoded with the
//! target codec.  Unknown handler names raise `LookupError` only when an
//! error actually occurs, as in CPython.

use taipan_common::Wtf8Buf;

use crate::error::{PyErr, PyResult, lookup_error};
use crate::types::bytes::PyBytes;
use crate::types::int::int_from_i64;
use crate::types::str::PyStr;
use crate::value::PyRef;

/// The codecs this module implements.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    Utf8,
    Utf8Sig,
    Utf16,
    Utf16Le,
    Utf16Be,
    Utf32,
    Utf32Le,
    Utf32Be,
    Ascii,
    Latin1,
    Cp1252,
}

/// Encoding names and aliases (after normalisation: lower case, `-` and
/// spaces as `_`), one row per name.
static ALIASES: &[(&str, Codec)] = &[
    ("utf_8", Codec::Utf8),
    ("utf8", Codec::Utf8),
    ("u8", Codec::Utf8),
    ("utf", Codec::Utf8),
    ("utf8_ucs2", Codec::Utf8),
    ("utf8_ucs4", Codec::Utf8),
    ("cp65001", Codec::Utf8),
    ("utf_8_sig", Codec::Utf8Sig),
    ("utf_16", Codec::Utf16),
    ("utf16", Codec::Utf16),
    ("u16", Codec::Utf16),
    ("utf_16_le", Codec::Utf16Le),
    ("utf_16le", Codec::Utf16Le),
    ("unicodelittleunmarked", Codec::Utf16Le),
    ("utf_16_be", Codec::Utf16Be),
    ("utf_16be", Codec::Utf16Be),
    ("unicodebigunmarked", Codec::Utf16Be),
    ("utf_32", Codec::Utf32),
    ("utf32", Codec::Utf32),
    ("u32", Codec::Utf32),
    ("utf_32_le", Codec::Utf32Le),
    ("utf_32le", Codec::Utf32Le),
    ("utf_32_be", Codec::Utf32Be),
    ("utf_32be", Codec::Utf32Be),
    ("ascii", Codec::Ascii),
    ("us_ascii", Codec::Ascii),
    ("646", Codec::Ascii),
    ("us", Codec::Ascii),
    ("ansi_x3.4_1968", Codec::Ascii),
    ("ansi_x3_4_1968", Codec::Ascii),
    ("ansi_x3.4_1986", Codec::Ascii),
    ("iso646_us", Codec::Ascii),
    ("iso_646.irv_1991", Codec::Ascii),
    ("cp367", Codec::Ascii),
    ("ibm367", Codec::Ascii),
    ("csascii", Codec::Ascii),
    ("latin_1", Codec::Latin1),
    ("latin1", Codec::Latin1),
    ("latin", Codec::Latin1),
    ("l1", Codec::Latin1),
    ("iso8859_1", Codec::Latin1),
    ("iso_8859_1", Codec::Latin1),
    ("iso8859", Codec::Latin1),
    ("8859", Codec::Latin1),
    ("cp819", Codec::Latin1),
    ("ibm819", Codec::Latin1),
    ("iso_ir_100", Codec::Latin1),
    ("csisolatin1", Codec::Latin1),
    ("iso_8859_1_1987", Codec::Latin1),
    ("cp1252", Codec::Cp1252),
    ("windows_1252", Codec::Cp1252),
    ("1252", Codec::Cp1252),
];

/// The characters of cp1252 bytes 0x80..=0x9F (0 = undefined).
static CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Finds a codec by name (CPython's normalisation; `None` if unknown).
pub fn lookup(encoding: &str) -> Option<Codec> {
    let norm: String = encoding
        .trim()
        .chars()
        .map(|c| {
            if c == '-' || c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    ALIASES.iter().find(|(n, _)| *n == norm).map(|(_, c)| *c)
}

fn unknown_encoding(encoding: &str) -> PyErr {
    lookup_error(format!("unknown encoding: {encoding}"))
}

fn unknown_handler(errors: &str) -> PyErr {
    lookup_error(format!("unknown error handler name '{errors}'"))
}

const KNOWN_HANDLERS: &[&str] = &[
    "strict",
    "ignore",
    "replace",
    "surrogateescape",
    "surrogatepass",
    "backslashreplace",
    "xmlcharrefreplace",
    "namereplace",
];

fn decode_error(enc: &str, data: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let args = vec![
        PyStr::new_ref(enc),
        PyBytes::new_ref(data.to_vec()),
        int_from_i64(start as i64),
        int_from_i64(end as i64),
        PyStr::new_ref(reason),
    ];
    PyErr::new_args(&crate::types::exceptions::UNICODE_DECODE_ERROR, args)
}

fn encode_error(enc: &str, s: &PyRef, start: usize, end: usize, reason: &str) -> PyErr {
    let args = vec![
        PyStr::new_ref(enc),
        s.clone(),
        int_from_i64(start as i64),
        int_from_i64(end as i64),
        PyStr::new_ref(reason),
    ];
    PyErr::new_args(&crate::types::exceptions::UNICODE_ENCODE_ERROR, args)
}

// ------------------------------------------------------------ decoding

/// One step of a decoder.
enum Step {
    /// A decoded code point and the bytes it used.
    Ok(u32, usize),
    /// A malformed span `[start, end)`; `sur` is the surrogate that
    /// `surrogatepass` would produce and its byte length, if any.
    Bad {
        end: usize,
        reason: &'static str,
        sur: Option<(u32, usize)>,
    },
}

fn utf8_step(d: &[u8], i: usize) -> Step {
    let b0 = d[i];
    if b0 < 0x80 {
        return Step::Ok(b0 as u32, 1);
    }
    let (n, min, init) = match b0 {
        0xC2..=0xDF => (2, 0x80, (b0 & 0x1F) as u32),
        0xE0..=0xEF => (3, 0x800, (b0 & 0x0F) as u32),
        0xF0..=0xF4 => (4, 0x10000, (b0 & 0x07) as u32),
        _ => {
            return Step::Bad {
                end: i + 1,
                reason: "invalid start byte",
                sur: None,
            };
        }
    };
    let mut cp = init;
    for k in 1..n {
        let Some(&b) = d.get(i + k) else {
            return Step::Bad {
                end: d.len(),
                reason: "unexpected end of data",
                sur: None,
            };
        };
        // The second byte's valid range depends on the first (no overlongs,
        // no surrogates, nothing above U+10FFFF).
        let ok = if k == 1 {
            match b0 {
                0xE0 => (0xA0..=0xBF).contains(&b),
                0xED => (0x80..=0x9F).contains(&b),
                0xF0 => (0x90..=0xBF).contains(&b),
                0xF4 => (0x80..=0x8F).contains(&b),
                _ => (0x80..=0xBF).contains(&b),
            }
        } else {
            (0x80..=0xBF).contains(&b)
        };
        if !ok {
            // surrogatepass: ED A0..BF xx is an encoded surrogate.
            let sur = if b0 == 0xED && k == 1 && (0xA0..=0xBF).contains(&b) {
                d.get(i + 2)
                    .filter(|&&c| (0x80..=0xBF).contains(&c))
                    .map(|&c| (0xD000 | ((b as u32 & 0x3F) << 6) | (c as u32 & 0x3F), 3))
            } else {
                None
            };
            return Step::Bad {
                end: i + k,
                reason: "invalid continuation byte",
                sur,
            };
        }
        cp = (cp << 6) | (b & 0x3F) as u32;
    }
    let _ = min;
    Step::Ok(cp, n)
}

fn utf16_step(d: &[u8], i: usize, be: bool) -> Step {
    let unit = |j: usize| -> Option<u32> {
        let (a, b) = (*d.get(j)?, *d.get(j + 1)?);
        Some(if be {
            ((a as u32) << 8) | b as u32
        } else {
            ((b as u32) << 8) | a as u32
        })
    };
    let Some(u) = unit(i) else {
        return Step::Bad {
            end: d.len(),
            reason: "truncated data",
            sur: None,
        };
    };
    match u {
        0xD800..=0xDBFF => match unit(i + 2) {
            None => {
                let reason = "unexpected end of data";
                Step::Bad {
                    end: d.len(),
                    reason,
                    sur: Some((u, 2)),
                }
            }
            Some(l @ 0xDC00..=0xDFFF) => Step::Ok(0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00), 4),
            Some(_) => Step::Bad {
                end: i + 2,
                reason: "illegal UTF-16 surrogate",
                sur: Some((u, 2)),
            },
        },
        0xDC00..=0xDFFF => Step::Bad {
            end: i + 2,
            reason: "illegal encoding",
            sur: Some((u, 2)),
        },
        _ => Step::Ok(u, 2),
    }
}

fn utf32_step(d: &[u8], i: usize, be: bool) -> Step {
    if d.len() - i < 4 {
        return Step::Bad {
            end: d.len(),
            reason: "truncated data",
            sur: None,
        };
    }
    let b = [d[i], d[i + 1], d[i + 2], d[i + 3]];
    let cp = if be {
        u32::from_be_bytes(b)
    } else {
        u32::from_le_bytes(b)
    };
    if cp > 0x10FFFF {
        return Step::Bad {
            end: i + 4,
            reason: "code point not in range(0x110000)",
            sur: None,
        };
    }
    if (0xD800..=0xDFFF).contains(&cp) {
        return Step::Bad {
            end: i + 4,
            reason: "code point in surrogate code point range(0xd800, 0xe000)",
            sur: Some((cp, 4)),
        };
    }
    Step::Ok(cp, 4)
}

/// One decoding step at a byte position.
type StepFn = fn(&[u8], usize) -> Step;

/// Decodes `data` with the named encoding and error handler.
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<Wtf8Buf> {
    let codec = lookup(encoding).ok_or_else(|| unknown_encoding(encoding))?;
    let mut out = Wtf8Buf::with_capacity(data.len());
    // Fast path: valid UTF-8.
    if matches!(codec, Codec::Utf8 | Codec::Utf8Sig) {
        let d = if codec == Codec::Utf8Sig {
            data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)
        } else {
            data
        };
        if let Ok(s) = std::str::from_utf8(d) {
            out.push_str(s);
            return Ok(out);
        }
    }
    let (name, body, step): (&str, &[u8], StepFn) = match codec {
        Codec::Utf8 => ("utf-8", data, utf8_step),
        Codec::Utf8Sig => (
            "utf-8",
            data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data),
            utf8_step,
        ),
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let (be, body) = match codec {
                Codec::Utf16Le => (false, data),
                Codec::Utf16Be => (true, data),
                _ => match data {
                    [0xFF, 0xFE, rest @ ..] => (false, rest),
                    [0xFE, 0xFF, rest @ ..] => (true, rest),
                    _ => (false, data),
                },
            };
            if be {
                ("utf-16-be", body, |d, i| utf16_step(d, i, true))
            } else {
                ("utf-16-le", body, |d, i| utf16_step(d, i, false))
            }
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            let (be, body) = match codec {
                Codec::Utf32Le => (false, data),
                Codec::Utf32Be => (true, data),
                _ => match data {
                    [0xFF, 0xFE, 0, 0, rest @ ..] => (false, rest),
                    [0, 0, 0xFE, 0xFF, rest @ ..] => (true, rest),
                    _ => (false, data),
                },
            };
            if be {
                ("utf-32-be", body, |d, i| utf32_step(d, i, true))
            } else {
                ("utf-32-le", body, |d, i| utf32_step(d, i, false))
            }
        }
        Codec::Ascii => ("ascii", data, |d, i| {
            if d[i] < 0x80 {
                Step::Ok(d[i] as u32, 1)
            } else {
                Step::Bad {
                    end: i + 1,
                    reason: "ordinal not in range(128)",
                    sur: None,
                }
            }
        }),
        Codec::Latin1 => ("latin-1", data, |d, i| Step::Ok(d[i] as u32, 1)),
        Codec::Cp1252 => ("charmap", data, |d, i| {
            let b = d[i];
            if !(0x80..0xA0).contains(&b) {
                return Step::Ok(b as u32, 1);
            }
            match CP1252_HIGH[(b - 0x80) as usize] {
                0 => Step::Bad {
                    end: i + 1,
                    reason: "character maps to <undefined>",
                    sur: None,
                },
                c => Step::Ok(c as u32, 1),
            }
        }),
    };
    let mut i = 0;
    while i < body.len() {
        match step(body, i) {
            Step::Ok(cp, n) => {
                out.push_code_point(cp);
                i += n;
            }
            Step::Bad { end, reason, sur } => {
                // Error positions are relative to the whole input (after a BOM).
                let off = data.len() - body.len();
                let err = || decode_error(name, data, off + i, off + end, reason);
                match errors {
                    "strict" => return Err(err()),
                    "ignore" => i = end,
                    "replace" => {
                        out.push_char('\u{FFFD}');
                        i = end;
                    }
                    "backslashreplace" => {
                        for b in &body[i..end] {
                            out.push_str(&format!("\\x{b:02x}"));
                        }
                        i = end;
                    }
                    "surrogateescape" => {
                        if body[i..end].iter().any(|&b| b < 0x80) {
                            return Err(err());
                        }
                        for b in &body[i..end] {
                            out.push_code_point(0xDC00 + *b as u32);
                        }
                        i = end;
                    }
                    "surrogatepass" => match sur {
                        Some((cp, n)) if codec != Codec::Ascii => {
                            out.push_code_point(cp);
                            i += n;
                        }
                        _ => return Err(err()),
                    },
                    "xmlcharrefreplace" | "namereplace" => {
                        return Err(crate::error::type_error(
                            "don't know how to handle UnicodeDecodeError in error callback",
                        ));
                    }
                    _ => return Err(unknown_handler(errors)),
                }
            }
        }
    }
    Ok(out)
}

// ------------------------------------------------------------ encoding

fn push_unit(out: &mut Vec<u8>, codec: Codec, cp: u32) {
    match codec {
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let be = codec == Codec::Utf16Be;
            let mut put =
                |u: u16| out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            if cp >= 0x10000 {
                let v = cp - 0x10000;
                put(0xD800 + (v >> 10) as u16);
                put(0xDC00 + (v & 0x3FF) as u16);
            } else {
                put(cp as u16);
            }
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            out.extend_from_slice(&if codec == Codec::Utf32Be {
                cp.to_be_bytes()
            } else {
                cp.to_le_bytes()
            })
        }
        Codec::Utf8 | Codec::Utf8Sig => {
            if (0xD800..=0xDFFF).contains(&cp) {
                out.push(0xE0 | (cp >> 12) as u8);
                out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
                out.push(0x80 | (cp & 0x3F) as u8);
            } else if let Some(c) = char::from_u32(cp) {
                let mut b = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
        Codec::Ascii | Codec::Latin1 | Codec::Cp1252 => out.push(cp as u8),
    }
}

/// The byte for `cp` in an 8-bit codec, if representable.
fn byte_for(codec: Codec, cp: u32) -> Option<u8> {
    match codec {
        Codec::Ascii => (cp < 0x80).then_some(cp as u8),
        Codec::Latin1 => (cp < 0x100).then_some(cp as u8),
        Codec::Cp1252 => {
            if cp < 0x80 || (0xA0..0x100).contains(&cp) {
                Some(cp as u8)
            } else {
                CP1252_HIGH
                    .iter()
                    .position(|&c| c != 0 && c as u32 == cp)
                    .map(|p| 0x80 + p as u8)
            }
        }
        _ => None,
    }
}

/// Encodes a str object with the named encoding and error handler.
pub fn encode(s: &PyRef, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let st = s
        .downcast::<PyStr>()
        .ok_or_else(|| crate::error::type_error("encode() requires a str"))?;
    let codec = lookup(encoding).ok_or_else(|| unknown_encoding(encoding))?;
    if matches!(codec, Codec::Utf8)
        && let Some(t) = st.as_str()
    {
        return Ok(t.as_bytes().to_vec());
    }
    let (name, reason) = match codec {
        Codec::Utf8 | Codec::Utf8Sig => ("utf-8", "surrogates not allowed"),
        Codec::Utf16 => ("utf-16", "surrogates not allowed"),
        Codec::Utf16Le => ("utf-16-le", "surrogates not allowed"),
        Codec::Utf16Be => ("utf-16-be", "surrogates not allowed"),
        Codec::Utf32 => ("utf-32", "surrogates not allowed"),
        Codec::Utf32Le => ("utf-32-le", "surrogates not allowed"),
        Codec::Utf32Be => ("utf-32-be", "surrogates not allowed"),
        Codec::Ascii => ("ascii", "ordinal not in range(128)"),
        Codec::Latin1 => ("latin-1", "ordinal not in range(256)"),
        Codec::Cp1252 => ("charmap", "character maps to <undefined>"),
    };
    let eight_bit = matches!(codec, Codec::Ascii | Codec::Latin1 | Codec::Cp1252);
    let cps: Vec<u32> = st.code_points().collect();
    let mut out = Vec::with_capacity(cps.len() + 4);
    match codec {
        Codec::Utf8Sig => out.extend_from_slice(b"\xEF\xBB\xBF"),
        Codec::Utf16 => out.extend_from_slice(&[0xFF, 0xFE]),
        Codec::Utf32 => out.extend_from_slice(&[0xFF, 0xFE, 0, 0]),
        _ => {}
    }
    let ok = |cp: u32| -> bool {
        if eight_bit {
            byte_for(codec, cp).is_some()
        } else {
            !(0xD800..=0xDFFF).contains(&cp)
        }
    };
    let mut i = 0;
    while i < cps.len() {
        let cp = cps[i];
        if ok(cp) {
            match byte_for(codec, cp) {
                Some(b) if eight_bit => out.push(b),
                _ => push_unit(&mut out, codec, cp),
            }
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < cps.len() && !ok(cps[end]) {
            end += 1;
        }
        let err = || encode_error(name, s, i, end, reason);
        // Replacement text is ASCII, encoded with the target codec.
        let emit = |text: &str, out: &mut Vec<u8>| {
            for ch in text.chars() {
                if eight_bit {
                    out.push(ch as u8);
                } else {
                    push_unit(out, codec, ch as u32);
                }
            }
        };
        match errors {
            "strict" => return Err(err()),
            "ignore" => {}
            "replace" => {
                for _ in i..end {
                    emit("?", &mut out);
                }
            }
            "backslashreplace" => {
                for &c in &cps[i..end] {
                    let e = if c < 0x100 {
                        format!("\\x{c:02x}")
                    } else if c < 0x10000 {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    emit(&e, &mut out);
                }
            }
            "xmlcharrefreplace" => {
                for &c in &cps[i..end] {
                    emit(&format!("&#{c};"), &mut out);
                }
            }
            "surrogateescape" => {
                if !eight_bit && !matches!(codec, Codec::Utf8 | Codec::Utf8Sig) {
                    return Err(err());
                }
                for &c in &cps[i..end] {
                    if !(0xDC80..=0xDCFF).contains(&c) {
                        return Err(encode_error(name, s, i, end, reason));
                    }
                    out.push((c - 0xDC00) as u8);
                }
            }
            "surrogatepass" => {
                if eight_bit || cps[i..end].iter().any(|c| !(0xD800..=0xDFFF).contains(c)) {
                    return Err(err());
                }
                for &c in &cps[i..end] {
                    push_unit(&mut out, codec, c);
                }
            }
            e if KNOWN_HANDLERS.contains(&e) => return Err(err()),
            _ => return Err(unknown_handler(errors)),
        }
        i = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_utf16() {
        assert_eq!(lookup("UTF-8"), Some(Codec::Utf8));
        assert_eq!(lookup("Latin 1"), Some(Codec::Latin1));
        assert_eq!(lookup("nope"), None);
        let w = decode(&[0x3D, 0xD8, 0x00, 0xDE], "utf-16-le", "strict")
            .ok()
            .map(|w| w.to_string_lossy());
        assert_eq!(w.as_deref(), Some("\u{1F600}"));
        let w = decode(b"\xff", "utf-8", "replace")
            .ok()
            .map(|w| w.to_string_lossy());
        assert_eq!(w.as_deref(), Some("\u{FFFD}"));
    }
}

// ---- codecs outside this module, through the codec registry

/// `str.encode(encoding, errors)` (and `bytes(s, enc)`, `bytearray(s,
/// enc)`): the codecs above directly, any other through `codecs.lookup`,
/// checked as CPython checks a text encoding's result.
pub fn encode_to_bytes(vm: &crate::vm::Vm, s: &PyRef, encoding: &str, errors: &str) -> PyResult {
    if lookup(encoding).is_some() {
        return Ok(PyBytes::new_ref(encode(s, encoding, errors)?));
    }
    registry_encode(vm, s, encoding, errors)
}

/// `bytes.decode(encoding, errors)` (and `str(b, enc)`): the codecs above
/// directly, any other through `codecs.lookup` (the decoder gets a
/// memoryview of `data`, as in CPython).
pub fn decode_to_str(vm: &crate::vm::Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult {
    if lookup(encoding).is_some() {
        return Ok(PyStr::from_wtf8_ref(decode(data, encoding, errors)?));
    }
    registry_decode(vm, data, encoding, errors)
}

/// The registry's CodecInfo for a text encoding (`LookupError` for a
/// codec marked `_is_text_encoding = False`, such as rot13 or hex).
#[cold]
fn text_codec(vm: &crate::vm::Vm, encoding: &str, alternative: &str) -> PyResult {
    let codecs = crate::interp::import::import_module(vm, "_codecs")?;
    let lookup = crate::protocol::object::get_attr_str(vm, &codecs, "lookup")?;
    let info = crate::protocol::call::call_pos(vm, &lookup, &[PyStr::new_ref(encoding)])?;
    if let Some(flag) = crate::protocol::object::lookup_attr(vm, &info, "_is_text_encoding")?
        && !crate::protocol::object::is_true(vm, &flag)?
    {
        return Err(lookup_error(format!(
            "'{encoding}' is not a text encoding; use {alternative} to handle arbitrary codecs"
        )));
    }
    Ok(info)
}

/// The object a registry codec function returned, which must be a
/// `(object, integer)` pair.
fn codec_result(r: &PyRef, what: &str) -> PyResult {
    match r.downcast::<crate::types::tuple::PyTuple>() {
        Some(t) if t.len() == 2 => Ok(t.as_slice()[0].clone()),
        _ => Err(crate::error::type_error(format!(
            "{what} must return a tuple {}",
            if what == "encoder" {
                "(object, integer)"
            } else {
                "(object,integer)"
            }
        ))),
    }
}

/// CPython's `wrap_codec_error`: an exception from a registry codec that
/// can be rebuilt from a message becomes "encoding with 'NAME' codec failed
/// (TYPE: MSG)", chained (`_codecs._wrap_codec_error` has the rules).
#[cold]
fn wrap_codec_error(vm: &crate::vm::Vm, e: PyErr, operation: &str, encoding: &str) -> PyErr {
    let wrapped = (|| {
        let codecs = crate::interp::import::import_module(vm, "_codecs")?;
        let wrap = crate::protocol::object::get_attr_str(vm, &codecs, "_wrap_codec_error")?;
        crate::protocol::call::call_pos(
            vm,
            &wrap,
            &[
                e.value().clone(),
                PyStr::new_ref(operation),
                PyStr::new_ref(encoding),
            ],
        )
    })();
    match wrapped {
        Ok(new) if !new.is(e.value()) => PyErr::from_instance(new),
        _ => e,
    }
}

#[cold]
fn registry_encode(vm: &crate::vm::Vm, s: &PyRef, encoding: &str, errors: &str) -> PyResult {
    let info = text_codec(vm, encoding, "codecs.encode()")?;
    let f = crate::protocol::object::get_attr_str(vm, &info, "encode")?;
    let r = crate::protocol::call::call_pos(vm, &f, &[s.clone(), PyStr::new_ref(errors)])
        .map_err(|e| wrap_codec_error(vm, e, "encoding", encoding))?;
    let v = codec_result(&r, "encoder")?;
    if v.downcast::<PyBytes>().is_some() {
        return Ok(v);
    }
    if let Some(ba) = v.downcast::<crate::types::bytearray::PyByteArray>() {
        crate::modules::_warnings::warn(
            vm,
            &crate::types::exceptions::RUNTIME_WARNING,
            &format!(
                "encoder {encoding} returned bytearray instead of bytes; use codecs.encode() to encode to arbitrary types"
            ),
            1,
        )?;
        return Ok(PyBytes::new_ref(ba.to_vec()));
    }
    Err(crate::error::type_error(format!(
        "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
        v.class().name()
    )))
}

#[cold]
fn registry_decode(vm: &crate::vm::Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult {
    let info = text_codec(vm, encoding, "codecs.decode()")?;
    let f = crate::protocol::object::get_attr_str(vm, &info, "decode")?;
    let buf = crate::types::memoryview::memoryview_of(&PyBytes::new_ref(data.to_vec()))?;
    let r = crate::protocol::call::call_pos(vm, &f, &[buf, PyStr::new_ref(errors)])
        .map_err(|e| wrap_codec_error(vm, e, "decoding", encoding))?;
    let v = codec_result(&r, "decoder")?;
    if v.downcast::<PyStr>().is_some() {
        return Ok(v);
    }
    Err(crate::error::type_error(format!(
        "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
        v.class().name()
    )))
}
