//! Type objects: the `PyType` payload, builtin type registration, MRO and
//! version tags.
//!
//! Builtin types are created once per process at start-up from a
//! [`TypeSpec`] each (see `types/mod.rs` for the registry) and are immortal;
//! each is reachable through its [`StaticType`] handle.  Start-up runs in
//! phases: allocate every type object; fill the dicts (method descriptors,
//! slot wrappers, getsets); then compute MROs and effective slots.
//!
//! Python classes (`class C: ...`) are heap types created by
//! [`new_heap_type`]; they are ordinary refcounted, GC-tracked objects.
//!
//! Every type has a version tag that changes whenever the type or any of
//! its bases is modified ([`PyType::modified`]); caches key on it.

use std::cell::{Cell, RefCell, UnsafeCell};
use std::sync::atomic::{AtomicPtr, Ordering};

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::slots::{self, Slots};
use crate::object::{Layout, Obj, Trace, Visit};
use crate::types::dict::PyDict;
use crate::types::str::PyStr;
use crate::value::{ObjHeader, PyRef};
use crate::vm::Vm;

/// Type flags (a subset of CPython's `Py_TPFLAGS_*`, same meanings).
pub mod flags {
    pub const HEAPTYPE: u32 = 1 << 9;
    pub const BASETYPE: u32 = 1 << 10;
    pub const IMMUTABLETYPE: u32 = 1 << 8;
    pub const IS_ABSTRACT: u32 = 1 << 20;
    pub const SEQUENCE: u32 = 1 << 5;
    pub const MAPPING: u32 = 1 << 6;
    pub const LONG_SUBCLASS: u32 = 1 << 24;
    pub const LIST_SUBCLASS: u32 = 1 << 25;
    pub const TUPLE_SUBCLASS: u32 = 1 << 26;
    pub const BYTES_SUBCLASS: u32 = 1 << 27;
    pub const UNICODE_SUBCLASS: u32 = 1 << 28;
    pub const DICT_SUBCLASS: u32 = 1 << 29;
    pub const BASE_EXC_SUBCLASS: u32 = 1 << 30;
    pub const TYPE_SUBCLASS: u32 = 1 << 31;
    /// Instances have `__slots__` only (no `__dict__`).
    pub const NO_DICT: u32 = 1 << 12;
    /// Taipan-private: `mro` holds a custom MRO in full (the type itself
    /// is not implicitly first); see `types/type_mro.rs`.
    pub const CUSTOM_MRO: u32 = 1 << 0;
    /// Taipan-private: a heap type whose `__slots__` leave out
    /// `__weakref__` under a base without weak reference support.
    pub const NO_WEAKREF: u32 = 1 << 1;
    /// Taipan-private: a new class whose metaclass's `mro()` is running
    /// for the first time; `__mro__` reads None meanwhile (CPython's NULL
    /// `tp_mro`).
    pub const MRO_PENDING: u32 = 1 << 2;
    /// The Taipan-private bits, hidden from `__flags__`.
    pub const PRIVATE: u32 = NO_DICT | CUSTOM_MRO | NO_WEAKREF | MRO_PENDING;
    /// Inherited subclass-check bits.
    pub const INHERITED: u32 = LONG_SUBCLASS
        | LIST_SUBCLASS
        | TUPLE_SUBCLASS
        | BYTES_SUBCLASS
        | UNICODE_SUBCLASS
        | DICT_SUBCLASS
        | BASE_EXC_SUBCLASS
        | TYPE_SUBCLASS
        | SEQUENCE
        | MAPPING;
}

/// The two flags `match` uses to tell sequences and mappings apart.
const COLLECTION: u32 = flags::SEQUENCE | flags::MAPPING;

/// A native function: `args.args[0]` is `self` for methods.
pub type NativeFn = fn(&Vm, Args<'_>) -> PyResult;
/// A getter of a computed attribute.
pub type GetterFn = fn(&Vm, &PyRef) -> PyResult;
/// A setter (`None` value = delete).
pub type SetterFn = fn(&Vm, &PyRef, Option<&PyRef>) -> PyResult<()>;

/// How a native method binds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MethodKind {
    /// Instance method: `self` first.
    Method,
    /// `@classmethod`: the class first.
    Class,
    /// `@staticmethod`: no implicit first argument.
    Static,
}

/// A native method of a builtin type (or a function of a module).
pub struct MethodDef {
    pub name: &'static str,
    pub func: NativeFn,
    pub kind: MethodKind,
    pub doc: &'static str,
}

impl MethodDef {
    pub const fn method(name: &'static str, func: NativeFn) -> MethodDef {
        MethodDef {
            name,
            func,
            kind: MethodKind::Method,
            doc: "",
        }
    }
    pub const fn classmethod(name: &'static str, func: NativeFn) -> MethodDef {
        MethodDef {
            name,
            func,
            kind: MethodKind::Class,
            doc: "",
        }
    }
    pub const fn staticmethod(name: &'static str, func: NativeFn) -> MethodDef {
        MethodDef {
            name,
            func,
            kind: MethodKind::Static,
            doc: "",
        }
    }
    pub const fn with_doc(self, doc: &'static str) -> MethodDef {
        MethodDef { doc, ..self }
    }
}

