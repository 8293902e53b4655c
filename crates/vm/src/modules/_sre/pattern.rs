//! `re.Pattern`: a compiled regular expression (what `_sre.compile`
//! returns) and its methods — match, fullmatch, search, findall,
//! finditer, sub, subn, split, scanner — with CPython 3.11's argument
//! handling, error messages and empty-match rules (an empty match may
//! follow a non-empty one; the next search after an empty match must
//! advance: `must_advance`).

use taipan_bytecode::CompareOp;
use taipan_common::Wtf8Buf;

use crate::args::Args;
use crate::error::{PyErr, PyResult, runtime_error, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::protocol::call::{call_pos, callable};
use crate::types::bool_::py_bool;
use crate::types::bytes::PyBytes;
use crate::types::dict::PyDict;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::none::{is_none, none, not_implemented};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::constants::flag;
use super::engine::{Illegal, Prog};
use super::match_::new_match;
use super::subject::{Runner, Subject, clip};

crate::py_payload! {
    /// A compiled pattern.
    pub struct PyPattern {
        /// The source pattern (str, bytes or None).
        pub pattern: PyRef,
        pub flags: u32,
        pub prog: ProgBox,
        /// Number of capture groups.
        pub groups: usize,
        /// name -> group number (a dict; empty when there are no names).
        pub groupindex: PyRef,
        /// group number -> name (a tuple, or None).
        pub indexgroup: PyRef,
        /// -1: no pattern object, 0: str pattern, 1: bytes pattern.
        pub isbytes: i32,
    }
}

/// The compiled program (holds no Python objects).
pub struct ProgBox(pub Prog);

impl crate::object::Trace for ProgBox {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

pub static PATTERN_TYPE: StaticType = StaticType::new();

impl PyPayload for PyPattern {
    fn class() -> &'static Obj<PyType> {
        PATTERN_TYPE.get()
    }
}

pub(crate) fn pat(o: &PyRef) -> PyResult<&PyPattern> {
    o.downcast::<PyPattern>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 're.Pattern' object but received a '{}'",
            o.class().name()
        ))
    })
}

/// The engine's internal error, as CPython reports it.
pub(crate) fn internal(_: Illegal) -> PyErr {
    runtime_error("internal error in regular expression engine")
}

/// `sys.maxsize`, the default `endpos`.
const MAXSIZE: i64 = i64::MAX;

/// Checks the subject against the pattern's kind (CPython's `state_init`).
pub(crate) fn subject_for(p: &PyPattern, string: &PyRef) -> PyResult<Subject> {
    let s = Subject::new(string)?;
    if p.isbytes == 0 && s.is_bytes() {
        return Err(type_error(
            "cannot use a string pattern on a bytes-like object",
        ));
    }
    if p.isbytes == 1 && !s.is_bytes() {
        return Err(type_error(
            "cannot use a bytes pattern on a string-like object",
        ));
    }
    Ok(s)
}

fn ssize(vm: &Vm, o: Option<&PyRef>, default: i64) -> PyResult<i64> {
    match o {
        Some(v) => crate::types::int::as_ssize(vm, v),
        None => Ok(default),
    }
}

/// Parses `(string, pos=0, endpos=sys.maxsize)`.
fn string_pos_endpos(vm: &Vm, a: &Args<'_>, fname: &str) -> PyResult<(PyRef, i64, i64)> {
    let [s, pos, endpos] = a.bind(fname, ["string", "pos", "endpos"], 0, 1)?;
    let s = s.unwrap_or_else(none);
    Ok((
        s,
        ssize(vm, pos.as_ref(), 0)?,
        ssize(vm, endpos.as_ref(), MAXSIZE)?,
    ))
}

enum Mode {
    Match,
    FullMatch,
    Search,
}

fn do_match(vm: &Vm, a: Args<'_>, fname: &str, mode: Mode) -> PyResult {
    let this = &a.args[0];
    let rest = a.shift();
    let (string, pos, endpos) = string_pos_endpos(vm, &rest, fname)?;
    let p = pat(this)?;
    let subj = subject_for(p, &string)?;
    let (pos, endpos) = clip(pos, endpos, subj.char_len());
    let mut r = subj.runner(&p.prog.0, pos, endpos);
    let ok = match mode {
        Mode::Match => r.do_match(),
        Mode::FullMatch => {
            r.set_match_all(true);
            r.do_match()
        }
        Mode::Search => r.search(),
    }
    .map_err(internal)?;
    if !ok {
        return Ok(none());
    }
    Ok(new_match(this, &subj, r.as_mut(), pos, endpos))
}

