//! `dict_keys`, `dict_values`, `dict_items` and their iterators.
//!
//! The iterators check for mutation as CPython's do: a size change raises
//! "dictionary changed size during iteration" (and keeps raising), and
//! finding more entries than the dict had at the start (a key deleted and
//! another added) raises "dictionary keys changed during iteration".
//! `__reduce__` pickles the entries still to come as a list.

use std::cell::{Cell, RefCell};

use taipan_bytecode::CompareOp;

use crate::error::{PyResult, runtime_error, type_error};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::dict::PyDict;
use crate::types::none::not_implemented;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// Which part of the entries a view or iterator yields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl crate::object::Trace for ViewKind {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

crate::py_payload! {
    /// A dict view.
    pub struct PyDictView {
        pub dict: PyRef,
        pub kind: ViewKind,
    }
}

crate::py_payload! {
    /// Iterator over a dict's entries.
    pub struct PyDictIter {
        dict: RefCell<Option<PyRef>>,
        pos: Cell<usize>,
        /// The dict's size at creation; `usize::MAX` after a size change
        /// was seen (so the error repeats).
        len: Cell<usize>,
        /// Entries not yet produced (`__length_hint__`).
        left: Cell<usize>,
        kind: ViewKind,
        reverse: bool,
    }
}

pub static KEYS_TYPE: StaticType = StaticType::new();
pub static VALUES_TYPE: StaticType = StaticType::new();
pub static ITEMS_TYPE: StaticType = StaticType::new();
pub static KEY_ITER_TYPE: StaticType = StaticType::new();
pub static VALUE_ITER_TYPE: StaticType = StaticType::new();
pub static ITEM_ITER_TYPE: StaticType = StaticType::new();
pub static REV_KEY_ITER_TYPE: StaticType = StaticType::new();
pub static REV_VALUE_ITER_TYPE: StaticType = StaticType::new();
pub static REV_ITEM_ITER_TYPE: StaticType = StaticType::new();

impl PyPayload for PyDictView {
    fn class() -> &'static Obj<PyType> {
        KEYS_TYPE.get()
    }
}
impl PyPayload for PyDictIter {
    fn class() -> &'static Obj<PyType> {
        KEY_ITER_TYPE.get()
    }
}

/// `d.keys()` / `d.values()` / `d.items()`.
pub fn new_view(dict: PyRef, kind: ViewKind) -> PyRef {
    let ty = match kind {
        ViewKind::Keys => &KEYS_TYPE,
        ViewKind::Values => &VALUES_TYPE,
        ViewKind::Items => &ITEMS_TYPE,
    };
    crate::object::alloc_as(ty.get(), PyDictView { dict, kind })
}

fn make_iter(dict: PyRef, kind: ViewKind, reverse: bool) -> PyRef {
    let len = dict.downcast::<PyDict>().map(|d| d.len()).unwrap_or(0);
    let ty = match (kind, reverse) {
        (ViewKind::Keys, false) => &KEY_ITER_TYPE,
        (ViewKind::Values, false) => &VALUE_ITER_TYPE,
        (ViewKind::Items, false) => &ITEM_ITER_TYPE,
        (ViewKind::Keys, true) => &REV_KEY_ITER_TYPE,
        (ViewKind::Values, true) => &REV_VALUE_ITER_TYPE,
        (ViewKind::Items, true) => &REV_ITEM_ITER_TYPE,
    };
    let pos = if reverse {
        dict.downcast::<PyDict>().map(|d| d.end_pos()).unwrap_or(0)
    } else {
        0
    };
    crate::object::alloc_as(
        ty.get(),
        PyDictIter {
            dict: RefCell::new(Some(dict)),
            pos: Cell::new(pos),
            len: Cell::new(len),
            left: Cell::new(len),
            kind,
            reverse,
        },
    )
}

/// `iter(d)` and friends.
pub fn dict_iter(dict: PyRef, kind: ViewKind) -> PyRef {
    make_iter(dict, kind, false)
}

/// `reversed(d)`.
pub fn dict_reversed_iter(dict: PyRef, kind: ViewKind) -> PyRef {
    make_iter(dict, kind, true)
}

fn view(o: &PyRef) -> PyResult<&PyDictView> {
    o.downcast::<PyDictView>()
        .ok_or_else(|| type_error("expected a dict view"))
}

fn dict_of(v: &PyDictView) -> PyResult<&PyDict> {
    v.dict
        .downcast::<PyDict>()
        .ok_or_else(|| type_error("expected a dict"))
}

fn view_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(dict_of(view(o)?)?.len())
}

fn view_iter(_: &Vm, o: &PyRef) -> PyResult {
    let v = view(o)?;
    Ok(make_iter(v.dict.clone(), v.kind, false))
}

