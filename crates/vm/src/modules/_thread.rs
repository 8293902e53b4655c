//! The `_thread` module (what `Lib/threading.py` builds on): real OS
//! threads under the GIL (`runtime::gil`).
//!
//! `start_new_thread(function, args[, kwargs])` gives the new thread its
//! own interpreter state ([`Vm::new_thread`]) and runs the function once it
//! holds the GIL; an exception other than `SystemExit` is reported through
//! `sys.unraisablehook` as "Exception ignored in thread started by", as
//! CPython does.  When the function returns, the thread's `_set_sentinel`
//! lock is released (what `Thread.join` waits on), its `_local` dicts are
//! dropped, and the GIL is let go for good.
//!
//! `lock` and `RLock` are native: their state is a `std` mutex and
//! condition variable ([`LockCore`]), so a thread can wait for one with the
//! GIL released while another releases it.  A blocking `acquire` first
//! tries without waiting; otherwise it waits with the GIL released — in
//! slices in the main thread, so pending signal handlers run (and may
//! raise, e.g. `KeyboardInterrupt`) as CPython's interruptible waits do.
//! `_local`, `_ExceptHookArgs` and `_excepthook` are written in the Python
//! prelude below.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::args::Args;
use crate::error::{PyResult, overflow_error, runtime_error, type_error, value_error};
use crate::object::trace::{Trace, Visit};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::runtime::gil;
use crate::types::bool_::py_bool;
use crate::types::dict::PyDict;
use crate::types::int::{int_from_i64, to_i64};
use crate::types::module::PyModule;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil;

/// `_thread.TIMEOUT_MAX`.
const TIMEOUT_MAX: f64 = 9223372036.0;

/// Threads started by `start_new_thread` and still running (`_count()`).
static RUNNING: AtomicUsize = AtomicUsize::new(0);
/// `stack_size()`: the size requested for new threads (0 = default).
static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);
/// Stack of a new thread by default: as large as the main thread's, so
/// the native-depth cap protects both alike (only touched pages are
/// committed).
const DEFAULT_STACK: usize = 256 << 20;

/// The prelude's per-thread `_local` cleanup, called as a thread ends.
static LOCAL_CLEANUP: gil::GilCell<RefCell<Option<PyRef>>> = gil::GilCell::new(RefCell::new(None));

/// In a forked child only the forking thread exists.
pub fn after_fork_child() {
    RUNNING.store(0, Ordering::SeqCst);
}

/// The calling thread's identifier (`get_ident()`).
pub fn ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// The shared state of a lock: owner thread and acquisition count (0 or 1
/// for `lock`), behind a mutex that waiters sleep on without the GIL.
pub struct LockCore {
    st: Mutex<(u64, u64)>,
    cv: Condvar,
}