fn m_match(vm: &Vm, a: Args<'_>) -> PyResult {
    do_match(vm, a, "match", Mode::Match)
}

fn m_fullmatch(vm: &Vm, a: Args<'_>) -> PyResult {
    do_match(vm, a, "fullmatch", Mode::FullMatch)
}

fn m_search(vm: &Vm, a: Args<'_>) -> PyResult {
    do_match(vm, a, "search", Mode::Search)
}

/// Group `g` of the runner's last match as an object, or `default`.
fn group_or(subj: &Subject, r: &dyn Runner, g: usize, default: &dyn Fn() -> PyRef) -> PyRef {
    match r.group_units(g) {
        Some((s, e)) => subj.slice_units(s, e),
        None => default(),
    }
}

fn m_findall(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = &a.args[0];
    let rest = a.shift();
    let (string, pos, endpos) = string_pos_endpos(vm, &rest, "findall")?;
    let p = pat(this)?;
    let subj = subject_for(p, &string)?;
    let (pos, endpos) = clip(pos, endpos, subj.char_len());
    let mut r = subj.runner(&p.prog.0, pos, endpos);
    let mut out = Vec::new();
    let empty = || subj.empty();
    loop {
        if !r.search().map_err(internal)? {
            break;
        }
        let (b, e) = r.span_units();
        let item = match p.groups {
            0 => subj.slice_units(b, e),
            1 => group_or(&subj, r.as_ref(), 1, &empty),
            n => PyTuple::new_ref(
                (1..=n)
                    .map(|g| group_or(&subj, r.as_ref(), g, &empty))
                    .collect(),
            ),
        };
        out.push(item);
        r.set_must_advance(e == b);
        r.set_start(e);
    }
    Ok(PyList::new_ref(out))
}

fn m_finditer(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = &a.args[0];
    let rest = a.shift();
    let (string, pos, endpos) = string_pos_endpos(vm, &rest, "finditer")?;
    let sc = super::scanner::new_scanner(this, &string, pos, endpos)?;
    let search = crate::protocol::object::get_attr_str(vm, &sc, "search")?;
    Ok(crate::types::iterators::callable_iter(search, none()))
}

fn m_scanner(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = &a.args[0];
    let rest = a.shift();
    let (string, pos, endpos) = string_pos_endpos(vm, &rest, "scanner")?;
    super::scanner::new_scanner(this, &string, pos, endpos)
}

fn m_split(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = &a.args[0];
    let rest = a.shift();
    let [string, maxsplit] = rest.bind("split", ["string", "maxsplit"], 0, 1)?;
    let string = string.unwrap_or_else(none);
    let maxsplit = ssize(vm, maxsplit.as_ref(), 0)?;
    let p = pat(this)?;
    let subj = subject_for(p, &string)?;
    let len = subj.char_len();
    let mut r = subj.runner(&p.prog.0, 0, len);
    let mut out = Vec::new();
    let mut n: i64 = 0;
    let mut last = 0usize;
    while maxsplit == 0 || n < maxsplit {
        if !r.search().map_err(internal)? {
            break;
        }
        let (b, e) = r.span_units();
        out.push(subj.slice_units(last, b));
        for g in 1..=p.groups {
            out.push(group_or(&subj, r.as_ref(), g, &none));
        }
        n += 1;
        r.set_must_advance(e == b);
        last = e;
        r.set_start(e);
    }
    out.push(subj.slice_units(last, subj.bytes().len()));
    Ok(PyList::new_ref(out))
}

/// What replaces each match in `sub`.
enum Filter {
    Literal(PyRef),
    Call(PyRef),
}

fn has_backslash(o: &PyRef) -> Option<bool> {
    if let Some(s) = o.downcast::<PyStr>() {
        return Some(s.as_bytes().contains(&b'\\'));
    }
    if let Some(b) = o.downcast::<PyBytes>() {
        return Some(b.as_bytes().contains(&b'\\'));
    }
    crate::types::buffer_hook(o).map(|v| v.contains(&b'\\'))
}

fn make_filter(vm: &Vm, this: &PyRef, repl: &PyRef) -> PyResult<Filter> {
    if callable(repl) {
        return Ok(Filter::Call(repl.clone()));
    }
    if has_backslash(repl) == Some(false) {
        return Ok(Filter::Literal(repl.clone()));
    }
    let re = crate::interp::import::import_module(vm, "re")?;
    let subx = crate::protocol::object::get_attr_str(vm, &re, "_subx")?;
    let f = call_pos(vm, &subx, &[this.clone(), repl.clone()])?;
    Ok(if callable(&f) {
        Filter::Call(f)
    } else {
        Filter::Literal(f)
    })
}

