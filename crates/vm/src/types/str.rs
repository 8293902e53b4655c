//! `str`: immutable text stored as WTF-8 (UTF-8 that may carry lone
//! surrogates) with its length in code points, an all-ASCII flag (O(1)
//! indexing), a cached hash, and for non-ASCII text a lazily built index of
//! every 64th code point's byte offset (indexing scans at most 64 chars).
//! This file holds the representation, the constructors, interning,
//! hashing, `repr` and the core slots; further methods live in
//! `str_methods.rs`, formatting in `str_format.rs` / `str_percent.rs`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use taipan_bytecode::CompareOp;
use taipan_common::Wtf8Buf;

use crate::args::Args;
use crate::error::{PyResult, index_error, type_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::int::int_from_i64;
use crate::types::none::not_implemented;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a str object.
    pub struct PyStr {
        data: Wtf8Buf,
        char_len: usize,
        ascii: bool,
        /// This object is the interned one for its contents (so
        /// [`PyStr::intern_ref`] returns it without a table lookup).
        interned: Cell<bool>,
        hash: Cell<i64>,
        index: CharIndex,
    }
}

/// Code points per entry of [`CharIndex`].
const CRUMB: usize = 64;

/// Lazily built byte offsets of every `CRUMB`-th code point of a non-ASCII
/// string, so indexing and slicing scan at most `CRUMB` characters instead
/// of the whole prefix (iteration by index stays linear overall).
#[derive(Default)]
pub struct CharIndex(std::cell::OnceCell<Box<[u32]>>);

impl crate::object::Trace for CharIndex {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

pub static STR_TYPE: StaticType = StaticType::new();

impl PyPayload for PyStr {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        STR_TYPE.get()
    }
}

static INTERNED: crate::runtime::gil::GilLazy<RefCell<HashMap<Box<[u8]>, PyRef>>> =
    crate::runtime::gil::GilLazy::new(|| RefCell::new(HashMap::new()));

impl PyStr {
    /// A payload from WTF-8 data.
    pub fn from_wtf8(data: Wtf8Buf) -> PyStr {
        let bytes = data.as_bytes();
        let ascii = bytes.is_ascii();
        let char_len = if ascii {
            bytes.len()
        } else {
            bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
        };
        PyStr {
            data,
            char_len,
            ascii,
            interned: Cell::new(false),
            hash: Cell::new(-1),
            index: CharIndex::default(),
        }
    }

    /// A new str object.
    pub fn new_ref(s: &str) -> PyRef {
        crate::object::alloc(PyStr::from_wtf8(Wtf8Buf::from_str(s)))
    }

    /// A new str object from WTF-8 data.
    pub fn from_wtf8_ref(data: Wtf8Buf) -> PyRef {
        crate::object::alloc(PyStr::from_wtf8(data))
    }

    /// A new str object of type `cls` (a str subclass).
    pub fn new_as(cls: &Obj<PyType>, data: Wtf8Buf) -> PyRef {
        crate::object::alloc_as(cls, PyStr::from_wtf8(data))
    }

    /// The interned str for `s` (one object per distinct string).
    pub fn intern(s: &str) -> PyRef {
        INTERNED.with(|t| {
            if let Some(r) = t.borrow().get(s.as_bytes()) {
                return r.clone();
            }
            let r = PyStr::new_ref(s);
            if let Some(p) = r.downcast::<PyStr>() {
                p.interned.set(true);
            }
            t.borrow_mut().insert(s.as_bytes().into(), r.clone());
            r
        })
    }

    /// The interned equivalent of a str object (itself if exact and new).
    pub fn intern_ref(o: &PyRef) -> PyRef {
        let Some(s) = o.downcast::<PyStr>() else {
            return o.clone();
        };
        if !o.is_exact::<PyStr>() {
            return crate::object::alloc(PyStr::from_wtf8(s.data.clone()));
        }
        if s.interned.get() {
            return o.clone();
        }
        INTERNED.with(|t| {
            if let Some(r) = t.borrow().get(s.data.as_bytes()) {
                return r.clone();
            }
            s.interned.set(true);
            t.borrow_mut().insert(s.data.as_bytes().into(), o.clone());
            o.clone()
        })
    }