impl Trace for LockCore {
    #[inline]
    fn trace(&self, _: &mut Visit<'_>) {}
}

/// How a wait ended.
enum Waited {
    Got,
    TimedOut,
    Signal,
}

impl LockCore {
    fn new() -> LockCore {
        LockCore {
            st: Mutex::new((0, 0)),
            cv: Condvar::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, (u64, u64)> {
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the lock if free (or, for an RLock, already ours).
    fn try_acquire(&self, me: u64, reentrant: bool) -> bool {
        let mut st = self.state();
        if st.1 == 0 {
            *st = (me, 1);
            true
        } else if reentrant && st.0 == me {
            st.1 += 1;
            true
        } else {
            false
        }
    }

    /// Waits (without the GIL) until the lock is free and takes it, until
    /// `deadline`, or until a signal is pending when `signals` is set.
    fn wait(&self, me: u64, deadline: Option<Instant>, signals: bool) -> Waited {
        let mut st = self.state();
        loop {
            if st.1 == 0 {
                *st = (me, 1);
                return Waited::Got;
            }
            if signals && super::_signal::any_pending() {
                return Waited::Signal;
            }
            let mut slice = Duration::from_secs(3600);
            if let Some(d) = deadline {
                let now = Instant::now();
                if now >= d {
                    return Waited::TimedOut;
                }
                slice = d - now;
            }
            if signals {
                slice = slice.min(Duration::from_millis(20));
            }
            st = self
                .cv
                .wait_timeout(st, slice)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Blocking acquire: tries, then waits with the GIL released.
    fn acquire(&self, vm: &Vm, reentrant: bool, timeout: Option<f64>) -> PyResult<bool> {
        let me = ident();
        if self.try_acquire(me, reentrant) {
            return Ok(true);
        }
        if timeout == Some(0.0) {
            return Ok(false);
        }
        let deadline = timeout.map(|t| Instant::now() + Duration::from_secs_f64(t));
        let signals = vm.is_main_thread();
        loop {
            match gil::allow_threads(|| self.wait(me, deadline, signals)) {
                Waited::Got => return Ok(true),
                Waited::TimedOut => return Ok(false),
                Waited::Signal => super::_signal::run_pending(vm)?,
            }
        }
    }

    /// Releases one level; false if the caller may not (unlocked, or an
    /// RLock owned by another thread).
    fn release(&self, owner_check: Option<u64>) -> bool {
        let mut st = self.state();
        if st.1 == 0 || owner_check.is_some_and(|me| st.0 != me) {
            return false;
        }
        st.1 -= 1;
        if st.1 == 0 {
            st.0 = 0;
            drop(st);
            self.cv.notify_one();
        }
        true
    }

    fn snapshot(&self) -> (u64, u64) {
        *self.state()
    }

    fn reset(&self) {
        *self.state() = (0, 0);
    }
}

crate::py_payload! {
    /// `_thread.lock`.
    pub struct PyLock { core: LockCore }
}

crate::py_payload! {
    /// `_thread.RLock`.
    pub struct PyRLock { core: LockCore }
}

pub static LOCK_TYPE: StaticType = StaticType::new();
pub static RLOCK_TYPE: StaticType = StaticType::new();

impl PyPayload for PyLock {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        LOCK_TYPE.get()
    }
}

impl PyPayload for PyRLock {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        RLOCK_TYPE.get()
    }
}

/// A new unlocked `_thread.lock`.
pub fn new_lock() -> PyRef {
    crate::object::alloc(PyLock {
        core: LockCore::new(),
    })
}

fn lock_of(o: Option<&PyRef>) -> PyResult<&LockCore> {
    o.and_then(|o| o.downcast::<PyLock>())
        .map(|l| &l.core)
        .ok_or_else(|| type_error("descriptor requires a '_thread.lock' object"))
}

fn rlock_of(o: Option<&PyRef>) -> PyResult<&LockCore> {
    o.and_then(|o| o.downcast::<PyRLock>())
        .map(|l| &l.core)
        .ok_or_else(|| type_error("descriptor requires a '_thread.RLock' object"))
}

/// A timeout in seconds, converted as CPython's `_PyTime_FromSecondsObject`.
fn timeout_secs(vm: &Vm, o: &PyRef) -> PyResult<f64> {
    if let Some(f) = o.downcast::<crate::types::float::PyFloat>() {
        let v = f.value;
        if v.is_nan() {
            return Err(value_error("Invalid value NaN (not a number)"));
        }
        if !(-9.223372036854776e9..9.223372036854776e9).contains(&v) {
            return Err(overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(v);
    }
    let i = crate::protocol::number::index(vm, o).map_err(|e| {
        if e.matches(&crate::types::exceptions::TYPE_ERROR) {
            type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                o.class().name()
            ))
        } else {
            e
        }
    })?;
    match to_i64(&i) {
        Some(n) if n.unsigned_abs() <= 9_223_372_036 => Ok(n as f64),
        _ => Err(overflow_error(
            "timestamp too large to convert to C _PyTime_t",
        )),
    }
}

/// `acquire(blocking=True, timeout=-1)`'s arguments: `None` timeout means
/// "wait forever", `Some(0.0)` "don't wait".
fn acquire_args(vm: &Vm, a: Args<'_>) -> PyResult<Option<f64>> {
    let [blocking, timeout] = a.bind("acquire", ["blocking", "timeout"], 0, 0)?;
    let blocking = match blocking {
        Some(b) => crate::protocol::object::is_true(vm, &b)?,
        None => true,
    };
    let timeout = match timeout {
        Some(t) => timeout_secs(vm, &t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(value_error(
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(value_error("timeout value must be positive"));
    }
    if !blocking {
        return Ok(Some(0.0));
    }
    if timeout == -1.0 {
        return Ok(None);
    }
    if timeout > TIMEOUT_MAX {
        return Err(overflow_error("timeout value is too large"));
    }
    Ok(Some(timeout))
}

fn lock_acquire(vm: &Vm, a: Args<'_>) -> PyResult {
    let core = lock_of(a.args.first())?;
    let timeout = acquire_args(vm, a.shift())?;
    Ok(py_bool(core.acquire(vm, false, timeout)?))
}

fn lock_release(_: &Vm, a: Args<'_>) -> PyResult {
    let core = lock_of(a.args.first())?;
    if !core.release(None) {
        return Err(runtime_error("release unlocked lock"));
    }
    Ok(none())
}

fn lock_exit(vm: &Vm, a: Args<'_>) -> PyResult {
    lock_release(vm, Args::pos(&a.args[..a.args.len().min(1)]))
}

fn lock_locked(_: &Vm, a: Args<'_>) -> PyResult {
    let core = lock_of(a.args.first())?;
    a.shift().no_args("locked")?;
    Ok(py_bool(core.snapshot().1 > 0))
}

fn lock_reinit(_: &Vm, a: Args<'_>) -> PyResult {
    lock_of(a.args.first())?.reset();
    Ok(none())
}

/// CPython's `tp_name`: `_thread.lock` for the builtin types, the bare
/// class name for subclasses.
fn tp_name(o: &PyRef) -> String {
    let t = o.class();
    if t.is_heap() { t.name() } else { t.repr_name() }
}

fn lock_repr(_: &Vm, o: &PyRef) -> PyResult {
    let core = lock_of(Some(o))?;
    let state = if core.snapshot().1 > 0 {
        "locked"
    } else {
        "unlocked"
    };
    Ok(PyStr::new_ref(&format!(
        "<{state} {} object at {:#x}>",
        tp_name(o),
        o.bits()
    )))
}

fn lock_new(_: &Vm, _cls: &PyRef, _a: Args<'_>) -> PyResult {
    Err(type_error("cannot create '_thread.lock' instances"))
}

fn rlock_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls.as_type().ok_or_else(|| type_error("not a type"))?;
    Ok(crate::object::alloc_as(
        t,
        PyRLock {
            core: LockCore::new(),
        },
    ))
}

fn rlock_acquire(vm: &Vm, a: Args<'_>) -> PyResult {
    let core = rlock_of(a.args.first())?;
    let timeout = acquire_args(vm, a.shift())?;
    Ok(py_bool(core.acquire(vm, true, timeout)?))
}

fn rlock_release(_: &Vm, a: Args<'_>) -> PyResult {
    let core = rlock_of(a.args.first())?;
    if !core.release(Some(ident())) {
        return Err(runtime_error("cannot release un-acquired lock"));
    }
    Ok(none())
}

fn rlock_exit(vm: &Vm, a: Args<'_>) -> PyResult {
    rlock_release(vm, Args::pos(&a.args[..a.args.len().min(1)]))
}

fn rlock_is_owned(_: &Vm, a: Args<'_>) -> PyResult {
    let (owner, count) = rlock_of(a.args.first())?.snapshot();
    Ok(py_bool(count > 0 && owner == ident()))
}

fn rlock_recursion_count(_: &Vm, a: Args<'_>) -> PyResult {
    let (owner, count) = rlock_of(a.args.first())?.snapshot();
    Ok(int_from_i64(if owner == ident() {
        count as i64
    } else {
        0
    }))
}

fn rlock_release_save(_: &Vm, a: Args<'_>) -> PyResult {
    let core = rlock_of(a.args.first())?;
    let (owner, count) = {
        let mut st = core.state();
        if st.1 == 0 {
            return Err(runtime_error("cannot release un-acquired lock"));
        }
        let old = *st;
        *st = (0, 0);
        old
    };
    core.cv.notify_one();
    Ok(PyTuple::new_ref(vec![u64_ref(count), u64_ref(owner)]))
}

fn u64_ref(v: u64) -> PyRef {
    crate::types::int::int_from_bigint(num_bigint::BigInt::from(v))
}

fn u64_arg(vm: &Vm, o: &PyRef) -> PyResult<u64> {
    let i = crate::protocol::number::index(vm, o)?;
    crate::types::int::to_bigint(&i)
        .and_then(|b| u64::try_from(&b).ok())
        .ok_or_else(|| overflow_error("Python int too large to convert to C unsigned long"))
}

fn rlock_acquire_restore(vm: &Vm, a: Args<'_>) -> PyResult {
    let core = rlock_of(a.args.first())?;
    let state = a.shift().one_arg("_acquire_restore")?;
    let items = state
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .filter(|v| v.len() == 2)
        .ok_or_else(|| type_error("_acquire_restore() argument must be a 2-tuple"))?;
    let count = u64_arg(vm, &items[0])?;
    let owner = u64_arg(vm, &items[1])?;
    core.acquire(vm, false, None)?;
    *core.state() = (owner, count);
    Ok(none())
}

fn rlock_reinit(_: &Vm, a: Args<'_>) -> PyResult {
    rlock_of(a.args.first())?.reset();
    Ok(none())
}

fn rlock_repr(_: &Vm, o: &PyRef) -> PyResult {
    let (owner, count) = rlock_of(Some(o))?.snapshot();
    let state = if count > 0 { "locked" } else { "unlocked" };
    Ok(PyStr::new_ref(&format!(
        "<{state} {} object owner={owner} count={count} at {:#x}>",
        tp_name(o),
        o.bits()
    )))
}

static LOCK_METHODS: &[MethodDef] = &[
    MethodDef::method("acquire", lock_acquire),
    MethodDef::method("acquire_lock", lock_acquire),
    MethodDef::method("__enter__", lock_acquire),
    MethodDef::method("release", lock_release),
    MethodDef::method("release_lock", lock_release),
    MethodDef::method("__exit__", lock_exit),
    MethodDef::method("locked", lock_locked),
    MethodDef::method("locked_lock", lock_locked),
    MethodDef::method("_at_fork_reinit", lock_reinit),
];

static RLOCK_METHODS: &[MethodDef] = &[
    MethodDef::method("acquire", rlock_acquire),
    MethodDef::method("__enter__", rlock_acquire),
    MethodDef::method("release", rlock_release),
    MethodDef::method("__exit__", rlock_exit),
    MethodDef::method("_is_owned", rlock_is_owned),
    MethodDef::method("_recursion_count", rlock_recursion_count),
    MethodDef::method("_release_save", rlock_release_save),
    MethodDef::method("_acquire_restore", rlock_acquire_restore),
    MethodDef::method("_at_fork_reinit", rlock_reinit),
];

const LOCK_DOC: &str = "A lock object is a synchronization primitive.  To create a lock,\ncall threading.Lock().  Methods are:\n\nacquire() -- lock the lock, possibly blocking until it can be obtained\nrelease() -- unlock of the lock\nlocked() -- test whether the lock is currently locked\n\nA lock is not owned by the thread that locked it; another thread may\nunlock it.  A thread attempting to lock a lock that it has already locked\nwill block until another thread unlocks it.  Deadlocks may ensue.";

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &LOCK_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(lock_new),
                    repr: Some(lock_repr),
                    ..Slots::EMPTY
                },
                methods: LOCK_METHODS,
                doc: Some(LOCK_DOC),
                ..TypeSpec::new("_thread.lock", Layout::of::<PyLock>())
            },
        ),
        (
            &RLOCK_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(rlock_new),
                    repr: Some(rlock_repr),
                    ..Slots::EMPTY
                },
                methods: RLOCK_METHODS,
                flags: flags::BASETYPE,
                ..TypeSpec::new("_thread.RLock", Layout::of::<PyRLock>())
            },
        ),
    ]
}

