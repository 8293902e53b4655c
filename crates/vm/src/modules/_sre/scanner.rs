//! `_sre.SRE_Scanner`: repeated `match`/`search` over one subject, each
//! call starting where the previous match ended (what `finditer` and
//! `re.Scanner` use).  Keeps only positions between calls; the engine
//! state is rebuilt per call.

use std::cell::Cell;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::none::none;
use crate::value::PyRef;
use crate::vm::Vm;

use super::match_::new_match;
use super::pattern::{internal, no_new, pat, subject_for};
use super::subject::{Subject, clip};

crate::py_payload! {
    /// A scanner.
    pub struct PyScanner {
        pub pattern: PyRef,
        pub string: PyRef,
        pos: usize,
        endpos: usize,
        /// Where the next attempt starts (units), or None when exhausted.
        start: Cell<Option<usize>>,
        must_advance: Cell<bool>,
        /// A wide str's last converted (unit, character) pair.
        hint: Hint,
        /// For a non-bytes buffer: the bytes (taken once) and a memoryview
        /// holding the buffer, so a bytearray cannot be resized while the
        /// scanner lives (CPython keeps its buffer the same way).
        buf: Option<Vec<u8>>,
        view: Option<PyRef>,
    }
}

/// A scanner's position-conversion hint (holds no Python objects).
pub struct Hint(Cell<Option<(usize, usize)>>);

impl crate::object::Trace for Hint {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

pub static SCANNER_TYPE: StaticType = StaticType::new();

impl PyPayload for PyScanner {
    fn class() -> &'static Obj<PyType> {
        SCANNER_TYPE.get()
    }
}

impl crate::object::Trace for Cell<Option<usize>> {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

/// `Pattern.scanner(string, pos, endpos)`.
pub(crate) fn new_scanner(
    vm: &Vm,
    pattern: &PyRef,
    string: &PyRef,
    pos: i64,
    endpos: i64,
) -> PyResult {
    let p = pat(pattern)?;
    let subj = subject_for(p, string)?;
    let (pos, endpos) = clip(pos, endpos, subj.char_len());
    let start = subj.unit_of(pos);
    let buf = subj.buffer().cloned();
    let view = if buf.is_some() {
        let mv = crate::types::memoryview::MEMORYVIEW_TYPE.to_ref();
        crate::protocol::call::call_pos(vm, &mv, std::slice::from_ref(string)).ok()
    } else {
        None
    };
    Ok(crate::object::alloc(PyScanner {
        pattern: pattern.clone(),
        string: string.clone(),
        pos,
        endpos,
        start: Cell::new(Some(start)),
        must_advance: Cell::new(false),
        hint: Hint(Cell::new(None)),
        buf,
        view,
    }))
}

fn scan(o: &PyRef, search: bool) -> PyResult {
    let s = o
        .downcast::<PyScanner>()
        .ok_or_else(|| type_error("expected a scanner"))?;
    let Some(start) = s.start.get() else {
        return Ok(none());
    };
    let p = pat(&s.pattern)?;
    let subj = match &s.buf {
        Some(b) => Subject::with_buffer(&s.string, b.clone()),
        None => subject_for(p, &s.string)?,
    };
    let mut r = subj.runner_from(&p.prog.0, s.pos, s.endpos, s.hint.0.get());
    r.set_start(start);
    r.set_must_advance(s.must_advance.get());
    let ok = if search { r.search() } else { r.do_match() }.map_err(internal)?;
    if !ok {
        s.start.set(None);
        return Ok(none());
    }
    let m = new_match(&s.pattern, &subj, r.as_mut(), s.pos, s.endpos);
    let (b, e) = r.span_units();
    s.must_advance.set(e == b);
    s.start.set(Some(e));
    s.hint.0.set(Some(r.conv_point()));
    Ok(m)
}

/// CPython's message for arguments given to a no-argument method.
fn no_args(a: &Args<'_>, fname: &str) -> PyResult<()> {
    if a.positional().len() > 1 {
        return Err(type_error(format!("{fname}() takes no arguments")));
    }
    Ok(())
}

fn m_match(_: &Vm, a: Args<'_>) -> PyResult {
    no_args(&a, "match")?;
    scan(&a.args[0], false)
}

fn m_search(_: &Vm, a: Args<'_>) -> PyResult {
    no_args(&a, "search")?;
    scan(&a.args[0], true)
}

fn g_pattern(_: &Vm, o: &PyRef) -> PyResult {
    o.downcast::<PyScanner>()
        .map(|s| s.pattern.clone())
        .ok_or_else(|| type_error("expected a scanner"))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("match", m_match),
    MethodDef::method("search", m_search),
];

static GETSETS: &[GetSetDef] = &[GetSetDef::new("pattern", g_pattern)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &SCANNER_TYPE,
        TypeSpec {
            slots: Slots {
                new: Some(no_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: 0,
            ..TypeSpec::new("_sre.SRE_Scanner", Layout::of::<PyScanner>())
        },
    )]
}
