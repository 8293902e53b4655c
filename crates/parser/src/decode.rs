//! Source decoding (PEP 263 / PEP 3120): a UTF-8 BOM, or a coding cookie
//! (`# -*- coding: NAME -*-`) on line 1 or 2, else UTF-8.  Supported
//! encodings: UTF-8, Latin-1 (and its aliases), ASCII, cp1252 here, and the
//! other single- and multi-byte codecs through `encoding_rs`.

use taipan_ast::{FrontendError, SyntaxErrorInfo, SyntaxErrorKind};

fn decode_err(filename: &str, msg: String, lineno: u32) -> FrontendError {
    FrontendError::Decode(SyntaxErrorInfo {
        kind: SyntaxErrorKind::SyntaxError,
        msg,
        filename: filename.to_owned(),
        lineno,
        offset: 0,
        end_lineno: 0,
        end_offset: 0,
        text: None,
    })
}

/// Finds a coding cookie in one line (CPython's `get_coding_spec`).
fn coding_spec(line: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | 0x0c) {
        i += 1;
    }
    if line.get(i) != Some(&b'#') {
        return None;
    }
    let s = &line[i..];
    let mut k = 0;
    while k + 6 <= s.len() {
        if &s[k..k + 6] == b"coding" {
            let mut j = k + 6;
            if j < s.len() && (s[j] == b':' || s[j] == b'=') {
                j += 1;
                while j < s.len() && (s[j] == b' ' || s[j] == b'\t') {
                    j += 1;
                }
                let st = j;
                while j < s.len()
                    && (s[j].is_ascii_alphanumeric()
                        || s[j] == b'-'
                        || s[j] == b'_'
                        || s[j] == b'.')
                {
                    j += 1;
                }
                if j > st {
                    return Some(String::from_utf8_lossy(&s[st..j]).into_owned());
                }
            }
        }
        k += 1;
    }
    None
}

/// CPython's `get_normal_name` plus the codecs we know.
fn normal_name(name: &str) -> Option<&'static str> {
    let l = name.to_ascii_lowercase().replace('_', "-");
    let starts = |p: &str| l == p || l.starts_with(&format!("{p}-"));
    if starts("utf-8") || l == "utf8" {
        return Some("utf-8");
    }
    if starts("latin-1")
        || starts("iso-8859-1")
        || starts("iso-latin-1")
        || l == "latin1"
        || l == "iso8859-1"
        || l == "l1"
    {
        return Some("latin-1");
    }
    if l == "ascii" || l == "us-ascii" || l == "646" {
        return Some("ascii");
    }
    if l == "cp1252" || l == "windows-1252" {
        return Some("cp1252");
    }
    None
}

const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
];

/// Where source bytes come from.  CPython reads a script file (or stdin)
/// with its file tokenizer and everything else (`compile()`, `exec()`,
/// `-c`, imports) with its string tokenizer, and the two report decoding
/// problems differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// `compile()`, `exec()`, `-c`, imports: bad UTF-8 is reported where a
    /// literal or name containing it is parsed; a coding problem is a
    /// `SyntaxError(msg, (filename, 0, -1, None))`.
    String,
    /// A script file or stdin: "Non-UTF-8 code starting with ..." and
    /// "encoding problem: ..." errors without a location.
    File,
    /// A `str` given to `compile()`/`exec()`/`eval()`, as UTF-8: already
    /// decoded, so a coding cookie is ignored.
    Text,
}

/// Decoded source.  With UTF-8 input that is not valid UTF-8 (string
/// sources), every undecodable byte becomes one U+FFFD in `text` and `bad`
/// lists `(byte offset in text, original byte)` for each, in order, so the
/// tokenizer and parser can report the error CPython reports where it
/// meets the byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub bad: Vec<(usize, u8)>,
    /// UTF-8 bytes without a coding cookie or BOM: CPython's tokenizer has
    /// no encoding then, and its parser reports byte offsets.
    pub byte_offsets: bool,
}

