//! `function` (Python functions), `method` (bound methods), `staticmethod`
//! and `classmethod`.  Calling a function goes through the interpreter
//! (`interp::call_function`).

use std::cell::RefCell;

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{
    InstanceAttrs, Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots,
};
use crate::types::code::PyCode;
use crate::types::none::{is_none, none, not_implemented};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a Python function.
    pub struct PyFunction {
        pub code: RefCell<PyRef>,
        pub globals: PyRef,
        pub builtins: PyRef,
        pub name: RefCell<PyRef>,
        pub qualname: RefCell<PyRef>,
        pub defaults: RefCell<Option<PyRef>>,
        pub kwdefaults: RefCell<Option<PyRef>>,
        pub closure: Option<PyRef>,
        pub annotations: RefCell<Option<PyRef>>,
        pub doc: RefCell<Option<PyRef>>,
        pub module: RefCell<Option<PyRef>>,
        pub attrs: InstanceAttrs,
    }
}

impl Default for PyRef {
    fn default() -> PyRef {
        none()
    }
}

crate::py_payload! {
    /// A bound method.
    pub struct PyMethod {
        pub func: PyRef,
        pub self_: PyRef,
    }
}

crate::py_payload! {
    /// `staticmethod(f)`.
    pub struct PyStaticMethod {
        pub callable: PyRef,
        pub attrs: InstanceAttrs,
    }
}

crate::py_payload! {
    /// `classmethod(f)`.
    pub struct PyClassMethod {
        pub callable: PyRef,
        pub attrs: InstanceAttrs,
    }
}

pub static FUNCTION_TYPE: StaticType = StaticType::new();
pub static METHOD_TYPE: StaticType = StaticType::new();
pub static STATICMETHOD_TYPE: StaticType = StaticType::new();
pub static CLASSMETHOD_TYPE: StaticType = StaticType::new();

impl PyPayload for PyFunction {
    fn class() -> &'static Obj<PyType> {
        FUNCTION_TYPE.get()
    }
    fn own_attrs_offset() -> Option<usize> {
        Some(
            std::mem::offset_of!(Obj<PyFunction>, payload)
                + std::mem::offset_of!(PyFunction, attrs),
        )
    }
}
impl PyPayload for PyMethod {
    fn class() -> &'static Obj<PyType> {
        METHOD_TYPE.get()
    }
}
impl PyPayload for PyStaticMethod {
    fn class() -> &'static Obj<PyType> {
        STATICMETHOD_TYPE.get()
    }
    fn own_attrs_offset() -> Option<usize> {
        Some(
            std::mem::offset_of!(Obj<PyStaticMethod>, payload)
                + std::mem::offset_of!(PyStaticMethod, attrs),
        )
    }
}
impl PyPayload for PyClassMethod {
    fn class() -> &'static Obj<PyType> {
        CLASSMETHOD_TYPE.get()
    }
    fn own_attrs_offset() -> Option<usize> {
        Some(
            std::mem::offset_of!(Obj<PyClassMethod>, payload)
                + std::mem::offset_of!(PyClassMethod, attrs),
        )
    }
}

impl PyFunction {
    /// A new function object (what `MAKE_FUNCTION` builds).
    pub fn new_ref(code: PyRef, globals: PyRef, builtins: PyRef, closure: Option<PyRef>) -> PyRef {
        let (name, qualname, doc) = match code.downcast::<PyCode>() {
            Some(c) => {
                let doc = match c.consts.first() {
                    Some(d) if d.downcast::<PyStr>().is_some() => Some(d.clone()),
                    _ => None,
                };
                (c.name.clone(), c.qualname.clone(), doc)
            }
            None => (PyStr::intern("?"), PyStr::intern("?"), None),
        };
        let module = globals
            .downcast::<crate::types::dict::PyDict>()
            .and_then(|d| d.get_rust_str("__name__"));
        crate::object::alloc(PyFunction {
            code: RefCell::new(code),
            globals,
            builtins,
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            defaults: RefCell::new(None),
            kwdefaults: RefCell::new(None),
            closure,
            annotations: RefCell::new(None),
            doc: RefCell::new(doc),
            module: RefCell::new(module),
            attrs: InstanceAttrs::new(),
        })
    }

