//! The object model: heap object layout, payloads, allocation, downcasting.
//!
//! A heap object is an [`Obj<T>`]: the [`ObjHeader`] followed by a payload
//! `T` (a builtin type's Rust struct, declared with [`py_payload!`]).
//! Instances of Python subclasses of a builtin type are `Obj<Subclassed<T>>`:
//! the payload `T` sits at the same offset, followed by [`InstanceAttrs`]
//! (hidden-class attribute storage).  So a `&T` can be taken from either, and
//! where the attributes live is recorded in the type's [`Layout`] as an
//! offset (CPython's `tp_dictoffset`).
//!
//! Each type object carries a `Layout`: the payload's `TypeId` (for
//! downcasting) and the monomorphized dealloc/traverse/clear functions.

pub mod instance;
pub mod slot_dispatch;
pub mod slot_wrappers;
pub mod slots;
pub mod trace;
pub mod typeobj;

use std::any::TypeId;
use std::ops::Deref;

pub use instance::InstanceAttrs;
pub use trace::{Trace, Visit};
pub use typeobj::{PyType, StaticType, TypeSpec};

use crate::gc::GcBox;
use crate::value::{ObjHeader, PyRef};

/// A heap object with payload `T`.
#[repr(C)]
pub struct Obj<T> {
    pub(crate) header: ObjHeader,
    pub payload: T,
}

impl<T> Deref for Obj<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        &self.payload
    }
}

impl<T> Obj<T> {
    /// A new owned reference to this object.
    #[inline]
    pub fn to_ref(&self) -> PyRef {
        // SAFETY: &self proves the object is alive.
        unsafe { PyRef::from_borrowed_ptr(&self.header as *const ObjHeader) }
    }

    /// The object's type.
    #[inline]
    pub fn class(&self) -> &Obj<PyType> {
        // SAFETY: an object keeps its type alive.
        unsafe { &*self.header.ty.get() }
    }

    #[inline]
    pub fn header_ptr(&self) -> *mut ObjHeader {
        &self.header as *const ObjHeader as *mut ObjHeader
    }
}

/// The layout of instances of Python subclasses of a builtin type whose own
/// layout has no attribute storage.
#[repr(C)]
pub struct Subclassed<T> {
    pub base: T,
    pub attrs: InstanceAttrs,
}

impl<T: Trace> Trace for Subclassed<T> {
    fn trace(&self, visit: &mut Visit<'_>) {
        self.base.trace(visit);
        self.attrs.trace(visit);
    }
    fn clear(&self) {
        self.base.clear();
        self.attrs.clear();
    }
}

/// Implemented by every builtin payload type.
pub trait PyPayload: Trace + Sized + 'static {
    /// The builtin type whose exact instances have this layout.
    fn class() -> &'static Obj<PyType>;
    /// Whether instances can be part of reference cycles (tracked by the
    /// cycle collector).  Atoms (int, float, str, bytes) say `false`.
    const GC: bool = true;
    /// Byte offset of an [`InstanceAttrs`] inside `Obj<Self>` if the payload
    /// carries its own (exceptions, functions, modules); such types need no
    /// `Subclassed` wrapper for subclasses.
    fn own_attrs_offset() -> Option<usize> {
        None
    }
}

