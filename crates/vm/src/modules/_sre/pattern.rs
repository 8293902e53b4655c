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
use super::engine::Illegal;
use super::match_::new_match;
use super::prog::Prog;
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
    let sc = super::scanner::new_scanner(vm, this, &string, pos, endpos)?;
    let search = crate::protocol::object::get_attr_str(vm, &sc, "search")?;
    Ok(crate::types::iterators::callable_iter(search, none()))
}

fn m_scanner(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = &a.args[0];
    let rest = a.shift();
    let (string, pos, endpos) = string_pos_endpos(vm, &rest, "scanner")?;
    super::scanner::new_scanner(vm, this, &string, pos, endpos)
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
    /// The same object every time.
    Literal(PyRef),
    /// A callable (the user's, or `re._subx`'s filter).
    Call(PyRef),
    /// A parsed template (`re._compile_repl`): literal pieces with holes
    /// filled by groups, expanded here instead of in Python.
    Template {
        groups: Vec<(usize, usize)>,
        literals: Vec<Option<PyRef>>,
    },
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

/// Reads the `(groups, literals)` pair `re._compile_repl` returns, if it
/// has the expected shape and its literals have the subject's type.
fn template_parts(t: &PyRef, want_bytes: bool) -> Option<Filter> {
    let seq = |o: &PyRef| -> Option<Vec<PyRef>> {
        if let Some(l) = o.downcast::<PyList>() {
            Some(l.to_vec())
        } else {
            o.downcast::<PyTuple>().map(|t| t.as_slice().to_vec())
        }
    };
    let pair = seq(t)?;
    let [groups, literals] = pair.as_slice() else {
        return None;
    };
    let mut gs = Vec::new();
    for g in seq(groups)? {
        let g = g.downcast::<PyTuple>()?.as_slice().to_vec();
        let [index, group] = g.as_slice() else {
            return None;
        };
        let index = usize::try_from(crate::types::int::to_i64(index)?).ok()?;
        let group = usize::try_from(crate::types::int::to_i64(group)?).ok()?;
        gs.push((index, group));
    }
    let mut lits = Vec::new();
    for l in seq(literals)? {
        if is_none(&l) {
            lits.push(None);
        } else if (want_bytes && l.is_exact::<PyBytes>()) || (!want_bytes && l.is_exact::<PyStr>())
        {
            lits.push(Some(l));
        } else {
            return None;
        }
    }
    if gs.iter().any(|&(i, _)| i >= lits.len()) {
        return None;
    }
    Some(Filter::Template {
        groups: gs,
        literals: lits,
    })
}

fn make_filter(vm: &Vm, this: &PyRef, repl: &PyRef, want_bytes: bool) -> PyResult<Filter> {
    if callable(repl) {
        return Ok(Filter::Call(repl.clone()));
    }
    if has_backslash(repl) == Some(false) {
        return Ok(Filter::Literal(repl.clone()));
    }
    let re = crate::interp::import::import_module(vm, "re")?;
    if repl.is_exact::<PyStr>() || repl.is_exact::<PyBytes>() {
        let compile = crate::protocol::object::get_attr_str(vm, &re, "_compile_repl")?;
        let t = call_pos(vm, &compile, &[repl.clone(), this.clone()])?;
        match template_parts(&t, want_bytes) {
            Some(Filter::Template { groups, literals })
                if groups.is_empty() && literals.len() == 1 =>
            {
                return Ok(Filter::Literal(literals[0].clone().unwrap_or_else(none)));
            }
            Some(f) => return Ok(f),
            None => {}
        }
    }
    let subx = crate::protocol::object::get_attr_str(vm, &re, "_subx")?;
    let f = call_pos(vm, &subx, &[this.clone(), repl.clone()])?;
    Ok(if callable(&f) {
        Filter::Call(f)
    } else {
        Filter::Literal(f)
    })
}

/// The result of `sub` being built.  CPython joins a list of pieces; we
/// append bytes as we go and keep a lone first piece as an object, so a
/// one-piece result is that very object (as `"".join([x])` is `x`).
struct Acc<'s> {
    subj: &'s Subject,
    buf: Vec<u8>,
    count: usize,
    first: Option<PyRef>,
    /// The first piece of the wrong type: (index, type name).
    bad: Option<(usize, String)>,
}

