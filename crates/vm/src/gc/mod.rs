//! The cycle collector (CPython's algorithm) and finalizers.
//!
//! Container objects (layouts with `gc = true`) are registered in a
//! per-thread tracked set at allocation and removed at deallocation.  A
//! collection:
//! 1. copies each tracked object's refcount into `gc_refs`;
//! 2. traverses every tracked object and decrements `gc_refs` of each
//!    tracked object it references: what remains is the count of references
//!    from outside the tracked set;
//! 3. marks everything reachable from objects with `gc_refs > 0`;
//! 4. the rest is unreachable garbage: it is kept alive by temporary strong
//!    references, `__del__` finalizers run (once per object, PEP 442), and if
//!    nothing was resurrected each object's `clear` drops its internal
//!    references; dropping the temporary references then frees the cycles
//!    through ordinary refcounting.
//!
//! An instance's reference to its (heap) type counts as an edge, like
//! CPython's `Py_VISIT(Py_TYPE(self))`.
//!
//! Automatic collection: when the tracked population has grown by
//! `threshold` objects (and by half) since the last collection, the
//! interpreter collects at its next safe point.  This is amortized linear.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::value::{ObjHeader, PyRef};

/// A fast hasher for pointer keys.
#[derive(Default)]
pub struct PtrHasher(u64);
impl Hasher for PtrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = ((n as u64) >> 3).wrapping_mul(0x9E3779B97F4A7C15);
    }
}
type PtrSet = HashSet<usize, BuildHasherDefault<PtrHasher>>;
type PtrMap<V> = HashMap<usize, V, BuildHasherDefault<PtrHasher>>;

/// Tracked containers with their tracking sequence number: collections
/// visit objects in tracking order (CPython's gc list order), so the order
/// in which finalizers of a garbage cycle run is deterministic and CPython's,
/// not an accident of addresses.
#[derive(Default)]
struct Tracked {
    map: PtrMap<u64>,
    next: u64,
}

impl Tracked {
    fn in_order(&self) -> Vec<usize> {
        let mut v: Vec<(u64, usize)> = self.map.iter().map(|(&p, &s)| (s, p)).collect();
        v.sort_unstable();
        v.into_iter().map(|(_, p)| p).collect()
    }
}

thread_local! {
    static TRACKED: RefCell<Tracked> = RefCell::new(Tracked::default());
    static FINALIZED: RefCell<PtrSet> = RefCell::new(PtrSet::default());
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static THRESHOLD: Cell<usize> = const { Cell::new(700) };
    static LAST_SIZE: Cell<usize> = const { Cell::new(0) };
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
    static COLLECTIONS: Cell<usize> = const { Cell::new(0) };
}

/// Registers a new container.
#[inline]
pub fn track(p: *mut ObjHeader) {
    let _ = TRACKED.try_with(|t| {
        let mut t = t.borrow_mut();
        let n = t.next;
        t.next = n + 1;
        t.map.insert(p as usize, n);
    });
}

/// Unregisters a container being freed.
#[inline]
pub fn untrack(p: *mut ObjHeader) {
    let _ = TRACKED.try_with(|t| t.borrow_mut().map.remove(&(p as usize)));
    let _ = FINALIZED.try_with(|f| {
        if let Ok(mut f) = f.try_borrow_mut()
            && !f.is_empty()
        {
            f.remove(&(p as usize));
        }
    });
}

pub fn is_tracked(o: &PyRef) -> bool {
    o.header_ptr()
        .is_some_and(|p| TRACKED.with(|t| t.borrow().map.contains_key(&(p as usize))))
}

pub fn enable(on: bool) {
    ENABLED.with(|e| e.set(on));
}

pub fn is_enabled() -> bool {
    ENABLED.with(|e| e.get())
}

pub fn set_threshold(n: usize) {
    THRESHOLD.with(|t| t.set(n));
}

pub fn get_threshold() -> usize {
    THRESHOLD.with(|t| t.get())
}

pub fn tracked_count() -> usize {
    TRACKED.with(|t| t.borrow().map.len())
}

pub fn collection_count() -> usize {
    COLLECTIONS.with(|c| c.get())
}

/// True when an automatic collection is due (checked at safe points).
#[inline]
pub fn should_collect() -> bool {
    if !ENABLED.with(|e| e.get()) {
        return false;
    }
    let threshold = THRESHOLD.with(|t| t.get());
    if threshold == 0 {
        return false;
    }
    let n = tracked_count();
    let last = LAST_SIZE.with(|l| l.get());
    n > last + threshold && n > last + last / 2
}

/// Runs the finalizer of an object whose count reached zero.  Returns true
/// if the object was resurrected (and must not be freed).
///
/// # Safety
/// `p` must be a live object with a reference count of zero.
pub unsafe fn run_finalizer(p: *mut ObjHeader) -> bool {
    let already = FINALIZED
        .try_with(|f| f.borrow().contains(&(p as usize)))
        .unwrap_or(true);
    if already {
        return false;
    }
    let Some(vm) = crate::vm::Vm::current() else {
        return false;
    };
    let _ = FINALIZED.try_with(|f| f.borrow_mut().insert(p as usize));
    // SAFETY: temporarily resurrect with one reference owned by `obj`.
    let obj = unsafe {
        (*p).refcnt.set(1);
        PyRef::from_raw(p)
    };
    let del = obj.class().slots().del;
    if let Some(del) = del {
        let saved = vm.save_exception_state();
        if let Err(e) = del(vm, &obj) {
            vm.write_unraisable(&e, Some(&obj), "Exception ignored in");
        }
        vm.restore_exception_state(saved);
    }
    let n = obj.refcount();
    std::mem::forget(obj);
    // SAFETY: we hold the reference we created above.
    unsafe { (*p).refcnt.set(n - 1) };
    n > 1
}

