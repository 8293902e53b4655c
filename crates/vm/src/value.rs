//! The one-word Python reference.
//!
//! A `PyRef` is a single machine word.  If its low bit is 1 it is an inline
//! small int: the value is the word shifted right arithmetically by one, so
//! every `i64` in `[-2^62, 2^62)` is representable without allocation.
//! Otherwise it is a non-null pointer to a heap object whose first field is
//! an [`ObjHeader`] (a non-atomic reference count and the type pointer).
//!
//! `PyRef` is an *owned* reference: `Clone` increments the count, `Drop`
//! decrements it and deallocates through the type's layout when it reaches
//! zero.  Code that only looks at a value takes `&PyRef` (no refcount
//! traffic).
//!
//! Deallocation never recurses deeply on the Rust stack: [`dealloc`] keeps a
//! per-thread nesting depth, and past [`TRASH_DEPTH`] it pushes the object on a
//! deferred queue that the outermost deallocation drains (CPython's
//! "trashcan").  Freeing a million-deep nested list therefore uses a bounded
//! amount of stack.

use std::cell::{Cell, RefCell};
use std::num::NonZeroUsize;

use crate::object::{Obj, PyType};

/// The header every heap object starts with.
#[repr(C)]
pub struct ObjHeader {
    pub(crate) refcnt: Cell<usize>,
    pub(crate) ty: Cell<*const Obj<PyType>>,
}

impl ObjHeader {
    /// A header for a new object of type `ty` (the caller owns one reference
    /// to `ty` that the object takes over).
    pub(crate) fn new(ty: *const Obj<PyType>) -> ObjHeader {
        ObjHeader {
            refcnt: Cell::new(1),
            ty: Cell::new(ty),
        }
    }
}

/// Smallest inline small int.
pub const SMALL_MIN: i64 = -(1 << 62);
/// Largest inline small int.
pub const SMALL_MAX: i64 = (1 << 62) - 1;

/// An owned Python reference (one word).  See the module documentation.
#[repr(transparent)]
pub struct PyRef {
    bits: NonZeroUsize,
}

impl PyRef {
    /// An inline small int, or `None` when `v` is out of the inline range.
    #[inline]
    pub fn small_int(v: i64) -> Option<PyRef> {
        if (SMALL_MIN..=SMALL_MAX).contains(&v) {
            let bits = ((v << 1) | 1) as usize;
            // SAFETY: the low bit is set, so bits is non-zero.
            Some(PyRef {
                bits: unsafe { NonZeroUsize::new_unchecked(bits) },
            })
        } else {
            None
        }
    }

    /// True if this is an inline small int.
    #[inline(always)]
    pub fn is_small(&self) -> bool {
        self.bits.get() & 1 == 1
    }

    /// The inline small int value, if this is one.
    #[inline(always)]
    pub fn as_small(&self) -> Option<i64> {
        if self.is_small() {
            Some((self.bits.get() as i64) >> 1)
        } else {
            None
        }
    }

    /// The raw word (for identity: `id()`, `is`, hashing of identity).
    #[inline(always)]
    pub fn bits(&self) -> usize {
        self.bits.get()
    }

    /// `a is b`.
    #[inline(always)]
    pub fn is(&self, other: &PyRef) -> bool {
        self.bits == other.bits
    }

    /// The header pointer of a heap object; `None` for a small int.
    #[inline(always)]
    pub fn header_ptr(&self) -> Option<*mut ObjHeader> {
        if self.is_small() {
            None
        } else {
            Some(self.bits.get() as *mut ObjHeader)
        }
    }

    /// Takes ownership of a header pointer that carries one reference.
    ///
    /// # Safety
    /// `p` must point to a live heap object and the caller must transfer one
    /// reference count to the result.
    #[inline(always)]
    pub unsafe fn from_raw(p: *mut ObjHeader) -> PyRef {
        // SAFETY: heap objects are never at address 0 and are aligned, so
        // the low bit is clear and the word is non-zero.
        PyRef {
            bits: unsafe { NonZeroUsize::new_unchecked(p as usize) },
        }
    }

    /// Makes a new owned reference from a header pointer (increfs).
    ///
    /// # Safety
    /// `p` must point to a live heap object.
    #[inline(always)]
    pub unsafe fn from_borrowed_ptr(p: *const ObjHeader) -> PyRef {
        // SAFETY: caller guarantees liveness.
        unsafe {
            let h = &*p;
            h.refcnt.set(h.refcnt.get() + 1);
            PyRef::from_raw(p as *mut ObjHeader)
        }
    }

