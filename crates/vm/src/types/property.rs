//! `property`: a data descriptor calling `fget`/`fset`/`fdel`.

use std::cell::RefCell;

use crate::args::Args;
use crate::error::{PyResult, attribute_error, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::none::{is_none, none};
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a property.
    pub struct PyProperty {
        pub fget: RefCell<Option<PyRef>>,
        pub fset: RefCell<Option<PyRef>>,
        pub fdel: RefCell<Option<PyRef>>,
        pub doc: RefCell<Option<PyRef>>,
        pub name: RefCell<Option<PyRef>>,
    }
}

pub static PROPERTY_TYPE: StaticType = StaticType::new();

impl PyPayload for PyProperty {
    fn class() -> &'static Obj<PyType> {
        PROPERTY_TYPE.get()
    }
}

fn payload(o: &PyRef) -> PyResult<&PyProperty> {
    o.downcast::<PyProperty>()
        .ok_or_else(|| type_error("expected property"))
}

fn prop_name(vm: &Vm, p: &PyProperty) -> String {
    if let Some(n) = p.name.borrow().clone() {
        return crate::protocol::object::str_string(vm, &n).unwrap_or_default();
    }
    String::new()
}

fn qualname_of(vm: &Vm, obj: &PyRef, p: &PyProperty) -> String {
    let name = prop_name(vm, p);
    format!(
        "'{}' object has no {}",
        obj.class().name(),
        if name.is_empty() {
            "attribute".to_string()
        } else {
            format!("setter for property '{name}'")
        }
    )
}

fn prop_get(vm: &Vm, o: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let Some(obj) = obj else { return Ok(o.clone()) };
    let p = payload(o)?;
    let fget = p.fget.borrow().clone();
    match fget {
        Some(f) => crate::protocol::call::call_pos(vm, &f, std::slice::from_ref(obj)),
        None => {
            let name = prop_name(vm, p);
            Err(attribute_error(if name.is_empty() {
                "unreadable attribute".to_string()
            } else {
                format!(
                    "property '{name}' of '{}' object has no getter",
                    obj.class().name()
                )
            }))
        }
    }
}

fn prop_set(vm: &Vm, o: &PyRef, obj: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let p = payload(o)?;
    match v {
        Some(v) => {
            let f = p.fset.borrow().clone();
            match f {
                Some(f) => {
                    crate::protocol::call::call_pos(vm, &f, &[obj.clone(), v.clone()]).map(drop)
                }
                None => {
                    let name = prop_name(vm, p);
                    Err(attribute_error(if name.is_empty() {
                        "can't set attribute".to_string()
                    } else {
                        format!(
                            "property '{name}' of '{}' object has no setter",
                            obj.class().name()
                        )
                    }))
                }
            }
        }
        None => {
            let f = p.fdel.borrow().clone();
            match f {
                Some(f) => {
                    crate::protocol::call::call_pos(vm, &f, std::slice::from_ref(obj)).map(drop)
                }
                None => {
                    let name = prop_name(vm, p);
                    let _ = qualname_of;
                    Err(attribute_error(if name.is_empty() {
                        "can't delete attribute".to_string()
                    } else {
                        format!(
                            "property '{name}' of '{}' object has no deleter",
                            obj.class().name()
                        )
                    }))
                }
            }
        }
    }
}

fn prop_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("property.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyProperty {
            fget: RefCell::new(None),
            fset: RefCell::new(None),
            fdel: RefCell::new(None),
            doc: RefCell::new(None),
            name: RefCell::new(None),
        },
    ))
}

fn opt(o: Option<PyRef>) -> Option<PyRef> {
    o.filter(|x| !is_none(x))
}

