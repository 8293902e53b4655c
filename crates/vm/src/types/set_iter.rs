//! `set_iterator`: iterates a snapshot of a set's elements and raises
//! "Set changed size during iteration" like CPython.

use std::cell::{Cell, RefCell};

use crate::error::{PyResult, runtime_error, type_error};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::set::PySet;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// Iteration state over a set.
    pub struct PySetIter {
        set: RefCell<Option<PyRef>>,
        items: Vec<PyRef>,
        pos: Cell<usize>,
    }
}

pub static SET_ITER_TYPE: StaticType = StaticType::new();

impl PyPayload for PySetIter {
    fn class() -> &'static Obj<PyType> {
        SET_ITER_TYPE.get()
    }
}

pub fn new_set_iter(set: PyRef, items: Vec<PyRef>) -> PyRef {
    crate::object::alloc(PySetIter { set: RefCell::new(Some(set)), items, pos: Cell::new(0) })
}

fn next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PySetIter>().ok_or_else(|| type_error("expected set_iterator"))?;
    let Some(s) = it.set.borrow().clone() else { return Ok(None) };
    if s.downcast::<PySet>().map(|p| p.len()) != Some(it.items.len()) {
        *it.set.borrow_mut() = None;
        return Err(runtime_error("Set changed size during iteration"));
    }
    let p = it.pos.get();
    match it.items.get(p) {
        Some(v) => {
            it.pos.set(p + 1);
            Ok(Some(v.clone()))
        }
        None => {
            *it.set.borrow_mut() = None;
            Ok(None)
        }
    }
}

fn iter_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &SET_ITER_TYPE,
        TypeSpec {
            slots: Slots { iter: Some(iter_self), iternext: Some(next), ..Slots::EMPTY },
            ..TypeSpec::new("set_iterator", Layout::of::<PySetIter>())
        },
    )]
}
