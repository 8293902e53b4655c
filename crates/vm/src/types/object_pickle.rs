//! `object.__reduce_ex__`, `object.__reduce__` and `object.__getstate__`:
//! the default pickling protocol every class inherits, which `copy`,
//! `copy.deepcopy` and `pickle` all go through.
//!
//! For protocol 2 and up an instance reduces to
//! `(copyreg.__newobj__, (cls, *args), state, listitems, dictitems)` (or
//! `__newobj_ex__` when `__getnewargs_ex__` gives keyword arguments), where
//! `state` is the instance `__dict__` (None when empty), paired with a dict
//! of the `__slots__` values when there are any. Protocols 0 and 1 go to
//! `copyreg._reduce_ex`, as in CPython. An object whose class keeps native
//! state this protocol cannot see (its nearest builtin base is not
//! `object`, `list` or `dict`) and that gives no constructor arguments
//! "cannot be pickled", which is CPython's rule too (there it is phrased as
//! a basic-size check).

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error, value_error};
use crate::interp::import::import_module;
use crate::protocol::call::{call_method, call_pos};
use crate::protocol::object as proto;
use crate::types::dict::{DICT_TYPE, PyDict};
use crate::types::exceptions::ATTRIBUTE_ERROR;
use crate::types::list::LIST_TYPE;
use crate::types::none::{is_none, none};
use crate::types::object::OBJECT_TYPE;
use crate::types::tuple::{PyTuple, TUPLE_TYPE};
use crate::value::PyRef;
use crate::vm::Vm;

/// `object.__reduce_ex__(protocol, /)`.
pub(crate) fn object_reduce_ex(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.args.first().ok_or_else(|| {
        type_error("descriptor '__reduce_ex__' of 'object' object needs an argument")
    })?;
    let protocol = a.shift().one_arg("object.__reduce_ex__")?;
    let protocol = crate::protocol::number::index(vm, protocol)?;
    let protocol = crate::types::int::index_i64_opt(&protocol).unwrap_or(i64::MAX);
    // A class that overrides `__reduce__` is reduced by it.
    if let Some(r) = o.class().lookup_str("__reduce__")
        && let Some(base) = OBJECT_TYPE.get().dict.get_rust_str("__reduce__")
        && !r.is(&base)
    {
        return call_method(vm, o, "__reduce__", &[]);
    }
    common_reduce(vm, o, protocol)
}

/// `object.__reduce__()`: the protocol-0 reduction.
pub(crate) fn object_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.args.first().ok_or_else(|| {
        type_error("descriptor '__reduce__' of 'object' object needs an argument")
    })?;
    a.shift().no_args("object.__reduce__")?;
    common_reduce(vm, o, 0)
}

/// `object.__getstate__()`.
pub(crate) fn object_getstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.args.first().ok_or_else(|| {
        type_error("descriptor '__getstate__' of 'object' object needs an argument")
    })?;
    a.shift().no_args("object.__getstate__")?;
    getstate_default(vm, o, false)
}

fn common_reduce(vm: &Vm, o: &PyRef, protocol: i64) -> PyResult {
    let copyreg = import_module(vm, "copyreg")?;
    if protocol >= 2 {
        return reduce_newobj(vm, o, &copyreg);
    }
    let f = proto::get_attr_str(vm, &copyreg, "_reduce_ex")?;
    call_pos(
        vm,
        &f,
        &[o.clone(), crate::types::int::int_from_i64(protocol)],
    )
}

fn is_instance_of(o: &PyRef, t: &crate::object::StaticType) -> bool {
    o.class().is_subtype(t.get())
}

/// `(args, kwargs)` from `__getnewargs_ex__` or `__getnewargs__`, checked
/// as CPython checks them; None when the class defines neither.
fn new_arguments(vm: &Vm, o: &PyRef) -> PyResult<Option<(PyRef, Option<PyRef>)>> {
    if let Some(f) = proto::lookup_attr(vm, o, "__getnewargs_ex__")? {
        let r = call_pos(vm, &f, &[])?;
        let Some(t) = r.downcast::<PyTuple>() else {
            return Err(type_error(format!(
                "__getnewargs_ex__ should return a tuple, not '{}'",
                r.class().name()
            )));
        };
        let items = t.as_slice();
        if items.len() != 2 {
            return Err(value_error(format!(
                "__getnewargs_ex__ should return a tuple of length 2, not {}",
                items.len()
            )));
        }
        let (args, kwargs) = (items[0].clone(), items[1].clone());
        if !is_instance_of(&args, &TUPLE_TYPE) {
            return Err(type_error(format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                args.class().name()
            )));
        }
        if !is_instance_of(&kwargs, &DICT_TYPE) {
            return Err(type_error(format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                kwargs.class().name()
            )));
        }
        return Ok(Some((args, Some(kwargs))));
    }
    if let Some(f) = proto::lookup_attr(vm, o, "__getnewargs__")? {
        let args = call_pos(vm, &f, &[])?;
        if !is_instance_of(&args, &TUPLE_TYPE) {
            return Err(type_error(format!(
                "__getnewargs__ should return a tuple, not '{}'",
                args.class().name()
            )));
        }
        return Ok(Some((args, None)));
    }
    Ok(None)
}

