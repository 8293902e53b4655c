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

/// `except*`: matches the exception on top of the stack against the
/// clause's type: `[exc]` becomes `[rest, match]` (and `match` becomes the
/// handled exception), or `[exc, None]` when nothing matches.
pub fn check_eg_match(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    use crate::types::exception_group as eg;
    let t = pop(f)?;
    check_catchable(&t)?;
    eg::check_except_star_type(&t)?;
    let e = peek(f, 1)?.clone();
    let (m, rest) = eg::eg_match(vm, &e, &t)?;
    if is_none(&m) {
        push(f, m);
    } else {
        pop(f)?;
        push(f, rest);
        push(f, m.clone());
        vm.set_handled_exception(Some(m));
    }
    Ok(Flow::Next)
}

/// `except*`: the exception (if any) that leaves the statement, from the
/// original exception and the list of what the clauses raised.
pub fn prep_reraise_star(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let excs = pop(f)?;
    let orig = pop(f)?;
    let list = excs
        .downcast::<crate::types::list::PyList>()
        .map(|l| l.to_vec())
        .unwrap_or_default();
    let r = crate::types::exception_group::prep_reraise_star(vm, &orig, &list)?;
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
    let Some(enter) = t.lookup_str("__enter__") else {
        return Err(type_error(format!(
            "'{}' object does not support the context manager protocol",
            t.name()
        )));
    };
    let Some(exit) = t.lookup_str("__exit__") else {
        return Err(type_error(format!(
            "'{}' object does not support the context manager protocol \
             (missed __exit__ method)",
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