/// A computed attribute of a builtin type.
pub struct GetSetDef {
    pub name: &'static str,
    pub get: GetterFn,
    pub set: Option<SetterFn>,
    pub doc: &'static str,
    /// Exposed as a `member_descriptor` (a C struct member in CPython:
    /// `readonly attribute` when there is no setter) instead of a
    /// `getset_descriptor`.
    pub member: bool,
}

impl GetSetDef {
    pub const fn new(name: &'static str, get: GetterFn) -> GetSetDef {
        GetSetDef {
            name,
            get,
            set: None,
            doc: "",
            member: false,
        }
    }
    pub const fn with_doc(self, doc: &'static str) -> GetSetDef {
        GetSetDef { doc, ..self }
    }
    pub const fn with_set(name: &'static str, get: GetterFn, set: SetterFn) -> GetSetDef {
        GetSetDef {
            name,
            get,
            set: Some(set),
            doc: "",
            member: false,
        }
    }
    /// A read-only struct member (`member_descriptor`).
    pub const fn member(name: &'static str, get: GetterFn) -> GetSetDef {
        GetSetDef {
            member: true,
            ..GetSetDef::new(name, get)
        }
    }
}

/// Everything needed to create a builtin type.
pub struct TypeSpec {
    /// `tp_name`: `"list"`, or `"module.Name"` for types of other modules.
    pub name: &'static str,
    /// The base; `None` means `object` (and for `object` itself, no base).
    pub base: Option<&'static StaticType>,
    /// `Layout::of::<Payload>()`.
    pub layout: Layout,
    /// Native slots.
    pub slots: Slots,
    pub methods: &'static [MethodDef],
    pub getsets: &'static [GetSetDef],
    /// Extra flags (`BASETYPE` if Python classes may inherit from it).
    pub flags: u32,
    pub doc: Option<&'static str>,
}

impl TypeSpec {
    /// A spec with only a name and a layout; fill the rest with
    /// `..TypeSpec::new(...)`-style struct update.
    pub fn new(name: &'static str, layout: Layout) -> TypeSpec {
        TypeSpec {
            name,
            base: None,
            layout,
            slots: Slots::EMPTY,
            methods: &[],
            getsets: &[],
            flags: 0,
            doc: None,
        }
    }
}

/// The process-wide handle of one builtin type.
pub struct StaticType(AtomicPtr<Obj<PyType>>);

impl Default for StaticType {
    fn default() -> Self {
        Self::new()
    }
}

impl StaticType {
    pub const fn new() -> StaticType {
        StaticType(AtomicPtr::new(std::ptr::null_mut()))
    }

    /// The type object.  Builtin types exist once [`crate::init`] ran.
    #[inline(always)]
    pub fn get(&self) -> &'static Obj<PyType> {
        let p = self.0.load(Ordering::Relaxed);
        debug_assert!(!p.is_null(), "builtin type used before taipan_vm::init()");
        // SAFETY: set once at start-up to an immortal type object.
        unsafe { &*p }
    }

    /// A new reference to the type object.
    #[inline]
    pub fn to_ref(&self) -> PyRef {
        self.get().to_ref()
    }

    pub fn is_ready(&self) -> bool {
        !self.0.load(Ordering::Relaxed).is_null()
    }
}

