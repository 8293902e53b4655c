//! A compiled pattern ready to run: the code words plus what is worth
//! computing once per pattern rather than once per match — the INFO
//! block's literal prefix (as bytes for `memmem`), a 256-entry table for a
//! leading character set, and for every `IN`-family op a 256-bit table of
//! the characters 0..=255 it accepts (case rules already applied), so the
//! hot loops test one bit instead of interpreting the set.
//!
//! Also here: the character-set test itself (`in_set`), shared by the
//! engine and the table builder.

use super::chars::*;
use super::constants::{info, op};

/// A compiled pattern plus precomputed search helpers.
pub struct Prog {
    pub code: Vec<u32>,
    /// Number of capture groups.
    pub groups: usize,
    /// The INFO block's literal prefix, if any.
    pub prefix: Option<Prefix>,
    /// For an INFO charset: membership of characters 0..=255.
    pub start_set: Option<Box<[bool; 256]>>,
    /// For each code position holding an IN-family op: an index into
    /// `in_tabs` (`u32::MAX` elsewhere).
    in_index: Vec<u32>,
    in_tabs: Vec<Bits>,
}

/// A literal prefix the match must start with.
pub struct Prefix {
    /// The prefix as bytes for narrow subjects (None: a character > 255).
    pub narrow: Option<Vec<u8>>,
    /// The prefix as WTF-8 for wide subjects.
    pub wide: Vec<u8>,
    /// Characters of the prefix the matcher may skip.
    pub skip: usize,
    /// Bytes of those characters in WTF-8.
    pub skip_wide: usize,
    /// The pattern is just the literal.
    pub literal: bool,
    pub finder_narrow: Option<memchr::memmem::Finder<'static>>,
    pub finder_wide: memchr::memmem::Finder<'static>,
}

impl Prog {
    /// Analyses `code` (the INFO block) once per pattern.
    pub fn new(code: Vec<u32>, groups: usize) -> Prog {
        let mut prog = Prog {
            code,
            groups,
            prefix: None,
            start_set: None,
            in_index: Vec::new(),
            in_tabs: Vec::new(),
        };
        prog.build_in_tables();
        let c = |i: usize| prog.code.get(i).copied().unwrap_or(0);
        if c(0) != op::INFO {
            return prog;
        }
        let flags = c(2);
        if flags & info::PREFIX != 0 {
            let len = c(5) as usize;
            let skip = c(6) as usize;
            let chars: Vec<u32> = (0..len).map(|i| c(7 + i)).collect();
            if len > 0 && 7 + len <= prog.code.len() && skip <= len {
                let narrow = if chars.iter().all(|&x| x < 256) {
                    Some(chars.iter().map(|&x| x as u8).collect::<Vec<u8>>())
                } else {
                    None
                };
                let mut wide = taipan_common::Wtf8Buf::new();
                let mut skip_wide = 0;
                for (i, &x) in chars.iter().enumerate() {
                    wide.push_code_point(x);
                    if i + 1 == skip {
                        skip_wide = wide.len_bytes();
                    }
                }
                let wide = wide.into_bytes();
                prog.prefix = Some(Prefix {
                    finder_narrow: narrow
                        .as_ref()
                        .map(|n| memchr::memmem::Finder::new(n).into_owned()),
                    finder_wide: memchr::memmem::Finder::new(&wide).into_owned(),
                    narrow,
                    wide,
                    skip,
                    skip_wide,
                    literal: flags & info::LITERAL != 0,
                });
            }
        } else if flags & info::CHARSET != 0 {
            let mut t = Box::new([false; 256]);
            for (ch, slot) in t.iter_mut().enumerate() {
                *slot = in_set(&prog.code, 5, ch as u32);
            }
            prog.start_set = Some(t);
        }
        prog
    }

    fn build_in_tables(&mut self) {
        let mut index = vec![u32::MAX; self.code.len()];
        let mut tabs = Vec::new();
        let code = &self.code;
        for_each_op(code, |pc, opc| {
            if matches!(
                opc,
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE
            ) && let Some(slot) = index.get_mut(pc)
            {
                *slot = tabs.len() as u32;
                tabs.push(in_bits(code, pc));
            }
        });
        self.in_index = index;
        self.in_tabs = tabs;
    }

    /// The 0..=255 table of the IN-family op at `pc`, if it has one.
    #[inline(always)]
    pub fn in_table(&self, pc: usize) -> Option<&Bits> {
        let i = *self.in_index.get(pc)?;
        self.in_tabs.get(i as usize)
    }
}

