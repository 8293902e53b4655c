//! `types.GenericAlias` (`list[int]`) and `types.UnionType` (`int | str`),
//! in their basic form: construction, `repr`, `__origin__`/`__args__`,
//! equality, and `isinstance` with unions.

use taipan_bytecode::CompareOp;

use crate::error::{PyResult, type_error};
use crate::object::typeobj::GetSetDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::none::{is_none, not_implemented};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// `origin[args]` or `a | b` (when `union` is set).
    pub struct PyGenericAlias {
        pub origin: PyRef,
        pub args: PyRef,
        pub union: bool,
    }
}

pub static GENERIC_ALIAS_TYPE: StaticType = StaticType::new();
pub static UNION_TYPE: StaticType = StaticType::new();

impl PyPayload for PyGenericAlias {
    fn class() -> &'static Obj<PyType> {
        GENERIC_ALIAS_TYPE.get()
    }
}

/// `cls[item]` for builtin generic classes.
pub fn new_generic_alias(origin: PyRef, item: PyRef) -> PyResult {
    let args = if item.downcast::<PyTuple>().is_some() {
        item
    } else {
        PyTuple::new_ref(vec![item])
    };
    Ok(crate::object::alloc_as(
        GENERIC_ALIAS_TYPE.get(),
        PyGenericAlias {
            origin,
            args,
            union: false,
        },
    ))
}

/// `a | b` for types (`types.UnionType`).
pub fn new_union(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let mut items: Vec<PyRef> = Vec::new();
    for x in [a, b] {
        match x.downcast::<PyGenericAlias>() {
            Some(g) if g.union => items.extend(
                g.args
                    .downcast::<PyTuple>()
                    .map(|t| t.as_slice().to_vec())
                    .unwrap_or_default(),
            ),
            _ => items.push(if is_none(x) {
                crate::types::none::NONE_TYPE.to_ref()
            } else {
                x.clone()
            }),
        }
    }
    let mut dedup: Vec<PyRef> = Vec::new();
    for i in items {
        if !dedup.iter().any(|d| d.is(&i)) {
            dedup.push(i);
        }
    }
    let _ = vm;
    if dedup.len() == 1 {
        return Ok(dedup.remove(0));
    }
    Ok(crate::object::alloc_as(
        UNION_TYPE.get(),
        PyGenericAlias {
            origin: crate::types::none::none(),
            args: PyTuple::new_ref(dedup),
            union: true,
        },
    ))
}

pub fn is_union(o: &PyRef) -> bool {
    o.downcast::<PyGenericAlias>().is_some_and(|g| g.union)
}

pub fn union_instancecheck(vm: &Vm, o: &PyRef, u: &PyRef) -> PyResult<bool> {
    let g = u
        .downcast::<PyGenericAlias>()
        .ok_or_else(|| type_error("expected union"))?;
    let items = g
        .args
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    for t in items {
        if crate::protocol::object::isinstance(vm, o, &t)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn type_repr(vm: &Vm, t: &PyRef) -> PyResult<String> {
    if is_none(t) {
        return Ok("None".into());
    }
    if let Some(tt) = t.as_type() {
        if std::ptr::eq(tt, crate::types::none::NONE_TYPE.get()) {
            return Ok("None".into());
        }
        return Ok(tt.repr_name());
    }
    if t.is_exact_type(crate::types::none::ELLIPSIS_TYPE.get()) {
        return Ok("...".into());
    }
    crate::protocol::object::repr_string(vm, t)
}

fn ga_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let g = o
        .downcast::<PyGenericAlias>()
        .ok_or_else(|| type_error("expected GenericAlias"))?;
    let items = g
        .args
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default();
    let mut parts = Vec::new();
    for i in &items {
        parts.push(type_repr(vm, i)?);
    }
    if g.union {
        return Ok(PyStr::new_ref(&parts.join(" | ")));
    }
    let inner = if items.is_empty() {
        "()".to_string()
    } else {
        parts.join(", ")
    };
    Ok(PyStr::new_ref(&format!(
        "{}[{inner}]",
        type_repr(vm, &g.origin)?
    )))
}

fn ga_call(vm: &Vm, o: &PyRef, a: crate::args::Args<'_>) -> PyResult {
    let g = o
        .downcast::<PyGenericAlias>()
        .ok_or_else(|| type_error("expected GenericAlias"))?;
    if g.union {
        return Err(type_error("'types.UnionType' object is not callable"));
    }
    crate::protocol::call::call(vm, &g.origin, a)
}

fn ga_getattro(vm: &Vm, o: &PyRef, name: &PyRef) -> PyResult {
    match crate::protocol::object::generic_getattr(vm, o, name) {
        Err(e) if e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => {
            let g = o
                .downcast::<PyGenericAlias>()
                .ok_or_else(|| type_error("expected GenericAlias"))?;
            if g.union {
                return Err(e);
            }
            crate::protocol::object::get_attr(vm, &g.origin, name)
        }
        r => r,
    }
}

/// The members of a union (its `__args__`).
fn union_items(g: &PyGenericAlias) -> Vec<PyRef> {
    g.args
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .unwrap_or_default()
}

fn ga_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (
        a.downcast::<PyGenericAlias>(),
        b.downcast::<PyGenericAlias>(),
    ) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    if x.union && y.union {
        // Unions compare as sets of their members (`int | str == str | int`).
        let xs = union_items(x);
        let ys = union_items(y);
        let mut eq = true;
        for (p, q) in [(&xs, &ys), (&ys, &xs)] {
            for a in p.iter() {
                let mut found = false;
                for b in q.iter() {
                    if crate::protocol::object::eq(vm, a, b)? {
                        found = true;
                        break;
                    }
                }
                eq &= found;
            }
        }
        return Ok(crate::types::bool_::py_bool(eq == (op == CompareOp::Eq)));
    }
    let eq = x.union == y.union
        && crate::protocol::object::eq(vm, &x.origin, &y.origin)?
        && crate::protocol::object::eq(vm, &x.args, &y.args)?;
    Ok(crate::types::bool_::py_bool(eq == (op == CompareOp::Eq)))
}

