//! `types.SimpleNamespace`: an object whose attributes are given as
//! keyword arguments (also the type of `sys.implementation`).

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::flags;
use crate::object::{
    InstanceAttrs, Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots,
};
use crate::types::none::not_implemented;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a namespace (its attributes).
    pub struct PyNamespace {
        pub attrs: InstanceAttrs,
    }
}

pub static NAMESPACE_TYPE: StaticType = StaticType::new();

impl PyPayload for PyNamespace {
    fn class() -> &'static Obj<PyType> {
        NAMESPACE_TYPE.get()
    }
    fn own_attrs_offset() -> Option<usize> {
        Some(
            std::mem::offset_of!(Obj<PyNamespace>, payload)
                + std::mem::offset_of!(PyNamespace, attrs),
        )
    }
}

/// A namespace with the given attributes.
pub fn new_namespace(items: &[(&str, PyRef)]) -> PyRef {
    let ns = crate::object::alloc(PyNamespace {
        attrs: InstanceAttrs::new(),
    });
    if let Some(a) = ns.attrs() {
        for (k, v) in items {
            a.set(&PyStr::intern(k), v.clone());
        }
    }
    ns
}

fn ns_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("SimpleNamespace.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyNamespace {
            attrs: InstanceAttrs::new(),
        },
    ))
}

fn ns_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let pos = a.positional();
    if pos.len() > 1 {
        return Err(type_error(format!(
            "SimpleNamespace expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let attrs = o
        .attrs()
        .ok_or_else(|| type_error("namespace without attributes"))?;
    if let Some(m) = pos.first() {
        let d = crate::types::dict::PyDict::default();
        crate::types::dict::update_from(vm, &d, m)?;
        for (k, v) in d.items() {
            if k.downcast::<PyStr>().is_none() {
                return Err(type_error(format!(
                    "keywords must be strings, not '{}'",
                    k.class().name()
                )));
            }
            attrs.set(&PyStr::intern_ref(&k), v);
        }
    }
    for (k, v) in a.kwargs() {
        attrs.set(&PyStr::intern_ref(k), v.clone());
    }
    Ok(())
}

fn ns_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let name = if o.is_exact::<PyNamespace>() {
        "namespace".to_string()
    } else {
        o.class().name()
    };
    let Some(_g) = vm.repr_enter(o) else {
        return Ok(PyStr::new_ref(&format!("{name}(...)")));
    };
    let mut parts = Vec::new();
    for (k, v) in o.attrs().map(|a| a.items()).unwrap_or_default() {
        let ks = k
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        parts.push(format!(
            "{ks}={}",
            crate::protocol::object::repr_string(vm, &v)?
        ));
    }
    Ok(PyStr::new_ref(&format!("{name}({})", parts.join(", "))))
}

fn ns_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if a.downcast::<PyNamespace>().is_none()
        || b.downcast::<PyNamespace>().is_none()
        || !matches!(op, CompareOp::Eq | CompareOp::Ne)
    {
        return Ok(not_implemented());
    }
    let (da, db) = (a.attrs().map(|x| x.dict()), b.attrs().map(|x| x.dict()));
    match (da, db) {
        (Some(x), Some(y)) => crate::protocol::object::rich_compare(vm, &x, &y, op),
        _ => Ok(not_implemented()),
    }
}

/// `SimpleNamespace.__reduce__`: `(type(self), (), self.__dict__)`.
fn ns_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.args.first().ok_or_else(|| {
        crate::error::type_error(
            "descriptor '__reduce__' of 'types.SimpleNamespace' object needs an argument",
        )
    })?;
    a.shift().no_args("__reduce__")?;
    let d = crate::types::type_::inst_get_dict(vm, o)?;
    Ok(crate::types::tuple::PyTuple::new_ref(vec![
        o.class_ref(),
        crate::types::tuple::PyTuple::new_ref(Vec::new()),
        d,
    ]))
}

static METHODS: &[crate::object::typeobj::MethodDef] =
    &[crate::object::typeobj::MethodDef::method(
        "__reduce__",
        ns_reduce,
    )];
static GETSETS: &[crate::object::typeobj::GetSetDef] = &[crate::object::typeobj::GetSetDef::new(
    "__dict__",
    crate::types::type_::inst_get_dict,
)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &NAMESPACE_TYPE,
        TypeSpec {
            slots: Slots {
                new: Some(ns_new),
                init: Some(ns_init),
                repr: Some(ns_repr),
                richcompare: Some(ns_richcompare),
                hash: Some(crate::protocol::object::hash_not_implemented),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE,
            doc: Some("A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)"),
            ..TypeSpec::new("types.SimpleNamespace", Layout::of::<PyNamespace>())
        },
    )]
}
