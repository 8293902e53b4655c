//! Structural pattern matching (`match` statements).

use super::{peek, pop, push};
use crate::error::{PyResult, type_error, value_error};
use crate::interp::{Flow, Frame};
use crate::object::typeobj::flags;
use crate::protocol::object as proto;
use crate::types::bool_::py_bool;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

pub fn match_mapping(_: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let r = peek(f, 1)?.class().has_flag(flags::MAPPING);
    push(f, py_bool(r));
    Ok(Flow::Next)
}

pub fn match_sequence(_: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let r = peek(f, 1)?.class().has_flag(flags::SEQUENCE);
    push(f, py_bool(r));
    Ok(Flow::Next)
}

pub fn match_keys(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let keys = peek(f, 1)?.clone();
    let subject = peek(f, 2)?.clone();
    let ks = keys
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    let get = proto::get_attr_str(vm, &subject, "get")?;
    let dummy = crate::object::alloc(crate::types::object::PyBaseObject {});
    let mut seen: Vec<PyRef> = Vec::new();
    let mut vals = Vec::new();
    for k in ks {
        for s in &seen {
            if proto::eq(vm, s, &k)? {
                return Err(value_error(format!(
                    "mapping pattern checks duplicate key ({})",
                    proto::repr_string(vm, &k)?
                )));
            }
        }
        seen.push(k.clone());
        let v = crate::protocol::call::call_pos(vm, &get, &[k, dummy.clone()])?;
        if v.is(&dummy) {
            push(f, none());
            return Ok(Flow::Next);
        }
        vals.push(v);
    }
    push(f, PyTuple::new_ref(vals));
    Ok(Flow::Next)
}

fn self_matching(t: &crate::object::Obj<crate::object::PyType>) -> bool {
    use crate::types::*;
    let builtins = [
        &bool_::BOOL_TYPE,
        &bytes::BYTES_TYPE,
        &dict::DICT_TYPE,
        &float::FLOAT_TYPE,
        &set::FROZENSET_TYPE,
        &int::INT_TYPE,
        &list::LIST_TYPE,
        &set::SET_TYPE,
        &str::STR_TYPE,
        &tuple::TUPLE_TYPE,
    ];
    builtins.iter().any(|b| t.is_subtype(b.get()))
}

pub fn match_class(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let names = pop(f)?;
    let cls = pop(f)?;
    let subject = pop(f)?;
    let r = match_class_impl(vm, &subject, &cls, arg as usize, &names)?;
    push(f, r.unwrap_or_else(none));
    Ok(Flow::Next)
}

fn match_class_impl(
    vm: &Vm,
    subject: &PyRef,
    cls: &PyRef,
    npos: usize,
    names: &PyRef,
) -> PyResult<Option<PyRef>> {
    let Some(t) = cls.as_type() else {
        return Err(type_error("called match pattern must be a class"));
    };
    if !proto::isinstance(vm, subject, cls)? {
        return Ok(None);
    }
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let getattr = |n: &PyRef, seen: &mut Vec<String>| -> PyResult<Option<PyRef>> {
        let s = n
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        if seen.contains(&s) {
            return Err(type_error(format!(
                "{}() got multiple sub-patterns for attribute '{s}'",
                t.name()
            )));
        }
        seen.push(s);
        proto::lookup_attr(
            vm,
            subject,
            &n.downcast::<PyStr>()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default(),
        )
    };
    if npos > 0 {
        let match_args = proto::lookup_attr(vm, cls, "__match_args__")?;
        match match_args {
            Some(ma) => {
                let Some(tup) = ma.downcast::<PyTuple>() else {
                    return Err(type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        t.name(),
                        ma.class().name()
                    )));
                };
                if npos > tup.len() {
                    let n = tup.len();
                    return Err(type_error(format!(
                        "{}() accepts {n} positional sub-pattern{} ({npos} given)",
                        t.name(),
                        if n == 1 { "" } else { "s" }
                    )));
                }
                for n in &tup.as_slice()[..npos] {
                    if n.downcast::<PyStr>().is_none() {
                        return Err(type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            n.class().name()
                        )));
                    }
                    match getattr(n, &mut seen)? {
                        Some(v) => out.push(v),
                        None => return Ok(None),
                    }
                }
            }
            None if self_matching(t) => {
                if npos > 1 {
                    return Err(type_error(format!(
                        "{}() accepts 1 positional sub-pattern ({npos} given)",
                        t.name()
                    )));
                }
                out.push(subject.clone());
            }
            None => {
                return Err(type_error(format!(
                    "{}() accepts 0 positional sub-patterns ({npos} given)",
                    t.name()
                )));
            }
        }
    }
    let kw = names
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    for n in &kw {
        match getattr(n, &mut seen)? {
            Some(v) => out.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(PyTuple::new_ref(out)))
}
