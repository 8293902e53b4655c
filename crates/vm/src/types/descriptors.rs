//! Descriptors that expose native code: `method_descriptor`
//! (`list.append`), `classmethod_descriptor` (`dict.fromkeys`),
//! `getset_descriptor` (`type.__name__`), `wrapper_descriptor`
//! (`int.__add__`, a native slot), `method-wrapper` (`(1).__add__`) and
//! `builtin_function_or_method` (`len`, `[].append`).

use crate::args::Args;
use crate::error::{PyResult, attribute_error, type_error};
use crate::object::slots::{SLOT_TABLE, Slots};
use crate::object::typeobj::{GetSetDef, MethodDef, MethodKind};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots as S};
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// An unbound native method of a builtin type.
    pub struct PyMethodDescr {
        pub owner: PyRef,
        pub def: &'static MethodDef,
    }
}
crate::py_payload! {
    /// A native classmethod of a builtin type.
    pub struct PyClassMethodDescr {
        pub owner: PyRef,
        pub def: &'static MethodDef,
    }
}
crate::py_payload! {
    /// A computed attribute of a builtin type.
    pub struct PyGetSetDescr {
        pub owner: PyRef,
        pub def: &'static GetSetDef,
    }
}
crate::py_payload! {
    /// A native slot exposed as a dunder method.
    pub struct PySlotWrapper {
        pub owner: PyRef,
        pub slot: u8,
        pub dunder: u8,
    }
}
crate::py_payload! {
    /// A slot wrapper bound to an instance.
    pub struct PyMethodWrapper {
        pub wrapper: PyRef,
        pub bound: PyRef,
    }
}
crate::py_payload! {
    /// A native function, optionally bound to `self` (or a module).
    pub struct PyBuiltinFunction {
        pub def: &'static MethodDef,
        pub bound: Option<PyRef>,
        pub module: Option<PyRef>,
    }
}

impl crate::object::Trace for &'static MethodDef {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}
impl crate::object::Trace for &'static GetSetDef {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

crate::py_payload! {
    /// A `__slots__` member.
    pub struct PyMemberDescr {
        pub owner: PyRef,
        pub name: PyRef,
        /// A builtin type's struct member (accessors in Rust); `None` for
        /// a `__slots__` entry, stored in the instance's attributes.
        pub native: NativeMember,
    }
}

