//! `StaticObj`: a process-wide handle to an immortal singleton object
//! (`None`, `True`, the empty tuple, ...).

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::value::{ObjHeader, PyRef};

/// See the module documentation.
pub struct StaticObj(AtomicUsize);

impl Default for StaticObj {
    fn default() -> Self {
        Self::new()
    }
}

impl StaticObj {
    pub const fn new() -> StaticObj {
        StaticObj(AtomicUsize::new(0))
    }

    /// Installs the object and makes it immortal.
    pub fn set(&self, o: PyRef) {
        if let Some(p) = o.header_ptr() {
            // SAFETY: o keeps p alive; the huge count makes it immortal.
            unsafe { (*p).refcnt.set(1 << 40) };
        }
        self.0.store(o.into_raw(), Ordering::Relaxed);
    }

    /// A new reference to the singleton.
    #[inline(always)]
    pub fn get(&self) -> PyRef {
        let b = self.0.load(Ordering::Relaxed);
        debug_assert!(b != 0, "singleton used before taipan_vm::init()");
        // SAFETY: set at start-up to an immortal object.
        unsafe { PyRef::from_borrowed_ptr(b as *const ObjHeader) }
    }

    /// Identity test without refcount traffic.
    #[inline(always)]
    pub fn is(&self, o: &PyRef) -> bool {
        self.0.load(Ordering::Relaxed) == o.bits()
    }
}

impl StaticObj {
    /// The raw word (0 before start-up).
    pub fn raw(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}
