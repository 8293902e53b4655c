//! `traceback` and `frame` objects.  Frames are materialized lazily: the
//! interpreter creates a `frame` object for an activation only when
//! something asks for it (a traceback entry, `sys._getframe`), as a
//! snapshot holding the code, globals and current line.

use std::cell::{Cell, RefCell};

use crate::error::{PyResult, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::int::int_from_i64;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// A (materialized) frame.
    pub struct PyFrame {
        pub code: PyRef,
        pub globals: PyRef,
        pub locals: RefCell<Option<PyRef>>,
        pub back: RefCell<Option<PyRef>>,
        pub lasti: Cell<u32>,
        pub lineno: Cell<u32>,
    }
}

crate::py_payload! {
    /// One traceback entry.
    pub struct PyTraceback {
        pub next: RefCell<Option<PyRef>>,
        pub frame: PyRef,
        pub lasti: u32,
        pub lineno: u32,
    }
}

pub static FRAME_TYPE: StaticType = StaticType::new();
pub static TRACEBACK_TYPE: StaticType = StaticType::new();

impl PyPayload for PyFrame {
    fn class() -> &'static Obj<PyType> {
        FRAME_TYPE.get()
    }
}
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

fn frame(o: &PyRef) -> PyResult<&PyFrame> {
    o.downcast::<PyFrame>()
        .ok_or_else(|| type_error("expected frame"))
}
fn tb(o: &PyRef) -> PyResult<&PyTraceback> {
    o.downcast::<PyTraceback>()
        .ok_or_else(|| type_error("expected traceback"))
}

fn f_code(_: &Vm, o: &PyRef) -> PyResult {
    Ok(frame(o)?.code.clone())
}
fn f_globals(_: &Vm, o: &PyRef) -> PyResult {
    Ok(frame(o)?.globals.clone())
}
fn f_locals(_: &Vm, o: &PyRef) -> PyResult {
    let f = frame(o)?;
    let l = f.locals.borrow().clone();
    Ok(l.unwrap_or_else(|| f.globals.clone()))
}
fn f_back(_: &Vm, o: &PyRef) -> PyResult {
    Ok(frame(o)?.back.borrow().clone().unwrap_or_else(none))
}
fn f_lineno(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(frame(o)?.lineno.get() as i64))
}
fn f_lasti(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(frame(o)?.lasti.get() as i64 * 2))
}
fn f_builtins(vm: &Vm, _o: &PyRef) -> PyResult {
    Ok(vm.builtins_dict())
}
fn f_repr(_: &Vm, o: &PyRef) -> PyResult {
    let f = frame(o)?;
    let (file, name) = match f.code.downcast::<crate::types::code::PyCode>() {
        Some(c) => (c.code.filename.clone(), c.code.name.clone()),
        None => (String::new(), String::new()),
    };
    Ok(PyStr::new_ref(&format!(
        "<frame at {:#x}, file '{file}', line {}, code {name}>",
        o.bits(),
        f.lineno.get()
    )))
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

/// `frame.clear()`: drops the references the frame object holds to its
/// local variables (what `traceback.clear_frames` uses to break cycles).
/// Taipan's frame objects are snapshots taken when Python code asks for
/// one, so clearing never disturbs the running frame; a function frame's
/// locals become an empty dict, a module frame keeps its globals.
fn f_clear(_: &Vm, a: crate::args::Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'clear' of 'frame' object needs an argument"))?;
    a.shift().no_args("frame.clear")?;
    let f = frame(s)?;
    let had = f.locals.borrow().is_some();
    if had {
        let old = f
            .locals
            .replace(Some(crate::types::dict::PyDict::new_ref()));
        drop(old);
    }
    Ok(none())
}

static FRAME_METHODS: &[MethodDef] = &[MethodDef::method("clear", f_clear)];

static FRAME_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("f_code", f_code),
    GetSetDef::new("f_globals", f_globals),
    GetSetDef::new("f_locals", f_locals),
    GetSetDef::new("f_back", f_back),
    GetSetDef::new("f_lineno", f_lineno),
    GetSetDef::new("f_lasti", f_lasti),
    GetSetDef::new("f_builtins", f_builtins),
];
static TB_GETSETS: &[GetSetDef] = &[
    GetSetDef::with_set("tb_next", tb_next, tb_set_next),
    GetSetDef::new("tb_frame", tb_frame),
    GetSetDef::new("tb_lineno", tb_lineno),
    GetSetDef::new("tb_lasti", tb_lasti),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &FRAME_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(f_repr),
                    ..Slots::EMPTY
                },
                getsets: FRAME_GETSETS,
                methods: FRAME_METHODS,
                ..TypeSpec::new("frame", Layout::of::<PyFrame>())
            },
        ),
        (
            &TRACEBACK_TYPE,
            TypeSpec {
                getsets: TB_GETSETS,
                ..TypeSpec::new("traceback", Layout::of::<PyTraceback>())
            },
        ),
    ]
}
