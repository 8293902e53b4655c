//! The `atexit` module: functions registered to run when the interpreter
//! finishes (`register`, `unregister`, `_run_exitfuncs`, `_clear`,
//! `_ncallbacks`).  The CLI calls [`run_exitfuncs`] once at exit (from
//! `cli_support::finish`), after an uncaught exception has been printed,
//! like CPython's `Py_FinalizeEx`.

use std::cell::RefCell;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::MethodDef;
use crate::types::int::int_from_i64;
use crate::types::none::none;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil;

/// One registered call: the function, its positional then keyword
/// argument values, and the keyword names.
struct Callback {
    func: PyRef,
    args: Vec<PyRef>,
    kwnames: Vec<PyRef>,
}

static CALLBACKS: crate::runtime::gil::GilCell<RefCell<Vec<Callback>>> =
    crate::runtime::gil::GilCell::new(RefCell::new(Vec::new()));

fn register(_: &Vm, a: Args<'_>) -> PyResult {
    let pos = a.positional();
    let Some(func) = pos.first() else {
        return Err(type_error("register() takes at least 1 argument (0 given)"));
    };
    if !crate::protocol::call::callable(func) {
        return Err(type_error("the first argument must be callable"));
    }
    let mut args: Vec<PyRef> = pos[1..].to_vec();
    args.extend(a.kwvalues().iter().cloned());
    let cb = Callback {
        func: func.clone(),
        args,
        kwnames: a.kwnames.to_vec(),
    };
    CALLBACKS.with(|c| c.borrow_mut().push(cb));
    Ok(func.clone())
}

fn unregister(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = a.one_arg("unregister")?;
    // Compare outside the borrow: `==` may run Python code.
    let funcs: Vec<PyRef> =
        CALLBACKS.with(|c| c.borrow().iter().map(|cb| cb.func.clone()).collect());
    let mut remove = Vec::new();
    for g in &funcs {
        if crate::protocol::object::eq(vm, g, f)? {
            remove.push(g.clone());
        }
    }
    CALLBACKS.with(|c| {
        c.borrow_mut()
            .retain(|cb| !remove.iter().any(|r| r.is(&cb.func)))
    });
    Ok(none())
}

/// Runs (and forgets) the registered functions, last registered first;
/// exceptions are reported as "Exception ignored in atexit callback".
pub fn run_exitfuncs(vm: &Vm) {
    loop {
        let Some(cb) = CALLBACKS.with(|c| c.borrow_mut().pop()) else {
            break;
        };
        let r = crate::protocol::call::call(vm, &cb.func, Args::new(&cb.args, &cb.kwnames));
        if let Err(e) = r {
            vm.write_unraisable(&e, Some(&cb.func), "Exception ignored in atexit callback");
        }
    }
}

fn run_exitfuncs_py(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("_run_exitfuncs")?;
    run_exitfuncs(vm);
    Ok(none())
}

fn clear(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("_clear")?;
    let old = CALLBACKS.with(|c| std::mem::take(&mut *c.borrow_mut()));
    drop(old);
    Ok(none())
}

fn ncallbacks(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("_ncallbacks")?;
    Ok(int_from_i64(CALLBACKS.with(|c| c.borrow().len()) as i64))
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("register", register),
    MethodDef::method("unregister", unregister),
    MethodDef::method("_run_exitfuncs", run_exitfuncs_py),
    MethodDef::method("_clear", clear),
    MethodDef::method("_ncallbacks", ncallbacks),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    modutil::new_module(
        "atexit",
        "allow programmer to define multiple exit functions to be executed\nupon normal program termination.\n\nTwo public functions, register and unregister, are defined.\n",
        FUNCTIONS,
    )
}
