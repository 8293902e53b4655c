//! The subject of a match (a str, bytes or other bytes-like object) and
//! [`Runner`], the object-safe face of the engine that `Pattern`,
//! `Scanner` and `Match` drive: it hides whether the subject is walked as
//! [`Narrow`] or [`Wide`] text and converts unit offsets to character
//! indexes.

use crate::error::{PyResult, type_error};
use crate::types::bytes::PyBytes;
use crate::types::str::PyStr;
use crate::value::PyRef;

use super::engine::{Illegal, State};
use super::prog::Prog;
use super::text::{Counter, Narrow, Text, Wide};

/// What kind of object a subject is.
enum Kind {
    Str,
    Bytes,
    /// Another bytes-like object: a snapshot of its bytes.
    Buffer(Vec<u8>),
}

/// A subject string held for matching.
pub struct Subject {
    pub obj: PyRef,
    kind: Kind,
}

impl Subject {
    /// CPython's `getstring`: str, bytes, or any bytes-like object.
    pub fn new(o: &PyRef) -> PyResult<Subject> {
        let kind = if o.downcast::<PyStr>().is_some() {
            Kind::Str
        } else if o.downcast::<PyBytes>().is_some() {
            Kind::Bytes
        } else if let Some(v) = crate::types::buffer_hook(o) {
            Kind::Buffer(v)
        } else {
            return Err(type_error(format!(
                "expected string or bytes-like object, got '{}'",
                o.class().name()
            )));
        };
        Ok(Subject {
            obj: o.clone(),
            kind,
        })
    }

    pub fn is_bytes(&self) -> bool {
        !matches!(self.kind, Kind::Str)
    }

    pub fn bytes(&self) -> &[u8] {
        match &self.kind {
            Kind::Str => self
                .obj
                .downcast::<PyStr>()
                .map(|s| s.as_bytes())
                .unwrap_or(&[]),
            Kind::Bytes => self
                .obj
                .downcast::<PyBytes>()
                .map(|b| b.as_bytes())
                .unwrap_or(&[]),
            Kind::Buffer(v) => v,
        }
    }

    fn str(&self) -> Option<&PyStr> {
        match self.kind {
            Kind::Str => self.obj.downcast::<PyStr>(),
            _ => None,
        }
    }

    /// One unit per character (bytes, or an ASCII str).
    pub fn narrow(&self) -> bool {
        self.str().is_none_or(|s| s.is_ascii())
    }

    /// Length in characters.
    pub fn char_len(&self) -> usize {
        match self.str() {
            Some(s) => s.char_len(),
            None => self.bytes().len(),
        }
    }

    /// Unit offset of character index `i` (`i <= char_len`).
    pub fn unit_of(&self, i: usize) -> usize {
        match self.str() {
            Some(s) if !s.is_ascii() => s.byte_offset(i),
            _ => i,
        }
    }

    /// The piece between unit offsets `a..b` as a new object (CPython's
    /// `getslice`: exact str/bytes for the whole subject are shared).
    pub fn slice_units(&self, a: usize, b: usize) -> PyRef {
        let bytes = self.bytes();
        let b = b.min(bytes.len());
        let a = a.min(b);
        match self.kind {
            Kind::Str => {
                if a == 0 && b == bytes.len() && self.obj.is_exact::<PyStr>() {
                    return self.obj.clone();
                }
                PyStr::from_wtf8_ref(taipan_common::Wtf8Buf::from_bytes_unchecked(
                    bytes[a..b].to_vec(),
                ))
            }
            _ => {
                if a == 0 && b == bytes.len() && self.obj.is_exact::<PyBytes>() {
                    return self.obj.clone();
                }
                PyBytes::new_ref(bytes[a..b].to_vec())
            }
        }
    }

    /// The piece between character indexes `a..b`.
    pub fn slice_chars(&self, a: usize, b: usize) -> PyRef {
        let (ua, ub) = (self.unit_of(a), self.unit_of(b));
        self.slice_units(ua, ub)
    }

    /// An empty str or bytes, matching the subject's kind.
    pub fn empty(&self) -> PyRef {
        self.slice_units(0, 0)
    }

    /// A runner over this subject between character indexes `pos..endpos`
    /// (already clipped to `0..=char_len`).
    pub fn runner<'a>(&'a self, prog: &'a Prog, pos: usize, endpos: usize) -> Box<dyn Runner + 'a> {
        self.runner_from(prog, pos, endpos, None)
    }

