//! `_codecs_iso2022`: the ISO-2022-JP family that needs only JIS X 0201,
//! 0208 and 0212 (`iso2022_jp`, `iso2022_jp_1`, `iso2022_jp_ext`), with
//! CPython 3.11's escape handling, error spans and state layout.
//!
//! State (CPython's `MultibyteCodec_State`, little-endian in the `u64`):
//! bytes 0-3 are the character sets designated to G0-G3 (the escape's final
//! byte, | 0x80 for double-byte sets), byte 4 the flags (shifted, "escape
//! throughout": an unknown escape passes through as text up to its final
//! byte).  `getstate()` exposes exactly these bytes, so they must match.
//!
//! A codec is its list of designations, tried in order when encoding; the
//! decoder accepts a designation only if the codec lists it.  The other
//! variants (`iso2022_jp_2` with KS X 1001, GB 2312 and ISO 8859-1/7,
//! `iso2022_jp_3`/`_2004` with JIS X 0213, `iso2022_kr`) are not provided.

use taipan_common::Wtf8Buf;

use super::jp::{jis0208_decode, jis0212_decode, jisx_common_encode};
use super::{Codec, Stop};

const ESC: u8 = 0x1B;
const SO: u8 = 0x0E;
const SI: u8 = 0x0F;
const LF: u8 = 0x0A;
const MAX_ESCSEQLEN: usize = 16;

const DBCS: u8 = 0x80;
const ASCII: u8 = b'B';
const JISX0201_K: u8 = b'I';
const JISX0201_R: u8 = b'J';
const JISX0208: u8 = b'B' | DBCS;
const JISX0212: u8 = b'D' | DBCS;
const JISX0208_O: u8 = b'@' | DBCS;

const F_SHIFTED: u8 = 0x01;
const F_ESCTHROUGHOUT: u8 = 0x02;

/// Codec configuration flags.
const NO_SHIFT: u8 = 0x01;
const USE_JISX0208_EXT: u8 = 0x04;

/// One character set a codec may designate (all of them to G0 here).
struct Designation {
    mark: u8,
    width: usize,
    decode: fn(&[u8]) -> Option<u32>,
    encode: fn(u32) -> Option<u16>,
}

struct Config {
    flags: u8,
    designations: &'static [Designation],
}

fn dec_0208(d: &[u8]) -> Option<u32> {
    jis0208_decode(*d.first()?, *d.get(1)?)
}

fn enc_0208(u: u32) -> Option<u16> {
    match jisx_common_encode(u) {
        Some((r, c, false)) => Some(u16::from_be_bytes([r, c])),
        _ => None,
    }
}

fn dec_0212(d: &[u8]) -> Option<u32> {
    jis0212_decode(*d.first()?, *d.get(1)?)
}

fn enc_0212(u: u32) -> Option<u16> {
    match jisx_common_encode(u) {
        Some((r, c, true)) => Some(u16::from_be_bytes([r, c])),
        _ => None,
    }
}

fn dec_0201_r(d: &[u8]) -> Option<u32> {
    match *d.first()? {
        0x5C => Some(0xA5),
        0x7E => Some(0x203E),
        c if c < 0x80 => Some(c as u32),
        _ => None,
    }
}

fn enc_0201_r(u: u32) -> Option<u16> {
    match u {
        0x5C | 0x7E => None,
        0..=0x7F => Some(u as u16),
        0xA5 => Some(0x5C),
        0x203E => Some(0x7E),
        _ => None,
    }
}

fn dec_0201_k(d: &[u8]) -> Option<u32> {
    let c = *d.first()? ^ 0x80;
    (0xA1..=0xDF).contains(&c).then(|| 0xFEC0 + c as u32)
}

fn enc_0201_k(u: u32) -> Option<u16> {
    (0xFF61..=0xFF9F)
        .contains(&u)
        .then(|| (u - 0xFEC0 - 0x80) as u16)
}

const D_JISX0208: Designation = Designation {
    mark: JISX0208,
    width: 2,
    decode: dec_0208,
    encode: enc_0208,
};
const D_JISX0208_O: Designation = Designation {
    mark: JISX0208_O,
    width: 2,
    decode: dec_0208,
    encode: enc_0208,
};
const D_JISX0212: Designation = Designation {
    mark: JISX0212,
    width: 2,
    decode: dec_0212,
    encode: enc_0212,
};
const D_JISX0201_R: Designation = Designation {
    mark: JISX0201_R,
    width: 1,
    decode: dec_0201_r,
    encode: enc_0201_r,
};
const D_JISX0201_K: Designation = Designation {
    mark: JISX0201_K,
    width: 1,
    decode: dec_0201_k,
    encode: enc_0201_k,
};

