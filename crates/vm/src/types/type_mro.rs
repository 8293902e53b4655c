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
    crate::types::type_slots::base_has_dict(t)
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

/// Whether instances are freed through the collector (CPython's
/// `tp_free`, and the `Py_TPFLAGS_HAVE_GC` bit).
fn gc_free(t: &Obj<PyType>) -> bool {
    t.is_heap() || t.layout.gc
}

/// `compatible_with_tp_base`: `child`'s base if instances of the two are
/// interchangeable (same size, `__dict__`, `__weakref__` and collection).
fn compatible_base(child: &Obj<PyType>) -> Option<PyRef> {
    let parent = base_of(child)?;
    let p = parent.as_type()?;
    let same = gc_free(child) == gc_free(p)
        && if child.is_heap() {
            additions(child) == (false, false, Vec::new())
        } else {
            !typeobj::extra_ivars(child, p)
                && has_dict(child) == has_dict(p)
                && has_weak(child) == has_weak(p)
        };
    same.then_some(parent)
}

/// `same_slots_added`: siblings (same base) whose instances have the same
/// size.  As in CPython 3.11, a `__dict__` counts only through the flag
/// check of `compatible_for_assignment` (it is kept before the object),
/// except under a variable-sized base where it takes a slot that this
/// check never matches, and a `__weakref__` matches only when no named
/// slot precedes it.
fn same_slots_added(a: &Obj<PyType>, b: &Obj<PyType>) -> bool {
    if !(a.is_heap() && b.is_heap()) {
        return false;
    }
    let (da, wa, sa) = additions(a);
    let (db, wb, sb) = additions(b);
    let varsize = crate::types::type_slots::is_varsize(a);
    sa == sb && wa == wb && (!wa || sa.is_empty()) && !(varsize && (da || db))
}

/// CPython's `compatible_for_assignment`: may an instance of `oldto`
/// become an instance of `newto` (`attr` names the assignment)?
/// `physical` is Taipan's own requirement, decided by the caller: the
/// instances concerned keep their native payload and attribute storage.
/// CPython's rule implies it for every pair of types Taipan can produce;
/// it is checked anyway, for memory safety.
pub fn compatible_for_assignment(
    oldto: &Obj<PyType>,
    newto: &Obj<PyType>,
    attr: &str,
    physical: bool,
) -> PyResult<()> {
    // `tp_free`: heap types and collected builtins free through the
    // collector, the others directly.
    if gc_free(newto) != gc_free(oldto) {
        return Err(type_error(format!(
            "{attr} assignment: '{}' deallocator differs from '{}'",
            newto.name(),
            oldto.name()
        )));
    }
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
    // The managed-`__dict__` flag (a `__dict__` added by a class over a
    // fixed-size dict-less base) must agree too.
    let managed = |t: &Obj<PyType>| t.is_heap() && has_dict(t) && !native_has_dict(t);
    let logical = logical && managed(oldto) == managed(newto);
    if physical && logical {
        return Ok(());
    }
    Err(type_error(format!(
        "{attr} assignment: '{}' object layout differs from '{}'",
        newto.name(),
        oldto.name()
    )))
}

/// Whether the nearest builtin ancestor of `t` has a `__dict__`, or `t`
/// is variable-sized (its `__dict__` is then not a managed one).
fn native_has_dict(t: &Obj<PyType>) -> bool {
    if crate::types::type_slots::is_varsize(t) {
        return true;
    }
    let mut cur = t.to_ref();
    while let Some(ct) = cur.as_type() {
        if !ct.is_heap() {
            return has_dict(ct);
        }
        match base_of(ct) {
            Some(b) => cur = b,
            None => break,
        }
    }
    false
}

/// `type.mro(cls)`: the C3 linearization of `cls` and its bases.
pub fn default_mro(t: &Obj<PyType>) -> PyResult<Vec<PyRef>> {
    let bases = t.bases.borrow().clone();
    let mut v = vec![t.to_ref()];
    v.extend(typeobj::c3_mro(&bases)?);
    Ok(v)
}

