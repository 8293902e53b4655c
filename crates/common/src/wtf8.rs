//! WTF-8 string buffer: UTF-8 that may also carry lone surrogates.
//!
//! Invariant: the bytes are a sequence of well-formed UTF-8 encodings of code
//! points U+0000..=U+10FFFF, where surrogates U+D800..=U+DFFF are allowed and
//! encoded as 3 bytes (ED A0 80 ..= ED BF BF). Pairs of surrogates are *not*
//! merged: Python keeps `"\ud83d\ude00"` as two code points, and so do we.

use std::fmt;

/// An owned WTF-8 string.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Wtf8Buf {
    bytes: Vec<u8>,
}

impl Wtf8Buf {
    pub fn new() -> Self {
        Wtf8Buf { bytes: Vec::new() }
    }

    pub fn with_capacity(n: usize) -> Self {
        Wtf8Buf {
            bytes: Vec::with_capacity(n),
        }
    }

    pub fn from_str(s: &str) -> Self {
        Wtf8Buf {
            bytes: s.as_bytes().to_vec(),
        }
    }

    /// Builds from raw bytes that the caller guarantees are valid WTF-8.
    pub fn from_bytes_unchecked(bytes: Vec<u8>) -> Self {
        Wtf8Buf { bytes }
    }

    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Appends any code point 0..=0x10FFFF, surrogates included.
    /// Returns false (and appends nothing) if `cp` is out of range.
    pub fn push_code_point(&mut self, cp: u32) -> bool {
        if let Some(c) = char::from_u32(cp) {
            self.push_char(c);
            true
        } else if (0xD800..=0xDFFF).contains(&cp) {
            self.bytes.push(0xE0 | (cp >> 12) as u8);
            self.bytes.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            self.bytes.push(0x80 | (cp & 0x3F) as u8);
            true
        } else {
            false
        }
    }

    pub fn push_wtf8(&mut self, other: &Wtf8Buf) {
        self.bytes.extend_from_slice(&other.bytes);
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn len_bytes(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The string as `&str` if it holds no surrogates.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// Iterates code points (surrogates included) as `u32`.
    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints {
            bytes: &self.bytes,
            pos: 0,
        }
    }

    /// Number of code points.
    pub fn char_len(&self) -> usize {
        self.bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
    }

    /// Lossy conversion: surrogates become U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        match self.as_str() {
            Some(s) => s.to_owned(),
            None => self
                .code_points()
                .map(|cp| char::from_u32(cp).unwrap_or('\u{FFFD}'))
                .collect(),
        }
    }
}

impl From<&str> for Wtf8Buf {
    fn from(s: &str) -> Self {
        Wtf8Buf::from_str(s)
    }
}

impl From<String> for Wtf8Buf {
    fn from(s: String) -> Self {
        Wtf8Buf {
            bytes: s.into_bytes(),
        }
    }
}

/// Iterator over the code points of a WTF-8 byte string.
#[derive(Clone)]
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let b = &self.bytes;
        let i = self.pos;
        let b0 = *b.get(i)? as u32;
        let (cp, n) = if b0 < 0x80 {
            (b0, 1)
        } else if b0 < 0xE0 {
            (
                ((b0 & 0x1F) << 6) | (b.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F),
                2,
            )
        } else if b0 < 0xF0 {
            (
                ((b0 & 0x0F) << 12)
                    | ((b.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F) << 6)
                    | (b.get(i + 2).copied().unwrap_or(0) as u32 & 0x3F),
                3,
            )
        } else {
            (
                ((b0 & 0x07) << 18)
                    | ((b.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F) << 12)
                    | ((b.get(i + 2).copied().unwrap_or(0) as u32 & 0x3F) << 6)
                    | (b.get(i + 3).copied().unwrap_or(0) as u32 & 0x3F),
                4,
            )
        };
        self.pos += n;
        Some(cp)
    }
}

impl fmt::Debug for Wtf8Buf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"")?;
        for cp in self.code_points() {
            match char::from_u32(cp) {
                Some(c) => write!(f, "{}", c.escape_debug())?,
                None => write!(f, "\\u{{{:x}}}", cp)?,
            }
        }
        write!(f, "\"")
    }
}

impl fmt::Display for Wtf8Buf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_round_trip() {
        let mut s = Wtf8Buf::from_str("a");
        assert!(s.push_code_point(0xD800));
        s.push_char('é');
        assert_eq!(
            s.code_points().collect::<Vec<_>>(),
            vec![0x61, 0xD800, 0xE9]
        );
        assert_eq!(s.char_len(), 3);
        assert!(s.as_str().is_none());
        assert!(!s.push_code_point(0x110000));
    }
}
