//! `object`: the root type, with the generic attribute protocol, identity
//! hashing and equality, and the default `__new__`/`__init__` argument rules.

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::protocol::object as proto;
use crate::types::none::{none, not_implemented};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// Payload of plain `object()` instances (nothing).
    pub struct PyBaseObject {}
}

pub static OBJECT_TYPE: StaticType = StaticType::new();

impl PyPayload for PyBaseObject {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        OBJECT_TYPE.get()
    }
}

/// `<module.Name object at 0x...>`.
pub fn default_repr(o: &PyRef) -> String {
    let t = o.class();
    format!("<{} object at {:#x}>", t.repr_name(), o.bits())
}

fn object_repr(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(&default_repr(o)))
}

fn object_str(vm: &Vm, o: &PyRef) -> PyResult {
    proto::repr(vm, o)
}

/// CPython's `_Py_HashPointer`: the address rotated right by 4 bits.
pub fn hash_pointer(bits: usize) -> i64 {
    let y = bits.rotate_right(4) as i64;
    if y == -1 { -2 } else { y }
}

fn object_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    Ok(hash_pointer(o.bits()))
}

fn object_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    match op {
        CompareOp::Eq => Ok(if a.is(b) {
            crate::types::bool_::py_bool(true)
        } else {
            not_implemented()
        }),
        CompareOp::Ne => {
            // By default __ne__ delegates to __eq__ and inverts the result.
            let Some(eq) = a.class().slots().richcompare else {
                return Ok(not_implemented());
            };
            let r = eq(vm, a, b, CompareOp::Eq)?;
            if crate::types::none::is_not_implemented(&r) {
                return Ok(r);
            }
            Ok(crate::types::bool_::py_bool(!proto::is_true(vm, &r)?))
        }
        _ => Ok(not_implemented()),
    }
}

fn excess_args(a: &Args<'_>) -> bool {
    !a.args.is_empty()
}

fn object_init(_: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    if excess_args(&a) {
        let t = o.class();
        let slots = t.slots();
        let own_init = slots.init.map(|f| f as usize) != Some(object_init as *const () as usize);
        let own_new = slots.new.map(|f| f as usize) == Some(object_new as *const () as usize);
        if own_init {
            return Err(type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if own_new {
            return Err(type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                t.name()
            )));
        }
    }
    Ok(())
}

pub(crate) fn object_new(_: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("object.__new__(X): X is not a type object"))?;
    if excess_args(&a) {
        let slots = t.slots();
        let own_new = slots.new.map(|f| f as usize) != Some(object_new as *const () as usize);
        let own_init = slots.init.map(|f| f as usize) == Some(object_init as *const () as usize);
        if own_new {
            return Err(type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if own_init {
            return Err(type_error(format!("{}() takes no arguments", t.name())));
        }
    }
    if t.has_flag(flags::IS_ABSTRACT) {
        return abstract_error(t);
    }
    if t.layout.type_id != std::any::TypeId::of::<PyBaseObject>() {
        return Err(type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            t.name(),
            t.name()
        )));
    }
    Ok(crate::object::alloc_as(t, PyBaseObject {}))
}

#[cold]
fn abstract_error(t: &Obj<PyType>) -> PyResult {
    let mut names: Vec<String> = Vec::new();
    if let Some(am) = t.lookup_str("__abstractmethods__")
        && let Ok(items) = crate::protocol::iter::collect_simple(&am)
    {
        for i in items {
            if let Some(s) = i.downcast::<PyStr>() {
                names.push(s.to_string_lossy());
            }
        }
    }
    names.sort();
    let n = names.len();
    let joined = names.join(", ");
    Err(type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        t.name(),
        if n == 1 { "" } else { "s" },
        joined
    )))
}

fn object_getattro(vm: &Vm, o: &PyRef, name: &PyRef) -> PyResult {
    // A module's instance dict is its payload's: type data descriptors,
    // then that dict, then the rest of the generic lookup (no module
    // `__getattr__` here).
    if let Some(m) = o.downcast::<crate::types::module::PyModule>() {
        let is_data = o
            .class()
            .lookup(name)
            .is_some_and(|d| d.class().slots().descr_set.is_some());
        if !is_data && let Some(v) = m.dict().get_str(name) {
            return Ok(v);
        }
    }
    proto::generic_getattr(vm, o, name)
}