    /// Like [`Subject::runner`]; `hint` is a known (unit, character)
    /// pair to count positions from (a scanner's last match end), so
    /// repeated scans over a long wide str stay linear.
    pub fn runner_from<'a>(
        &'a self,
        prog: &'a Prog,
        pos: usize,
        endpos: usize,
        hint: Option<(usize, usize)>,
    ) -> Box<dyn Runner + 'a> {
        let b = self.bytes();
        if self.narrow() {
            Box::new(Driver {
                st: State::new(Narrow(b), prog, pos, endpos),
                conv: Ident,
            })
        } else {
            let (up, ue) = (self.unit_of(pos), self.unit_of(endpos));
            let (hu, hc) = hint.unwrap_or((up, pos));
            Box::new(Driver {
                st: State::new(Wide(b), prog, up, ue),
                conv: Wtf(b, Counter::new(hu, hc)),
            })
        }
    }

    /// A subject over `obj` (a non-bytes buffer) with bytes already taken.
    pub fn with_buffer(obj: &PyRef, data: Vec<u8>) -> Subject {
        Subject {
            obj: obj.clone(),
            kind: Kind::Buffer(data),
        }
    }

    /// The snapshot of a non-bytes buffer subject.
    pub fn buffer(&self) -> Option<&Vec<u8>> {
        match &self.kind {
            Kind::Buffer(v) => Some(v),
            _ => None,
        }
    }
}

/// Clips `pos`/`endpos` like CPython's `state_init`.
pub fn clip(pos: i64, endpos: i64, len: usize) -> (usize, usize) {
    let c = |v: i64| v.clamp(0, len as i64) as usize;
    (c(pos), c(endpos))
}

/// Unit offset to character index conversion.
trait Conv {
    fn to_char(&mut self, u: usize) -> usize;
    fn point(&self) -> (usize, usize);
}

struct Ident;
impl Conv for Ident {
    #[inline]
    fn to_char(&mut self, u: usize) -> usize {
        u
    }
    fn point(&self) -> (usize, usize) {
        (0, 0)
    }
}

struct Wtf<'a>(&'a [u8], Counter);
impl Conv for Wtf<'_> {
    fn to_char(&mut self, u: usize) -> usize {
        self.1.to_char(self.0, u)
    }
    fn point(&self) -> (usize, usize) {
        self.1.point()
    }
}

/// The engine, as the Python-level operations use it.
pub trait Runner {
    /// Finds the next match from the current start.
    fn search(&mut self) -> Result<bool, Illegal>;
    /// Matches at the current start.
    fn do_match(&mut self) -> Result<bool, Illegal>;
    fn set_match_all(&mut self, v: bool);
    fn set_must_advance(&mut self, v: bool);
    /// Start and end of the last match, in units.
    fn span_units(&self) -> (usize, usize);
    /// Moves the start of the next attempt (units).
    fn set_start(&mut self, u: usize);
    fn to_char(&mut self, u: usize) -> usize;
    fn lastindex(&self) -> isize;
    /// Group `g` (1-based) of the last match, in units.
    fn group_units(&self, g: usize) -> Option<(usize, usize)>;
    fn groups(&self) -> usize;
    /// The last (unit, character) pair converted.
    fn conv_point(&self) -> (usize, usize);

    /// The marks of the last match as character indexes: whole match,
    /// then each group (-1 when it did not take part).
    fn marks_chars(&mut self) -> Vec<isize> {
        let n = self.groups();
        let mut out = Vec::with_capacity(2 * n + 2);
        let (a, b) = self.span_units();
        out.push(self.to_char(a) as isize);
        out.push(self.to_char(b) as isize);
        for g in 1..=n {
            match self.group_units(g) {
                Some((s, e)) => {
                    out.push(self.to_char(s) as isize);
                    out.push(self.to_char(e) as isize);
                }
                None => {
                    out.push(-1);
                    out.push(-1);
                }
            }
        }
        out
    }
}

struct Driver<'a, T: Text, C: Conv> {
    st: State<'a, T>,
    conv: C,
}

impl<T: Text, C: Conv> Runner for Driver<'_, T, C> {
    fn search(&mut self) -> Result<bool, Illegal> {
        self.st.search()
    }
    fn do_match(&mut self) -> Result<bool, Illegal> {
        self.st.do_match()
    }
    fn set_match_all(&mut self, v: bool) {
        self.st.match_all = v;
    }
    fn set_must_advance(&mut self, v: bool) {
        self.st.must_advance = v;
    }
    fn span_units(&self) -> (usize, usize) {
        (self.st.start, self.st.ptr)
    }
    fn set_start(&mut self, u: usize) {
        self.st.start = u;
    }
    fn to_char(&mut self, u: usize) -> usize {
        self.conv.to_char(u)
    }
    fn lastindex(&self) -> isize {
        self.st.lastindex
    }
    fn group_units(&self, g: usize) -> Option<(usize, usize)> {
        self.st.group_span(g)
    }
    fn groups(&self) -> usize {
        self.st.marks.len() / 2
    }
    fn conv_point(&self) -> (usize, usize) {
        self.conv.point()
    }
}