fn get_ident(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_ident")?;
    Ok(u64_ref(ident()))
}

fn get_native_id(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_native_id")?;
    // SAFETY: gettid has no preconditions.
    Ok(int_from_i64(unsafe { libc::gettid() } as i64))
}

fn allocate_lock(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("allocate_lock")?;
    Ok(new_lock())
}

fn count(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("_count")?;
    Ok(int_from_i64(RUNNING.load(Ordering::SeqCst) as i64))
}

fn set_sentinel(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("_set_sentinel")?;
    let l = new_lock();
    let old = vm.sentinel.replace(Some(l.clone()));
    // A replaced sentinel is released, as CPython does.
    if let Some(o) = old
        && let Some(p) = o.downcast::<PyLock>()
    {
        p.core.release(None);
    }
    Ok(l)
}

fn stack_size(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("stack_size", 0, 1)?;
    let old = STACK_SIZE.load(Ordering::Relaxed);
    if let Some(s) = args.first() {
        let n = crate::types::int::as_ssize(vm, s)?;
        if n != 0 && n < 32768 {
            return Err(value_error("size not valid: 32768 bytes minimum"));
        }
        if n < 0 {
            return Err(value_error("size must be 0 or a positive value"));
        }
        STACK_SIZE.store(n as usize, Ordering::Relaxed);
    }
    Ok(int_from_i64(old as i64))
}

