//! `list`: a growable array of references behind a `RefCell`.
//!
//! Rule for every method here: never hold a borrow of `items` while calling
//! back into Python (`__eq__`, `__lt__`, `__index__`, iteration): copy what
//! is needed out, release, call, and re-check bounds afterwards, because the
//! callee may mutate the list.

use std::cell::RefCell;

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, index_error, type_error, value_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::protocol::object::eq;
use crate::types::int::int_from_i64;
use crate::types::none::{is_none, none, not_implemented};
use crate::types::slice::{PySlice, slice_range};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a list.
    pub struct PyList {
        pub items: RefCell<Vec<PyRef>>,
    }
}

/// CPython's `list_dealloc` releases items from the end, which fixes the
/// order `__del__` methods of the items run in.
impl Drop for PyList {
    fn drop(&mut self) {
        let v = self.items.get_mut();
        while let Some(x) = v.pop() {
            drop(x);
        }
    }
}

pub static LIST_TYPE: StaticType = StaticType::new();

impl PyPayload for PyList {
    fn class() -> &'static Obj<PyType> {
        LIST_TYPE.get()
    }
}

impl PyList {
    /// A new list object.
    pub fn new_ref(items: Vec<PyRef>) -> PyRef {
        crate::object::alloc(PyList {
            items: RefCell::new(items),
        })
    }

    /// A copy of the items.
    pub fn to_vec(&self) -> Vec<PyRef> {
        self.items.borrow().clone()
    }

    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    /// Item `i` (in range) as a new reference.
    pub fn get(&self, i: usize) -> Option<PyRef> {
        self.items.borrow().get(i).cloned()
    }

    pub fn push(&self, v: PyRef) {
        self.items.borrow_mut().push(v);
    }
}

fn payload(o: &PyRef) -> PyResult<&PyList> {
    o.downcast::<PyList>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'list' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn list_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let l = payload(o)?;
    if l.is_empty() {
        return Ok(PyStr::intern("[]"));
    }
    let Some(_guard) = vm.repr_enter(o) else {
        return Ok(PyStr::intern("[...]"));
    };
    let mut s = String::from("[");
    let mut i = 0;
    while let Some(it) = l.get(i) {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&crate::protocol::object::repr_string(vm, &it)?);
        i += 1;
    }
    s.push(']');
    Ok(PyStr::new_ref(&s))
}

fn list_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyList>(), b.downcast::<PyList>()) else {
        return Ok(not_implemented());
    };
    if x.len() != y.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::types::bool_::py_bool(op == CompareOp::Ne));
    }
    // Items are read live: an `__eq__` may shrink either list, and then the
    // lengths decide (CPython's order of checks).
    let mut i = 0;
    while let (Some(v), Some(w)) = (x.get(i), y.get(i)) {
        if !v.is(&w) && !eq(vm, &v, &w)? {
            break;
        }
        i += 1;
    }
    let (Some(v), Some(w)) = (x.get(i), y.get(i)) else {
        return Ok(crate::types::bool_::py_bool(
            crate::protocol::object::ordering_matches(x.len().cmp(&y.len()), op),
        ));
    };
    match op {
        CompareOp::Eq => Ok(crate::types::bool_::py_bool(false)),
        CompareOp::Ne => Ok(crate::types::bool_::py_bool(true)),
        _ => crate::protocol::object::rich_compare(vm, &v, &w, op),
    }
}

fn list_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(payload(o)?.len())
}

/// Normalizes an index for item access.
fn norm_index(vm: &Vm, k: &PyRef, n: usize) -> PyResult<Option<usize>> {
    let i = crate::types::int::index_for(vm, k, "list indices must be integers or slices, not {}")?;
    let n = n as i64;
    let j = if i < 0 { i + n } else { i };
    Ok(if j < 0 || j >= n {
        None
    } else {
        Some(j as usize)
    })
}

