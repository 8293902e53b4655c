//! Building containers and unpacking.

use super::{peek, pop, pop_n, push};
use crate::error::{PyResult, type_error, value_error};
use crate::interp::{Flow, Frame};
use crate::protocol::{iter, object as proto};
use crate::types::dict::PyDict;
use crate::types::list::PyList;
use crate::types::set::PySet;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

pub fn build_tuple(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop_n(f, arg as usize)?;
    push(f, PyTuple::new_ref(v));
    Ok(Flow::Next)
}

pub fn build_list(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop_n(f, arg as usize)?;
    push(f, PyList::new_ref(v));
    Ok(Flow::Next)
}

pub fn build_set(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop_n(f, arg as usize)?;
    let s = crate::types::set::new_set();
    if let Some(p) = s.downcast::<PySet>() {
        for x in v {
            p.add(vm, x)?;
        }
    }
    push(f, s);
    Ok(Flow::Next)
}

pub fn build_map(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop_n(f, 2 * arg as usize)?;
    let d = PyDict::default();
    for kv in v.chunks(2) {
        d.set_item(vm, kv[0].clone(), kv[1].clone())?;
    }
    push(f, crate::object::alloc(d));
    Ok(Flow::Next)
}

pub fn build_const_key_map(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let keys = pop(f)?;
    let vals = pop_n(f, arg as usize)?;
    let ks = keys
        .downcast::<PyTuple>()
        .ok_or_else(|| crate::error::system_error("bad BUILD_CONST_KEY_MAP keys"))?;
    let d = PyDict::default();
    for (k, v) in ks.as_slice().iter().zip(vals) {
        d.set_item(vm, k.clone(), v)?;
    }
    push(f, crate::object::alloc(d));
    Ok(Flow::Next)
}

pub fn list_append(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let l = peek(f, arg as usize)?;
    l.downcast::<PyList>()
        .ok_or_else(|| crate::error::system_error("LIST_APPEND on non-list"))?
        .push(v);
    Ok(Flow::Next)
}

pub fn set_add(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let s = peek(f, arg as usize)?.clone();
    s.downcast::<PySet>()
        .ok_or_else(|| crate::error::system_error("SET_ADD on non-set"))?
        .add(vm, v)?;
    Ok(Flow::Next)
}

pub fn map_add(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let k = pop(f)?;
    let d = peek(f, arg as usize)?.clone();
    d.downcast::<PyDict>()
        .ok_or_else(|| crate::error::system_error("MAP_ADD on non-dict"))?
        .set_item(vm, k, v)?;
    Ok(Flow::Next)
}

pub fn list_extend(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let it = pop(f)?;
    let l = peek(f, arg as usize)?.clone();
    let items = iter::collect(vm, &it).map_err(|e| {
        if e.matches(&crate::types::exceptions::TYPE_ERROR)
            && it.class().slots().iter.is_none()
            && it.class().slots().mp_getitem.is_none()
        {
            type_error(format!(
                "Value after * must be an iterable, not {}",
                it.class().name()
            ))
        } else {
            e
        }
    })?;
    if let Some(lp) = l.downcast::<PyList>() {
        lp.items.borrow_mut().extend(items);
    }
    Ok(Flow::Next)
}

pub fn set_update(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let it = pop(f)?;
    let s = peek(f, arg as usize)?.clone();
    s.downcast::<PySet>()
        .ok_or_else(|| crate::error::system_error("SET_UPDATE on non-set"))?
        .update(vm, &it)?;
    Ok(Flow::Next)
}

/// `module.qualname()` for call error messages (`_PyObject_FunctionStr`).
pub fn function_str(vm: &Vm, func: &PyRef) -> String {
    let q = proto::lookup_attr(vm, func, "__qualname__").ok().flatten();
    let Some(q) = q.and_then(|q| q.downcast::<PyStr>().map(|s| s.to_string_lossy())) else {
        return format!("{} object", func.class().name());
    };
    let m = proto::lookup_attr(vm, func, "__module__").ok().flatten();
    match m.and_then(|m| m.downcast::<PyStr>().map(|s| s.to_string_lossy())) {
        Some(m) if m != "builtins" => format!("{m}.{q}()"),
        _ => format!("{q}()"),
    }
}

