//! Name access: fast locals, the locals mapping, globals/builtins,
//! attributes, cells and free variables, imports.

use taipan_bytecode::code::local_kind;

use super::{name, pop, push};
use crate::error::{PyErr, PyResult, name_error, system_error, unbound_local_error};
use crate::interp::{Flow, Frame};
use crate::protocol::{call, object as proto};
use crate::types::cell::PyCell;
use crate::types::dict::PyDict;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

fn local_name(f: &Frame, i: u32) -> String {
    f.code
        .localsplusnames
        .get(i as usize)
        .cloned()
        .unwrap_or_default()
}

#[cold]
fn unbound_local(f: &Frame, i: u32) -> PyErr {
    let n = local_name(f, i);
    let e = unbound_local_error(format!(
        "cannot access local variable '{n}' where it is not associated with a value"
    ));
    crate::types::exceptions::set_exc_attr(e.value(), "name", PyStr::new_ref(&n));
    e
}

/// `NameError: name 'x' is not defined` (with `.name` set).
#[cold]
pub fn not_defined(n: &PyRef) -> PyErr {
    let s = n
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let e = name_error(format!("name '{s}' is not defined"));
    crate::types::exceptions::set_exc_attr(e.value(), "name", n.clone());
    e
}

pub fn load_fast(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    match f.fast.get(arg as usize) {
        Some(Some(v)) => {
            let v = v.clone();
            push(f, v);
            Ok(Flow::Next)
        }
        _ => Err(unbound_local(f, arg)),
    }
}

pub fn store_fast(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let slot = f
        .fast
        .get_mut(arg as usize)
        .ok_or_else(|| system_error("local index out of range"))?;
    let old = slot.replace(v);
    drop(old);
    Ok(Flow::Next)
}

pub fn delete_fast(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    match f.fast.get_mut(arg as usize).map(|s| s.take()) {
        Some(Some(_)) => Ok(Flow::Next),
        _ => Err(unbound_local(f, arg)),
    }
}

/// Looks up `n` in a mapping (fast path for dicts).
fn mapping_get(vm: &Vm, m: &PyRef, n: &PyRef) -> PyResult<Option<PyRef>> {
    if let Some(d) = m.downcast::<PyDict>()
        && m.is_exact::<PyDict>()
    {
        return Ok(d.get_str(n));
    }
    match proto::get_item(vm, m, n) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&crate::types::exceptions::KEY_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

fn global_or_builtin(vm: &Vm, f: &Frame, n: &PyRef) -> PyResult<PyRef> {
    if let Some(v) = f.globals.downcast::<PyDict>().and_then(|d| d.get_str(n)) {
        return Ok(v);
    }
    if let Some(v) = mapping_get(vm, &f.builtins, n)? {
        return Ok(v);
    }
    Err(not_defined(n))
}

pub fn load_name(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    if let Some(l) = &f.locals
        && let Some(v) = mapping_get(vm, l, &n)?
    {
        push(f, v);
        return Ok(Flow::Next);
    }
    let v = global_or_builtin(vm, f, &n)?;
    push(f, v);
    Ok(Flow::Next)
}

pub fn store_name(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let v = pop(f)?;
    let l = f.locals.clone().unwrap_or_else(|| f.globals.clone());
    match l.downcast::<PyDict>() {
        Some(d) if l.is_exact::<PyDict>() => d.set_str(n, v),
        _ => proto::set_item(vm, &l, &n, &v)?,
    }
    Ok(Flow::Next)
}

pub fn delete_name(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let l = f.locals.clone().unwrap_or_else(|| f.globals.clone());
    let ok = match l.downcast::<PyDict>() {
        Some(d) if l.is_exact::<PyDict>() => d.del_str(&n).is_some(),
        _ => match proto::del_item(vm, &l, &n) {
            Ok(()) => true,
            Err(e) if e.matches(&crate::types::exceptions::KEY_ERROR) => false,
            Err(e) => return Err(e),
        },
    };
    if !ok {
        return Err(not_defined(&n));
    }
    Ok(Flow::Next)
}

pub fn load_global(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_load_global(f, arg);
    }
    load_global_generic(vm, f, arg)
}

pub fn load_global_generic(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg >> 1)?;
    let v = global_or_builtin(vm, f, &n)?;
    if arg & 1 != 0 {
        f.stack.push(None);
    }
    push(f, v);
    Ok(Flow::Next)
}

pub fn store_global(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let v = pop(f)?;
    if let Some(d) = f.globals.downcast::<PyDict>() {
        d.set_str(n, v);
    }
    Ok(Flow::Next)
}

pub fn delete_global(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    if f.globals
        .downcast::<PyDict>()
        .and_then(|d| d.del_str(&n))
        .is_none()
    {
        return Err(not_defined(&n));
    }
    Ok(Flow::Next)
}

pub fn load_attr(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_load_attr(f, arg);
    }
    load_attr_generic(vm, f, arg)
}

pub fn load_attr_generic(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let o = pop(f)?;
    let v = proto::get_attr(vm, &o, &n)?;
    push(f, v);
    Ok(Flow::Next)
}

pub fn store_attr(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_store_attr(f, arg);
    }
    store_attr_generic(vm, f, arg)
}

pub fn store_attr_generic(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let o = pop(f)?;
    let v = pop(f)?;
    proto::set_attr(vm, &o, &n, &v)?;
    Ok(Flow::Next)
}

