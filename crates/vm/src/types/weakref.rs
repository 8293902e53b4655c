//! Weak references: `weakref.ReferenceType` (`_weakref.ref`),
//! `weakref.ProxyType` and `weakref.CallableProxyType`.
//!
//! Design.  Objects carry no weak-list field, so the list lives in a side
//! table: referent address → the weakref payloads pointing at it, in
//! CPython's order (the basic `ref` without callback first, then the basic
//! proxy, then refs with callbacks newest first).  A weakref holds its
//! referent only as an address; `value::dealloc_now` calls
//! [`clear_weakrefs`] when an object dies (after `__del__`, before its
//! memory goes, as CPython's `subtype_dealloc` does), which marks every
//! weakref dead and then calls the callbacks in list order with the
//! weakref as argument.  A weakref that dies first removes itself from the
//! table (`Drop`).  An object whose count is zero (queued in the trashcan
//! or being finalized away) is treated as dead, so a weakref can never
//! resurrect freed memory.  The hook runs only for instances of types that
//! have ever had a weakly referenced instance (`PyType::weakly_referenced`,
//! carried over by `__class__` assignment), so floats, ints and most
//! instances die without a table lookup; the table is keyed by address
//! with a multiplicative hash ([`AddrHash`]), not SipHash.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::protocol::{call, object as proto};
use crate::types::none::{is_none, none, not_implemented};
use crate::types::str::PyStr;
use crate::value::{ObjHeader, PyRef};
use crate::vm::Vm;

/// What kind of weak reference an object is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum WeakKind {
    Ref,
    Proxy,
    CallableProxy,
}

impl crate::object::Trace for WeakKind {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

crate::py_payload! {
    /// A weak reference (or proxy).
    pub struct PyWeakRef {
        /// The referent's header address; 0 once it died.
        referent: Cell<usize>,
        callback: RefCell<Option<PyRef>>,
        /// Cached hash of the referent (-1: not computed).
        hash: Cell<i64>,
        kind: WeakKind,
    }
}

pub static REF_TYPE: StaticType = StaticType::new();
pub static PROXY_TYPE: StaticType = StaticType::new();
pub static CALLABLE_PROXY_TYPE: StaticType = StaticType::new();

impl PyPayload for PyWeakRef {
    fn class() -> &'static Obj<PyType> {
        REF_TYPE.get()
    }
}

/// Number of registered live weak references (fast exit for the dealloc
/// hook).
static LIVE: AtomicUsize = AtomicUsize::new(0);

/// referent address → weakref payload addresses, in CPython's order.
static TABLE: crate::runtime::gil::GilLazy<RefCell<HashMap<usize, Vec<usize>, AddrHash>>> =
    crate::runtime::gil::GilLazy::new(|| RefCell::new(HashMap::default()));

/// Hashes object addresses (aligned, distinct; no adversary chooses them)
/// with one multiplication instead of SipHash.
#[derive(Default, Clone, Copy)]
struct AddrHash;

impl std::hash::BuildHasher for AddrHash {
    type Hasher = AddrHasher;
    fn build_hasher(&self) -> AddrHasher {
        AddrHasher(0)
    }
}

