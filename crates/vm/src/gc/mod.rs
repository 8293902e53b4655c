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

/// The links every container carries in front of its [`ObjHeader`]
/// (CPython's `PyGC_Head`): all tracked containers of a thread form one
/// circular doubly-linked list in tracking order (new objects go at the
/// tail), so tracking and untracking are a few pointer writes and a
/// collection walks the objects in CPython's gc-list order without sorting.
///
/// `prev` holds the address of the previous node's links, except during
/// the first phases of a collection, when it is the object's scratch word
/// (`gc_refs << 1 | reachable`) and is rebuilt afterwards.  `next` is null
/// for an object that has links but is not tracked (static type objects).
#[repr(C)]
pub struct GcLinks {
    prev: Cell<usize>,
    next: Cell<*mut GcLinks>,
}

/// Bytes in front of the header of a container (its [`GcLinks`]).
pub const GC_PREFIX: usize = std::mem::size_of::<GcLinks>();

impl GcLinks {
    /// Links of an object that is not (yet) in any list.
    pub const fn unlinked() -> GcLinks {
        GcLinks {
            prev: Cell::new(0),
            next: Cell::new(std::ptr::null_mut()),
        }
    }
}

/// A container's allocation: its links, then the object itself.
#[repr(C)]
pub struct GcBox<T> {
    pub links: GcLinks,
    pub obj: T,
}

/// The links of a container.
///
/// # Safety
/// `p` must be an object allocated with a [`GcBox`] prefix (its type's
/// layout has `gc`, or it is a static type object).
#[inline(always)]
unsafe fn links_of(p: *const ObjHeader) -> *mut GcLinks {
    // SAFETY: forwarded: the links sit GC_PREFIX bytes before the header.
    unsafe { (p as *mut u8).sub(GC_PREFIX) as *mut GcLinks }
}

/// The object whose links are at `l`.
#[inline(always)]
fn obj_of(l: *mut GcLinks) -> usize {
    l as usize + GC_PREFIX
}

/// The links of `q` if it is a tracked container.
///
/// # Safety
/// `q` must be a live heap object.
#[inline]
unsafe fn tracked_links(q: *const ObjHeader) -> Option<&'static GcLinks> {
    // SAFETY: q is live, so is its type; gc layouts carry links.
    unsafe {
        if !(&*(*q).ty.get()).layout.gc {
            return None;
        }
        let l = &*links_of(q);
        (!l.next.get().is_null()).then_some(l)
    }
}

/// The list's sentinel node (allocated on first use and deliberately
/// never freed), one for the process: every thread's containers are in one
/// list, as the collector must see all of them.
static HEAD: crate::runtime::gil::GilCell<Cell<*mut GcLinks>> =
    crate::runtime::gil::GilCell::new(Cell::new(std::ptr::null_mut()));
static TRACKED_COUNT: crate::runtime::gil::GilCell<Cell<usize>> =
    crate::runtime::gil::GilCell::new(Cell::new(0));
static FINALIZED: crate::runtime::gil::GilLazy<RefCell<PtrSet>> =
    crate::runtime::gil::GilLazy::new(|| RefCell::new(PtrSet::default()));
static ENABLED: crate::runtime::gil::GilCell<Cell<bool>> =
    crate::runtime::gil::GilCell::new(Cell::new(true));
static THRESHOLD: crate::runtime::gil::GilCell<Cell<usize>> =
    crate::runtime::gil::GilCell::new(Cell::new(700));
static LAST_SIZE: crate::runtime::gil::GilCell<Cell<usize>> =
    crate::runtime::gil::GilCell::new(Cell::new(0));
static COLLECTING: crate::runtime::gil::GilCell<Cell<bool>> =
    crate::runtime::gil::GilCell::new(Cell::new(false));
static COLLECTIONS: crate::runtime::gil::GilCell<Cell<usize>> =
    crate::runtime::gil::GilCell::new(Cell::new(0));

/// The process's sentinel.
#[inline]
fn head() -> *mut GcLinks {
    HEAD.with(|h| {
        let p = h.get();
        if !p.is_null() {
            return p;
        }
        let p: *mut GcLinks = Box::leak(Box::new(GcLinks::unlinked()));
        // SAFETY: p was just allocated; an empty circular list points at itself.
        unsafe {
            (*p).prev.set(p as usize);
            (*p).next.set(p);
        }
        h.set(p);
        p
    })
}

