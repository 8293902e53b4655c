//! The iterator protocol: `iter()`, `next()`, and collecting iterables.

use crate::error::{PyResult, type_error};
use crate::types::list::PyList;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// `iter(o)`.
pub fn get_iter(vm: &Vm, o: &PyRef) -> PyResult {
    let t = o.class();
    if let Some(f) = t.slots().iter {
        let it = f(vm, o)?;
        if it.class().slots().iternext.is_none() {
            return Err(type_error(format!(
                "iter() returned non-iterator of type '{}'",
                it.class().name()
            )));
        }
        return Ok(it);
    }
    if t.slots().mp_getitem.is_some() && t.lookup_str("__getitem__").is_some() {
        return Ok(crate::types::iterators::getitem_iter(o.clone()));
    }
    Err(type_error(format!("'{}' object is not iterable", t.name())))
}

/// `next(it)`: `Ok(None)` at exhaustion.
#[inline]
pub fn next(vm: &Vm, it: &PyRef) -> PyResult<Option<PyRef>> {
    match it.class().slots().iternext {
        Some(f) => match f(vm, it) {
            Err(e) if e.matches(&crate::types::exceptions::STOP_ITERATION) => Ok(None),
            r => r,
        },
        None => Err(type_error(format!(
            "'{}' object is not an iterator",
            it.class().name()
        ))),
    }
}

/// `list(o)` as a Vec.
pub fn collect(vm: &Vm, o: &PyRef) -> PyResult<Vec<PyRef>> {
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
    let it = get_iter(vm, o)?;
    let mut v = Vec::new();
    while let Some(x) = next(vm, &it)? {
        v.push(x);
    }
    Ok(v)
}

/// Items of a list, tuple, set or dict without running Python code.
pub fn collect_simple(o: &PyRef) -> PyResult<Vec<PyRef>> {
    if let Some(t) = o.downcast::<PyTuple>() {
        return Ok(t.as_slice().to_vec());
    }
    if let Some(l) = o.downcast::<PyList>() {
        return Ok(l.to_vec());
    }
    if let Some(d) = o.downcast::<crate::types::dict::PyDict>() {
        return Ok(d.keys());
    }
    if let Some(s) = o.downcast::<crate::types::set::PySet>() {
        return Ok(s.items());
    }
    Err(type_error("expected a sequence"))
}