/// The reason CPython's UTF-8 decoder gives for the error at the start of
/// `rest` (`complete`: the error is not a truncated sequence at the end).
fn utf8_reason(b: u8, complete: bool) -> &'static str {
    if !complete {
        "unexpected end of data"
    } else if (0x80..0xC2).contains(&b) || b >= 0xF5 {
        "invalid start byte"
    } else {
        "invalid continuation byte"
    }
}

/// The "(unicode error) 'utf-8' codec can't decode ..." message for
/// decoding `bytes` as one unit, if it fails.
pub fn utf8_error_message(bytes: &[u8]) -> Option<String> {
    let e = std::str::from_utf8(bytes).err()?;
    let p = e.valid_up_to();
    let b = bytes.get(p).copied().unwrap_or(0);
    Some(format!(
        "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {}: {}",
        b,
        p,
        utf8_reason(b, e.error_len().is_some())
    ))
}

/// UTF-8 decoding that keeps going: one U+FFFD per undecodable byte.
fn decode_utf8_marking(bytes: &[u8]) -> Decoded {
    let mut out = Decoded {
        text: String::with_capacity(bytes.len() + 8),
        bad: Vec::new(),
        byte_offsets: false,
    };
    for chunk in bytes.utf8_chunks() {
        out.text.push_str(chunk.valid());
        for &b in chunk.invalid() {
            out.bad.push((out.text.len(), b));
            out.text.push('\u{FFFD}');
        }
    }
    out
}

/// Does `text[start..end]` hold a byte that was not valid UTF-8?
pub fn has_bad(bad: &[(usize, u8)], start: usize, end: usize) -> bool {
    let i = bad.partition_point(|&(p, _)| p < start);
    bad.get(i).is_some_and(|&(p, _)| p < end)
}

/// The original bytes of `text[start..end]` (each marked U+FFFD back to
/// the byte it stands for).
pub fn original_bytes(text: &str, bad: &[(usize, u8)], start: usize, end: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(end.saturating_sub(start));
    let mut i = bad.partition_point(|&(p, _)| p < start);
    let mut pos = start;
    while pos < end {
        match bad.get(i) {
            Some(&(p, b)) if p < end => {
                out.extend_from_slice(text.as_bytes().get(pos..p).unwrap_or(&[]));
                out.push(b);
                pos = p + '\u{FFFD}'.len_utf8();
                i += 1;
            }
            _ => {
                out.extend_from_slice(text.as_bytes().get(pos..end).unwrap_or(&[]));
                pos = end;
            }
        }
    }
    out
}

/// The decode error CPython reports for the region `text[start..end]`
/// decoded as one unit, if it holds an undecodable byte.
pub fn region_error(text: &str, bad: &[(usize, u8)], start: usize, end: usize) -> Option<String> {
    if !has_bad(bad, start, end) {
        return None;
    }
    utf8_error_message(&original_bytes(text, bad, start, end))
}

/// CPython's `get_normal_name`: the spelling its messages use.
fn cpython_normal_name(name: &str) -> String {
    let l: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let is = |p: &str| l == p || l.starts_with(&format!("{p}-"));
    if is("utf-8") {
        "utf-8".into()
    } else if is("latin-1") || is("iso-8859-1") || is("iso-latin-1") {
        "iso-8859-1".into()
    } else {
        name.to_owned()
    }
}

/// A coding problem found before tokenizing.
fn coding_err(
    kind: SourceKind,
    filename: &str,
    string_msg: String,
    file_msg: String,
) -> FrontendError {
    match kind {
        SourceKind::String | SourceKind::Text => decode_err(filename, string_msg, 0),
        SourceKind::File => FrontendError::Bare(file_msg),
    }
}

/// Decodes source bytes to text (strictly: undecodable UTF-8 is an error).
pub fn decode_source(source: &[u8], filename: &str) -> Result<String, FrontendError> {
    let d = decode_source_as(source, filename, SourceKind::String)?;
    match d.bad.first() {
        None => Ok(d.text),
        Some(&(pos, _)) => {
            let line = d.text[..pos].matches('\n').count() as u32 + 1;
            let msg = utf8_error_message(source).unwrap_or_default();
            Err(decode_err(filename, msg, line))
        }
    }
}

