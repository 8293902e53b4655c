//! `type`: the metatype.  Instance creation (`type.__call__`), class
//! creation (`type.__new__` with metaclass resolution, `__set_name__`,
//! `__init_subclass__`), attribute access on classes, and the class
//! attributes (`__name__`, `__mro__`, `__dict__`, ...).

use crate::args::Args;
use crate::error::{PyResult, attribute_error, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags, new_heap_type};
use crate::object::{Layout, Obj, PyType, StaticType, TypeSpec, slots::Slots};
use crate::protocol::call::call;
use crate::protocol::object as proto;
use crate::types::dict::PyDict;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

pub static TYPE_TYPE: StaticType = StaticType::new();

fn as_type(o: &PyRef) -> PyResult<&Obj<PyType>> {
    o.as_type().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'type' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn type_repr(_: &Vm, o: &PyRef) -> PyResult {
    let t = as_type(o)?;
    Ok(PyStr::new_ref(&format!("<class '{}'>", t.repr_name())))
}

/// `type.__call__`: `cls(*args)` creates and initializes an instance.
fn type_call(vm: &Vm, cls: &PyRef, args: Args<'_>) -> PyResult {
    let t = as_type(cls)?;
    if std::ptr::eq(t, TYPE_TYPE.get()) && args.args.len() == 1 && !args.has_kwargs() {
        return Ok(args.args[0].class_ref());
    }
    let new = t
        .slots()
        .new
        .ok_or_else(|| type_error(format!("cannot create '{}' instances", t.repr_name())))?;
    let obj = new(vm, cls, args)?;
    if !obj.class().is_subtype(t) {
        return Ok(obj);
    }
    if std::ptr::eq(t, TYPE_TYPE.get()) && args.args.len() == 1 {
        return Ok(obj);
    }
    if let Some(init) = obj.class().slots().init {
        init(vm, &obj, args)?;
    }
    Ok(obj)
}

/// The most derived metaclass of `meta` and the bases' metaclasses.
pub fn calculate_metaclass(meta: &PyRef, bases: &[PyRef]) -> PyResult<PyRef> {
    let mut winner = meta.clone();
    for b in bases {
        let bt = b.class_ref();
        let (Some(w), Some(btt)) = (winner.as_type(), bt.as_type()) else {
            continue;
        };
        if w.is_subtype(btt) {
            continue;
        }
        if btt.is_subtype(w) {
            winner = bt.clone();
            continue;
        }
        return Err(type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// `type.__new__(meta, name, bases, ns, **kwargs)`.
fn type_new(vm: &Vm, meta: &PyRef, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    let mt = as_type(meta)?;
    if std::ptr::eq(mt, TYPE_TYPE.get()) && pos.len() == 1 && !args.has_kwargs() {
        return Ok(pos[0].class_ref());
    }
    if pos.len() != 3 {
        return Err(type_error("type() takes 1 or 3 arguments"));
    }
    let name = pos[0].downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            pos[0].class().name()
        ))
    })?;
    let bases_t = pos[1].downcast::<PyTuple>().ok_or_else(|| {
        type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            pos[1].class().name()
        ))
    })?;
    let ns = pos[2].downcast::<PyDict>().ok_or_else(|| {
        type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            pos[2].class().name()
        ))
    })?;
    let bases: Vec<PyRef> = bases_t.as_slice().to_vec();
    let winner = calculate_metaclass(meta, &bases)?;
    if !winner.is(meta)
        && let Some(wt) = winner.as_type()
    {
        let wnew = wt.slots().new.map(|f| f as usize);
        if wnew != Some(type_new as *const () as usize) {
            return call(vm, &winner, args);
        }
    }
    let wt = as_type(&winner)?;
    let mut items = ns.items();
    // Static/class method wrapping of special methods.
    for (k, v) in items.iter_mut() {
        let Some(ks) = k.downcast::<PyStr>() else {
            continue;
        };
        let is_fn = v.downcast::<crate::types::function::PyFunction>().is_some();
        match ks.as_str() {
            Some("__new__") if is_fn => *v = crate::types::function::new_staticmethod(v.clone()),
            Some("__init_subclass__") | Some("__class_getitem__") if is_fn => {
                *v = crate::types::function::new_classmethod(v.clone())
            }
            _ => {}
        }
    }
    if !items
        .iter()
        .any(|(k, _)| k.downcast::<PyStr>().and_then(|s| s.as_str()) == Some("__module__"))
        && let Some(m) = vm.current_globals().and_then(|g| {
            g.downcast::<PyDict>()
                .and_then(|d| d.get_rust_str("__name__"))
        })
    {
        items.push((PyStr::intern("__module__"), m));
    }
    let cell = items
        .iter()
        .position(|(k, _)| k.downcast::<PyStr>().and_then(|s| s.as_str()) == Some("__classcell__"))
        .map(|i| items.remove(i).1);
    if let Some((_, q)) = items
        .iter()
        .find(|(k, _)| k.downcast::<PyStr>().and_then(|s| s.as_str()) == Some("__qualname__"))
        && q.downcast::<PyStr>().is_none()
    {
        return Err(type_error(format!(
            "type __qualname__ must be a str, not {}",
            q.class().name()
        )));
    }
    let slot_base = if bases.is_empty() {
        crate::types::object::OBJECT_TYPE.to_ref()
    } else {
        crate::object::typeobj::best_base(&bases)?
    };
    let slots = crate::types::type_slots::prepare(
        vm,
        &items,
        &name.to_string_lossy(),
        as_type(&slot_base)?,
        &bases,
    )?;
    let tref = new_heap_type(wt, &name.to_string_lossy(), bases, &items)?;
    let t = as_type(&tref)?;
    crate::types::type_slots::apply(t, slots);
    // Every class has a `__doc__` entry (None without a docstring), added
    // after the slots so a `__doc__` slot is neither a conflict nor hidden.
    if t.dict.get_rust_str("__doc__").is_none() {
        t.dict.set_str(PyStr::intern("__doc__"), none());
        t.modified();
    }
    if let Some(cell) = cell {
        match cell.downcast::<crate::types::cell::PyCell>() {
            Some(c) => c.set(Some(tref.clone())),
            None => {
                return Err(type_error(format!(
                    "__classcell__ must be a nonlocal cell, not <class '{}'>",
                    cell.class().repr_name()
                )));
            }
        }
    }
    if !std::ptr::eq(wt, TYPE_TYPE.get()) {
        // The metaclass's `mro()` runs with `__mro__` still None.
        t.flags.set(t.flags.get() | flags::MRO_PENDING);
        let r = crate::types::type_mro::mro_internal(vm, t);
        t.flags.set(t.flags.get() & !flags::MRO_PENDING);
        r?;
    }
    // __set_name__ on the namespace values.
    for (k, v) in t.dict.items() {
        if let Some(f) = v.class().lookup_str("__set_name__") {
            crate::protocol::call::call_unbound(vm, &f, &v, &[tref.clone(), k.clone()])?;
        }
    }
    // super(cls, cls).__init_subclass__(**kwargs)
    let mro = t.mro_vec();
    let Some(pos) = mro.iter().position(|c| c.is(&tref)) else {
        return Err(type_error(
            "super(type, obj): obj must be an instance or subtype of type",
        ));
    };
    for b in &mro[pos + 1..] {
        if let Some(f) = b
            .as_type()
            .and_then(|bt| bt.dict.get_rust_str("__init_subclass__"))
        {
            let bound = crate::protocol::object::descr_get(vm, &f, Some(&tref), Some(&tref))?;
            call(vm, &bound, Args::new(args.kwvalues(), args.kwnames))?;
            break;
        }
    }
    Ok(tref)
}

