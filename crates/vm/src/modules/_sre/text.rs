//! The subject string as the matcher sees it.
//!
//! The engine never copies or decodes the subject.  It walks it in
//! *units*: bytes objects and all-ASCII strs are [`Narrow`] (one byte per
//! character, so unit index = character index), other strs are [`Wide`]
//! (their WTF-8 bytes; a position is the byte offset of a character
//! boundary and stepping decodes one code point forward or backward).
//! `Counter` converts Wide positions back to character indexes for match
//! objects, counting from the last conversion so a left-to-right scan
//! (findall, sub, finditer) stays linear.

/// A subject walked by the engine.  Positions are unit offsets into
/// `bytes()`; every method is given in-range character boundaries.
pub trait Text: Copy {
    /// One byte per character (no decoding needed).
    const NARROW: bool;
    fn bytes(&self) -> &[u8];
    /// The character starting at `pos` (`pos < len`) and the next position.
    fn next(&self, pos: usize) -> (u32, usize);
    /// The character starting at `pos` (`pos < len`).
    #[inline]
    fn at(&self, pos: usize) -> u32 {
        self.next(pos).0
    }
    /// The position of the character before `pos` (`pos > 0`).
    fn prev(&self, pos: usize) -> usize;
    /// The character just before `pos` (`pos > 0`).
    #[inline]
    fn before(&self, pos: usize) -> u32 {
        self.at(self.prev(pos))
    }
    /// Steps `n` characters back from `pos`, stopping at `floor`.
    fn back(&self, pos: usize, n: usize, floor: usize) -> Option<usize> {
        if Self::NARROW {
            return pos.checked_sub(n).filter(|&p| p >= floor);
        }
        let mut p = pos;
        for _ in 0..n {
            if p <= floor {
                return None;
            }
            p = self.prev(p);
        }
        Some(p)
    }
    /// Steps `n` characters forward from `pos`, not past `end`.
    fn forward(&self, pos: usize, n: usize, end: usize) -> Option<usize> {
        if Self::NARROW {
            return pos.checked_add(n).filter(|&p| p <= end);
        }
        let mut p = pos;
        for _ in 0..n {
            if p >= end {
                return None;
            }
            p = self.next(p).1;
        }
        Some(p)
    }
}

/// One byte per character: bytes, or a str of ASCII only.
#[derive(Clone, Copy)]
pub struct Narrow<'a>(pub &'a [u8]);

impl Text for Narrow<'_> {
    const NARROW: bool = true;
    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        self.0
    }
    #[inline(always)]
    fn next(&self, pos: usize) -> (u32, usize) {
        (self.0.get(pos).copied().unwrap_or(0) as u32, pos + 1)
    }
    #[inline(always)]
    fn at(&self, pos: usize) -> u32 {
        self.0.get(pos).copied().unwrap_or(0) as u32
    }
    #[inline(always)]
    fn prev(&self, pos: usize) -> usize {
        pos.saturating_sub(1)
    }
}

/// WTF-8 text (a str with non-ASCII characters).
#[derive(Clone, Copy)]
pub struct Wide<'a>(pub &'a [u8]);

impl Text for Wide<'_> {
    const NARROW: bool = false;
    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        self.0
    }
    #[inline(always)]
    fn next(&self, pos: usize) -> (u32, usize) {
        let b = self.0;
        let Some(&lead) = b.get(pos) else {
            return (0, pos + 1);
        };
        if lead < 0x80 {
            return (lead as u32, pos + 1);
        }
        decode_multi(b, pos, lead)
    }
    #[inline(always)]
    fn prev(&self, pos: usize) -> usize {
        let b = self.0;
        let mut p = pos.saturating_sub(1);
        while p > 0 && b.get(p).is_some_and(|&x| x & 0xC0 == 0x80) {
            p -= 1;
        }
        p
    }
}

#[inline]
fn decode_multi(b: &[u8], pos: usize, lead: u8) -> (u32, usize) {
    let cont = |i: usize| (b.get(pos + i).copied().unwrap_or(0x80) & 0x3F) as u32;
    if lead < 0xE0 {
        ((((lead & 0x1F) as u32) << 6) | cont(1), pos + 2)
    } else if lead < 0xF0 {
        (
            (((lead & 0x0F) as u32) << 12) | (cont(1) << 6) | cont(2),
            pos + 3,
        )
    } else {
        (
            (((lead & 0x07) as u32) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            pos + 4,
        )
    }
}

/// Number of characters in WTF-8 bytes.
#[inline]
pub fn count_chars(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

/// Converts byte offsets of a Wide subject to character indexes,
/// remembering the last answer (scans go left to right).
pub struct Counter {
    byte: usize,
    chr: usize,
}

impl Counter {
    /// Starts from a known (byte offset, character index) pair.
    pub fn new(byte: usize, chr: usize) -> Counter {
        Counter { byte, chr }
    }

    /// The last (byte offset, character index) pair.
    pub fn point(&self) -> (usize, usize) {
        (self.byte, self.chr)
    }

    /// The character index of byte offset `off` (a character boundary).
    pub fn to_char(&mut self, b: &[u8], off: usize) -> usize {
        let off = off.min(b.len());
        if off >= self.byte {
            self.chr += count_chars(&b[self.byte..off]);
        } else {
            self.chr -= count_chars(&b[off..self.byte]);
        }
        self.byte = off;
        self.chr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_steps() {
        let s = "aé€😀\u{7f}";
        let w = Wide(s.as_bytes());
        let mut p = 0;
        let mut got = vec![];
        while p < s.len() {
            let (c, n) = w.next(p);
            got.push(c);
            assert_eq!(w.prev(n), p);
            p = n;
        }
        let want: Vec<u32> = s.chars().map(|c| c as u32).collect();
        assert_eq!(got, want);
        assert_eq!(w.back(s.len(), 2, 0), Some(s.len() - 5));
        assert_eq!(w.back(3, 3, 0), None);
        let mut c = Counter::new(0, 0);
        assert_eq!(c.to_char(s.as_bytes(), 6), 3);
        assert_eq!(c.to_char(s.as_bytes(), 1), 1);
        assert_eq!(c.to_char(s.as_bytes(), s.len()), 5);
    }
}
