//! Per-module import locks (CPython's `_ModuleLock`s), so that a thread
//! importing a module another thread is still executing waits for it
//! instead of seeing the half-initialized module.
//!
//! The table of modules being imported (name → importing thread) and of
//! threads waiting (thread → module) lives under the GIL; a waiter sleeps
//! on one process-wide condition variable with the GIL released and is
//! woken whenever any import finishes.  A thread that finds its own import
//! in progress (a circular import) goes on as before, and so does a
//! thread whose wait would close a cycle of waiting threads (CPython's
//! `_DeadlockError` case, which also falls back to the partial module).
//! None of this runs before a second thread exists.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crate::error::PyResult;
use crate::runtime::gil::{self, GilLazy};

struct Table {
    /// Module name → thread importing it.
    loading: HashMap<String, u64>,
    /// Thread → module it waits for.
    waiting: HashMap<u64, String>,
}

static TABLE: GilLazy<RefCell<Table>> = GilLazy::new(|| {
    RefCell::new(Table {
        loading: HashMap::new(),
        waiting: HashMap::new(),
    })
});

/// Bumped (and broadcast) whenever an import finishes.
static GENERATION: Mutex<u64> = Mutex::new(0);
static FINISHED: Condvar = Condvar::new();

fn generation() -> u64 {
    *GENERATION.lock().unwrap_or_else(|e| e.into_inner())
}

/// True if waiting for `owner` would close a cycle back to `me`.
fn would_deadlock(t: &Table, me: u64, mut owner: u64) -> bool {
    for _ in 0..t.waiting.len() + 1 {
        if owner == me {
            return true;
        }
        let Some(m) = t.waiting.get(&owner) else {
            return false;
        };
        let Some(&next) = t.loading.get(m) else {
            return false;
        };
        owner = next;
    }
    false
}

/// Runs `load` (the import of `name`) holding `name`'s import lock.
pub fn with_module_lock(name: &str, load: impl FnOnce() -> PyResult) -> PyResult {
    if !gil::threads_started() {
        return load();
    }
    let me = crate::modules::_thread::ident();
    loop {
        let seen = generation();
        let owner = TABLE.with(|t| {
            let mut t = t.borrow_mut();
            match t.loading.get(name).copied() {
                None => {
                    t.loading.insert(name.to_string(), me);
                    None
                }
                Some(o) if o == me || would_deadlock(&t, me, o) => Some(None),
                Some(o) => {
                    t.waiting.insert(me, name.to_string());
                    Some(Some(o))
                }
            }
        });
        match owner {
            // Ours now: import, then let waiters re-check.
            None => {
                let r = load();
                TABLE.with(|t| t.borrow_mut().loading.remove(name));
                *GENERATION.lock().unwrap_or_else(|e| e.into_inner()) += 1;
                FINISHED.notify_all();
                return r;
            }
            // Circular import in this thread, or a cross-thread deadlock.
            Some(None) => return load(),
            Some(Some(_)) => {
                gil::allow_threads(|| {
                    let mut g = GENERATION.lock().unwrap_or_else(|e| e.into_inner());
                    while *g == seen {
                        g = FINISHED
                            .wait_timeout(g, Duration::from_millis(100))
                            .unwrap_or_else(|e| e.into_inner())
                            .0;
                    }
                });
                TABLE.with(|t| t.borrow_mut().waiting.remove(&me));
            }
        }
    }
}