/// Gives a heap type whose instances have attribute storage a `__dict__`
/// descriptor, unless a base already provides one.
pub(crate) fn add_dict_descriptor(t: &Obj<PyType>) {
    if t.layout.attrs_offset.is_none() || t.lookup_str("__dict__").is_some() {
        return;
    }
    add_own_dict_descriptor(t);
}

/// Puts the instance `__dict__` descriptor in `t`'s own dict.
pub(crate) fn add_own_dict_descriptor(t: &Obj<PyType>) {
    static DICT_GETSET: GetSetDef = GetSetDef::with_set("__dict__", inst_get_dict, inst_set_dict)
        .with_doc("dictionary for instance variables");
    let d = crate::types::descriptors::getset_descriptor(t, &DICT_GETSET);
    t.dict.set_str(PyStr::intern("__dict__"), d);
}

pub(crate) fn inst_get_dict(_: &Vm, o: &PyRef) -> PyResult {
    match o.attrs() {
        Some(a) => Ok(a.dict()),
        None => Err(attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            o.class().name()
        ))),
    }
}

fn inst_set_dict(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_error("cannot delete __dict__"))?;
    if v.downcast::<PyDict>().is_none() {
        return Err(type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            v.class().name()
        )));
    }
    match o.attrs() {
        Some(a) => {
            a.set_dict(v.clone());
            Ok(())
        }
        None => Err(attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            o.class().name()
        ))),
    }
}

