//! Calling objects and special-method lookup.

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::types::descriptors::{PyMethodDescr, PySlotWrapper};
use crate::types::function::PyFunction;
use crate::value::PyRef;
use crate::vm::Vm;

/// `callable(*args)` with vectorcall-style arguments.
#[inline]
pub fn call(vm: &Vm, callable: &PyRef, args: Args<'_>) -> PyResult {
    match callable.class().slots().call {
        Some(f) => {
            let _g = vm.enter_native_call_for(" while calling a Python object")?;
            f(vm, callable, args)
        }
        None => Err(type_error(format!(
            "'{}' object is not callable",
            callable.class().name()
        ))),
    }
}

/// `callable(*args)` with positional arguments only.
#[inline]
pub fn call_pos(vm: &Vm, callable: &PyRef, args: &[PyRef]) -> PyResult {
    call(vm, callable, Args::pos(args))
}

/// `callable()` for objects with a call slot.
pub fn callable(o: &PyRef) -> bool {
    o.class().slots().call.is_some()
}

/// Looks a special method up on the type (bypassing the instance).
#[inline]
pub fn lookup_special(obj: &PyRef, name: &str) -> Option<PyRef> {
    obj.class().lookup_str(name)
}

/// True for descriptors that bind `self` by prepending it (functions and
/// native method descriptors): callers can skip creating a bound method.
#[inline]
pub fn is_method_like(descr: &PyRef) -> bool {
    descr.downcast::<PyFunction>().is_some()
        || descr.downcast::<PyMethodDescr>().is_some()
        || descr
            .downcast::<PySlotWrapper>()
            .is_some_and(|w| w.name() != "__new__")
}

/// Calls an unbound attribute found on `obj`'s type with `obj` as self.
pub fn call_unbound(vm: &Vm, descr: &PyRef, obj: &PyRef, rest: &[PyRef]) -> PyResult {
    call_unbound_args(vm, descr, obj, Args::pos(rest))
}

/// Like [`call_unbound`] with keyword arguments.
pub fn call_unbound_args(vm: &Vm, descr: &PyRef, obj: &PyRef, args: Args<'_>) -> PyResult {
    if is_method_like(descr) {
        let mut v = Vec::with_capacity(args.args.len() + 1);
        v.push(obj.clone());
        v.extend(args.args.iter().cloned());
        return call(vm, descr, Args::new(&v, args.kwnames));
    }
    let bound = match descr.class().slots().descr_get {
        Some(get) => get(vm, descr, Some(obj), Some(&obj.class_ref()))?,
        None => descr.clone(),
    };
    call(vm, &bound, args)
}

/// `type(obj).name(obj, *rest)`; `Ok(None)` if the type has no such
/// attribute.
pub fn call_special(vm: &Vm, obj: &PyRef, name: &str, rest: &[PyRef]) -> PyResult<Option<PyRef>> {
    match lookup_special(obj, name) {
        Some(d) => call_unbound(vm, &d, obj, rest).map(Some),
        None => Ok(None),
    }
}

/// Like [`call_special`] with keyword arguments.
pub fn call_special_args(
    vm: &Vm,
    obj: &PyRef,
    name: &str,
    args: Args<'_>,
) -> PyResult<Option<PyRef>> {
    match lookup_special(obj, name) {
        Some(d) => call_unbound_args(vm, &d, obj, args).map(Some),
        None => Ok(None),
    }
}

/// `obj.name(*args)` (normal attribute lookup, then call).
pub fn call_method(vm: &Vm, obj: &PyRef, name: &str, args: &[PyRef]) -> PyResult {
    let m = crate::protocol::object::get_attr_str(vm, obj, name)?;
    call_pos(vm, &m, args)
}