fn list_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let l = payload(o)?;
    if let Some(sl) = k.downcast::<PySlice>() {
        let (start, stop, step) = sl.indices(vm, l.len())?;
        let items = l.items.borrow();
        let v: Vec<PyRef> = slice_range(start, stop, step)
            .filter_map(|i| items.get(i).cloned())
            .collect();
        return Ok(PyList::new_ref(v));
    }
    match norm_index(vm, k, l.len())? {
        Some(i) => l
            .get(i)
            .ok_or_else(|| index_error("list index out of range")),
        None => Err(index_error("list index out of range")),
    }
}

fn list_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let l = payload(o)?;
    if let Some(sl) = k.downcast::<PySlice>() {
        return set_slice(vm, o, l, sl, v);
    }
    let Some(i) = norm_index(vm, k, l.len())? else {
        return Err(index_error("list assignment index out of range"));
    };
    let old = {
        let mut items = l.items.borrow_mut();
        if i >= items.len() {
            return Err(index_error("list assignment index out of range"));
        }
        match v {
            Some(v) => Some(std::mem::replace(&mut items[i], v.clone())),
            None => Some(items.remove(i)),
        }
    };
    drop(old);
    Ok(())
}

fn set_slice(vm: &Vm, o: &PyRef, l: &PyList, sl: &PySlice, v: Option<&PyRef>) -> PyResult<()> {
    let (start, stop, step) = sl.indices(vm, l.len())?;
    let Some(v) = v else {
        // deletion
        let removed: Vec<PyRef>;
        {
            let mut items = l.items.borrow_mut();
            if step == 1 {
                let (a, b) = (start as usize, (stop.max(start)) as usize);
                let n = items.len();
                removed = items.drain(a.min(n)..b.min(n)).collect();
            } else {
                // Mark the deleted positions, then compact in one pass.
                let mut dead = vec![false; items.len()];
                for i in slice_range(start, stop, step) {
                    if let Some(d) = dead.get_mut(i) {
                        *d = true;
                    }
                }
                let old = std::mem::take(&mut *items);
                let mut out = Vec::new();
                for (x, d) in old.into_iter().zip(dead) {
                    if d { out.push(x) } else { items.push(x) }
                }
                removed = out;
            }
        }
        drop(removed);
        return Ok(());
    };
    let msg = if step == 1 {
        "can only assign an iterable"
    } else {
        "must assign iterable to extended slice"
    };
    let new: Vec<PyRef> = if v.is(o) {
        l.to_vec()
    } else {
        seq_fast(vm, v, msg)?
    };
    let old: Vec<PyRef>;
    {
        let mut items = l.items.borrow_mut();
        if step == 1 {
            let a = (start as usize).min(items.len());
            let b = (stop.max(start) as usize).min(items.len());
            old = items.splice(a..b, new).collect();
        } else {
            let idx: Vec<usize> = slice_range(start, stop, step).collect();
            if idx.len() != new.len() {
                return Err(value_error(format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    new.len(),
                    idx.len()
                )));
            }
            let mut o2 = Vec::with_capacity(idx.len());
            for (i, nv) in idx.into_iter().zip(new) {
                if i < items.len() {
                    o2.push(std::mem::replace(&mut items[i], nv));
                }
            }
            old = o2;
        }
    }
    drop(old);
    Ok(())
}

/// CPython's `PySequence_Fast`: the items of an iterable, with `msg` as
/// the TypeError when `v` is not iterable at all.
pub(crate) fn seq_fast(vm: &Vm, v: &PyRef, msg: &str) -> PyResult<Vec<PyRef>> {
    if v.downcast::<PyList>().is_some() || v.downcast::<crate::types::tuple::PyTuple>().is_some() {
        return crate::protocol::iter::collect(vm, v);
    }
    let it = crate::protocol::iter::get_iter(vm, v).map_err(|e| {
        if e.matches(&crate::types::exceptions::TYPE_ERROR) {
            type_error(msg)
        } else {
            e
        }
    })?;
    let mut out = Vec::new();
    while let Some(x) = crate::protocol::iter::next(vm, &it)? {
        out.push(x);
    }
    Ok(out)
}