pub(crate) fn object_setattro(vm: &Vm, o: &PyRef, name: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    // A module's instance dict is its payload's (CPython's generic
    // setattr finds it through `tp_dictoffset`).
    if o.downcast::<crate::types::module::PyModule>().is_some() {
        return crate::types::module::module_setattro(vm, o, name, v);
    }
    proto::generic_setattr(vm, o, name, v)
}

fn get_class(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.class_ref())
}

fn set_class(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_error("can't delete __class__ attribute"))?;
    let nt = v.as_type().ok_or_else(|| {
        type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            v.class().name()
        ))
    })?;
    let ot = o.class();
    let module = crate::types::module::MODULE_TYPE.get();
    let both_modules = nt.is_subtype(module) && ot.is_subtype(module);
    if !both_modules
        && (nt.has_flag(flags::IMMUTABLETYPE) || ot.has_flag(flags::IMMUTABLETYPE) || o.is_small())
    {
        return Err(type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    let physical = nt.layout.type_id == ot.layout.type_id
        && nt.layout.attrs_offset == ot.layout.attrs_offset
        && nt.layout.dealloc as usize == ot.layout.dealloc as usize
        // the gc links in front of a container are chosen by `layout.gc`
        && nt.layout.gc == ot.layout.gc;
    crate::types::type_mro::compatible_for_assignment(ot, nt, "__class__", physical)?;
    let newref = v.clone();
    if ot.weakly_referenced.get() {
        // The object may have weak references: its new type must make its
        // deallocation clear them.
        nt.weakly_referenced.set(true);
    }
    if let Some(p) = o.header_ptr() {
        // SAFETY: o is alive; we move our reference to the new type into
        // the header and release the old one.
        unsafe {
            let old = (*p).ty.replace(newref.into_raw() as *const Obj<PyType>);
            drop(PyRef::from_raw(old as *mut crate::value::ObjHeader));
        }
    }
    Ok(())
}

fn object_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, spec] = a.exact::<2>("__format__")?;
    let spec = spec.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "__format__() argument must be str, not {}",
            spec.class().name()
        ))
    })?;
    if spec.char_len() > 0 {
        return Err(type_error(format!(
            "unsupported format string passed to {}.__format__",
            s.class().name()
        )));
    }
    proto::str(vm, s)
}

fn object_init_subclass(_: &Vm, a: Args<'_>) -> PyResult {
    if a.args.len() > 1 || a.has_kwargs() {
        let cls = a
            .args
            .first()
            .and_then(|c| c.as_type())
            .map(|t| t.name())
            .unwrap_or_default();
        let _ = cls;
        return Err(type_error(
            "object.__init_subclass__() takes no keyword arguments",
        ));
    }
    Ok(none())
}

fn object_subclasshook(_: &Vm, _: Args<'_>) -> PyResult {
    Ok(not_implemented())
}

fn object_dir(vm: &Vm, a: Args<'_>) -> PyResult {
    let [o] = a.exact::<1>("__dir__")?;
    let names = proto::dir_names(vm, o)?;
    Ok(crate::types::list::PyList::new_ref(names))
}

fn object_sizeof(_: &Vm, _: Args<'_>) -> PyResult {
    Ok(crate::types::int::int_from_i64(16))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("__format__", object_format),
    MethodDef::classmethod("__init_subclass__", object_init_subclass),
    MethodDef::classmethod("__subclasshook__", object_subclasshook),
    MethodDef::method("__dir__", object_dir),
    MethodDef::method("__sizeof__", object_sizeof),
    MethodDef::method("__reduce_ex__", super::object_pickle::object_reduce_ex),
    MethodDef::method("__reduce__", super::object_pickle::object_reduce),
    MethodDef::method("__getstate__", super::object_pickle::object_getstate),
];

static GETSETS: &[GetSetDef] = &[GetSetDef::with_set("__class__", get_class, set_class)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &OBJECT_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(object_repr),
                str: Some(object_str),
                hash: Some(object_hash),
                richcompare: Some(object_richcompare),
                getattro: Some(object_getattro),
                setattro: Some(object_setattro),
                init: Some(object_init),
                new: Some(object_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE,
            doc: Some(
                "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n",
            ),
            ..TypeSpec::new("object", Layout::of::<PyBaseObject>())
        },
    )]
}
