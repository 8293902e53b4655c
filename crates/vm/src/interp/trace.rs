//! `sys.settrace` / `sys.setprofile`: trace and profile events.
//!
//! Design.  The dispatch loop pays one well-predicted check for all of this:
//! after each instruction the inner loop of [`super::run`] reads
//! `InterpState::tracing`, a flag that is true only while a trace or
//! profile function is installed and none of them is running.  When it is
//! set, the loop leaves its fast inner loop and executes one instruction at
//! a time through [`traced_step`] (a cold function), which emits CPython
//! 3.11's events around the ordinary `step`:
//!
//! - `call` when a frame executes its `RESUME` (function entry and every
//!   generator/coroutine resumption) and when an exception is thrown into a
//!   generator ([`throw_entry`]);
//! - `line` before an instruction that starts a new line, or that was
//!   reached by a backward jump (not the jump of `SEND`), as CPython's
//!   `maybe_call_line_trace`; instructions before the first `RESUME` (cell
//!   set-up) are never traced;
//! - `opcode` before every instruction when `f_trace_opcodes` is set;
//! - `return` after `RETURN_VALUE`/`YIELD_VALUE`, and with `None` when an
//!   exception leaves the frame ([`unwind_return`]);
//! - `exception` when an exception is raised in, or propagates into, a
//!   frame ([`exception_event`], called by `unwind`).
//!
//! As in CPython the global trace function only receives `call`; what it
//! returns becomes the frame's `f_trace`, which receives the other events
//! (and may replace itself by returning another function).  A trace
//! function that raises is uninstalled.  While a trace or profile function
//! runs, nothing is traced (`busy`), so the flag is off and the functions'
//! own code runs at full speed.  Around each call the frame's variables are
//! copied into its `f_locals` dict and back, so debuggers can assign them.
//!
//! Jumps (`frame.f_lineno = n` from a `line` event) are checked by
//! `trace_jump.rs` against a stack analysis of the code.

use std::cell::{Cell, RefCell};

use taipan_bytecode::Opcode;

use super::{Flow, Frame, step};
use crate::error::{PyErr, PyResult};
use crate::protocol::call::call_pos;
use crate::types::frame::PyFrame;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// Trace events, numbered as CPython's `PyTrace_*` constants.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Event {
    Call = 0,
    Exception = 1,
    Line = 2,
    Return = 3,
    CCall = 4,
    CException = 5,
    CReturn = 6,
    Opcode = 7,
}

/// The event names passed to Python trace functions, indexed by [`Event`].
const EVENT_NAMES: [&str; 8] = [
    "call",
    "exception",
    "line",
    "return",
    "c_call",
    "c_exception",
    "c_return",
    "opcode",
];

/// Per-thread trace state (CPython's `c_tracefunc`, `c_profilefunc`,
/// `tracing`, `tracing_what`).
#[derive(Default)]
pub struct TraceState {
    tracefunc: RefCell<Option<PyRef>>,
    profilefunc: RefCell<Option<PyRef>>,
    /// Trace/profile calls in progress: nothing is traced meanwhile.
    busy: Cell<u32>,
    /// The event being delivered (`None` outside trace calls).
    what: Cell<Option<Event>>,
    /// The `return` event being delivered is a generator's yield.
    suspended: Cell<bool>,
}

/// Recomputes the hot flag of the dispatch loop.
fn update(vm: &Vm) {
    let t = &vm.interp.trace;
    let on =
        t.busy.get() == 0 && (t.tracefunc.borrow().is_some() || t.profilefunc.borrow().is_some());
    vm.interp.tracing.set(on);
}

/// `sys.settrace(func)` (`None` uninstalls).
pub fn set_trace(vm: &Vm, func: Option<PyRef>) {
    let old = vm.interp.trace.tracefunc.replace(func);
    update(vm);
    drop(old);
}

/// `sys.setprofile(func)` (`None` uninstalls).
pub fn set_profile(vm: &Vm, func: Option<PyRef>) {
    let old = vm.interp.trace.profilefunc.replace(func);
    update(vm);
    drop(old);
}

/// `sys.gettrace()`.
pub fn get_trace(vm: &Vm) -> PyRef {
    vm.interp
        .trace
        .tracefunc
        .borrow()
        .clone()
        .unwrap_or_else(none)
}

/// `sys.getprofile()`.
pub fn get_profile(vm: &Vm) -> PyRef {
    vm.interp
        .trace
        .profilefunc
        .borrow()
        .clone()
        .unwrap_or_else(none)
}

/// The event a trace function is being called for right now.
pub fn current_event(vm: &Vm) -> Option<Event> {
    vm.interp.trace.what.get()
}

/// True during the `return` event of a generator that yielded.
pub fn suspended_event(vm: &Vm) -> bool {
    vm.interp.trace.suspended.get()
}