fn list_contains(vm: &Vm, o: &PyRef, v: &PyRef) -> PyResult<bool> {
    let l = payload(o)?;
    let mut i = 0;
    while let Some(it) = l.get(i) {
        if eq(vm, &it, v)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

fn list_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyList>() else {
        return Ok(not_implemented());
    };
    let Some(y) = b.downcast::<PyList>() else {
        return Ok(not_implemented());
    };
    let mut v = x.to_vec();
    v.extend(y.to_vec());
    Ok(PyList::new_ref(v))
}

fn list_iadd(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    extend(vm, payload(a)?, a, b)?;
    Ok(a.clone())
}

/// `list.extend`: lists and tuples are copied in one step; other iterables
/// are appended item by item (so items before an error stay, as in
/// CPython).
fn extend(vm: &Vm, l: &PyList, a: &PyRef, b: &PyRef) -> PyResult<()> {
    if b.is(a)
        || b.downcast::<PyList>().is_some()
        || b.downcast::<crate::types::tuple::PyTuple>().is_some()
    {
        let new = if b.is(a) {
            l.to_vec()
        } else {
            crate::protocol::iter::collect(vm, b)?
        };
        l.items.borrow_mut().extend(new);
        return Ok(());
    }
    let it = crate::protocol::iter::get_iter(vm, b)?;
    let hint = length_hint(vm, b)?;
    l.items.borrow_mut().reserve(hint.min(1 << 16));
    while let Some(x) = crate::protocol::iter::next(vm, &it)? {
        l.items.borrow_mut().push(x);
    }
    Ok(())
}

/// CPython's `PyObject_LengthHint(o, 0)`: `len(o)` if it has one (a
/// TypeError from it is ignored), else `o.__length_hint__()`, else 0.
/// Hints that don't fit an `ssize_t` raise OverflowError, as in CPython.
pub fn length_hint(vm: &Vm, o: &PyRef) -> PyResult<usize> {
    if let Some(f) = o.class().slots().mp_len {
        match f(vm, o) {
            Ok(n) => return Ok(n),
            Err(e) if e.matches(&crate::types::exceptions::TYPE_ERROR) => {}
            Err(e) => return Err(e),
        }
    }
    let Some(h) = crate::protocol::call::lookup_special(o, "__length_hint__") else {
        return Ok(0);
    };
    let r = crate::protocol::call::call_unbound(vm, &h, o, &[])?;
    if crate::types::none::is_not_implemented(&r) {
        return Ok(0);
    }
    if !crate::types::int::is_int(&r) {
        return Err(type_error(format!(
            "__length_hint__ must be an integer, not {}",
            r.class().name()
        )));
    }
    match crate::types::int::to_i64(&r) {
        Some(n) if n >= 0 => Ok(n as usize),
        Some(_) => Err(value_error("__length_hint__() should return >= 0")),
        None if crate::types::int::is_negative(&r) => {
            Err(value_error("__length_hint__() should return >= 0"))
        }
        None => Err(crate::error::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
    }
}

/// The count of `seq * n` (`None`: n is not an integer, let the protocol
/// report it); CPython's `PyNumber_AsSsize_t(n, OverflowError)`.
fn repeat_count(vm: &Vm, n: &PyRef) -> PyResult<Option<usize>> {
    let v = if crate::types::int::is_int(n) {
        n.clone()
    } else if n.class().slots().nb_index.is_some() {
        crate::protocol::number::index(vm, n)?
    } else {
        return Ok(None);
    };
    match crate::types::int::to_i64(&v) {
        Some(i) => Ok(Some(i.max(0) as usize)),
        None => Err(crate::error::overflow_error(format!(
            "cannot fit '{}' into an index-sized integer",
            n.class().name()
        ))),
    }
}

fn list_mul(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (l, n) = match (a.downcast::<PyList>(), b.downcast::<PyList>()) {
        (Some(l), _) => (l, b),
        (None, Some(l)) => (l, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    let items = l.to_vec();
    if items.len().checked_mul(n).is_none_or(|x| x > (1 << 40)) {
        return Err(crate::error::memory_error(""));
    }
    let mut v = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        v.extend(items.iter().cloned());
    }
    Ok(PyList::new_ref(v))
}

fn list_imul(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let l = payload(a)?;
    let Some(n) = repeat_count(vm, b)? else {
        return Ok(not_implemented());
    };
    let items = l.to_vec();
    if items.len().checked_mul(n).is_none_or(|x| x > (1 << 40)) {
        return Err(crate::error::memory_error(""));
    }
    let mut v = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        v.extend(items.iter().cloned());
    }
    let old = std::mem::replace(&mut *l.items.borrow_mut(), v);
    drop(old);
    Ok(a.clone())
}

fn list_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::iterators::seq_iter(o.clone()))
}