static JP: Config = Config {
    flags: NO_SHIFT | USE_JISX0208_EXT,
    designations: &[D_JISX0208, D_JISX0201_R, D_JISX0208_O],
};
static JP_1: Config = Config {
    flags: NO_SHIFT | USE_JISX0208_EXT,
    designations: &[D_JISX0208, D_JISX0212, D_JISX0201_R, D_JISX0208_O],
};
static JP_EXT: Config = Config {
    flags: NO_SHIFT | USE_JISX0208_EXT,
    designations: &[
        D_JISX0208,
        D_JISX0212,
        D_JISX0201_R,
        D_JISX0201_K,
        D_JISX0208_O,
    ],
};

/// The state bytes, as in CPython.
struct State([u8; 8]);

impl State {
    fn load(s: u64) -> State {
        State(s.to_le_bytes())
    }
    fn store(&self) -> u64 {
        u64::from_le_bytes(self.0)
    }
    fn g(&self, n: usize) -> u8 {
        self.0[n]
    }
    fn set_g(&mut self, n: usize, v: u8) {
        self.0[n] = v;
    }
    fn flag(&self, f: u8) -> bool {
        self.0[4] & f != 0
    }
    fn set_flag(&mut self, f: u8, on: bool) {
        if on {
            self.0[4] |= f;
        } else {
            self.0[4] &= !f;
        }
    }
}

/// The initial encoder state: G0 and G1 ASCII, no flags.
pub const ENC_INIT: u64 = (ASCII as u64) | (ASCII as u64) << 8;
/// The initial decoder state: G0, G1 and G2 ASCII, no flags.
pub const DEC_INIT: u64 = ENC_INIT | (ASCII as u64) << 16;

fn encode(cfg: &Config, s: &[u32], pos: &mut usize, out: &mut Vec<u8>, st: &mut u64) -> Stop {
    let mut state = State::load(*st);
    let r = encode_inner(cfg, s, pos, out, &mut state);
    *st = state.store();
    r
}

fn encode_inner(
    cfg: &Config,
    s: &[u32],
    pos: &mut usize,
    out: &mut Vec<u8>,
    st: &mut State,
) -> Stop {
    while let Some(&c) = s.get(*pos) {
        if c < 0x80 {
            if st.g(0) != ASCII {
                out.extend_from_slice(&[ESC, b'(', b'B']);
                st.set_g(0, ASCII);
            }
            if st.flag(F_SHIFTED) {
                out.push(SI);
                st.set_flag(F_SHIFTED, false);
            }
            out.push(c as u8);
            *pos += 1;
            continue;
        }
        let Some((dsg, code)) = cfg
            .designations
            .iter()
            .find_map(|d| (d.encode)(c).map(|code| (d, code)))
        else {
            return Stop::Illegal(1);
        };
        // Every designation of these codecs goes to G0.
        if st.flag(F_SHIFTED) {
            out.push(SI);
            st.set_flag(F_SHIFTED, false);
        }
        if st.g(0) != dsg.mark {
            let fin = dsg.mark & 0x7F;
            if dsg.width == 1 {
                out.extend_from_slice(&[ESC, b'(', fin]);
            } else if dsg.mark == JISX0208 {
                out.extend_from_slice(&[ESC, b'$', fin]);
            } else {
                out.extend_from_slice(&[ESC, b'$', b'(', fin]);
            }
            st.set_g(0, dsg.mark);
        }
        if dsg.width == 1 {
            out.push(code as u8);
        } else {
            out.extend_from_slice(&code.to_be_bytes());
        }
        *pos += 1;
    }
    Stop::Done
}

/// ENCODER_RESET: back to ASCII, unshifted.
pub fn encreset(out: &mut Vec<u8>, st: &mut u64) -> Stop {
    let mut state = State::load(*st);
    if state.flag(F_SHIFTED) {
        out.push(SI);
        state.set_flag(F_SHIFTED, false);
    }
    if state.g(0) != ASCII {
        out.extend_from_slice(&[ESC, b'(', b'B']);
        state.set_g(0, ASCII);
    }
    *st = state.store();
    Stop::Done
}

/// DECODER_RESET: G0 back to ASCII, unshifted (the escape-throughout flag
/// stays, as in CPython).
pub fn decreset(st: &mut u64) {
    let mut state = State::load(*st);
    state.set_g(0, ASCII);
    state.set_flag(F_SHIFTED, false);
    *st = state.store();
}

fn is_escend(c: u8) -> bool {
    c.is_ascii_uppercase() || c == b'@'
}

