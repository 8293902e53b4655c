//! Jumps, iteration and the resume points.

use super::{pop, push};
use crate::error::PyResult;
use crate::interp::{Flow, Frame};
use crate::protocol::{iter, object as proto};
use crate::types::none::is_none;
use crate::vm::Vm;

/// `RESUME`: a safe point (automatic cycle collection runs here).
pub fn resume(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if arg == 0 {
        f.quick().heat();
    }
    crate::interp::eval_breaker(vm)?;
    Ok(Flow::Next)
}

pub fn jump(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    f.pc = arg as usize;
    Ok(Flow::Next)
}

/// Backward jumps are the other safe point.
pub fn jump_backward(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    f.pc = arg as usize;
    f.quick().heat();
    crate::interp::eval_breaker(vm)?;
    Ok(Flow::Next)
}

pub fn pop_jump_if(vm: &Vm, f: &mut Frame, arg: u32, when: bool) -> PyResult<Flow> {
    let v = pop(f)?;
    if proto::is_true(vm, &v)? == when {
        f.pc = arg as usize;
    }
    Ok(Flow::Next)
}

pub fn pop_jump_if_none(_: &Vm, f: &mut Frame, arg: u32, when_none: bool) -> PyResult<Flow> {
    let v = pop(f)?;
    if is_none(&v) == when_none {
        f.pc = arg as usize;
    }
    Ok(Flow::Next)
}

pub fn jump_or_pop(vm: &Vm, f: &mut Frame, arg: u32, when: bool) -> PyResult<Flow> {
    let v = super::peek(f, 1)?.clone();
    if proto::is_true(vm, &v)? == when {
        f.pc = arg as usize;
    } else {
        pop(f)?;
    }
    Ok(Flow::Next)
}

pub fn get_iter(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let it = iter::get_iter(vm, &v)?;
    push(f, it);
    Ok(Flow::Next)
}

pub fn for_iter(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_for_iter(f);
    }
    for_iter_generic(vm, f, arg)
}

pub fn for_iter_generic(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let it = super::peek(f, 1)?.clone();
    let r = match it.class().slots().iternext {
        Some(next) => next(vm, &it),
        None => iter::next(vm, &it),
    };
    match r {
        Ok(Some(v)) => push(f, v),
        Ok(None) => {
            pop(f)?;
            f.pc = arg as usize;
        }
        Err(e) if e.matches(&crate::types::exceptions::STOP_ITERATION) => {
            // A trace function sees an explicit StopIteration (CPython 3.11).
            if vm.interp.tracing.get() {
                let e = crate::interp::trace::exception_event(vm, f, e);
                if !e.matches(&crate::types::exceptions::STOP_ITERATION) {
                    return Err(e);
                }
            }
            pop(f)?;
            f.pc = arg as usize;
        }
        Err(e) => return Err(e),
    }
    Ok(Flow::Next)
}