/// Decodes source bytes the way CPython's tokenizer for `kind` does.
pub fn decode_source_as(
    source: &[u8],
    filename: &str,
    kind: SourceKind,
) -> Result<Decoded, FrontendError> {
    if kind == SourceKind::Text {
        return Ok(decode_utf8_marking(source));
    }
    let (bytes, bom) = match source.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (source, false),
    };
    // Offsets in codec messages count from the start of the input.
    let skipped = source.len() - bytes.len();
    let mut enc = None;
    let mut lines = bytes.split(|&b| b == b'\n');
    if let Some(l1) = lines.next() {
        enc = coding_spec(l1);
        if enc.is_none() {
            // Line 2 counts only if line 1 is blank or a comment.
            let t = l1
                .iter()
                .find(|b| !matches!(b, b' ' | b'\t' | 0x0c | b'\r'));
            if (t.is_none() || t == Some(&b'#'))
                && let Some(l2) = lines.next()
            {
                enc = coding_spec(l2);
            }
        }
    }
    let Some(name) = enc else {
        if kind == SourceKind::File
            && let Err(e) = std::str::from_utf8(bytes)
        {
            let p = e.valid_up_to();
            let line = bytes[..p].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(FrontendError::Bare(format!(
                "Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                bytes.get(p).copied().unwrap_or(0)
            )));
        }
        let mut d = decode_utf8_marking(bytes);
        d.byte_offsets = !bom;
        return Ok(d);
    };
    let norm = cpython_normal_name(&name);
    if bom && norm != "utf-8" {
        let msg = format!("encoding problem: {norm} with BOM");
        return Err(coding_err(kind, filename, msg.clone(), msg));
    }
    let file_msg = format!("encoding problem: {norm}");
    let codec = match normal_name(&name) {
        Some(c) => c,
        None => match encoding_rs::Encoding::for_label(name.as_bytes()) {
            Some(enc) => {
                let (text, bad) = enc.decode_without_bom_handling(bytes);
                if bad {
                    let msg = format!("'{name}' codec can't decode bytes");
                    return Err(coding_err(kind, filename, msg, file_msg));
                }
                return Ok(Decoded {
                    text: text.into_owned(),
                    bad: Vec::new(),
                    byte_offsets: false,
                });
            }
            None => {
                return Err(coding_err(
                    kind,
                    filename,
                    format!("unknown encoding: {name}"),
                    file_msg,
                ));
            }
        },
    };
    let text = match codec {
        "latin-1" => bytes.iter().map(|&b| b as char).collect(),
        "cp1252" => {
            let mut t = String::with_capacity(bytes.len());
            for (i, &b) in bytes.iter().enumerate() {
                let c = if (0x80..0xA0).contains(&b) {
                    CP1252_HIGH[(b - 0x80) as usize]
                } else {
                    b as u16
                };
                match char::from_u32(c as u32).filter(|&c| c != '\u{FFFD}') {
                    Some(c) => t.push(c),
                    None => {
                        let msg = format!(
                            "'charmap' codec can't decode byte 0x{b:02x} in position {}: character maps to <undefined>",
                            i + skipped
                        );
                        return Err(coding_err(kind, filename, msg, file_msg));
                    }
                }
            }
            t
        }
        "ascii" => {
            if let Some(p) = bytes.iter().position(|&b| b >= 128) {
                let msg = format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                    bytes[p],
                    p + skipped
                );
                return Err(coding_err(kind, filename, msg, file_msg));
            }
            String::from_utf8_lossy(bytes).into_owned()
        }
        // UTF-8 named by a cookie: both tokenizers decode lazily.
        _ => return Ok(decode_utf8_marking(bytes)),
    };
    Ok(Decoded {
        text,
        bad: Vec::new(),
        byte_offsets: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies() {
        assert_eq!(
            decode_source(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", "f")
                .ok()
                .as_deref(),
            Some("# -*- coding: latin-1 -*-\nx = 'é'\n")
        );
        assert_eq!(
            decode_source(b"\xEF\xBB\xBFx = 1\n", "f").ok().as_deref(),
            Some("x = 1\n")
        );
        assert!(decode_source(b"# coding: klingon\n", "f").is_err());
        assert!(decode_source(b"x = '\xff'\n", "f").is_err());
    }
}
