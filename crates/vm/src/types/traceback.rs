//! `traceback` objects (frame objects are in `frame.rs`, re-exported here).

use std::cell::RefCell;

use crate::error::{PyResult, type_error};
use crate::object::typeobj::GetSetDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec};
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
        pub lasti: u32,
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
    pub fn new_ref(next: Option<PyRef>, frame: PyRef, lasti: u32, lineno: u32) -> PyRef {
        crate::object::alloc(PyTraceback {
            next: RefCell::new(next),
            frame,
            lasti,
            lineno,
        })
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
        Some(v.clone())
    } else {
        return Err(type_error(format!(
            "expected traceback object or None, got '{}'",
            v.class().name()
        )));
    };
    *tb(o)?.next.borrow_mut() = n;
    Ok(())
}
fn tb_frame(_: &Vm, o: &PyRef) -> PyResult {
    Ok(tb(o)?.frame.clone())
}
fn tb_lineno(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(tb(o)?.lineno as i64))
}
fn tb_lasti(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(tb(o)?.lasti as i64 * 2))
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
            getsets: TB_GETSETS,
            ..TypeSpec::new("traceback", Layout::of::<PyTraceback>())
        },
    )]
}