    pub fn code(&self) -> PyRef {
        self.code.borrow().clone()
    }
}

/// `staticmethod(f)`.
pub fn new_staticmethod(f: PyRef) -> PyRef {
    crate::object::alloc(PyStaticMethod {
        callable: f,
        attrs: InstanceAttrs::new(),
    })
}

/// `classmethod(f)`.
pub fn new_classmethod(f: PyRef) -> PyRef {
    crate::object::alloc(PyClassMethod {
        callable: f,
        attrs: InstanceAttrs::new(),
    })
}

/// A bound method.
pub fn new_method(func: PyRef, self_: PyRef) -> PyRef {
    crate::object::alloc(PyMethod { func, self_ })
}

fn func(o: &PyRef) -> PyResult<&PyFunction> {
    o.downcast::<PyFunction>()
        .ok_or_else(|| type_error("expected a function"))
}

fn fn_call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    crate::interp::call_function(vm, o, args)
}

fn fn_get(_: &Vm, o: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    match obj {
        Some(obj) => Ok(new_method(o.clone(), obj.clone())),
        None => Ok(o.clone()),
    }
}

fn fn_repr(_: &Vm, o: &PyRef) -> PyResult {
    let f = func(o)?;
    let q = f
        .qualname
        .borrow()
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    Ok(PyStr::new_ref(&format!(
        "<function {q} at {:#x}>",
        o.bits()
    )))
}

fn fn_new(vm: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    let [code, globals, name, argdefs, closure] = a.bind(
        "function",
        ["code", "globals", "name", "argdefs", "closure"],
        0,
        2,
    )?;
    let (Some(code), Some(globals)) = (code, globals) else {
        return Err(type_error("function() missing required argument"));
    };
    if code.downcast::<PyCode>().is_none() {
        return Err(type_error(format!(
            "function() argument 'code' must be code, not {}",
            code.class().name()
        )));
    }
    let builtins = vm.builtins_dict();
    let f = PyFunction::new_ref(code, globals, builtins, closure.filter(|c| !is_none(c)));
    if let Some(fp) = f.downcast::<PyFunction>() {
        if let Some(n) = name.filter(|n| !is_none(n)) {
            *fp.name.borrow_mut() = n;
        }
        *fp.defaults.borrow_mut() = argdefs.filter(|d| !is_none(d));
    }
    Ok(f)
}

