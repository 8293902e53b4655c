//! Raising, matching and handling exceptions; `with` blocks.

use super::{peek, pop, push};
use crate::error::{PyErr, PyResult, runtime_error, type_error};
use crate::interp::{Flow, Frame};
use crate::protocol::call;
use crate::types::bool_::py_bool;
use crate::types::exceptions::{BASE_EXCEPTION, PyBaseException};
use crate::types::none::{is_none, none};
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// Turns `raise X` operands into an exception instance.
pub fn make_exception(vm: &Vm, v: PyRef, what: &str) -> PyResult<PyRef> {
    if let Some(t) = v.as_type() {
        if t.is_subtype(BASE_EXCEPTION.get()) {
            let inst = call::call_pos(vm, &v, &[])?;
            if inst.downcast::<PyBaseException>().is_none() {
                return Err(type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    crate::protocol::object::repr_string(vm, &v)?,
                    inst.class().name()
                )));
            }
            return Ok(inst);
        }
    } else if v.downcast::<PyBaseException>().is_some() {
        return Ok(v);
    }
    Err(type_error(what.to_string()))
}

pub fn raise_varargs(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    match arg {
        0 => {
            let e = vm
                .handled_exception()
                .ok_or_else(|| runtime_error("No active exception to reraise"))?;
            vm.interp.set_reraise();
            Err(PyErr::from_instance(e))
        }
        1 => {
            let v = pop(f)?;
            let e = make_exception(vm, v, "exceptions must derive from BaseException")?;
            vm.interp.set_explicit_raise();
            Err(PyErr::from_instance(e))
        }
        _ => {
            let cause = pop(f)?;
            let v = pop(f)?;
            let e = make_exception(vm, v, "exceptions must derive from BaseException")?;
            let cause = if is_none(&cause) {
                None
            } else {
                Some(make_exception(
                    vm,
                    cause,
                    "exception causes must derive from BaseException",
                )?)
            };
            if let Some(ex) = e.downcast::<PyBaseException>() {
                *ex.cause.borrow_mut() = cause;
                ex.suppress_context.set(true);
            }
            vm.interp.set_explicit_raise();
            Err(PyErr::from_instance(e))
        }
    }
}

pub fn reraise(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let e = pop(f)?;
    if arg != 0 {
        // CPython peeks at the saved `lasti` (it stays on the stack for the
        // next handler, which truncates to its own depth).
        let lasti = crate::types::int::to_i64(peek(f, arg as usize)?);
        if let Some(i) = lasti {
            f.lasti = i as usize;
        }
    }
    vm.interp.set_reraise();
    Err(PyErr::from_instance(e))
}

pub fn push_exc_info(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let prev = vm
        .set_handled_exception(Some(v.clone()))
        .unwrap_or_else(none);
    push(f, prev);
    push(f, v);
    Ok(Flow::Next)
}

pub fn pop_except(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    vm.set_handled_exception(if is_none(&v) { None } else { Some(v) });
    Ok(Flow::Next)
}

fn check_catchable(t: &PyRef) -> PyResult<()> {
    let ok = |x: &PyRef| {
        x.as_type()
            .is_some_and(|t| t.is_subtype(BASE_EXCEPTION.get()))
    };
    if let Some(tt) = t.downcast::<PyTuple>() {
        if tt.as_slice().iter().all(ok) {
            return Ok(());
        }
    } else if ok(t) {
        return Ok(());
    }
    Err(type_error(
        "catching classes that do not inherit from BaseException is not allowed",
    ))
}

/// `isinstance(exc, match_type)` for `except` clauses.
pub fn exc_matches(vm: &Vm, e: &PyRef, t: &PyRef) -> PyResult<bool> {
    if let Some(tt) = t.downcast::<PyTuple>() {
        for x in tt.as_slice() {
            if exc_matches(vm, e, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match t.as_type() {
        Some(tt) => Ok(e.class().is_subtype(tt)),
        None => Ok(false),
    }
}

pub fn check_exc_match(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let t = pop(f)?;
    check_catchable(&t)?;
    let e = peek(f, 1)?.clone();
    push(f, py_bool(exc_matches(vm, &e, &t)?));
    Ok(Flow::Next)
}

/// `except*`: split the exception (group) by the match type.
pub fn check_eg_match(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let t = pop(f)?;
    check_catchable(&t)?;
    let e = pop(f)?;
    let is_group = e
        .class()
        .is_subtype(crate::types::exceptions::BASE_EXCEPTION_GROUP.get());
    if !is_group {
        if exc_matches(vm, &e, &t)? {
            let g = call::call_pos(
                vm,
                &crate::types::exceptions::BASE_EXCEPTION_GROUP.to_ref(),
                &[
                    crate::types::str::PyStr::new_ref(""),
                    PyTuple::new_ref(vec![e]),
                ],
            )?;
            push(f, none());
            push(f, g);
        } else {
            push(f, e);
            push(f, none());
        }
        return Ok(Flow::Next);
    }
    let excs = crate::types::exceptions::exc_attr(&e, "exceptions");
    let items = excs
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    let (mut m, mut rest) = (Vec::new(), Vec::new());
    for x in items {
        if exc_matches(vm, &x, &t)? {
            m.push(x)
        } else {
            rest.push(x)
        }
    }
    if m.is_empty() {
        push(f, e);
        push(f, none());
        return Ok(Flow::Next);
    }
    let derive = |v: Vec<PyRef>| -> PyResult<PyRef> {
        call::call_method(vm, &e, "derive", &[crate::types::list::PyList::new_ref(v)])
    };
    let matched = derive(m)?;
    let rest = if rest.is_empty() {
        none()
    } else {
        derive(rest)?
    };
    push(f, rest);
    push(f, matched);
    Ok(Flow::Next)
}

pub fn prep_reraise_star(_: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let excs = pop(f)?;
    let orig = pop(f)?;
    let list = excs
        .downcast::<crate::types::list::PyList>()
        .map(|l| l.to_vec())
        .unwrap_or_default();
    let raised: Vec<PyRef> = list.into_iter().filter(|x| !is_none(x)).collect();
    let r = match raised.len() {
        0 => none(),
        1 => raised[0].clone(),
        _ => raised.last().cloned().unwrap_or(orig),
    };
    push(f, r);
    Ok(Flow::Next)
}

pub fn load_assertion_error(_: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    push(f, crate::types::exceptions::ASSERTION_ERROR.to_ref());
    Ok(Flow::Next)
}

pub fn before_with(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let mgr = pop(f)?;
    let t = mgr.class();
    let (Some(enter), Some(exit)) = (t.lookup_str("__enter__"), t.lookup_str("__exit__")) else {
        return Err(type_error(format!(
            "'{}' object does not support the context manager protocol",
            t.name()
        )));
    };
    let exit_bound = crate::protocol::object::descr_get(vm, &exit, Some(&mgr), Some(&t.to_ref()))?;
    let r = call::call_unbound(vm, &enter, &mgr, &[])?;
    push(f, exit_bound);
    push(f, r);
    Ok(Flow::Next)
}

pub fn with_except_start(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let e = peek(f, 1)?.clone();
    let exit = peek(f, 4)?.clone();
    let tb = e
        .downcast::<PyBaseException>()
        .and_then(|x| x.traceback.borrow().clone())
        .unwrap_or_else(none);
    let r = call::call_pos(vm, &exit, &[e.class_ref(), e, tb])?;
    push(f, r);
    Ok(Flow::Next)
}
