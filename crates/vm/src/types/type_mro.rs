//! Changing a class's place in the hierarchy after creation: assigning
//! `cls.__bases__`, (re)computing MROs — including a metaclass's own
//! `mro()` — and the layout-compatibility rule shared with
//! `obj.__class__ = cls`.
//!
//! Design.  CPython decides whether two classes have compatible instances
//! by walking each up to the first base that really changed the instance
//! layout ("solid" for assignment purposes: a class that adds named
//! `__slots__`, a `__dict__` or a `__weakref__`, or whose deallocator
//! differs) and then requiring the two to be the same class, or siblings
//! that added exactly the same things.  Taipan's instances of every Python
//! class share one physical layout per native payload (attribute storage,
//! slot values included, lives in `InstanceAttrs`), so the physical check
//! (same payload type and storage) is a Rust safety requirement made first,
//! and CPython's logical rule is applied on top so the same assignments
//! succeed and fail with the same messages.
//!
//! An MRO is stored without the class itself (it is implicitly first); a
//! custom `mro()` result that does not start with the class is stored whole
//! and the type is flagged `CUSTOM_MRO`, which the lookups in `typeobj.rs`
//! honour.

use crate::error::{PyResult, type_error};
use crate::object::typeobj::{self, flags};
use crate::object::{Obj, PyType};
use crate::types::descriptors::PyMemberDescr;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// Whether instances of `t` have a `__dict__`.
fn has_dict(t: &Obj<PyType>) -> bool {
    t.layout.attrs_offset.is_some() && !t.has_flag(flags::NO_DICT)
}

fn has_weak(t: &Obj<PyType>) -> bool {
    crate::types::weakref::type_supports_weakrefs(t)
}

fn base_of(t: &Obj<PyType>) -> Option<PyRef> {
    t.base.borrow().clone()
}

/// The named `__slots__` a heap type adds, sorted.
fn added_slots(t: &Obj<PyType>) -> Vec<Vec<u8>> {
    if !t.is_heap() {
        return Vec::new();
    }
    let me = t.to_ref();
    let mut v: Vec<Vec<u8>> = t
        .dict
        .items()
        .into_iter()
        .filter_map(|(k, v)| {
            let m = v.downcast::<PyMemberDescr>()?;
            if !m.owner.is(&me) {
                return None;
            }
            k.downcast::<PyStr>().map(|s| s.as_bytes().to_vec())
        })
        .collect();
    v.sort();
    v
}

/// What `t` adds over its base: (`__dict__`, `__weakref__`, named slots).
fn additions(t: &Obj<PyType>) -> (bool, bool, Vec<Vec<u8>>) {
    let (bd, bw) = match base_of(t).as_ref().and_then(|b| b.as_type()) {
        Some(b) => (has_dict(b), has_weak(b)),
        None => (false, false),
    };
    (has_dict(t) && !bd, has_weak(t) && !bw, added_slots(t))
}

/// `compatible_with_tp_base`: `child`'s base if instances of the two are
/// interchangeable.
fn compatible_base(child: &Obj<PyType>) -> Option<PyRef> {
    let parent = base_of(child)?;
    let p = parent.as_type()?;
    let same = child.layout.type_id == p.layout.type_id
        && child.layout.attrs_offset.is_some() == p.layout.attrs_offset.is_some()
        && child.is_heap() == p.is_heap()
        && additions(child) == (false, false, Vec::new());
    same.then_some(parent)
}

/// `same_slots_added`: siblings that added the same things.
fn same_slots_added(a: &Obj<PyType>, b: &Obj<PyType>) -> bool {
    a.is_heap() && b.is_heap() && additions(a) == additions(b)
}

