//! The per-thread interpreter state (`Vm`): recursion accounting, the
//! handled-exception state (`sys.exc_info()`), the frame stack (owned by
//! `interp`), `repr` recursion guards, and references to the process-wide
//! `builtins`, `sys` and `sys.modules`.
//!
//! Each OS thread running Python code has its own `Vm` (CPython's thread
//! state); the threads of one process share every object, under the GIL
//! (`runtime::gil`).  [`Vm::new`] makes the first (main) one,
//! [`Vm::new_thread`] the one of a thread started by `_thread`.
//!
//! Every native function receives `&Vm`.  Code that has no `&Vm` at hand
//! (destructors, exception construction) can use [`Vm::current`].

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{PyErr, PyResult, recursion_error};
use crate::types::dict::PyDict;
use crate::types::module::PyModule;
use crate::value::PyRef;

thread_local! {
    /// This OS thread's interpreter state.
    static CURRENT: Cell<*const Vm> = const { Cell::new(std::ptr::null()) };
}

/// `sys.get_int_max_str_digits()` (process-wide).
static INT_MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(crate::types::int::MAX_STR_DIGITS);
/// `sys.getrecursionlimit()` (process-wide, like CPython's).
static RECURSION_LIMIT: AtomicUsize = AtomicUsize::new(1000);

/// `sys.get_int_max_str_digits()`.
pub fn int_max_str_digits() -> usize {
    INT_MAX_STR_DIGITS.load(Ordering::Relaxed)
}

/// `sys.set_int_max_str_digits()`.
pub fn set_int_max_str_digits(n: usize) {
    INT_MAX_STR_DIGITS.store(n, Ordering::Relaxed)
}

/// Hard cap on nested native calls, independent of the recursion limit,
/// so the Rust stack cannot overflow.
pub const NATIVE_DEPTH_CAP: usize = 12_000;

/// Command-line / environment configuration.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub argv: Vec<String>,
    pub ignore_environment: bool,
    pub no_site: bool,
    pub no_user_site: bool,
    pub isolated: bool,
    pub dont_write_bytecode: bool,
    pub optimize: u32,
    pub unbuffered: bool,
    pub quiet: bool,
    pub verbose: u32,
    pub inspect: bool,
    pub xoptions: Vec<String>,
    pub warnoptions: Vec<String>,
    pub safe_path: bool,
    /// `-b` count (`sys.flags.bytes_warning`).
    pub bytes_warning: u32,
    /// `-d` count (`sys.flags.debug`).
    pub debug: u32,
    /// `-X dev` or `PYTHONDEVMODE` (`sys.flags.dev_mode`).
    pub dev_mode: bool,
    /// The command line as given (`sys.orig_argv`).
    pub orig_argv: Vec<String>,
    /// The directory prepended to `sys.path` (script dir, or "" for -c).
    pub path0: Option<String>,
    pub executable: String,
}

/// See the module documentation.
pub struct Vm {
    pub config: Config,
    /// Python frames plus nested native calls.
    depth: Cell<usize>,
    native_depth: Cell<usize>,
    /// True for the thread that started the interpreter (signal handlers
    /// run only there).
    is_main: bool,
    /// `_thread._set_sentinel()`'s lock, released when the thread ends.
    pub(crate) sentinel: RefCell<Option<PyRef>>,
    /// The handled-exception stack (CPython's `exc_info` chain): the
    /// thread's entry at the bottom, one entry per running generator or
    /// coroutine above it.  `sys.exc_info()` is the topmost non-None entry;
    /// `PUSH_EXC_INFO`/`POP_EXCEPT` change the top entry only.
    pub(crate) handled: RefCell<Vec<Option<PyRef>>>,
    repr_stack: RefCell<Vec<usize>>,
    pub(crate) builtins: RefCell<Option<PyRef>>,
    pub(crate) sys: RefCell<Option<PyRef>>,
    pub(crate) modules: PyRef,
    /// True while importlib itself is being loaded for a non-default
    /// import state (its own imports take the native path).
    pub(crate) importlib_bootstrapping: Cell<bool>,
    pub(crate) interp: crate::interp::InterpState,
}