/// Reads the escape sequence at `d[0]` (an ESC): designates and returns its
/// length, or the error.
fn process_escape(cfg: &Config, d: &[u8], st: &mut State) -> Result<usize, Stop> {
    let mut esclen = 0;
    let mut i = 1;
    while i < MAX_ESCSEQLEN {
        let Some(&b) = d.get(i) else {
            return Err(Stop::TooFew);
        };
        if is_escend(b) {
            esclen = i + 1;
            break;
        } else if cfg.flags & USE_JISX0208_EXT != 0
            && i + 1 < d.len()
            && b == b'&'
            && d[i + 1] == b'@'
        {
            i += 2;
        }
        i += 1;
    }
    let at = |k: usize| d.get(k).copied().unwrap_or(0);
    let (charset, designation) = match esclen {
        0 => return Err(Stop::Illegal(1)),
        3 => {
            if at(1) == b'$' {
                (at(2) | DBCS, 0)
            } else {
                match at(1) {
                    b'(' => (at(2), 0),
                    b')' => (at(2), 1),
                    _ => return Err(Stop::Illegal(3)),
                }
            }
        }
        4 => {
            if at(1) != b'$' {
                return Err(Stop::Illegal(4));
            }
            match at(2) {
                b'(' => (at(3) | DBCS, 0),
                b')' => (at(3) | DBCS, 1),
                _ => return Err(Stop::Illegal(4)),
            }
        }
        6 if cfg.flags & USE_JISX0208_EXT != 0
            && at(3) == ESC
            && at(4) == b'$'
            && at(5) == b'B' =>
        {
            (JISX0208, 0)
        }
        n => return Err(Stop::Illegal(n)),
    };
    if charset != ASCII && !cfg.designations.iter().any(|d| d.mark == charset) {
        return Err(Stop::Illegal(esclen));
    }
    st.set_g(designation, charset);
    Ok(esclen)
}

fn decode(cfg: &Config, d: &[u8], pos: &mut usize, out: &mut Wtf8Buf, st: &mut u64) -> Stop {
    let mut state = State::load(*st);
    let r = decode_inner(cfg, d, pos, out, &mut state);
    *st = state.store();
    r
}

fn decode_inner(
    cfg: &Config,
    d: &[u8],
    pos: &mut usize,
    out: &mut Wtf8Buf,
    st: &mut State,
) -> Stop {
    while let Some(&c) = d.get(*pos) {
        if st.flag(F_ESCTHROUGHOUT) {
            out.push_code_point(c as u32);
            *pos += 1;
            if is_escend(c) {
                st.set_flag(F_ESCTHROUGHOUT, false);
            }
            continue;
        }
        let bypass = match c {
            ESC => {
                let Some(&c2) = d.get(*pos + 1) else {
                    return Stop::TooFew;
                };
                if matches!(c2, b'(' | b')' | b'$' | b'.' | b'&') {
                    match process_escape(cfg, &d[*pos..], st) {
                        Ok(n) => *pos += n,
                        Err(e) => return e,
                    }
                } else {
                    out.push_code_point(ESC as u32);
                    st.set_flag(F_ESCTHROUGHOUT, true);
                    *pos += 1;
                }
                false
            }
            SI | SO if cfg.flags & NO_SHIFT != 0 => true,
            SI | SO => {
                st.set_flag(F_SHIFTED, c == SO);
                *pos += 1;
                false
            }
            LF => {
                st.set_flag(F_SHIFTED, false);
                true
            }
            0..0x20 => true,
            0x80.. => return Stop::Illegal(1),
            _ => {
                let charset = if st.flag(F_SHIFTED) { st.g(1) } else { st.g(0) };
                if charset == ASCII {
                    true
                } else {
                    let Some(dsg) = cfg.designations.iter().find(|x| x.mark == charset) else {
                        // Only a forged setstate() gets here.
                        return Stop::Illegal(1);
                    };
                    let Some(bytes) = d.get(*pos..*pos + dsg.width) else {
                        return Stop::TooFew;
                    };
                    match (dsg.decode)(bytes) {
                        Some(u) => out.push_code_point(u),
                        None => return Stop::Illegal(dsg.width),
                    };
                    *pos += dsg.width;
                    false
                }
            }
        };
        if bypass {
            out.push_code_point(c as u32);
            *pos += 1;
        }
    }
    Stop::Done
}

macro_rules! iso2022_codec {
    ($name:literal, $cfg:ident, $enc:ident, $dec:ident) => {{
        fn $enc(s: &[u32], pos: &mut usize, out: &mut Vec<u8>, _: bool, st: &mut u64) -> Stop {
            encode(&$cfg, s, pos, out, st)
        }
        fn $dec(d: &[u8], pos: &mut usize, out: &mut Wtf8Buf, st: &mut u64) -> Stop {
            decode(&$cfg, d, pos, out, st)
        }
        Codec {
            name: $name,
            encode: $enc,
            decode: $dec,
            encreset: Some(encreset),
            decreset: Some(decreset),
            enc_init: ENC_INIT,
            dec_init: DEC_INIT,
        }
    }};
}

/// The codecs of `_codecs_iso2022` that Taipan has.
pub static CODECS: &[Codec] = &[
    iso2022_codec!("iso2022_jp", JP, jp_encode, jp_decode),
    iso2022_codec!("iso2022_jp_1", JP_1, jp1_encode, jp1_decode),
    iso2022_codec!("iso2022_jp_ext", JP_EXT, jpext_encode, jpext_decode),
];
