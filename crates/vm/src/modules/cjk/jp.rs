//! The Japanese codecs of `_codecs_jp`: `shift_jis`, `cp932` and `euc_jp`,
//! byte for byte as CPython 3.11's.
//!
//! Data.  The mapping tables are the WHATWG Encoding Standard's
//! `index-jis0208` and `index-jis0212`, from the `encoding-index-japanese`
//! crate (public domain; forward lookups by pointer).  CPython's tables were
//! made from other sources, and an exhaustive comparison with CPython 3.11
//! (every 1-, 2- and 3-byte sequence decoded, every code point encoded; the
//! script is `tests/cjk/compare.py`) showed exactly these differences, which
//! the table builders below apply:
//!
//! * `index-jis0208` carries Microsoft's extensions: row 13 (NEC special
//!   characters, pointers 1128..1222) and everything from pointer 8272 on
//!   (NEC-selected and IBM extensions).  CPython's plain JIS X 0208 (used by
//!   `shift_jis` and `euc_jp`) has neither; `cp932` has all of them.
//! * Six JIS X 0208 cells decode as JIS does in CPython's JIS X 0208, as
//!   Microsoft does in WHATWG's: 0x2141 WAVE DASH (not FULLWIDTH TILDE),
//!   0x2142 DOUBLE VERTICAL LINE (not PARALLEL TO), 0x215D MINUS SIGN (not
//!   FULLWIDTH HYPHEN-MINUS), 0x2171/0x2172 CENT/POUND SIGN and 0x224C NOT
//!   SIGN (not their fullwidth forms).  `cp932` decodes the Microsoft way
//!   and encodes both forms.
//! * JIS X 0212 0x2237 decodes to TILDE in CPython, FULLWIDTH TILDE in
//!   WHATWG.
//! * When a code point has several cells, `cp932` encodes the lowest
//!   pointer (so the NEC-selected IBM rows 89-92 win over the IBM rows
//!   115-119), as CPython does; JIS X 0208 wins over JIS X 0212 in
//!   `euc_jp`.
//!
//! The tables are built once, on first use, into flat arrays (decoding by
//! pointer, encoding by BMP code point).

use std::sync::OnceLock;

use encoding_index_japanese::{jis0208, jis0212};
use taipan_common::Wtf8Buf;

use super::{Codec, Stop};

/// Cells of a 94x94 JIS plane.
const CELLS: usize = 94 * 94;
/// Pointers of the Shift_JIS index (lead bytes 0x81-0x9F, 0xE0-0xFC).
const SJIS_POINTERS: usize = 11280;
/// "No mapping" in the u16 tables.
const NONE: u16 = 0xFFFF;
/// Flag of a JIS X 0212 code in the encoding table.
const PLANE2: u16 = 0x8000;

/// JIS X 0208 cells where CPython's table says what JIS says.
const JIS0208_CPYTHON: &[(usize, u16)] = &[
    (32, 0x301C),
    (33, 0x2016),
    (60, 0x2212),
    (80, 0x00A2),
    (81, 0x00A3),
    (137, 0x00AC),
];
/// JIS X 0212 cells where CPython's table differs from WHATWG's.
const JIS0212_CPYTHON: &[(usize, u16)] = &[(94 + 22, 0x007E)];

struct Tables {
    /// CPython's JIS X 0208, by cell (`(row-1)*94 + (col-1)`).
    jis0208: Vec<u16>,
    /// JIS X 0212, by cell.
    jis0212: Vec<u16>,
    /// cp932's two-byte table, by Shift_JIS pointer.
    cp932: Vec<u16>,
    /// CPython's `jisxcommon` encoder: BMP code point -> cell, with
    /// `PLANE2` set for JIS X 0212.
    jisx_enc: Vec<u16>,
    /// cp932's encoder: BMP code point -> lowest Shift_JIS pointer.
    cp932_enc: Vec<u16>,
}