#[derive(Default)]
struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, v: usize) {
        self.0 = ((v as u64) >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl Drop for PyWeakRef {
    fn drop(&mut self) {
        let r = self.referent.get();
        if r == 0 {
            return;
        }
        let me = self as *const PyWeakRef as usize;
        let _ = TABLE.try_with(|t| {
            if let Ok(mut t) = t.try_borrow_mut()
                && let Some(v) = t.get_mut(&r)
            {
                v.retain(|&w| w != me);
                if v.is_empty() {
                    t.remove(&r);
                }
            }
        });
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The object owning a weakref payload (payloads sit at the same offset
/// in `Obj<T>` and `Obj<Subclassed<T>>`).
fn owner_of(w: &PyWeakRef) -> *mut ObjHeader {
    let off = std::mem::offset_of!(Obj<PyWeakRef>, payload);
    ((w as *const PyWeakRef as usize) - off) as *mut ObjHeader
}

/// True while `addr` is a live object (count above zero).
fn alive(addr: usize) -> bool {
    // SAFETY: addresses in weakrefs are cleared before the object's memory
    // is released, so a non-zero address points at a valid header.
    addr != 0 && unsafe { (*(addr as *const ObjHeader)).refcnt.get() } > 0
}

impl PyWeakRef {
    /// The referent, if still alive.
    pub fn get(&self) -> Option<PyRef> {
        let a = self.referent.get();
        if !alive(a) {
            return None;
        }
        // SAFETY: checked alive just above.
        Some(unsafe { PyRef::from_borrowed_ptr(a as *const ObjHeader) })
    }
}

/// The dealloc hook (see the module documentation).
///
/// # Safety
/// `p` must be an object whose count reached zero and whose memory is still
/// valid.
#[inline]
pub unsafe fn clear_weakrefs(p: *mut ObjHeader) {
    if LIVE.load(Ordering::Relaxed) == 0 {
        return;
    }
    // SAFETY: forwarded.
    unsafe { clear_weakrefs_slow(p) }
}

#[cold]
unsafe fn clear_weakrefs_slow(p: *mut ObjHeader) {
    let list = TABLE
        .try_with(|t| {
            t.try_borrow_mut()
                .ok()
                .and_then(|mut t| t.remove(&(p as usize)))
        })
        .ok()
        .flatten();
    let Some(list) = list else { return };
    let mut calls = Vec::new();
    for wp in list {
        // SAFETY: a payload in the table is alive (it unregisters in Drop).
        let w = unsafe { &*(wp as *const PyWeakRef) };
        w.referent.set(0);
        LIVE.fetch_sub(1, Ordering::Relaxed);
        let cb = w.callback.borrow_mut().take();
        let owner = owner_of(w);
        if let Some(cb) = cb
            && alive(owner as usize)
        {
            // SAFETY: the weakref object is alive (count > 0).
            calls.push((unsafe { PyRef::from_borrowed_ptr(owner) }, cb));
        }
    }
    let Some(vm) = Vm::current() else { return };
    for (w, cb) in calls {
        let saved = vm.save_exception_state();
        if let Err(e) = call::call_pos(vm, &cb, std::slice::from_ref(&w)) {
            vm.write_unraisable(&e, Some(&cb), "Exception ignored in");
        }
        vm.restore_exception_state(saved);
    }
}

/// CPython's `tp_weaklistoffset != 0`: which objects can be weakly
/// referenced.
fn supports_weakrefs(o: &PyRef) -> bool {
    !o.is_small() && type_supports_weakrefs(o.class())
}

/// Whether instances of `t` can be weakly referenced: classes unless their
/// `__slots__` leave `__weakref__` out (see `type_slots.rs`) or they derive
/// from a variable-sized builtin, and a fixed list of builtin types.
pub fn type_supports_weakrefs(t: &Obj<PyType>) -> bool {
    if t.is_heap() {
        use crate::types::{bytes::BYTES_TYPE, int::INT_TYPE, tuple::TUPLE_TYPE};
        return !t.has_flag(flags::NO_WEAKREF)
            && ![&INT_TYPE, &TUPLE_TYPE, &BYTES_TYPE]
                .iter()
                .any(|b| t.is_subtype(b.get()));
    }
    const OK: &[&str] = &[
        "type",
        "function",
        "builtin_function_or_method",
        "set",
        "frozenset",
        "method",
        "module",
        "code",
        "generator",
        "coroutine",
        "async_generator",
        "classmethod",
        "staticmethod",
        "property",
        "frame",
        "cell",
        "Pattern",
        "memoryview",
        "array",
        "lock",
        "RLock",
    ];
    t.mro_vec()
        .iter()
        .filter_map(|b| b.as_type().map(|bt| bt.name()))
        .any(|n| OK.contains(&n.as_str()))
}

/// Creates (or reuses) a weak reference to `ob` of type `cls`.
fn new_weak(cls: &Obj<PyType>, ob: &PyRef, callback: Option<PyRef>, kind: WeakKind) -> PyResult {
    if !supports_weakrefs(ob) {
        return Err(type_error(format!(
            "cannot create weak reference to '{}' object",
            ob.class().name()
        )));
    }
    let Some(addr) = ob.header_ptr().map(|p| p as usize) else {
        return Err(type_error(format!(
            "cannot create weak reference to '{}' object",
            ob.class().name()
        )));
    };
    let callback = callback.filter(|c| !is_none(c));
    let exact_basic = callback.is_none()
        && match kind {
            WeakKind::Ref => std::ptr::eq(cls, REF_TYPE.get()),
            _ => true,
        };
    // Reuse the basic ref / proxy if there is one.
    if exact_basic {
        let found = TABLE.with(|t| {
            let t = t.borrow();
            let list = t.get(&addr)?;
            list.iter().take(2).copied().find(|&wp| {
                if kind == WeakKind::Ref {
                    is_basic_ref(wp)
                } else {
                    is_basic_proxy_at(wp)
                }
            })
        });
        if let Some(wp) = found {
            // SAFETY: payloads in the table are alive.
            let owner = owner_of(unsafe { &*(wp as *const PyWeakRef) });
            if alive(owner as usize) {
                // SAFETY: checked alive.
                return Ok(unsafe { PyRef::from_borrowed_ptr(owner) });
            }
        }
    }
    let obj = crate::object::alloc_as(
        cls,
        PyWeakRef {
            referent: Cell::new(addr),
            callback: RefCell::new(callback),
            hash: Cell::new(-1),
            kind,
        },
    );
    let Some(w) = obj.downcast::<PyWeakRef>() else {
        return Err(type_error("weakref allocation failed"));
    };
    let wp = w as *const PyWeakRef as usize;
    ob.class().weakly_referenced.set(true);
    let is_basic_proxy = exact_basic && kind != WeakKind::Ref;
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        let list = t.entry(addr).or_default();
        // CPython's order: basic ref, basic proxy, then newest first.
        let mut lead = 0;
        if list.first().is_some_and(|&f| is_basic_ref(f)) {
            lead = 1;
        }
        let has_proxy = list.get(lead).is_some_and(|&f| is_basic_proxy_at(f));
        let at = if exact_basic && kind == WeakKind::Ref {
            0
        } else if is_basic_proxy {
            lead
        } else {
            lead + usize::from(has_proxy)
        };
        list.insert(at.min(list.len()), wp);
    });
    LIVE.fetch_add(1, Ordering::Relaxed);
    Ok(obj)
}

/// True if the payload at `wp` is a basic `ref` (exact type, no callback).
fn is_basic_ref(wp: usize) -> bool {
    // SAFETY: payloads in the table are alive.
    let w = unsafe { &*(wp as *const PyWeakRef) };
    let owner = owner_of(w);
    // SAFETY: the owner of a registered payload is alive.
    w.kind == WeakKind::Ref
        && w.callback.borrow().is_none()
        && unsafe { std::ptr::eq((*owner).ty.get(), REF_TYPE.get()) }
}

/// True if the payload at `wp` is a proxy without callback.
fn is_basic_proxy_at(wp: usize) -> bool {
    // SAFETY: payloads in the table are alive.
    let w = unsafe { &*(wp as *const PyWeakRef) };
    w.kind != WeakKind::Ref && w.callback.borrow().is_none()
}

/// `weakref.getweakrefcount(ob)`.
pub fn weakref_count(ob: &PyRef) -> usize {
    let Some(p) = ob.header_ptr() else { return 0 };
    TABLE.with(|t| t.borrow().get(&(p as usize)).map_or(0, |v| v.len()))
}

/// `weakref.getweakrefs(ob)`.
pub fn weakrefs_of(ob: &PyRef) -> Vec<PyRef> {
    let Some(p) = ob.header_ptr() else {
        return Vec::new();
    };
    let ptrs: Vec<usize> =
        TABLE.with(|t| t.borrow().get(&(p as usize)).cloned().unwrap_or_default());
    ptrs.into_iter()
        .filter_map(|wp| {
            // SAFETY: payloads in the table are alive.
            let owner = owner_of(unsafe { &*(wp as *const PyWeakRef) });
            // SAFETY: checked alive.
            alive(owner as usize).then(|| unsafe { PyRef::from_borrowed_ptr(owner) })
        })
        .collect()
}

/// `_weakref.proxy(ob, callback=None)`.
pub fn new_proxy(ob: &PyRef, callback: Option<PyRef>) -> PyResult {
    let (ty, kind) = if call::callable(ob) {
        (CALLABLE_PROXY_TYPE.get(), WeakKind::CallableProxy)
    } else {
        (PROXY_TYPE.get(), WeakKind::Proxy)
    };
    new_weak(ty, ob, callback, kind)
}

fn payload(o: &PyRef) -> PyResult<&PyWeakRef> {
    o.downcast::<PyWeakRef>()
        .ok_or_else(|| type_error("expected a weak reference"))
}

// ----- ref -----

fn ref_new(_: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let pos = a.positional();
    if pos.is_empty() {
        return Err(type_error("__new__ expected at least 1 argument, got 0"));
    }
    if pos.len() > 2 {
        return Err(type_error(format!(
            "__new__ expected at most 2 arguments, got {}",
            pos.len()
        )));
    }
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("ref.__new__(X): X is not a type object"))?;
    new_weak(t, &pos[0], pos.get(1).cloned(), WeakKind::Ref)
}

fn ref_init(_: &Vm, _o: &PyRef, _a: Args<'_>) -> PyResult<()> {
    Ok(())
}

fn ref_call(_: &Vm, o: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("weakref")?;
    if !a.args.is_empty() {
        return Err(type_error(format!(
            "weakref expected 0 arguments, got {}",
            a.args.len()
        )));
    }
    Ok(payload(o)?.get().unwrap_or_else(none))
}

fn addr(o: &PyRef) -> String {
    format!("{:#x}", o.bits())
}

fn ref_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let w = payload(o)?;
    let Some(r) = w.get() else {
        return Ok(PyStr::new_ref(&format!("<weakref at {}; dead>", addr(o))));
    };
    let tn = r.class().name();
    let name = proto::lookup_attr(vm, &r, "__name__")?
        .and_then(|n| n.downcast::<PyStr>().map(|s| s.to_string_lossy()));
    Ok(PyStr::new_ref(&match name {
        Some(n) => format!("<weakref at {}; to '{tn}' at {} ({n})>", addr(o), addr(&r)),
        None => format!("<weakref at {}; to '{tn}' at {}>", addr(o), addr(&r)),
    }))
}

fn ref_hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    let w = payload(o)?;
    if w.hash.get() != -1 {
        return Ok(w.hash.get());
    }
    let Some(r) = w.get() else {
        return Err(type_error("weak object has gone away"));
    };
    let h = proto::hash(vm, &r)?;
    w.hash.set(h);
    Ok(h)
}