/// Is `ch` in the character set whose items start at `i`?
pub fn in_set(code: &[u32], mut i: usize, ch: u32) -> bool {
    let c = |i: usize| code.get(i).copied().unwrap_or(0);
    let mut ok = true;
    loop {
        match c(i) {
            op::FAILURE => return !ok,
            op::LITERAL => {
                if ch == c(i + 1) {
                    return ok;
                }
                i += 2;
            }
            op::CATEGORY => {
                if category(c(i + 1), ch) {
                    return ok;
                }
                i += 2;
            }
            op::CHARSET => {
                if ch < 256 && c(i + 1 + (ch as usize >> 5)) & (1 << (ch & 31)) != 0 {
                    return ok;
                }
                i += 9;
            }
            op::RANGE => {
                if c(i + 1) <= ch && ch <= c(i + 2) {
                    return ok;
                }
                i += 3;
            }
            op::RANGE_UNI_IGNORE => {
                if c(i + 1) <= ch && ch <= c(i + 2) {
                    return ok;
                }
                let u = upper_unicode(ch);
                if c(i + 1) <= u && u <= c(i + 2) {
                    return ok;
                }
                i += 3;
            }
            op::NEGATE => {
                ok = !ok;
                i += 1;
            }
            op::BIGCHARSET => {
                let count = c(i + 1) as usize;
                i += 2;
                if ch < 0x10000 {
                    let k = (ch >> 8) as usize;
                    let block = c(i + k / 4).to_ne_bytes()[k % 4] as usize;
                    let bit = block * 256 + (ch as usize & 255);
                    if c(i + 64 + bit / 32) & (1 << (bit & 31)) != 0 {
                        return ok;
                    }
                }
                i = i.saturating_add(64).saturating_add(count.saturating_mul(8));
            }
            _ => return false,
        }
    }
}

/// LITERAL_LOC_IGNORE's test.
#[inline]
pub fn char_loc_ignore(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}

/// IN_LOC_IGNORE's test.
pub fn in_set_loc_ignore(code: &[u32], i: usize, ch: u32) -> bool {
    let lo = lower_locale(ch);
    if in_set(code, i, lo) {
        return true;
    }
    let up = upper_locale(ch);
    up != lo && in_set(code, i, up)
}

/// A 256-bit set of the characters 0..=255.
pub type Bits = [u64; 4];

#[inline(always)]
pub fn bit(t: &Bits, ch: u32) -> bool {
    (t[(ch >> 6) as usize & 3] >> (ch & 63)) & 1 != 0
}

/// What one `IN`-family op (at opcode position `pc`) accepts of 0..=255.
fn in_bits(code: &[u32], pc: usize) -> Bits {
    let set = pc + 2;
    let opc = code.get(pc).copied().unwrap_or(0);
    let mut t = [0u64; 4];
    for ch in 0..256u32 {
        let hit = match opc {
            op::IN => in_set(code, set, ch),
            op::IN_IGNORE => in_set(code, set, lower_ascii(ch)),
            op::IN_UNI_IGNORE => in_set(code, set, lower_unicode(ch)),
            _ => in_set_loc_ignore(code, set, ch),
        };
        if hit {
            t[(ch >> 6) as usize] |= 1 << (ch & 63);
        }
    }
    t
}

/// Visits every opcode position of `code` (following the block structure
/// the compiler emits, as `re._compiler.dis` does).  Stops quietly at
/// anything malformed.
fn for_each_op(code: &[u32], mut f: impl FnMut(usize, u32)) {
    let c = |i: usize| code.get(i).copied().unwrap_or(0);
    let mut ranges = vec![(0usize, code.len())];
    let mut budget = code.len() * 2 + 16;
    while let Some((mut pc, end)) = ranges.pop() {
        while pc < end && budget > 0 {
            budget -= 1;
            let opc = c(pc);
            f(pc, opc);
            let p = pc + 1;
            let skip = c(p) as usize;
            let next = match opc {
                op::FAILURE
                | op::SUCCESS
                | op::ANY
                | op::ANY_ALL
                | op::MAX_UNTIL
                | op::MIN_UNTIL
                | op::NEGATE => p,
                op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE
                | op::AT
                | op::CATEGORY
                | op::MARK
                | op::GROUPREF
                | op::GROUPREF_IGNORE
                | op::GROUPREF_UNI_IGNORE
                | op::GROUPREF_LOC_IGNORE
                | op::JUMP => p + 1,
                op::GROUPREF_EXISTS => p + 2,
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE | op::INFO => {
                    p + skip
                }
                op::BRANCH => {
                    let mut q = p;
                    while c(q) != 0 && q < end {
                        let s = c(q) as usize;
                        ranges.push((q + 1, q + s));
                        q += s;
                    }
                    q + 1
                }
                op::REPEAT
                | op::REPEAT_ONE
                | op::MIN_REPEAT_ONE
                | op::POSSESSIVE_REPEAT
                | op::POSSESSIVE_REPEAT_ONE => {
                    ranges.push((p + 3, p + skip));
                    p + skip
                }
                op::ASSERT | op::ASSERT_NOT => {
                    ranges.push((p + 2, p + skip));
                    p + skip
                }
                op::ATOMIC_GROUP => {
                    ranges.push((p + 1, p + skip));
                    p + skip
                }
                _ => break,
            };
            if next <= pc {
                break;
            }
            pc = next;
        }
    }
}