fn reduce_newobj(vm: &Vm, o: &PyRef, copyreg: &PyRef) -> PyResult {
    let cls = o.class().to_ref();
    let newargs = new_arguments(vm, o)?;
    let hasargs = newargs.is_some();
    let (args, kwargs) = match newargs {
        Some((a, k)) => (crate::protocol::iter::collect(vm, &a)?, k),
        None => (Vec::new(), None),
    };
    let kwargs = match kwargs {
        Some(k) if crate::protocol::object::len(vm, &k)? > 0 => Some(k),
        _ => None,
    };
    let (newobj, newargs) = match kwargs {
        None => {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(cls);
            v.extend(args);
            (
                proto::get_attr_str(vm, copyreg, "__newobj__")?,
                PyTuple::new_ref(v),
            )
        }
        Some(k) => (
            proto::get_attr_str(vm, copyreg, "__newobj_ex__")?,
            PyTuple::new_ref(vec![cls, PyTuple::new_ref(args), k]),
        ),
    };
    let is_list = is_instance_of(o, &LIST_TYPE);
    let is_dict = is_instance_of(o, &DICT_TYPE);
    let state = getstate(vm, o, !(hasargs || is_list || is_dict))?;
    let listitems = if is_list {
        crate::protocol::iter::get_iter(vm, o)?
    } else {
        none()
    };
    let dictitems = if is_dict {
        let items = call_method(vm, o, "items", &[])?;
        crate::protocol::iter::get_iter(vm, &items)?
    } else {
        none()
    };
    Ok(PyTuple::new_ref(vec![
        newobj, newargs, state, listitems, dictitems,
    ]))
}

/// `obj.__getstate__()`, going straight to the default when the class
/// does not override it (so `required` can be honoured).
fn getstate(vm: &Vm, o: &PyRef, required: bool) -> PyResult {
    if let Some(g) = o.class().lookup_str("__getstate__")
        && let Some(base) = OBJECT_TYPE.get().dict.get_rust_str("__getstate__")
        && !g.is(&base)
    {
        return call_method(vm, o, "__getstate__", &[]);
    }
    getstate_default(vm, o, required)
}

/// The nearest builtin (non-heap) class in `o`'s MRO.
fn builtin_base(o: &PyRef) -> Option<PyRef> {
    o.class()
        .mro_vec()
        .into_iter()
        .find(|t| t.as_type().is_some_and(|t| !t.is_heap()))
}

#[cold]
fn cannot_pickle(o: &PyRef) -> PyErr {
    type_error(format!("cannot pickle '{}' object", o.class().name()))
}

fn getstate_default(vm: &Vm, o: &PyRef, required: bool) -> PyResult {
    if required {
        let plain = builtin_base(o).is_some_and(|b| {
            b.is(&OBJECT_TYPE.to_ref()) || b.is(&LIST_TYPE.to_ref()) || b.is(&DICT_TYPE.to_ref())
        });
        if !plain {
            return Err(cannot_pickle(o));
        }
    }
    let mut state = none();
    if let Some(d) = proto::lookup_attr(vm, o, "__dict__")?
        && d.downcast::<PyDict>().is_some()
        && crate::protocol::object::len(vm, &d)? > 0
    {
        state = d;
    }
    let copyreg = import_module(vm, "copyreg")?;
    let slotnames_fn = proto::get_attr_str(vm, &copyreg, "_slotnames")?;
    let names = call_pos(vm, &slotnames_fn, &[o.class().to_ref()])?;
    let names = if is_none(&names) {
        Vec::new()
    } else {
        crate::protocol::iter::collect(vm, &names)?
    };
    if !names.is_empty() {
        let slots = PyDict::new_ref();
        let mut any = false;
        for name in names {
            let v = match proto::get_attr(vm, o, &name) {
                Ok(v) => v,
                Err(e) if e.matches(&ATTRIBUTE_ERROR) => continue,
                Err(e) => return Err(e),
            };
            crate::protocol::object::set_item(vm, &slots, &name, &v)?;
            any = true;
        }
        if any {
            state = PyTuple::new_ref(vec![state, slots]);
        }
    }
    Ok(state)
}