/// `mro_internal`: computes `t`'s MRO (a metaclass's `mro()` if the
/// metaclass is not `type` itself), checks it and installs it.  Returns
/// the previous MRO, or `None` when the `mro()` call itself replaced the
/// MRO (reentrance through a nested `__bases__` assignment): that newer
/// MRO is kept.
pub fn mro_internal(vm: &Vm, t: &Obj<PyType>) -> PyResult<Option<Vec<PyRef>>> {
    let tr = t.to_ref();
    let before = t.mro_vec();
    let custom = !std::ptr::eq(tr.class(), crate::types::type_::TYPE_TYPE.get());
    let full = if custom {
        // Looked up on the metaclass, as a special method.
        let r = crate::protocol::call::call_special(vm, &tr, "mro", &[])?
            .ok_or_else(|| crate::error::attribute_error("mro"))?;
        crate::protocol::iter::collect(vm, &r)?
    } else {
        default_mro(t)?
    };
    if full.is_empty() {
        return Err(type_error("type MRO must not be empty"));
    }
    if custom {
        check_mro(t, &full)?;
    }
    if !same_refs(&before, &t.mro_vec()) {
        return Ok(None);
    }
    install_mro(t, full);
    Ok(Some(before))
}

fn same_refs(a: &[PyRef], b: &[PyRef]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.is(y))
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

/// One entry of the undo log of a `__bases__` assignment.
struct MroChange {
    ty: PyRef,
    new: Vec<PyRef>,
    old: Vec<PyRef>,
}

/// `mro_hierarchy`: recomputes the MROs of `t` and all its subclasses,
/// logging the changes in `undo` so a failure can be rolled back.
/// Iterative (depth-first, parents before children) so deep hierarchies
/// cannot exhaust the Rust stack.
fn mro_hierarchy(vm: &Vm, t: &Obj<PyType>, undo: &mut Vec<MroChange>) -> PyResult<()> {
    let mut todo = vec![t.to_ref()];
    while let Some(cur) = todo.pop() {
        let Some(ct) = cur.as_type() else { continue };
        if let Some(old) = mro_internal(vm, ct)? {
            undo.push(MroChange {
                ty: cur.clone(),
                new: ct.mro_vec(),
                old,
            });
        }
        let mut subs = subclasses(ct);
        subs.reverse();
        todo.extend(subs);
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
    crate::types::type_::check_special_attr(t, value, "__bases__")?;
    let Some(value) = value else {
        return Ok(());
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
        // The class keeps its instance layout: the new base must have
        // the same native payload.
        let physical = n.layout.type_id == t.layout.type_id;
        compatible_for_assignment(o, n, "__bases__", physical)?;
    }
    let old_bases = std::mem::replace(&mut *t.bases.borrow_mut(), new_bases.clone());
    let old_base = t.base.borrow_mut().replace(new_base.clone());
    let still_ours = |t: &Obj<PyType>| same_refs(&t.bases.borrow(), &new_bases);
    let mut undo = Vec::new();
    if let Err(e) = mro_hierarchy(vm, t, &mut undo) {
        for ch in undo.into_iter().rev() {
            // A class whose MRO changed again meanwhile keeps the newer one.
            if let Some(tt) = ch.ty.as_type()
                && same_refs(&tt.mro_vec(), &ch.new)
            {
                install_mro(tt, ch.old);
            }
        }
        if still_ours(t) {
            *t.bases.borrow_mut() = old_bases;
            *t.base.borrow_mut() = old_base;
            t.modified();
            crate::object::slots::update_all_slots(t);
        }
        return Err(e);
    }
    // A nested assignment (from an `mro()`) that replaced `__bases__`
    // again did the bookkeeping itself.
    if still_ours(t) {
        for b in &old_bases {
            unregister_subclass(b, t);
        }
        for b in &new_bases {
            register_subclass(b, t);
        }
        t.modified();
        crate::object::slots::update_all_slots(t);
    }
    Ok(())
}
