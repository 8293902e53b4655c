//! `set_iterator`: walks a set's table live (position by position, like
//! CPython) and raises "Set changed size during iteration" when the set's
//! size differs from the size at creation.  `__reduce__` pickles the
//! elements still to come as a list.

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::error::{PyResult, runtime_error, type_error};
use crate::object::typeobj::MethodDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::int::int_from_i64;
use crate::types::set::PySet;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// Iteration state over a set.
    pub struct PySetIter {
        /// `None` once exhausted.
        set: RefCell<Option<PyRef>>,
        /// The set's size when the iterator was made.
        used: Cell<usize>,
        /// Next table position.
        pos: Cell<usize>,
        /// Elements not yet produced (for `__length_hint__`).
        left: Cell<usize>,
    }
}

pub static SET_ITER_TYPE: StaticType = StaticType::new();

impl PyPayload for PySetIter {
    fn class() -> &'static Obj<PyType> {
        SET_ITER_TYPE.get()
    }
}

/// `iter(s)` for a set of `used` elements.
pub fn new_set_iter(set: PyRef, used: usize) -> PyRef {
    crate::object::alloc(PySetIter {
        set: RefCell::new(Some(set)),
        used: Cell::new(used),
        pos: Cell::new(0),
        left: Cell::new(used),
    })
}

fn payload(o: &PyRef) -> PyResult<&PySetIter> {
    o.downcast::<PySetIter>()
        .ok_or_else(|| type_error("expected set_iterator"))
}

fn next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = payload(o)?;
    let Some(s) = it.set.borrow().clone() else {
        return Ok(None);
    };
    let Some(p) = s.downcast::<PySet>() else {
        return Ok(None);
    };
    if p.len() != it.used.get() {
        // CPython poisons the iterator so it keeps failing.
        it.used.set(usize::MAX);
        return Err(runtime_error("Set changed size during iteration"));
    }
    match p.entry_from(it.pos.get()) {
        Some((next, k)) => {
            it.pos.set(next);
            it.left.set(it.left.get().saturating_sub(1));
            Ok(Some(k))
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

fn m_length_hint(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    let it = payload(s)?;
    let live = it
        .set
        .borrow()
        .as_ref()
        .and_then(|s| s.downcast::<PySet>().map(|p| p.len() == it.used.get()))
        == Some(true);
    Ok(int_from_i64(if live { it.left.get() as i64 } else { 0 }))
}

/// `(iter, (list_of_remaining,))`, taken from a copy of the iterator state.
fn m_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reduce__")?;
    let it = payload(s)?;
    let mut rest = Vec::new();
    if let Some(sref) = it.set.borrow().clone()
        && let Some(p) = sref.downcast::<PySet>()
    {
        if p.len() != it.used.get() {
            return Err(runtime_error("Set changed size during iteration"));
        }
        let mut pos = it.pos.get();
        while let Some((next, k)) = p.entry_from(pos) {
            pos = next;
            rest.push(k);
        }
    }
    let f = crate::types::iterators::builtin(vm, "iter")?;
    Ok(crate::types::iterators::reduce_value(
        f,
        vec![crate::types::list::PyList::new_ref(rest)],
        None,
    ))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("__length_hint__", m_length_hint)
        .with_doc("Private method returning an estimate of len(list(it))."),
    MethodDef::method("__reduce__", m_reduce).with_doc("Return state information for pickling."),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &SET_ITER_TYPE,
        TypeSpec {
            slots: Slots {
                iter: Some(iter_self),
                iternext: Some(next),
                ..Slots::EMPTY
            },
            methods: METHODS,
            ..TypeSpec::new("set_iterator", Layout::of::<PySetIter>())
        },
    )]
}