fn subx(vm: &Vm, a: Args<'_>, fname: &str, with_count: bool) -> PyResult {
    let this = &a.args[0];
    let rest = a.shift();
    let [repl, string, count] = rest.bind(fname, ["repl", "string", "count"], 0, 2)?;
    let (repl, string) = (repl.unwrap_or_else(none), string.unwrap_or_else(none));
    let count = ssize(vm, count.as_ref(), 0)?;
    let p = pat(this)?;
    let subj = subject_for(p, &string)?;
    let filter = make_filter(vm, this, &repl)?;
    let len = subj.char_len();
    let mut r = subj.runner(&p.prog.0, 0, len);
    let mut pieces: Vec<PyRef> = Vec::new();
    let mut n: i64 = 0;
    let mut i = 0usize;
    while count == 0 || n < count {
        if !r.search().map_err(internal)? {
            break;
        }
        let (b, e) = r.span_units();
        if i < b {
            pieces.push(subj.slice_units(i, b));
        }
        match &filter {
            Filter::Literal(l) => pieces.push(l.clone()),
            Filter::Call(f) => {
                let m = new_match(this, &subj, r.as_mut(), 0, len);
                let item = call_pos(vm, f, &[m])?;
                if !is_none(&item) {
                    pieces.push(item);
                }
            }
        }
        i = e;
        n += 1;
        r.set_must_advance(e == b);
        r.set_start(e);
    }
    let end = subj.bytes().len();
    if i < end {
        pieces.push(subj.slice_units(i, end));
    }
    let joined = join(&subj, pieces)?;
    if with_count {
        Ok(PyTuple::new_ref(vec![joined, int_from_i64(n)]))
    } else {
        Ok(joined)
    }
}

/// `"".join(pieces)` / `b"".join(pieces)` with CPython's messages.
fn join(subj: &Subject, pieces: Vec<PyRef>) -> PyResult {
    if subj.is_bytes() {
        let mut out = Vec::new();
        for (k, x) in pieces.iter().enumerate() {
            if let Some(b) = x.downcast::<PyBytes>() {
                out.extend_from_slice(b.as_bytes());
            } else if let Some(v) = crate::types::buffer_hook(x) {
                out.extend_from_slice(&v);
            } else {
                return Err(type_error(format!(
                    "sequence item {k}: expected a bytes-like object, {} found",
                    x.class().name()
                )));
            }
        }
        return Ok(PyBytes::new_ref(out));
    }
    if pieces.len() == 1 && pieces[0].is_exact::<PyStr>() {
        return Ok(pieces[0].clone());
    }
    let mut out = Wtf8Buf::new();
    for (k, x) in pieces.iter().enumerate() {
        match x.downcast::<PyStr>() {
            Some(s) => out.push_wtf8(s.as_wtf8()),
            None => {
                return Err(type_error(format!(
                    "sequence item {k}: expected str instance, {} found",
                    x.class().name()
                )));
            }
        }
    }
    Ok(PyStr::from_wtf8_ref(out))
}

fn m_sub(vm: &Vm, a: Args<'_>) -> PyResult {
    subx(vm, a, "sub", false)
}

fn m_subn(vm: &Vm, a: Args<'_>) -> PyResult {
    subx(vm, a, "subn", true)
}

fn m_copy(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("Pattern.__copy__")?;
    pat(&a.args[0])?;
    Ok(a.args[0].clone())
}

fn m_deepcopy(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().one_arg("Pattern.__deepcopy__")?;
    pat(&a.args[0])?;
    Ok(a.args[0].clone())
}

pub(crate) fn m_class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

/// `repr()` truncated to `n` characters (CPython's `%.<n>R`).
pub(crate) fn repr_trunc(vm: &Vm, o: &PyRef, n: usize) -> PyResult<String> {
    let r = crate::protocol::object::repr_string(vm, o)?;
    Ok(match r.char_indices().nth(n) {
        Some((i, _)) => r[..i].to_string(),
        None => r,
    })
}