fn list_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("list.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyList {
            items: RefCell::new(Vec::new()),
        },
    ))
}

fn list_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    // Keywords are refused unless a subclass's own `__new__` takes them.
    if o.class()
        .slots()
        .new
        .is_none_or(|f| std::ptr::fn_addr_eq(f, list_new as crate::object::slots::NewFn))
    {
        a.no_kwargs("list")?;
    }
    let args = Args::pos(a.positional()).range("list", 0, 1)?;
    let l = payload(o)?;
    let old = std::mem::take(&mut *l.items.borrow_mut());
    drop(old);
    match args.first() {
        Some(x) => extend(vm, l, o, x),
        None => Ok(()),
    }
}

fn m_append(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'append' of 'list' object needs an argument"))?;
    let v = a.shift().one_arg("list.append")?;
    payload(s)?.push(v.clone());
    Ok(none())
}

fn m_extend(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'extend' of 'list' object needs an argument"))?;
    let v = a.shift().one_arg("list.extend")?;
    extend(vm, payload(s)?, s, v)?;
    Ok(none())
}

fn m_insert(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, i, v] = a.exact::<3>("insert").map_err(|_| {
        type_error(format!(
            "insert expected 2 arguments, got {}",
            a.args.len().saturating_sub(1)
        ))
    })?;
    let l = payload(s)?;
    let i = crate::types::int::as_ssize(vm, i)?;
    let mut items = l.items.borrow_mut();
    let n = items.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(j as usize, v.clone());
    Ok(none())
}

fn m_pop(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("pop", 1, 2).map_err(|_| {
        type_error(format!(
            "pop expected at most 1 argument, got {}",
            a.args.len().saturating_sub(1)
        ))
    })?;
    let l = payload(&args[0])?;
    let i = match args.get(1) {
        Some(i) => crate::types::int::as_ssize(vm, i)?,
        None => -1,
    };
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        return Err(index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("pop index out of range"));
    }
    Ok(items.remove(j as usize))
}

