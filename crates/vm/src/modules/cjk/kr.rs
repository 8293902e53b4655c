//! The Korean codecs of `_codecs_kr`: `cp949` and `euc_kr`, byte for byte
//! as CPython 3.11's (`johab` is not provided yet).
//!
//! Data: the WHATWG Encoding Standard's `index-euc-kr` (Microsoft's code
//! page 949, i.e. KS X 1001 in 0xA1-0xFE x 0xA1-0xFE plus the Unified
//! Hangul Code extension) from the `encoding-index-korean` crate.  An
//! exhaustive comparison with CPython 3.11 (`tests/cjk/compare.py`) found
//! no difference for `cp949`; `euc_kr` decodes only the KS X 1001 part.
//! Both encoders prefer the KS X 1001 cell; `euc_kr` writes a Hangul
//! syllable outside KS X 1001 as the KS X 1001:1998 Annex 3 "make-up"
//! sequence (0xA4D4 filler, then initial, medial and final jamo as KS X
//! 1001 compatibility jamo, 8 bytes) and decodes those sequences back.

use std::sync::OnceLock;

use encoding_index_korean::euc_kr;
use taipan_common::Wtf8Buf;

use super::{Codec, Stop};

/// Pointers of the index (lead 0x81-0xFE, trail 0x41-0xFE: 190 each).
const POINTERS: usize = 126 * 190;
const NONE: u16 = 0xFFFF;

struct Tables {
    /// Code point by pointer.
    dec: Vec<u16>,
    /// BMP code point -> pointer, KS X 1001 cells first.
    enc: Vec<u16>,
}

fn is_ksx1001(p: usize) -> bool {
    let (lead, trail) = (p / 190 + 0x81, p % 190 + 0x41);
    (0xA1..=0xFE).contains(&lead) && (0xA1..=0xFE).contains(&trail)
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut dec = vec![NONE; POINTERS];
        for (p, slot) in dec.iter_mut().enumerate() {
            let c = euc_kr::forward(p as u16);
            if c < 0xFFFF {
                *slot = c as u16;
            }
        }
        let mut enc = vec![NONE; 0x10000];
        for pass_ksx in [true, false] {
            for (p, &c) in dec.iter().enumerate() {
                if c != NONE && is_ksx1001(p) == pass_ksx && enc[c as usize] == NONE {
                    enc[c as usize] = p as u16;
                }
            }
        }
        Tables { dec, enc }
    })
}

fn pointer(c1: u8, c2: u8) -> Option<usize> {
    if (0x81..=0xFE).contains(&c1) && (0x41..=0xFE).contains(&c2) {
        Some((c1 as usize - 0x81) * 190 + (c2 as usize - 0x41))
    } else {
        None
    }
}

fn decode_pair(c1: u8, c2: u8, ksx_only: bool) -> Option<u32> {
    let p = pointer(c1, c2)?;
    if ksx_only && !is_ksx1001(p) {
        return None;
    }
    match tables().dec.get(p) {
        Some(&c) if c != NONE => Some(c as u32),
        _ => None,
    }
}

/// The pointer of BMP code point `u`, and whether it is a KS X 1001 cell.
fn encode_char(u: u32) -> Option<(usize, bool)> {
    match tables().enc.get(u as usize) {
        Some(&p) if p != NONE => Some((p as usize, is_ksx1001(p as usize))),
        _ => None,
    }
}

fn push_pointer(out: &mut Vec<u8>, p: usize) {
    out.push((p / 190 + 0x81) as u8);
    out.push((p % 190 + 0x41) as u8);
}

fn cp949_decode(d: &[u8], pos: &mut usize, out: &mut Wtf8Buf, _: &mut u64) -> Stop {
    while let Some(&c) = d.get(*pos) {
        if c < 0x80 {
            out.push_code_point(c as u32);
            *pos += 1;
            continue;
        }
        let Some(&c2) = d.get(*pos + 1) else {
            return Stop::TooFew;
        };
        match decode_pair(c, c2, false) {
            Some(u) => {
                out.push_code_point(u);
            }
            None => return Stop::Illegal(1),
        }
        *pos += 2;
    }
    Stop::Done
}

fn cp949_encode(s: &[u32], pos: &mut usize, out: &mut Vec<u8>, _: bool, _: &mut u64) -> Stop {
    while let Some(&u) = s.get(*pos) {
        if u < 0x80 {
            out.push(u as u8);
        } else {
            match encode_char(u) {
                Some((p, _)) => push_pointer(out, p),
                None => return Stop::Illegal(1),
            }
        }
        *pos += 1;
    }
    Stop::Done
}

