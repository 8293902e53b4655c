//! Sequence iterators: `list_iterator`, `tuple_iterator`, `str_iterator`,
//! `bytes_iterator`, `bytearray_iterator`, `list_reverseiterator`, the
//! `__getitem__`-protocol `iterator`, and `callable_iterator`
//! (`iter(f, sentinel)`).  One payload, several type objects (the type name
//! is what `repr` shows).
//!
//! Pickling: each `__reduce__` gives `(iter, (seq,), index)` (or
//! `(reversed, ...)`) while alive and `(iter, (empty,))` once exhausted, and
//! `__setstate__(index)` clamps the index as CPython's do.  The builtin is
//! looked up in `builtins` first ([`builtin`]): that lookup may run Python
//! code that exhausts the iterator, so the state is read after it.

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::error::{PyResult, attribute_error, overflow_error, type_error};
use crate::object::typeobj::MethodDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bytearray::PyByteArray;
use crate::types::bytes::PyBytes;
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
pub static BYTES_ITER_TYPE: StaticType = StaticType::new();
pub static BYTEARRAY_ITER_TYPE: StaticType = StaticType::new();
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

/// A forward iterator over a list, tuple, str, bytes or bytearray.
pub fn seq_iter(seq: PyRef) -> PyRef {
    let ty = if seq.downcast::<PyList>().is_some() {
        &LIST_ITER_TYPE
    } else if seq.downcast::<PyTuple>().is_some() {
        &TUPLE_ITER_TYPE
    } else if seq.downcast::<PyBytes>().is_some() {
        &BYTES_ITER_TYPE
    } else if seq.downcast::<PyByteArray>().is_some() {
        &BYTEARRAY_ITER_TYPE
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
        // The call may have exhausted this iterator (re-entrantly).
        if it.seq.borrow().is_none() {
            return Ok(None);
        }
        if crate::protocol::object::eq(vm, sentinel, &v)? {
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
    } else if let Some(b) = seq.downcast::<PyBytes>() {
        b.data.get(i as usize).map(|&x| int_from_i64(i64::from(x)))
    } else if let Some(b) = seq.downcast::<PyByteArray>() {
        let x = b.data.borrow().get(i as usize).copied();
        x.map(|x| int_from_i64(i64::from(x)))
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

/// The length of a builtin sequence an iterator walks (list, tuple, str,
/// bytes, bytearray), read without calling Python code; None for others.
fn native_len(seq: &PyRef) -> Option<i64> {
    Some(if let Some(l) = seq.downcast::<PyList>() {
        l.len() as i64
    } else if let Some(t) = seq.downcast::<PyTuple>() {
        t.len() as i64
    } else if let Some(st) = seq.downcast::<PyStr>() {
        st.char_len() as i64
    } else if let Some(b) = seq.downcast::<PyBytes>() {
        b.data.len() as i64
    } else if let Some(b) = seq.downcast::<PyByteArray>() {
        b.data.borrow().len() as i64
    } else {
        return None;
    })
}

fn m_length_hint(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    let it = payload(s)?;
    let Some(seq) = it.seq.borrow().clone() else {
        return Ok(int_from_i64(0));
    };
    let i = it.index.get() as i64;
    let n = if let Some(n) = native_len(&seq) {
        n
    } else if std::ptr::eq(s.class(), SEQ_ITER_TYPE.get()) {
        // `len(seq) - index`; NotImplemented for a sequence without a length.
        if seq.class().slots().mp_len.is_none() {
            return Ok(crate::types::none::not_implemented());
        }
        crate::protocol::object::len(vm, &seq)? as i64
    } else {
        return Ok(int_from_i64(0));
    };
    if std::ptr::eq(s.class(), LIST_REVITER_TYPE.get()) {
        return Ok(int_from_i64(if i < n { (i + 1).max(0) } else { 0 }));
    }
    Ok(int_from_i64((n - i).max(0)))
}

/// `builtins.<name>`, looked up in the builtins dict as CPython's
/// `_PyEval_GetBuiltin` does (a real dict lookup: it may run `__eq__`).
pub(crate) fn builtin(vm: &Vm, name: &str) -> PyResult {
    let d = vm.builtins_dict();
    let dd = d
        .downcast::<crate::types::dict::PyDict>()
        .ok_or_else(|| type_error("builtins is not a dict"))?;
    dd.get_item(vm, &PyStr::intern(name))?
        .ok_or_else(|| attribute_error(name))
}

/// The index argument of a `__setstate__` (`PyLong_AsSsize_t`: an int,
/// no `__index__`).
pub(crate) fn state_index(o: &PyRef) -> PyResult<i64> {
    if !crate::types::int::is_int(o) {
        return Err(type_error("an integer is required"));
    }
    crate::types::int::to_i64(o)
        .ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t".to_string()))
}

/// `(f, args)` or `(f, args, state)`.
pub(crate) fn reduce_value(f: PyRef, args: Vec<PyRef>, state: Option<PyRef>) -> PyRef {
    let mut v = vec![f, PyTuple::new_ref(args)];
    v.extend(state);
    PyTuple::new_ref(v)
}

fn m_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("__reduce__ needs an argument"))?;
    let it = payload(s)?;
    a.shift()
        .no_args(&format!("{}.__reduce__", s.class().name()))?;
    let cls = s.class();
    let is = |t: &StaticType| std::ptr::eq(cls, t.get());
    let reverse = is(&LIST_REVITER_TYPE);
    // Look the builtin up before reading any state (see the module doc).
    let f = builtin(vm, if reverse { "reversed" } else { "iter" })?;
    let seq = it.seq.borrow().clone();
    if let Some(seq) = seq {
        if let Some(sentinel) = &it.sentinel {
            return Ok(reduce_value(f, vec![seq, sentinel.clone()], None));
        }
        let idx = int_from_i64(it.index.get() as i64);
        return Ok(reduce_value(f, vec![seq], Some(idx)));
    }
    let empty = if is(&LIST_ITER_TYPE) || reverse {
        PyList::new_ref(Vec::new())
    } else if is(&STR_ITER_TYPE) || is(&STR_ASCII_ITER_TYPE) {
        PyStr::new_ref("")
    } else {
        PyTuple::new_ref(Vec::new())
    };
    let f = if reverse { builtin(vm, "iter")? } else { f };
    Ok(reduce_value(f, vec![empty], None))
}

fn m_setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("__setstate__ needs an argument"))?;
    let it = payload(s)?;
    let st = a
        .shift()
        .one_arg(&format!("{}.__setstate__", s.class().name()))?;
    let index = state_index(st)?;
    let Some(seq) = it.seq.borrow().clone() else {
        return Ok(crate::types::none::none());
    };
    let _ = vm;
    let len = native_len(&seq).unwrap_or(i64::MAX);
    let index = if std::ptr::eq(s.class(), LIST_REVITER_TYPE.get()) {
        index.clamp(-1, len - 1)
    } else {
        index.clamp(0, len)
    };
    it.index.set(index as isize);
    Ok(crate::types::none::none())
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("__length_hint__", m_length_hint)
        .with_doc("Private method returning an estimate of len(list(it))."),
    MethodDef::method("__reduce__", m_reduce).with_doc("Return state information for pickling."),
    MethodDef::method("__setstate__", m_setstate).with_doc("Set state information for unpickling."),
];

static CALLABLE_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", m_reduce).with_doc("Return state information for pickling.")
];

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
        (&BYTES_ITER_TYPE, spec("bytes_iterator")),
        (&BYTEARRAY_ITER_TYPE, spec("bytearray_iterator")),
        (&LIST_REVITER_TYPE, spec("list_reverseiterator")),
        (&SEQ_ITER_TYPE, spec("iterator")),
        (
            &CALLABLE_ITER_TYPE,
            TypeSpec {
                methods: CALLABLE_METHODS,
                ..spec("callable_iterator")
            },
        ),
    ]
}