/// The accessors of a builtin type's member (no references to trace).
#[derive(Clone, Copy, Default)]
pub struct NativeMember(pub Option<&'static GetSetDef>);
impl crate::object::Trace for NativeMember {
    fn trace(&self, _: &mut crate::object::Visit<'_>) {}
}

pub static MEMBER_DESCR_TYPE: StaticType = StaticType::new();
impl PyPayload for PyMemberDescr {
    fn class() -> &'static Obj<PyType> {
        MEMBER_DESCR_TYPE.get()
    }
}

/// A member descriptor for slot `name` of class `owner`.
pub fn member_descriptor(owner: &Obj<PyType>, name: PyRef) -> PyRef {
    crate::object::alloc(PyMemberDescr {
        owner: owner.to_ref(),
        name,
        native: NativeMember(None),
    })
}

/// A member descriptor for a builtin type's struct member `def`.
pub fn native_member_descriptor(owner: &Obj<PyType>, def: &'static GetSetDef) -> PyRef {
    crate::object::alloc(PyMemberDescr {
        owner: owner.to_ref(),
        name: PyStr::intern(def.name),
        native: NativeMember(Some(def)),
    })
}

fn mem(o: &PyRef) -> PyResult<&PyMemberDescr> {
    o.downcast::<PyMemberDescr>()
        .ok_or_else(|| type_error("expected member_descriptor"))
}

fn mem_name(m: &PyMemberDescr) -> String {
    m.name
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default()
}

fn mem_get(vm: &Vm, o: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let m = mem(o)?;
    let Some(obj) = obj else { return Ok(o.clone()) };
    check_self(&m.owner, &mem_name(m), obj)?;
    if let Some(def) = m.native.0 {
        return (def.get)(vm, obj);
    }
    obj.attrs().and_then(|a| a.get(&m.name)).ok_or_else(|| {
        attribute_error(format!(
            "'{}' object has no attribute '{}'",
            obj.class().name(),
            mem_name(m)
        ))
    })
}

fn mem_set(vm: &Vm, o: &PyRef, obj: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let m = mem(o)?;
    check_self(&m.owner, &mem_name(m), obj)?;
    if let Some(def) = m.native.0 {
        return match def.set {
            Some(set) => set(vm, obj, v),
            None => Err(attribute_error("readonly attribute")),
        };
    }
    let a = obj.attrs().ok_or_else(|| attribute_error(mem_name(m)))?;
    match v {
        Some(v) => {
            a.set(&m.name, v.clone());
            Ok(())
        }
        None => {
            if a.delete(&m.name) {
                Ok(())
            } else {
                Err(attribute_error(mem_name(m)))
            }
        }
    }
}

fn mem_repr(_: &Vm, o: &PyRef) -> PyResult {
    let m = mem(o)?;
    Ok(PyStr::new_ref(&format!(
        "<member '{}' of '{}' objects>",
        mem_name(m),
        owner_name(&m.owner)
    )))
}

pub static METHOD_DESCR_TYPE: StaticType = StaticType::new();
pub static CLASSMETHOD_DESCR_TYPE: StaticType = StaticType::new();
pub static GETSET_DESCR_TYPE: StaticType = StaticType::new();
pub static SLOT_WRAPPER_TYPE: StaticType = StaticType::new();
pub static METHOD_WRAPPER_TYPE: StaticType = StaticType::new();
pub static BUILTIN_FUNCTION_TYPE: StaticType = StaticType::new();

macro_rules! payload_impl {
    ($($t:ty => $s:ident),*) => {
        $(impl PyPayload for $t {
            fn class() -> &'static Obj<PyType> { $s.get() }
        })*
    };
}
payload_impl!(PyMethodDescr => METHOD_DESCR_TYPE, PyClassMethodDescr => CLASSMETHOD_DESCR_TYPE,
    PyGetSetDescr => GETSET_DESCR_TYPE, PySlotWrapper => SLOT_WRAPPER_TYPE,
    PyMethodWrapper => METHOD_WRAPPER_TYPE, PyBuiltinFunction => BUILTIN_FUNCTION_TYPE);

impl PySlotWrapper {
    pub fn name(&self) -> &'static str {
        SLOT_TABLE[self.slot as usize].dunders[self.dunder as usize].0
    }
    fn owner_type(&self) -> &Obj<PyType> {
        // Owners are always type objects.
        self.owner
            .as_type()
            .unwrap_or_else(|| crate::types::object::OBJECT_TYPE.get())
    }
    /// Calls the wrapped slot with `self` first.
    pub fn call(&self, vm: &Vm, args: Args<'_>) -> PyResult {
        let owner = self.owner_type();
        let name = self.name();
        let is_new = name == "__new__";
        let Some(first) = args
            .args
            .first()
            .filter(|_| args.args.len() > args.kwnames.len())
        else {
            return Err(type_error(format!(
                "descriptor '{name}' of '{}' object needs an argument",
                owner.name()
            )));
        };
        if is_new {
            check_new_subtype(owner, first)?;
        } else if !first.class().is_subtype(owner) {
            return Err(type_error(format!(
                "descriptor '{name}' requires a '{}' object but received a '{}'",
                owner.name(),
                first.class().name()
            )));
        }
        let wrap = SLOT_TABLE[self.slot as usize].dunders[self.dunder as usize].1;
        wrap(vm, &owner.native, args)
    }
}