fn prop_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let [fget, fset, fdel, doc] = a.bind("property", ["fget", "fset", "fdel", "doc"], 0, 0)?;
    let p = payload(o)?;
    let fget = opt(fget);
    let mut doc = opt(doc);
    if doc.is_none()
        && let Some(g) = &fget
    {
        doc = crate::protocol::object::lookup_attr(vm, g, "__doc__")?.filter(|d| !is_none(d));
    }
    if let Some(g) = &fget {
        *p.name.borrow_mut() = crate::protocol::object::lookup_attr(vm, g, "__name__")?;
    }
    *p.fget.borrow_mut() = fget;
    *p.fset.borrow_mut() = opt(fset);
    *p.fdel.borrow_mut() = opt(fdel);
    if !o.is_exact::<PyProperty>()
        && let Some(d) = &doc
        && let Some(at) = o.attrs()
    {
        at.set(&crate::types::str::PyStr::intern("__doc__"), d.clone());
    }
    *p.doc.borrow_mut() = doc;
    Ok(())
}

fn copy_with(vm: &Vm, a: Args<'_>, which: usize) -> PyResult {
    let [s, f] = a.exact::<2>(["getter", "setter", "deleter"][which])?;
    let p = payload(s)?;
    let mut parts = [
        p.fget.borrow().clone(),
        p.fset.borrow().clone(),
        p.fdel.borrow().clone(),
    ];
    parts[which] = Some(f.clone());
    let doc = p.doc.borrow().clone();
    let args: Vec<PyRef> = parts
        .into_iter()
        .map(|x| x.unwrap_or_else(none))
        .chain([doc.unwrap_or_else(none)])
        .collect();
    let new = crate::protocol::call::call_pos(vm, &s.class_ref(), &args)?;
    if let (Ok(np), Some(n)) = (payload(&new), p.name.borrow().clone()) {
        *np.name.borrow_mut() = Some(n);
    }
    Ok(new)
}

fn m_getter(vm: &Vm, a: Args<'_>) -> PyResult {
    copy_with(vm, a, 0)
}
fn m_setter(vm: &Vm, a: Args<'_>) -> PyResult {
    copy_with(vm, a, 1)
}
fn m_deleter(vm: &Vm, a: Args<'_>) -> PyResult {
    copy_with(vm, a, 2)
}
fn m_set_name(_: &Vm, a: Args<'_>) -> PyResult {
    let [s, _owner, name] = a.exact::<3>("__set_name__")?;
    *payload(s)?.name.borrow_mut() = Some(name.clone());
    Ok(none())
}

fn g_fget(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.fget.borrow().clone().unwrap_or_else(none))
}
fn g_fset(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.fset.borrow().clone().unwrap_or_else(none))
}
fn g_fdel(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.fdel.borrow().clone().unwrap_or_else(none))
}
fn g_doc(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.doc.borrow().clone().unwrap_or_else(none))
}
fn s_doc(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    *payload(o)?.doc.borrow_mut() = v.cloned();
    Ok(())
}
fn g_isabstract(vm: &Vm, o: &PyRef) -> PyResult {
    let p = payload(o)?;
    for f in [
        p.fget.borrow().clone(),
        p.fset.borrow().clone(),
        p.fdel.borrow().clone(),
    ]
    .into_iter()
    .flatten()
    {
        if let Some(v) = crate::protocol::object::lookup_attr(vm, &f, "__isabstractmethod__")?
            && crate::protocol::object::is_true(vm, &v)?
        {
            return Ok(crate::types::bool_::py_bool(true));
        }
    }
    Ok(crate::types::bool_::py_bool(false))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("getter", m_getter),
    MethodDef::method("setter", m_setter),
    MethodDef::method("deleter", m_deleter),
    MethodDef::method("__set_name__", m_set_name),
];
static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("fget", g_fget),
    GetSetDef::new("fset", g_fset),
    GetSetDef::new("fdel", g_fdel),
    GetSetDef::with_set("__doc__", g_doc, s_doc),
    GetSetDef::new("__isabstractmethod__", g_isabstract),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &PROPERTY_TYPE,
        TypeSpec {
            slots: Slots {
                descr_get: Some(prop_get),
                descr_set: Some(prop_set),
                new: Some(prop_new),
                init: Some(prop_init),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE,
            ..TypeSpec::new("property", Layout::of::<PyProperty>())
        },
    )]
}
