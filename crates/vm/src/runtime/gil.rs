//! The global interpreter lock (DESIGN §3), and every place that assumes it.
//!
//! All Python objects — reference counts, containers, type objects, the
//! interned-string table, the cycle collector's lists, the weak-reference
//! table — are guarded by one lock, the GIL.  Python code runs on real OS
//! threads (`_thread.start_new_thread`), each with its own per-thread
//! interpreter state (a [`crate::vm::Vm`]: frame stack, handled exception,
//! recursion depth, trace function), but only the thread holding the GIL
//! touches objects.
//!
//! **Handing over.**  A thread that wants the GIL waits on a condition
//! variable in slices of the switch interval (`sys.setswitchinterval`,
//! 5 ms by default).  When a whole slice passes without the GIL changing
//! hands, the waiter sets [`DROP_REQUEST`] and the interpreter's eval
//! breaker; the holder notices at its next safe point (function entry or
//! backward jump — the one check the loop already makes for signals), lets
//! the GIL go and waits until another thread has taken it ("forced
//! switching", as CPython does, so a busy thread cannot immediately grab the
//! lock back), then queues for it again.  Blocking calls (`time.sleep`,
//! lock waits, reads and writes of files, pipes and sockets, `select`,
//! `waitpid`) run inside [`allow_threads`], which releases the GIL around
//! them: the closure must not touch Python objects or hold a `RefCell`
//! borrow of shared state.
//!
//! **Single-threaded cost.**  Until a second thread is started, [`MULTI`]
//! is false and `allow_threads` runs its closure directly; the dispatch
//! loop pays nothing beyond its existing eval-breaker load.
//!
//! **Shared state.**  Process-wide mutable state that used to be
//! `thread_local!` lives in statics wrapped in [`GilCell`] / [`GilLazy`],
//! the one `unsafe impl Sync` that says "only touched with the GIL held".
//! A free-threaded design would replace these two types and this module.
//!
//! Creating a `Vm` takes the GIL for the OS thread ([`acquire`] counts, so
//! unit tests may create several on one thread; the test harness's threads
//! serialize on the GIL); a Python thread lets it go when its function has
//! returned and its state is dropped, any other OS thread when it ends.

use std::cell::{Cell, LazyCell};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// The lock word and the count of hand-overs (for forced switching).
struct State {
    locked: bool,
    switches: u64,
    /// Threads waiting in [`take`].
    waiters: u32,
}

static STATE: Mutex<State> = Mutex::new(State {
    locked: false,
    switches: 0,
    waiters: 0,
});
/// Signalled when the GIL is released.
static RELEASED: Condvar = Condvar::new();
/// Signalled when the GIL is taken (a forced switch completed).
static SWITCHED: Condvar = Condvar::new();

/// Set once a second thread exists; never cleared.
static MULTI: AtomicBool = AtomicBool::new(false);
/// A waiting thread asks the holder to let the GIL go.
static DROP_REQUEST: AtomicBool = AtomicBool::new(false);
/// `sys.getswitchinterval()`, in microseconds (CPython's resolution).
static INTERVAL_US: AtomicU64 = AtomicU64::new(5_000);
/// Set at interpreter exit: the main thread keeps the GIL for good, so
/// daemon threads stay parked while the process ends.
static FINALIZING: AtomicBool = AtomicBool::new(false);

/// How many times this OS thread holds the GIL (0 = not held); an OS
/// thread that ends while holding it (a unit-test thread that created a
/// `Vm`) lets it go from this value's destructor.
struct Held(Cell<u32>);

impl Drop for Held {
    fn drop(&mut self) {
        if self.0.get() > 0 && !FINALIZING.load(Ordering::Relaxed) {
            self.0.set(0);
            drop_gil();
        }
    }
}

