//! The matcher: executes the code `re._compiler` produces (CPython 3.11,
//! MAGIC 20220615) against a subject.
//!
//! # Design
//!
//! CPython's `sre_lib.h` is a recursive backtracking matcher turned into a
//! loop: an op that needs to try "the rest of the pattern" from some
//! position (a branch alternative, one more repetition, the tail after a
//! repeat) *calls* a child context and, when the child reports success or
//! failure, resumes where it left off.  Success of a child means the whole
//! remaining pattern matched up to a SUCCESS op, so results simply
//! propagate up; failure makes the waiting op try its next choice.
//!
//! We keep exactly those semantics (they decide which match Python reports,
//! how groups are captured, and the zero-width repeat rules), with our own
//! machine:
//!
//! * `frames` is the explicit stack of waiting ops ([`Frame`]: which op,
//!   its saved position, count and `lastmark`).  Nothing recurses on the
//!   Rust stack, however deep the pattern nests or however long the input.
//! * `run` alternates two phases: *execute* ops forward until SUCCESS or a
//!   failure, then *unwind*: pop frames, letting each waiting op consume
//!   the result — propagate it, or push itself again with its next choice
//!   and go back to executing.
//! * Capture marks saved around choices go to `markstack`; repeat contexts
//!   (`REPEAT` ... `MAX_UNTIL`/`MIN_UNTIL`) live in `repeats`, a stack
//!   whose entries die with the frame that created them.
//! * Positions are units of the [`Text`] (bytes for bytes/ASCII, WTF-8 byte
//!   offsets otherwise); width checks that CPython does with pointer
//!   arithmetic are done with character steps on wide text.
//!
//! `search` adds CPython's INFO-block accelerations: a literal prefix is
//! found with `memchr::memmem`, a leading character set with a 256-entry
//! table, and only then is the matcher started.

use super::chars::*;
use super::constants::{MAXREPEAT, at, info, op};
use super::prog::{Prog, bit, char_loc_ignore, in_set, in_set_loc_ignore};
use super::text::Text;

/// "No position" / "no repeat".
pub const NONE: usize = usize::MAX;

/// An internal error (malformed code); Python sees RuntimeError.
#[derive(Debug)]
pub struct Illegal;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Jump {
    Branch,
    Repeat,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    RepeatOne,
    RepeatOneLit,
    MinRepeatOne,
    PossRepeat1,
    PossRepeat2,
    Atomic,
    Assert,
    AssertNot,
}

/// A waiting op (a suspended context).
#[derive(Clone, Copy)]
struct Frame {
    jump: Jump,
    toplevel: bool,
    /// Marks were pushed onto `markstack` for this frame.
    pushed: bool,
    /// Where the op's arguments start (CPython's `pattern` after the opcode).
    pc: usize,
    ptr: usize,
    count: isize,
    lastmark: isize,
    lastindex: isize,
    /// Op-specific: the repeat index, or the literal of a REPEAT_ONE tail.
    aux: usize,
    /// Op-specific: a saved `last_ptr`.
    aux2: usize,
}

/// A `REPEAT` context.
#[derive(Clone, Copy)]
struct Repeat {
    count: isize,
    /// The REPEAT op's argument position (skip, min, max, body...).
    pc: usize,
    last_ptr: usize,
    prev: usize,
}

/// The state of one match/search over one subject.
pub struct State<'p, T: Text> {
    pub text: T,
    prog: &'p Prog,
    /// `endpos` in units.
    pub end: usize,
    /// Where the current match attempt started.
    pub start: usize,
    /// Where the last successful (sub)match ended.
    pub ptr: usize,
    pub marks: Vec<usize>,
    pub lastmark: isize,
    pub lastindex: isize,
    pub must_advance: bool,
    pub match_all: bool,
    repeat: usize,
    repeats: Vec<Repeat>,
    frames: Vec<Frame>,
    markstack: Vec<usize>,
}

impl<'p, T: Text> State<'p, T> {
    pub fn new(text: T, prog: &'p Prog, start: usize, end: usize) -> State<'p, T> {
        State {
            text,
            prog,
            end,
            start,
            ptr: start,
            marks: vec![NONE; prog.groups * 2],
            lastmark: -1,
            lastindex: -1,
            must_advance: false,
            match_all: false,
            repeat: NONE,
            repeats: Vec::new(),
            frames: Vec::new(),
            markstack: Vec::new(),
        }
    }

    /// CPython's `state_reset`.
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = NONE;
        self.repeats.clear();
        self.frames.clear();
        self.markstack.clear();
    }