/// CPython's `compatible_for_assignment`: may an instance of `oldto`
/// become an instance of `newto` (`attr` names the assignment)?
pub fn compatible_for_assignment(
    oldto: &Obj<PyType>,
    newto: &Obj<PyType>,
    attr: &str,
) -> PyResult<()> {
    let physical = oldto.layout.type_id == newto.layout.type_id
        && oldto.layout.attrs_offset == newto.layout.attrs_offset
        && oldto.layout.dealloc as usize == newto.layout.dealloc as usize;
    let walk = |t: &Obj<PyType>| {
        let mut cur = t.to_ref();
        while let Some(p) = cur.as_type().and_then(compatible_base) {
            cur = p;
        }
        cur
    };
    let (nb, ob) = (walk(newto), walk(oldto));
    let logical = nb.is(&ob)
        || match (nb.as_type(), ob.as_type()) {
            (Some(n), Some(o)) => {
                let same_parent = match (base_of(n), base_of(o)) {
                    (Some(x), Some(y)) => x.is(&y),
                    (None, None) => true,
                    _ => false,
                };
                same_parent && same_slots_added(n, o)
            }
            _ => false,
        };
    if physical && logical {
        return Ok(());
    }
    Err(type_error(format!(
        "{attr} assignment: '{}' object layout differs from '{}'",
        newto.name(),
        oldto.name()
    )))
}

/// `type.mro(cls)`: the C3 linearization of `cls` and its bases.
pub fn default_mro(t: &Obj<PyType>) -> PyResult<Vec<PyRef>> {
    let bases = t.bases.borrow().clone();
    let mut v = vec![t.to_ref()];
    v.extend(typeobj::c3_mro(&bases)?);
    Ok(v)
}

/// `mro_internal`: computes `t`'s MRO (a metaclass's `mro()` if the
/// metaclass is not `type` itself), checks it and installs it.
pub fn mro_internal(vm: &Vm, t: &Obj<PyType>) -> PyResult<()> {
    let tr = t.to_ref();
    let full = if std::ptr::eq(tr.class(), crate::types::type_::TYPE_TYPE.get()) {
        default_mro(t)?
    } else {
        let r = crate::protocol::call::call_special(vm, &tr, "mro", &[])?
            .ok_or_else(|| type_error("type has no mro()"))?;
        let items = crate::protocol::iter::collect(vm, &r)?;
        check_mro(t, &items)?;
        items
    };
    install_mro(t, full);
    Ok(())
}

/// `mro_check`: every entry is a class whose layout `t`'s instances have.
fn check_mro(t: &Obj<PyType>, items: &[PyRef]) -> PyResult<()> {
    let solid = typeobj::solid_base(t);
    let st = solid
        .as_type()
        .ok_or_else(|| type_error("mro() internal error"))?;
    for b in items {
        let Some(bt) = b.as_type() else {
            return Err(type_error(format!(
                "mro() returned a non-class ('{}')",
                b.class().name()
            )));
        };
        let bs = typeobj::solid_base(bt);
        if !bs.as_type().is_some_and(|x| st.is_subtype(x)) {
            return Err(type_error(format!(
                "mro() returned base with unsuitable layout ('{}')",
                bt.name()
            )));
        }
    }
    Ok(())
}

/// Stores a full MRO (see the module documentation) and refreshes what
/// depends on it.
pub fn install_mro(t: &Obj<PyType>, full: Vec<PyRef>) {
    let me = t.to_ref();
    let starts_with_self = full.first().is_some_and(|f| f.is(&me));
    let stored: Vec<PyRef> = if starts_with_self {
        full[1..].to_vec()
    } else {
        full
    };
    // Drop the old list after the borrow ends (its types may be freed).
    let old = std::mem::replace(&mut *t.mro.borrow_mut(), stored);
    let f = t.flags.get();
    t.flags.set(if starts_with_self {
        f & !flags::CUSTOM_MRO
    } else {
        f | flags::CUSTOM_MRO
    });
    drop(old);
    t.modified();
    crate::object::slots::update_all_slots(t);
}

/// The subclasses of `t` (strong references).
fn subclasses(t: &Obj<PyType>) -> Vec<PyRef> {
    t.subclasses
        .borrow()
        .0
        .iter()
        // SAFETY: subclasses unregister themselves before being freed.
        .map(|&p| unsafe { &*(p as *const Obj<PyType>) }.to_ref())
        .collect()
}