fn find_index(
    vm: &Vm,
    l: &PyList,
    v: &PyRef,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop {
        let Some(it) = l.get(i) else { break };
        if eq(vm, &it, v)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn m_remove(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'remove' of 'list' object needs an argument"))?;
    let v = a.shift().one_arg("list.remove")?;
    let l = payload(s)?;
    match find_index(vm, l, v, 0, usize::MAX)? {
        Some(i) => {
            let old = {
                let mut items = l.items.borrow_mut();
                if i < items.len() {
                    Some(items.remove(i))
                } else {
                    None
                }
            };
            drop(old);
            Ok(none())
        }
        None => Err(value_error("list.remove(x): x not in list")),
    }
}

fn m_index(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("index", 2, 4).map_err(|_| {
        let n = a.args.len().saturating_sub(1);
        if n < 1 {
            type_error(format!("index expected at least 1 argument, got {n}"))
        } else {
            type_error(format!("index expected at most 3 arguments, got {n}"))
        }
    })?;
    let l = payload(&args[0])?;
    let n = l.len() as i64;
    let norm = |v: i64| {
        if v < 0 {
            v.saturating_add(n).max(0)
        } else {
            v.min(n)
        }
    };
    let start = match args.get(2) {
        Some(s) => norm(slice_index_clamped(vm, s)?),
        None => 0,
    };
    let stop = match args.get(3) {
        Some(s) => norm(slice_index_clamped(vm, s)?),
        None => n,
    };
    match find_index(vm, l, &args[1], start as usize, stop as usize)? {
        Some(i) => Ok(int_from_i64(i as i64)),
        None => Err(value_error(format!(
            "{} is not in list",
            crate::protocol::object::repr_string(vm, &args[1])?
        ))),
    }
}

/// A `start`/`stop` argument of `index` (`_PyEval_SliceIndexNotNone`): an
/// int or `__index__` object, clamped to the machine range.
pub(crate) fn slice_index_clamped(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    if let Some(v) = o.as_small() {
        return Ok(v);
    }
    let i = if crate::types::int::is_int(o) {
        o.clone()
    } else if o.class().slots().nb_index.is_some() {
        crate::protocol::number::index(vm, o)?
    } else {
        return Err(type_error(
            "slice indices must be integers or have an __index__ method",
        ));
    };
    Ok(crate::types::int::index_i64_opt(&i).unwrap_or(0))
}

fn m_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'count' of 'list' object needs an argument"))?;
    let v = a.shift().one_arg("list.count")?;
    let l = payload(s)?;
    let mut c = 0;
    let mut i = 0;
    while let Some(it) = l.get(i) {
        if eq(vm, &it, v)? {
            c += 1;
        }
        i += 1;
    }
    Ok(int_from_i64(c))
}

fn m_clear(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'clear' of 'list' object needs an argument"))?;
    a.shift().no_args("list.clear")?;
    let old = std::mem::take(&mut *payload(s)?.items.borrow_mut());
    drop(old);
    Ok(none())
}

fn m_copy(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'copy' of 'list' object needs an argument"))?;
    a.shift().no_args("list.copy")?;
    Ok(PyList::new_ref(payload(s)?.to_vec()))
}

fn m_reverse(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'reverse' of 'list' object needs an argument"))?;
    a.shift().no_args("list.reverse")?;
    payload(s)?.items.borrow_mut().reverse();
    Ok(none())
}

/// `a < b` for the sort, with native paths for the common homogeneous
/// cases (CPython's pre-sort type check does the same).
#[inline]
fn sort_lt(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Ok(x < y);
    }
    if a.is_exact::<PyStr>()
        && b.is_exact::<PyStr>()
        && let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>())
    {
        // UTF-8 (and WTF-8) byte order is code point order.
        return Ok(x.as_bytes() < y.as_bytes());
    }
    crate::protocol::object::lt(vm, a, b)
}