/// The tracked objects in tracking order.
fn tracked_ptrs() -> Vec<usize> {
    let h = head();
    let mut v = Vec::with_capacity(tracked_count());
    // SAFETY: the list holds the links of live tracked objects.
    unsafe {
        let mut l = (*h).next.get();
        while l != h {
            v.push(obj_of(l));
            l = (*l).next.get();
        }
    }
    v
}

/// Registers a new container.
///
/// # Safety
/// `p` must be a freshly allocated object with a [`GcBox`] prefix.
#[inline]
pub unsafe fn track(p: *mut ObjHeader) {
    let h = head();
    // SAFETY: forwarded: p has links; h and its prev are live list nodes.
    unsafe {
        let l = links_of(p);
        let tail = (*h).prev.get() as *mut GcLinks;
        (*l).prev.set(tail as usize);
        (*l).next.set(h);
        (*tail).next.set(l);
        (*h).prev.set(l as usize);
    }
    TRACKED_COUNT.with(|c| c.set(c.get() + 1));
}

/// Unregisters a container being freed.
///
/// # Safety
/// `p` must be an object with a [`GcBox`] prefix.
#[inline]
pub unsafe fn untrack(p: *mut ObjHeader) {
    // SAFETY: forwarded; a linked node's neighbours are live list nodes.
    unsafe {
        let l = links_of(p);
        let next = (*l).next.get();
        if !next.is_null() {
            let prev = (*l).prev.get() as *mut GcLinks;
            (*prev).next.set(next);
            (*next).prev.set(prev as usize);
            (*l).next.set(std::ptr::null_mut());
            (*l).prev.set(0);
            let _ = TRACKED_COUNT.try_with(|c| c.set(c.get().saturating_sub(1)));
        }
    }
    let _ = FINALIZED.try_with(|f| {
        if let Ok(mut f) = f.try_borrow_mut()
            && !f.is_empty()
        {
            f.remove(&(p as usize));
        }
    });
}

pub fn is_tracked(o: &PyRef) -> bool {
    // SAFETY: o keeps the object alive.
    o.header_ptr()
        .is_some_and(|p| unsafe { tracked_links(p) }.is_some())
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
    TRACKED_COUNT.with(|c| c.get())
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
    // Phases 1-3 run no Python code and free nothing, so the list's `prev`
    // words can serve as scratch (`gc_refs << 1 | reachable`) and be
    // rebuilt from `objs` before anything else touches the list.
    let objs: Vec<usize> = tracked_ptrs();
    for &p in &objs {
        // SAFETY: tracked objects are alive and have links.
        unsafe {
            let rc = (*(p as *const ObjHeader)).refcnt.get();
            (*links_of(p as *const ObjHeader)).prev.set(rc << 1);
        }
    }
    for &p in &objs {
        // SAFETY: as above; every reported pointer is a live object.
        unsafe {
            traverse(p, &mut |q| {
                if let Some(l) = tracked_links(q) {
                    l.prev.set(l.prev.get().wrapping_sub(2));
                }
            })
        };
    }
    let mut stack: Vec<usize> = Vec::new();
    for &p in &objs {
        // SAFETY: as above.
        let l = unsafe { &*links_of(p as *const ObjHeader) };
        if (l.prev.get() as isize) >> 1 > 0 {
            l.prev.set(l.prev.get() | 1);
            stack.push(p);
        }
    }
    while let Some(p) = stack.pop() {
        // SAFETY: as above.
        unsafe {
            traverse(p, &mut |q| {
                if let Some(l) = tracked_links(q)
                    && l.prev.get() & 1 == 0
                {
                    l.prev.set(l.prev.get() | 1);
                    stack.push(q as usize);
                }
            })
        };
    }
    drop(stack);
    let unreachable: Vec<usize> = objs
        .iter()
        .copied()
        // SAFETY: as above.
        .filter(|&p| unsafe { (*links_of(p as *const ObjHeader)).prev.get() } & 1 == 0)
        .collect();
    // Rebuild the prev links (the sentinel's own prev was not touched).
    let mut prev = head() as usize;
    for &p in &objs {
        // SAFETY: as above.
        unsafe {
            let l = links_of(p as *const ObjHeader);
            (*l).prev.set(prev);
            prev = l as usize;
        }
    }
    drop(objs);
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
    let ptrs: Vec<usize> = tracked_ptrs();
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