/// The checks of `X.__new__(Y, ...)` for a builtin type X (CPython's
/// `tp_new_wrapper`): Y must be a subtype of X whose nearest builtin base
/// allocates through X's `__new__`.
fn check_new_subtype(owner: &Obj<PyType>, first: &PyRef) -> PyResult<()> {
    let ct = first.as_type().ok_or_else(|| {
        type_error(format!(
            "{}.__new__(X): X is not a type object ({})",
            owner.name(),
            first.class().name()
        ))
    })?;
    if !ct.is_subtype(owner) {
        return Err(type_error(format!(
            "{}.__new__({}): {} is not a subtype of {}",
            owner.name(),
            ct.name(),
            ct.name(),
            owner.name()
        )));
    }
    // The most derived base that is not a heap type must use this
    // __new__ (CPython's "is not safe" check).
    let mut staticbase = ct.to_ref();
    while let Some(t) = staticbase.as_type() {
        if !t.is_heap() {
            break;
        }
        let b = t.base.borrow().clone();
        match b {
            Some(b) => staticbase = b,
            None => break,
        }
    }
    if let Some(sb) = staticbase.as_type() {
        let sbnew = sb.slots().new.map(|f| f as usize);
        if sbnew != owner.native.new.map(|f| f as usize) {
            return Err(type_error(format!(
                "{}.__new__({}) is not safe, use {}.__new__()",
                owner.name(),
                ct.name(),
                sb.name()
            )));
        }
    }
    Ok(())
}

/// `int.__new__` & co.: a builtin method bound to its type, calling the
/// type's native `tp_new` on `(subtype, *args)` after the safety checks.
fn tp_new_wrapper(vm: &Vm, a: Args<'_>) -> PyResult {
    let owner_ref = a
        .args
        .first()
        .ok_or_else(|| type_error("__new__ of non-type"))?
        .clone();
    let owner = owner_ref
        .as_type()
        .ok_or_else(|| type_error("__new__ of non-type"))?;
    let rest = a.shift();
    let Some(first) = rest
        .args
        .first()
        .filter(|_| rest.args.len() > rest.kwnames.len())
    else {
        return Err(type_error(format!(
            "{}.__new__(): not enough arguments",
            owner.name()
        )));
    };
    check_new_subtype(owner, first)?;
    let new = owner
        .native
        .new
        .ok_or_else(|| type_error(format!("cannot create '{}' instances", owner.name())))?;
    new(vm, first, rest.shift())
}

/// The one `MethodDef` behind every builtin type's `__new__`.
pub static TP_NEW_DEF: MethodDef = MethodDef::method("__new__", tp_new_wrapper)
    .with_doc("Create and return a new object.  See help(type) for accurate signature.");

/// True if `o` is the `__new__` of builtin type `owner` (see [`TP_NEW_DEF`]).
pub fn is_tp_new_of(o: &PyRef, owner: &PyRef) -> bool {
    o.downcast::<PyBuiltinFunction>().is_some_and(|f| {
        std::ptr::eq(f.def, &TP_NEW_DEF) && f.bound.as_ref().is_some_and(|b| b.is(owner))
    })
}

/// A `method_descriptor` (or `classmethod_descriptor`) for `def` on `owner`.
pub fn method_descriptor(owner: &Obj<PyType>, def: &'static MethodDef) -> PyRef {
    match def.kind {
        MethodKind::Method => crate::object::alloc(PyMethodDescr {
            owner: owner.to_ref(),
            def,
        }),
        MethodKind::Class => crate::object::alloc(PyClassMethodDescr {
            owner: owner.to_ref(),
            def,
        }),
        MethodKind::Static => {
            let f = crate::object::alloc(PyBuiltinFunction {
                def,
                bound: None,
                module: None,
            });
            crate::types::function::new_staticmethod(f)
        }
    }
}

pub fn getset_descriptor(owner: &Obj<PyType>, def: &'static GetSetDef) -> PyRef {
    crate::object::alloc(PyGetSetDescr {
        owner: owner.to_ref(),
        def,
    })
}

pub fn slot_wrapper(owner: &Obj<PyType>, slot: u8, dunder: u8) -> PyRef {
    crate::object::alloc(PySlotWrapper {
        owner: owner.to_ref(),
        slot,
        dunder,
    })
}