// ---- the EUC-KR make-up sequences (Hangul compatibility jamo, U+3131..)

const JAMO_LEAD: u8 = 0xA4;
const FILLER: u8 = 0xD4;

/// The 19 initial consonants of Unicode's syllable order, as compatibility
/// jamo.
const CHOSEONG: [u16; 19] = [
    0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145, 0x3146, 0x3147,
    0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
];
/// The 27 final consonants (index 0, no final, is the filler).
const JONGSEONG: [u16; 27] = [
    0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A, 0x313B, 0x313C, 0x313D,
    0x313E, 0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146, 0x3147, 0x3148, 0x314A, 0x314B,
    0x314C, 0x314D, 0x314E,
];
/// The 21 medial vowels are U+314F..=U+3163, in order.
const JUNGSEONG_FIRST: u16 = 0x314F;

/// The KS X 1001 trail byte of compatibility jamo `cp` (row 4 holds
/// U+3131.. in order from 0xA1).
fn jamo_byte(cp: u16) -> u8 {
    (cp - 0x3131) as u8 + 0xA1
}

fn push_makeup(out: &mut Vec<u8>, u: u32) {
    let s = (u - 0xAC00) as usize;
    let (cho, jung, jong) = (s / 588, (s / 28) % 21, s % 28);
    out.extend_from_slice(&[JAMO_LEAD, FILLER, JAMO_LEAD, jamo_byte(CHOSEONG[cho])]);
    out.extend_from_slice(&[
        JAMO_LEAD,
        jamo_byte(JUNGSEONG_FIRST + jung as u16),
        JAMO_LEAD,
    ]);
    out.push(if jong == 0 {
        FILLER
    } else {
        jamo_byte(JONGSEONG[jong - 1])
    });
}

/// The syllable of a make-up sequence's three jamo bytes.
fn makeup_syllable(cho: u8, jung: u8, jong: u8) -> Option<u32> {
    let cp = |b: u8| 0x3131 + (b as u16).wrapping_sub(0xA1);
    let ci = (0xA1..=0xBE)
        .contains(&cho)
        .then(|| CHOSEONG.iter().position(|&c| c == cp(cho)))??;
    let ji = (0xBF..=0xD3)
        .contains(&jung)
        .then(|| (jung - 0xBF) as usize)?;
    let fi = if jong == FILLER {
        0
    } else {
        (0xA1..=0xBE)
            .contains(&jong)
            .then(|| JONGSEONG.iter().position(|&c| c == cp(jong)))??
            + 1
    };
    Some(0xAC00 + (ci * 588 + ji * 28 + fi) as u32)
}

fn euc_kr_decode(d: &[u8], pos: &mut usize, out: &mut Wtf8Buf, _: &mut u64) -> Stop {
    while let Some(&c) = d.get(*pos) {
        if c < 0x80 {
            out.push_code_point(c as u32);
            *pos += 1;
            continue;
        }
        let Some(&c2) = d.get(*pos + 1) else {
            return Stop::TooFew;
        };
        if c == JAMO_LEAD && c2 == FILLER {
            let Some(seq) = d.get(*pos..*pos + 8) else {
                return Stop::TooFew;
            };
            if seq[2] != JAMO_LEAD || seq[4] != JAMO_LEAD || seq[6] != JAMO_LEAD {
                return Stop::Illegal(1);
            }
            match makeup_syllable(seq[3], seq[5], seq[7]) {
                Some(u) => {
                    out.push_code_point(u);
                }
                None => return Stop::Illegal(1),
            }
            *pos += 8;
            continue;
        }
        match decode_pair(c, c2, true) {
            Some(u) => {
                out.push_code_point(u);
            }
            None => return Stop::Illegal(1),
        }
        *pos += 2;
    }
    Stop::Done
}

fn euc_kr_encode(s: &[u32], pos: &mut usize, out: &mut Vec<u8>, _: bool, _: &mut u64) -> Stop {
    while let Some(&u) = s.get(*pos) {
        if u < 0x80 {
            out.push(u as u8);
        } else {
            match encode_char(u) {
                Some((p, true)) => push_pointer(out, p),
                // The extension holds only Hangul syllables.
                Some((_, false)) if (0xAC00..=0xD7A3).contains(&u) => push_makeup(out, u),
                _ => return Stop::Illegal(1),
            }
        }
        *pos += 1;
    }
    Stop::Done
}

/// The codecs of `_codecs_kr` that Taipan has.
pub static CODECS: &[Codec] = &[
    Codec::stateless("euc_kr", euc_kr_encode, euc_kr_decode),
    Codec::stateless("cp949", cp949_encode, cp949_decode),
];
