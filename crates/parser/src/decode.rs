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

/// Decodes source bytes to text.
pub fn decode_source(source: &[u8], filename: &str) -> Result<String, FrontendError> {
    let (bytes, bom) = match source.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (source, false),
    };
    let mut enc = None;
    let mut lines = bytes.split(|&b| b == b'\n');
    if let Some(l1) = lines.next() {
        enc = coding_spec(l1).map(|n| (n, 1));
        if enc.is_none() {
            // Line 2 counts only if line 1 is blank or a comment.
            let t = l1
                .iter()
                .find(|b| !matches!(b, b' ' | b'\t' | 0x0c | b'\r'));
            if (t.is_none() || t == Some(&b'#'))
                && let Some(l2) = lines.next()
            {
                enc = coding_spec(l2).map(|n| (n, 2));
            }
        }
    }
    let codec = match &enc {
        None => "utf-8",
        Some((name, line)) => match normal_name(name) {
            Some(c) => {
                // With a BOM the cookie must spell utf-8 (CPython's
                // get_normal_name: "utf-8" or "utf-8-..." after lowercasing
                // and '_' -> '-'; "utf8" does not count).
                let l = name.to_ascii_lowercase().replace('_', "-");
                if bom && !(l == "utf-8" || l.starts_with("utf-8-")) {
                    return Err(decode_err(
                        filename,
                        format!("encoding problem: {name} with BOM"),
                        0,
                    ));
                }
                c
            }
            None => match encoding_rs::Encoding::for_label(name.as_bytes()) {
                Some(enc) if !bom => {
                    let (text, _, bad) = enc.decode(bytes);
                    if bad {
                        let msg = format!("(unicode error) '{name}' codec can't decode bytes");
                        return Err(decode_err(filename, msg, *line));
                    }
                    return Ok(text.into_owned());
                }
                Some(_) => {
                    return Err(decode_err(
                        filename,
                        "encoding problem: utf-8".into(),
                        *line,
                    ));
                }
                None => {
                    return Err(decode_err(filename, format!("unknown encoding: {name}"), 0));
                }
            },
        },
    };
    match codec {
        "latin-1" => Ok(bytes.iter().map(|&b| b as char).collect()),
        "cp1252" => Ok(bytes
            .iter()
            .map(|&b| {
                if (0x80..0xA0).contains(&b) {
                    char::from_u32(CP1252_HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}')
                } else {
                    b as char
                }
            })
            .collect()),
        "ascii" => {
            if let Some(p) = bytes.iter().position(|&b| b >= 128) {
                let line = bytes[..p].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                return Err(decode_err(
                    filename,
                    format!(
                        "(unicode error) 'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                        bytes[p], p
                    ),
                    line,
                ));
            }
            Ok(String::from_utf8_lossy(bytes).into_owned())
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => {
                let p = e.valid_up_to();
                let line = bytes[..p].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                let line_start = bytes[..p]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let b = bytes.get(p).copied().unwrap_or(0);
                let why = if e.error_len().is_none() {
                    "unexpected end of data"
                } else if (0x80..0xC2).contains(&b) || b >= 0xF5 {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                };
                Err(decode_err(
                    filename,
                    format!(
                        "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {}: {}",
                        b,
                        p - line_start,
                        why
                    ),
                    line,
                ))
            }
        },
    }
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