fn view_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    let v = view(o)?;
    let d = dict_of(v)?;
    match v.kind {
        ViewKind::Keys => Ok(d.get_item(vm, k)?.is_some()),
        ViewKind::Values => {
            for x in d.values() {
                if crate::protocol::object::eq(vm, &x, k)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ViewKind::Items => {
            let Some(t) = k.downcast::<PyTuple>() else {
                return Ok(false);
            };
            let [key, val] = t.as_slice() else {
                return Ok(false);
            };
            match d.get_item(vm, key)? {
                Some(x) => crate::protocol::object::eq(vm, &x, val),
                None => Ok(false),
            }
        }
    }
}

fn view_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let v = view(o)?;
    let name = o.class().name();
    let Some(_g) = vm.repr_enter(o) else {
        return Ok(PyStr::new_ref("..."));
    };
    let items = crate::protocol::iter::collect(vm, o)?;
    let list = crate::types::list::PyList::new_ref(items);
    let _ = v;
    Ok(PyStr::new_ref(&format!(
        "{name}({})",
        crate::protocol::object::repr_string(vm, &list)?
    )))
}

fn is_setlike_view(o: &PyRef) -> bool {
    o.downcast::<PyDictView>()
        .is_some_and(|v| v.kind != ViewKind::Values)
}

/// `all(x in other for x in it)` (CPython's `all_contained_in`).
fn all_contained_in(vm: &Vm, it: &PyRef, other: &PyRef) -> PyResult<bool> {
    let iter = crate::protocol::iter::get_iter(vm, it)?;
    while let Some(x) = crate::protocol::iter::next(vm, &iter)? {
        if !crate::protocol::object::contains(vm, other, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn view_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if !is_setlike_view(a) {
        return Ok(not_implemented());
    }
    if b.downcast::<crate::types::set::PySet>().is_none() && !is_setlike_view(b) {
        return Ok(not_implemented());
    }
    let la = crate::protocol::object::len(vm, a)?;
    let lb = crate::protocol::object::len(vm, b)?;
    let ok = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let eq = la == lb && all_contained_in(vm, a, b)?;
            eq == (op == CompareOp::Eq)
        }
        CompareOp::Lt => la < lb && all_contained_in(vm, a, b)?,
        CompareOp::Le => la <= lb && all_contained_in(vm, a, b)?,
        CompareOp::Gt => la > lb && all_contained_in(vm, b, a)?,
        CompareOp::Ge => la >= lb && all_contained_in(vm, b, a)?,
    };
    Ok(crate::types::bool_::py_bool(ok))
}

/// CPython's `dictviews_to_set`: `set(view)` (keys of an exact dict go
/// straight from the dict).
fn to_set(vm: &Vm, o: &PyRef) -> PyResult {
    if let Some(v) = o.downcast::<PyDictView>()
        && v.kind == ViewKind::Keys
        && v.dict.is_exact::<PyDict>()
    {
        return crate::types::set::set_from_iterable(vm, &v.dict);
    }
    crate::types::set::set_from_iterable(vm, o)
}

fn view_sub(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let r = to_set(vm, a)?;
    crate::protocol::call::call_method(vm, &r, "difference_update", std::slice::from_ref(b))?;
    Ok(r)
}

fn view_or(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let r = to_set(vm, a)?;
    if let Some(s) = r.downcast::<crate::types::set::PySet>() {
        s.update(vm, b)?;
    }
    Ok(r)
}

fn view_xor(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let items = |o: &PyRef| {
        o.downcast::<PyDictView>()
            .filter(|v| v.kind == ViewKind::Items)
            .map(|v| v.dict.clone())
    };
    if let (Some(d1), Some(d2)) = (items(a), items(b)) {
        return items_xor(vm, &d1, &d2);
    }
    let r = to_set(vm, a)?;
    crate::protocol::call::call_method(
        vm,
        &r,
        "symmetric_difference_update",
        std::slice::from_ref(b),
    )?;
    Ok(r)
}

/// `d1.items() ^ d2.items()` (CPython's `dictitems_xor`).
fn items_xor(vm: &Vm, d1: &PyRef, d2: &PyRef) -> PyResult {
    let (Some(a), Some(b)) = (d1.downcast::<PyDict>(), d2.downcast::<PyDict>()) else {
        return Err(type_error("expected a dict"));
    };
    let temp = a.copy();
    let result = crate::types::set::new_set();
    let Some(rs) = result.downcast::<crate::types::set::PySet>() else {
        return Ok(result);
    };
    for (h, k, v2) in b.hashed_items() {
        match temp.get_item_hashed(vm, &k, h)? {
            Some(v1) => {
                if crate::protocol::object::eq(vm, &v1, &v2)? {
                    temp.del_item(vm, &k)?;
                } else {
                    rs.add(vm, PyTuple::new_ref(vec![k, v2]))?;
                }
            }
            None => rs.add(vm, PyTuple::new_ref(vec![k, v2]))?,
        }
    }
    for (k, v1) in temp.items() {
        rs.add(vm, PyTuple::new_ref(vec![k, v1]))?;
    }
    Ok(result)
}

