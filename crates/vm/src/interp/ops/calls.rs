//! Calls and function creation.  A call of a Python function pushes a new
//! frame (`interp::enter`) instead of recursing.

use taipan_bytecode::CodeFlags;

use super::{pop, pop_opt, push};
use crate::args::Args;
use crate::error::{PyResult, name_error, system_error, type_error};
use crate::interp::{Flow, Frame, frame};
use crate::protocol::call;
use crate::types::dict::PyDict;
use crate::types::function::{PyFunction, PyMethod};
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

pub fn kw_names(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    f.kwnames = Some(
        f.pycode()
            .consts
            .get(arg as usize)
            .cloned()
            .ok_or_else(|| system_error("bad KW_NAMES"))?,
    );
    Ok(Flow::Next)
}

/// Calls `callable` with `args`: Python functions get a new frame pushed,
/// everything else is called natively.
fn do_call(vm: &Vm, callable: &PyRef, args: Args<'_>) -> PyResult<Result<Box<Frame>, PyRef>> {
    if args.kwnames.is_empty() {
        if let Some(func) = callable.downcast::<PyFunction>()
            && let Some(fr) = frame::simple_frame(vm, callable, func, None, args.args)
        {
            return Ok(Ok(fr));
        }
        if let Some(m) = callable.downcast::<PyMethod>()
            && let Some(func) = m.func.downcast::<PyFunction>()
            && let Some(fr) = frame::simple_frame(vm, &m.func, func, Some(&m.self_), args.args)
        {
            return Ok(Ok(fr));
        }
    }
    if let Some(func) = callable.downcast::<PyFunction>() {
        let fr = frame::frame_for_call(vm, callable, func, args)?;
        if fr.code.flags.0
            & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR)
            != 0
        {
            return Ok(Err(crate::types::generator::new_generator(fr)));
        }
        return Ok(Ok(fr));
    }
    if let Some(m) = callable.downcast::<PyMethod>()
        && let Some(func) = m.func.downcast::<PyFunction>()
    {
        let mut v = Vec::with_capacity(args.args.len() + 1);
        v.push(m.self_.clone());
        v.extend(args.args.iter().cloned());
        let fr = frame::frame_for_call(vm, &m.func, func, Args::new(&v, args.kwnames))?;
        if fr.code.flags.0
            & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR)
            != 0
        {
            return Ok(Err(crate::types::generator::new_generator(fr)));
        }
        return Ok(Ok(fr));
    }
    call::call(vm, callable, args).map(Err)
}

fn as_refs(s: &[Option<PyRef>]) -> PyResult<&[PyRef]> {
    if s.iter().any(|x| x.is_none()) {
        return Err(super::stack_error());
    }
    // SAFETY: `Option<PyRef>` has the same layout as `PyRef` (non-zero
    // niche), and every element was just checked to be `Some`.
    Ok(unsafe { std::slice::from_raw_parts(s.as_ptr() as *const PyRef, s.len()) })
}

pub fn call(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_call(vm, f, arg);
    }
    call_generic(vm, f, arg)
}

pub fn call_generic(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = arg as usize;
    let len = f.stack.len();
    if len < n + 2 {
        return Err(super::stack_error());
    }
    let kwnames_obj = f.kwnames.take();
    let kwnames: &[PyRef] = match &kwnames_obj {
        Some(k) => k.downcast::<PyTuple>().map(|t| t.as_slice()).unwrap_or(&[]),
        None => &[],
    };
    let is_method = f.stack[len - n - 2].is_some();
    let (callable, args_start) = if is_method {
        (
            f.stack[len - n - 2]
                .clone()
                .ok_or_else(super::stack_error)?,
            len - n - 1,
        )
    } else {
        (
            f.stack[len - n - 1]
                .clone()
                .ok_or_else(super::stack_error)?,
            len - n,
        )
    };
    let result = {
        let args = as_refs(&f.stack[args_start..])?;
        do_call(vm, &callable, Args::new(args, kwnames))
    };
    f.stack.truncate(len - n - 2);
    match result? {
        Ok(newf) => crate::interp::enter(vm, newf),
        Err(v) => {
            push(f, v);
            Ok(Flow::Next)
        }
    }
}

pub fn call_function_ex(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let kwargs = if arg & 1 != 0 { Some(pop(f)?) } else { None };
    let callargs = pop(f)?;
    let func = pop(f)?;
    let _null = pop_opt(f)?;
    let mut args: Vec<PyRef> = match callargs.downcast::<PyTuple>() {
        Some(t) => t.as_slice().to_vec(),
        None => {
            if callargs.class().slots().iter.is_none()
                && callargs.class().slots().mp_getitem.is_none()
            {
                return Err(type_error(format!(
                    "{} argument after * must be an iterable, not {}",
                    super::build::function_str(vm, &func),
                    callargs.class().name()
                )));
            }
            crate::protocol::iter::collect(vm, &callargs)?
        }
    };
    let mut names: Vec<PyRef> = Vec::new();
    if let Some(kw) = kwargs {
        let d = match kw.downcast::<PyDict>() {
            Some(d) => d.items(),
            None => {
                let tmp = PyDict::default();
                crate::types::dict::update_from(vm, &tmp, &kw).map_err(|_| {
                    type_error(format!(
                        "{} argument after ** must be a mapping, not {}",
                        super::build::function_str(vm, &func),
                        kw.class().name()
                    ))
                })?;
                tmp.items()
            }
        };
        for (k, v) in d {
            if k.downcast::<crate::types::str::PyStr>().is_none() {
                return Err(type_error(format!(
                    "{} keywords must be strings",
                    super::build::function_str(vm, &func)
                )));
            }
            names.push(k);
            args.push(v);
        }
    }
    match do_call(vm, &func, Args::new(&args, &names))? {
        Ok(newf) => crate::interp::enter(vm, newf),
        Err(v) => {
            push(f, v);
            Ok(Flow::Next)
        }
    }
}

pub fn make_function(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let code = pop(f)?;
    let closure = if arg & 0x08 != 0 { Some(pop(f)?) } else { None };
    let annotations = if arg & 0x04 != 0 { Some(pop(f)?) } else { None };
    let kwdefaults = if arg & 0x02 != 0 { Some(pop(f)?) } else { None };
    let defaults = if arg & 0x01 != 0 { Some(pop(f)?) } else { None };
    let func = PyFunction::new_ref(code, f.globals.clone(), f.builtins.clone(), closure);
    if let Some(fp) = func.downcast::<PyFunction>() {
        *fp.defaults.borrow_mut() = defaults;
        *fp.kwdefaults.borrow_mut() = kwdefaults;
        *fp.annotations.borrow_mut() = annotations;
    }
    push(f, func);
    Ok(Flow::Next)
}

pub fn load_build_class(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let key = crate::types::str::PyStr::intern("__build_class__");
    let bc = match f.builtins.downcast::<PyDict>() {
        Some(d) => d.get_str(&key),
        None => crate::protocol::object::get_item(vm, &f.builtins, &key).ok(),
    };
    let bc = bc.ok_or_else(|| name_error("__build_class__ not found"))?;
    push(f, bc);
    Ok(Flow::Next)
}