fn get_code(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.code())
}
fn set_code(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v
        .filter(|v| v.downcast::<PyCode>().is_some())
        .ok_or_else(|| type_error("__code__ must be set to a code object"))?;
    *func(o)?.code.borrow_mut() = v.clone();
    Ok(())
}
fn get_globals(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.globals.clone())
}
fn get_builtins(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.builtins.clone())
}
fn get_name(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.name.borrow().clone())
}
fn set_name(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v
        .filter(|v| v.downcast::<PyStr>().is_some())
        .ok_or_else(|| type_error("__name__ must be set to a string object"))?;
    *func(o)?.name.borrow_mut() = v.clone();
    Ok(())
}
fn get_qualname(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.qualname.borrow().clone())
}
fn set_qualname(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v
        .filter(|v| v.downcast::<PyStr>().is_some())
        .ok_or_else(|| type_error("__qualname__ must be set to a string object"))?;
    *func(o)?.qualname.borrow_mut() = v.clone();
    Ok(())
}
fn get_defaults(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.defaults.borrow().clone().unwrap_or_else(none))
}
fn set_defaults(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.filter(|v| !is_none(v));
    if let Some(v) = &v
        && v.downcast::<PyTuple>().is_none()
    {
        return Err(type_error("__defaults__ must be set to a tuple object"));
    }
    *func(o)?.defaults.borrow_mut() = v.cloned();
    Ok(())
}
fn get_kwdefaults(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.kwdefaults.borrow().clone().unwrap_or_else(none))
}
fn set_kwdefaults(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.filter(|v| !is_none(v));
    if let Some(v) = &v
        && v.downcast::<crate::types::dict::PyDict>().is_none()
    {
        return Err(type_error("__kwdefaults__ must be set to a dict object"));
    }
    *func(o)?.kwdefaults.borrow_mut() = v.cloned();
    Ok(())
}
fn get_closure(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.closure.clone().unwrap_or_else(none))
}
fn get_doc(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.doc.borrow().clone().unwrap_or_else(none))
}
fn set_doc(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    *func(o)?.doc.borrow_mut() = v.cloned();
    Ok(())
}
fn get_module(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.module.borrow().clone().unwrap_or_else(none))
}
fn set_module(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    *func(o)?.module.borrow_mut() = v.cloned();
    Ok(())
}
fn get_annotations(_: &Vm, o: &PyRef) -> PyResult {
    let f = func(o)?;
    let cur = f.annotations.borrow().clone();
    match cur {
        Some(a) if a.downcast::<PyTuple>().is_some() => {
            // MAKE_FUNCTION stores a flat (name, value, ...) tuple.
            let t = a
                .downcast::<PyTuple>()
                .map(|t| t.as_slice().to_vec())
                .unwrap_or_default();
            let d = crate::types::dict::PyDict::default();
            for pair in t.chunks(2) {
                if let [k, v] = pair {
                    d.set_str(k.clone(), v.clone());
                }
            }
            let d = crate::object::alloc(d);
            *f.annotations.borrow_mut() = Some(d.clone());
            Ok(d)
        }
        Some(a) => Ok(a),
        None => {
            let d = crate::types::dict::PyDict::new_ref();
            *f.annotations.borrow_mut() = Some(d.clone());
            Ok(d)
        }
    }
}
fn set_annotations(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    *func(o)?.annotations.borrow_mut() = v.cloned().filter(|v| !is_none(v));
    Ok(())
}
fn get_dict(_: &Vm, o: &PyRef) -> PyResult {
    Ok(func(o)?.attrs.dict())
}
fn set_dict(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v
        .filter(|v| v.downcast::<crate::types::dict::PyDict>().is_some())
        .ok_or_else(|| type_error("__dict__ must be set to a dictionary"))?;
    func(o)?.attrs.set_dict(v.clone());
    Ok(())
}

static FN_GETSETS: &[GetSetDef] = &[
    GetSetDef::with_set("__code__", get_code, set_code),
    GetSetDef::member("__globals__", get_globals),
    GetSetDef::member("__builtins__", get_builtins),
    GetSetDef::with_set("__name__", get_name, set_name),
    GetSetDef::with_set("__qualname__", get_qualname, set_qualname),
    GetSetDef::with_set("__defaults__", get_defaults, set_defaults),
    GetSetDef::with_set("__kwdefaults__", get_kwdefaults, set_kwdefaults),
    GetSetDef::member("__closure__", get_closure),
    GetSetDef::with_set("__doc__", get_doc, set_doc),
    GetSetDef::with_set("__module__", get_module, set_module),
    GetSetDef::with_set("__annotations__", get_annotations, set_annotations),
    GetSetDef::with_set("__dict__", get_dict, set_dict),
];

// ---- bound method

fn meth(o: &PyRef) -> PyResult<&PyMethod> {
    o.downcast::<PyMethod>()
        .ok_or_else(|| type_error("expected a method"))
}

fn method_call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    let m = meth(o)?;
    let mut v = Vec::with_capacity(args.args.len() + 1);
    v.push(m.self_.clone());
    v.extend(args.args.iter().cloned());
    crate::protocol::call::call(vm, &m.func, Args::new(&v, args.kwnames))
}

