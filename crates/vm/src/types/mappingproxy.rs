//! `mappingproxy`: the read-only view `cls.__dict__` returns.  Every
//! operation is the proxied mapping's (lookups, length, iteration, methods,
//! comparisons, `|`); a type's namespace lives inside the type rather than
//! as a dict object, so for `cls.__dict__` the whole-mapping operations work
//! on a snapshot of it.

use taipan_bytecode::{BinaryOp, CompareOp};

use crate::args::Args;
use crate::error::{PyResult, key_error, type_error};
use crate::object::typeobj::MethodDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// A read-only view of a type's namespace (or of any mapping).
    pub struct PyMappingProxy {
        pub mapping: PyRef,
    }
}

pub static MAPPINGPROXY_TYPE: StaticType = StaticType::new();

impl PyPayload for PyMappingProxy {
    fn class() -> &'static Obj<PyType> {
        MAPPINGPROXY_TYPE.get()
    }
}

/// `cls.__dict__`.
pub fn new_type_proxy(ty: PyRef) -> PyRef {
    crate::object::alloc(PyMappingProxy { mapping: ty })
}

fn proxy(o: &PyRef) -> PyResult<&PyMappingProxy> {
    o.downcast::<PyMappingProxy>()
        .ok_or_else(|| type_error("expected mappingproxy"))
}

/// The mapping the operations forward to: the mapping itself, or for a
/// type's namespace (kept inside the type, not as an object) a snapshot.
fn target(o: &PyRef) -> PyResult<PyRef> {
    let p = proxy(o)?;
    if let Some(t) = p.mapping.as_type() {
        return Ok(crate::object::alloc(t.dict.copy()));
    }
    Ok(p.mapping.clone())
}

fn mp_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let p = proxy(o)?;
    if let Some(t) = p.mapping.as_type() {
        return t.dict.get_item(vm, k)?.ok_or_else(|| key_error(k.clone()));
    }
    crate::protocol::object::get_item(vm, &p.mapping, k)
}

fn mp_len(vm: &Vm, o: &PyRef) -> PyResult<usize> {
    let p = proxy(o)?;
    if let Some(t) = p.mapping.as_type() {
        return Ok(t.dict.len());
    }
    crate::protocol::object::len(vm, &p.mapping)
}

fn mp_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    let p = proxy(o)?;
    if let Some(t) = p.mapping.as_type() {
        return Ok(t.dict.get_item(vm, k)?.is_some());
    }
    crate::protocol::object::contains(vm, &p.mapping, k)
}

fn mp_iter(vm: &Vm, o: &PyRef) -> PyResult {
    crate::protocol::iter::get_iter(vm, &target(o)?)
}

fn mp_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let d = target(o)?;
    Ok(PyStr::new_ref(&format!(
        "mappingproxy({})",
        crate::protocol::object::repr_string(vm, &d)?
    )))
}

/// Comparisons are the mapping's.
fn mp_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if a.downcast::<PyMappingProxy>().is_none() {
        return Ok(crate::types::none::not_implemented());
    }
    crate::protocol::object::rich_compare(vm, &target(a)?, b, op)
}

/// `proxy | other` and `other | proxy`: the mappings' `|`.
fn mp_or(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let unwrap = |x: &PyRef| -> PyResult<PyRef> {
        if x.downcast::<PyMappingProxy>().is_some() {
            target(x)
        } else {
            Ok(x.clone())
        }
    };
    crate::protocol::number::binary_op(vm, &unwrap(a)?, &unwrap(b)?, BinaryOp::Or)
}

fn mp_ior(_: &Vm, _: &PyRef, _: &PyRef) -> PyResult {
    Err(type_error(
        "'|=' is not supported by mappingproxy; use '|' instead",
    ))
}

fn mp_new(_: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    let [m] = a.bind("mappingproxy", ["mapping"], 0, 1)?;
    let m =
        m.ok_or_else(|| type_error("mappingproxy() missing required argument 'mapping' (pos 1)"))?;
    if m.class().slots().mp_getitem.is_none()
        || m.downcast::<crate::types::list::PyList>().is_some()
        || m.downcast::<crate::types::tuple::PyTuple>().is_some()
    {
        return Err(type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            m.class().name()
        )));
    }
    Ok(crate::object::alloc(PyMappingProxy { mapping: m }))
}

/// Calls the mapping's method `name` with the remaining arguments.
fn forward(vm: &Vm, a: Args<'_>, name: &str) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    let d = target(s)?;
    let m = crate::protocol::object::get_attr_str(vm, &d, name)?;
    crate::protocol::call::call(vm, &m, a.shift())
}

fn m_keys(vm: &Vm, a: Args<'_>) -> PyResult {
    forward(vm, a, "keys")
}
fn m_values(vm: &Vm, a: Args<'_>) -> PyResult {
    forward(vm, a, "values")
}
fn m_items(vm: &Vm, a: Args<'_>) -> PyResult {
    forward(vm, a, "items")
}
fn m_get(vm: &Vm, a: Args<'_>) -> PyResult {
    forward(vm, a, "get")
}
fn m_copy(vm: &Vm, a: Args<'_>) -> PyResult {
    forward(vm, a, "copy")
}
fn m_reversed(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    a.shift().no_args("mappingproxy.__reversed__")?;
    let f = crate::types::iterators::builtin(vm, "reversed")?;
    crate::protocol::call::call_pos(vm, &f, &[target(s)?])
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("keys", m_keys),
    MethodDef::method("values", m_values),
    MethodDef::method("items", m_items),
    MethodDef::method("get", m_get),
    MethodDef::method("copy", m_copy),
    MethodDef::method("__reversed__", m_reversed),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &MAPPINGPROXY_TYPE,
        TypeSpec {
            slots: Slots {
                mp_getitem: Some(mp_getitem),
                mp_len: Some(mp_len),
                sq_contains: Some(mp_contains),
                iter: Some(mp_iter),
                repr: Some(mp_repr),
                richcompare: Some(mp_richcompare),
                nb_or: Some(mp_or),
                nb_ior: Some(mp_ior),
                hash: Some(crate::protocol::object::hash_not_implemented),
                new: Some(mp_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            ..TypeSpec::new("mappingproxy", Layout::of::<PyMappingProxy>())
        },
    )]
}