    /// The span of group `g` (1-based) in units, if it matched.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let j = 2 * (g - 1);
        if (j + 1) as isize <= self.lastmark {
            let (a, b) = (self.marks[j], self.marks[j + 1]);
            if a != NONE && b != NONE {
                return Some((a, b));
            }
        }
        None
    }

    #[inline(always)]
    fn c(&self, i: usize) -> u32 {
        self.prog.code.get(i).copied().unwrap_or(0)
    }

    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = (lastmark as usize + 1).min(self.marks.len());
            self.markstack.extend_from_slice(&self.marks[..n]);
        }
    }

    fn mark_restore(&mut self, lastmark: isize, keep: bool) {
        if lastmark >= 0 {
            let n = (lastmark as usize + 1).min(self.marks.len());
            let top = self.markstack.len().saturating_sub(n);
            let k = self.markstack.len() - top;
            self.marks[..k].copy_from_slice(&self.markstack[top..]);
            if !keep {
                self.markstack.truncate(top);
            }
        }
    }

    fn mark_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let top = self.markstack.len().saturating_sub(n);
            self.markstack.truncate(top);
        }
    }

    /// An `AT` position test.
    fn at(&self, ptr: usize, code: u32) -> bool {
        let t = self.text;
        let end = self.end;
        let len = t.bytes().len();
        let word = |f: fn(u32) -> bool| -> (bool, bool) {
            let that = ptr > 0 && f(t.before(ptr));
            let this = ptr < end && f(t.at(ptr));
            (this, that)
        };
        match code {
            at::AT_BEGINNING | at::AT_BEGINNING_STRING => ptr == 0,
            at::AT_BEGINNING_LINE => ptr == 0 || t.before(ptr) == 10,
            at::AT_END => ptr == end || (ptr < len && t.at(ptr) == 10 && t.next(ptr).1 == end),
            at::AT_END_LINE => ptr == end || (ptr < len && t.at(ptr) == 10),
            at::AT_END_STRING => ptr == end,
            at::AT_BOUNDARY | at::AT_LOC_BOUNDARY | at::AT_UNI_BOUNDARY => {
                if end == 0 {
                    return false;
                }
                let (this, that) = word(match code {
                    at::AT_BOUNDARY => is_ascii_word,
                    at::AT_LOC_BOUNDARY => is_loc_word,
                    _ => is_uni_word,
                });
                this != that
            }
            at::AT_NON_BOUNDARY | at::AT_LOC_NON_BOUNDARY | at::AT_UNI_NON_BOUNDARY => {
                if end == 0 {
                    return false;
                }
                let (this, that) = word(match code {
                    at::AT_NON_BOUNDARY => is_ascii_word,
                    at::AT_LOC_NON_BOUNDARY => is_loc_word,
                    _ => is_uni_word,
                });
                this == that
            }
            _ => false,
        }
    }

    /// Matches the single-character item at `pc` (an opcode position)
    /// against the character at `ptr`; the next position on success.
    #[inline]
    fn single(&self, pc: usize, ptr: usize) -> Option<usize> {
        if ptr >= self.end {
            return None;
        }
        let (ch, next) = self.text.next(ptr);
        let arg = self.c(pc + 1);
        let ok = match self.c(pc) {
            op::ANY => ch != 10,
            op::ANY_ALL => true,
            op::LITERAL => ch == arg,
            op::NOT_LITERAL => ch != arg,
            op::LITERAL_IGNORE => lower_ascii(ch) == arg,
            op::NOT_LITERAL_IGNORE => lower_ascii(ch) != arg,
            op::LITERAL_UNI_IGNORE => lower_unicode(ch) == arg,
            op::NOT_LITERAL_UNI_IGNORE => lower_unicode(ch) != arg,
            op::LITERAL_LOC_IGNORE => char_loc_ignore(arg, ch),
            op::NOT_LITERAL_LOC_IGNORE => !char_loc_ignore(arg, ch),
            op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => self.in_op(pc, ch),
            op::CATEGORY => category(arg, ch),
            _ => false,
        };
        if ok { Some(next) } else { None }
    }

    /// Does the IN-family op at `pc` accept `ch`?
    #[inline(always)]
    fn in_op(&self, pc: usize, ch: u32) -> bool {
        if ch < 256
            && let Some(t) = self.prog.in_table(pc)
        {
            return bit(t, ch);
        }
        self.in_op_slow(pc, ch)
    }

    #[cold]
    fn in_op_slow(&self, pc: usize, ch: u32) -> bool {
        let code = &self.prog.code;
        match self.c(pc) {
            op::IN => in_set(code, pc + 2, ch),
            op::IN_IGNORE => in_set(code, pc + 2, lower_ascii(ch)),
            op::IN_UNI_IGNORE => in_set(code, pc + 2, lower_unicode(ch)),
            op::IN_LOC_IGNORE => in_set_loc_ignore(code, pc + 2, ch),
            _ => false,
        }
    }

    /// How many times (at most `maxcount`) the single-character item at
    /// `pc` matches from `ptr`; returns the count and the end position.
    fn count(&self, pc: usize, ptr: usize, maxcount: u32) -> (isize, usize) {
        let end = self.end;
        if ptr >= end {
            return (0, ptr);
        }
        if T::NARROW {
            let lim = if maxcount != MAXREPEAT && (maxcount as usize) < end - ptr {
                ptr + maxcount as usize
            } else {
                end
            };
            let b = &self.text.bytes()[..lim.min(self.text.bytes().len())];
            let arg = self.c(pc + 1);
            let mut p = ptr;
            match self.c(pc) {
                op::ANY_ALL => p = lim,
                op::ANY => {
                    p = match memchr::memchr(b'\n', &b[ptr..]) {
                        Some(i) => ptr + i,
                        None => lim,
                    }
                }
                op::LITERAL => {
                    if arg < 256 {
                        while p < lim && b[p] as u32 == arg {
                            p += 1;
                        }
                    }
                }
                op::NOT_LITERAL => {
                    p = if arg < 256 {
                        match memchr::memchr(arg as u8, &b[ptr..]) {
                            Some(i) => ptr + i,
                            None => lim,
                        }
                    } else {
                        lim
                    }
                }
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                    match self.prog.in_table(pc) {
                        Some(t) => {
                            while p < lim && bit(t, b[p] as u32) {
                                p += 1;
                            }
                        }
                        None => {
                            while p < lim && self.in_op_slow(pc, b[p] as u32) {
                                p += 1;
                            }
                        }
                    }
                }
                _ => {
                    while p < lim {
                        match self.single(pc, p) {
                            Some(n) => p = n,
                            None => break,
                        }
                    }
                }
            }
            ((p - ptr) as isize, p)
        } else {
            let mut n: isize = 0;
            let mut p = ptr;
            while p < end && (maxcount == MAXREPEAT || n < maxcount as isize) {
                match self.single(pc, p) {
                    Some(q) => {
                        p = q;
                        n += 1;
                    }
                    None => break,
                }
            }
            (n, p)
        }
    }

    /// Compares the text of group `g` at `ptr` under `fold`.
    fn groupref(&self, g: u32, ptr: usize, fold: fn(u32) -> u32) -> Option<usize> {
        let (s, e) = self.valid_group(g)?;
        let t = self.text;
        let (mut p, mut q) = (ptr, s);
        while q < e {
            if p >= self.end {
                return None;
            }
            let (c1, n1) = t.next(p);
            let (c2, n2) = t.next(q);
            if c1 != c2 && fold(c1) != fold(c2) {
                return None;
            }
            p = n1;
            q = n2;
        }
        Some(p)
    }

    fn valid_group(&self, g: u32) -> Option<(usize, usize)> {
        let j = 2 * g as usize;
        if j as isize >= self.lastmark {
            return None;
        }
        let (s, e) = (*self.marks.get(j)?, *self.marks.get(j + 1)?);
        if s == NONE || e == NONE || e < s {
            return None;
        }
        Some((s, e))
    }

    /// The first viable alternative of a BRANCH at or after `a`.
    fn next_alt(&self, mut a: usize, ptr: usize) -> Option<usize> {
        let t = self.text;
        loop {
            let skip = self.c(a) as usize;
            if skip == 0 {
                return None;
            }
            let first = self.c(a + 1);
            let reject = if first == op::LITERAL {
                ptr >= self.end || t.at(ptr) != self.c(a + 2)
            } else if first == op::IN {
                ptr >= self.end || !self.in_op(a + 1, t.at(ptr))
            } else {
                false
            };
            if !reject {
                return Some(a);
            }
            a = a.saturating_add(skip);
        }
    }

    /// Pushes a frame.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        jump: Jump,
        toplevel: bool,
        pushed: bool,
        pc: usize,
        ptr: usize,
        count: isize,
        aux: usize,
        aux2: usize,
    ) {
        self.frames.push(Frame {
            jump,
            toplevel,
            pushed,
            pc,
            ptr,
            count,
            lastmark: self.lastmark,
            lastindex: self.lastindex,
            aux,
            aux2,
        });
    }

    /// The possessive-repeat loop head: tries one more repetition (pushing
    /// a frame; returns the body to execute) or leaves the loop (returns
    /// the tail).  Returns (pc, ptr, toplevel).
    fn poss_head(
        &mut self,
        p: usize,
        count: isize,
        cptr: usize,
        toplevel: bool,
    ) -> (usize, usize, bool) {
        let max = self.c(p + 2);
        if (max == MAXREPEAT || count < max as isize) && self.ptr != cptr {
            let lm = self.lastmark;
            self.mark_push(lm);
            let cptr = self.ptr;
            self.push(Jump::PossRepeat2, toplevel, true, p, cptr, count, 0, 0);
            (p + 3, self.ptr, false)
        } else {
            (p + self.c(p) as usize + 1, self.ptr, toplevel)
        }
    }

    /// MIN_REPEAT_ONE with a tail starting with a literal: from (`ptr`,
    /// `count`), the first position where that literal is present, taking
    /// one more item per skipped character.  Trying the tail anywhere else
    /// would fail at its first op without side effects, so skipping those
    /// positions changes nothing but speed.  None: the repeat fails.
    fn lazy_skip(&self, p: usize, mut ptr: usize, mut count: isize) -> Option<(usize, isize)> {
        let tail = p + self.c(p) as usize;
        if self.c(tail) != op::LITERAL {
            return Some((ptr, count));
        }
        let chr = self.c(tail + 1);
        let max = self.c(p + 2);
        let item = p + 3;
        let end = self.end;
        let over = |count: isize| max != MAXREPEAT && count > max as isize;
        let item_op = self.c(item);
        if T::NARROW && matches!(item_op, op::ANY | op::ANY_ALL) && ptr < end {
            if chr >= 256 {
                return None;
            }
            let b = &self.text.bytes()[ptr..end];
            let found = if item_op == op::ANY {
                memchr::memchr2(chr as u8, b'\n', b)
            } else {
                memchr::memchr(chr as u8, b)
            };
            let i = found.filter(|&i| b[i] as u32 == chr)?;
            ptr += i;
            count += i as isize;
            return if over(count) {
                None
            } else {
                Some((ptr, count))
            };
        }
        loop {
            if ptr < end && self.text.at(ptr) == chr {
                return Some((ptr, count));
            }
            ptr = self.single(item, ptr)?;
            count += 1;
            if over(count) {
                return None;
            }
        }
    }

    /// Starts the REPEAT_ONE literal-tail scan back from (`ptr`, `count`):
    /// finds the next position where the tail's literal `chr` can match.
    fn scan_back(&self, mut ptr: usize, mut count: isize, min: isize, chr: u32) -> (usize, isize) {
        let t = self.text;
        if T::NARROW {
            if count < min {
                return (ptr, count);
            }
            let lo = ptr.saturating_sub((count - min) as usize);
            let hi = if ptr >= self.end {
                ptr.checked_sub(1)
            } else {
                Some(ptr)
            };
            let b = t.bytes();
            let found = match hi {
                Some(hi) if chr < 256 && hi >= lo && hi < b.len() => {
                    memchr::memrchr(chr as u8, &b[lo..=hi]).map(|i| lo + i)
                }
                _ => None,
            };
            return match found {
                Some(q) => (q, count - (ptr - q) as isize),
                None => (lo, min - 1),
            };
        }
        while count >= min && (ptr >= self.end || t.at(ptr) != chr) {
            ptr = t.prev(ptr);
            count -= 1;
        }
        (ptr, count)
    }

    /// Matches from `self.ptr` with the code at `pc0` (CPython's
    /// `sre_match`).  On success `self.ptr` is the end of the match.
    pub fn run(&mut self, pc0: usize, toplevel0: bool) -> Result<bool, Illegal> {
        let t = self.text;
        let end = self.end;
        let mut pc = pc0;
        let mut ptr = self.ptr;
        let mut toplevel = toplevel0;
        if self.c(pc) == op::INFO {
            let min = self.c(pc + 3) as usize;
            if min != 0 && ptr <= end && end - ptr < min {
                return Ok(false);
            }
            pc += self.c(pc + 1) as usize + 1;
        }
        let base = self.frames.len();
        let mut ret: bool;
        'outer: loop {
            // ---- execute forward ----
            ret = 'exec: loop {
                let p = pc + 1;
                match self.c(pc) {
                    op::FAILURE => break 'exec false,
                    op::SUCCESS => {
                        if toplevel
                            && ((self.match_all && ptr != end)
                                || (self.must_advance && ptr == self.start))
                        {
                            break 'exec false;
                        }
                        self.ptr = ptr;
                        break 'exec true;
                    }
                    op::AT => {
                        if !self.at(ptr, self.c(p)) {
                            break 'exec false;
                        }
                        pc = p + 1;
                    }
                    op::CATEGORY => {
                        if ptr >= end {
                            break 'exec false;
                        }
                        let (ch, n) = t.next(ptr);
                        if !category(self.c(p), ch) {
                            break 'exec false;
                        }
                        ptr = n;
                        pc = p + 1;
                    }
                    op::ANY => {
                        if ptr >= end {
                            break 'exec false;
                        }
                        let (ch, n) = t.next(ptr);
                        if ch == 10 {
                            break 'exec false;
                        }
                        ptr = n;
                        pc = p;
                    }
                    op::ANY_ALL => {
                        if ptr >= end {
                            break 'exec false;
                        }
                        ptr = t.next(ptr).1;
                        pc = p;
                    }
                    op::LITERAL
                    | op::NOT_LITERAL
                    | op::LITERAL_IGNORE
                    | op::NOT_LITERAL_IGNORE
                    | op::LITERAL_UNI_IGNORE
                    | op::NOT_LITERAL_UNI_IGNORE
                    | op::LITERAL_LOC_IGNORE
                    | op::NOT_LITERAL_LOC_IGNORE => match self.single(pc, ptr) {
                        Some(n) => {
                            ptr = n;
                            pc = p + 1;
                        }
                        None => break 'exec false,
                    },
                    op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                        match self.single(pc, ptr) {
                            Some(n) => {
                                ptr = n;
                                pc = p + self.c(p) as usize;
                            }
                            None => break 'exec false,
                        }
                    }
                    op::JUMP | op::INFO => pc = p + self.c(p) as usize,
                    op::MARK => {
                        let i = self.c(p) as usize;
                        if i >= self.marks.len() {
                            return Err(Illegal);
                        }
                        if i & 1 == 1 {
                            self.lastindex = (i / 2 + 1) as isize;
                        }
                        if i as isize > self.lastmark {
                            let from = (self.lastmark + 1) as usize;
                            for m in &mut self.marks[from..i] {
                                *m = NONE;
                            }
                            self.lastmark = i as isize;
                        }
                        self.marks[i] = ptr;
                        pc = p + 1;
                    }
                    op::BRANCH => {
                        let pushed = self.repeat != NONE;
                        if pushed {
                            self.mark_push(self.lastmark);
                        }
                        match self.next_alt(p, ptr) {
                            Some(a) => {
                                self.ptr = ptr;
                                self.push(Jump::Branch, toplevel, pushed, a, ptr, 0, 0, 0);
                                pc = a + 1;
                            }
                            None => {
                                if pushed {
                                    self.mark_discard(self.lastmark);
                                }
                                break 'exec false;
                            }
                        }
                    }
                    op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                        let opc = self.c(pc);
                        let min = self.c(p + 1) as usize;
                        let max = self.c(p + 2);
                        if ptr > end || min > end - ptr {
                            break 'exec false;
                        }
                        self.ptr = ptr;
                        let tail = p + self.c(p) as usize;
                        if opc == op::MIN_REPEAT_ONE {
                            let mut count = 0;
                            if min > 0 {
                                let (n, np) = self.count(p + 3, ptr, min as u32);
                                if (n as usize) < min {
                                    break 'exec false;
                                }
                                count = n;
                                ptr = np;
                            }
                            if self.c(tail) == op::SUCCESS
                                && !(toplevel
                                    && ((self.match_all && ptr != end)
                                        || (self.must_advance && ptr == self.start)))
                            {
                                self.ptr = ptr;
                                break 'exec true;
                            }
                            let pushed = self.repeat != NONE;
                            if pushed {
                                self.mark_push(self.lastmark);
                            }
                            let skipped = if max == MAXREPEAT || count <= max as isize {
                                self.lazy_skip(p, ptr, count)
                            } else {
                                None
                            };
                            if let Some((np, count)) = skipped {
                                ptr = np;
                                self.ptr = ptr;
                                self.push(
                                    Jump::MinRepeatOne,
                                    toplevel,
                                    pushed,
                                    p,
                                    ptr,
                                    count,
                                    0,
                                    0,
                                );
                                pc = tail;
                                continue 'exec;
                            }
                            if pushed {
                                self.mark_discard(self.lastmark);
                            }
                            break 'exec false;
                        }
                        let (count, np) = self.count(p + 3, ptr, max);
                        if (count as usize) < min {
                            break 'exec false;
                        }
                        ptr = np;
                        if self.c(tail) == op::SUCCESS
                            && ptr == end
                            && !(toplevel && self.must_advance && ptr == self.start)
                        {
                            self.ptr = ptr;
                            break 'exec true;
                        }
                        if opc == op::POSSESSIVE_REPEAT_ONE {
                            pc = tail;
                            continue 'exec;
                        }
                        let pushed = self.repeat != NONE;
                        if pushed {
                            self.mark_push(self.lastmark);
                        }
                        let min = min as isize;
                        if self.c(tail) == op::LITERAL {
                            let chr = self.c(tail + 1);
                            let (np, ncount) = self.scan_back(ptr, count, min, chr);
                            if ncount < min {
                                if pushed {
                                    self.mark_discard(self.lastmark);
                                }
                                break 'exec false;
                            }
                            self.ptr = np;
                            self.push(
                                Jump::RepeatOneLit,
                                toplevel,
                                pushed,
                                p,
                                np,
                                ncount,
                                chr as usize,
                                0,
                            );
                            ptr = np;
                            pc = tail;
                        } else {
                            self.ptr = ptr;
                            self.push(Jump::RepeatOne, toplevel, pushed, p, ptr, count, 0, 0);
                            pc = tail;
                        }
                    }
                    op::REPEAT => {
                        let idx = self.repeats.len();
                        self.repeats.push(Repeat {
                            count: -1,
                            pc: p,
                            last_ptr: NONE,
                            prev: self.repeat,
                        });
                        self.repeat = idx;
                        self.ptr = ptr;
                        self.push(Jump::Repeat, toplevel, false, p, ptr, 0, idx, 0);
                        pc = p + self.c(p) as usize;
                    }
                    op::MAX_UNTIL | op::MIN_UNTIL => {
                        let rep = self.repeat;
                        let Some(r) = self.repeats.get(rep).copied() else {
                            return Err(Illegal);
                        };
                        self.ptr = ptr;
                        let count = r.count + 1;
                        let min = self.c(r.pc + 1) as isize;
                        let max = self.c(r.pc + 2);
                        if count < min {
                            self.repeats[rep].count = count;
                            let j = if self.c(pc) == op::MAX_UNTIL {
                                Jump::MaxUntil1
                            } else {
                                Jump::MinUntil1
                            };
                            self.push(j, toplevel, false, p, ptr, count, rep, 0);
                            pc = r.pc + 3;
                            continue 'exec;
                        }
                        if self.c(pc) == op::MAX_UNTIL {
                            if (max == MAXREPEAT || count < max as isize) && self.ptr != r.last_ptr
                            {
                                self.repeats[rep].count = count;
                                self.mark_push(self.lastmark);
                                self.repeats[rep].last_ptr = self.ptr;
                                self.push(
                                    Jump::MaxUntil2,
                                    toplevel,
                                    true,
                                    p,
                                    ptr,
                                    count,
                                    rep,
                                    r.last_ptr,
                                );
                                pc = r.pc + 3;
                                continue 'exec;
                            }
                            self.repeat = r.prev;
                            self.push(Jump::MaxUntil3, toplevel, false, p, ptr, count, rep, 0);
                            pc = p;
                        } else {
                            self.repeat = r.prev;
                            let pushed = self.repeat != NONE;
                            if pushed {
                                self.mark_push(self.lastmark);
                            }
                            self.push(Jump::MinUntil2, toplevel, pushed, p, ptr, count, rep, 0);
                            pc = p;
                        }
                    }
                    op::POSSESSIVE_REPEAT => {
                        self.ptr = ptr;
                        if self.c(p + 1) > 0 {
                            self.push(Jump::PossRepeat1, toplevel, false, p, ptr, 0, 0, 0);
                            pc = p + 3;
                            toplevel = false;
                        } else {
                            let (npc, nptr, ntop) = self.poss_head(p, 0, NONE, toplevel);
                            pc = npc;
                            ptr = nptr;
                            toplevel = ntop;
                        }
                    }
                    op::ATOMIC_GROUP => {
                        self.ptr = ptr;
                        self.push(Jump::Atomic, toplevel, false, p, ptr, 0, 0, 0);
                        pc = p + 1;
                        toplevel = false;
                    }
                    op::ASSERT => {
                        let back = self.c(p + 1) as usize;
                        let Some(bp) = t.back(ptr, back, 0) else {
                            break 'exec false;
                        };
                        self.ptr = bp;
                        self.push(Jump::Assert, toplevel, false, p, ptr, 0, 0, 0);
                        pc = p + 2;
                        ptr = bp;
                        toplevel = false;
                    }
                    op::ASSERT_NOT => {
                        let back = self.c(p + 1) as usize;
                        match t.back(ptr, back, 0) {
                            Some(bp) => {
                                self.ptr = bp;
                                let pushed = self.repeat != NONE;
                                if pushed {
                                    self.mark_push(self.lastmark);
                                }
                                self.push(Jump::AssertNot, toplevel, pushed, p, ptr, 0, 0, 0);
                                pc = p + 2;
                                ptr = bp;
                                toplevel = false;
                            }
                            None => pc = p + self.c(p) as usize,
                        }
                    }
                    op::GROUPREF
                    | op::GROUPREF_IGNORE
                    | op::GROUPREF_UNI_IGNORE
                    | op::GROUPREF_LOC_IGNORE => {
                        let fold: fn(u32) -> u32 = match self.c(pc) {
                            op::GROUPREF => |c| c,
                            op::GROUPREF_IGNORE => lower_ascii,
                            op::GROUPREF_UNI_IGNORE => lower_unicode,
                            _ => lower_locale,
                        };
                        match self.groupref(self.c(p), ptr, fold) {
                            Some(n) => {
                                ptr = n;
                                pc = p + 1;
                            }
                            None => break 'exec false,
                        }
                    }
                    op::GROUPREF_EXISTS => {
                        if self.valid_group(self.c(p)).is_some() {
                            pc = p + 2;
                        } else {
                            pc = p + self.c(p + 1) as usize;
                        }
                    }
                    _ => return Err(Illegal),
                }
            };
            // ---- unwind: hand the result to waiting ops ----
            loop {
                if self.frames.len() <= base {
                    return Ok(ret);
                }
                let Some(f) = self.frames.pop() else {
                    return Ok(ret);
                };
                let resume = |pc: usize, ptr: usize, top: bool| (pc, ptr, top);
                let next: (usize, usize, bool) = match f.jump {
                    Jump::Branch => {
                        if ret {
                            if f.pushed {
                                self.mark_discard(f.lastmark);
                            }
                            continue;
                        }
                        if f.pushed {
                            self.mark_restore(f.lastmark, true);
                        }
                        self.lastmark = f.lastmark;
                        self.lastindex = f.lastindex;
                        let after = f.pc.saturating_add(self.c(f.pc) as usize);
                        match self.next_alt(after, f.ptr) {
                            Some(a) => {
                                self.ptr = f.ptr;
                                self.frames.push(Frame { pc: a, ..f });
                                resume(a + 1, f.ptr, f.toplevel)
                            }
                            None => {
                                if f.pushed {
                                    self.mark_discard(f.lastmark);
                                }
                                continue;
                            }
                        }
                    }
                    Jump::RepeatOne | Jump::RepeatOneLit => {
                        if ret {
                            if f.pushed {
                                self.mark_discard(f.lastmark);
                            }
                            continue;
                        }
                        if f.pushed {
                            self.mark_restore(f.lastmark, true);
                        }
                        self.lastmark = f.lastmark;
                        self.lastindex = f.lastindex;
                        let min = self.c(f.pc + 1) as isize;
                        let mut ptr = t.prev(f.ptr);
                        let mut count = f.count - 1;
                        if f.jump == Jump::RepeatOneLit {
                            (ptr, count) = self.scan_back(ptr, count, min, f.aux as u32);
                        }
                        if count < min {
                            if f.pushed {
                                self.mark_discard(f.lastmark);
                            }
                            continue;
                        }
                        self.ptr = ptr;
                        self.frames.push(Frame { ptr, count, ..f });
                        resume(f.pc + self.c(f.pc) as usize, ptr, f.toplevel)
                    }
                    Jump::MinRepeatOne => {
                        if ret {
                            if f.pushed {
                                self.mark_discard(f.lastmark);
                            }
                            continue;
                        }
                        if f.pushed {
                            self.mark_restore(f.lastmark, true);
                        }
                        self.lastmark = f.lastmark;
                        self.lastindex = f.lastindex;
                        self.ptr = f.ptr;
                        let (n, np) = self.count(f.pc + 3, f.ptr, 1);
                        let max = self.c(f.pc + 2);
                        let count = f.count + 1;
                        let next = if n == 0 || !(max == MAXREPEAT || count <= max as isize) {
                            None
                        } else {
                            self.lazy_skip(f.pc, np, count)
                        };
                        let Some((np, count)) = next else {
                            if f.pushed {
                                self.mark_discard(f.lastmark);
                            }
                            ret = false;
                            continue;
                        };
                        self.ptr = np;
                        self.frames.push(Frame {
                            ptr: np,
                            count,
                            ..f
                        });
                        resume(f.pc + self.c(f.pc) as usize, np, f.toplevel)
                    }
                    Jump::Repeat => {
                        if let Some(r) = self.repeats.get(f.aux) {
                            self.repeat = r.prev;
                        }
                        self.repeats.truncate(f.aux);
                        continue;
                    }
                    Jump::MaxUntil1 | Jump::MinUntil1 => {
                        if !ret {
                            if let Some(r) = self.repeats.get_mut(f.aux) {
                                r.count = f.count - 1;
                            }
                            self.ptr = f.ptr;
                        }
                        continue;
                    }
                    Jump::MaxUntil2 => {
                        let rep = f.aux;
                        let Some(r) = self.repeats.get_mut(rep) else {
                            return Err(Illegal);
                        };
                        r.last_ptr = f.aux2;
                        if ret {
                            self.mark_discard(f.lastmark);
                            continue;
                        }
                        r.count = f.count - 1;
                        let prev = r.prev;
                        self.mark_restore(f.lastmark, false);
                        self.lastmark = f.lastmark;
                        self.lastindex = f.lastindex;
                        self.ptr = f.ptr;
                        self.repeat = prev;
                        self.frames.push(Frame {
                            jump: Jump::MaxUntil3,
                            pushed: false,
                            ..f
                        });
                        resume(f.pc, f.ptr, f.toplevel)
                    }
                    Jump::MaxUntil3 => {
                        self.repeat = f.aux;
                        if !ret {
                            self.ptr = f.ptr;
                        }
                        continue;
                    }
                    Jump::MinUntil2 => {
                        let rep = f.aux;
                        self.repeat = rep;
                        if ret {
                            if f.pushed {
                                self.mark_discard(f.lastmark);
                            }
                            continue;
                        }
                        if f.pushed {
                            self.mark_restore(f.lastmark, false);
                        }
                        self.lastmark = f.lastmark;
                        self.lastindex = f.lastindex;
                        self.ptr = f.ptr;
                        let Some(r) = self.repeats.get(rep).copied() else {
                            return Err(Illegal);
                        };
                        let max = self.c(r.pc + 2);
                        if (max != MAXREPEAT && f.count >= max as isize) || self.ptr == r.last_ptr {
                            continue;
                        }
                        self.repeats[rep].count = f.count;
                        self.repeats[rep].last_ptr = self.ptr;
                        self.frames.push(Frame {
                            jump: Jump::MinUntil3,
                            pushed: false,
                            aux2: r.last_ptr,
                            ..f
                        });
                        resume(r.pc + 3, f.ptr, f.toplevel)
                    }
                    Jump::MinUntil3 => {
                        let Some(r) = self.repeats.get_mut(f.aux) else {
                            return Err(Illegal);
                        };
                        r.last_ptr = f.aux2;
                        if !ret {
                            r.count = f.count - 1;
                            self.ptr = f.ptr;
                        }
                        continue;
                    }
                    Jump::PossRepeat1 => {
                        if !ret {
                            self.ptr = f.ptr;
                            continue;
                        }
                        let count = f.count + 1;
                        if count < self.c(f.pc + 1) as isize {
                            self.frames.push(Frame { count, ..f });
                            resume(f.pc + 3, self.ptr, false)
                        } else {
                            self.poss_head(f.pc, count, NONE, f.toplevel)
                        }
                    }
                    Jump::PossRepeat2 => {
                        if ret {
                            self.mark_discard(f.lastmark);
                            self.poss_head(f.pc, f.count + 1, f.ptr, f.toplevel)
                        } else {
                            self.mark_restore(f.lastmark, false);
                            self.lastmark = f.lastmark;
                            self.lastindex = f.lastindex;
                            self.ptr = f.ptr;
                            resume(f.pc + self.c(f.pc) as usize + 1, self.ptr, f.toplevel)
                        }
                    }
                    Jump::Atomic => {
                        if !ret {
                            self.ptr = f.ptr;
                            continue;
                        }
                        resume(f.pc + self.c(f.pc) as usize, self.ptr, f.toplevel)
                    }
                    Jump::Assert => {
                        if !ret {
                            continue;
                        }
                        resume(f.pc + self.c(f.pc) as usize, f.ptr, f.toplevel)
                    }
                    Jump::AssertNot => {
                        if ret {
                            if f.pushed {
                                self.mark_discard(f.lastmark);
                            }
                            ret = false;
                            continue;
                        }
                        if f.pushed {
                            self.mark_restore(f.lastmark, false);
                        }
                        self.lastmark = f.lastmark;
                        self.lastindex = f.lastindex;
                        resume(f.pc + self.c(f.pc) as usize, f.ptr, f.toplevel)
                    }
                };
                pc = next.0;
                ptr = next.1;
                toplevel = next.2;
                continue 'outer;
            }
        }
    }

    /// Anchored match at `self.start` (`Pattern.match`/`fullmatch`).
    pub fn do_match(&mut self) -> Result<bool, Illegal> {
        self.reset();
        self.ptr = self.start;
        self.run(0, true)
    }

    /// Finds the first match at or after `self.start` (CPython's
    /// `sre_search`); on success `start`/`ptr` delimit it.
    pub fn search(&mut self) -> Result<bool, Illegal> {
        self.reset();
        let t = self.text;
        let mut ptr = self.start;
        let full_end = self.end;
        if ptr > full_end {
            return Ok(false);
        }
        let mut end = full_end;
        let mut pc = 0;
        let mut has_prefix = false;
        let mut has_charset = false;
        if self.c(0) == op::INFO {
            let flags = self.c(2);
            let min = self.c(3) as usize;
            if min != 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                end = t.back(end, min - 1, ptr).unwrap_or(ptr);
            }
            has_prefix = flags & info::PREFIX != 0 && self.prog.prefix.is_some();
            has_charset = flags & info::CHARSET != 0 && !has_prefix;
            pc = 1 + self.c(1) as usize;
        }
        if has_prefix {
            return self.search_prefix(pc);
        }
        if has_charset {
            self.must_advance = false;
            let code = &self.prog.code;
            let table = self.prog.start_set.as_deref();
            loop {
                if T::NARROW {
                    let b = t.bytes();
                    let stop = full_end.min(b.len());
                    match table {
                        Some(tb) => {
                            while ptr < stop && !tb[b[ptr] as usize] {
                                ptr += 1;
                            }
                        }
                        None => {
                            while ptr < stop && !in_set(code, 5, b[ptr] as u32) {
                                ptr += 1;
                            }
                        }
                    }
                } else {
                    while ptr < full_end {
                        let (ch, n) = t.next(ptr);
                        let hit = match table {
                            Some(tb) if ch < 256 => tb[ch as usize],
                            _ => in_set(code, 5, ch),
                        };
                        if hit {
                            break;
                        }
                        ptr = n;
                    }
                }
                if ptr >= full_end {
                    return Ok(false);
                }
                self.start = ptr;
                self.ptr = ptr;
                if self.run(pc, false)? {
                    return Ok(true);
                }
                ptr = t.next(ptr).1;
                self.reset();
            }
        }
        self.start = ptr;
        self.ptr = ptr;
        let mut status = self.run(pc, true)?;
        self.must_advance = false;
        if !status
            && self.c(pc) == op::AT
            && matches!(self.c(pc + 1), at::AT_BEGINNING | at::AT_BEGINNING_STRING)
        {
            self.start = end;
            self.ptr = end;
            return Ok(false);
        }
        let first = self.c(pc);
        let filter = matches!(
            first,
            op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE
                | op::IN
                | op::IN_IGNORE
                | op::IN_UNI_IGNORE
                | op::IN_LOC_IGNORE
                | op::ANY
                | op::CATEGORY
        );
        while !status && ptr < end {
            ptr = t.next(ptr).1;
            if filter {
                // Positions where the first op fails cannot start a match
                // (and trying them has no side effects): skip them.
                ptr = self.skip_to_first(pc, ptr, end);
            }
            self.reset();
            self.start = ptr;
            self.ptr = ptr;
            status = self.run(pc, false)?;
        }
        Ok(status)
    }

    /// The first position in `ptr..end` where the single-character op at
    /// `pc` matches (or `end`).
    fn skip_to_first(&self, pc: usize, mut ptr: usize, end: usize) -> usize {
        let t = self.text;
        if T::NARROW && ptr < end {
            let arg = self.c(pc + 1);
            let b = &t.bytes()[ptr..end];
            let found = match self.c(pc) {
                op::LITERAL if arg < 256 => Some(memchr::memchr(arg as u8, b)),
                op::LITERAL_IGNORE | op::LITERAL_UNI_IGNORE if arg < 128 => {
                    Some(memchr::memchr2(arg as u8, upper_ascii(arg) as u8, b))
                }
                _ => None,
            };
            if let Some(f) = found {
                return f.map_or(end, |i| ptr + i);
            }
        }
        while ptr < end && self.single(pc, ptr).is_none() {
            ptr = t.next(ptr).1;
        }
        ptr
    }

    /// Search for a pattern with a literal prefix: find each occurrence
    /// with `memmem`, then run the rest of the pattern after it.
    fn search_prefix(&mut self, pc: usize) -> Result<bool, Illegal> {
        let Some(pre) = self.prog.prefix.as_ref() else {
            return Ok(false);
        };
        let t = self.text;
        let b = t.bytes();
        let end = self.end.min(b.len());
        let (finder, skip_units) = if T::NARROW {
            match pre.finder_narrow.as_ref() {
                Some(f) => (f, pre.skip),
                None => return Ok(false),
            }
        } else {
            (&pre.finder_wide, pre.skip_wide)
        };
        self.must_advance = false;
        let mut ptr = self.start;
        let body = pc + 2 * pre.skip;
        while ptr < end {
            let Some(i) = finder.find(&b[ptr..end]) else {
                return Ok(false);
            };
            let s = ptr + i;
            self.start = s;
            self.ptr = s + skip_units;
            if pre.literal {
                return Ok(true);
            }
            if self.run(body, false)? {
                return Ok(true);
            }
            ptr = t.next(s).1;
            self.reset();
        }
        Ok(false)
    }
}
