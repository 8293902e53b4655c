//! Character classes and case mappings the regex engine uses, in CPython
//! 3.11's three flavours: ASCII (bytes patterns and `re.ASCII`), locale
//! (`re.LOCALE`; Taipan never calls `setlocale`, so this is the C locale,
//! i.e. ASCII rules for bytes 0..=255) and Unicode (str patterns).
//!
//! The Unicode case mappings are the *simple* ones CPython's
//! `_PyUnicode_ToLowercase`/`_PyUnicode_ToUppercase` give: the first code
//! point of the full mapping.  Everything below U+0100 is answered from
//! small tables built on first use.

use std::sync::OnceLock;

use crate::types::str_methods as sm;
use crate::types::unicode_data as ud;

use super::constants::cat;

/// `re`'s ASCII word characters: `[a-zA-Z0-9_]`.
#[inline]
pub fn is_ascii_word(c: u32) -> bool {
    c < 128 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as u32)
}

/// ASCII whitespace as `sre` sees it: `[ \t\n\v\f\r]`.
#[inline]
pub fn is_ascii_space(c: u32) -> bool {
    matches!(c, 9..=13 | 32)
}

#[inline]
pub fn is_ascii_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}

#[inline]
pub fn lower_ascii(c: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&c) {
        c + 32
    } else {
        c
    }
}

#[inline]
pub fn upper_ascii(c: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&c) {
        c - 32
    } else {
        c
    }
}

/// Locale (C locale) lower/upper: ASCII rules.
#[inline]
pub fn lower_locale(c: u32) -> u32 {
    lower_ascii(c)
}

#[inline]
pub fn upper_locale(c: u32) -> u32 {
    upper_ascii(c)
}

#[inline]
pub fn is_loc_word(c: u32) -> bool {
    is_ascii_word(c)
}

/// Per-code-point facts for U+0000..U+00FF, so the common case never
/// searches the Unicode tables.
struct Latin1 {
    lower: [u8; 256],
    upper: [u8; 256],
    /// bit 0: word, bit 1: digit (decimal), bit 2: space, bit 3: upper
    /// maps outside Latin-1 (e.g. U+00B5, U+00FF)
    bits: [u8; 256],
    upper_far: [u32; 256],
}

const W: u8 = 1;
const D: u8 = 2;
const S: u8 = 4;

fn latin1() -> &'static Latin1 {
    static T: OnceLock<Latin1> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Latin1 {
            lower: [0; 256],
            upper: [0; 256],
            bits: [0; 256],
            upper_far: [0; 256],
        };
        for c in 0..256u32 {
            let i = c as usize;
            t.lower[i] = slow_lower(c) as u8;
            let u = slow_upper(c);
            t.upper_far[i] = u;
            t.upper[i] = if u < 256 { u as u8 } else { c as u8 };
            let mut b = 0;
            if slow_uni_word(c) {
                b |= W;
            }
            if sm::is_decimal(c) {
                b |= D;
            }
            if sm::is_space(c) {
                b |= S;
            }
            t.bits[i] = b;
        }
        t
    })
}

fn first_of_map(t: &'static [(u32, [u32; 3])], c: u32) -> Option<u32> {
    t.binary_search_by_key(&c, |e| e.0).ok().map(|i| t[i].1[0])
}

fn slow_lower(c: u32) -> u32 {
    first_of_map(ud::LOWER_MAP, c).unwrap_or(c)
}

fn slow_upper(c: u32) -> u32 {
    first_of_map(ud::UPPER_MAP, c).unwrap_or(c)
}

fn slow_uni_word(c: u32) -> bool {
    c == b'_' as u32 || sm::is_alpha(c) || sm::is_numeric(c)
}

/// `_PyUnicode_ToLowercase`.
#[inline]
pub fn lower_unicode(c: u32) -> u32 {
    if c < 128 {
        lower_ascii(c)
    } else if c < 256 {
        latin1().lower[c as usize] as u32
    } else {
        slow_lower(c)
    }
}