fn ref_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let (Some(x), Some(y)) = (a.downcast::<PyWeakRef>(), b.downcast::<PyWeakRef>()) else {
        return Ok(not_implemented());
    };
    match (x.get(), y.get()) {
        (Some(p), Some(q)) => proto::rich_compare(vm, &p, &q, op),
        _ => Ok(crate::types::bool_::py_bool(
            a.is(b) == (op == CompareOp::Eq),
        )),
    }
}

fn g_callback(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.callback.borrow().clone().unwrap_or_else(none))
}

fn m_class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

// ----- proxies -----

fn dead() -> PyErr {
    PyErr::new_msg(
        &crate::types::exceptions::REFERENCE_ERROR,
        "weakly-referenced object no longer exists",
    )
}

fn referent(o: &PyRef) -> PyResult {
    payload(o)?.get().ok_or_else(dead)
}

/// The referent if `o` is a proxy, else `o` itself.
fn unwrap(o: &PyRef) -> PyResult {
    match o.downcast::<PyWeakRef>() {
        Some(w) if w.kind != WeakKind::Ref => w.get().ok_or_else(dead),
        _ => Ok(o.clone()),
    }
}

fn proxy_repr(_: &Vm, o: &PyRef) -> PyResult {
    let w = payload(o)?;
    Ok(PyStr::new_ref(&match w.get() {
        Some(r) => format!(
            "<weakproxy at {}; to '{}' at {}>",
            addr(o),
            r.class().name(),
            addr(&r)
        ),
        None => format!("<weakproxy at {}; dead>", addr(o)),
    }))
}