/// Per-layout functions and facts; see the module documentation.
#[derive(Clone, Copy)]
pub struct Layout {
    pub type_id: TypeId,
    pub gc: bool,
    pub dealloc: unsafe fn(*mut ObjHeader),
    pub traverse: unsafe fn(*const ObjHeader, &mut Visit<'_>),
    pub clear: unsafe fn(*const ObjHeader),
    /// Where instance attributes live, if anywhere.
    pub attrs_offset: Option<usize>,
    /// True if this is the `Subclassed<T>` (or own-attrs) variant.
    pub is_sub: bool,
    sub: Option<&'static LayoutFns>,
}

/// The `Subclassed<T>` variant's functions (kept apart so `Layout` stays
/// small and `Copy`).
pub struct LayoutFns {
    dealloc: unsafe fn(*mut ObjHeader),
    traverse: unsafe fn(*const ObjHeader, &mut Visit<'_>),
    clear: unsafe fn(*const ObjHeader),
    attrs_offset: usize,
}

/// Boxes `obj`, behind [`GcLinks`](crate::gc::GcLinks) if `gc` (layouts
/// whose `gc` is set), and returns the header's address.  The links are
/// always the [`GC_PREFIX`](crate::gc::GC_PREFIX) bytes just before the
/// header: for payloads aligned to more than 16 bytes that is inside the
/// `GcBox`'s padding (the `links` field then goes unused).
#[inline]
fn box_obj<T>(gc: bool, obj: Obj<T>) -> *mut ObjHeader {
    if gc {
        const {
            assert!(std::mem::offset_of!(GcBox<Obj<T>>, obj) >= crate::gc::GC_PREFIX);
        }
        let b = Box::into_raw(Box::new(GcBox {
            links: crate::gc::GcLinks::unlinked(),
            obj,
        }));
        // SAFETY: b is a valid, freshly allocated GcBox that is never moved
        // again; the GC_PREFIX bytes before `obj` are inside the allocation
        // (the offset of `obj` is at least GC_PREFIX) and get unlinked links.
        unsafe {
            let p = &raw mut (*b).obj as *mut ObjHeader;
            std::ptr::write(
                (p as *mut u8).sub(crate::gc::GC_PREFIX) as *mut crate::gc::GcLinks,
                crate::gc::GcLinks::unlinked(),
            );
            p
        }
    } else {
        Box::into_raw(Box::new(obj)) as *mut ObjHeader
    }
}

/// Frees what [`box_obj`] allocated (untracking a container first).
///
/// # Safety
/// `p` must come from `box_obj::<T>(gc, ..)` with the same `gc`, and be
/// unreferenced.
#[inline]
unsafe fn unbox_obj<T>(gc: bool, p: *mut ObjHeader) {
    // SAFETY: forwarded from the caller.
    unsafe {
        if gc {
            crate::gc::untrack(p);
            let off = std::mem::offset_of!(GcBox<Obj<T>>, obj);
            drop(Box::from_raw((p as *mut u8).sub(off) as *mut GcBox<Obj<T>>));
        } else {
            drop(Box::from_raw(p as *mut Obj<T>));
        }
    }
}

unsafe fn dealloc_obj<T: PyPayload>(p: *mut ObjHeader) {
    // SAFETY: p was allocated by `alloc_as::<T>` with its type's layout
    // (`__class__` assignment keeps `layout.gc`), and its count is zero.
    unsafe {
        let ty = (*p).ty.get();
        unbox_obj::<T>((&*ty).layout.gc, p);
        drop(PyRef::from_raw(ty as *mut ObjHeader));
    }
}

unsafe fn traverse_obj<T: PyPayload>(p: *const ObjHeader, visit: &mut Visit<'_>) {
    // SAFETY: p is a live Obj<T>.
    unsafe {
        let o = &*(p as *const Obj<T>);
        o.payload.trace(visit);
    }
}

unsafe fn clear_obj<T: PyPayload>(p: *const ObjHeader) {
    // SAFETY: p is a live Obj<T>.
    unsafe { (*(p as *const Obj<T>)).payload.clear() }
}

unsafe fn dealloc_sub<T: PyPayload>(p: *mut ObjHeader) {
    // SAFETY: p was allocated as Obj<Subclassed<T>> and its count is zero.
    unsafe {
        let ty = (*p).ty.get();
        unbox_obj::<Subclassed<T>>(true, p);
        drop(PyRef::from_raw(ty as *mut ObjHeader));
    }
}

unsafe fn traverse_sub<T: PyPayload>(p: *const ObjHeader, visit: &mut Visit<'_>) {
    // SAFETY: p is a live Obj<Subclassed<T>>.
    unsafe { (*(p as *const Obj<Subclassed<T>>)).payload.trace(visit) }
}

unsafe fn clear_sub<T: PyPayload>(p: *const ObjHeader) {
    // SAFETY: p is a live Obj<Subclassed<T>>.
    unsafe { (*(p as *const Obj<Subclassed<T>>)).payload.clear() }
}

struct SubFns<T>(std::marker::PhantomData<T>);
impl<T: PyPayload> SubFns<T> {
    const FNS: LayoutFns = LayoutFns {
        dealloc: dealloc_sub::<T>,
        traverse: traverse_sub::<T>,
        clear: clear_sub::<T>,
        attrs_offset: std::mem::offset_of!(Obj<Subclassed<T>>, payload)
            + std::mem::offset_of!(Subclassed<T>, attrs),
    };
}

impl Layout {
    /// The layout of exact instances of payload `T`.
    pub fn of<T: PyPayload>() -> Layout {
        let own = T::own_attrs_offset();
        Layout {
            type_id: TypeId::of::<T>(),
            gc: T::GC || own.is_some(),
            dealloc: dealloc_obj::<T>,
            traverse: traverse_obj::<T>,
            clear: clear_obj::<T>,
            attrs_offset: own,
            is_sub: false,
            sub: if own.is_some() {
                None
            } else {
                Some(&SubFns::<T>::FNS)
            },
        }
    }