/// `int | str` (`types.UnionType`).
fn type_or(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let ok = |x: &PyRef| {
        x.as_type().is_some()
            || is_none(x)
            || x.downcast::<crate::types::genericalias::PyGenericAlias>()
                .is_some()
    };
    if !ok(a) || !ok(b) {
        return Ok(crate::types::none::not_implemented());
    }
    crate::types::genericalias::new_union(vm, a, b)
}

fn type_init(_: &Vm, _: &PyRef, args: Args<'_>) -> PyResult<()> {
    let n = args.positional().len();
    if n != 1 && n != 3 {
        return Err(type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(())
}

/// `type.__getattribute__`: meta-attributes, then the class's MRO.
pub fn type_getattro(vm: &Vm, o: &PyRef, name: &PyRef) -> PyResult {
    let t = as_type(o)?;
    let meta = o.class();
    let meta_attr = meta.lookup(name);
    if let Some(ma) = &meta_attr {
        let mt = ma.class();
        if let (Some(get), true) = (mt.slots().descr_get, mt.slots().descr_set.is_some()) {
            return get(vm, ma, Some(o), Some(&meta.to_ref()));
        }
    }
    if let Some(a) = t.lookup(name) {
        if let Some(get) = a.class().slots().descr_get {
            return get(vm, &a, None, Some(o));
        }
        return Ok(a);
    }
    if let Some(ma) = meta_attr {
        if let Some(get) = ma.class().slots().descr_get {
            return get(vm, &ma, Some(o), Some(&meta.to_ref()));
        }
        return Ok(ma);
    }
    Err(attribute_error(format!(
        "type object '{}' has no attribute '{}'",
        t.name(),
        name.downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default()
    )))
}

fn type_setattro(vm: &Vm, o: &PyRef, name: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let t = as_type(o)?;
    let sname = name
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    if !t.is_heap() {
        return Err(type_error(format!(
            "cannot set '{sname}' attribute of immutable type '{}'",
            t.name()
        )));
    }
    // Data descriptors on the metatype (e.g. __name__, __doc__ setters).
    if let Some(ma) = o.class().lookup(name)
        && let Some(set) = ma.class().slots().descr_set
    {
        return set(vm, &ma, o, v);
    }
    let name = PyStr::intern_ref(name);
    match v {
        Some(v) => t.dict.set_str(name, v.clone()),
        None => {
            if t.dict.del_str(&name).is_none() {
                return Err(attribute_error(format!(
                    "type object '{}' has no attribute '{sname}'",
                    t.name()
                )));
            }
        }
    }
    t.attr_changed(&sname);
    Ok(())
}

fn get_name(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(&as_type(o)?.name()))
}
fn set_name(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let t = as_type(o)?;
    check_special_attr(t, v, "__name__")?;
    let s = v.and_then(|v| v.downcast::<PyStr>()).ok_or_else(|| {
        type_error(format!(
            "can only assign string to {}.__name__, not '{}'",
            t.name(),
            v.map(|v| v.class().name()).unwrap_or_default()
        ))
    })?;
    *t.name.borrow_mut() = s.to_string_lossy();
    Ok(())
}
fn get_qualname(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(&as_type(o)?.qualname.borrow()))
}
fn set_qualname(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let t = as_type(o)?;
    check_special_attr(t, v, "__qualname__")?;
    let s = v.and_then(|v| v.downcast::<PyStr>()).ok_or_else(|| {
        type_error(format!(
            "can only assign string to {}.__qualname__, not '{}'",
            t.name(),
            v.map(|v| v.class().name()).unwrap_or_default()
        ))
    })?;
    *t.qualname.borrow_mut() = s.to_string_lossy();
    Ok(())
}
/// CPython's `check_set_special_type_attr`: builtin (immutable) types
/// refuse, and no special type attribute can be deleted.
pub(crate) fn check_special_attr(t: &Obj<PyType>, v: Option<&PyRef>, attr: &str) -> PyResult<()> {
    if t.has_flag(flags::IMMUTABLETYPE) {
        return Err(type_error(format!(
            "cannot set '{attr}' attribute of immutable type '{}'",
            t.name()
        )));
    }
    if v.is_none() {
        return Err(type_error(format!(
            "cannot delete '{attr}' attribute of immutable type '{}'",
            t.name()
        )));
    }
    Ok(())
}
fn get_module(_: &Vm, o: &PyRef) -> PyResult {
    let t = as_type(o)?;
    match t.dict.get_rust_str("__module__") {
        Some(m) => Ok(m),
        None => Ok(PyStr::intern("builtins")),
    }
}
fn set_module(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let t = as_type(o)?;
    check_special_attr(t, v, "__module__")?;
    match v {
        Some(v) => t.dict.set_str(PyStr::intern("__module__"), v.clone()),
        None => {
            t.dict.del_str(&PyStr::intern("__module__"));
        }
    }
    t.modified();
    Ok(())
}
fn get_bases(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyTuple::new_ref(as_type(o)?.bases.borrow().clone()))
}
fn get_base(_: &Vm, o: &PyRef) -> PyResult {
    Ok(as_type(o)?.base.borrow().clone().unwrap_or_else(none))
}
/// `type.__flags__`: CPython's `Py_TPFLAGS_*` bits that hold for this
/// type (Taipan's private bits are left out; every type is ready, and
/// collectable instances have the GC bit).
fn get_flags(_: &Vm, o: &PyRef) -> PyResult {
    const READY: u32 = 1 << 12;
    const HAVE_GC: u32 = 1 << 14;
    let t = as_type(o)?;
    let own = t.flags.get() & !flags::PRIVATE;
    let gc = if t.layout.gc || t.is_heap() {
        HAVE_GC
    } else {
        0
    };
    Ok(crate::types::int::int_from_i64(i64::from(own | READY | gc)))
}
fn get_mro(_: &Vm, o: &PyRef) -> PyResult {
    let t = as_type(o)?;
    if t.has_flag(flags::MRO_PENDING) {
        return Ok(none());
    }
    Ok(PyTuple::new_ref(t.mro_vec()))
}
fn get_dict(_: &Vm, o: &PyRef) -> PyResult {
    as_type(o)?;
    Ok(crate::types::mappingproxy::new_type_proxy(o.clone()))
}
fn get_doc(vm: &Vm, o: &PyRef) -> PyResult {
    let t = as_type(o)?;
    match t.dict.get_rust_str("__doc__") {
        Some(d) => match d.class().slots().descr_get {
            Some(get) if !t.is_heap() || d.downcast::<PyStr>().is_none() => {
                get(vm, &d, None, Some(o))
            }
            _ => Ok(d),
        },
        None => Ok(none()),
    }
}
fn set_doc(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let t = as_type(o)?;
    check_special_attr(t, v, "__doc__")?;
    t.dict
        .set_str(PyStr::intern("__doc__"), v.cloned().unwrap_or_else(none));
    t.modified();
    Ok(())
}
fn get_abstractmethods(_: &Vm, o: &PyRef) -> PyResult {
    let t = as_type(o)?;
    if !std::ptr::eq(t, TYPE_TYPE.get())
        && let Some(v) = t.dict.get_rust_str("__abstractmethods__")
    {
        return Ok(v);
    }
    Err(attribute_error("__abstractmethods__"))
}
fn set_abstractmethods(vm: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let t = as_type(o)?;
    let abs = match v {
        Some(v) => {
            t.dict
                .set_str(PyStr::intern("__abstractmethods__"), v.clone());
            proto::is_true(vm, v)?
        }
        None => {
            if t.dict
                .del_str(&PyStr::intern("__abstractmethods__"))
                .is_none()
            {
                return Err(attribute_error("__abstractmethods__"));
            }
            false
        }
    };
    let f = t.flags.get();
    t.flags.set(if abs {
        f | flags::IS_ABSTRACT
    } else {
        f & !flags::IS_ABSTRACT
    });
    t.modified();
    Ok(())
}