fn proxy_str(vm: &Vm, o: &PyRef) -> PyResult {
    proto::str(vm, &referent(o)?)
}

fn proxy_getattr(vm: &Vm, o: &PyRef, name: &PyRef) -> PyResult {
    proto::get_attr(vm, &referent(o)?, name)
}

fn proxy_setattr(vm: &Vm, o: &PyRef, name: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let r = referent(o)?;
    match v {
        Some(v) => proto::set_attr(vm, &r, name, v),
        None => proto::del_attr(vm, &r, name),
    }
}

fn proxy_call(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult {
    call::call(vm, &referent(o)?, a)
}

fn proxy_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    proto::rich_compare(vm, &unwrap(a)?, &unwrap(b)?, op)
}

fn proxy_bool(vm: &Vm, o: &PyRef) -> PyResult<bool> {
    proto::is_true(vm, &referent(o)?)
}

fn proxy_len(vm: &Vm, o: &PyRef) -> PyResult<usize> {
    proto::len(vm, &referent(o)?)
}

fn proxy_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    proto::get_item(vm, &referent(o)?, k)
}

fn proxy_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let r = referent(o)?;
    match v {
        Some(v) => proto::set_item(vm, &r, k, v),
        None => proto::del_item(vm, &r, k),
    }
}

fn proxy_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    proto::contains(vm, &referent(o)?, k)
}

fn proxy_iter(vm: &Vm, o: &PyRef) -> PyResult {
    crate::protocol::iter::get_iter(vm, &referent(o)?)
}