/// Decrements the depth counters on drop.
pub struct DepthGuard<'a> {
    vm: &'a Vm,
}

impl Drop for DepthGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        self.vm.depth.set(self.vm.depth.get() - 1);
        self.vm.native_depth.set(self.vm.native_depth.get() - 1);
    }
}

/// Pops the `repr` recursion stack on drop.
pub struct ReprGuard<'a> {
    vm: &'a Vm,
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        self.vm.repr_stack.borrow_mut().pop();
    }
}

impl Vm {
    /// Creates the interpreter state (builtin types must be initialized:
    /// this calls [`crate::init`]), takes the GIL for this OS thread and
    /// makes the state current for it.
    pub fn new(config: Config) -> Box<Vm> {
        crate::runtime::gil::acquire();
        crate::init();
        let vm = Box::new(Vm {
            config,
            depth: Cell::new(0),
            native_depth: Cell::new(0),
            is_main: true,
            sentinel: RefCell::new(None),
            handled: RefCell::new(vec![None]),
            repr_stack: RefCell::new(Vec::new()),
            builtins: RefCell::new(None),
            sys: RefCell::new(None),
            modules: PyDict::new_ref(),
            importlib_bootstrapping: Cell::new(false),
            interp: crate::interp::InterpState::default(),
        });
        CURRENT.with(|c| c.set(&*vm as *const Vm));
        crate::modules::init_core_modules(&vm);
        crate::interp::startup(&vm);
        vm
    }

    /// The state of a new thread started from `parent`'s (called with the
    /// GIL held, by the starting thread); [`Vm::install`] makes it current
    /// on the new thread.
    pub fn new_thread(parent: &Vm) -> Box<Vm> {
        Box::new(Vm {
            config: parent.config.clone(),
            depth: Cell::new(0),
            native_depth: Cell::new(0),
            is_main: false,
            sentinel: RefCell::new(None),
            handled: RefCell::new(vec![None]),
            repr_stack: RefCell::new(Vec::new()),
            builtins: RefCell::new(parent.builtins.borrow().clone()),
            sys: RefCell::new(parent.sys.borrow().clone()),
            modules: parent.modules.clone(),
            importlib_bootstrapping: Cell::new(false),
            interp: crate::interp::InterpState::default(),
        })
    }

    /// Makes this state the current one of the calling OS thread.
    pub fn install(&self) {
        CURRENT.with(|c| c.set(self as *const Vm));
    }

    /// True for the interpreter's main thread.
    pub fn is_main_thread(&self) -> bool {
        self.is_main
    }