/// A module-level builtin function.
pub fn builtin_function(def: &'static MethodDef, module: Option<PyRef>) -> PyRef {
    crate::object::alloc(PyBuiltinFunction {
        def,
        bound: None,
        module,
    })
}

/// A native method bound to `obj`.
pub fn bound_builtin(def: &'static MethodDef, obj: PyRef) -> PyRef {
    crate::object::alloc(PyBuiltinFunction {
        def,
        bound: Some(obj),
        module: None,
    })
}

fn owner_name(o: &PyRef) -> String {
    o.as_type().map(|t| t.name()).unwrap_or_default()
}

/// Checks that `obj` is an instance of the descriptor's owner.
fn check_self(owner: &PyRef, name: &str, obj: &PyRef) -> PyResult<()> {
    if let Some(t) = owner.as_type()
        && !obj.class().is_subtype(t)
    {
        return Err(type_error(format!(
            "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
            t.name(),
            obj.class().name()
        )));
    }
    Ok(())
}

// ---- method_descriptor

fn md_call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    let d = o
        .downcast::<PyMethodDescr>()
        .ok_or_else(|| type_error("expected method_descriptor"))?;
    let Some(first) = args.positional().first() else {
        return Err(type_error(format!(
            "unbound method {}.{}() needs an argument",
            owner_name(&d.owner),
            d.def.name
        )));
    };
    if let Some(t) = d.owner.as_type()
        && !first.class().is_subtype(t)
    {
        return Err(type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            d.def.name,
            t.name(),
            first.class().name()
        )));
    }
    (d.def.func)(vm, args)
}

fn md_get(_: &Vm, o: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let d = o
        .downcast::<PyMethodDescr>()
        .ok_or_else(|| type_error("expected method_descriptor"))?;
    match obj {
        None => Ok(o.clone()),
        Some(obj) => {
            check_self(&d.owner, d.def.name, obj)?;
            Ok(bound_builtin(d.def, obj.clone()))
        }
    }
}

fn md_repr(_: &Vm, o: &PyRef) -> PyResult {
    let d = o
        .downcast::<PyMethodDescr>()
        .ok_or_else(|| type_error("expected method_descriptor"))?;
    Ok(PyStr::new_ref(&format!(
        "<method '{}' of '{}' objects>",
        d.def.name,
        owner_name(&d.owner)
    )))
}

// ---- classmethod_descriptor

fn cmd_get(_: &Vm, o: &PyRef, obj: Option<&PyRef>, ty: Option<&PyRef>) -> PyResult {
    let d = o
        .downcast::<PyClassMethodDescr>()
        .ok_or_else(|| type_error("expected classmethod_descriptor"))?;
    let cls = match (ty, obj) {
        (Some(t), _) => t.clone(),
        (None, Some(o)) => o.class_ref(),
        (None, None) => return Err(type_error("__get__(None, None) is invalid")),
    };
    Ok(bound_builtin(d.def, cls))
}

fn cmd_call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    let d = o
        .downcast::<PyClassMethodDescr>()
        .ok_or_else(|| type_error("expected classmethod_descriptor"))?;
    if args.positional().is_empty() {
        return Err(type_error(format!(
            "descriptor '{}' of '{}' object needs an argument",
            d.def.name,
            owner_name(&d.owner)
        )));
    }
    (d.def.func)(vm, args)
}

fn cmd_repr(_: &Vm, o: &PyRef) -> PyResult {
    let d = o
        .downcast::<PyClassMethodDescr>()
        .ok_or_else(|| type_error("expected classmethod_descriptor"))?;
    Ok(PyStr::new_ref(&format!(
        "<method '{}' of '{}' objects>",
        d.def.name,
        owner_name(&d.owner)
    )))
}

// ---- getset_descriptor

fn gs_get(vm: &Vm, o: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let d = o
        .downcast::<PyGetSetDescr>()
        .ok_or_else(|| type_error("expected getset_descriptor"))?;
    match obj {
        None => Ok(o.clone()),
        Some(obj) => {
            check_self(&d.owner, d.def.name, obj)?;
            (d.def.get)(vm, obj)
        }
    }
}