/// Raw pointers to subclasses (weak: removed when a subclass is freed).
#[derive(Default)]
pub struct SubclassList(pub Vec<usize>);
impl Trace for SubclassList {
    fn trace(&self, _: &mut Visit<'_>) {}
}

/// A field that is traced but not cleared by the cycle collector.
#[derive(Default)]
pub struct NoClear<T>(pub T);
impl<T> std::ops::Deref for NoClear<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
impl<T: Trace> Trace for NoClear<T> {
    fn trace(&self, visit: &mut Visit<'_>) {
        self.0.trace(visit);
    }
}

impl Drop for PyType {
    fn drop(&mut self) {
        let me = (self as *const PyType as usize) - std::mem::offset_of!(Obj<PyType>, payload);
        for b in self.bases.borrow().iter() {
            if let Some(bt) = b.as_type()
                && let Ok(mut subs) = bt.subclasses.try_borrow_mut()
            {
                subs.0.retain(|&p| p != me);
            }
        }
    }
}

/// The slot storage of a type (see `slots.rs`).
pub struct SlotCell(UnsafeCell<Slots>);
impl Trace for SlotCell {
    fn trace(&self, _: &mut Visit<'_>) {}
}
impl Trace for Slots {
    fn trace(&self, _: &mut Visit<'_>) {}
}
impl Trace for Layout {
    fn trace(&self, _: &mut Visit<'_>) {}
}

crate::py_payload! {
    /// The payload of a type object.
    pub struct PyType {
        /// `__name__`.
        pub name: RefCell<String>,
        /// `__qualname__`.
        pub qualname: RefCell<String>,
        /// `__base__`.
        pub base: NoClear<RefCell<Option<PyRef>>>,
        /// `__bases__` (kept through GC clearing: unregistering from the
        /// bases' subclass lists needs them).
        pub bases: NoClear<RefCell<Vec<PyRef>>>,
        /// `__mro__` without the type itself (it comes first implicitly).
        pub mro: RefCell<Vec<PyRef>>,
        /// The namespace (`__dict__`, shown through a mappingproxy).
        pub dict: PyDict,
        pub subclasses: RefCell<SubclassList>,
        pub slots: SlotCell,
        /// Native slots of a builtin type (empty for Python classes).
        pub native: Slots,
        /// Layout of instances.
        pub layout: Layout,
        pub flags: Cell<u32>,
        pub version: Cell<u32>,
        /// Some instance of this type has (had) a weak reference: only then
        /// does deallocating an instance consult the weakref table.
        pub weakly_referenced: Cell<bool>,
    }
}

impl crate::object::PyPayload for PyType {
    fn class() -> &'static Obj<PyType> {
        crate::types::type_::TYPE_TYPE.get()
    }
}

static NEXT_VERSION: crate::runtime::gil::GilCell<Cell<u32>> =
    crate::runtime::gil::GilCell::new(Cell::new(1));

fn next_version() -> u32 {
    NEXT_VERSION.with(|v| {
        let n = v.get();
        v.set(n.wrapping_add(1).max(1));
        n
    })
}

/// The type attribute cache (CPython's method cache): results of
/// [`Obj::lookup`] keyed by (type address, version tag, name object).
///
/// A hit is valid because every change to a type's dict, bases or MRO gives
/// the type and all its subclasses a new version tag ([`Obj::modified`]),
/// and version tags are never reused, so a freed type's address reused by a
/// new type never matches a stale entry.  Results are kept as *borrowed*
/// bits (the unchanged version proves a dict in the MRO still holds them);
/// the name is held as an owned reference so its address cannot be reused
/// by another string while the entry exists.  Types under construction are
/// given a fresh version when they are finished, so lookups made while
/// their dict was being filled are never served afterwards.
pub mod attr_cache {
    use std::cell::UnsafeCell;

    use crate::value::{ObjHeader, PyRef};

    const BITS: u32 = 12;
    const SIZE: usize = 1 << BITS;
    /// The `value` of an entry recording that the name is not found.
    const ABSENT: usize = 0;

    struct Entry {
        ty: usize,
        version: u32,
        name: Option<PyRef>,
        value: usize,
    }

    thread_local! {
        static CACHE: UnsafeCell<Vec<Entry>> = UnsafeCell::new(
            (0..SIZE).map(|_| Entry { ty: 0, version: 0, name: None, value: ABSENT }).collect()
        );
    }

    #[inline(always)]
    fn slot(version: u32, name: &PyRef) -> usize {
        let h = (name.bits() >> 4) ^ (version as usize).wrapping_mul(0x9E37_79B9);
        h & (SIZE - 1)
    }

    /// `Some(result)` on a hit.
    #[inline(always)]
    pub fn get(ty: usize, version: u32, name: &PyRef) -> Option<Option<PyRef>> {
        CACHE
            .try_with(|c| {
                // SAFETY: the cache is per thread and no reference into it
                // outlives this closure (nothing here runs Python code).
                let c = unsafe { &*c.get() };
                let e = &c[slot(version, name)];
                if e.ty != ty
                    || e.version != version
                    || !e.name.as_ref().is_some_and(|n| n.is(name))
                {
                    return None;
                }
                if e.value == ABSENT {
                    return Some(None);
                }
                // SAFETY: the version tag is unchanged, so the dict in the
                // MRO that held this value still does: it is alive.
                Some(Some(unsafe { from_bits(e.value) }))
            })
            .ok()
            .flatten()
    }

    /// Records a lookup result.
    #[inline]
    pub fn put(ty: usize, version: u32, name: &PyRef, value: Option<&PyRef>) {
        let _ = CACHE.try_with(|c| {
            // SAFETY: as in `get`; the old name is taken out before it is
            // dropped (dropping a str runs no Python code).
            let old = {
                let c = unsafe { &mut *c.get() };
                let e = &mut c[slot(version, name)];
                e.ty = ty;
                e.version = version;
                e.value = value.map_or(ABSENT, |v| v.bits());
                e.name.replace(name.clone())
            };
            drop(old);
        });
    }

    struct StrEntry {
        ty: usize,
        version: u32,
        name: Box<str>,
        value: usize,
    }