fn interrupt_main(vm: &Vm, a: Args<'_>) -> PyResult {
    let [sig] = a.bind("interrupt_main", ["signum"], 0, 0)?;
    let sig = match sig {
        Some(s) => crate::types::int::as_ssize(vm, &s)?,
        None => libc::SIGINT as i64,
    };
    if !(1..64).contains(&sig) {
        return Err(value_error("signal number out of range"));
    }
    super::_signal::trip(sig as i32);
    // CPython checks the eval breaker right after a builtin call returns:
    // called from the main thread, the handler runs (and may raise) now.
    super::_signal::run_pending(vm)?;
    Ok(none())
}

/// What a new thread needs, made by the starting thread under the GIL.
struct Boot {
    vm: Box<Vm>,
    func: PyRef,
    args: PyRef,
    kwargs: Option<PyRef>,
}

fn start_new_thread(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("start_new_thread")?;
    let args = a.range("start_new_thread", 2, 3)?;
    let (func, targs) = match args {
        [f, t, ..] => (f, t),
        _ => return Err(type_error("start_new_thread expected at least 2 arguments")),
    };
    if !crate::protocol::call::callable(func) {
        return Err(type_error("first arg must be callable"));
    }
    if targs.downcast::<PyTuple>().is_none() {
        return Err(type_error("2nd arg must be a tuple"));
    }
    let kwargs = args.get(2).cloned();
    if kwargs
        .as_ref()
        .is_some_and(|k| k.downcast::<PyDict>().is_none())
    {
        return Err(type_error("optional 3rd arg must be a dictionary"));
    }
    gil::enable_threads();
    let boot = gil::SendBox(Boot {
        vm: Vm::new_thread(vm),
        func: func.clone(),
        args: targs.clone(),
        kwargs,
    });
    let size = match STACK_SIZE.load(Ordering::Relaxed) {
        0 => DEFAULT_STACK,
        n => n.max(DEFAULT_STACK),
    };
    RUNNING.fetch_add(1, Ordering::SeqCst);
    let spawned = std::thread::Builder::new()
        .stack_size(size)
        .spawn(move || thread_main(boot));
    match spawned {
        Ok(h) => {
            use std::os::unix::thread::JoinHandleExt;
            let id = h.as_pthread_t() as u64;
            drop(h);
            Ok(u64_ref(id))
        }
        Err(_) => {
            // The closure (and the Boot inside it) was dropped by the
            // failed spawn on this thread, which holds the GIL.
            RUNNING.fetch_sub(1, Ordering::SeqCst);
            Err(runtime_error("can't start new thread"))
        }
    }
}