fn pattern_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let p = pat(o)?;
    let mut flags = p.flags;
    if p.isbytes == 0 && flags & (flag::LOCALE | flag::UNICODE | flag::ASCII) == flag::UNICODE {
        flags &= !flag::UNICODE;
    }
    let mut items: Vec<String> = Vec::new();
    for &(name, v) in flag::NAMES {
        if flags & v != 0 {
            items.push(name.to_string());
            flags &= !v;
        }
    }
    if flags != 0 {
        items.push(format!("0x{flags:x}"));
    }
    let pr = repr_trunc(vm, &p.pattern, 200)?;
    let s = if items.is_empty() {
        format!("re.compile({pr})")
    } else {
        format!("re.compile({pr}, {})", items.join("|"))
    };
    Ok(PyStr::new_ref(&s))
}

fn pattern_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let (Some(x), Some(y)) = (a.downcast::<PyPattern>(), b.downcast::<PyPattern>()) else {
        return Ok(not_implemented());
    };
    let eq = if a.is(b) {
        true
    } else {
        x.flags == y.flags
            && x.isbytes == y.isbytes
            && x.prog.0.code == y.prog.0.code
            && crate::protocol::object::eq(vm, &x.pattern, &y.pattern)?
    };
    Ok(py_bool(if op == CompareOp::Eq { eq } else { !eq }))
}

fn pattern_hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    let p = pat(o)?;
    let mut h = crate::protocol::object::hash(vm, &p.pattern)?;
    let bytes: Vec<u8> = p.prog.0.code.iter().flat_map(|w| w.to_ne_bytes()).collect();
    h ^= crate::runtime::hash::hash_bytes(&bytes);
    h ^= (p.flags as i64) ^ (p.isbytes as i64) ^ (p.prog.0.code.len() as i64);
    Ok(if h == -1 { -2 } else { h })
}

pub(crate) fn no_new(_: &Vm, cls: &PyRef, _: Args<'_>) -> PyResult {
    let name = cls
        .as_type()
        .map(|t| format!("{}.{}", t.module_name(), t.name()))
        .unwrap_or_default();
    Err(type_error(format!("cannot create '{name}' instances")))
}

fn g_pattern(_: &Vm, o: &PyRef) -> PyResult {
    Ok(pat(o)?.pattern.clone())
}

fn g_flags(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(pat(o)?.flags as i64))
}

fn g_groups(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(pat(o)?.groups as i64))
}

fn g_groupindex(_: &Vm, o: &PyRef) -> PyResult {
    let p = pat(o)?;
    let d = if p.groupindex.downcast::<PyDict>().is_some() {
        p.groupindex.clone()
    } else {
        PyDict::new_ref()
    };
    Ok(crate::object::alloc(
        crate::types::mappingproxy::PyMappingProxy { mapping: d },
    ))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("match", m_match)
        .with_doc("Matches zero or more characters at the beginning of the string."),
    MethodDef::method("fullmatch", m_fullmatch)
        .with_doc("Matches against all of the string."),
    MethodDef::method("search", m_search).with_doc(
        "Scan through string looking for a match, and return a corresponding match object instance.\n\nReturn None if no position in the string matches.",
    ),
    MethodDef::method("sub", m_sub).with_doc(
        "Return the string obtained by replacing the leftmost non-overlapping occurrences of pattern in string by the replacement repl.",
    ),
    MethodDef::method("subn", m_subn).with_doc(
        "Return the tuple (new_string, number_of_subs_made) found by replacing the leftmost non-overlapping occurrences of pattern with the replacement repl.",
    ),
    MethodDef::method("findall", m_findall)
        .with_doc("Return a list of all non-overlapping matches of pattern in string."),
    MethodDef::method("split", m_split)
        .with_doc("Split string by the occurrences of pattern."),
    MethodDef::method("finditer", m_finditer).with_doc(
        "Return an iterator over all non-overlapping matches for the RE pattern in string.\n\nFor each match, the iterator returns a match object.",
    ),
    MethodDef::method("scanner", m_scanner),
    MethodDef::method("__copy__", m_copy),
    MethodDef::method("__deepcopy__", m_deepcopy),
    MethodDef::classmethod("__class_getitem__", m_class_getitem)
        .with_doc("See PEP 585"),
];

static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("pattern", g_pattern),
    GetSetDef::new("flags", g_flags),
    GetSetDef::new("groups", g_groups),
    GetSetDef::new("groupindex", g_groupindex),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &PATTERN_TYPE,
        TypeSpec {
            slots: Slots {
                new: Some(no_new),
                repr: Some(pattern_repr),
                richcompare: Some(pattern_richcompare),
                hash: Some(pattern_hash),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: 0,
            doc: Some("Compiled regular expression object."),
            ..TypeSpec::new("re.Pattern", Layout::of::<PyPattern>())
        },
    )]
}
