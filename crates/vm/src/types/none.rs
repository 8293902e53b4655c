//! The singletons `None`, `NotImplemented` and `Ellipsis` and their types.

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::{Layout, Obj, PyPayload, StaticType, TypeSpec, slots::Slots};
use crate::types::singleton::StaticObj;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// Payload of `None`.
    pub struct PyNone {}
}
crate::py_payload! {
    /// Payload of `NotImplemented`.
    pub struct PyNotImplemented {}
}
crate::py_payload! {
    /// Payload of `Ellipsis`.
    pub struct PyEllipsis {}
}

pub static NONE_TYPE: StaticType = StaticType::new();
pub static NOT_IMPLEMENTED_TYPE: StaticType = StaticType::new();
pub static ELLIPSIS_TYPE: StaticType = StaticType::new();
pub static NONE: StaticObj = StaticObj::new();
pub static NOT_IMPLEMENTED: StaticObj = StaticObj::new();
pub static ELLIPSIS: StaticObj = StaticObj::new();

impl PyPayload for PyNone {
    const GC: bool = false;
    fn class() -> &'static Obj<crate::object::PyType> {
        NONE_TYPE.get()
    }
}
impl PyPayload for PyNotImplemented {
    const GC: bool = false;
    fn class() -> &'static Obj<crate::object::PyType> {
        NOT_IMPLEMENTED_TYPE.get()
    }
}
impl PyPayload for PyEllipsis {
    const GC: bool = false;
    fn class() -> &'static Obj<crate::object::PyType> {
        ELLIPSIS_TYPE.get()
    }
}

/// `None`.
#[inline]
pub fn none() -> PyRef {
    NONE.get()
}

/// `x is None`.
#[inline]
pub fn is_none(o: &PyRef) -> bool {
    NONE.is(o)
}

/// `NotImplemented`.
#[inline]
pub fn not_implemented() -> PyRef {
    NOT_IMPLEMENTED.get()
}

#[inline]
pub fn is_not_implemented(o: &PyRef) -> bool {
    NOT_IMPLEMENTED.is(o)
}

/// `...`.
pub fn ellipsis() -> PyRef {
    ELLIPSIS.get()
}

fn none_repr(_: &Vm, _: &PyRef) -> PyResult {
    Ok(PyStr::intern("None"))
}
fn none_bool(_: &Vm, _: &PyRef) -> PyResult<bool> {
    Ok(false)
}
fn none_new(_: &Vm, _: &PyRef, a: Args<'_>) -> PyResult {
    if !a.args.is_empty() {
        return Err(type_error("NoneType takes no arguments"));
    }
    Ok(none())
}
fn ni_repr(_: &Vm, _: &PyRef) -> PyResult {
    Ok(PyStr::intern("NotImplemented"))
}
fn ni_new(_: &Vm, _: &PyRef, a: Args<'_>) -> PyResult {
    if !a.args.is_empty() {
        return Err(type_error("NotImplementedType takes no arguments"));
    }
    Ok(not_implemented())
}
fn ni_bool(_: &Vm, _: &PyRef) -> PyResult<bool> {
    // 3.11 warns (DeprecationWarning) but answers True.
    Ok(true)
}
fn ell_repr(_: &Vm, _: &PyRef) -> PyResult {
    Ok(PyStr::intern("Ellipsis"))
}
fn ell_new(_: &Vm, _: &PyRef, a: Args<'_>) -> PyResult {
    if !a.args.is_empty() {
        return Err(type_error("ellipsis takes no arguments"));
    }
    Ok(ellipsis())
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &NONE_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(none_repr),
                    nb_bool: Some(none_bool),
                    new: Some(none_new),
                    ..Slots::EMPTY
                },
                ..TypeSpec::new("NoneType", Layout::of::<PyNone>())
            },
        ),
        (
            &NOT_IMPLEMENTED_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(ni_repr),
                    nb_bool: Some(ni_bool),
                    new: Some(ni_new),
                    ..Slots::EMPTY
                },
                ..TypeSpec::new("NotImplementedType", Layout::of::<PyNotImplemented>())
            },
        ),
        (
            &ELLIPSIS_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(ell_repr),
                    new: Some(ell_new),
                    ..Slots::EMPTY
                },
                ..TypeSpec::new("ellipsis", Layout::of::<PyEllipsis>())
            },
        ),
    ]
}

/// Creates the singletons (after the types exist).
pub(crate) fn init_singletons() {
    NONE.set(crate::object::alloc(PyNone {}));
    NOT_IMPLEMENTED.set(crate::object::alloc(PyNotImplemented {}));
    ELLIPSIS.set(crate::object::alloc(PyEllipsis {}));
}

#[allow(dead_code)]
fn _unused(_: &PyStr) {}
