//! `sys.unraisablehook` / `sys.__unraisablehook__`: exceptions that cannot
//! be raised (in `__del__`, weakref callbacks, atexit callbacks, gc
//! callbacks) are handed to the hook as an `UnraisableHookArgs` struct
//! sequence, as in CPython; the default hook prints "Exception ignored in:
//! ..." and the traceback.  The struct-sequence type is made the first time
//! a replaced hook needs one, so start-up does not pay for it.

use std::cell::RefCell;

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error};
use crate::protocol::object as proto;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

static ARGS_TYPE: crate::runtime::gil::GilCell<RefCell<Option<PyRef>>> =
    crate::runtime::gil::GilCell::new(RefCell::new(None));

const FIELDS: [&str; 5] = [
    "exc_type",
    "exc_value",
    "exc_traceback",
    "err_msg",
    "object",
];

fn args_type(vm: &Vm) -> PyResult {
    if let Some(t) = ARGS_TYPE.with(|c| c.borrow().clone()) {
        return Ok(t);
    }
    let t = crate::types::structseq::make_type(vm, "builtins", "UnraisableHookArgs", &FIELDS)?;
    ARGS_TYPE.with(|c| *c.borrow_mut() = Some(t.clone()));
    Ok(t)
}

/// The text the default hook writes.
fn default_text(vm: &Vm, exc: &PyRef, err_msg: Option<&str>, obj: Option<&PyRef>) -> String {
    let msg = err_msg.unwrap_or("Exception ignored in");
    let mut out = match obj.filter(|o| !is_none(o)) {
        Some(o) => {
            let r = proto::repr_string(vm, o).unwrap_or_else(|_| "<object repr() failed>".into());
            format!("{msg}: {r}\n")
        }
        None => format!("{msg}\n"),
    };
    out.push_str(&crate::interp::traceback::format_exception(vm, exc));
    out
}

/// `sys.__unraisablehook__(unraisable, /)`.
pub fn f_unraisablehook(vm: &Vm, a: Args<'_>) -> PyResult {
    let u = a.one_arg("unraisablehook")?;
    let is_args = ARGS_TYPE.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|t| u.class().to_ref().is(t))
    });
    if !is_args {
        return Err(type_error(
            "sys.unraisablehook argument type must be UnraisableHookArgs",
        ));
    }
    let get = |i: usize| proto::get_attr_str(vm, u, FIELDS[i]);
    let exc = get(1)?;
    let msg = get(3)?;
    let msg = msg.downcast::<PyStr>().map(|s| s.to_string_lossy());
    let obj = get(4)?;
    let text = default_text(vm, &exc, msg.as_deref(), Some(&obj));
    crate::modules::sys::write_stderr(vm, &text);
    Ok(none())
}

/// Reports an unraisable exception through `sys.unraisablehook`.
/// `msg` "Exception ignored in" is CPython's default (`err_msg` None).
pub fn write_unraisable(vm: &Vm, e: &PyErr, obj: Option<&PyRef>, msg: &str) {
    let hook = vm
        .sys_module()
        .and_then(|s| proto::lookup_attr(vm, &s, "unraisablehook").ok().flatten());
    let default = vm.sys_module().and_then(|s| {
        proto::lookup_attr(vm, &s, "__unraisablehook__")
            .ok()
            .flatten()
    });
    let custom = match (&hook, &default) {
        (Some(h), Some(d)) => !h.is(d) && !is_none(h),
        (Some(h), None) => !is_none(h),
        _ => false,
    };
    if custom && let Some(h) = hook {
        let err_msg = if msg == "Exception ignored in" {
            none()
        } else {
            PyStr::new_ref(msg)
        };
        let exc = e.value().clone();
        let tb = proto::lookup_attr(vm, &exc, "__traceback__")
            .ok()
            .flatten()
            .unwrap_or_else(none);
        let vals = vec![
            exc.class().to_ref(),
            exc,
            tb,
            err_msg,
            obj.cloned().unwrap_or_else(none),
        ];
        let r = args_type(vm)
            .and_then(|t| crate::types::structseq::new_instance(vm, &t, vals))
            .and_then(|u| crate::protocol::call::call_pos(vm, &h, &[u]));
        match r {
            Ok(_) => return,
            Err(e2) => {
                let text = default_text(
                    vm,
                    e2.value(),
                    Some("Exception ignored in sys.unraisablehook"),
                    Some(&h),
                );
                crate::modules::sys::write_stderr(vm, &text);
                return;
            }
        }
    }
    if hook.as_ref().is_some_and(is_none) {
        return;
    }
    let text = default_text(vm, e.value(), Some(msg), obj);
    crate::modules::sys::write_stderr(vm, &text);
}