fn method_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let m = meth(o)?;
    let name = match crate::protocol::object::lookup_attr(vm, &m.func, "__qualname__")? {
        Some(n) => n,
        None => crate::protocol::object::lookup_attr(vm, &m.func, "__name__")?
            .unwrap_or_else(|| PyStr::intern("?")),
    };
    let name = name
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_else(|| "?".into());
    let r = crate::protocol::object::repr_string(vm, &m.self_)?;
    Ok(PyStr::new_ref(&format!("<bound method {name} of {r}>")))
}

fn method_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyMethod>(), b.downcast::<PyMethod>()) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let same = x.func.is(&y.func) && x.self_.is(&y.self_);
    Ok(crate::types::bool_::py_bool(same == (op == CompareOp::Eq)))
}

fn method_hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    let m = meth(o)?;
    let h = crate::types::object::hash_pointer(m.self_.bits())
        ^ crate::protocol::object::hash(vm, &m.func)?;
    Ok(if h == -1 { -2 } else { h })
}

fn method_getattro(vm: &Vm, o: &PyRef, name: &PyRef) -> PyResult {
    // Method attributes first, then the function's.
    match crate::protocol::object::generic_getattr(vm, o, name) {
        Ok(v) => Ok(v),
        Err(e) if e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => {
            let m = meth(o)?;
            crate::protocol::object::get_attr(vm, &m.func, name)
        }
        Err(e) => Err(e),
    }
}

fn method_new(_: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    let [f, s] = a.exact::<2>("method")?;
    if crate::protocol::call::callable(f).not() {
        return Err(type_error("first argument must be callable"));
    }
    if is_none(s) {
        return Err(type_error("instance must not be None"));
    }
    Ok(new_method(f.clone(), s.clone()))
}

trait Not {
    fn not(self) -> bool;
}
impl Not for bool {
    fn not(self) -> bool {
        !self
    }
}

fn m_get_func(_: &Vm, o: &PyRef) -> PyResult {
    Ok(meth(o)?.func.clone())
}
fn m_get_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(meth(o)?.self_.clone())
}

fn m_get_doc(vm: &Vm, o: &PyRef) -> PyResult {
    crate::protocol::object::get_attr_str(vm, &meth(o)?.func, "__doc__")
}

static METHOD_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("__func__", m_get_func),
    GetSetDef::new("__self__", m_get_self),
    GetSetDef::new("__doc__", m_get_doc),
];

// ---- staticmethod / classmethod

fn sm_get(_: &Vm, o: &PyRef, _obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let s = o
        .downcast::<PyStaticMethod>()
        .ok_or_else(|| type_error("expected staticmethod"))?;
    Ok(s.callable.clone())
}

fn sm_call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    let s = o
        .downcast::<PyStaticMethod>()
        .ok_or_else(|| type_error("expected staticmethod"))?;
    crate::protocol::call::call(vm, &s.callable, args)
}

fn sm_new(_: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [f] = a.exact::<1>("staticmethod")?;
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("staticmethod.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyStaticMethod {
            callable: f.clone(),
            attrs: InstanceAttrs::new(),
        },
    ))
}

fn sm_init(_: &Vm, _: &PyRef, _: Args<'_>) -> PyResult<()> {
    Ok(())
}

fn sm_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let s = o
        .downcast::<PyStaticMethod>()
        .ok_or_else(|| type_error("expected staticmethod"))?;
    Ok(PyStr::new_ref(&format!(
        "<staticmethod({})>",
        crate::protocol::object::repr_string(vm, &s.callable)?
    )))
}

fn cm_get(vm: &Vm, o: &PyRef, obj: Option<&PyRef>, ty: Option<&PyRef>) -> PyResult {
    let c = o
        .downcast::<PyClassMethod>()
        .ok_or_else(|| type_error("expected classmethod"))?;
    let cls = match (ty, obj) {
        (Some(t), _) => t.clone(),
        (None, Some(o)) => o.class_ref(),
        (None, None) => return Err(type_error("__get__(None, None) is invalid")),
    };
    // 3.9-3.12 chain descriptors: `classmethod(property(f))` binds the
    // wrapped descriptor to the class.
    let callable = c.callable.clone();
    if let Some(get) = callable.class().slots().descr_get {
        return get(vm, &callable, Some(&cls), Some(&cls));
    }
    Ok(new_method(callable, cls))
}