    const STR_BITS: u32 = 10;
    const STR_SIZE: usize = 1 << STR_BITS;

    thread_local! {
        static STR_CACHE: UnsafeCell<Vec<StrEntry>> = UnsafeCell::new(
            (0..STR_SIZE)
                .map(|_| StrEntry { ty: 0, version: 0, name: Box::from(""), value: ABSENT })
                .collect()
        );
    }

    /// The slot of a Rust-string name: its address (usually a literal's)
    /// and length; entries compare the text, so a reused address is safe.
    #[inline(always)]
    fn str_slot(ty: usize, version: u32, name: &str) -> usize {
        let h = (name.as_ptr() as usize >> 2)
            ^ name.len().wrapping_mul(0x2545_F491)
            ^ (ty >> 5)
            ^ (version as usize).wrapping_mul(0x9E37_79B9);
        h & (STR_SIZE - 1)
    }

    /// Like [`get`] for a Rust-string name ([`super::Obj::lookup_str`]).
    #[inline(always)]
    pub fn get_str(ty: usize, version: u32, name: &str) -> Option<Option<PyRef>> {
        STR_CACHE
            .try_with(|c| {
                // SAFETY: as in `get`.
                let c = unsafe { &*c.get() };
                let e = &c[str_slot(ty, version, name)];
                if e.ty != ty || e.version != version || &*e.name != name {
                    return None;
                }
                if e.value == ABSENT {
                    return Some(None);
                }
                // SAFETY: as in `get`.
                Some(Some(unsafe { from_bits(e.value) }))
            })
            .ok()
            .flatten()
    }

    /// Records a [`super::Obj::lookup_str`] result.
    #[inline]
    pub fn put_str(ty: usize, version: u32, name: &str, value: Option<&PyRef>) {
        let _ = STR_CACHE.try_with(|c| {
            // SAFETY: as in `get`.
            let c = unsafe { &mut *c.get() };
            let e = &mut c[str_slot(ty, version, name)];
            e.ty = ty;
            e.version = version;
            e.value = value.map_or(ABSENT, |v| v.bits());
            if &*e.name != name {
                e.name = Box::from(name);
            }
        });
    }

    /// A new reference from the bits of a live reference.
    ///
    /// # Safety
    /// `bits` must be the bits of a reference whose object is alive.
    #[inline(always)]
    unsafe fn from_bits(bits: usize) -> PyRef {
        if bits & 1 == 1 {
            PyRef::small_int((bits as i64) >> 1).unwrap_or_else(crate::types::none::none)
        } else {
            // SAFETY: forwarded to the caller.
            unsafe { PyRef::from_borrowed_ptr(bits as *const ObjHeader) }
        }
    }
}

impl PyType {
    /// The effective slots.
    #[inline(always)]
    pub fn slots(&self) -> &Slots {
        // SAFETY: slots are only written by `slots_mut` during type creation
        // and dunder assignment; readers copy a function pointer out and
        // never hold the reference across such a write.
        unsafe { &*self.slots.0.get() }
    }

    /// # Safety
    /// No reference from [`PyType::slots`] may be alive.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn slots_mut(&self) -> &mut Slots {
        // SAFETY: forwarded to the caller.
        unsafe { &mut *self.slots.0.get() }
    }

    /// `__name__`.
    pub fn name(&self) -> String {
        self.name.borrow().clone()
    }

    pub fn has_flag(&self, f: u32) -> bool {
        self.flags.get() & f != 0
    }

    pub fn is_heap(&self) -> bool {
        self.has_flag(flags::HEAPTYPE)
    }

    /// True if instances run a finalizer (`__del__`) before being freed.
    #[inline]
    pub fn has_finalizer(&self) -> bool {
        self.slots().del.is_some()
    }

    pub fn version(&self) -> u32 {
        self.version.get()
    }
}

impl Obj<PyType> {
    /// `issubclass(self, other)` by MRO (no `__subclasscheck__`).
    #[inline]
    pub fn is_subtype(&self, other: &Obj<PyType>) -> bool {
        if std::ptr::eq(self, other) && !self.has_flag(flags::CUSTOM_MRO) {
            return true;
        }
        let o = other as *const Obj<PyType> as usize;
        self.mro.borrow().iter().any(|t| t.bits() == o)
    }

    /// The MRO including `self`, as owned references.
    pub fn mro_vec(&self) -> Vec<PyRef> {
        if self.has_flag(flags::CUSTOM_MRO) {
            return self.mro.borrow().clone();
        }
        let mut v = vec![self.to_ref()];
        v.extend(self.mro.borrow().iter().cloned());
        v
    }

