//! The interpreter: frames and the dispatch loop (phase 2 fills this in).

pub mod traceback;

use crate::args::Args;
use crate::error::{PyResult, not_implemented_error, runtime_error};
use crate::value::PyRef;
use crate::vm::Vm;

/// Per-VM interpreter state (the frame stack).
#[derive(Default)]
pub struct InterpState {}

impl InterpState {
    pub fn current_globals(&self) -> Option<PyRef> {
        None
    }
}

/// Calls a Python function object.
pub fn call_function(_vm: &Vm, _f: &PyRef, _args: Args<'_>) -> PyResult {
    Err(not_implemented_error("the interpreter is not written yet"))
}

/// The `(__class__, self)` pair for zero-argument `super()`.
pub fn super_args(_vm: &Vm) -> PyResult<(PyRef, PyRef)> {
    Err(runtime_error("super(): no arguments"))
}

/// `sys._getframe(depth)`.
pub fn get_frame(_vm: &Vm, _depth: usize) -> PyResult {
    Err(crate::error::value_error("call stack is not deep enough"))
}

/// `locals()` of the running frame.
pub fn locals(vm: &Vm) -> PyResult {
    vm.current_globals().ok_or_else(|| crate::error::system_error("no current frame"))
}

pub mod builtins {
    //! Builtins that need the interpreter (`__build_class__`, `exec`, ...).
    use crate::types::module::PyModule;
    use crate::vm::Vm;

    pub fn register(_vm: &Vm, _m: &PyModule) {}
}