fn cp_u16(c: u32) -> u16 {
    if c >= 0xFFFF { NONE } else { c as u16 }
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut j208 = vec![NONE; CELLS];
        for (p, slot) in j208.iter_mut().enumerate() {
            if (1128..1222).contains(&p) || p >= 8272 {
                continue;
            }
            *slot = cp_u16(jis0208::forward(p as u16));
        }
        for &(p, c) in JIS0208_CPYTHON {
            j208[p] = c;
        }
        let mut j212 = vec![NONE; CELLS];
        for (p, slot) in j212.iter_mut().enumerate() {
            *slot = cp_u16(jis0212::forward(p as u16));
        }
        for &(p, c) in JIS0212_CPYTHON {
            j212[p] = c;
        }
        let mut cp932 = vec![NONE; SJIS_POINTERS];
        for (p, slot) in cp932.iter_mut().enumerate() {
            *slot = cp_u16(jis0208::forward(p as u16));
        }
        let mut jisx_enc = vec![NONE; 0x10000];
        for (p, &c) in j208.iter().enumerate() {
            if c != NONE && jisx_enc[c as usize] == NONE {
                jisx_enc[c as usize] = p as u16;
            }
        }
        for (p, &c) in j212.iter().enumerate() {
            if c != NONE && jisx_enc[c as usize] == NONE {
                jisx_enc[c as usize] = PLANE2 | p as u16;
            }
        }
        let mut cp932_enc = vec![NONE; 0x10000];
        for (p, &c) in cp932.iter().enumerate() {
            if c != NONE && cp932_enc[c as usize] == NONE {
                cp932_enc[c as usize] = p as u16;
            }
        }
        Tables {
            jis0208: j208,
            jis0212: j212,
            cp932,
            jisx_enc,
            cp932_enc,
        }
    })
}

/// The cell of JIS bytes `(row, col)` (each 0x21..=0x7E), if valid.
#[inline]
fn cell(row: u8, col: u8) -> Option<usize> {
    if (0x21..=0x7E).contains(&row) && (0x21..=0x7E).contains(&col) {
        Some((row as usize - 0x21) * 94 + (col as usize - 0x21))
    } else {
        None
    }
}

#[inline]
fn lookup(table: &[u16], idx: Option<usize>) -> Option<u32> {
    match idx.and_then(|i| table.get(i)) {
        Some(&c) if c != NONE => Some(c as u32),
        _ => None,
    }
}

/// The Shift_JIS pointer of lead `c1` and trail `c2` (trail checked).
#[inline]
fn sjis_pointer(c1: u8, c2: u8) -> Option<usize> {
    if c2 < 0x40 || c2 == 0x7F || c2 > 0xFC {
        return None;
    }
    let lead = if c1 < 0xA0 {
        c1 as usize - 0x81
    } else {
        c1 as usize - 0xC1
    };
    let trail = if c2 < 0x80 {
        c2 as usize - 0x40
    } else {
        c2 as usize - 0x41
    };
    Some(lead * 188 + trail)
}

/// The two Shift_JIS bytes of pointer (or JIS cell) `p`.
#[inline]
fn push_sjis(out: &mut Vec<u8>, p: usize) {
    let (hi, lo) = ((p / 188) as u8, (p % 188) as u8);
    out.push(if hi < 0x1F { hi + 0x81 } else { hi + 0xC1 });
    out.push(if lo < 0x3F { lo + 0x40 } else { lo + 0x41 });
}

fn push(out: &mut Wtf8Buf, c: u32) {
    out.push_code_point(c);
}

/// CPython's JIS X 0208 at JIS bytes `(row, col)` (ISO-2022's view).
pub(super) fn jis0208_decode(row: u8, col: u8) -> Option<u32> {
    lookup(&tables().jis0208, cell(row, col))
}

/// JIS X 0212 at JIS bytes `(row, col)`.
pub(super) fn jis0212_decode(row: u8, col: u8) -> Option<u32> {
    lookup(&tables().jis0212, cell(row, col))
}