    /// Looks `name` up in the MRO's dicts (`_PyType_Lookup`), through the
    /// type attribute cache ([`attr_cache`]).
    #[inline]
    pub fn lookup(&self, name: &PyRef) -> Option<PyRef> {
        let ty = self as *const Obj<PyType> as usize;
        let version = self.version();
        if let Some(hit) = attr_cache::get(ty, version, name) {
            return hit;
        }
        let r = self.lookup_uncached(name);
        attr_cache::put(ty, version, name, r.as_ref());
        r
    }

    /// [`Obj::lookup`] without the cache: walks the MRO's dicts.
    pub fn lookup_uncached(&self, name: &PyRef) -> Option<PyRef> {
        if self.has_flag(flags::CUSTOM_MRO) {
            return self.lookup_custom(|d| d.get_str(name)).map(|(_, v)| v);
        }
        if let Some(v) = self.dict.get_str(name) {
            return Some(v);
        }
        let mro = self.mro.borrow();
        for t in mro.iter() {
            if let Some(v) = t.as_type().and_then(|t| t.dict.get_str(name)) {
                return Some(v);
            }
        }
        None
    }

    /// Like [`Obj::lookup`] with a Rust string (also cached).
    #[inline]
    pub fn lookup_str(&self, name: &str) -> Option<PyRef> {
        let ty = self as *const Obj<PyType> as usize;
        let version = self.version();
        if let Some(hit) = attr_cache::get_str(ty, version, name) {
            return hit;
        }
        let r = self.lookup_str_uncached(name);
        attr_cache::put_str(ty, version, name, r.as_ref());
        r
    }

    /// [`Obj::lookup_str`] without the cache.
    pub fn lookup_str_uncached(&self, name: &str) -> Option<PyRef> {
        if self.has_flag(flags::CUSTOM_MRO) {
            return self.lookup_custom(|d| d.get_rust_str(name)).map(|(_, v)| v);
        }
        let hash = crate::types::dict::rust_str_hash(name);
        if let Some(v) = self.dict.get_rust_str_hashed(name, hash) {
            return Some(v);
        }
        let mro = self.mro.borrow();
        for t in mro.iter() {
            if let Some(v) = t
                .as_type()
                .and_then(|t| t.dict.get_rust_str_hashed(name, hash))
            {
                return Some(v);
            }
        }
        None
    }

    /// Looks up and also returns the class whose dict had it.
    pub fn lookup_str_with_owner(&self, name: &str) -> Option<(PyRef, PyRef)> {
        if self.has_flag(flags::CUSTOM_MRO) {
            return self.lookup_custom(|d| d.get_rust_str(name));
        }
        if let Some(v) = self.dict.get_rust_str(name) {
            return Some((self.to_ref(), v));
        }
        let mro = self.mro.borrow();
        for t in mro.iter() {
            if let Some(v) = t.as_type().and_then(|t| t.dict.get_rust_str(name)) {
                return Some((t.clone(), v));
            }
        }
        None
    }

    /// Lookup through a custom MRO stored in full (see `CUSTOM_MRO`).
    #[cold]
    fn lookup_custom(&self, get: impl Fn(&PyDict) -> Option<PyRef>) -> Option<(PyRef, PyRef)> {
        let mro = self.mro.borrow().clone();
        mro.into_iter().find_map(|t| {
            t.as_type()
                .and_then(|tt| get(&tt.dict))
                .map(|v| (t.clone(), v))
        })
    }

    /// Marks the type (and all subclasses) as modified: new version tags.
    pub fn modified(&self) {
        self.version.set(next_version());
        let subs: Vec<usize> = self.subclasses.borrow().0.clone();
        for s in subs {
            // SAFETY: subclasses unregister themselves before being freed.
            let t = unsafe { &*(s as *const Obj<PyType>) };
            t.modified();
        }
    }

    /// Called after `name` was set/deleted in this type's dict.
    pub fn attr_changed(&self, name: &str) {
        self.modified();
        if let Some(idx) = slots::slot_for_dunder(name) {
            self.update_slot_recursive(idx);
        }
    }

    fn update_slot_recursive(&self, idx: u8) {
        slots::update_slot(self, idx);
        let subs: Vec<usize> = self.subclasses.borrow().0.clone();
        for s in subs {
            // SAFETY: as in `modified`.
            let t = unsafe { &*(s as *const Obj<PyType>) };
            t.update_slot_recursive(idx);
        }
    }

    /// `__module__` of the type.
    pub fn module_name(&self) -> String {
        if let Some(m) = self.dict.get_rust_str("__module__")
            && let Some(s) = m.downcast::<PyStr>()
        {
            return s.to_string_lossy();
        }
        "builtins".to_string()
    }