/// `_PyUnicode_ToUppercase`.
#[inline]
pub fn upper_unicode(c: u32) -> u32 {
    if c < 128 {
        upper_ascii(c)
    } else if c < 256 {
        latin1().upper_far[c as usize]
    } else {
        slow_upper(c)
    }
}

/// `\w` for str patterns: alphanumeric (alpha, decimal, digit, numeric) or `_`.
#[inline]
pub fn is_uni_word(c: u32) -> bool {
    if c < 128 {
        is_ascii_word(c)
    } else if c < 256 {
        latin1().bits[c as usize] & W != 0
    } else {
        slow_uni_word(c)
    }
}

/// `\d` for str patterns: Unicode decimal digits (category Nd).
#[inline]
pub fn is_uni_digit(c: u32) -> bool {
    if c < 256 {
        is_ascii_digit(c)
    } else {
        sm::is_decimal(c)
    }
}

/// `\s` for str patterns: `str.isspace()`.
#[inline]
pub fn is_uni_space(c: u32) -> bool {
    if c < 256 {
        latin1().bits[c as usize] & S != 0
    } else {
        sm::is_space(c)
    }
}

/// Line boundaries (`Py_UNICODE_ISLINEBREAK`).
#[inline]
pub fn is_uni_linebreak(c: u32) -> bool {
    sm::is_linebreak(c)
}

/// `_sre.unicode_iscased`.
pub fn unicode_iscased(c: u32) -> bool {
    c != lower_unicode(c) || c != upper_unicode(c)
}

/// `_sre.ascii_iscased`.
pub fn ascii_iscased(c: u32) -> bool {
    c < 128 && (c as u8).is_ascii_alphabetic()
}

/// Does `c` belong to category `code` (a `CATEGORY_*` number)?
#[inline]
pub fn category(code: u32, c: u32) -> bool {
    match code {
        cat::DIGIT => is_ascii_digit(c),
        cat::NOT_DIGIT => !is_ascii_digit(c),
        cat::SPACE => is_ascii_space(c),
        cat::NOT_SPACE => !is_ascii_space(c),
        cat::WORD => is_ascii_word(c),
        cat::NOT_WORD => !is_ascii_word(c),
        cat::LINEBREAK => c == 10,
        cat::NOT_LINEBREAK => c != 10,
        cat::LOC_WORD => is_loc_word(c),
        cat::LOC_NOT_WORD => !is_loc_word(c),
        cat::UNI_DIGIT => is_uni_digit(c),
        cat::UNI_NOT_DIGIT => !is_uni_digit(c),
        cat::UNI_SPACE => is_uni_space(c),
        cat::UNI_NOT_SPACE => !is_uni_space(c),
        cat::UNI_WORD => is_uni_word(c),
        cat::UNI_NOT_WORD => !is_uni_word(c),
        cat::UNI_LINEBREAK => is_uni_linebreak(c),
        cat::UNI_NOT_LINEBREAK => !is_uni_linebreak(c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_classes() {
        assert_eq!(lower_unicode('A' as u32), 'a' as u32);
        assert_eq!(lower_unicode(0xC0), 0xE0);
        assert_eq!(lower_unicode(0x130), 'i' as u32);
        assert_eq!(upper_unicode(0xFF), 0x178);
        assert_eq!(upper_unicode(0xB5), 0x39C);
        assert!(unicode_iscased(0xB5));
        assert!(!unicode_iscased('1' as u32));
        assert!(is_uni_word(0xE9) && !is_uni_word(0xD7));
        assert!(is_uni_digit(0x661) && !is_uni_digit(0xB2));
        assert!(is_uni_space(0x85) && is_uni_space(0x1C) && !is_ascii_space(0x1C));
        assert!(category(cat::UNI_WORD, 0x4E00));
    }
}