/// CPython's `jisxcommon` encoder: the JIS bytes of BMP code point `u` and
/// whether they are JIS X 0212's (JIS X 0208 wins where both have it).
pub(super) fn jisx_common_encode(u: u32) -> Option<(u8, u8, bool)> {
    let code = tables().jisx_enc.get(u as usize).copied().unwrap_or(NONE);
    if code == NONE {
        return None;
    }
    let p = (code & !PLANE2) as usize;
    Some((
        (p / 94) as u8 + 0x21,
        (p % 94) as u8 + 0x21,
        code & PLANE2 != 0,
    ))
}

// ------------------------------------------------------------ shift_jis

fn shift_jis_decode(d: &[u8], pos: &mut usize, out: &mut Wtf8Buf, _: &mut u64) -> Stop {
    let t = tables();
    while let Some(&c) = d.get(*pos) {
        if c < 0x80 {
            push(out, c as u32);
            *pos += 1;
        } else if (0xA1..=0xDF).contains(&c) {
            push(out, 0xFEC0 + c as u32);
            *pos += 1;
        } else if (0x81..=0x9F).contains(&c) || (0xE0..=0xEA).contains(&c) {
            let Some(&c2) = d.get(*pos + 1) else {
                return Stop::TooFew;
            };
            match lookup(&t.jis0208, sjis_pointer(c, c2)) {
                Some(u) => push(out, u),
                None => return Stop::Illegal(1),
            }
            *pos += 2;
        } else {
            return Stop::Illegal(1);
        }
    }
    Stop::Done
}

fn shift_jis_encode(s: &[u32], pos: &mut usize, out: &mut Vec<u8>, _: bool, _: &mut u64) -> Stop {
    let t = tables();
    while let Some(&u) = s.get(*pos) {
        match u {
            0..=0x7F => out.push(u as u8),
            0xA5 => out.push(0x5C),
            0x203E => out.push(0x7E),
            0xFF61..=0xFF9F => out.push((u - 0xFEC0) as u8),
            _ => {
                let code = t.jisx_enc.get(u as usize).copied().unwrap_or(NONE);
                if code == NONE || code & PLANE2 != 0 {
                    return Stop::Illegal(1);
                }
                push_sjis(out, code as usize);
            }
        }
        *pos += 1;
    }
    Stop::Done
}

// ------------------------------------------------------------ cp932

fn cp932_decode(d: &[u8], pos: &mut usize, out: &mut Wtf8Buf, _: &mut u64) -> Stop {
    let t = tables();
    while let Some(&c) = d.get(*pos) {
        match c {
            0..=0x80 => push(out, c as u32),
            0xA0 => push(out, 0xF8F0),
            0xA1..=0xDF => push(out, 0xFEC0 + c as u32),
            0xFD..=0xFF => push(out, 0xF8F1 - 0xFD + c as u32),
            _ => {
                let Some(&c2) = d.get(*pos + 1) else {
                    return Stop::TooFew;
                };
                let p = sjis_pointer(c, c2);
                if let Some(u) = lookup(&t.cp932, p) {
                    push(out, u);
                } else if let (0xF0..=0xF9, Some(p)) = (c, p) {
                    // User-defined area: 188 code points per lead byte.
                    push(out, 0xE000 + (p - (0xF0 - 0xC1) * 188) as u32);
                } else {
                    return Stop::Illegal(1);
                }
                *pos += 2;
                continue;
            }
        }
        *pos += 1;
    }
    Stop::Done
}

