//! The interpreter: the frame stack and the dispatch loop.
//!
//! Python-to-Python calls do not recurse on the Rust stack: `CALL` of a
//! Python function pushes a new [`Frame`] and the loop continues with it;
//! `RETURN_VALUE` pops it and pushes the result on the caller's stack.  The
//! loop only recurses when native code calls back into Python
//! ([`call_function`]), and such calls are counted by the VM's native-depth
//! guard.  Deep Python recursion ends in `RecursionError` at
//! `sys.getrecursionlimit()`.
//!
//! Exceptions use the code object's exception table (zero-cost): when an
//! instruction fails, [`unwind`] adds a traceback entry for the frame, finds
//! the handler covering the instruction, trims the value stack to the
//! handler's depth, pushes (`lasti` and) the exception and jumps; without a
//! handler the frame is popped and the search continues in the caller.
//!
//! This file holds only the loop; the opcode handlers are in `ops/`, grouped
//! by family, each `fn(vm, frame, arg) -> PyResult<Flow>`.

pub mod builtins;
pub mod frame;
pub mod import;
pub mod import_lock;
pub mod ops;
pub mod specialize;
pub mod trace;
mod trace_jump;
pub mod traceback;

use std::cell::{Cell, UnsafeCell};
use std::sync::atomic::{AtomicBool, Ordering};

use taipan_bytecode::{CodeFlags, Instr, Opcode};

use crate::args::Args;
use crate::error::{PyErr, PyResult, runtime_error, system_error};
use crate::types::function::PyFunction;
use crate::value::PyRef;
use crate::vm::Vm;

pub use frame::Frame;

/// What an opcode handler asks the loop to do next.
pub enum Flow {
    /// Continue with the next instruction of the same frame.
    Next,
    /// The handler pushed a new frame ([`enter`], a Python call): run the
    /// top frame.
    Switch,
    /// Return a value from the current frame.
    Return(PyRef),
    /// Suspend the current (generator) frame, yielding a value.
    Yield(PyRef),
}

/// How a run of the loop ended.
pub enum Exit {
    Return(PyRef),
    Yield(PyRef),
}

/// The eval breaker: set from anywhere (a signal handler, another thread)
/// to make the loop stop at its next safe point (function entry, backward
/// jump) and run [`handle_breaker`].  Checking it is one relaxed load.
pub static EVAL_BREAKER: AtomicBool = AtomicBool::new(false);

/// Safe points between automatic cycle-collection checks (the check reads
/// several thread-locals, so it is not done on every backward jump).
const GC_CHECK_INTERVAL: u32 = 64;