/// `mro_hierarchy`: recomputes the MROs of `t` and all its subclasses,
/// recording the old ones in `undo` so a failure can be rolled back.
fn mro_hierarchy(vm: &Vm, t: &Obj<PyType>, undo: &mut Vec<(PyRef, Vec<PyRef>)>) -> PyResult<()> {
    undo.push((t.to_ref(), t.mro_vec()));
    mro_internal(vm, t)?;
    for s in subclasses(t) {
        if let Some(st) = s.as_type() {
            mro_hierarchy(vm, st, undo)?;
        }
    }
    Ok(())
}

fn register_subclass(base: &PyRef, t: &Obj<PyType>) {
    if let Some(bt) = base.as_type() {
        let me = t as *const Obj<PyType> as usize;
        let mut subs = bt.subclasses.borrow_mut();
        if !subs.0.contains(&me) {
            subs.0.push(me);
        }
    }
}

fn unregister_subclass(base: &PyRef, t: &Obj<PyType>) {
    if let Some(bt) = base.as_type() {
        let me = t as *const Obj<PyType> as usize;
        bt.subclasses.borrow_mut().0.retain(|&p| p != me);
    }
}

/// `cls.__bases__ = value` (CPython's `type_set_bases`).
pub fn set_bases(vm: &Vm, t: &Obj<PyType>, value: Option<&PyRef>) -> PyResult<()> {
    let tname = t.name();
    if !t.is_heap() {
        return Err(type_error(format!(
            "cannot set '__bases__' attribute of immutable type '{tname}'"
        )));
    }
    let Some(value) = value else {
        return Err(type_error(format!(
            "cannot delete '__bases__' attribute of immutable type '{tname}'"
        )));
    };
    let Some(tup) = value.downcast::<PyTuple>() else {
        return Err(type_error(format!(
            "can only assign tuple to {tname}.__bases__, not {}",
            value.class().name()
        )));
    };
    let new_bases = tup.as_slice().to_vec();
    if new_bases.is_empty() {
        return Err(type_error(format!(
            "can only assign non-empty tuple to {tname}.__bases__, not ()"
        )));
    }
    for b in &new_bases {
        let Some(bt) = b.as_type() else {
            return Err(type_error(format!(
                "{tname}.__bases__ must be tuple of classes, not '{}'",
                b.class().name()
            )));
        };
        // A base that is (or derives from) the class itself.
        let mut cycle = bt.is_subtype(t);
        let mut cur = Some(b.clone());
        while let Some(c) = cur {
            if c.is(&t.to_ref()) {
                cycle = true;
                break;
            }
            cur = c.as_type().and_then(base_of);
        }
        if cycle {
            return Err(type_error("a __bases__ item causes an inheritance cycle"));
        }
    }
    let new_base = typeobj::best_base(&new_bases)?;
    let old_base = base_of(t).ok_or_else(|| type_error("type has no base"))?;
    if let (Some(o), Some(n)) = (old_base.as_type(), new_base.as_type()) {
        compatible_for_assignment(o, n, "__bases__")?;
    }
    let old_bases = std::mem::replace(&mut *t.bases.borrow_mut(), new_bases.clone());
    *t.base.borrow_mut() = Some(new_base);
    let mut undo = Vec::new();
    if let Err(e) = mro_hierarchy(vm, t, &mut undo) {
        for (ty, mro) in undo.into_iter().rev() {
            if let Some(tt) = ty.as_type() {
                install_mro(tt, mro);
            }
        }
        *t.bases.borrow_mut() = old_bases;
        *t.base.borrow_mut() = Some(old_base);
        return Err(e);
    }
    for b in &old_bases {
        unregister_subclass(b, t);
    }
    for b in &new_bases {
        register_subclass(b, t);
    }
    t.modified();
    crate::object::slots::update_all_slots(t);
    Ok(())
}