thread_local! {
    static HELD: Held = const { Held(Cell::new(0)) };
}

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Takes the GIL, waiting for it (and asking the holder to hand it over
/// when a switch interval passes without a hand-over).
fn take() {
    let mut st = state();
    if st.locked {
        st.waiters += 1;
    }
    let waited = st.locked;
    while st.locked {
        let saved = st.switches;
        let (g, to) = RELEASED
            .wait_timeout(st, interval())
            .unwrap_or_else(|e| e.into_inner());
        st = g;
        if st.locked && to.timed_out() && st.switches == saved {
            DROP_REQUEST.store(true, Ordering::Relaxed);
            crate::interp::EVAL_BREAKER.store(true, Ordering::SeqCst);
        }
    }
    if waited {
        st.waiters -= 1;
    }
    st.locked = true;
    st.switches = st.switches.wrapping_add(1);
    DROP_REQUEST.store(false, Ordering::Relaxed);
    drop(st);
    SWITCHED.notify_all();
    if crate::modules::_signal::any_pending() {
        crate::interp::EVAL_BREAKER.store(true, Ordering::SeqCst);
    }
}

/// Lets the GIL go.
fn drop_gil() {
    let mut st = state();
    st.locked = false;
    drop(st);
    RELEASED.notify_one();
}

fn interval() -> Duration {
    Duration::from_micros(INTERVAL_US.load(Ordering::Relaxed).max(1))
}

/// Takes the GIL for this OS thread (nested calls only count).
pub fn acquire() {
    let n = HELD.try_with(|h| h.0.get()).unwrap_or(0);
    if n == 0 {
        take();
    }
    HELD.with(|h| h.0.set(n + 1));
}

/// Undoes one [`acquire`]; the last one lets the GIL go (except at
/// interpreter exit, see [`finalize`]).
pub fn release() {
    let n = HELD.try_with(|h| h.0.get()).unwrap_or(0);
    if n == 0 {
        return;
    }
    HELD.with(|h| h.0.set(n - 1));
    if n == 1 && !FINALIZING.load(Ordering::Relaxed) {
        drop_gil();
    }
}

/// True when this OS thread holds the GIL.
pub fn held() -> bool {
    HELD.try_with(|h| h.0.get()).unwrap_or(0) > 0
}

/// Records that a second thread is about to exist.
pub fn enable_threads() {
    MULTI.store(true, Ordering::SeqCst);
}

/// True once a second Python thread has been started.
#[inline]
pub fn threads_started() -> bool {
    MULTI.load(Ordering::Relaxed)
}

/// Runs `f` with the GIL released (a blocking call).  `f` must not touch
/// Python objects nor rely on a `RefCell` borrow of shared state.
#[inline]
pub fn allow_threads<R>(f: impl FnOnce() -> R) -> R {
    if !MULTI.load(Ordering::Relaxed) {
        return f();
    }
    allow_threads_slow(f)
}

fn allow_threads_slow<R>(f: impl FnOnce() -> R) -> R {
    let n = HELD.try_with(|h| h.0.get()).unwrap_or(0);
    if n == 0 || FINALIZING.load(Ordering::Relaxed) {
        return f();
    }
    HELD.with(|h| h.0.set(0));
    drop_gil();
    let r = f();
    // Taking the GIL may make system calls: keep the closure's errno for
    // the caller's error report.
    // SAFETY: __errno_location returns this thread's errno slot.
    let errno = unsafe { *libc::__errno_location() };
    take();
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = errno };
    HELD.with(|h| h.0.set(n));
    r
}

/// True when a waiting thread asked for the GIL (checked by the eval
/// breaker).
#[inline]
pub fn drop_requested() -> bool {
    DROP_REQUEST.load(Ordering::Relaxed)
}

/// The eval breaker's hand-over: lets the GIL go, waits until another
/// thread took it, then queues for it again.
#[cold]
pub fn yield_to_waiter() {
    if drop_requested() {
        switch();
    }
}

/// `time.sleep(0)`: hands the GIL to a waiting thread, if any.
pub fn yield_gil() {
    if MULTI.load(Ordering::Relaxed) && state().waiters > 0 {
        switch();
    }
}