/// `sys.call_tracing(func, args)`: calls `func(*args)` with tracing
/// enabled even from inside a trace function (what `pdb`'s `debug` uses).
pub fn call_tracing(vm: &Vm, func: &PyRef, args: &[PyRef]) -> PyResult {
    let t = &vm.interp.trace;
    let saved = t.busy.replace(0);
    let what = t.what.replace(None);
    update(vm);
    let r = call_pos(vm, func, args);
    t.busy.set(saved);
    t.what.set(what);
    update(vm);
    r
}

/// Index of the first traceable instruction: the first `RESUME` (the
/// cell set-up before it is never traced).
fn first_traceable(f: &Frame) -> usize {
    f.code
        .code
        .iter()
        .position(|i| i.op_byte() == Opcode::RESUME as u8)
        .unwrap_or(0)
}

fn line_of(f: &Frame, i: usize) -> u32 {
    f.code.positions.get(i).map(|p| p.lineno).unwrap_or(0)
}

/// Calls the trace (or profile) function for `ev` on frame `f`.
fn call_trace(vm: &Vm, f: &mut Frame, ev: Event, arg: &PyRef, profile: bool) -> PyResult<()> {
    let t = &vm.interp.trace;
    if t.busy.get() > 0 {
        return Ok(());
    }
    let func = if profile {
        t.profilefunc.borrow().clone()
    } else {
        t.tracefunc.borrow().clone()
    };
    let Some(func) = func else {
        return Ok(());
    };
    let fo = super::traceback::frame_obj_for(f);
    let Some(pf) = fo.downcast::<PyFrame>() else {
        return Ok(());
    };
    let callback = if profile || ev == Event::Call {
        func
    } else {
        match pf.f_trace.borrow().clone() {
            Some(c) => c,
            None => return Ok(()),
        }
    };
    t.busy.set(t.busy.get() + 1);
    let old_what = t.what.replace(Some(ev));
    update(vm);
    pf.trace_lineno.set(line_of(f, f.lasti));
    let synced = pf.fast_to_locals();
    let name = PyStr::intern(EVENT_NAMES[ev as usize]);
    let r = call_pos(vm, &callback, &[fo.clone(), name, arg.clone()]);
    if synced || pf.locals.borrow().is_some() {
        pf.locals_to_fast();
    }
    pf.trace_lineno.set(0);
    t.busy.set(t.busy.get() - 1);
    t.what.set(old_what);
    match r {
        Err(e) => {
            if profile {
                set_profile(vm, None);
            } else {
                set_trace(vm, None);
                let old = pf.f_trace.replace(None);
                drop(old);
            }
            update(vm);
            Err(e)
        }
        Ok(res) => {
            update(vm);
            if !profile && !is_none(&res) {
                let old = pf.f_trace.replace(Some(res));
                drop(old);
            }
            Ok(())
        }
    }
}

/// `call` for the trace function, then for the profile function.
fn function_entry(vm: &Vm, f: &mut Frame) -> PyResult<()> {
    let n = none();
    call_trace(vm, f, Event::Call, &n, false)?;
    call_trace(vm, f, Event::Call, &n, true)
}

/// `return` for the trace function, then for the profile function.
fn function_exit(vm: &Vm, f: &mut Frame, v: &PyRef) -> PyResult<()> {
    call_trace(vm, f, Event::Return, v, false)?;
    call_trace(vm, f, Event::Return, v, true)
}

/// Executes one instruction of `f` with trace events around it.
#[cold]
#[inline(never)]
pub(crate) fn traced_step(vm: &Vm, f: &mut Frame) -> PyResult<Flow> {
    let pc = f.pc;
    if vm.interp.tracing.get() && pc >= first_traceable(f) {
        let prev = f.lasti;
        let op = f.code.code.get(pc).map(|i| i.op_byte());
        if op == Some(Opcode::RESUME as u8) {
            f.lasti = pc;
            function_entry(vm, f).inspect_err(|_| f.pc = pc + 1)?;
        } else if vm.interp.trace.tracefunc.borrow().is_some() {
            f.lasti = pc;
            line_events(vm, f, prev, op).inspect_err(|_| f.pc = pc + 1)?;
        }
    }
    let cfunc = if vm.interp.tracing.get() && vm.interp.trace.profilefunc.borrow().is_some() {
        c_callee(vm, f)
    } else {
        None
    };
    let r = match &cfunc {
        None => step(vm, f),
        Some(func) => {
            call_trace(vm, f, Event::CCall, func, true)?;
            let r = step(vm, f);
            let ev = if r.is_ok() {
                Event::CReturn
            } else {
                Event::CException
            };
            match call_trace(vm, f, ev, func, true) {
                Err(e) if ev == Event::CReturn => return Err(e),
                _ => {}
            }
            r
        }
    };
    match r? {
        Flow::Return(v) => {
            if vm.interp.tracing.get() {
                function_exit(vm, f, &v)?;
            }
            Ok(Flow::Return(v))
        }
        Flow::Yield(v) => {
            if vm.interp.tracing.get() {
                let t = &vm.interp.trace;
                let old = t.suspended.replace(true);
                let r = function_exit(vm, f, &v);
                t.suspended.set(old);
                r?;
            }
            Ok(Flow::Yield(v))
        }
        other => Ok(other),
    }
}