    /// The name used in `repr(cls)`: `module.qualname` or `qualname` for builtins.
    pub fn repr_name(&self) -> String {
        let m = self.module_name();
        let q = self.qualname.borrow().clone();
        if m == "builtins" {
            q
        } else {
            format!("{m}.{q}")
        }
    }
}

// ---------------------------------------------------------------- start-up

/// Phase A: allocates the (immortal) type object for `spec`.
pub(crate) fn alloc_static_type(handle: &'static StaticType, spec: &TypeSpec) {
    let (module, name) = match spec.name.rfind('.') {
        Some(i) => (Some(&spec.name[..i]), &spec.name[i + 1..]),
        None => (None, spec.name),
    };
    let _ = module;
    // Type objects have a gc layout, so a static one gets (never linked)
    // gc links too: the collector reads them when a container refers to it.
    let t = Box::new(crate::gc::GcBox {
        links: crate::gc::GcLinks::unlinked(),
        obj: Obj {
            header: ObjHeader::new(std::ptr::null()),
            payload: PyType {
                name: RefCell::new(name.to_string()),
                qualname: RefCell::new(name.to_string()),
                base: NoClear(RefCell::new(None)),
                bases: NoClear(RefCell::new(Vec::new())),
                mro: RefCell::new(Vec::new()),
                dict: PyDict::default(),
                subclasses: RefCell::new(SubclassList::default()),
                slots: SlotCell(UnsafeCell::new(Slots::EMPTY)),
                native: spec.slots,
                layout: spec.layout,
                flags: Cell::new(spec.flags | flags::IMMUTABLETYPE),
                version: Cell::new(next_version()),
                weakly_referenced: Cell::new(false),
            },
        },
    });
    // Immortal: a count no program can bring to zero.
    t.obj.header.refcnt.set(1 << 40);
    let b = Box::into_raw(t);
    // SAFETY: b is a valid, freshly allocated (and never freed) GcBox.
    handle
        .0
        .store(unsafe { &raw mut (*b).obj }, Ordering::Relaxed);
}

/// Phase B: sets the metatype, base, bases and dict contents.
pub(crate) fn fill_static_type(handle: &'static StaticType, spec: &TypeSpec) {
    let t = handle.get();
    let tt = crate::types::type_::TYPE_TYPE.get();
    t.header.ty.set(tt as *const Obj<PyType>);
    let is_object = std::ptr::eq(t, crate::types::object::OBJECT_TYPE.get());
    if !is_object {
        let base = spec
            .base
            .unwrap_or(&crate::types::object::OBJECT_TYPE)
            .to_ref();
        *t.bases.borrow_mut() = vec![base.clone()];
        *t.base.borrow_mut() = Some(base);
    }
    if let Some((m, _)) = spec.name.rsplit_once('.') {
        t.dict
            .set_str(PyStr::new_ref("__module__"), PyStr::new_ref(m));
    }
    let doc = match spec.doc {
        Some(d) => PyStr::new_ref(d),
        None => crate::types::none::none(),
    };
    t.dict.set_str(PyStr::new_ref("__doc__"), doc);
    for m in spec.methods {
        let d = crate::types::descriptors::method_descriptor(t, m);
        t.dict.set_str(PyStr::intern(m.name), d);
    }
    for g in spec.getsets {
        let d = if g.member {
            crate::types::descriptors::native_member_descriptor(t, g)
        } else {
            crate::types::descriptors::getset_descriptor(t, g)
        };
        t.dict.set_str(PyStr::intern(g.name), d);
    }
    // Unhashable builtins get `__hash__ = None`.
    if t.native.hash.map(|f| f as usize)
        == Some(crate::protocol::object::hash_not_implemented as *const () as usize)
    {
        t.dict
            .set_str(PyStr::intern("__hash__"), crate::types::none::none());
    }
    // Slot wrappers for native slots whose dunders the type didn't define.
    for (idx, def) in slots::SLOT_TABLE.iter().enumerate() {
        if !slots::native_has(&t.native, idx as u8) {
            continue;
        }
        for (di, (dname, _)) in def.dunders.iter().enumerate() {
            // `__getattr__` only names the hook a class may define; CPython
            // exposes no wrapper for it (`object.__getattr__` does not exist).
            if *dname != "__getattr__" && t.dict.get_rust_str(dname).is_none() {
                let w = if *dname == "__new__" {
                    crate::types::descriptors::bound_builtin(
                        &crate::types::descriptors::TP_NEW_DEF,
                        t.to_ref(),
                    )
                } else {
                    crate::types::descriptors::slot_wrapper(t, idx as u8, di as u8)
                };
                t.dict.set_str(PyStr::intern(dname), w);
            }
        }
    }
}

/// Phase C: MRO, inherited flags and effective slots.
pub(crate) fn finish_static_type(handle: &'static StaticType) {
    let t = handle.get();
    let mut mro = Vec::new();
    let mut b = t.base.borrow().clone();
    while let Some(bt) = b {
        mro.push(bt.clone());
        b = bt.as_type().and_then(|x| x.base.borrow().clone());
    }
    let mut inherited = 0;
    for m in &mro {
        if let Some(mt) = m.as_type() {
            inherited |= mt.flags.get() & flags::INHERITED;
            mt.subclasses
                .borrow_mut()
                .0
                .push(t as *const Obj<PyType> as usize);
        }
    }
    t.flags.set(t.flags.get() | inherited);
    *t.mro.borrow_mut() = mro;
}

/// Phase D (after every type finished phase C): effective slots.
pub(crate) fn slots_static_type(handle: &'static StaticType) {
    let t = handle.get();
    slots::update_all_slots(t);
    // Lookups made while the dict was filled must not be served now.
    t.version.set(next_version());
    // Only direct subclasses are registered.
    let me = t as *const Obj<PyType> as usize;
    let base = t.base.borrow().clone();
    for m in t.mro.borrow().iter() {
        if let Some(mt) = m.as_type()
            && !base.as_ref().is_some_and(|b| b.is(m))
        {
            mt.subclasses.borrow_mut().0.retain(|&p| p != me);
        }
    }
}

// ------------------------------------------------------------ heap types

/// C3 linearization of `bases` (each with its own MRO).
pub fn c3_mro(bases: &[PyRef]) -> PyResult<Vec<PyRef>> {
    if bases.len() > 1 {
        for (i, b) in bases.iter().enumerate() {
            if bases[i + 1..].iter().any(|x| x.is(b)) {
                let name = b.as_type().map(|t| t.name()).unwrap_or_default();
                return Err(type_error(format!("duplicate base class {name}")));
            }
        }
    }
    let mut seqs: Vec<Vec<PyRef>> = Vec::new();
    for b in bases {
        let bt = b
            .as_type()
            .ok_or_else(|| type_error("bases must be types"))?;
        if bt.has_flag(flags::MRO_PENDING) {
            return Err(type_error(format!(
                "Cannot extend an incomplete type '{}'",
                bt.name()
            )));
        }
        seqs.push(bt.mro_vec());
    }
    seqs.push(bases.to_vec());
    let mut out: Vec<PyRef> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut cand = None;
        for s in &seqs {
            let head = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|x| x.is(head)));
            if !in_tail {
                cand = Some(head.clone());
                break;
            }
        }
        let Some(c) = cand else {
            // CPython names the heads still to merge, each once.
            let mut heads: Vec<PyRef> = Vec::new();
            for s in &seqs {
                if !heads.iter().any(|h| h.is(&s[0])) {
                    heads.push(s[0].clone());
                }
            }
            let names: Vec<String> = heads
                .iter()
                .filter_map(|b| b.as_type().map(|t| t.name()))
                .collect();
            return Err(type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].is(&c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Builtin types whose CPython instance struct extends their base's
/// although Taipan shares one payload among them (the exceptions with
/// extra C fields): they are layout bases of their own.
const OWN_STRUCT: &[&str] = &[
    "BaseExceptionGroup",
    "StopIteration",
    "SystemExit",
    "ImportError",
    "OSError",
    "NameError",
    "AttributeError",
    "SyntaxError",
    "UnicodeEncodeError",
    "UnicodeDecodeError",
    "UnicodeTranslateError",
];

/// CPython's `extra_ivars`: whether instances of `t` carry more than
/// instances of its base `b` (named slots; a `__dict__` on a variable-sized
/// base; a different native payload or struct).
pub fn extra_ivars(t: &Obj<PyType>, b: &Obj<PyType>) -> bool {
    if t.is_heap() {
        if adds_slots(t) {
            return true;
        }
        let varsize = [
            &crate::types::int::INT_TYPE,
            &crate::types::tuple::TUPLE_TYPE,
            &crate::types::bytes::BYTES_TYPE,
        ]
        .iter()
        .any(|v| t.is_subtype(v.get()));
        let has_dict =
            |x: &Obj<PyType>| !x.has_flag(flags::NO_DICT) && x.layout.attrs_offset.is_some();
        return varsize && has_dict(t) && !has_dict(b);
    }
    t.layout.type_id != b.layout.type_id
        || t.layout.attrs_offset.is_some() != b.layout.attrs_offset.is_some()
        || OWN_STRUCT.contains(&t.name.borrow().as_str())
}

/// The base whose instance layout a subclass of `bases` must use
/// (CPython's `solid_base`).
pub fn solid_base(t: &Obj<PyType>) -> PyRef {
    // Iterative (class chains can be long): the chain from `t` up, then
    // `solid_base(x) = x if extra_ivars(x, solid_base(x.base)) else that`.
    let mut chain = vec![t.to_ref()];
    loop {
        let next = chain
            .last()
            .and_then(|c| c.as_type())
            .and_then(|ct| ct.base.borrow().clone());
        match next {
            Some(b) => chain.push(b),
            None => break,
        }
    }
    let mut solid = match chain.pop() {
        Some(top) => top,
        None => return t.to_ref(),
    };
    while let Some(c) = chain.pop() {
        let extra = match (c.as_type(), solid.as_type()) {
            (Some(ct), Some(st)) => extra_ivars(ct, st),
            _ => true,
        };
        if extra {
            solid = c;
        }
    }
    solid
}

/// True if heap type `t` defines named `__slots__` of its own.
fn adds_slots(t: &Obj<PyType>) -> bool {
    let me = t.to_ref();
    t.dict.values().iter().any(|v| {
        v.downcast::<crate::types::descriptors::PyMemberDescr>()
            .is_some_and(|m| m.owner.is(&me))
    })
}

/// `best_base`: the base whose instance layout a class with `bases` uses
/// (the most derived solid base), with CPython's errors.
pub fn best_base(bases: &[PyRef]) -> PyResult<PyRef> {
    // Pick the best base (most derived solid base).
    let mut best: Option<PyRef> = None;
    let mut best_solid: Option<PyRef> = None;
    for b in bases {
        let bt = b
            .as_type()
            .ok_or_else(|| type_error("bases must be types"))?;
        if !bt.has_flag(flags::BASETYPE) {
            return Err(type_error(format!(
                "type '{}' is not an acceptable base type",
                bt.name()
            )));
        }
        let s = solid_base(bt);
        match &best_solid {
            None => {
                best_solid = Some(s);
                best = Some(b.clone());
            }
            Some(cur) => {
                let (st, ct) = (s.as_type(), cur.as_type());
                if let (Some(st), Some(ct)) = (st, ct) {
                    if ct.is_subtype(st) {
                        // The current winner already has this layout.
                    } else if st.is_subtype(ct) {
                        best_solid = Some(s.clone());
                        best = Some(b.clone());
                    } else {
                        return Err(type_error("multiple bases have instance lay-out conflict"));
                    }
                }
            }
        }
    }
    best.ok_or_else(|| type_error("bases must be types"))
}

/// Creates a Python class (`type(name, bases, ns)` after the metaclass
/// machinery picked `meta`).  `ns` entries are copied into the new dict.
pub fn new_heap_type(
    meta: &Obj<PyType>,
    name: &str,
    bases: Vec<PyRef>,
    ns: &[(PyRef, PyRef)],
) -> PyResult<PyRef> {
    let object = crate::types::object::OBJECT_TYPE.to_ref();
    let bases = if bases.is_empty() {
        vec![object]
    } else {
        bases
    };
    let best = best_base(&bases)?;
    let bt = best
        .as_type()
        .ok_or_else(|| type_error("bases must be types"))?;
    let layout = bt.layout.subclass();
    let mro = c3_mro(&bases)?;
    let mut inherited = 0;
    let mut collection = 0;
    for m in &mro {
        if let Some(mt) = m.as_type() {
            inherited |= mt.flags.get() & flags::INHERITED & !COLLECTION;
            // `match`'s sequence/mapping flag: the first class of the MRO
            // that has one decides (CPython's `inherit_patma_flags`).
            if collection == 0 {
                collection = mt.flags.get() & COLLECTION;
            }
        }
    }
    inherited |= collection;
    let payload = PyType {
        name: RefCell::new(name.to_string()),
        qualname: RefCell::new(name.to_string()),
        base: NoClear(RefCell::new(Some(best.clone()))),
        bases: NoClear(RefCell::new(bases.clone())),
        mro: RefCell::new(mro),
        dict: PyDict::default(),
        subclasses: RefCell::new(SubclassList::default()),
        slots: SlotCell(UnsafeCell::new(Slots::EMPTY)),
        native: Slots::EMPTY,
        layout,
        flags: Cell::new(flags::HEAPTYPE | flags::BASETYPE | inherited),
        version: Cell::new(next_version()),
        weakly_referenced: Cell::new(false),
    };
    let tref = crate::object::alloc_as::<PyType>(meta, payload);
    let t = tref
        .as_type()
        .ok_or_else(|| type_error("type allocation failed"))?;
    for (k, v) in ns {
        if k.downcast::<PyStr>().is_some() {
            t.dict.set_str(k.clone(), v.clone());
        }
    }
    if let Some(q) = t.dict.get_rust_str("__qualname__") {
        if let Some(s) = q.downcast::<PyStr>() {
            *t.qualname.borrow_mut() = s.to_string_lossy();
        }
        t.dict.del_str(&PyStr::intern("__qualname__"));
    }
    // A class defining __eq__ without __hash__ is unhashable.
    if t.dict.get_rust_str("__eq__").is_some() && t.dict.get_rust_str("__hash__").is_none() {
        t.dict
            .set_str(PyStr::intern("__hash__"), crate::types::none::none());
    }
    for b in &bases {
        if let Some(bt) = b.as_type() {
            bt.subclasses
                .borrow_mut()
                .0
                .push(t as *const Obj<PyType> as usize);
        }
    }
    crate::types::type_::add_dict_descriptor(t);
    slots::update_all_slots(t);
    // Lookups made while the dict was filled must not be served now.
    t.version.set(next_version());
    Ok(tref)
}