    /// Appends `tail` to the exact str `a` in place, when `a` is
    /// referenced only by the caller (refcount 1): the `s += t` fast path
    /// that keeps building a string in a loop linear instead of quadratic,
    /// as CPython's `unicode_concatenate` does.  Returns false (and does
    /// nothing) when the object may be seen by anyone else: shared, interned
    /// (the intern table holds a reference), a constant, or a subclass.
    pub(crate) fn append_in_place(a: &PyRef, tail: &PyStr) -> bool {
        if !a.is_exact::<PyStr>() || a.refcount() != 1 {
            return false;
        }
        let Some(p) = a.header_ptr() else {
            return false;
        };
        // SAFETY: `a` is an exact str (its payload is a `PyStr` right after
        // the header, `Obj<PyStr>` is `repr(C)`), and its only reference is
        // the caller's `a`, which the caller does not borrow from while we
        // run: no other `&PyStr` to this payload can be alive.  `tail` is a
        // different object (if it were `a`, the refcount would be >= 2).
        let s = unsafe { &mut (*(p as *mut Obj<PyStr>)).payload };
        s.data.push_wtf8(&tail.data);
        s.char_len += tail.char_len;
        s.ascii &= tail.ascii;
        s.hash.set(-1);
        s.index = CharIndex::default();
        true
    }

    #[inline]
    pub fn as_wtf8(&self) -> &Wtf8Buf {
        &self.data
    }

    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.data.as_bytes()
    }

    /// The text as `&str` unless it holds lone surrogates.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        self.data.as_str()
    }

    pub fn to_string_lossy(&self) -> String {
        self.data.to_string_lossy()
    }

    /// Length in code points.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The code points.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        self.data.code_points()
    }

    /// The hash (cached).
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = crate::runtime::hash::hash_code_points(
            self.code_points(),
            self.ascii,
            self.data.as_bytes(),
        );
        self.hash.set(h);
        h
    }

    /// The code point at index `i` (0-based, in range).
    pub fn char_at(&self, i: usize) -> Option<u32> {
        if self.ascii {
            return self.data.as_bytes().get(i).map(|&b| b as u32);
        }
        if i >= self.char_len {
            return None;
        }
        let off = self.byte_offset(i);
        decode_at(self.data.as_bytes(), off)
    }

    /// Byte offset of code point index `i` (`i <= char_len`).
    pub fn byte_offset(&self, i: usize) -> usize {
        let b = self.data.as_bytes();
        if self.ascii {
            return i.min(b.len());
        }
        if i >= self.char_len {
            return b.len();
        }
        let (mut off, mut n) = (0usize, 0usize);
        if self.char_len > CRUMB && b.len() <= u32::MAX as usize {
            let crumbs = self.index.0.get_or_init(|| build_index(b));
            if let Some(&c) = crumbs.get(i / CRUMB) {
                off = c as usize;
                n = (i / CRUMB) * CRUMB;
            }
        }
        while off < b.len() {
            if n == i {
                return off;
            }
            off += utf8_len(b[off]);
            n += 1;
        }
        b.len()
    }

    /// Substring by code point range.
    pub fn substring(&self, start: usize, end: usize) -> Wtf8Buf {
        let a = self.byte_offset(start);
        let b = self.byte_offset(end.max(start));
        Wtf8Buf::from_bytes_unchecked(self.data.as_bytes()[a..b].to_vec())
    }
}

/// Length of the (generalised) UTF-8 sequence starting with `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The code point whose encoding starts at `off` (WTF-8: surrogates too).
fn decode_at(b: &[u8], off: usize) -> Option<u32> {
    let lead = *b.get(off)?;
    let n = utf8_len(lead);
    let tail = b.get(off + 1..off + n)?;
    let init = match n {
        1 => return Some(lead as u32),
        2 => (lead & 0x1F) as u32,
        3 => (lead & 0x0F) as u32,
        _ => (lead & 0x07) as u32,
    };
    Some(
        tail.iter()
            .fold(init, |acc, &c| (acc << 6) | (c & 0x3F) as u32),
    )
}