fn proxy_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let r = referent(o)?;
    if r.class().slots().iternext.is_none() {
        return Err(type_error(format!(
            "Weakref proxy referenced a non-iterator '{}' object",
            r.class().name()
        )));
    }
    crate::protocol::iter::next(vm, &r)
}

macro_rules! proxy_binops {
    ($($name:ident => $op:ident),* $(,)?) => {$(
        fn $name(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
            crate::protocol::number::binary_op(vm, &unwrap(a)?, &unwrap(b)?, taipan_bytecode::BinaryOp::$op)
        }
    )*};
}
proxy_binops!(
    proxy_add => Add, proxy_sub => Subtract, proxy_mul => Multiply, proxy_truediv => TrueDivide,
    proxy_floordiv => FloorDivide, proxy_mod => Remainder, proxy_lshift => Lshift, proxy_rshift => Rshift,
    proxy_and => And, proxy_or => Or, proxy_xor => Xor, proxy_matmul => MatrixMultiply,
);

fn proxy_neg(vm: &Vm, o: &PyRef) -> PyResult {
    crate::protocol::number::negative(vm, &referent(o)?)
}

fn proxy_index(vm: &Vm, o: &PyRef) -> PyResult {
    crate::protocol::number::index(vm, &referent(o)?)
}

fn m_proxy_bytes(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__bytes__")?;
    call::call_pos(
        vm,
        &crate::types::bytes::BYTES_TYPE.to_ref(),
        &[referent(s)?],
    )
}

fn m_proxy_reversed(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reversed__")?;
    call::call_pos(
        vm,
        &crate::builtins::iters::REVERSED_TYPE.to_ref(),
        &[referent(s)?],
    )
}

static REF_METHODS: &[MethodDef] = &[MethodDef::classmethod("__class_getitem__", m_class_getitem)];
static REF_GETSETS: &[GetSetDef] = &[GetSetDef::new("__callback__", g_callback)];
static PROXY_METHODS: &[MethodDef] = &[
    MethodDef::method("__bytes__", m_proxy_bytes),
    MethodDef::method("__reversed__", m_proxy_reversed),
];

fn proxy_slots(callable: bool) -> Slots {
    Slots {
        repr: Some(proxy_repr),
        str: Some(proxy_str),
        hash: Some(proto::hash_not_implemented),
        getattro: Some(proxy_getattr),
        setattro: Some(proxy_setattr),
        call: if callable { Some(proxy_call) } else { None },
        richcompare: Some(proxy_richcompare),
        nb_bool: Some(proxy_bool),
        mp_len: Some(proxy_len),
        mp_getitem: Some(proxy_getitem),
        mp_setitem: Some(proxy_setitem),
        sq_contains: Some(proxy_contains),
        iter: Some(proxy_iter),
        iternext: Some(proxy_next),
        nb_add: Some(proxy_add),
        nb_sub: Some(proxy_sub),
        nb_mul: Some(proxy_mul),
        nb_truediv: Some(proxy_truediv),
        nb_floordiv: Some(proxy_floordiv),
        nb_mod: Some(proxy_mod),
        nb_lshift: Some(proxy_lshift),
        nb_rshift: Some(proxy_rshift),
        nb_and: Some(proxy_and),
        nb_or: Some(proxy_or),
        nb_xor: Some(proxy_xor),
        nb_matmul: Some(proxy_matmul),
        nb_neg: Some(proxy_neg),
        nb_index: Some(proxy_index),
        ..Slots::EMPTY
    }
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &REF_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(ref_new),
                    init: Some(ref_init),
                    call: Some(ref_call),
                    repr: Some(ref_repr),
                    hash: Some(ref_hash),
                    richcompare: Some(ref_richcompare),
                    ..Slots::EMPTY
                },
                methods: REF_METHODS,
                getsets: REF_GETSETS,
                flags: flags::BASETYPE,
                ..TypeSpec::new("weakref.ReferenceType", Layout::of::<PyWeakRef>())
            },
        ),
        (
            &PROXY_TYPE,
            TypeSpec {
                slots: proxy_slots(false),
                methods: PROXY_METHODS,
                ..TypeSpec::new("weakref.ProxyType", Layout::of::<PyWeakRef>())
            },
        ),
        (
            &CALLABLE_PROXY_TYPE,
            TypeSpec {
                slots: proxy_slots(true),
                methods: PROXY_METHODS,
                ..TypeSpec::new("weakref.CallableProxyType", Layout::of::<PyWeakRef>())
            },
        ),
    ]
}