/// `view & other` (CPython's `_PyDictView_Intersect`).
fn view_and(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (mut s, mut o) = if is_setlike_view(a) {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    };
    let len_s = crate::protocol::object::len(vm, &s)?;
    if o.is_exact::<crate::types::set::PySet>() && len_s <= crate::protocol::object::len(vm, &o)? {
        return crate::protocol::call::call_method(
            vm,
            &o,
            "intersection",
            std::slice::from_ref(&s),
        );
    }
    if is_setlike_view(&o) && crate::protocol::object::len(vm, &o)? > len_s {
        std::mem::swap(&mut s, &mut o);
    }
    let result = crate::types::set::new_set();
    let Some(rs) = result.downcast::<crate::types::set::PySet>() else {
        return Ok(result);
    };
    let it = crate::protocol::iter::get_iter(vm, &o)?;
    while let Some(k) = crate::protocol::iter::next(vm, &it)? {
        if view_contains(vm, &s, &k)? {
            rs.add(vm, k)?;
        }
    }
    Ok(result)
}

fn m_isdisjoint(vm: &Vm, a: crate::args::Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'isdisjoint' needs an argument"))?;
    let o = a.shift().one_arg("isdisjoint")?;
    if s.is(o) {
        return Ok(crate::types::bool_::py_bool(view_len(vm, s)? == 0));
    }
    // Iterate over the shorter object when both sizes are known.
    let (it_src, probe) = if (o.downcast::<crate::types::set::PySet>().is_some()
        || is_setlike_view(o))
        && view_len(vm, s)? > crate::protocol::object::len(vm, o)?
    {
        (o.clone(), s.clone())
    } else {
        (s.clone(), o.clone())
    };
    let it = crate::protocol::iter::get_iter(vm, &it_src)?;
    while let Some(k) = crate::protocol::iter::next(vm, &it)? {
        if crate::protocol::object::contains(vm, &probe, &k)? {
            return Ok(crate::types::bool_::py_bool(false));
        }
    }
    Ok(crate::types::bool_::py_bool(true))
}

fn m_view_reversed(_: &Vm, a: crate::args::Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reversed__")?;
    let v = view(s)?;
    Ok(dict_reversed_iter(v.dict.clone(), v.kind))
}

fn g_mapping(_: &Vm, o: &PyRef) -> PyResult {
    let v = view(o)?;
    Ok(crate::object::alloc(
        crate::types::mappingproxy::PyMappingProxy {
            mapping: v.dict.clone(),
        },
    ))
}

fn m_iter_length_hint(_: &Vm, a: crate::args::Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    let it = s
        .downcast::<PyDictIter>()
        .ok_or_else(|| type_error("expected a dict iterator"))?;
    let live = it
        .dict
        .borrow()
        .as_ref()
        .and_then(|d| d.downcast::<PyDict>().map(|d| d.len()))
        == Some(it.len.get());
    let n = if live { it.left.get() } else { 0 };
    Ok(crate::types::int::int_from_i64(n as i64))
}

static SET_VIEW_METHODS: &[crate::object::typeobj::MethodDef] = &[
    crate::object::typeobj::MethodDef::method("isdisjoint", m_isdisjoint),
    crate::object::typeobj::MethodDef::method("__reversed__", m_view_reversed),
];
static VALUES_METHODS: &[crate::object::typeobj::MethodDef] =
    &[crate::object::typeobj::MethodDef::method(
        "__reversed__",
        m_view_reversed,
    )];
static VIEW_GETSETS: &[crate::object::typeobj::GetSetDef] =
    &[crate::object::typeobj::GetSetDef::new("mapping", g_mapping)];
static ITER_METHODS: &[crate::object::typeobj::MethodDef] = &[
    crate::object::typeobj::MethodDef::method("__length_hint__", m_iter_length_hint)
        .with_doc("Private method returning an estimate of len(list(it))."),
    crate::object::typeobj::MethodDef::method("__reduce__", m_iter_reduce)
        .with_doc("Return state information for pickling."),
];

fn iter_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