/// The body of a thread started by `start_new_thread`.
fn thread_main(boot: gil::SendBox<Boot>) {
    gil::acquire();
    let Boot {
        vm,
        func,
        args,
        kwargs,
    } = boot.0;
    vm.install();
    let r = call_with(&vm, &func, &args, kwargs.as_ref());
    if let Err(e) = r
        && !e.matches(&crate::types::exceptions::SYSTEM_EXIT)
    {
        vm.write_unraisable(&e, Some(&func), "Exception ignored in thread started by");
    }
    drop((func, args, kwargs));
    thread_ended(&vm);
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    drop(vm);
    crate::types::float::clear_free_list();
    gil::release();
}

/// `func(*args, **kwargs)`.
fn call_with(vm: &Vm, func: &PyRef, args: &PyRef, kwargs: Option<&PyRef>) -> PyResult<()> {
    let mut all: Vec<PyRef> = args
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    let mut names = Vec::new();
    if let Some(d) = kwargs.and_then(|k| k.downcast::<PyDict>()) {
        for (k, v) in d.items() {
            if k.downcast::<PyStr>().is_none() {
                return Err(type_error("keywords must be strings"));
            }
            names.push(k);
            all.push(v);
        }
    }
    crate::protocol::call::call(vm, func, Args::new(&all, &names)).map(drop)
}