pub fn delete_attr(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let o = pop(f)?;
    proto::del_attr(vm, &o, &n)?;
    Ok(Flow::Next)
}

/// `LOAD_METHOD`: `(method, self)` when the attribute is a plain method on
/// the type (no bound-method allocation), else `(NULL, attribute)`.
pub fn load_method(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_load_method(f, arg);
    }
    load_method_generic(vm, f, arg)
}

pub fn load_method_generic(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let o = pop(f)?;
    let t = o.class();
    let generic = t.slots().getattro.map(|g| g as usize)
        == crate::types::object::OBJECT_TYPE
            .get()
            .slots()
            .getattro
            .map(|g| g as usize);
    if generic
        && let Some(d) = t.lookup(&n)
        && call::is_method_like(&d)
    {
        let shadowed = o.dict_attrs().and_then(|a| a.get(&n));
        match shadowed {
            Some(v) => {
                f.stack.push(None);
                push(f, v);
            }
            None => {
                push(f, d);
                push(f, o);
            }
        }
        return Ok(Flow::Next);
    }
    let v = proto::get_attr(vm, &o, &n)?;
    f.stack.push(None);
    push(f, v);
    Ok(Flow::Next)
}

pub fn make_cell(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let slot = f
        .fast
        .get_mut(arg as usize)
        .ok_or_else(|| system_error("cell index out of range"))?;
    let v = slot.take();
    *slot = Some(PyCell::new_ref(v));
    Ok(Flow::Next)
}

fn cell_at(f: &Frame, arg: u32) -> PyResult<PyRef> {
    f.fast
        .get(arg as usize)
        .cloned()
        .flatten()
        .ok_or_else(|| system_error("missing cell"))
}

pub fn load_closure(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cell_at(f, arg)?;
    push(f, c);
    Ok(Flow::Next)
}

#[cold]
fn unbound_deref(f: &Frame, arg: u32) -> PyErr {
    let n = local_name(f, arg);
    let is_free = f
        .code
        .localspluskinds
        .get(arg as usize)
        .is_some_and(|k| k & local_kind::FREE != 0);
    let e = if is_free {
        name_error(format!(
            "cannot access free variable '{n}' where it is not associated with a value in enclosing scope"
        ))
    } else {
        unbound_local_error(format!(
            "cannot access local variable '{n}' where it is not associated with a value"
        ))
    };
    crate::types::exceptions::set_exc_attr(e.value(), "name", PyStr::new_ref(&n));
    e
}

pub fn load_deref(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = match f.fast.get(arg as usize) {
        Some(Some(c)) => c.downcast::<PyCell>().and_then(|c| c.get()),
        _ => return Err(system_error("missing cell")),
    };
    let v = v.ok_or_else(|| unbound_deref(f, arg))?;
    push(f, v);
    Ok(Flow::Next)
}

pub fn store_deref(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let c = cell_at(f, arg)?;
    c.downcast::<PyCell>()
        .ok_or_else(|| system_error("not a cell"))?
        .set(Some(v));
    Ok(Flow::Next)
}

pub fn delete_deref(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cell_at(f, arg)?;
    let cell = c
        .downcast::<PyCell>()
        .ok_or_else(|| system_error("not a cell"))?;
    if cell.get().is_none() {
        return Err(unbound_deref(f, arg));
    }
    cell.set(None);
    Ok(Flow::Next)
}

pub fn load_classderef(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = PyStr::intern(&local_name(f, arg));
    if let Some(l) = &f.locals
        && let Some(v) = mapping_get(vm, l, &n)?
    {
        push(f, v);
        return Ok(Flow::Next);
    }
    load_deref(vm, f, arg)
}

pub fn copy_free_vars(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let closure = f
        .func
        .as_ref()
        .and_then(|fun| {
            fun.downcast::<crate::types::function::PyFunction>()
                .and_then(|p| p.closure.clone())
        })
        .ok_or_else(|| system_error("COPY_FREE_VARS without a closure"))?;
    let cells = closure
        .downcast::<crate::types::tuple::PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    let n = arg as usize;
    let start = f.fast.len().saturating_sub(n);
    for (i, c) in cells.into_iter().take(n).enumerate() {
        f.fast[start + i] = Some(c);
    }
    Ok(Flow::Next)
}

pub fn setup_annotations(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let l = f.locals.clone().unwrap_or_else(|| f.globals.clone());
    let key = PyStr::intern("__annotations__");
    if mapping_get(vm, &l, &key)?.is_none() {
        proto::set_item(vm, &l, &key, &PyDict::new_ref())?;
    }
    Ok(Flow::Next)
}

pub fn import_name(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let fromlist = pop(f)?;
    let level = pop(f)?;
    let globals = f.globals.clone();
    let locals = f.locals.clone().unwrap_or_else(crate::types::none::none);
    let m = crate::interp::import::import_hook(vm, &n, &globals, &locals, &fromlist, &level)?;
    push(f, m);
    Ok(Flow::Next)
}

pub fn import_from(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = name(f, arg)?;
    let m = super::peek(f, 1)?.clone();
    let v = crate::interp::import::import_from(vm, &m, &n)?;
    push(f, v);
    Ok(Flow::Next)
}

pub fn import_star(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let m = pop(f)?;
    let target = f.locals.clone().unwrap_or_else(|| f.globals.clone());
    crate::interp::import::import_star(vm, &m, &target)?;
    Ok(Flow::Next)
}