pub fn dict_merge(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let update = pop(f)?;
    let d = peek(f, arg as usize)?.clone();
    let func = peek(f, arg as usize + 2).ok().cloned();
    let fname = || {
        func.as_ref()
            .map(|x| function_str(vm, x))
            .unwrap_or_else(|| "function".into())
    };
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| crate::error::system_error("DICT_MERGE on non-dict"))?;
    let is_mapping =
        update.downcast::<PyDict>().is_some() || proto::lookup_attr(vm, &update, "keys")?.is_some();
    if !is_mapping {
        return Err(type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            fname(),
            update.class().name()
        )));
    }
    let tmp = PyDict::default();
    crate::types::dict::update_from(vm, &tmp, &update)?;
    for (k, v) in tmp.items() {
        if k.downcast::<PyStr>().is_none() {
            return Err(type_error("keywords must be strings".to_string()));
        }
        if dd.get_item(vm, &k)?.is_some() {
            let ks = k
                .downcast::<PyStr>()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            return Err(type_error(format!(
                "{} got multiple values for keyword argument '{ks}'",
                fname()
            )));
        }
        dd.set_item(vm, k, v)?;
    }
    Ok(Flow::Next)
}

pub fn dict_update(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let update = pop(f)?;
    let d = peek(f, arg as usize)?.clone();
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| crate::error::system_error("DICT_UPDATE on non-dict"))?;
    if update.downcast::<PyDict>().is_none() && proto::lookup_attr(vm, &update, "keys")?.is_none() {
        return Err(type_error(format!(
            "'{}' object is not a mapping",
            update.class().name()
        )));
    }
    crate::types::dict::update_from(vm, dd, &update)?;
    Ok(Flow::Next)
}

pub fn list_to_tuple(_: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let l = pop(f)?;
    let v = l
        .downcast::<PyList>()
        .map(|l| l.to_vec())
        .unwrap_or_default();
    push(f, PyTuple::new_ref(v));
    Ok(Flow::Next)
}

fn unpack_items(vm: &Vm, o: &PyRef) -> PyResult<Vec<PyRef>> {
    // Only exact tuples and lists skip the iterator protocol: a subclass
    // may override `__iter__` (platform.uname_result does).
    if o.is_exact::<PyTuple>()
        && let Some(t) = o.downcast::<PyTuple>()
    {
        return Ok(t.as_slice().to_vec());
    }
    if o.is_exact::<PyList>()
        && let Some(l) = o.downcast::<PyList>()
    {
        return Ok(l.to_vec());
    }
    if o.class().slots().iter.is_none() && o.class().slots().mp_getitem.is_none() {
        return Err(type_error(format!(
            "cannot unpack non-iterable {} object",
            o.class().name()
        )));
    }
    iter::collect(vm, o)
}

pub fn unpack_sequence(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let o = pop(f)?;
    let n = arg as usize;
    let items = if o.is_exact::<PyTuple>() || o.is_exact::<PyList>() {
        unpack_items(vm, &o)?
    } else {
        // Stop reading once one item too many was seen (CPython does).
        if o.class().slots().iter.is_none() && o.class().slots().mp_getitem.is_none() {
            return Err(type_error(format!(
                "cannot unpack non-iterable {} object",
                o.class().name()
            )));
        }
        let it = iter::get_iter(vm, &o)?;
        let mut v = Vec::with_capacity(n);
        while let Some(x) = iter::next(vm, &it)? {
            v.push(x);
            if v.len() > n {
                return Err(value_error(format!(
                    "too many values to unpack (expected {n})"
                )));
            }
        }
        v
    };
    if items.len() < n {
        return Err(value_error(format!(
            "not enough values to unpack (expected {n}, got {})",
            items.len()
        )));
    }
    if items.len() > n {
        return Err(value_error(format!(
            "too many values to unpack (expected {n})"
        )));
    }
    for x in items.into_iter().rev() {
        push(f, x);
    }
    Ok(Flow::Next)
}

pub fn unpack_ex(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let o = pop(f)?;
    let before = (arg & 0xFF) as usize;
    let after = (arg >> 8) as usize;
    let items = unpack_items(vm, &o)?;
    if items.len() < before + after {
        return Err(value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let mid_end = items.len() - after;
    for x in items[mid_end..].iter().rev() {
        push(f, x.clone());
    }
    push(f, PyList::new_ref(items[before..mid_end].to_vec()));
    for x in items[..before].iter().rev() {
        push(f, x.clone());
    }
    Ok(Flow::Next)
}
