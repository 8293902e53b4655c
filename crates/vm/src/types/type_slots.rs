//! `__slots__`, `__dict__` and `__weakref__` of a new class (CPython's
//! `type_new_slots`): validating the names before the class exists, then
//! giving the class its member descriptors and deciding whether instances
//! have a `__dict__` and accept weak references.
//!
//! A class without `__slots__` adds a `__dict__` and a `__weakref__` when
//! its base has none (and the base is not variable-sized: `int`, `tuple`,
//! `bytes` subclasses never take weak references).  With `__slots__`, only
//! the ones listed are added, and listing one the base already has is an
//! error.  Slot values themselves live in the instance's attribute storage
//! under their (mangled) names; the member descriptors make them data
//! descriptors.

use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::{GetSetDef, flags};
use crate::object::{Obj, PyType};
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// The validated `__slots__` of a class body.
pub struct SlotSpec {
    /// Mangled names of the real slots, sorted (as CPython stores them).
    names: Vec<PyRef>,
    add_dict: bool,
    add_weak: bool,
}

/// Builtin types whose instances have a variable size (`tp_itemsize`).
pub fn is_varsize(t: &Obj<PyType>) -> bool {
    use crate::types::{bytes::BYTES_TYPE, int::INT_TYPE, tuple::TUPLE_TYPE};
    [&INT_TYPE, &TUPLE_TYPE, &BYTES_TYPE]
        .iter()
        .any(|b| t.is_subtype(b.get()))
}

/// Whether instances of `base` already have a `__dict__`.
pub fn base_has_dict(b: &Obj<PyType>) -> bool {
    if b.has_flag(flags::NO_DICT) {
        return false;
    }
    b.layout.attrs_offset.is_some() || (!b.is_heap() && b.lookup_str("__dict__").is_some())
}

fn mangle(clsname: &str, name: &PyRef) -> PyRef {
    let Some(s) = name.downcast::<PyStr>().and_then(|s| s.as_str()) else {
        return name.clone();
    };
    if !s.starts_with("__") || s.ends_with("__") || s.contains('.') {
        return name.clone();
    }
    let stripped = clsname.trim_start_matches('_');
    if stripped.is_empty() {
        return name.clone();
    }
    PyStr::new_ref(&format!("_{stripped}{s}"))
}

fn key_is(k: &PyRef, name: &str) -> bool {
    k.downcast::<PyStr>().and_then(|s| s.as_str()) == Some(name)
}