fn ga_hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    let g = o
        .downcast::<PyGenericAlias>()
        .ok_or_else(|| type_error("expected GenericAlias"))?;
    if g.union {
        // Order-independent, matching the set-like equality above.
        let mut h: i64 = 0x5f3a_91c7;
        for a in union_items(g) {
            h ^= crate::protocol::object::hash(vm, &a)?;
        }
        return Ok(if h == -1 { -2 } else { h });
    }
    Ok(crate::protocol::object::hash(vm, &g.origin)? ^ crate::protocol::object::hash(vm, &g.args)?)
}

fn ga_or(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    new_union(vm, a, b)
}

/// `GenericAlias(origin, args, /)`: also the base of Python subclasses
/// (`_collections_abc._CallableGenericAlias`), so allocate as `cls`.
fn ga_new(_: &Vm, cls: &PyRef, a: crate::args::Args<'_>) -> PyResult {
    a.no_kwargs("GenericAlias")?;
    let [origin, args] = a.exact::<2>("GenericAlias")?;
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("GenericAlias.__new__(X): X is not a type object"))?;
    let args = if args.downcast::<PyTuple>().is_some() {
        args.clone()
    } else {
        PyTuple::new_ref(vec![args.clone()])
    };
    Ok(crate::object::alloc_as(
        t,
        PyGenericAlias {
            origin: origin.clone(),
            args,
            union: false,
        },
    ))
}

fn g_origin(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.downcast::<PyGenericAlias>()
        .ok_or_else(|| type_error("expected GenericAlias"))?
        .origin
        .clone())
}
fn g_args(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.downcast::<PyGenericAlias>()
        .ok_or_else(|| type_error("expected GenericAlias"))?
        .args
        .clone())
}

static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("__origin__", g_origin),
    GetSetDef::new("__args__", g_args),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    let slots = Slots {
        repr: Some(ga_repr),
        call: Some(ga_call),
        getattro: Some(ga_getattro),
        richcompare: Some(ga_richcompare),
        hash: Some(ga_hash),
        nb_or: Some(ga_or),
        ..Slots::EMPTY
    };
    vec![
        (
            &GENERIC_ALIAS_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(ga_new),
                    ..slots
                },
                getsets: GETSETS,
                flags: crate::object::typeobj::flags::BASETYPE,
                ..TypeSpec::new("types.GenericAlias", Layout::of::<PyGenericAlias>())
            },
        ),
        (
            &UNION_TYPE,
            TypeSpec {
                slots,
                getsets: GETSETS,
                ..TypeSpec::new("types.UnionType", Layout::of::<PyGenericAlias>())
            },
        ),
    ]
}