fn cp932_encode(s: &[u32], pos: &mut usize, out: &mut Vec<u8>, _: bool, _: &mut u64) -> Stop {
    let t = tables();
    while let Some(&u) = s.get(*pos) {
        match u {
            0..=0x80 => out.push(u as u8),
            0xFF61..=0xFF9F => out.push((u - 0xFEC0) as u8),
            0xF8F0 => out.push(0xA0),
            0xF8F1..=0xF8F3 => out.push((u - 0xF8F1 + 0xFD) as u8),
            _ => {
                let p = t.cp932_enc.get(u as usize).copied().unwrap_or(NONE);
                if p != NONE {
                    push_sjis(out, p as usize);
                } else {
                    let code = t.jisx_enc.get(u as usize).copied().unwrap_or(NONE);
                    if code != NONE {
                        if code & PLANE2 != 0 {
                            return Stop::Illegal(1);
                        }
                        push_sjis(out, code as usize);
                    } else if (0xE000..0xE758).contains(&u) {
                        push_sjis(out, (0xF0 - 0xC1) * 188 + (u - 0xE000) as usize);
                    } else {
                        return Stop::Illegal(1);
                    }
                }
            }
        }
        *pos += 1;
    }
    Stop::Done
}

// ------------------------------------------------------------ euc_jp

fn euc_jp_decode(d: &[u8], pos: &mut usize, out: &mut Wtf8Buf, _: &mut u64) -> Stop {
    let t = tables();
    while let Some(&c) = d.get(*pos) {
        if c < 0x80 {
            push(out, c as u32);
            *pos += 1;
        } else if c == 0x8E {
            let Some(&c2) = d.get(*pos + 1) else {
                return Stop::TooFew;
            };
            if !(0xA1..=0xDF).contains(&c2) {
                return Stop::Illegal(1);
            }
            push(out, 0xFEC0 + c2 as u32);
            *pos += 2;
        } else if c == 0x8F {
            let (Some(&c2), Some(&c3)) = (d.get(*pos + 1), d.get(*pos + 2)) else {
                return Stop::TooFew;
            };
            match lookup(&t.jis0212, cell(c2 ^ 0x80, c3 ^ 0x80)) {
                Some(u) => push(out, u),
                None => return Stop::Illegal(1),
            }
            *pos += 3;
        } else {
            let Some(&c2) = d.get(*pos + 1) else {
                return Stop::TooFew;
            };
            match lookup(&t.jis0208, cell(c ^ 0x80, c2 ^ 0x80)) {
                Some(u) => push(out, u),
                None => return Stop::Illegal(1),
            }
            *pos += 2;
        }
    }
    Stop::Done
}

fn euc_jp_encode(s: &[u32], pos: &mut usize, out: &mut Vec<u8>, _: bool, _: &mut u64) -> Stop {
    let t = tables();
    while let Some(&u) = s.get(*pos) {
        if u < 0x80 {
            out.push(u as u8);
        } else {
            let code = t.jisx_enc.get(u as usize).copied().unwrap_or(NONE);
            if code != NONE {
                let p = (code & !PLANE2) as usize;
                if code & PLANE2 != 0 {
                    out.push(0x8F);
                }
                out.push((p / 94) as u8 + 0xA1);
                out.push((p % 94) as u8 + 0xA1);
            } else {
                match u {
                    0xFF61..=0xFF9F => out.extend_from_slice(&[0x8E, (u - 0xFEC0) as u8]),
                    0xA5 => out.push(0x5C),
                    0x203E => out.push(0x7E),
                    _ => return Stop::Illegal(1),
                }
            }
        }
        *pos += 1;
    }
    Stop::Done
}

/// The codecs of `_codecs_jp` that Taipan has.  CPython's module also has
/// the JIS X 0213 codecs (`shift_jis_2004`, `euc_jis_2004`,
/// `shift_jisx0213`, `euc_jisx0213`); see `super::UNAVAILABLE`.
pub static CODECS: &[Codec] = &[
    Codec::stateless("shift_jis", shift_jis_encode, shift_jis_decode),
    Codec::stateless("cp932", cp932_encode, cp932_decode),
    Codec::stateless("euc_jp", euc_jp_encode, euc_jp_decode),
];