impl Acc<'_> {
    /// A piece of the subject (unit offsets).
    fn units(&mut self, a: usize, b: usize) {
        if self.count == 0 {
            self.first = Some(self.subj.slice_units(a, b));
        } else {
            self.spill();
            let bytes = self.subj.bytes();
            self.buf
                .extend_from_slice(&bytes[a.min(b)..b.min(bytes.len())]);
        }
        self.count += 1;
    }

    /// A piece given as an object (a replacement).
    fn obj(&mut self, x: &PyRef) {
        if self.count == 0 {
            self.first = Some(x.clone());
        } else {
            self.spill();
            self.append(x, self.count);
        }
        self.count += 1;
    }

    /// Moves a kept first piece into the buffer.
    fn spill(&mut self) {
        if let Some(f) = self.first.take() {
            self.append(&f, 0);
        }
    }

    fn append(&mut self, x: &PyRef, k: usize) {
        if self.subj.is_bytes() {
            if let Some(b) = x.downcast::<PyBytes>() {
                self.buf.extend_from_slice(b.as_bytes());
            } else if let Some(v) = crate::types::buffer_hook(x) {
                self.buf.extend_from_slice(&v);
            } else if self.bad.is_none() {
                self.bad = Some((k, x.class().name()));
            }
        } else if let Some(s) = x.downcast::<PyStr>() {
            self.buf.extend_from_slice(s.as_bytes());
        } else if self.bad.is_none() {
            self.bad = Some((k, x.class().name()));
        }
    }

    /// A template expansion: one piece written straight into the buffer.
    fn template(
        &mut self,
        subj: &Subject,
        holes: &[Option<(usize, usize)>],
        literals: &[Option<PyRef>],
    ) {
        self.spill();
        let bytes = subj.bytes();
        for (k, lit) in literals.iter().enumerate() {
            match (holes.get(k).copied().flatten(), lit) {
                (Some((s, t)), _) => self
                    .buf
                    .extend_from_slice(&bytes[s.min(t)..t.min(bytes.len())]),
                (None, Some(l)) => self.append(l, self.count),
                (None, None) => {}
            }
        }
        self.count += 1;
    }

    fn finish(mut self) -> PyResult {
        if self.count == 1
            && let Some(f) = self.first.take()
        {
            let exact = if self.subj.is_bytes() {
                f.is_exact::<PyBytes>()
            } else {
                f.is_exact::<PyStr>()
            };
            if exact {
                return Ok(f);
            }
            self.append(&f, 0);
        }
        self.spill();
        if let Some((k, name)) = self.bad {
            return Err(type_error(if self.subj.is_bytes() {
                format!("sequence item {k}: expected a bytes-like object, {name} found")
            } else {
                format!("sequence item {k}: expected str instance, {name} found")
            }));
        }
        if self.count == 0 {
            return Ok(self.subj.empty());
        }
        Ok(if self.subj.is_bytes() {
            PyBytes::new_ref(self.buf)
        } else {
            PyStr::from_wtf8_ref(Wtf8Buf::from_bytes_unchecked(self.buf))
        })
    }
}

fn subx(vm: &Vm, a: Args<'_>, fname: &str, with_count: bool) -> PyResult {
    let this = &a.args[0];
    let rest = a.shift();
    let [repl, string, count] = rest.bind(fname, ["repl", "string", "count"], 0, 2)?;
    let (repl, string) = (repl.unwrap_or_else(none), string.unwrap_or_else(none));
    let count = ssize(vm, count.as_ref(), 0)?;
    let p = pat(this)?;
    let subj = subject_for(p, &string)?;
    let filter = make_filter(vm, this, &repl, subj.is_bytes())?;
    let len = subj.char_len();
    let mut r = subj.runner(&p.prog.0, 0, len);
    let mut acc = Acc {
        subj: &subj,
        buf: Vec::new(),
        count: 0,
        first: None,
        bad: None,
    };
    let mut holes: Vec<Option<(usize, usize)>> = Vec::new();
    let mut n: i64 = 0;
    let mut i = 0usize;
    while count == 0 || n < count {
        if !r.search().map_err(internal)? {
            break;
        }
        let (b, e) = r.span_units();
        if i < b {
            acc.units(i, b);
        }
        match &filter {
            Filter::Literal(l) => acc.obj(l),
            Filter::Call(f) => {
                let m = new_match(this, &subj, r.as_mut(), 0, len);
                let item = call_pos(vm, f, &[m])?;
                if !is_none(&item) {
                    acc.obj(&item);
                }
            }
            Filter::Template { groups, literals } => {
                holes.clear();
                holes.resize(literals.len(), None);
                for &(index, g) in groups {
                    if g > p.groups {
                        return Err(template_error(vm, index)?);
                    }
                    holes[index] = Some(if g == 0 {
                        (b, e)
                    } else {
                        r.group_units(g).unwrap_or((0, 0))
                    });
                }
                acc.template(&subj, &holes, literals);
            }
        }
        i = e;
        n += 1;
        r.set_must_advance(e == b);
        r.set_start(e);
    }
    let end = subj.bytes().len();
    if i < end {
        acc.units(i, end);
    }
    let joined = acc.finish()?;
    if with_count {
        Ok(PyTuple::new_ref(vec![joined, int_from_i64(n)]))
    } else {
        Ok(joined)
    }
}

/// `re.error("invalid group reference N")`, as `expand_template` raises.
#[cold]
fn template_error(vm: &Vm, index: usize) -> PyResult<PyErr> {
    let re = crate::interp::import::import_module(vm, "re")?;
    let err = crate::protocol::object::get_attr_str(vm, &re, "error")?;
    let msg = PyStr::new_ref(&format!("invalid group reference {index}"));
    let exc = call_pos(vm, &err, &[msg])?;
    Ok(PyErr::from_instance(exc))
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