fn cm_new(_: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [f] = a.exact::<1>("classmethod")?;
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("classmethod.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyClassMethod {
            callable: f.clone(),
            attrs: InstanceAttrs::new(),
        },
    ))
}

fn cm_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let c = o
        .downcast::<PyClassMethod>()
        .ok_or_else(|| type_error("expected classmethod"))?;
    Ok(PyStr::new_ref(&format!(
        "<classmethod({})>",
        crate::protocol::object::repr_string(vm, &c.callable)?
    )))
}

fn wrapped_func(o: &PyRef) -> PyResult<PyRef> {
    if let Some(s) = o.downcast::<PyStaticMethod>() {
        return Ok(s.callable.clone());
    }
    if let Some(c) = o.downcast::<PyClassMethod>() {
        return Ok(c.callable.clone());
    }
    Err(type_error("expected staticmethod or classmethod"))
}

fn wm_get_func(_: &Vm, o: &PyRef) -> PyResult {
    wrapped_func(o)
}

fn wm_get_isabstract(vm: &Vm, o: &PyRef) -> PyResult {
    let f = wrapped_func(o)?;
    match crate::protocol::object::lookup_attr(vm, &f, "__isabstractmethod__")? {
        Some(v) => Ok(crate::types::bool_::py_bool(
            crate::protocol::object::is_true(vm, &v)?,
        )),
        None => Ok(crate::types::bool_::py_bool(false)),
    }
}

fn wm_get_dict(_: &Vm, o: &PyRef) -> PyResult {
    match o.attrs() {
        Some(a) => Ok(a.dict()),
        None => Err(type_error("no __dict__")),
    }
}

static WRAP_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("__func__", wm_get_func),
    GetSetDef::new("__wrapped__", wm_get_func),
    GetSetDef::new("__isabstractmethod__", wm_get_isabstract),
    GetSetDef::new("__dict__", wm_get_dict),
];

static NO_METHODS: &[MethodDef] = &[];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &FUNCTION_TYPE,
            TypeSpec {
                slots: Slots {
                    call: Some(fn_call),
                    descr_get: Some(fn_get),
                    repr: Some(fn_repr),
                    new: Some(fn_new),
                    ..Slots::EMPTY
                },
                getsets: FN_GETSETS,
                ..TypeSpec::new("function", Layout::of::<PyFunction>())
            },
        ),
        (
            &METHOD_TYPE,
            TypeSpec {
                slots: Slots {
                    call: Some(method_call),
                    repr: Some(method_repr),
                    richcompare: Some(method_richcompare),
                    hash: Some(method_hash),
                    getattro: Some(method_getattro),
                    new: Some(method_new),
                    ..Slots::EMPTY
                },
                getsets: METHOD_GETSETS,
                ..TypeSpec::new("method", Layout::of::<PyMethod>())
            },
        ),
        (
            &STATICMETHOD_TYPE,
            TypeSpec {
                slots: Slots {
                    descr_get: Some(sm_get),
                    call: Some(sm_call),
                    new: Some(sm_new),
                    init: Some(sm_init),
                    repr: Some(sm_repr),
                    ..Slots::EMPTY
                },
                getsets: WRAP_GETSETS,
                methods: NO_METHODS,
                flags: flags::BASETYPE,
                ..TypeSpec::new("staticmethod", Layout::of::<PyStaticMethod>())
            },
        ),
        (
            &CLASSMETHOD_TYPE,
            TypeSpec {
                slots: Slots {
                    descr_get: Some(cm_get),
                    new: Some(cm_new),
                    init: Some(sm_init),
                    repr: Some(cm_repr),
                    ..Slots::EMPTY
                },
                getsets: WRAP_GETSETS,
                flags: flags::BASETYPE,
                ..TypeSpec::new("classmethod", Layout::of::<PyClassMethod>())
            },
        ),
    ]
}