fn gs_set(vm: &Vm, o: &PyRef, obj: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let d = o
        .downcast::<PyGetSetDescr>()
        .ok_or_else(|| type_error("expected getset_descriptor"))?;
    check_self(&d.owner, d.def.name, obj)?;
    match d.def.set {
        Some(set) => set(vm, obj, v),
        None => Err(attribute_error(format!(
            "attribute '{}' of '{}' objects is not writable",
            d.def.name,
            owner_name(&d.owner)
        ))),
    }
}

fn gs_repr(_: &Vm, o: &PyRef) -> PyResult {
    let d = o
        .downcast::<PyGetSetDescr>()
        .ok_or_else(|| type_error("expected getset_descriptor"))?;
    Ok(PyStr::new_ref(&format!(
        "<attribute '{}' of '{}' objects>",
        d.def.name,
        owner_name(&d.owner)
    )))
}

// ---- wrapper_descriptor / method-wrapper

fn sw_call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    let w = o
        .downcast::<PySlotWrapper>()
        .ok_or_else(|| type_error("expected wrapper_descriptor"))?;
    w.call(vm, args)
}

fn sw_get(_: &Vm, o: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let w = o
        .downcast::<PySlotWrapper>()
        .ok_or_else(|| type_error("expected wrapper_descriptor"))?;
    match obj {
        Some(obj) if w.name() != "__new__" => {
            check_self(&w.owner, w.name(), obj)?;
            Ok(crate::object::alloc(PyMethodWrapper {
                wrapper: o.clone(),
                bound: obj.clone(),
            }))
        }
        _ => Ok(o.clone()),
    }
}

fn sw_repr(_: &Vm, o: &PyRef) -> PyResult {
    let w = o
        .downcast::<PySlotWrapper>()
        .ok_or_else(|| type_error("expected wrapper_descriptor"))?;
    if w.name() == "__new__" {
        return Ok(PyStr::new_ref(&format!(
            "<built-in method __new__ of type object at {:#x}>",
            w.owner.bits()
        )));
    }
    Ok(PyStr::new_ref(&format!(
        "<slot wrapper '{}' of '{}' objects>",
        w.name(),
        owner_name(&w.owner)
    )))
}

fn mw_call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    let m = o
        .downcast::<PyMethodWrapper>()
        .ok_or_else(|| type_error("expected method-wrapper"))?;
    let w = m
        .wrapper
        .downcast::<PySlotWrapper>()
        .ok_or_else(|| type_error("expected wrapper_descriptor"))?;
    let mut v = Vec::with_capacity(args.args.len() + 1);
    v.push(m.bound.clone());
    v.extend(args.args.iter().cloned());
    w.call(vm, Args::new(&v, args.kwnames))
}

fn mw_repr(_: &Vm, o: &PyRef) -> PyResult {
    let m = o
        .downcast::<PyMethodWrapper>()
        .ok_or_else(|| type_error("expected method-wrapper"))?;
    let w = m
        .wrapper
        .downcast::<PySlotWrapper>()
        .ok_or_else(|| type_error("expected wrapper_descriptor"))?;
    Ok(PyStr::new_ref(&format!(
        "<method-wrapper '{}' of {} object at {:#x}>",
        w.name(),
        m.bound.class().name(),
        m.bound.bits()
    )))
}

// ---- builtin_function_or_method

fn bf_call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    let f = o
        .downcast::<PyBuiltinFunction>()
        .ok_or_else(|| type_error("expected builtin function"))?;
    match &f.bound {
        None => (f.def.func)(vm, args),
        Some(s) => {
            let mut v = Vec::with_capacity(args.args.len() + 1);
            v.push(s.clone());
            v.extend(args.args.iter().cloned());
            (f.def.func)(vm, Args::new(&v, args.kwnames))
        }
    }
}