/// The safe-point check (`RESUME`, `JUMP_BACKWARD`): pending signals run
/// their Python handlers here, the GIL is handed to a waiting thread, and
/// the cycle collector runs when due.
#[inline(always)]
pub fn eval_breaker(vm: &Vm) -> PyResult<()> {
    if EVAL_BREAKER.load(Ordering::Relaxed) {
        return handle_breaker(vm);
    }
    let n = vm.interp.gc_countdown.get();
    if n == 0 {
        vm.interp.gc_countdown.set(GC_CHECK_INTERVAL);
        if crate::gc::should_collect() {
            crate::gc::collect();
        }
    } else {
        vm.interp.gc_countdown.set(n - 1);
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn handle_breaker(vm: &Vm) -> PyResult<()> {
    EVAL_BREAKER.store(false, Ordering::SeqCst);
    if crate::runtime::gil::drop_requested() {
        crate::runtime::gil::yield_to_waiter();
    }
    crate::modules::_signal::run_pending(vm)
}

/// Interpreter start-up for a new VM: `-X stats` / `TAIPAN_STATS`, and
/// CPython's default SIGINT behaviour (`KeyboardInterrupt`).
pub fn startup(vm: &Vm) {
    specialize::init_from_env();
    if vm.config.xoptions.iter().any(|x| x == "stats") {
        specialize::stats::enable();
    }
    crate::modules::_signal::install_default_sigint();
}

/// Per-VM interpreter state: the frame stack.
#[derive(Default)]
pub struct InterpState {
    frames: UnsafeCell<Vec<Box<Frame>>>,
    /// How the next unwind treats the error (see [`RaiseMode`]).
    mode: Cell<u8>,
    /// Safe points left until the next cycle-collection check.
    gc_countdown: Cell<u32>,
    /// Returned frames kept for reuse ([`Frame::boxed`]): their allocation
    /// and the capacity of their `fast`/`stack` vectors, holding no values.
    parked: UnsafeCell<Vec<Box<Frame>>>,
    /// True while a trace or profile function is installed and not itself
    /// running: the loop then executes through `trace::traced_step`.
    pub(crate) tracing: Cell<bool>,
    pub(crate) trace: trace::TraceState,
    /// `sys.set_asyncgen_hooks`: (firstiter, finalizer).
    asyncgen_hooks: std::cell::RefCell<(Option<PyRef>, Option<PyRef>)>,
}

/// Parked frames kept at most.
const MAX_PARKED: usize = 64;

impl InterpState {
    #[allow(clippy::mut_from_ref)]
    fn frames(&self) -> &mut Vec<Box<Frame>> {
        // SAFETY: the frame stack is only touched by the thread owning the
        // VM; the loop holds a pointer to the top frame, never a reference
        // into the Vec across a push/pop, and readers (`frame_at`) only read.
        unsafe { &mut *self.frames.get() }
    }

    /// Number of frames on the stack.
    pub fn depth(&self) -> usize {
        self.frames().len()
    }

    /// The `n`-th frame from the top (0 = innermost).
    pub fn frame_at(&self, n: usize) -> Option<&Frame> {
        let fr = self.frames();
        let len = fr.len();
        if n < len {
            Some(&fr[len - 1 - n])
        } else {
            None
        }
    }

    /// `sys.get_asyncgen_hooks()`: (firstiter, finalizer).
    pub fn asyncgen_hooks(&self) -> (Option<PyRef>, Option<PyRef>) {
        self.asyncgen_hooks.borrow().clone()
    }

    /// `sys.set_asyncgen_hooks`: `None` leaves a hook unchanged,
    /// `Some(None)` clears it.
    pub fn set_asyncgen_hooks(&self, first: Option<Option<PyRef>>, fin: Option<Option<PyRef>>) {
        let old = {
            let mut h = self.asyncgen_hooks.borrow_mut();
            let old = h.clone();
            if let Some(x) = first {
                h.0 = x;
            }
            if let Some(x) = fin {
                h.1 = x;
            }
            old
        };
        drop(old);
    }

    /// A raw pointer to the `n`-th frame from the top (0 = innermost),
    /// for code that updates a paused frame's cached frame object.
    pub(crate) fn frame_ptr_at(&self, n: usize) -> Option<*mut Frame> {
        let fr = self.frames();
        let len = fr.len();
        if n < len {
            Some(&mut *fr[len - 1 - n] as *mut Frame)
        } else {
            None
        }
    }

    pub fn current_globals(&self) -> Option<PyRef> {
        self.frame_at(0).map(|f| f.globals.clone())
    }

    pub(crate) fn push(&self, f: Box<Frame>) {
        self.frames().push(f);
    }

    pub(crate) fn set_thrown(&self) {
        self.mode.set(RaiseMode::Thrown as u8);
    }

    pub(crate) fn pop(&self) -> Option<Box<Frame>> {
        self.frames().pop()
    }

    /// Frees a finished frame: its values are dropped and the emptied frame
    /// is parked for [`Frame::boxed`] to reuse.
    pub(crate) fn recycle(&self, mut f: Box<Frame>) {
        // Dropping values may run Python code (`__del__`), which may use the
        // pool itself: `f` is owned here, not parked, until it is empty.
        // A frame object outlives its activation: give it the final state
        // (what `Drop for Frame` does for frames that are not recycled).
        if let Some(o) = f.frame_obj.take() {
            crate::types::frame::retire(&o, &mut f, None);
        }
        f.fast.clear();
        f.stack.clear();
        f.func = None;
        f.locals = None;
        f.kwnames = None;
        f.frame_obj = None;
        f.code_obj = frame::placeholder();
        f.globals = frame::placeholder();
        f.builtins = frame::placeholder();
        f.is_gen = false;
        f.init_call = false;
        f.forget_instrs();
        // SAFETY: single-threaded; the reference is not held across calls.
        let parked = unsafe { &mut *self.parked.get() };
        if parked.len() < MAX_PARKED {
            parked.push(f);
        }
    }

    /// `RERAISE`-like instructions: the error already carries its
    /// traceback and context.
    pub(crate) fn set_reraise(&self) {
        self.mode.set(RaiseMode::Reraise as u8);
    }

    /// `RAISE_VARARGS`: always (re)set `__context__`.
    pub(crate) fn set_explicit_raise(&self) {
        self.mode.set(RaiseMode::Explicit as u8);
    }
}

/// How an error entering [`unwind`] is treated.
#[repr(u8)]
pub(crate) enum RaiseMode {
    /// An error raised by an operation: traceback entry, context if unset.
    Normal = 0,
    /// `raise x`: traceback entry, context always set.
    Explicit = 1,
    /// Re-raise: nothing added.
    Reraise = 2,
    /// Thrown into a generator: traceback entry, no context.
    Thrown = 3,
}

/// Runs frames until the one pushed above `base` returns or yields.
pub(crate) fn run(vm: &Vm, base: usize) -> PyResult<Exit> {
    let st = &vm.interp;
    loop {
        let fp: *mut Frame = match st.frames().last_mut() {
            Some(f) => &mut **f,
            None => return Err(system_error("no frame to run")),
        };
        // SAFETY: the top frame stays at a stable heap address (Box) until
        // this iteration pops it; handlers get it as their only &mut.
        let mut f = unsafe { &mut *fp };
        // Straight-line execution, Python calls and returns stay in this
        // inner loop (switching `f` in place); yields, errors and the
        // return from the run's first frame go back to the outer code, and
        // so does the loop when tracing is switched on (the one check
        // tracing costs when it is off).
        let flow = if !st.tracing.get() {
            loop {
                match step(vm, f) {
                    Ok(Flow::Next) => {
                        if st.tracing.get() {
                            break Ok(Flow::Next);
                        }
                    }
                    Ok(Flow::Switch) => {
                        // SAFETY: `enter` just pushed a boxed frame, which
                        // the frame stack keeps until it returns.
                        f = unsafe { &mut *top_frame(st) };
                    }
                    Ok(Flow::Return(v)) if st.depth() > base + 1 => {
                        match return_to_caller(vm, v) {
                            // SAFETY: the caller is boxed on the frame stack.
                            Ok(cp) => f = unsafe { &mut *cp },
                            Err(e) => break Err(e),
                        }
                        if st.tracing.get() {
                            break Ok(Flow::Next);
                        }
                    }
                    other => break other,
                }
            }
        } else {
            trace::traced_step(vm, f)
        };
        match flow {
            Ok(Flow::Next) | Ok(Flow::Switch) => {}
            Ok(Flow::Return(v)) => {
                let (ended, init_call) = pop_returned(vm, base);
                if ended {
                    return Ok(Exit::Return(v));
                }
                if let Err(e) = deliver(vm, init_call, v)
                    && let Some(r) = unwind(vm, e, base)?
                {
                    return Ok(r);
                }
            }
            Ok(Flow::Yield(v)) => return Ok(Exit::Yield(v)),
            Err(e) => {
                if let Some(r) = unwind(vm, e, base)? {
                    return Ok(r);
                }
            }
        }
    }
}

/// Pushes the frame of a Python call (a handler then returns the
/// [`Flow::Switch`] this gives): `RecursionError` past the limit, with
/// the caller still on top.
#[inline(always)]
pub(crate) fn enter(vm: &Vm, newf: Box<Frame>) -> PyResult<Flow> {
    vm.push_depth()?;
    vm.interp.push(newf);
    Ok(Flow::Switch)
}

/// The top frame (the frame stack is not empty).
#[inline(always)]
fn top_frame(st: &InterpState) -> *mut Frame {
    match st.frames().last_mut() {
        Some(f) => &mut **f,
        None => std::ptr::null_mut(),
    }
}

/// A frame above the run's first one returned `v`: pops and recycles it
/// and gives `v` to the caller, which it returns (an error is raised in
/// the caller).
#[inline(never)]
fn return_to_caller(vm: &Vm, v: PyRef) -> PyResult<*mut Frame> {
    let (_, init_call) = pop_returned(vm, 0);
    deliver(vm, init_call, v)?;
    Ok(top_frame(&vm.interp))
}

/// Gives a returned value to the (new) top frame: pushed on its stack, or
/// for a `CALL_PY_CLASS` `__init__` frame checked to be `None` and dropped.
#[inline(always)]
fn deliver(vm: &Vm, init_call: bool, v: PyRef) -> PyResult<()> {
    if init_call {
        return check_init_result(v);
    }
    if let Some(caller) = vm.interp.frames().last_mut() {
        caller.stack.push(Some(v));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn check_init_result(v: PyRef) -> PyResult<()> {
    if crate::types::none::is_none(&v) {
        return Ok(());
    }
    Err(crate::error::type_error(format!(
        "__init__() should return None, not '{}'",
        v.class().name()
    )))
}

/// Pops the frame that just returned and recycles it: (it was the run's
/// first frame, so the value leaves the run; it was a `CALL_PY_CLASS`
/// `__init__` frame).
#[inline(always)]
fn pop_returned(vm: &Vm, base: usize) -> (bool, bool) {
    let st = &vm.interp;
    let done = st.pop();
    vm.pop_depth();
    let mut init_call = false;
    if let Some(mut done) = done {
        init_call = done.init_call;
        if done.frame_obj.is_some() {
            trace::retire_popped(vm, &mut done);
        }
        st.recycle(done);
    }
    (st.depth() <= base, init_call)
}

/// Executes one instruction of `f`.
#[inline]
fn step(vm: &Vm, f: &mut Frame) -> PyResult<Flow> {
    let Some(ins) = f.instr_at(f.pc) else {
        return Err(system_error("instruction pointer out of range"));
    };
    f.lasti = f.pc;
    f.pc += 1;
    let mut ins: Instr = ins;
    let mut arg = ins.arg();
    while ins.op_byte() == Opcode::EXTENDED_ARG as u8 {
        let Some(next) = f.instr_at(f.pc) else {
            return Err(system_error("EXTENDED_ARG at end of code"));
        };
        f.lasti = f.pc;
        f.pc += 1;
        ins = next;
        arg = (arg << Instr::ARG_BITS) | next.arg();
    }
    let op = if f.valid {
        // SAFETY: `valid` says every opcode byte of this code decodes to an
        // `Opcode` (a `repr(u8)` enum), and rewrites only store opcodes.
        unsafe { std::mem::transmute::<u8, Opcode>(ins.op_byte()) }
    } else {
        match Opcode::from_u8(ins.op_byte()) {
            Some(op) => op,
            None => return Err(system_error(format!("unknown opcode {}", ins.op_byte()))),
        }
    };
    ops::dispatch(vm, f, op, arg)
}

/// Handles an exception raised by the top frame.  Returns `Ok(None)` when a
/// handler was found (continue the loop), `Err` when the exception leaves
/// the run.
pub(crate) fn unwind(vm: &Vm, mut e: PyErr, base: usize) -> PyResult<Option<Exit>> {
    let st = &vm.interp;
    let mode = st.mode.replace(RaiseMode::Normal as u8);
    let mut fresh = mode != RaiseMode::Reraise as u8;
    if mode == RaiseMode::Normal as u8 || mode == RaiseMode::Explicit as u8 {
        traceback::set_context(vm, e.value(), mode == RaiseMode::Explicit as u8);
    }
    loop {
        let Some(fp) = st.frame_ptr_at(0) else {
            return Err(e);
        };
        // SAFETY: the top frame is boxed, so it stays where it is while
        // trace functions run (and push frames) below; it is popped only
        // at the end of this iteration.
        let f = unsafe { &mut *fp };
        if fresh {
            traceback::add_traceback(vm, e.value(), f);
            if st.tracing.get() {
                e = trace::exception_event(vm, f, e);
            }
        }
        fresh = true;
        let lasti = f.lasti as u32;
        // The handler is looked up by the instruction that raised (RERAISE
        // may have restored an older `lasti` for the traceback).
        let at = f.pc.saturating_sub(1) as u32;
        if let Some(h) = f.code.handler_for(at).copied() {
            f.stack.truncate(h.depth as usize);
            if h.lasti {
                f.stack
                    .push(Some(crate::types::int::int_from_i64(lasti as i64)));
            }
            f.stack.push(Some(e.into_value()));
            f.pc = h.target as usize;
            return Ok(None);
        }
        if st.tracing.get() {
            trace::unwind_return(vm, f);
        }
        let done = st.pop();
        vm.pop_depth();
        if let Some(mut done) = done
            && done.frame_obj.is_some()
        {
            trace::retire_popped(vm, &mut done);
        }
        if st.depth() <= base {
            return Err(e);
        }
    }
}

/// Runs `frame` to completion from native code.
pub fn run_frame(vm: &Vm, frame: Box<Frame>) -> PyResult {
    vm.push_depth()?;
    let base = vm.interp.depth();
    vm.interp.push(frame);
    match run(vm, base)? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(system_error("yield from a non-generator frame")),
    }
}

/// Calls a Python function object from native code.
pub fn call_function(vm: &Vm, func: &PyRef, args: Args<'_>) -> PyResult {
    let f = func
        .downcast::<PyFunction>()
        .ok_or_else(|| crate::error::type_error("expected a function"))?;
    if args.kwnames.is_empty()
        && let Some(frame) = frame::simple_frame(vm, func, f, None, args.args)
    {
        return run_frame(vm, frame);
    }
    let frame = frame::frame_for_call(vm, func, f, args)?;
    if frame.code.flags.0
        & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR)
        != 0
    {
        return Ok(crate::types::generator::new_generator(frame));
    }
    run_frame(vm, frame)
}

/// The `(__class__, self)` pair for zero-argument `super()`.
pub fn super_args(vm: &Vm) -> PyResult<(PyRef, PyRef)> {
    let f = vm
        .interp
        .frame_at(0)
        .ok_or_else(|| runtime_error("super(): no current frame"))?;
    if f.code.argcount == 0 && !f.code.flags.has(CodeFlags::VARARGS) {
        return Err(runtime_error("super(): no arguments"));
    }
    let mut first = f
        .fast
        .first()
        .cloned()
        .flatten()
        .ok_or_else(|| runtime_error("super(): arg[0] deleted"))?;
    if f.code
        .localspluskinds
        .first()
        .is_some_and(|k| k & taipan_bytecode::code::local_kind::CELL != 0)
        && let Some(c) = first.downcast::<crate::types::cell::PyCell>()
    {
        first = c
            .get()
            .ok_or_else(|| runtime_error("super(): arg[0] deleted"))?;
    }
    for (i, n) in f.code.localsplusnames.iter().enumerate() {
        if n == "__class__"
            && f.code.localspluskinds[i] & taipan_bytecode::code::local_kind::FREE != 0
        {
            let cell = f
                .fast
                .get(i)
                .cloned()
                .flatten()
                .ok_or_else(|| runtime_error("super(): bad __class__ cell"))?;
            let c = cell
                .downcast::<crate::types::cell::PyCell>()
                .ok_or_else(|| runtime_error("super(): bad __class__ cell"))?;
            let cls = c
                .get()
                .ok_or_else(|| runtime_error("super(): empty __class__ cell"))?;
            if cls.as_type().is_none() {
                return Err(runtime_error(format!(
                    "super(): __class__ is not a type ({})",
                    cls.class().name()
                )));
            }
            return Ok((cls, first));
        }
    }
    Err(runtime_error("super(): __class__ cell not found"))
}

/// `sys._getframe(depth)`.
pub fn get_frame(vm: &Vm, depth: usize) -> PyResult {
    if vm.interp.frame_at(depth).is_none() {
        return Err(crate::error::value_error("call stack is not deep enough"));
    }
    Ok(traceback::frame_object(vm, depth))
}

/// `locals()` of the running frame.
pub fn locals(vm: &Vm) -> PyResult {
    let f = vm
        .interp
        .frame_at(0)
        .ok_or_else(|| system_error("no current frame"))?;
    if let Some(l) = &f.locals {
        return Ok(l.clone());
    }
    Ok(traceback::fast_locals_dict(f))
}
