//! `re.Match`: the result of a successful match — the subject, the
//! pattern, `pos`/`endpos`, and the spans of the whole match and of every
//! group as character indexes (-1 for a group that did not take part).

use crate::args::Args;
use crate::error::{PyResult, index_error, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::dict::PyDict;
use crate::types::int::{int_from_i64, int_val};
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::pattern::{PyPattern, no_new, repr_trunc};
use super::subject::{Runner, Subject};

crate::py_payload! {
    /// A match.
    pub struct PyMatch {
        pub pattern: PyRef,
        pub string: PyRef,
        /// Start/end pairs: the whole match, then each group.
        pub marks: Vec<i64>,
        pub pos: usize,
        pub endpos: usize,
        pub lastindex: i64,
    }
}

pub static MATCH_TYPE: StaticType = StaticType::new();

impl PyPayload for PyMatch {
    fn class() -> &'static Obj<PyType> {
        MATCH_TYPE.get()
    }
}

/// A match object for the runner's last (successful) match.
pub(crate) fn new_match(
    pattern: &PyRef,
    subj: &Subject,
    r: &mut dyn Runner,
    pos: usize,
    endpos: usize,
) -> PyRef {
    let marks = r.marks_chars().into_iter().map(|m| m as i64).collect();
    crate::object::alloc(PyMatch {
        pattern: pattern.clone(),
        string: subj.obj.clone(),
        marks,
        pos,
        endpos,
        lastindex: r.lastindex() as i64,
    })
}

fn mat(o: &PyRef) -> PyResult<&PyMatch> {
    o.downcast::<PyMatch>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 're.Match' object but received a '{}'",
            o.class().name()
        ))
    })
}

impl PyMatch {
    fn ngroups(&self) -> usize {
        self.marks.len() / 2
    }

    fn pat(&self) -> Option<&PyPattern> {
        self.pattern.downcast::<PyPattern>()
    }

    /// CPython's `match_getindex`: a group number or name to an index.
    fn index(&self, vm: &Vm, g: &PyRef) -> PyResult<usize> {
        let i: i64 = if int_val(g).is_some() || g.class().slots().nb_index.is_some() {
            let v = crate::protocol::number::index(vm, g)?;
            crate::types::int::to_i64(&v).unwrap_or(-1)
        } else {
            let mut i = -1;
            if let Some(d) = self.pat().and_then(|p| p.groupindex.downcast::<PyDict>())
                && let Some(v) = d.get_item(vm, g)?
                && let Some(n) = crate::types::int::to_i64(&v)
            {
                i = n;
            }
            i
        };
        if i < 0 || i as usize >= self.ngroups() {
            return Err(index_error("no such group"));
        }
        Ok(i as usize)
    }

    fn span(&self, i: usize) -> (i64, i64) {
        (self.marks[2 * i], self.marks[2 * i + 1])
    }

    /// Group `i`'s text, or `default`.
    fn slice(&self, i: usize, default: &PyRef) -> PyResult {
        let (a, b) = self.span(i);
        if a < 0 {
            return Ok(default.clone());
        }
        let subj = Subject::new(&self.string)?;
        let len = subj.char_len() as i64;
        Ok(subj.slice_chars(a.min(len) as usize, b.min(len) as usize))
    }
}

fn m_group(vm: &Vm, a: Args<'_>) -> PyResult {
    let m = mat(&a.args[0])?;
    let rest = a.shift();
    rest.no_kwargs("group")?;
    let args = rest.positional();
    let nn = none();
    match args.len() {
        0 => m.slice(0, &nn),
        1 => m.slice(m.index(vm, &args[0])?, &nn),
        _ => {
            let mut out = Vec::with_capacity(args.len());
            for g in args {
                out.push(m.slice(m.index(vm, g)?, &nn)?);
            }
            Ok(PyTuple::new_ref(out))
        }
    }
}

fn match_getitem(vm: &Vm, o: &PyRef, key: &PyRef) -> PyResult {
    let m = mat(o)?;
    m.slice(m.index(vm, key)?, &none())
}

fn m_groups(_: &Vm, a: Args<'_>) -> PyResult {
    let m = mat(&a.args[0])?;
    let [default] = a.shift().bind("groups", ["default"], 0, 0)?;
    let d = default.unwrap_or_else(none);
    let mut out = Vec::new();
    for i in 1..m.ngroups() {
        out.push(m.slice(i, &d)?);
    }
    Ok(PyTuple::new_ref(out))
}

fn m_groupdict(vm: &Vm, a: Args<'_>) -> PyResult {
    let m = mat(&a.args[0])?;
    let [default] = a.shift().bind("groupdict", ["default"], 0, 0)?;
    let d = default.unwrap_or_else(none);
    let out = PyDict::new_ref();
    let od = out.downcast::<PyDict>().ok_or_else(|| type_error("dict"))?;
    if let Some(gi) = m.pat().and_then(|p| p.groupindex.downcast::<PyDict>()) {
        for key in gi.keys() {
            let v = m.slice(m.index(vm, &key)?, &d)?;
            od.set_item(vm, key, v)?;
        }
    }
    Ok(out)
}