fn switch() {
    if FINALIZING.load(Ordering::Relaxed) || !held() {
        return;
    }
    let mut st = state();
    st.locked = false;
    let saved = st.switches;
    DROP_REQUEST.store(false, Ordering::Relaxed);
    RELEASED.notify_one();
    // Forced switching: don't race the waiter for the lock.  The bound on
    // the wait only guards against a waiter that went away.
    let mut tries = 0;
    while st.switches == saved && !st.locked && tries < 4 {
        let (g, _) = SWITCHED
            .wait_timeout(st, interval())
            .unwrap_or_else(|e| e.into_inner());
        st = g;
        tries += 1;
    }
    drop(st);
    take();
}

/// Runs `fork` (which returns the `fork(2)` result) holding the GIL's
/// mutex, so no other thread is inside it when the address space is
/// copied; in the child, the only thread left is the caller: nobody
/// waits for the GIL any more.
pub fn around_fork(fork: impl FnOnce() -> libc::pid_t) -> libc::pid_t {
    let mut st = state();
    let pid = fork();
    if pid == 0 {
        st.waiters = 0;
        DROP_REQUEST.store(false, Ordering::Relaxed);
        crate::modules::_thread::after_fork_child();
    }
    drop(st);
    pid
}

/// `sys.getswitchinterval()`.
pub fn switch_interval() -> f64 {
    INTERVAL_US.load(Ordering::Relaxed) as f64 / 1e6
}

/// `sys.setswitchinterval(seconds)` (checked positive by the caller).
pub fn set_switch_interval(secs: f64) {
    // `as` saturates (and maps NaN to 0), like CPython's conversion.
    INTERVAL_US.store((secs * 1e6) as u64, Ordering::Relaxed);
}

/// Interpreter exit: the calling (main) thread keeps the GIL until the
/// process ends, so daemon threads never run again.
pub fn finalize() {
    FINALIZING.store(true, Ordering::SeqCst);
}

/// Process-wide state guarded by the GIL (see the module documentation).
pub struct GilCell<T>(T);

// SAFETY: a `GilCell` is only reached by code running Python, which holds
// the GIL (a thread without it never runs interpreter code), so at most one
// thread touches the value at a time, and the GIL's mutex orders the
// accesses of successive holders.
unsafe impl<T> Sync for GilCell<T> {}

impl<T> GilCell<T> {
    pub const fn new(v: T) -> GilCell<T> {
        GilCell(v)
    }

    /// Runs `f` on the value (the `thread_local!` spelling, kept so the
    /// call sites read the same).
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }

    /// Like [`GilCell::with`]; never fails (statics are not destroyed).
    #[inline]
    #[allow(clippy::result_unit_err)]
    pub fn try_with<R>(&self, f: impl FnOnce(&T) -> R) -> Result<R, ()> {
        Ok(f(&self.0))
    }
}

/// A [`GilCell`] whose value is built on first use.
pub struct GilLazy<T>(LazyCell<T>);

// SAFETY: as for `GilCell`: only touched with the GIL held, so the lazy
// initialization and every access happen on one thread at a time.
unsafe impl<T> Sync for GilLazy<T> {}

impl<T> GilLazy<T> {
    pub const fn new(init: fn() -> T) -> GilLazy<T> {
        GilLazy(LazyCell::new(init))
    }

    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }

    #[inline]
    #[allow(clippy::result_unit_err)]
    pub fn try_with<R>(&self, f: impl FnOnce(&T) -> R) -> Result<R, ()> {
        Ok(f(&self.0))
    }
}

/// Moves a value to another OS thread.  Used only to hand a new thread
/// its start-up state (function, arguments, interpreter state), which the
/// new thread first touches after taking the GIL.
pub struct SendBox<T>(pub T);

// SAFETY: the value is created under the GIL by the starting thread and
// used by the new thread only once it holds the GIL.
unsafe impl<T> Send for SendBox<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_acquire_release() {
        acquire();
        acquire();
        assert!(held());
        release();
        assert!(held());
    }
}