    /// Gives up ownership without decrementing; returns the word.
    #[inline(always)]
    pub fn into_raw(self) -> usize {
        let b = self.bits.get();
        std::mem::forget(self);
        b
    }

    /// Current reference count (small ints report a large constant, like
    /// CPython's immortal objects).
    pub fn refcount(&self) -> usize {
        match self.header_ptr() {
            // SAFETY: self keeps the object alive.
            Some(p) => unsafe { (*p).refcnt.get() },
            None => 1 << 30,
        }
    }
}

impl Clone for PyRef {
    #[inline(always)]
    fn clone(&self) -> PyRef {
        if let Some(p) = self.header_ptr() {
            // SAFETY: self keeps the object alive.
            unsafe {
                let h = &*p;
                h.refcnt.set(h.refcnt.get() + 1);
            }
        }
        PyRef { bits: self.bits }
    }
}

impl Drop for PyRef {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some(p) = self.header_ptr() {
            // SAFETY: we own one reference, so the object is alive here.
            unsafe {
                let h = &*p;
                let n = h.refcnt.get() - 1;
                h.refcnt.set(n);
                if n == 0 {
                    dealloc(p);
                }
            }
        }
    }
}

impl std::fmt::Debug for PyRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_small() {
            Some(v) => write!(f, "PyRef(int {v})"),
            None => write!(
                f,
                "PyRef(<{} object at {:#x}>)",
                self.class().name(),
                self.bits()
            ),
        }
    }
}

/// Nesting depth beyond which deallocation is deferred.
pub const TRASH_DEPTH: u32 = 50;

thread_local! {
    static DEALLOC_DEPTH: Cell<u32> = const { Cell::new(0) };
    static TRASH: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Deallocates an object whose count just reached zero (see module docs).
///
/// # Safety
/// `p` must point to a heap object with a reference count of zero.
#[cold]
#[inline(never)]
pub unsafe fn dealloc(p: *mut ObjHeader) {
    // Exact floats hold no references, have no finalizer and cannot be
    // weakly referenced: they go straight to the float free list.
    // SAFETY: p is a live object (count zero) whose header holds its type.
    if unsafe { std::ptr::eq((*p).ty.get(), crate::types::float::FLOAT_TYPE.get()) } {
        // SAFETY: forwarded from the caller; the type is exactly float.
        unsafe { crate::types::float::free_exact(p) };
        return;
    }
    let depth = DEALLOC_DEPTH.try_with(|d| d.get()).unwrap_or(0);
    if depth >= TRASH_DEPTH {
        let pushed = TRASH.try_with(|t| t.borrow_mut().push(p as usize)).is_ok();
        if pushed {
            return;
        }
    }
    let _ = DEALLOC_DEPTH.try_with(|d| d.set(depth + 1));
    // SAFETY: forwarded from the caller.
    unsafe { dealloc_now(p) };
    if depth == 0 {
        // Drain the deferred queue at the outermost level.
        loop {
            let next = TRASH.try_with(|t| t.borrow_mut().pop()).ok().flatten();
            match next {
                // SAFETY: queued objects had a zero count and were not freed.
                Some(q) => unsafe { dealloc_now(q as *mut ObjHeader) },
                None => break,
            }
        }
    }
    let _ = DEALLOC_DEPTH.try_with(|d| d.set(depth));
}

/// Runs the finalizer (if any) and the layout's destructor.
unsafe fn dealloc_now(p: *mut ObjHeader) {
    // SAFETY: p is a live object with count zero; its type is alive because
    // the object holds a reference to it.
    unsafe {
        let ty = &*(*p).ty.get();
        if ty.has_finalizer() && crate::gc::run_finalizer(p) {
            return; // resurrected
        }
        if ty.weakly_referenced.get() {
            // Out of the gc list before any callback runs: a collection
            // started by a callback must not see this dying object.
            if ty.layout.gc {
                crate::gc::untrack(p);
            }
            crate::types::weakref::clear_weakrefs(p);
        }
        (ty.layout.dealloc)(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_int_round_trip() {
        for v in [0i64, 1, -1, 42, SMALL_MAX, SMALL_MIN, -12345678901] {
            let r = PyRef::small_int(v).unwrap();
            assert!(r.is_small());
            assert_eq!(r.as_small(), Some(v));
        }
        assert!(PyRef::small_int(SMALL_MAX + 1).is_none());
        assert!(PyRef::small_int(SMALL_MIN - 1).is_none());
        assert_eq!(std::mem::size_of::<PyRef>(), 8);
        assert_eq!(std::mem::size_of::<Option<PyRef>>(), 8);
    }
}