fn group_arg(vm: &Vm, m: &PyMatch, a: &Args<'_>, fname: &str) -> PyResult<usize> {
    let rest = a.shift();
    rest.no_kwargs(&format!("Match.{fname}"))?;
    let args = rest.range(fname, 0, 1)?;
    match args.first() {
        Some(g) => m.index(vm, g),
        None => Ok(0),
    }
}

fn m_start(vm: &Vm, a: Args<'_>) -> PyResult {
    let m = mat(&a.args[0])?;
    let i = group_arg(vm, m, &a, "start")?;
    Ok(int_from_i64(m.span(i).0))
}

fn m_end(vm: &Vm, a: Args<'_>) -> PyResult {
    let m = mat(&a.args[0])?;
    let i = group_arg(vm, m, &a, "end")?;
    Ok(int_from_i64(m.span(i).1))
}

fn span_tuple(s: (i64, i64)) -> PyRef {
    PyTuple::new_ref(vec![int_from_i64(s.0), int_from_i64(s.1)])
}

fn m_span(vm: &Vm, a: Args<'_>) -> PyResult {
    let m = mat(&a.args[0])?;
    let i = group_arg(vm, m, &a, "span")?;
    Ok(span_tuple(m.span(i)))
}

fn m_expand(vm: &Vm, a: Args<'_>) -> PyResult {
    let m = mat(&a.args[0])?;
    let [template] = a.shift().bind("expand", ["template"], 0, 1)?;
    let template = template.unwrap_or_else(none);
    let re = crate::interp::import::import_module(vm, "re")?;
    let f = crate::protocol::object::get_attr_str(vm, &re, "_expand")?;
    crate::protocol::call::call_pos(vm, &f, &[m.pattern.clone(), a.args[0].clone(), template])
}

fn m_copy(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("Match.__copy__")?;
    mat(&a.args[0])?;
    Ok(a.args[0].clone())
}

fn m_deepcopy(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().one_arg("Match.__deepcopy__")?;
    mat(&a.args[0])?;
    Ok(a.args[0].clone())
}

fn g_string(_: &Vm, o: &PyRef) -> PyResult {
    Ok(mat(o)?.string.clone())
}
fn g_re(_: &Vm, o: &PyRef) -> PyResult {
    Ok(mat(o)?.pattern.clone())
}
fn g_pos(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(mat(o)?.pos as i64))
}
fn g_endpos(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(mat(o)?.endpos as i64))
}
fn g_lastindex(_: &Vm, o: &PyRef) -> PyResult {
    let m = mat(o)?;
    Ok(if m.lastindex >= 0 {
        int_from_i64(m.lastindex)
    } else {
        none()
    })
}
fn g_lastgroup(vm: &Vm, o: &PyRef) -> PyResult {
    let m = mat(o)?;
    if m.lastindex < 0 {
        return Ok(none());
    }
    match m.pat() {
        Some(p) if p.indexgroup.downcast::<PyTuple>().is_some() => {
            let t = p
                .indexgroup
                .downcast::<PyTuple>()
                .map(|t| t.as_slice().to_vec())
                .unwrap_or_default();
            match t.get(m.lastindex as usize) {
                Some(v) => Ok(v.clone()),
                None => {
                    let _ = vm;
                    Err(index_error("tuple index out of range"))
                }
            }
        }
        _ => Ok(none()),
    }
}
fn g_regs(_: &Vm, o: &PyRef) -> PyResult {
    let m = mat(o)?;
    Ok(PyTuple::new_ref(
        (0..m.ngroups()).map(|i| span_tuple(m.span(i))).collect(),
    ))
}

fn match_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let m = mat(o)?;
    let g = m.slice(0, &none())?;
    let (a, b) = m.span(0);
    Ok(PyStr::new_ref(&format!(
        "<re.Match object; span=({a}, {b}), match={}>",
        repr_trunc(vm, &g, 50)?
    )))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("group", m_group),
    MethodDef::method("start", m_start),
    MethodDef::method("end", m_end),
    MethodDef::method("span", m_span),
    MethodDef::method("groups", m_groups),
    MethodDef::method("groupdict", m_groupdict),
    MethodDef::method("expand", m_expand),
    MethodDef::method("__copy__", m_copy),
    MethodDef::method("__deepcopy__", m_deepcopy),
    MethodDef::classmethod("__class_getitem__", super::pattern::m_class_getitem)
        .with_doc("See PEP 585"),
];

static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("string", g_string),
    GetSetDef::new("re", g_re),
    GetSetDef::new("pos", g_pos),
    GetSetDef::new("endpos", g_endpos),
    GetSetDef::new("lastindex", g_lastindex),
    GetSetDef::new("lastgroup", g_lastgroup),
    GetSetDef::new("regs", g_regs),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &MATCH_TYPE,
        TypeSpec {
            slots: Slots {
                new: Some(no_new),
                repr: Some(match_repr),
                mp_getitem: Some(match_getitem),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: 0,
            doc: Some(
                "The result of re.match() and re.search().\nMatch objects always have a boolean value of True.",
            ),
            ..TypeSpec::new("re.Match", Layout::of::<PyMatch>())
        },
    )]
}
