//! `module`: a namespace object backed by a dict (which is also the
//! `globals()` of code running in the module).

use crate::args::Args;
use crate::error::{PyResult, attribute_error, type_error};
use crate::object::typeobj::{GetSetDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::dict::PyDict;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a module.
    pub struct PyModule {
        pub dict: PyRef,
    }
}

pub static MODULE_TYPE: StaticType = StaticType::new();

impl PyPayload for PyModule {
    fn class() -> &'static Obj<PyType> {
        MODULE_TYPE.get()
    }
}

impl PyModule {
    /// A new module with `__name__`, `__doc__` and the import attributes set.
    pub fn new_ref(name: &str, doc: Option<&str>) -> PyRef {
        let d = PyDict::new_ref();
        if let Some(dd) = d.downcast::<PyDict>() {
            init_dict(
                dd,
                PyStr::new_ref(name),
                doc.map(PyStr::new_ref).unwrap_or_else(none),
            );
        }
        crate::object::alloc(PyModule { dict: d })
    }

    pub fn dict(&self) -> &PyDict {
        // The dict field always holds a dict.
        self.dict
            .downcast::<PyDict>()
            .expect("module dict is a dict")
    }

    /// `__name__` (as an object).
    pub fn name_obj(&self) -> PyRef {
        self.dict().get_rust_str("__name__").unwrap_or_else(none)
    }

    pub fn name(&self) -> String {
        self.name_obj()
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_else(|| "?".into())
    }

    /// Sets an attribute from Rust.
    pub fn set_attr(&self, name: &str, v: PyRef) {
        self.dict().set_str(PyStr::intern(name), v);
    }

    pub fn get_attr(&self, name: &str) -> Option<PyRef> {
        self.dict().get_rust_str(name)
    }
}

fn init_dict(d: &PyDict, name: PyRef, doc: PyRef) {
    d.set_str(PyStr::intern("__name__"), name);
    d.set_str(PyStr::intern("__doc__"), doc);
    d.set_str(PyStr::intern("__package__"), none());
    d.set_str(PyStr::intern("__loader__"), none());
    d.set_str(PyStr::intern("__spec__"), none());
}

fn payload(o: &PyRef) -> PyResult<&PyModule> {
    o.downcast::<PyModule>()
        .ok_or_else(|| type_error("expected a module"))
}

fn module_getattro(vm: &Vm, o: &PyRef, name: &PyRef) -> PyResult {
    // Data descriptors of the type win; then the module's namespace.
    let t = o.class();
    let d = t.lookup(name);
    let is_data = d
        .as_ref()
        .is_some_and(|d| d.class().slots().descr_set.is_some());
    if !is_data && let Some(v) = payload(o)?.dict().get_str(name) {
        return Ok(v);
    }
    match crate::protocol::object::generic_getattr(vm, o, name) {
        Ok(v) => Ok(v),
        Err(e) if e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => {
            let m = payload(o)?;
            if let Some(v) = m.dict().get_str(name) {
                return Ok(v);
            }
            if let Some(ga) = m.dict().get_rust_str("__getattr__") {
                return crate::protocol::call::call_pos(vm, &ga, std::slice::from_ref(name));
            }
            let n = name
                .downcast::<PyStr>()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            Err(attribute_error(format!(
                "module '{}' has no attribute '{n}'",
                m.name()
            )))
        }
        Err(e) => Err(e),
    }
}

pub(crate) fn module_setattro(vm: &Vm, o: &PyRef, name: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    // Data descriptors on the type first (e.g. __dict__ is read-only).
    if let Some(d) = o.class().lookup(name)
        && let Some(set) = d.class().slots().descr_set
    {
        return set(vm, &d, o, v);
    }
    let m = payload(o)?;
    match v {
        Some(v) => {
            m.dict().set_str(PyStr::intern_ref(name), v.clone());
            Ok(())
        }
        None => match m.dict().del_str(name) {
            Some(_) => Ok(()),
            None => {
                let n = name
                    .downcast::<PyStr>()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                Err(attribute_error(format!(
                    "module '{}' has no attribute '{n}'",
                    m.name()
                )))
            }
        },
    }
}

fn module_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let m = payload(o)?;
    let name = m.name();
    if let Some(f) = m.get_attr("__file__").filter(|f| !is_none(f)) {
        return Ok(PyStr::new_ref(&format!(
            "<module '{name}' from {}>",
            crate::protocol::object::repr_string(vm, &f)?
        )));
    }
    let builtin = name == "sys"
        || name == "builtins"
        || crate::modules::BUILTIN_MODULES
            .iter()
            .any(|(n, _)| *n == name);
    if builtin {
        return Ok(PyStr::new_ref(&format!("<module '{name}' (built-in)>")));
    }
    Ok(PyStr::new_ref(&format!("<module '{name}'>")))
}

fn module_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("module.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyModule {
            dict: PyDict::new_ref(),
        },
    ))
}

fn module_init(_: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let [name, doc] = a.bind("module", ["name", "doc"], 0, 1)?;
    let m = payload(o)?;
    let name =
        name.ok_or_else(|| type_error("module() missing required argument 'name' (pos 1)"))?;
    if name.downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "module.__init__() argument 'name' must be str, not {}",
            name.class().name()
        )));
    }
    init_dict(m.dict(), name, doc.unwrap_or_else(none));
    Ok(())
}

fn get_dict(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.dict.clone())
}

fn module_dir(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__dir__")?;
    let m = payload(s)?;
    if let Some(f) = m.get_attr("__dir__") {
        return crate::protocol::call::call_pos(vm, &f, &[]);
    }
    Ok(crate::types::list::PyList::new_ref(m.dict().keys()))
}

static METHODS: &[crate::object::typeobj::MethodDef] =
    &[crate::object::typeobj::MethodDef::method(
        "__dir__", module_dir,
    )];
static GETSETS: &[GetSetDef] = &[GetSetDef::new("__dict__", get_dict)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &MODULE_TYPE,
        TypeSpec {
            slots: Slots {
                getattro: Some(module_getattro),
                setattro: Some(module_setattro),
                repr: Some(module_repr),
                new: Some(module_new),
                init: Some(module_init),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE,
            doc: Some(
                "Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.",
            ),
            ..TypeSpec::new("module", Layout::of::<PyModule>())
        },
    )]
}