/// Reads and validates `__slots__` from the class namespace `items`
/// (`None` if the body has no `__slots__`).
pub fn prepare(
    vm: &Vm,
    items: &[(PyRef, PyRef)],
    clsname: &str,
    base: &Obj<PyType>,
    bases: &[PyRef],
) -> PyResult<Option<SlotSpec>> {
    let Some((_, v)) = items.iter().find(|(k, _)| key_is(k, "__slots__")) else {
        return Ok(None);
    };
    let raw = if v.downcast::<PyStr>().is_some() {
        vec![v.clone()]
    } else {
        crate::protocol::iter::collect(vm, v)?
    };
    if !raw.is_empty() && is_varsize(base) {
        return Err(type_error(format!(
            "nonempty __slots__ not supported for subtype of '{}'",
            base.name()
        )));
    }
    let may_add_dict = !base_has_dict(base);
    let may_add_weak = !crate::types::weakref::type_supports_weakrefs(base) && !is_varsize(base);
    let (mut add_dict, mut add_weak) = (false, false);
    for n in &raw {
        let s = n.downcast::<PyStr>().ok_or_else(|| {
            type_error(format!(
                "__slots__ items must be strings, not '{}'",
                n.class().name()
            ))
        })?;
        if !crate::types::str_methods::is_identifier(s) {
            return Err(type_error("__slots__ must be identifiers"));
        }
        match s.as_str() {
            Some("__dict__") => {
                if !may_add_dict || add_dict {
                    return Err(type_error("__dict__ slot disallowed: we already got one"));
                }
                add_dict = true;
            }
            Some("__weakref__") => {
                if !may_add_weak || add_weak {
                    return Err(type_error(
                        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
                    ));
                }
                add_weak = true;
            }
            _ => {}
        }
    }
    // Secondary bases may provide a `__dict__` or weak references
    // (CPython's `type_new_slots_bases`).
    if bases.len() > 1 && ((may_add_dict && !add_dict) || (may_add_weak && !add_weak)) {
        let me = base.to_ref();
        for b in bases {
            let Some(bt) = b.as_type().filter(|_| !b.is(&me)) else {
                continue;
            };
            if may_add_dict && !add_dict && base_has_dict(bt) {
                add_dict = true;
            }
            if may_add_weak && !add_weak && crate::types::weakref::type_supports_weakrefs(bt) {
                add_weak = true;
            }
            if (!may_add_dict || add_dict) && (!may_add_weak || add_weak) {
                break;
            }
        }
    }
    let mut names = Vec::new();
    for n in &raw {
        if (add_dict && key_is(n, "__dict__")) || (add_weak && key_is(n, "__weakref__")) {
            continue;
        }
        let m = mangle(clsname, n);
        let ms = m.downcast::<PyStr>().map(|x| x.as_bytes().to_vec());
        if !key_is(&m, "__qualname__")
            && !key_is(&m, "__classcell__")
            && items
                .iter()
                .any(|(k, _)| k.downcast::<PyStr>().map(|x| x.as_bytes().to_vec()) == ms)
        {
            return Err(value_error(format!(
                "{} in __slots__ conflicts with class variable",
                crate::protocol::object::repr_string(vm, &m)?
            )));
        }
        names.push(m);
    }
    names.sort_by(|a, b| {
        let (x, y) = (a.downcast::<PyStr>(), b.downcast::<PyStr>());
        x.map(|s| s.as_bytes()).cmp(&y.map(|s| s.as_bytes()))
    });
    Ok(Some(SlotSpec {
        names,
        add_dict,
        add_weak,
    }))
}

/// Gives the new class `t` its slot members, `__dict__` and `__weakref__`
/// descriptors and flags (`spec` is `None` without `__slots__`).
pub fn apply(t: &Obj<PyType>, spec: Option<SlotSpec>) {
    let base = t.base.borrow().clone();
    let Some(bt) = base.as_ref().and_then(|b| b.as_type()) else {
        return;
    };
    let base_weak = crate::types::weakref::type_supports_weakrefs(bt);
    let (add_dict, add_weak) = match &spec {
        Some(s) => (s.add_dict, s.add_weak),
        None => (true, !base_weak && !is_varsize(bt)),
    };
    if let Some(s) = &spec {
        for n in &s.names {
            let d = crate::types::descriptors::member_descriptor(t, PyStr::intern_ref(n));
            t.dict.set_str(PyStr::intern_ref(n), d);
        }
    }
    if add_dict && !base_has_dict(bt) && t.dict.get_rust_str("__dict__").is_none() {
        crate::types::type_::add_own_dict_descriptor(t);
    }
    if !add_dict && !base_has_dict(bt) {
        t.flags.set(t.flags.get() | flags::NO_DICT);
        if t.dict.get_rust_str("__dict__").is_some_and(|d| {
            d.downcast::<crate::types::descriptors::PyGetSetDescr>()
                .is_some()
        }) {
            t.dict.del_str(&PyStr::intern("__dict__"));
        }
    }
    if !add_weak && !base_weak {
        t.flags.set(t.flags.get() | flags::NO_WEAKREF);
    }
    if add_weak && !base_weak && t.dict.get_rust_str("__weakref__").is_none() {
        static WEAKREF_GETSET: GetSetDef = GetSetDef::new("__weakref__", get_weakref)
            .with_doc("list of weak references to the object");
        let d = crate::types::descriptors::getset_descriptor(t, &WEAKREF_GETSET);
        t.dict.set_str(PyStr::intern("__weakref__"), d);
    }
    t.modified();
}

/// `obj.__weakref__`: the first weak reference to `obj`, or None.
fn get_weakref(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::weakref::weakrefs_of(o)
        .into_iter()
        .next()
        .unwrap_or_else(none))
}