/// A thread's end: `_local` dicts dropped, sentinel released.
fn thread_ended(vm: &Vm) {
    if let Some(f) = LOCAL_CLEANUP.with(|c| c.borrow().clone())
        && let Err(e) = crate::protocol::call::call_pos(vm, &f, &[u64_ref(ident())])
    {
        vm.write_unraisable(&e, None, "Exception ignored while ending a thread");
    }
    if let Some(l) = vm.sentinel.take()
        && let Some(p) = l.downcast::<PyLock>()
    {
        p.core.release(None);
    }
    vm.set_handled_exception(None);
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("get_ident", get_ident),
    MethodDef::method("get_native_id", get_native_id),
    MethodDef::method("start_new_thread", start_new_thread),
    MethodDef::method("start_new", start_new_thread),
    MethodDef::method("allocate_lock", allocate_lock),
    MethodDef::method("allocate", allocate_lock),
    MethodDef::method("_count", count),
    MethodDef::method("_set_sentinel", set_sentinel),
    MethodDef::method("stack_size", stack_size),
    MethodDef::method("interrupt_main", interrupt_main),
];

const PRELUDE: &str = r#"
error = RuntimeError
TIMEOUT_MAX = 9223372036.0

def _make_local(_ref=__import__('_weakref').ref, _get=object.__getattribute__,
                _set=object.__setattr__, get_ident=get_ident, RLock=RLock):
    # id(local) -> [dicts by thread ident, (args, kw), RLock, weakref]
    _impls = {}
    # thread ident -> weak references to the _local objects holding a
    # dict for that thread (dropped when the thread ends)
    _local_owners = {}

    class _local:
        """Thread-local data"""
        __module__ = '_thread'
        __qualname__ = '_local'
        __slots__ = ('__dict__', '__weakref__')

        def __new__(cls, /, *args, **kw):
            if (args or kw) and cls.__init__ is object.__init__:
                raise TypeError('Initialization arguments are not supported')
            self = object.__new__(cls)
            key = id(self)
            wr = _ref(self, lambda r, key=key: _impls.pop(key, None))
            _impls[key] = [{get_ident(): _get(self, '__dict__')}, (args, kw), RLock(), wr]
            _local_owners.setdefault(get_ident(), []).append(wr)
            return self

        def __getattribute__(self, name):
            with _local_current(self):
                return _get(self, name)

        def __setattr__(self, name, value):
            if name == '__dict__':
                raise AttributeError("'%s' object attribute '__dict__' is read-only"
                                     % type(self).__name__)
            with _local_current(self):
                return _set(self, name, value)

        def __delattr__(self, name):
            if name == '__dict__':
                raise AttributeError("'%s' object attribute '__dict__' is read-only"
                                     % type(self).__name__)
            with _local_current(self):
                return object.__delattr__(self, name)

    class _local_current:
        "Context manager: the _local's attribute dict is the calling thread's."
        __slots__ = ('obj', 'impl')
        def __init__(self, obj):
            self.obj = obj
            self.impl = _impls[id(obj)]
        def __enter__(self):
            obj = self.obj
            dicts, (args, kw), lock, wr = self.impl
            lock.acquire()
            me = get_ident()
            d = dicts.get(me)
            if d is None:
                d = {}
                dicts[me] = d
                _local_owners.setdefault(me, []).append(wr)
                _set(obj, '__dict__', d)
                init = type(obj).__init__
                if init is not object.__init__:
                    try:
                        init(obj, *args, **kw)
                    except BaseException:
                        lock.release()
                        raise
            else:
                _set(obj, '__dict__', d)
        def __exit__(self, *exc):
            self.impl[2].release()

    def _local_cleanup(ident):
        for r in _local_owners.pop(ident, ()):
            obj = r()
            if obj is not None:
                impl = _impls.get(id(obj))
                if impl is not None:
                    impl[0].pop(ident, None)
    return _local, _local_cleanup