/// `list.sort(*, key=None, reverse=False)` on a list object: CPython's
/// protocol around the timsort in `list_sort.rs` (keys computed first, the
/// list emptied while sorting, "list modified during sort" if it was
/// touched, reverse via reverse-sort-reverse for stability).
pub fn sort_list(vm: &Vm, s: &PyRef, key: Option<&PyRef>, reverse: bool) -> PyResult<()> {
    let l = payload(s)?;
    // The list is empty (capacity 0) while sorting: any growth shows up as
    // a non-zero capacity afterwards.
    let mut items = std::mem::take(&mut *l.items.borrow_mut());
    let keys: PyResult<Option<Vec<PyRef>>> = match key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            let mut err = None;
            for it in &items {
                match crate::protocol::call::call_pos(vm, k, std::slice::from_ref(it)) {
                    Ok(v) => ks.push(v),
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                }
            }
            match err {
                Some(e) => Err(e),
                None => Ok(Some(ks)),
            }
        }
        None => Ok(None),
    };
    let result = match keys {
        Err(e) => Err(e),
        Ok(mut keys) => {
            let n = items.len();
            if reverse {
                items.reverse();
                if let Some(k) = keys.as_mut() {
                    k.reverse();
                }
            }
            let mut perm: Vec<usize> = (0..n).collect();
            let r = {
                let cmp: &[PyRef] = keys.as_deref().unwrap_or(&items);
                crate::types::list_sort::timsort(&mut perm, &mut |x, y| match (
                    cmp.get(x),
                    cmp.get(y),
                ) {
                    (Some(a), Some(b)) => sort_lt(vm, a, b),
                    _ => Ok(false),
                })
            };
            let mut slots: Vec<Option<PyRef>> = items.into_iter().map(Some).collect();
            items = perm
                .iter()
                .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
                .collect();
            drop(keys);
            let modified = {
                let cur = l.items.borrow();
                cur.capacity() != 0 || !cur.is_empty()
            };
            let r = match r {
                Ok(()) if modified => Err(value_error("list modified during sort")),
                r => r,
            };
            if reverse {
                items.reverse();
            }
            r
        }
    };
    let junk = std::mem::replace(&mut *l.items.borrow_mut(), items);
    drop(junk);
    result
}

fn m_sort(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'sort' of 'list' object needs an argument"))?;
    let rest = a.shift();
    if !rest.positional().is_empty() {
        return Err(type_error("sort() takes no positional arguments"));
    }
    let [key, reverse] = rest.bind("sort", ["key", "reverse"], 0, 0)?;
    let key = key.filter(|k| !is_none(k));
    // `reverse: bool(accept={int})`: an integer (or __index__) is required.
    let reverse = match reverse {
        Some(r) => {
            let i = crate::protocol::number::index(vm, &r)?;
            match crate::types::int::to_i64(&i) {
                Some(v) if i32::try_from(v).is_ok() => v != 0,
                _ => {
                    return Err(crate::error::overflow_error(
                        "Python int too large to convert to C int",
                    ));
                }
            }
        }
        None => false,
    };
    sort_list(vm, s, key.as_ref(), reverse)?;
    Ok(none())
}

fn m_reversed(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reversed__")?;
    payload(s)?;
    Ok(crate::types::iterators::reversed_seq_iter(s.clone()))
}

fn m_class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

fn m_sizeof(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__sizeof__")?;
    Ok(int_from_i64(
        40 + 8 * payload(s)?.items.borrow().capacity() as i64,
    ))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("append", m_append),
    MethodDef::method("extend", m_extend),
    MethodDef::method("insert", m_insert),
    MethodDef::method("pop", m_pop),
    MethodDef::method("remove", m_remove),
    MethodDef::method("index", m_index),
    MethodDef::method("count", m_count),
    MethodDef::method("clear", m_clear),
    MethodDef::method("copy", m_copy),
    MethodDef::method("reverse", m_reverse),
    MethodDef::method("sort", m_sort),
    MethodDef::method("__reversed__", m_reversed),
    MethodDef::method("__sizeof__", m_sizeof),
    MethodDef::classmethod("__class_getitem__", m_class_getitem),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &LIST_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(list_repr),
                hash: Some(crate::protocol::object::hash_not_implemented),
                richcompare: Some(list_richcompare),
                mp_len: Some(list_len),
                mp_getitem: Some(list_getitem),
                mp_setitem: Some(list_setitem),
                sq_contains: Some(list_contains),
                nb_add: Some(list_add),
                nb_mul: Some(list_mul),
                nb_iadd: Some(list_iadd),
                nb_imul: Some(list_imul),
                iter: Some(list_iter),
                new: Some(list_new),
                init: Some(list_init),
                ..Slots::EMPTY
            },
            methods: METHODS,
            flags: flags::BASETYPE | flags::LIST_SUBCLASS | flags::SEQUENCE,
            doc: Some(
                "Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\nThe argument must be an iterable if specified.",
            ),
            ..TypeSpec::new("list", Layout::of::<PyList>())
        },
    )]
}
