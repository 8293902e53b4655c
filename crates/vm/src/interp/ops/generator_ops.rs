//! Generator and coroutine instructions: `SEND` (the `yield from` /
//! `await` loop), awaitables and async iteration.

use super::{peek, pop, push};
use crate::error::{PyErr, PyResult, type_error};
use crate::interp::{Flow, Frame};
use crate::types::generator::{GenKind, PyGenerator, SendResult, gen_send};
use crate::types::none::is_none;
use crate::vm::Vm;

pub fn send(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let recv = peek(f, 1)?.clone();
    let r = if let Some(g) = recv.downcast::<PyGenerator>() {
        gen_send(vm, g, v)?
    } else if let (true, Some(next)) = (is_none(&v), recv.class().slots().iternext) {
        match next(vm, &recv) {
            Ok(Some(x)) => SendResult::Yield(x),
            Ok(None) => SendResult::Return(crate::types::none::none()),
            Err(e) if e.matches(&crate::types::exceptions::STOP_ITERATION) => {
                SendResult::Return(stop_value(vm, f, e)?)
            }
            Err(e) => return Err(e),
        }
    } else {
        match crate::protocol::call::call_method(vm, &recv, "send", &[v]) {
            Ok(x) => SendResult::Yield(x),
            Err(e) if e.matches(&crate::types::exceptions::STOP_ITERATION) => {
                SendResult::Return(stop_value(vm, f, e)?)
            }
            Err(e) => return Err(e),
        }
    };
    match r {
        SendResult::Yield(x) => push(f, x),
        SendResult::Return(x) => {
            pop(f)?;
            push(f, x);
            f.pc = arg as usize;
        }
    }
    Ok(Flow::Next)
}

/// The value of a `StopIteration` that ended a `SEND`; a trace function
/// sees it as an `exception` event first (CPython 3.11 does this).
fn stop_value(vm: &Vm, f: &mut Frame, e: PyErr) -> PyResult<crate::value::PyRef> {
    let e = if vm.interp.tracing.get() {
        crate::interp::trace::exception_event(vm, f, e)
    } else {
        e
    };
    if !e.matches(&crate::types::exceptions::STOP_ITERATION) {
        return Err(e);
    }
    Ok(crate::types::exceptions::exc_attr(e.value(), "value"))
}

pub fn get_yield_from_iter(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let v = peek(f, 1)?.clone();
    if let Some(g) = v.downcast::<PyGenerator>() {
        if g.kind == GenKind::Coroutine
            && !f.code.flags.has(
                taipan_bytecode::CodeFlags::COROUTINE
                    | taipan_bytecode::CodeFlags::ITERABLE_COROUTINE,
            )
        {
            return Err(type_error(
                "cannot 'yield from' a coroutine object in a non-coroutine generator",
            ));
        }
        return Ok(Flow::Next);
    }
    let it = crate::protocol::iter::get_iter(vm, &v)?;
    pop(f)?;
    push(f, it);
    Ok(Flow::Next)
}

/// The iterator behind `await obj`.
pub fn awaitable_iter(vm: &Vm, o: &crate::value::PyRef) -> PyResult<crate::value::PyRef> {
    if let Some(g) = o.downcast::<PyGenerator>() {
        if g.kind == GenKind::Coroutine {
            if g.is_awaiting_coroutine() {
                return Err(crate::error::runtime_error(
                    "coroutine is being awaited already",
                ));
            }
            return Ok(o.clone());
        }
        // A generator made by `@types.coroutine` (CO_ITERABLE_COROUTINE).
        if g.kind == GenKind::Generator
            && g.code
                .downcast::<crate::types::code::PyCode>()
                .is_some_and(|c| {
                    c.code
                        .flags
                        .has(taipan_bytecode::CodeFlags::ITERABLE_COROUTINE)
                })
        {
            return Ok(o.clone());
        }
    }
    match crate::protocol::call::lookup_special(o, "__await__") {
        Some(m) => {
            let it = crate::protocol::call::call_unbound(vm, &m, o, &[])?;
            if it
                .downcast::<PyGenerator>()
                .is_some_and(|g| g.kind == GenKind::Coroutine)
            {
                return Err(type_error("__await__() returned a coroutine"));
            }
            if it.class().slots().iternext.is_none() {
                return Err(type_error(format!(
                    "__await__() returned non-iterator of type '{}'",
                    it.class().name()
                )));
            }
            Ok(it)
        }
        None => Err(type_error(format!(
            "object {} can't be used in 'await' expression",
            o.class().name()
        ))),
    }
}

pub fn get_awaitable(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let o = pop(f)?;
    let it = awaitable_iter(vm, &o).map_err(|e| {
        if arg != 0
            && e.matches(&crate::types::exceptions::TYPE_ERROR)
            && crate::protocol::call::lookup_special(&o, "__await__").is_none()
        {
            let what = if arg == 1 { "__aenter__" } else { "__aexit__" };
            type_error(format!(
                "'async with' received an object from {what} that does not implement __await__: {}",
                o.class().name()
            ))
        } else {
            e
        }
    })?;
    push(f, it);
    Ok(Flow::Next)
}

pub fn get_aiter(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let o = pop(f)?;
    let Some(m) = crate::protocol::call::lookup_special(&o, "__aiter__") else {
        return Err(type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            o.class().name()
        )));
    };
    let it = crate::protocol::call::call_unbound(vm, &m, &o, &[])?;
    if crate::protocol::call::lookup_special(&it, "__anext__").is_none() {
        return Err(type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            it.class().name()
        )));
    }
    push(f, it);
    Ok(Flow::Next)
}

pub fn get_anext(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let it = peek(f, 1)?.clone();
    let Some(m) = crate::protocol::call::lookup_special(&it, "__anext__") else {
        return Err(type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            it.class().name()
        )));
    };
    let aw = crate::protocol::call::call_unbound(vm, &m, &it, &[])?;
    let r = awaitable_iter(vm, &aw).map_err(|_| {
        type_error(format!(
            "'async for' received an invalid object from __anext__: {}",
            aw.class().name()
        ))
    })?;
    push(f, r);
    Ok(Flow::Next)
}

pub fn end_async_for(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let e = pop(f)?;
    let _it = pop(f)?;
    if e.class()
        .is_subtype(crate::types::exceptions::STOP_ASYNC_ITERATION.get())
    {
        return Ok(Flow::Next);
    }
    vm.interp.set_reraise();
    Err(PyErr::from_instance(e))
}

pub fn async_gen_wrap(_: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    push(f, crate::types::generator::wrap_async_value(v));
    Ok(Flow::Next)
}

pub fn before_async_with(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let mgr = pop(f)?;
    let t = mgr.class();
    let (Some(enter), Some(exit)) = (t.lookup_str("__aenter__"), t.lookup_str("__aexit__")) else {
        return Err(type_error(format!(
            "'{}' object does not support the asynchronous context manager protocol",
            t.name()
        )));
    };
    let exit_bound = crate::protocol::object::descr_get(vm, &exit, Some(&mgr), Some(&t.to_ref()))?;
    let r = crate::protocol::call::call_unbound(vm, &enter, &mgr, &[])?;
    push(f, exit_bound);
    push(f, r);
    Ok(Flow::Next)
}