    /// The layout of instances of a Python subclass of a type with this
    /// layout.
    pub fn subclass(&self) -> Layout {
        match self.sub {
            Some(f) if !self.is_sub => Layout {
                type_id: self.type_id,
                gc: true,
                dealloc: f.dealloc,
                traverse: f.traverse,
                clear: f.clear,
                attrs_offset: Some(f.attrs_offset),
                is_sub: true,
                sub: self.sub,
            },
            _ => Layout {
                is_sub: true,
                ..*self
            },
        }
    }
}

/// Allocates an object of type `cls` with payload `T`.  `cls` must be
/// `T::class()` or a subclass of it (checked by the caller, typically the
/// type's `__new__`); the `Subclassed<T>` layout is used when `cls`'s layout
/// asks for it.
pub fn alloc_as<T: PyPayload>(cls: &Obj<PyType>, payload: T) -> PyRef {
    let cls_ref = cls.to_ref();
    let tyraw = cls_ref.into_raw() as *const Obj<PyType>;
    let layout = &cls.layout;
    let p: *mut ObjHeader =
        if layout.is_sub && layout.sub.is_some() && layout.type_id == TypeId::of::<T>() {
            box_obj(
                true,
                Obj {
                    header: ObjHeader::new(tyraw),
                    payload: Subclassed {
                        base: payload,
                        attrs: InstanceAttrs::new(),
                    },
                },
            )
        } else {
            box_obj(
                layout.gc,
                Obj {
                    header: ObjHeader::new(tyraw),
                    payload,
                },
            )
        };
    if layout.gc {
        // SAFETY: p was just allocated with links.
        unsafe { crate::gc::track(p) };
    }
    // SAFETY: freshly allocated with count 1.
    unsafe { PyRef::from_raw(p) }
}

/// Allocates an exact instance of `T::class()`.
#[inline]
pub fn alloc<T: PyPayload>(payload: T) -> PyRef {
    alloc_as(T::class(), payload)
}

impl PyRef {
    /// The type of this object.
    #[inline(always)]
    pub fn class(&self) -> &Obj<PyType> {
        match self.header_ptr() {
            // SAFETY: self keeps the object and so its type alive.
            Some(p) => unsafe { &*(*p).ty.get() },
            None => crate::types::int::PyInt::class(),
        }
    }

    /// A new reference to this object's type.
    #[inline]
    pub fn class_ref(&self) -> PyRef {
        self.class().to_ref()
    }

    /// The payload if this object's layout is `T` (exact or a subclass).
    #[inline(always)]
    pub fn downcast<T: PyPayload>(&self) -> Option<&T> {
        let p = self.header_ptr()?;
        // SAFETY: the layout's TypeId says what the payload is; the payload
        // is at the same offset in `Obj<T>` and `Obj<Subclassed<T>>`.
        unsafe {
            let ty = &*(*p).ty.get();
            if ty.layout.type_id == TypeId::of::<T>() {
                Some(&(*(p as *const Obj<T>)).payload)
            } else {
                None
            }
        }
    }

    /// True if the object's type is exactly `T::class()`.
    #[inline(always)]
    pub fn is_exact<T: PyPayload>(&self) -> bool {
        std::ptr::eq(self.class(), T::class())
    }

    /// The payload of an object known to have layout `T`.
    ///
    /// # Safety
    /// The caller must know that `self.downcast::<T>()` would succeed.
    #[inline(always)]
    pub unsafe fn payload_unchecked<T: PyPayload>(&self) -> &T {
        // SAFETY: forwarded.
        unsafe { &(*(self.bits() as *const Obj<T>)).payload }
    }

    /// The instance-attribute storage of this object, if its type has one.
    #[inline]
    pub fn attrs(&self) -> Option<&InstanceAttrs> {
        let p = self.header_ptr()?;
        // SAFETY: attrs_offset is only set for layouts that hold an
        // InstanceAttrs at that offset.
        unsafe {
            let ty = &*(*p).ty.get();
            let off = ty.layout.attrs_offset?;
            Some(&*((p as *const u8).add(off) as *const InstanceAttrs))
        }
    }

    /// The attribute storage visible as `__dict__` (none for `__slots__`
    /// classes without a `__dict__` slot).
    #[inline]
    pub fn dict_attrs(&self) -> Option<&InstanceAttrs> {
        if self
            .class()
            .has_flag(crate::object::typeobj::flags::NO_DICT)
        {
            return None;
        }
        self.attrs()
    }

    /// This object as a type object, if it is one.
    #[inline]
    pub fn as_type(&self) -> Option<&Obj<PyType>> {
        let p = self.header_ptr()?;
        // SAFETY: type objects are Obj<PyType> (or Subclassed, same offset).
        unsafe {
            let ty = &*(*p).ty.get();
            if ty.layout.type_id == TypeId::of::<PyType>() {
                Some(&*(p as *const Obj<PyType>))
            } else {
                None
            }
        }
    }
}
