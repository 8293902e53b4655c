//! Jumps set by trace functions (`frame.f_lineno = n`).
use crate::error::{PyResult, value_error};
use crate::value::PyRef;
use crate::vm::Vm;

pub fn set_lineno(_vm: &Vm, _o: &PyRef, _v: Option<&PyRef>) -> PyResult<()> {
    Err(value_error("f_lineno can only be set by a trace function"))
}