fn bf_repr(_: &Vm, o: &PyRef) -> PyResult {
    let f = o
        .downcast::<PyBuiltinFunction>()
        .ok_or_else(|| type_error("expected builtin function"))?;
    Ok(PyStr::new_ref(&match &f.bound {
        None => format!("<built-in function {}>", f.def.name),
        Some(s) if s.as_type().is_some() && f.def.kind == MethodKind::Class => {
            format!(
                "<built-in method {} of type object at {:#x}>",
                f.def.name,
                s.bits()
            )
        }
        Some(s) if s.downcast::<crate::types::module::PyModule>().is_some() => {
            format!("<built-in function {}>", f.def.name)
        }
        Some(s) => format!(
            "<built-in method {} of {} object at {:#x}>",
            f.def.name,
            s.class().name(),
            s.bits()
        ),
    }))
}

fn bf_get_name(_: &Vm, o: &PyRef) -> PyResult {
    let name = if let Some(f) = o.downcast::<PyBuiltinFunction>() {
        f.def.name
    } else if let Some(d) = o.downcast::<PyMethodDescr>() {
        d.def.name
    } else if let Some(d) = o.downcast::<PyClassMethodDescr>() {
        d.def.name
    } else if let Some(d) = o.downcast::<PyGetSetDescr>() {
        d.def.name
    } else if let Some(w) = o.downcast::<PySlotWrapper>() {
        w.name()
    } else if let Some(m) = o.downcast::<PyMemberDescr>() {
        return Ok(m.name.clone());
    } else if let Some(m) = o.downcast::<PyMethodWrapper>() {
        m.wrapper
            .downcast::<PySlotWrapper>()
            .map(|w| w.name())
            .unwrap_or("")
    } else {
        ""
    };
    Ok(PyStr::intern(name))
}

fn bf_get_qualname(vm: &Vm, o: &PyRef) -> PyResult {
    let name = bf_get_name(vm, o)?;
    let n = name
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let owner = if let Some(f) = o.downcast::<PyBuiltinFunction>() {
        match &f.bound {
            Some(s) if s.downcast::<crate::types::module::PyModule>().is_none() => Some(
                s.as_type()
                    .map(|t| t.qualname.borrow().clone())
                    .unwrap_or_else(|| s.class().qualname.borrow().clone()),
            ),
            _ => None,
        }
    } else if let Some(d) = o.downcast::<PyMethodDescr>() {
        Some(owner_name(&d.owner))
    } else if let Some(d) = o.downcast::<PyClassMethodDescr>() {
        Some(owner_name(&d.owner))
    } else if let Some(d) = o.downcast::<PyGetSetDescr>() {
        Some(owner_name(&d.owner))
    } else {
        o.downcast::<PySlotWrapper>().map(|w| owner_name(&w.owner))
    };
    Ok(PyStr::new_ref(&match owner {
        Some(ow) => format!("{ow}.{n}"),
        None => n,
    }))
}

fn bf_get_self(_: &Vm, o: &PyRef) -> PyResult {
    if let Some(f) = o.downcast::<PyBuiltinFunction>() {
        return Ok(f
            .bound
            .clone()
            .or_else(|| f.module.clone())
            .unwrap_or_else(none));
    }
    if let Some(m) = o.downcast::<PyMethodWrapper>() {
        return Ok(m.bound.clone());
    }
    Ok(none())
}

fn bf_get_objclass(_: &Vm, o: &PyRef) -> PyResult {
    if let Some(d) = o.downcast::<PyMethodDescr>() {
        return Ok(d.owner.clone());
    }
    if let Some(d) = o.downcast::<PyClassMethodDescr>() {
        return Ok(d.owner.clone());
    }
    if let Some(d) = o.downcast::<PyGetSetDescr>() {
        return Ok(d.owner.clone());
    }
    if let Some(w) = o.downcast::<PySlotWrapper>() {
        return Ok(w.owner.clone());
    }
    if let Some(m) = o.downcast::<PyMemberDescr>() {
        return Ok(m.owner.clone());
    }
    Err(attribute_error("__objclass__"))
}

