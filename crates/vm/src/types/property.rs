//! `property`: a data descriptor calling `fget`/`fset`/`fdel`.

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::error::{PyErr, PyResult, attribute_error, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
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
        /// The doc was taken from the getter (`getter()` then re-takes it).
        pub getter_doc: Cell<bool>,
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

/// `repr(name)` and `repr(type(obj).__qualname__)` for the "has no
/// getter/setter/deleter" messages.
#[cold]
fn missing_accessor(vm: &Vm, p: &PyProperty, obj: Option<&PyRef>, what: &str) -> PyErr {
    let qualname = obj.map(|o| PyStr::new_ref(&o.class().qualname.borrow()));
    let name = p.name.borrow().clone();
    let r = |x: &PyRef| crate::protocol::object::repr_string(vm, x);
    let msg = match (&name, &qualname) {
        (Some(n), Some(q)) => match (r(n), r(q)) {
            (Ok(n), Ok(q)) => format!("property {n} of {q} object has no {what}"),
            (Err(e), _) | (_, Err(e)) => return e,
        },
        (None, Some(q)) => match r(q) {
            Ok(q) => format!("property of {q} object has no {what}"),
            Err(e) => return e,
        },
        _ => match what {
            "getter" => "property has no getter".to_string(),
            "setter" => "can't set attribute".to_string(),
            _ => "can't delete attribute".to_string(),
        },
    };
    attribute_error(msg)
}

fn prop_get(vm: &Vm, o: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let Some(obj) = obj.filter(|x| !is_none(x)) else {
        return Ok(o.clone());
    };
    let p = payload(o)?;
    let fget = p.fget.borrow().clone();
    match fget {
        Some(f) => crate::protocol::call::call_pos(vm, &f, std::slice::from_ref(obj)),
        None => Err(missing_accessor(vm, p, Some(obj), "getter")),
    }
}

fn prop_set(vm: &Vm, o: &PyRef, obj: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let p = payload(o)?;
    let f = match v {
        Some(_) => p.fset.borrow().clone(),
        None => p.fdel.borrow().clone(),
    };
    let Some(f) = f else {
        return Err(missing_accessor(
            vm,
            p,
            Some(obj),
            if v.is_some() { "setter" } else { "deleter" },
        ));
    };
    match v {
        Some(v) => crate::protocol::call::call_pos(vm, &f, &[obj.clone(), v.clone()]).map(drop),
        None => crate::protocol::call::call_pos(vm, &f, std::slice::from_ref(obj)).map(drop),
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
            getter_doc: Cell::new(false),
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
    *p.fget.borrow_mut() = fget.clone();
    *p.fset.borrow_mut() = opt(fset);
    *p.fdel.borrow_mut() = opt(fdel);
    *p.doc.borrow_mut() = None;
    *p.name.borrow_mut() = None;
    p.getter_doc.set(false);
    let doc = opt(doc);
    if doc.is_some() {
        *p.doc.borrow_mut() = doc;
        return Ok(());
    }
    // No docstring given: the getter's becomes the property's.  A subclass
    // keeps it in the instance, where the subclass's own `__doc__` does not
    // shadow it (CPython 3.11 lets that assignment's error propagate).
    let Some(g) = &fget else { return Ok(()) };
    let Some(get_doc) = crate::protocol::object::lookup_attr(vm, g, "__doc__")? else {
        return Ok(());
    };
    if o.is_exact::<PyProperty>() {
        *p.doc.borrow_mut() = Some(get_doc);
    } else {
        crate::protocol::object::set_attr(vm, o, &PyStr::intern("__doc__"), &get_doc)?;
    }
    p.getter_doc.set(true);
    Ok(())
}

/// `property_copy`: a new property of the same type with one accessor
/// replaced (`getter`/`setter`/`deleter`).
fn copy_with(vm: &Vm, a: Args<'_>, which: usize) -> PyResult {
    let [s, f] = a.exact::<2>(["getter", "setter", "deleter"][which])?;
    let p = payload(s)?;
    let mut parts = [
        p.fget.borrow().clone(),
        p.fset.borrow().clone(),
        p.fdel.borrow().clone(),
    ];
    if !is_none(f) {
        parts[which] = Some(f.clone());
    }
    let doc = if p.getter_doc.get() && parts[0].is_some() {
        none()
    } else {
        p.doc.borrow().clone().unwrap_or_else(none)
    };
    let args: Vec<PyRef> = parts
        .into_iter()
        .map(|x| x.unwrap_or_else(none))
        .chain([doc])
        .collect();
    let new = crate::protocol::call::call_pos(vm, &s.class_ref(), &args)?;
    if let Ok(np) = payload(&new) {
        *np.name.borrow_mut() = p.name.borrow().clone();
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
    let s = a.args.first().ok_or_else(|| {
        type_error("descriptor '__set_name__' of 'property' object needs an argument")
    })?;
    let rest = a.shift();
    rest.no_kwargs("__set_name__")?;
    if rest.args.len() != 2 {
        return Err(type_error(format!(
            "__set_name__() takes 2 positional arguments but {} were given",
            rest.args.len()
        )));
    }
    *payload(s)?.name.borrow_mut() = Some(rest.args[1].clone());
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
fn s_readonly(_: &Vm, _: &PyRef, _: Option<&PyRef>) -> PyResult<()> {
    Err(attribute_error("readonly attribute"))
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
    GetSetDef::with_set("fget", g_fget, s_readonly),
    GetSetDef::with_set("fset", g_fset, s_readonly),
    GetSetDef::with_set("fdel", g_fdel, s_readonly),
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