    /// The current thread's VM, if one is running.
    pub fn current() -> Option<&'static Vm> {
        let p = CURRENT.try_with(|c| c.get()).ok()?;
        // SAFETY: the pointer is set by `Vm::new` and cleared by `Drop`; a
        // Vm lives in a Box that outlives all code running on it.
        if p.is_null() {
            None
        } else {
            Some(unsafe { &*p })
        }
    }

    /// Counts one nested call; fails with RecursionError past the limit.
    #[inline]
    pub fn enter_native_call(&self) -> PyResult<DepthGuard<'_>> {
        let d = self.depth.get() + 1;
        let n = self.native_depth.get() + 1;
        if d > RECURSION_LIMIT.load(Ordering::Relaxed) || n > NATIVE_DEPTH_CAP {
            return Err(self.recursion_exceeded());
        }
        self.depth.set(d);
        self.native_depth.set(n);
        Ok(DepthGuard { vm: self })
    }

    #[cold]
    fn recursion_exceeded(&self) -> PyErr {
        recursion_error("maximum recursion depth exceeded")
    }

    /// Like [`Vm::enter_native_call`] with CPython's message suffix
    /// (`" while getting the repr of an object"`, `" in comparison"`).
    #[inline]
    pub fn enter_native_call_for(&self, what: &str) -> PyResult<DepthGuard<'_>> {
        self.enter_native_call()
            .map_err(|_| recursion_error(format!("maximum recursion depth exceeded{what}")))
    }

    /// Python frame accounting (the interpreter's frame push/pop).
    #[inline]
    pub(crate) fn push_depth(&self) -> PyResult<()> {
        let d = self.depth.get() + 1;
        if d > RECURSION_LIMIT.load(Ordering::Relaxed) {
            return Err(self.recursion_exceeded());
        }
        self.depth.set(d);
        Ok(())
    }

    #[inline]
    pub(crate) fn pop_depth(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }

    pub fn depth(&self) -> usize {
        self.depth.get()
    }

    pub fn recursion_limit(&self) -> usize {
        RECURSION_LIMIT.load(Ordering::Relaxed)
    }

    pub fn set_recursion_limit(&self, n: usize) {
        RECURSION_LIMIT.store(n, Ordering::Relaxed);
    }

    /// Guards `repr` of containers against self-reference; `None` means
    /// "already being repr'd" (print `[...]`).
    pub fn repr_enter(&self, o: &PyRef) -> Option<ReprGuard<'_>> {
        let mut st = self.repr_stack.borrow_mut();
        if st.contains(&o.bits()) {
            return None;
        }
        st.push(o.bits());
        Some(ReprGuard { vm: self })
    }

    /// The `builtins` module's dict.
    pub fn builtins_dict(&self) -> PyRef {
        self.builtins
            .borrow()
            .as_ref()
            .and_then(|b| b.downcast::<PyModule>().map(|m| m.dict.clone()))
            .unwrap_or_else(PyDict::new_ref)
    }

    pub fn builtins_module(&self) -> Option<PyRef> {
        self.builtins.borrow().clone()
    }

    pub fn sys_module(&self) -> Option<PyRef> {
        self.sys.borrow().clone()
    }

    /// `sys.modules`.
    pub fn modules(&self) -> &PyRef {
        &self.modules
    }

    /// The globals of the innermost running Python frame.
    pub fn current_globals(&self) -> Option<PyRef> {
        self.interp.current_globals()
    }

    /// The exception currently being handled: the topmost entry of the
    /// handled-exception stack that holds one.
    pub fn handled_exception(&self) -> Option<PyRef> {
        self.handled.borrow().iter().rev().flatten().next().cloned()
    }

    /// Replaces the top entry of the handled-exception stack (what
    /// `PUSH_EXC_INFO` saves and `POP_EXCEPT` restores); returns the old one.
    pub fn set_handled_exception(&self, e: Option<PyRef>) -> Option<PyRef> {
        let mut st = self.handled.borrow_mut();
        match st.last_mut() {
            Some(top) => std::mem::replace(top, e),
            None => {
                st.push(e);
                None
            }
        }
    }

    /// The top entry itself (None when the innermost generator, or the
    /// thread, handles nothing, even if an outer entry does).
    pub fn top_handled_exception(&self) -> Option<PyRef> {
        self.handled.borrow().last().cloned().flatten()
    }

    /// A generator starts running: its own saved state becomes the top.
    pub fn push_exc_state(&self, e: Option<PyRef>) {
        self.handled.borrow_mut().push(e);
    }

    /// A generator stops running: gives back its state.
    pub fn pop_exc_state(&self) -> Option<PyRef> {
        let mut st = self.handled.borrow_mut();
        if st.len() > 1 {
            st.pop().flatten()
        } else {
            None
        }
    }

    /// Saves the handled-exception state around code that must not see or
    /// change it (finalizers).
    pub fn save_exception_state(&self) -> Option<PyRef> {
        self.top_handled_exception()
    }

    pub fn restore_exception_state(&self, s: Option<PyRef>) {
        self.set_handled_exception(s);
    }

    /// Reports an exception that cannot be raised through
    /// `sys.unraisablehook` (default output: "Exception ignored in: ...").
    pub fn write_unraisable(&self, e: &PyErr, obj: Option<&PyRef>, msg: &str) {
        crate::modules::sys_unraisable::write_unraisable(self, e, obj, msg);
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        let me = self as *const Vm;
        let _ = CURRENT.try_with(|c| {
            if c.get() == me {
                c.set(std::ptr::null())
            }
        });
    }
}