fn type_mro(_: &Vm, a: Args<'_>) -> PyResult {
    let [t] = a.exact::<1>("mro")?;
    Ok(crate::types::list::PyList::new_ref(
        crate::types::type_mro::default_mro(as_type(t)?)?,
    ))
}

fn set_bases(vm: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    crate::types::type_mro::set_bases(vm, as_type(o)?, v)
}

fn type_subclasses(_: &Vm, a: Args<'_>) -> PyResult {
    let [t] = a.exact::<1>("__subclasses__")?;
    let subs: Vec<PyRef> = as_type(t)?
        .subclasses
        .borrow()
        .0
        .iter()
        // SAFETY: subclasses unregister themselves before being freed.
        .map(|&p| unsafe { &*(p as *const Obj<PyType>) }.to_ref())
        .collect();
    Ok(crate::types::list::PyList::new_ref(subs))
}

fn type_instancecheck(vm: &Vm, a: Args<'_>) -> PyResult {
    let [t, o] = a.exact::<2>("__instancecheck__")?;
    Ok(crate::types::bool_::py_bool(
        crate::protocol::object::recursive_isinstance(vm, o, t)?,
    ))
}

fn type_subclasscheck(vm: &Vm, a: Args<'_>) -> PyResult {
    let [t, o] = a.exact::<2>("__subclasscheck__")?;
    Ok(crate::types::bool_::py_bool(
        crate::protocol::object::recursive_issubclass(vm, o, t)?,
    ))
}