/// The builtin function a `CALL` at `f.pc` is about to call, for the
/// profile function's `c_call`/`c_return`/`c_exception` events: builtin
/// functions, and method descriptors called with a self (reported bound,
/// as CPython's `trace_call_function` does).
fn c_callee(vm: &Vm, f: &Frame) -> Option<PyRef> {
    let ins = f.code.code.get(f.pc)?;
    if ins.op_byte() != Opcode::CALL as u8 {
        return None;
    }
    let n = ins.arg() as usize;
    let len = f.stack.len();
    let below = f.stack.get(len.checked_sub(n + 2)?)?.clone();
    let top = f.stack.get(len.checked_sub(n + 1)?)?.clone();
    let (func, self_) = match below {
        Some(m) => (m, top),
        None => (top?, None),
    };
    use crate::types::descriptors::{PyBuiltinFunction, PyMethodDescr};
    if func.downcast::<PyBuiltinFunction>().is_some() {
        return Some(func);
    }
    if func.downcast::<PyMethodDescr>().is_some() {
        let obj = match self_ {
            Some(s) => s,
            None => f.stack.get(len.checked_sub(n)?)?.clone()?,
        };
        let get = func.class().slots().descr_get?;
        let cls = obj.class().to_ref();
        return get(vm, &func, Some(&obj), Some(&cls)).ok();
    }
    None
}

/// CPython's `maybe_call_line_trace`: a `line` event when the instruction
/// at `f.lasti` starts a line or was reached by a backward jump, then an
/// `opcode` event if the frame asks for them.
fn line_events(vm: &Vm, f: &mut Frame, prev: usize, op: Option<u8>) -> PyResult<()> {
    let Some(fo) = f.frame_obj.clone() else {
        return Ok(());
    };
    let Some(pf) = fo.downcast::<PyFrame>() else {
        return Ok(());
    };
    if pf.f_trace.borrow().is_none() {
        return Ok(());
    }
    let cur = f.lasti;
    let line = line_of(f, cur);
    if line != 0 && pf.trace_lines.get() {
        let lastline = if prev <= first_traceable(f) {
            0
        } else {
            line_of(f, prev)
        };
        let backward = cur < prev && op != Some(Opcode::SEND as u8);
        if line != lastline || backward {
            call_trace(vm, f, Event::Line, &none(), false)?;
        }
    }
    if pf.trace_opcodes.get() {
        call_trace(vm, f, Event::Opcode, &none(), false)?;
    }
    Ok(())
}

/// `call` for a frame an exception is being thrown into (`gen.throw()`).
pub(crate) fn throw_entry(vm: &Vm) -> PyResult<()> {
    let Some(fp) = vm.interp.frame_ptr_at(0) else {
        return Ok(());
    };
    // SAFETY: the top frame is alive and not otherwise borrowed here.
    function_entry(vm, unsafe { &mut *fp })
}

/// `exception` for frame `f` (the exception has its traceback entry); a
/// trace function that raises replaces the exception.
#[cold]
pub(crate) fn exception_event(vm: &Vm, f: &mut Frame, e: PyErr) -> PyErr {
    if vm.interp.trace.tracefunc.borrow().is_none() || f.frame_obj.is_none() {
        return e;
    }
    let v = e.value().clone();
    let tb = v
        .downcast::<crate::types::exceptions::PyBaseException>()
        .and_then(|x| x.traceback.borrow().clone())
        .unwrap_or_else(none);
    let arg = crate::types::tuple::PyTuple::new_ref(vec![v.class().to_ref(), v, tb]);
    match call_trace(vm, f, Event::Exception, &arg, false) {
        Ok(()) => e,
        Err(e2) => e2,
    }
}

/// `return` (with `None`) for a frame an exception is leaving.
#[cold]
pub(crate) fn unwind_return(vm: &Vm, f: &mut Frame) {
    let n = none();
    let _ = call_trace(vm, f, Event::Return, &n, false);
    let _ = call_trace(vm, f, Event::Return, &n, true);
}

/// A frame with a frame object is leaving the stack (returned or unwound):
/// its object keeps the final state, with the caller's as `f_back`.
#[cold]
pub(crate) fn retire_popped(vm: &Vm, f: &mut Frame) {
    let Some(o) = f.frame_obj.take() else {
        return;
    };
    let back = vm
        .interp
        .frame_ptr_at(0)
        // SAFETY: the caller's frame is alive and not borrowed here.
        .map(|b| super::traceback::frame_obj_for(unsafe { &mut *b }));
    crate::types::frame::retire(&o, f, back);
}

/// `frame.f_lineno = value`: a jump, allowed only from a `line` event.
pub fn set_lineno(vm: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    super::trace_jump::set_lineno(vm, o, v)
}