fn bf_get_doc(_: &Vm, o: &PyRef) -> PyResult {
    let doc = if let Some(f) = o.downcast::<PyBuiltinFunction>() {
        f.def.doc
    } else if let Some(d) = o.downcast::<PyMethodDescr>() {
        d.def.doc
    } else if let Some(d) = o.downcast::<PyGetSetDescr>() {
        d.def.doc
    } else if let Some(d) = o.downcast::<PyMemberDescr>().and_then(|m| m.native.0) {
        d.doc
    } else {
        ""
    };
    Ok(if doc.is_empty() {
        none()
    } else {
        PyStr::new_ref(doc)
    })
}

fn bf_get_module(_: &Vm, o: &PyRef) -> PyResult {
    if let Some(f) = o.downcast::<PyBuiltinFunction>() {
        if let Some(m) = &f.module
            && let Some(md) = m.downcast::<crate::types::module::PyModule>()
        {
            return Ok(md.name_obj());
        }
        if f.bound.is_none() {
            return Ok(PyStr::intern("builtins"));
        }
    }
    Ok(none())
}

fn bf_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: taipan_bytecode::CompareOp) -> PyResult {
    use taipan_bytecode::CompareOp;
    let (Some(x), Some(y)) = (
        a.downcast::<PyBuiltinFunction>(),
        b.downcast::<PyBuiltinFunction>(),
    ) else {
        return Ok(crate::types::none::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::types::none::not_implemented());
    }
    let same = std::ptr::eq(x.def, y.def)
        && match (&x.bound, &y.bound) {
            (Some(p), Some(q)) => p.is(q),
            (None, None) => true,
            _ => false,
        };
    Ok(crate::types::bool_::py_bool(same == (op == CompareOp::Eq)))
}

fn bf_hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    let f = o
        .downcast::<PyBuiltinFunction>()
        .ok_or_else(|| type_error("expected builtin function"))?;
    let h1 = match &f.bound {
        Some(b) => crate::types::object::hash_pointer(b.bits()),
        None => 0,
    };
    let _ = vm;
    let h2 = crate::types::object::hash_pointer(f.def as *const MethodDef as usize);
    let h = h1 ^ h2;
    Ok(if h == -1 { -2 } else { h })
}

static NAME_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("__name__", bf_get_name),
    GetSetDef::new("__qualname__", bf_get_qualname),
    GetSetDef::new("__doc__", bf_get_doc),
    GetSetDef::new("__objclass__", bf_get_objclass),
];

/// `__reduce__` of the native descriptors and builtin functions: a module
/// function pickles by name (a global), anything bound or owned by a class
/// as `(getattr, (owner_or_self, name))`.  (CPython's classmethod and getset
/// descriptors have none: they are not picklable.)
fn descr_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("__reduce__ needs an argument"))?;
    a.shift()
        .no_args(&format!("{}.__reduce__", s.class().name()))?;
    let (obj, name): (PyRef, &str) = if let Some(f) = s.downcast::<PyBuiltinFunction>() {
        match &f.bound {
            Some(b) if b.downcast::<crate::types::module::PyModule>().is_none() => {
                (b.clone(), f.def.name)
            }
            _ => return Ok(PyStr::new_ref(f.def.name)),
        }
    } else if let Some(d) = s.downcast::<PyMethodDescr>() {
        (d.owner.clone(), d.def.name)
    } else if let Some(w) = s.downcast::<PySlotWrapper>() {
        (w.owner.clone(), w.name())
    } else if let Some(m) = s.downcast::<PyMethodWrapper>() {
        let w = m
            .wrapper
            .downcast::<PySlotWrapper>()
            .ok_or_else(|| type_error("expected wrapper_descriptor"))?;
        (m.bound.clone(), w.name())
    } else if let Some(d) = s.downcast::<PyMemberDescr>() {
        let getattr = crate::types::iterators::builtin(vm, "getattr")?;
        return Ok(crate::types::iterators::reduce_value(
            getattr,
            vec![d.owner.clone(), d.name.clone()],
            None,
        ));
    } else {
        return Err(type_error("expected a descriptor"));
    };
    let getattr = crate::types::iterators::builtin(vm, "getattr")?;
    Ok(crate::types::iterators::reduce_value(
        getattr,
        vec![obj, PyStr::new_ref(name)],
        None,
    ))
}

