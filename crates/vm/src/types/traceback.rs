//! `traceback` objects (frame objects are in `frame.rs`, re-exported here).

use std::cell::RefCell;

use crate::error::{PyResult, type_error};
use crate::object::typeobj::GetSetDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::int::int_from_i64;
use crate::types::none::none;
use crate::value::PyRef;
use crate::vm::Vm;

pub use crate::types::frame::{FRAME_TYPE, PyFrame};

crate::py_payload! {
    /// One traceback entry.
    pub struct PyTraceback {
        pub next: RefCell<Option<PyRef>>,
        pub frame: PyRef,
        /// The instruction, as a byte offset in CPython's units (2 per
        /// instruction) like `tb_lasti`; may be anything for tracebacks
        /// built by `TracebackType(...)`.
        pub lasti_bytes: i32,
        pub lineno: u32,
    }
}

pub static TRACEBACK_TYPE: StaticType = StaticType::new();

impl PyPayload for PyTraceback {
    fn class() -> &'static Obj<PyType> {
        TRACEBACK_TYPE.get()
    }
}

impl PyTraceback {
    /// A traceback entry for instruction `lasti` (an instruction index).
    pub fn new_ref(next: Option<PyRef>, frame: PyRef, lasti: u32, lineno: u32) -> PyRef {
        crate::object::alloc(PyTraceback {
            next: RefCell::new(next),
            frame,
            lasti_bytes: (lasti as i32).saturating_mul(2),
            lineno,
        })
    }

    /// The instruction index of `tb_lasti`, if it names one.
    pub fn instr_index(&self) -> Option<usize> {
        usize::try_from(self.lasti_bytes / 2).ok()
    }
}

fn tb(o: &PyRef) -> PyResult<&PyTraceback> {
    o.downcast::<PyTraceback>()
        .ok_or_else(|| type_error("expected traceback"))
}

fn tb_next(_: &Vm, o: &PyRef) -> PyResult {
    Ok(tb(o)?.next.borrow().clone().unwrap_or_else(none))
}
fn tb_set_next(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_error("can't delete tb_next attribute"))?;
    let n = if crate::types::none::is_none(v) {
        None
    } else if v.downcast::<PyTraceback>().is_some() {
        // No loops: `o` must not be reachable from the new next entry.
        let mut cur = Some(v.clone());
        while let Some(c) = cur {
            if c.is(o) {
                return Err(crate::error::value_error("traceback loop detected"));
            }
            cur = c
                .downcast::<PyTraceback>()
                .and_then(|t| t.next.borrow().clone());
        }
        Some(v.clone())
    } else {
        return Err(type_error(format!(
            "expected traceback object, got '{}'",
            v.class().name()
        )));
    };
    *tb(o)?.next.borrow_mut() = n;
    Ok(())
}

/// A C `int` argument (`'str' object cannot be interpreted as an integer`,
/// `Python int too large to convert to C int`).
fn c_int(vm: &Vm, v: &PyRef) -> PyResult<i32> {
    let i = crate::protocol::number::index(vm, v)?;
    crate::types::int::to_i64(&i)
        .and_then(|x| i32::try_from(x).ok())
        .ok_or_else(|| {
            crate::error::PyErr::new_msg(
                &crate::types::exceptions::OVERFLOW_ERROR,
                "Python int too large to convert to C int",
            )
        })
}

/// `TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)`.
fn tb_new(vm: &Vm, cls: &PyRef, a: crate::args::Args<'_>) -> PyResult {
    const NAMES: [&str; 4] = ["tb_next", "tb_frame", "tb_lasti", "tb_lineno"];
    let mut vals: [Option<PyRef>; 4] = [None, None, None, None];
    let pos = a.positional();
    if pos.len() > 4 {
        return Err(type_error(format!(
            "TracebackType() takes at most 4 arguments ({} given)",
            pos.len() + a.kwvalues().len()
        )));
    }
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in a.kwargs() {
        let k = crate::protocol::object::str_string(vm, k)?;
        match NAMES.iter().position(|n| *n == k) {
            Some(i) if vals[i].is_none() => vals[i] = Some(v.clone()),
            Some(i) => {
                return Err(type_error(format!(
                    "argument for TracebackType() given by name ('{}') and position ({})",
                    NAMES[i],
                    i + 1
                )));
            }
            None => {
                return Err(type_error(format!(
                    "TracebackType() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    let mut got = Vec::with_capacity(4);
    for (i, v) in vals.into_iter().enumerate() {
        got.push(v.ok_or_else(|| {
            type_error(format!(
                "TracebackType() missing required argument '{}' (pos {})",
                NAMES[i],
                i + 1
            ))
        })?);
    }
    let [next, fr, lasti, lineno] = [&got[0], &got[1], &got[2], &got[3]];
    if fr.downcast::<PyFrame>().is_none() {
        return Err(type_error(format!(
            "TracebackType() argument 'tb_frame' must be frame, not {}",
            fr.class().name()
        )));
    }
    let lasti = c_int(vm, lasti)?;
    let lineno = c_int(vm, lineno)?;
    let next = if crate::types::none::is_none(next) {
        None
    } else if next.downcast::<PyTraceback>().is_some() {
        Some(next.clone())
    } else {
        return Err(type_error(format!(
            "expected traceback object or None, got '{}'",
            next.class().name()
        )));
    };
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("TracebackType.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyTraceback {
            next: RefCell::new(next),
            frame: fr.clone(),
            lasti_bytes: lasti,
            lineno: lineno as u32,
        },
    ))
}
fn tb_frame(_: &Vm, o: &PyRef) -> PyResult {
    Ok(tb(o)?.frame.clone())
}
fn tb_lineno(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(tb(o)?.lineno as i32 as i64))
}
fn tb_lasti(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(tb(o)?.lasti_bytes as i64))
}

static TB_GETSETS: &[GetSetDef] = &[
    GetSetDef::with_set("tb_next", tb_next, tb_set_next),
    GetSetDef::new("tb_frame", tb_frame),
    GetSetDef::new("tb_lineno", tb_lineno),
    GetSetDef::new("tb_lasti", tb_lasti),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &TRACEBACK_TYPE,
        TypeSpec {
            slots: Slots {
                new: Some(tb_new),
                ..Slots::EMPTY
            },
            getsets: TB_GETSETS,
            ..TypeSpec::new("traceback", Layout::of::<PyTraceback>())
        },
    )]
}