unsafe fn traverse(p: usize, visit: &mut dyn FnMut(*mut ObjHeader)) {
    // SAFETY: p is a tracked, live object.
    unsafe {
        let h = p as *const ObjHeader;
        let ty = &*(*h).ty.get();
        if ty.is_heap() {
            visit((*h).ty.get() as *mut ObjHeader);
        }
        (ty.layout.traverse)(h, visit);
    }
}

/// Runs a full collection; returns the number of unreachable objects found.
pub fn collect() -> usize {
    if COLLECTING.with(|c| c.replace(true)) {
        return 0;
    }
    let found = collect_inner();
    COLLECTING.with(|c| c.set(false));
    COLLECTIONS.with(|c| c.set(c.get() + 1));
    LAST_SIZE.with(|l| l.set(tracked_count()));
    found
}

fn collect_inner() -> usize {
    let objs: Vec<usize> = TRACKED.with(|t| t.borrow().in_order());
    let mut gc_refs: PtrMap<isize> = PtrMap::default();
    gc_refs.reserve(objs.len());
    for &p in &objs {
        // SAFETY: tracked objects are alive.
        let rc = unsafe { (*(p as *const ObjHeader)).refcnt.get() };
        gc_refs.insert(p, rc as isize);
    }
    for &p in &objs {
        // SAFETY: as above.
        unsafe {
            traverse(p, &mut |q| {
                if let Some(r) = gc_refs.get_mut(&(q as usize)) {
                    *r -= 1;
                }
            })
        };
    }
    let mut reachable: PtrSet = PtrSet::default();
    let mut stack: Vec<usize> = objs
        .iter()
        .copied()
        .filter(|p| gc_refs.get(p).is_some_and(|&r| r > 0))
        .collect();
    for &p in &stack {
        reachable.insert(p);
    }
    while let Some(p) = stack.pop() {
        // SAFETY: as above.
        unsafe {
            traverse(p, &mut |q| {
                let q = q as usize;
                if gc_refs.contains_key(&q) && reachable.insert(q) {
                    stack.push(q);
                }
            })
        };
    }
    let unreachable: Vec<usize> = objs
        .iter()
        .copied()
        .filter(|p| !reachable.contains(p))
        .collect();
    if unreachable.is_empty() {
        return 0;
    }
    // SAFETY: all unreachable objects are alive; take strong references.
    let strong: Vec<PyRef> = unreachable
        .iter()
        .map(|&p| unsafe { PyRef::from_borrowed_ptr(p as *const ObjHeader) })
        .collect();
    let mut ran_finalizer = false;
    if let Some(vm) = crate::vm::Vm::current() {
        for o in &strong {
            let Some(del) = o.class().slots().del else {
                continue;
            };
            let p = o.bits();
            let first = FINALIZED.with(|f| f.borrow_mut().insert(p));
            if first {
                ran_finalizer = true;
                let saved = vm.save_exception_state();
                if let Err(e) = del(vm, o) {
                    vm.write_unraisable(&e, Some(o), "Exception ignored in");
                }
                vm.restore_exception_state(saved);
            }
        }
    }
    if ran_finalizer && resurrected(&strong) {
        return 0;
    }
    for o in &strong {
        if let Some(p) = o.header_ptr() {
            // SAFETY: o is alive (we hold a reference).
            unsafe {
                let ty = &*(*p).ty.get();
                (ty.layout.clear)(p);
            }
        }
    }
    let n = strong.len();
    drop(strong);
    n
}

/// After finalizers ran: is any object of the batch referenced from outside?
fn resurrected(batch: &[PyRef]) -> bool {
    let mut refs: PtrMap<isize> = PtrMap::default();
    for o in batch {
        // one reference is ours
        refs.insert(o.bits(), o.refcount() as isize - 1);
    }
    for o in batch {
        // SAFETY: batch objects are alive.
        unsafe {
            traverse(o.bits(), &mut |q| {
                if let Some(r) = refs.get_mut(&(q as usize)) {
                    *r -= 1;
                }
            })
        };
    }
    refs.values().any(|&r| r > 0)
}

/// Strong references to every tracked object (for `gc.get_objects()`).
pub fn tracked_objects() -> Vec<PyRef> {
    let ptrs: Vec<usize> = TRACKED.with(|t| t.borrow().in_order());
    // SAFETY: tracked objects are alive; we take a new reference to each.
    ptrs.into_iter()
        .map(|p| unsafe { PyRef::from_borrowed_ptr(p as *const ObjHeader) })
        .collect()
}

/// Tracked objects allocated since the last collection (`gc.get_count()[0]`).
pub fn count_since_collect() -> usize {
    tracked_count().saturating_sub(LAST_SIZE.with(|l| l.get()))
}

/// True if `o`'s `__del__` already ran (`gc.is_finalized`).
pub fn is_finalized(o: &PyRef) -> bool {
    o.header_ptr()
        .is_some_and(|p| FINALIZED.with(|f| f.borrow().contains(&(p as usize))))
}
