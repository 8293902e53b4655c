//! `dict_keys`, `dict_values`, `dict_items` and their iterators.

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
        len: usize,
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
    let pos = if reverse { dict.downcast::<PyDict>().map(|d| d.items().len()).unwrap_or(0) } else { 0 };
    crate::object::alloc_as(
        ty.get(),
        PyDictIter { dict: RefCell::new(Some(dict)), pos: Cell::new(pos), len, kind, reverse },
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
    o.downcast::<PyDictView>().ok_or_else(|| type_error("expected a dict view"))
}

fn dict_of(v: &PyDictView) -> PyResult<&PyDict> {
    v.dict.downcast::<PyDict>().ok_or_else(|| type_error("expected a dict"))
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
            let Some(t) = k.downcast::<PyTuple>() else { return Ok(false) };
            let [key, val] = t.as_slice() else { return Ok(false) };
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
    let Some(_g) = vm.repr_enter(o) else { return Ok(PyStr::new_ref("...")) };
    let items = crate::protocol::iter::collect(vm, o)?;
    let list = crate::types::list::PyList::new_ref(items);
    let _ = v;
    Ok(PyStr::new_ref(&format!("{name}({})", crate::protocol::object::repr_string(vm, &list)?)))
}

fn view_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let va = view(a)?;
    if va.kind == ViewKind::Values {
        return Ok(not_implemented());
    }
    // Compare as sets.
    let sa = crate::types::set::set_from_iterable(vm, a)?;
    let sb = match b.downcast::<PyDictView>() {
        Some(vb) if vb.kind != ViewKind::Values => crate::types::set::set_from_iterable(vm, b)?,
        _ if b.downcast::<crate::types::set::PySet>().is_some() => b.clone(),
        _ => return Ok(not_implemented()),
    };
    crate::protocol::object::rich_compare(vm, &sa, &sb, op)
}

fn view_setop(vm: &Vm, a: &PyRef, b: &PyRef, op: &str) -> PyResult {
    let sa = crate::types::set::set_from_iterable(vm, a)?;
    let m = crate::protocol::object::get_attr_str(vm, &sa, op)?;
    crate::protocol::call::call_pos(vm, &m, std::slice::from_ref(b))
}

fn view_and(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if a.downcast::<PyDictView>().is_none() {
        return view_setop(vm, b, a, "intersection");
    }
    view_setop(vm, a, b, "intersection")
}
fn view_or(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if a.downcast::<PyDictView>().is_none() {
        return view_setop(vm, b, a, "union");
    }
    view_setop(vm, a, b, "union")
}
fn view_sub(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if a.downcast::<PyDictView>().is_none() {
        let sa = crate::types::set::set_from_iterable(vm, a)?;
        return view_setop(vm, &sa, b, "difference");
    }
    view_setop(vm, a, b, "difference")
}
fn view_xor(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if a.downcast::<PyDictView>().is_none() {
        return view_setop(vm, b, a, "symmetric_difference");
    }
    view_setop(vm, a, b, "symmetric_difference")
}

fn iter_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn iter_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PyDictIter>().ok_or_else(|| type_error("expected a dict iterator"))?;
    let Some(dref) = it.dict.borrow().clone() else { return Ok(None) };
    let d = dref.downcast::<PyDict>().ok_or_else(|| type_error("expected a dict"))?;
    if d.len() != it.len {
        *it.dict.borrow_mut() = None;
        return Err(runtime_error("dictionary changed size during iteration"));
    }
    let entry = if it.reverse {
        let items = d.items();
        let p = it.pos.get();
        if p == 0 {
            None
        } else {
            it.pos.set(p - 1);
            items.get(p - 1).map(|(k, v)| (p - 1, k.clone(), v.clone()))
        }
    } else {
        d.entry_from(it.pos.get()).map(|(next, k, v)| {
            it.pos.set(next);
            (next, k, v)
        })
    };
    match entry {
        None => {
            *it.dict.borrow_mut() = None;
            Ok(None)
        }
        Some((_, k, v)) => Ok(Some(match it.kind {
            ViewKind::Keys => k,
            ViewKind::Values => v,
            ViewKind::Items => PyTuple::new_ref(vec![k, v]),
        })),
    }
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
    TypeSpec { slots, ..TypeSpec::new(name, Layout::of::<PyDictView>()) }
}

fn iter_spec(name: &'static str) -> TypeSpec {
    TypeSpec {
        slots: Slots { iter: Some(iter_self), iternext: Some(iter_next), ..Slots::EMPTY },
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