_local, _local_cleanup = _make_local()

def daemon_threads_allowed():
    return True

def exit():
    raise SystemExit
exit_thread = exit

class _ExceptHookArgs(tuple):
    "ExceptHookArgs\n\nType used to pass arguments to threading.excepthook."
    __module__ = '_thread'
    __slots__ = ()
    n_sequence_fields = n_fields = 4
    n_unnamed_fields = 0
    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        if len(seq) != 4:
            raise TypeError('_thread._ExceptHookArgs() takes a 4-sequence (%d-sequence given)' % len(seq))
        return tuple.__new__(cls, seq)
    exc_type = property(lambda self: tuple.__getitem__(self, 0))
    exc_value = property(lambda self: tuple.__getitem__(self, 1))
    exc_traceback = property(lambda self: tuple.__getitem__(self, 2))
    thread = property(lambda self: tuple.__getitem__(self, 3))
    def __repr__(self):
        return ('_thread._ExceptHookArgs(exc_type=%r, exc_value=%r, exc_traceback=%r, thread=%r)'
                % tuple(self))

def _excepthook(args, /):
    if not isinstance(args, _ExceptHookArgs):
        raise TypeError('_thread._excepthook argument type must be ExceptHookArgs')
    if args.exc_type is SystemExit:
        return
    import sys
    stderr = sys.stderr
    if stderr is None:
        stderr = getattr(args.thread, '_stderr', None)
        if stderr is None:
            return
    name = getattr(args.thread, 'name', None) if args.thread is not None else None
    if name is None:
        name = get_ident()
    stderr.write('Exception in thread %s:\n' % (name,))
    stderr.flush()
    sys.__excepthook__(args.exc_type, args.exc_value, args.exc_traceback)
    stderr.flush()
"#;

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "_thread",
        "This module provides primitive operations to write multi-threaded programs.\nThe 'threading' module provides a more convenient interface.",
        FUNCTIONS,
    )?;
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    md.set_attr("LockType", LOCK_TYPE.to_ref());
    md.set_attr("RLock", RLOCK_TYPE.to_ref());
    modutil::run_prelude(vm, &m, "<_thread>", PRELUDE)?;
    let cleanup = md.get_attr("_local_cleanup");
    LOCAL_CLEANUP.with(|c| *c.borrow_mut() = cleanup);
    if let Some(d) = md.dict.downcast::<PyDict>() {
        for name in ["_local_cleanup", "_make_local"] {
            d.del_str(&PyStr::new_ref(name));
        }
    }
    Ok(m)
}