static REDUCE_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", descr_reduce)];

static BF_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("__name__", bf_get_name),
    GetSetDef::new("__qualname__", bf_get_qualname),
    GetSetDef::new("__self__", bf_get_self),
    GetSetDef::new("__doc__", bf_get_doc),
    GetSetDef::new("__module__", bf_get_module),
];

static MW_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("__name__", bf_get_name),
    GetSetDef::new("__self__", bf_get_self),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &MEMBER_DESCR_TYPE,
            TypeSpec {
                slots: S {
                    descr_get: Some(mem_get),
                    descr_set: Some(mem_set),
                    repr: Some(mem_repr),
                    ..S::EMPTY
                },
                getsets: NAME_GETSETS,
                methods: REDUCE_METHODS,
                ..TypeSpec::new("member_descriptor", Layout::of::<PyMemberDescr>())
            },
        ),
        (
            &METHOD_DESCR_TYPE,
            TypeSpec {
                slots: S {
                    call: Some(md_call),
                    descr_get: Some(md_get),
                    repr: Some(md_repr),
                    ..S::EMPTY
                },
                getsets: NAME_GETSETS,
                methods: REDUCE_METHODS,
                ..TypeSpec::new("method_descriptor", Layout::of::<PyMethodDescr>())
            },
        ),
        (
            &CLASSMETHOD_DESCR_TYPE,
            TypeSpec {
                slots: S {
                    call: Some(cmd_call),
                    descr_get: Some(cmd_get),
                    repr: Some(cmd_repr),
                    ..S::EMPTY
                },
                getsets: NAME_GETSETS,
                ..TypeSpec::new("classmethod_descriptor", Layout::of::<PyClassMethodDescr>())
            },
        ),
        (
            &GETSET_DESCR_TYPE,
            TypeSpec {
                slots: S {
                    descr_get: Some(gs_get),
                    descr_set: Some(gs_set),
                    repr: Some(gs_repr),
                    ..S::EMPTY
                },
                getsets: NAME_GETSETS,
                ..TypeSpec::new("getset_descriptor", Layout::of::<PyGetSetDescr>())
            },
        ),
        (
            &SLOT_WRAPPER_TYPE,
            TypeSpec {
                slots: S {
                    call: Some(sw_call),
                    descr_get: Some(sw_get),
                    repr: Some(sw_repr),
                    ..S::EMPTY
                },
                getsets: NAME_GETSETS,
                methods: REDUCE_METHODS,
                ..TypeSpec::new("wrapper_descriptor", Layout::of::<PySlotWrapper>())
            },
        ),
        (
            &METHOD_WRAPPER_TYPE,
            TypeSpec {
                slots: S {
                    call: Some(mw_call),
                    repr: Some(mw_repr),
                    ..S::EMPTY
                },
                getsets: MW_GETSETS,
                methods: REDUCE_METHODS,
                ..TypeSpec::new("method-wrapper", Layout::of::<PyMethodWrapper>())
            },
        ),
        (
            &BUILTIN_FUNCTION_TYPE,
            TypeSpec {
                slots: S {
                    call: Some(bf_call),
                    repr: Some(bf_repr),
                    richcompare: Some(bf_richcompare),
                    hash: Some(bf_hash),
                    ..S::EMPTY
                },
                getsets: BF_GETSETS,
                methods: REDUCE_METHODS,
                ..TypeSpec::new(
                    "builtin_function_or_method",
                    Layout::of::<PyBuiltinFunction>(),
                )
            },
        ),
    ]
}

#[allow(dead_code)]
fn _unused(_: &Slots) {}
