//! `mappingproxy`: the read-only view `cls.__dict__` returns.

use crate::args::Args;
use crate::error::{PyResult, key_error, type_error};
use crate::object::typeobj::MethodDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::dict::PyDict;
use crate::types::none::none;
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

/// A snapshot dict of the proxied mapping.
fn snapshot(vm: &Vm, o: &PyRef) -> PyResult<PyRef> {
    let p = o
        .downcast::<PyMappingProxy>()
        .ok_or_else(|| type_error("expected mappingproxy"))?;
    if let Some(t) = p.mapping.as_type() {
        return Ok(crate::object::alloc(t.dict.copy()));
    }
    let d = PyDict::default();
    crate::types::dict::update_from(vm, &d, &p.mapping)?;
    Ok(crate::object::alloc(d))
}

fn mp_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let p = o
        .downcast::<PyMappingProxy>()
        .ok_or_else(|| type_error("expected mappingproxy"))?;
    if let Some(t) = p.mapping.as_type() {
        return t.dict.get_item(vm, k)?.ok_or_else(|| key_error(k.clone()));
    }
    crate::protocol::object::get_item(vm, &p.mapping, k)
}

fn mp_len(vm: &Vm, o: &PyRef) -> PyResult<usize> {
    let d = snapshot(vm, o)?;
    Ok(d.downcast::<PyDict>().map(|d| d.len()).unwrap_or(0))
}

fn mp_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    let d = snapshot(vm, o)?;
    crate::protocol::object::contains(vm, &d, k)
}

fn mp_iter(vm: &Vm, o: &PyRef) -> PyResult {
    let d = snapshot(vm, o)?;
    crate::protocol::iter::get_iter(vm, &d)
}

fn mp_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let d = snapshot(vm, o)?;
    Ok(PyStr::new_ref(&format!(
        "mappingproxy({})",
        crate::protocol::object::repr_string(vm, &d)?
    )))
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

fn forward(vm: &Vm, a: Args<'_>, name: &str) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    let d = snapshot(vm, s)?;
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
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    let _ = none();
    snapshot(vm, s)
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("keys", m_keys),
    MethodDef::method("values", m_values),
    MethodDef::method("items", m_items),
    MethodDef::method("get", m_get),
    MethodDef::method("copy", m_copy),
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
                new: Some(mp_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            ..TypeSpec::new("mappingproxy", Layout::of::<PyMappingProxy>())
        },
    )]
}