fn type_prepare(_: &Vm, _: Args<'_>) -> PyResult {
    Ok(PyDict::new_ref())
}

fn type_dir(vm: &Vm, a: Args<'_>) -> PyResult {
    let [t] = a.exact::<1>("__dir__")?;
    let tt = as_type(t)?;
    let mut names: Vec<PyRef> = Vec::new();
    for c in tt.mro_vec().iter().rev() {
        if let Some(ct) = c.as_type() {
            for (k, _) in ct.dict.items() {
                names.push(k);
            }
        }
    }
    let _ = vm;
    Ok(crate::types::list::PyList::new_ref(
        crate::protocol::object::dedup_sorted_names(names),
    ))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("mro", type_mro),
    MethodDef::method("__subclasses__", type_subclasses),
    MethodDef::method("__instancecheck__", type_instancecheck),
    MethodDef::method("__subclasscheck__", type_subclasscheck),
    MethodDef::classmethod("__prepare__", type_prepare),
    MethodDef::method("__dir__", type_dir),
];

static GETSETS: &[GetSetDef] = &[
    GetSetDef::with_set("__name__", get_name, set_name),
    GetSetDef::with_set("__qualname__", get_qualname, set_qualname),
    GetSetDef::with_set("__module__", get_module, set_module),
    GetSetDef::with_set("__bases__", get_bases, set_bases),
    GetSetDef::new("__base__", get_base),
    GetSetDef::new("__mro__", get_mro),
    GetSetDef::new("__flags__", get_flags),
    GetSetDef::new("__dict__", get_dict),
    GetSetDef::with_set("__doc__", get_doc, set_doc),
    GetSetDef::with_set(
        "__abstractmethods__",
        get_abstractmethods,
        set_abstractmethods,
    ),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &TYPE_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(type_repr),
                call: Some(type_call),
                getattro: Some(type_getattro),
                setattro: Some(type_setattro),
                init: Some(type_init),
                nb_or: Some(type_or),
                new: Some(type_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE | flags::TYPE_SUBCLASS,
            doc: Some(
                "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
            ),
            ..TypeSpec::new("type", Layout::of::<PyType>())
        },
    )]
}