fn build_index(b: &[u8]) -> Box<[u32]> {
    let mut out = Vec::with_capacity(b.len() / CRUMB + 1);
    let (mut off, mut n) = (0usize, 0usize);
    while off < b.len() {
        if n % CRUMB == 0 {
            out.push(off as u32);
        }
        off += utf8_len(b[off]);
        n += 1;
    }
    out.into_boxed_slice()
}

/// `repr(s)` as CPython writes it.
pub fn repr_str(s: &PyStr) -> String {
    let bytes = s.as_bytes();
    let has_sq = bytes.contains(&b'\'');
    let has_dq = bytes.contains(&b'"');
    let quote = if has_sq && !has_dq { '"' } else { '\'' };
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push(quote);
    for cp in s.code_points() {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            c if c == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            c if c < 0x20 || c == 0x7F => out.push_str(&format!("\\x{c:02x}")),
            c if c < 0x7F => out.push(c as u8 as char),
            c if !is_printable(c) => {
                if c <= 0xFF {
                    out.push_str(&format!("\\x{c:02x}"));
                } else if c <= 0xFFFF {
                    out.push_str(&format!("\\u{c:04x}"));
                } else {
                    out.push_str(&format!("\\U{c:08x}"));
                }
            }
            c => out.push(char::from_u32(c).unwrap_or('\u{FFFD}')),
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable()` for one code point (Unicode 14 tables).
pub fn is_printable(c: u32) -> bool {
    crate::types::str_methods::is_printable(c)
}

/// The str payload of `o` or a `TypeError` naming `what`.
pub fn expect_str<'a>(o: &'a PyRef, what: &str) -> PyResult<&'a PyStr> {
    o.downcast::<PyStr>()
        .ok_or_else(|| type_error(format!("{what} must be str, not {}", o.class().name())))
}

fn str_repr(_: &Vm, o: &PyRef) -> PyResult {
    let s = expect_str(o, "descriptor")?;
    Ok(PyStr::new_ref(&repr_str(s)))
}

fn str_str(_: &Vm, o: &PyRef) -> PyResult {
    if o.is_exact::<PyStr>() {
        return Ok(o.clone());
    }
    let s = expect_str(o, "descriptor")?;
    Ok(PyStr::from_wtf8_ref(s.data.clone()))
}

fn str_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    Ok(expect_str(o, "descriptor")?.hash())
}

fn str_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>()) else {
        return Ok(not_implemented());
    };
    // WTF-8 byte order equals code point order.
    let ord = x.as_bytes().cmp(y.as_bytes());
    Ok(py_bool(crate::protocol::object::ordering_matches(ord, op)))
}

fn str_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(expect_str(o, "descriptor")?.char_len())
}

fn str_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyStr>() else {
        return Ok(not_implemented());
    };
    let Some(y) = b.downcast::<PyStr>() else {
        // CPython's str concatenation (sq_concat) raises at once unless the
        // right operand's class may define __radd__.
        if b.class().is_heap() {
            return Ok(not_implemented());
        }
        return Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            b.class().name()
        )));
    };
    let mut d = Wtf8Buf::with_capacity(x.as_bytes().len() + y.as_bytes().len());
    d.push_wtf8(&x.data);
    d.push_wtf8(&y.data);
    Ok(PyStr::from_wtf8_ref(d))
}

fn str_mul(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (s, n) = match (a.downcast::<PyStr>(), b.downcast::<PyStr>()) {
        (Some(s), _) => (s, b),
        (None, Some(s)) => (s, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::types::bytes_methods::repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    let n = n.max(0) as usize;
    if n > 0
        && s.as_bytes()
            .len()
            .checked_mul(n)
            .is_none_or(|t| t > isize::MAX as usize / 2)
    {
        return Err(crate::error::overflow_error("repeated string is too long"));
    }
    Ok(PyStr::from_wtf8_ref(Wtf8Buf::from_bytes_unchecked(
        s.as_bytes().repeat(n),
    )))
}

fn str_contains(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult<bool> {
    let s = expect_str(a, "descriptor")?;
    let Some(sub) = b.downcast::<PyStr>() else {
        return Err(type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            b.class().name()
        )));
    };
    Ok(find_bytes(s.as_bytes(), sub.as_bytes()).is_some())
}

/// Byte offset of the first occurrence of `needle`.
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn str_getitem(vm: &Vm, a: &PyRef, k: &PyRef) -> PyResult {
    let s = expect_str(a, "descriptor")?;
    if let Some(sl) = k.downcast::<crate::types::slice::PySlice>() {
        let (start, stop, step) = sl.indices(vm, s.char_len())?;
        if step == 1 {
            let (lo, hi) = (start as usize, (stop.max(start)) as usize);
            if lo == 0 && hi == s.char_len() && a.is_exact::<PyStr>() {
                return Ok(a.clone());
            }
            return Ok(PyStr::from_wtf8_ref(s.substring(lo, hi)));
        }
        let cps: Vec<u32> = s.code_points().collect();
        let mut out = Wtf8Buf::new();
        for i in crate::types::slice::slice_range(start, stop, step) {
            if let Some(&c) = cps.get(i) {
                out.push_code_point(c);
            }
        }
        return Ok(PyStr::from_wtf8_ref(out));
    }
    let i = crate::types::int::index_for(vm, k, "string indices must be integers, not '{}'")?;
    let n = s.char_len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("string index out of range"));
    }
    let cp = s
        .char_at(j as usize)
        .ok_or_else(|| index_error("string index out of range"))?;
    Ok(char_str(cp))
}

/// The one-character string for code point `cp`.
pub fn char_str(cp: u32) -> PyRef {
    if cp < 128 {
        let c = [cp as u8];
        // SAFETY-free: ASCII is valid UTF-8.
        return PyStr::intern(std::str::from_utf8(&c).unwrap_or(""));
    }
    let mut b = Wtf8Buf::new();
    b.push_code_point(cp);
    PyStr::from_wtf8_ref(b)
}

fn str_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::iterators::seq_iter(o.clone()))
}

fn str_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [object, encoding, errors] = a.bind("str", ["object", "encoding", "errors"], 0, 0)?;
    let s = match object {
        None => PyStr::new_ref(""),
        Some(o) if encoding.is_none() && errors.is_none() => crate::protocol::object::str(vm, &o)?,
        Some(o) => crate::types::bytes::decode_object(vm, &o, encoding.as_ref(), errors.as_ref())?,
    };
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("str.__new__(X): X is not a type object"))?;
    if std::ptr::eq(t, STR_TYPE.get()) {
        return Ok(s);
    }
    let data = expect_str(&s, "str")?.data.clone();
    Ok(PyStr::new_as(t, data))
}

fn str_mod(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if a.downcast::<PyStr>().is_none() {
        return Ok(not_implemented());
    }
    crate::types::str_format::percent_format(vm, a, b)
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &STR_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(str_repr),
                str: Some(str_str),
                hash: Some(str_hash),
                richcompare: Some(str_richcompare),
                mp_len: Some(str_len),
                nb_add: Some(str_add),
                nb_mul: Some(str_mul),
                nb_mod: Some(str_mod),
                sq_contains: Some(str_contains),
                mp_getitem: Some(str_getitem),
                iter: Some(str_iter),
                new: Some(str_new),
                ..Slots::EMPTY
            },
            methods: crate::types::str_methods::METHODS,
            flags: flags::BASETYPE | flags::UNICODE_SUBCLASS,
            doc: Some(
                "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\nCreate a new string object from the given object. If encoding or\nerrors is specified, then the object must expose a data buffer\nthat will be decoded using the given encoding and error handler.\nOtherwise, returns the result of object.__str__() (if defined)\nor repr(object).\nencoding defaults to sys.getdefaultencoding().\nerrors defaults to 'strict'.",
            ),
            ..TypeSpec::new("str", Layout::of::<PyStr>())
        },
    )]
}

#[allow(dead_code)]
fn _unused(_: MethodDef, _: fn(i64) -> PyRef) {}
#[allow(dead_code)]
fn _unused2() -> PyRef {
    int_from_i64(0)
}