/// One step over `d` from `pos` with `left` entries expected: the entry
/// (advancing `pos`/`left`), `None` at the end, or the "keys changed" error.
fn step(
    d: &PyDict,
    reverse: bool,
    pos: &Cell<usize>,
    left: &Cell<usize>,
) -> PyResult<Option<(PyRef, PyRef)>> {
    let entry = if reverse {
        d.entry_before(pos.get())
    } else {
        d.entry_from(pos.get())
    };
    let Some((p, k, v)) = entry else {
        return Ok(None);
    };
    if left.get() == 0 && !reverse {
        return Err(runtime_error("dictionary keys changed during iteration"));
    }
    pos.set(p);
    left.set(left.get().saturating_sub(1));
    Ok(Some((k, v)))
}

fn yielded(kind: ViewKind, k: PyRef, v: PyRef) -> PyRef {
    match kind {
        ViewKind::Keys => k,
        ViewKind::Values => v,
        ViewKind::Items => PyTuple::new_ref(vec![k, v]),
    }
}

fn iter_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = o
        .downcast::<PyDictIter>()
        .ok_or_else(|| type_error("expected a dict iterator"))?;
    let Some(dref) = it.dict.borrow().clone() else {
        return Ok(None);
    };
    let d = dref
        .downcast::<PyDict>()
        .ok_or_else(|| type_error("expected a dict"))?;
    if d.len() != it.len.get() {
        it.len.set(usize::MAX);
        return Err(runtime_error("dictionary changed size during iteration"));
    }
    match step(d, it.reverse, &it.pos, &it.left) {
        Ok(Some((k, v))) => Ok(Some(yielded(it.kind, k, v))),
        Ok(None) => {
            *it.dict.borrow_mut() = None;
            Ok(None)
        }
        Err(e) => {
            *it.dict.borrow_mut() = None;
            Err(e)
        }
    }
}

/// `(iter, (list_of_remaining,))`: the rest is taken from a copy of the
/// iterator, so the iterator itself does not advance.
fn m_iter_reduce(vm: &Vm, a: crate::args::Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("__reduce__ needs an argument"))?;
    let it = s
        .downcast::<PyDictIter>()
        .ok_or_else(|| type_error("expected a dict iterator"))?;
    a.shift()
        .no_args(&format!("{}.__reduce__", s.class().name()))?;
    let mut rest = Vec::new();
    if let Some(dref) = it.dict.borrow().clone()
        && let Some(d) = dref.downcast::<PyDict>()
    {
        let pos = Cell::new(it.pos.get());
        let left = Cell::new(it.left.get());
        loop {
            if d.len() != it.len.get() {
                return Err(runtime_error("dictionary changed size during iteration"));
            }
            match step(d, it.reverse, &pos, &left)? {
                Some((k, v)) => rest.push(yielded(it.kind, k, v)),
                None => break,
            }
        }
    }
    let f = crate::types::iterators::builtin(vm, "iter")?;
    Ok(crate::types::iterators::reduce_value(
        f,
        vec![crate::types::list::PyList::new_ref(rest)],
        None,
    ))
}

fn view_spec(name: &'static str, setops: bool) -> TypeSpec {
    let mut slots = Slots {
        mp_len: Some(view_len),
        iter: Some(view_iter),
        sq_contains: Some(view_contains),
        repr: Some(view_repr),
        ..Slots::EMPTY
    };
    if setops {
        slots.richcompare = Some(view_richcompare);
        slots.nb_and = Some(view_and);
        slots.nb_or = Some(view_or);
        slots.nb_sub = Some(view_sub);
        slots.nb_xor = Some(view_xor);
        slots.hash = Some(crate::protocol::object::hash_not_implemented);
    }
    TypeSpec {
        slots,
        methods: if setops {
            SET_VIEW_METHODS
        } else {
            VALUES_METHODS
        },
        getsets: VIEW_GETSETS,
        ..TypeSpec::new(name, Layout::of::<PyDictView>())
    }
}

fn iter_spec(name: &'static str) -> TypeSpec {
    TypeSpec {
        slots: Slots {
            iter: Some(iter_self),
            iternext: Some(iter_next),
            ..Slots::EMPTY
        },
        methods: ITER_METHODS,
        ..TypeSpec::new(name, Layout::of::<PyDictIter>())
    }
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (&KEYS_TYPE, view_spec("dict_keys", true)),
        (&VALUES_TYPE, view_spec("dict_values", false)),
        (&ITEMS_TYPE, view_spec("dict_items", true)),
        (&KEY_ITER_TYPE, iter_spec("dict_keyiterator")),
        (&VALUE_ITER_TYPE, iter_spec("dict_valueiterator")),
        (&ITEM_ITER_TYPE, iter_spec("dict_itemiterator")),
        (&REV_KEY_ITER_TYPE, iter_spec("dict_reversekeyiterator")),
        (&REV_VALUE_ITER_TYPE, iter_spec("dict_reversevalueiterator")),
        (&REV_ITEM_ITER_TYPE, iter_spec("dict_reverseitemiterator")),
    ]
}
