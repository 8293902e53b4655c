//! Sequence iterators: `list_iterator`, `tuple_iterator`, `str_iterator`,
//! `list_reverseiterator`, the `__getitem__`-protocol `iterator`, and
//! `callable_iterator` (`iter(f, sentinel)`).  One payload, several type
//! objects (the type name is what `repr` shows).

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::MethodDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// Iteration state over a sequence (or a callable).
    pub struct PySeqIter {
        /// `None` once exhausted.
        seq: RefCell<Option<PyRef>>,
        index: Cell<isize>,
        /// For `callable_iterator`: the sentinel.
        sentinel: Option<PyRef>,
    }
}

pub static LIST_ITER_TYPE: StaticType = StaticType::new();
pub static TUPLE_ITER_TYPE: StaticType = StaticType::new();
pub static STR_ITER_TYPE: StaticType = StaticType::new();
pub static STR_ASCII_ITER_TYPE: StaticType = StaticType::new();
pub static LIST_REVITER_TYPE: StaticType = StaticType::new();
pub static SEQ_ITER_TYPE: StaticType = StaticType::new();
pub static CALLABLE_ITER_TYPE: StaticType = StaticType::new();

impl PyPayload for PySeqIter {
    fn class() -> &'static Obj<PyType> {
        SEQ_ITER_TYPE.get()
    }
}

fn make(ty: &'static StaticType, seq: PyRef, index: isize, sentinel: Option<PyRef>) -> PyRef {
    crate::object::alloc_as(
        ty.get(),
        PySeqIter {
            seq: RefCell::new(Some(seq)),
            index: Cell::new(index),
            sentinel,
        },
    )
}

/// A forward iterator over a list, tuple or str.
pub fn seq_iter(seq: PyRef) -> PyRef {
    let ty = if seq.downcast::<PyList>().is_some() {
        &LIST_ITER_TYPE
    } else if seq.downcast::<PyTuple>().is_some() {
        &TUPLE_ITER_TYPE
    } else if let Some(s) = seq.downcast::<PyStr>() {
        if s.is_ascii() {
            &STR_ASCII_ITER_TYPE
        } else {
            &STR_ITER_TYPE
        }
    } else {
        &SEQ_ITER_TYPE
    };
    make(ty, seq, 0, None)
}

/// `reversed(list)`.
pub fn reversed_seq_iter(seq: PyRef) -> PyRef {
    let n = seq.downcast::<PyList>().map(|l| l.len()).unwrap_or(0) as isize;
    make(&LIST_REVITER_TYPE, seq, n - 1, None)
}

/// The `__getitem__` protocol iterator.
pub fn getitem_iter(seq: PyRef) -> PyRef {
    make(&SEQ_ITER_TYPE, seq, 0, None)
}

/// `iter(callable, sentinel)`.
pub fn callable_iter(f: PyRef, sentinel: PyRef) -> PyRef {
    make(&CALLABLE_ITER_TYPE, f, 0, Some(sentinel))
}

impl PySeqIter {
    /// The next item of a list or tuple iterator, read straight from the
    /// sequence (the interpreter's `FOR_ITER_SEQ`); `None` at exhaustion,
    /// which releases the sequence as `iter_next` does.
    #[inline]
    pub(crate) fn next_in_seq(&self) -> Option<PyRef> {
        let i = self.index.get();
        let item = {
            let seq = self.seq.borrow();
            let s = seq.as_ref()?;
            if i < 0 {
                None
            } else if let Some(l) = s.downcast::<PyList>() {
                l.get(i as usize)
            } else if let Some(t) = s.downcast::<PyTuple>() {
                t.as_slice().get(i as usize).cloned()
            } else {
                None
            }
        };
        match item {
            Some(v) => {
                self.index.set(i + 1);
                Some(v)
            }
            None => {
                let old = self.seq.borrow_mut().take();
                drop(old);
                None
            }
        }
    }
}

fn payload(o: &PyRef) -> PyResult<&PySeqIter> {
    o.downcast::<PySeqIter>()
        .ok_or_else(|| type_error("expected an iterator"))
}

fn iter_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn iter_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = payload(o)?;
    let Some(seq) = it.seq.borrow().clone() else {
        return Ok(None);
    };
    let i = it.index.get();
    let reverse = std::ptr::eq(o.class(), LIST_REVITER_TYPE.get());
    if let Some(sentinel) = &it.sentinel {
        let v = crate::protocol::call::call_pos(vm, &seq, &[]);
        let v = match v {
            Ok(v) => v,
            Err(e) if e.matches(&crate::types::exceptions::STOP_ITERATION) => {
                *it.seq.borrow_mut() = None;
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        if crate::protocol::object::eq(vm, &v, sentinel)? {
            *it.seq.borrow_mut() = None;
            return Ok(None);
        }
        return Ok(Some(v));
    }
    let item = if i < 0 {
        None
    } else if let Some(l) = seq.downcast::<PyList>() {
        l.get(i as usize)
    } else if let Some(t) = seq.downcast::<PyTuple>() {
        t.as_slice().get(i as usize).cloned()
    } else if let Some(s) = seq.downcast::<PyStr>() {
        s.char_at(i as usize).map(crate::types::str::char_str)
    } else {
        match crate::protocol::object::get_item(vm, &seq, &int_from_i64(i as i64)) {
            Ok(v) => Some(v),
            Err(e)
                if e.matches(&crate::types::exceptions::INDEX_ERROR)
                    || e.matches(&crate::types::exceptions::STOP_ITERATION) =>
            {
                None
            }
            Err(e) => return Err(e),
        }
    };
    match item {
        Some(v) => {
            it.index.set(if reverse { i - 1 } else { i + 1 });
            Ok(Some(v))
        }
        None => {
            *it.seq.borrow_mut() = None;
            Ok(None)
        }
    }
}

fn m_length_hint(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    let it = payload(s)?;
    let Some(seq) = it.seq.borrow().clone() else {
        return Ok(int_from_i64(0));
    };
    let i = it.index.get() as i64;
    let n = if let Some(l) = seq.downcast::<PyList>() {
        l.len() as i64
    } else if let Some(t) = seq.downcast::<PyTuple>() {
        t.len() as i64
    } else if let Some(st) = seq.downcast::<PyStr>() {
        st.char_len() as i64
    } else {
        return Ok(int_from_i64(0));
    };
    if std::ptr::eq(s.class(), LIST_REVITER_TYPE.get()) {
        return Ok(int_from_i64(if i < n { (i + 1).max(0) } else { 0 }));
    }
    Ok(int_from_i64((n - i).max(0)))
}

static METHODS: &[MethodDef] = &[MethodDef::method("__length_hint__", m_length_hint)];

fn spec(name: &'static str) -> TypeSpec {
    TypeSpec {
        slots: Slots {
            iter: Some(iter_self),
            iternext: Some(iter_next),
            ..Slots::EMPTY
        },
        methods: METHODS,
        ..TypeSpec::new(name, Layout::of::<PySeqIter>())
    }
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (&LIST_ITER_TYPE, spec("list_iterator")),
        (&TUPLE_ITER_TYPE, spec("tuple_iterator")),
        (&STR_ITER_TYPE, spec("str_iterator")),
        (&STR_ASCII_ITER_TYPE, spec("str_ascii_iterator")),
        (&LIST_REVITER_TYPE, spec("list_reverseiterator")),
        (&SEQ_ITER_TYPE, spec("iterator")),
        (&CALLABLE_ITER_TYPE, spec("callable_iterator")),
    ]
}
