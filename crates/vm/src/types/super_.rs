//! `super`: attribute lookup starting after a class in an instance's MRO.
//! Zero-argument `super()` reads the calling frame's first argument and its
//! `__class__` cell (see `interp::super_args`).

use crate::args::Args;
use crate::error::{PyResult, attribute_error, runtime_error, type_error};
use crate::object::typeobj::{GetSetDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a super object.
    pub struct PySuper {
        pub thisclass: std::cell::RefCell<Option<PyRef>>,
        pub obj: std::cell::RefCell<Option<PyRef>>,
        pub obj_type: std::cell::RefCell<Option<PyRef>>,
    }
}

pub static SUPER_TYPE: StaticType = StaticType::new();

impl PyPayload for PySuper {
    fn class() -> &'static Obj<PyType> {
        SUPER_TYPE.get()
    }
}

fn payload(o: &PyRef) -> PyResult<&PySuper> {
    o.downcast::<PySuper>()
        .ok_or_else(|| type_error("expected super"))
}

/// CPython's `supercheck`: the type to search the MRO of.
fn supercheck(vm: &Vm, ty: &PyRef, obj: &PyRef) -> PyResult<PyRef> {
    let t = ty
        .as_type()
        .ok_or_else(|| type_error("super() argument 1 must be a type"))?;
    if let Some(ot) = obj.as_type()
        && ot.is_subtype(t)
    {
        return Ok(obj.clone());
    }
    if obj.class().is_subtype(t) {
        return Ok(obj.class_ref());
    }
    if let Some(c) = crate::protocol::object::lookup_attr(vm, obj, "__class__")?
        && let Some(ct) = c.as_type()
        && ct.is_subtype(t)
    {
        return Ok(c);
    }
    Err(type_error(
        "super(type, obj): obj must be an instance or subtype of type",
    ))
}

fn super_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("super.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PySuper {
            thisclass: std::cell::RefCell::new(None),
            obj: std::cell::RefCell::new(None),
            obj_type: std::cell::RefCell::new(None),
        },
    ))
}

fn super_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    a.no_kwargs("super")?;
    let args = a.range("super", 0, 2)?;
    let (ty, obj) = match args {
        [] => {
            let (t, ob) = crate::interp::super_args(vm)?;
            (t, Some(ob))
        }
        [t] => (t.clone(), None),
        [t, ob] => (t.clone(), if is_none(ob) { None } else { Some(ob.clone()) }),
        _ => return Err(runtime_error("super(): bad arguments")),
    };
    if ty.as_type().is_none() {
        return Err(type_error(format!(
            "super() argument 1 must be a type, not {}",
            ty.class().name()
        )));
    }
    let obj_type = match &obj {
        Some(ob) => Some(supercheck(vm, &ty, ob)?),
        None => None,
    };
    let p = payload(o)?;
    *p.thisclass.borrow_mut() = Some(ty);
    *p.obj.borrow_mut() = obj;
    *p.obj_type.borrow_mut() = obj_type;
    Ok(())
}

fn super_getattro(vm: &Vm, o: &PyRef, name: &PyRef) -> PyResult {
    let p = payload(o)?;
    let start = p.obj_type.borrow().clone();
    let is_class_attr = name.downcast::<PyStr>().and_then(|s| s.as_str()) == Some("__class__");
    if let (Some(st), false) = (start, is_class_attr) {
        let this = p.thisclass.borrow().clone();
        if let (Some(stt), Some(this)) = (st.as_type(), this) {
            // The first dict after `this` in the start type's MRO (the type
            // itself, then its `mro`) that has the name.  Str-keyed dict
            // lookups run no Python code, so the MRO stays borrowed only
            // for the search, not while a descriptor runs.
            let found = {
                let rest = stt.mro.borrow();
                let mut after = false;
                let mut hit = None;
                for t in std::iter::once(&st).chain(rest.iter()) {
                    if !after {
                        after = t.is(&this);
                        continue;
                    }
                    if let Some(res) = t.as_type().and_then(|tt| tt.dict.get_str(name)) {
                        hit = Some(res);
                        break;
                    }
                }
                hit
            };
            if let Some(res) = found {
                if let Some(get) = res.class().slots().descr_get {
                    let obj = p.obj.borrow().clone();
                    let inst = match &obj {
                        Some(ob) if !ob.is(&st) => Some(ob.clone()),
                        _ => None,
                    };
                    return get(vm, &res, inst.as_ref(), Some(&st));
                }
                return Ok(res);
            }
        }
    }
    match crate::protocol::object::generic_getattr(vm, o, name) {
        Err(e) if e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => {
            Err(attribute_error(format!(
                "'super' object has no attribute '{}'",
                name.downcast::<PyStr>()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default()
            )))
        }
        r => r,
    }
}

fn super_get(vm: &Vm, o: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let p = payload(o)?;
    let Some(obj) = obj else { return Ok(o.clone()) };
    if p.obj.borrow().is_some() {
        return Ok(o.clone());
    }
    let this = p.thisclass.borrow().clone().unwrap_or_else(none);
    crate::protocol::call::call_pos(vm, &o.class_ref(), &[this, obj.clone()])
}

fn super_repr(_: &Vm, o: &PyRef) -> PyResult {
    let p = payload(o)?;
    let this = p.thisclass.borrow().clone();
    let tn = this
        .as_ref()
        .and_then(|t| t.as_type())
        .map(|t| t.name())
        .unwrap_or_else(|| "NULL".into());
    Ok(PyStr::new_ref(
        &match p.obj_type.borrow().as_ref().and_then(|t| t.as_type()) {
            Some(ot) => format!("<super: <class '{tn}'>, <{} object>>", ot.name()),
            None => format!("<super: <class '{tn}'>, NULL>"),
        },
    ))
}

fn g_thisclass(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.thisclass.borrow().clone().unwrap_or_else(none))
}
fn g_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.obj.borrow().clone().unwrap_or_else(none))
}
fn g_self_class(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.obj_type.borrow().clone().unwrap_or_else(none))
}

static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("__thisclass__", g_thisclass),
    GetSetDef::new("__self__", g_self),
    GetSetDef::new("__self_class__", g_self_class),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &SUPER_TYPE,
        TypeSpec {
            slots: Slots {
                getattro: Some(super_getattro),
                descr_get: Some(super_get),
                repr: Some(super_repr),
                new: Some(super_new),
                init: Some(super_init),
                ..Slots::EMPTY
            },
            getsets: GETSETS,
            flags: flags::BASETYPE,
            ..TypeSpec::new("super", Layout::of::<PySuper>())
        },
    )]
}
