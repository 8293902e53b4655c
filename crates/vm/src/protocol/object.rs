//! Generic object protocols: attributes (`PyObject_GenericGetAttr`),
//! `repr`/`str`, hashing, truth, rich comparison, `isinstance`/`issubclass`,
//! items.

use std::cmp::Ordering;

use taipan_bytecode::CompareOp;

use crate::error::{PyErr, PyResult, attribute_error, type_error};
use crate::types::bool_::{as_bool, py_bool};
use crate::types::exceptions::ATTRIBUTE_ERROR;
use crate::types::none::{is_none, is_not_implemented};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

fn name_str(name: &PyRef) -> String {
    name.downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default()
}

/// `TypeError` unless `name` is a str.
pub fn check_attr_name(name: &PyRef) -> PyResult<()> {
    if name.downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "attribute name must be string, not '{}'",
            name.class().name()
        )));
    }
    Ok(())
}

#[cold]
fn no_attribute(obj: &PyRef, name: &PyRef) -> PyErr {
    let e = attribute_error(format!(
        "'{}' object has no attribute '{}'",
        obj.class().name(),
        name_str(name)
    ));
    crate::types::exceptions::set_attr_error_context(&e, obj, name);
    e
}

/// `object.__getattribute__`: data descriptors, instance attributes,
/// other descriptors / class attributes.
pub fn generic_getattr(vm: &Vm, obj: &PyRef, name: &PyRef) -> PyResult {
    let ty = obj.class();
    let descr = ty.lookup(name);
    let mut get = None;
    if let Some(d) = &descr {
        let dt = d.class();
        get = dt.slots().descr_get;
        if let (Some(g), true) = (get, dt.slots().descr_set.is_some()) {
            return g(vm, d, Some(obj), Some(&ty.to_ref()));
        }
    }
    if let Some(attrs) = obj.dict_attrs()
        && let Some(v) = attrs.get(name)
    {
        return Ok(v);
    }
    if let Some(d) = descr {
        if let Some(g) = get {
            return g(vm, &d, Some(obj), Some(&ty.to_ref()));
        }
        return Ok(d);
    }
    Err(no_attribute(obj, name))
}

/// `object.__setattr__` / `__delattr__`.
pub fn generic_setattr(vm: &Vm, obj: &PyRef, name: &PyRef, value: Option<&PyRef>) -> PyResult<()> {
    let ty = obj.class();
    if let Some(d) = ty.lookup(name)
        && let Some(set) = d.class().slots().descr_set
    {
        return set(vm, &d, obj, value);
    }
    match obj.dict_attrs() {
        Some(attrs) => {
            let name = PyStr::intern_ref(name);
            match value {
                Some(v) => {
                    attrs.set(&name, v.clone());
                    Ok(())
                }
                None => {
                    if attrs.delete(&name) {
                        Ok(())
                    } else {
                        Err(no_attribute(obj, &name))
                    }
                }
            }
        }
        None => {
            if ty.lookup(name).is_some() {
                Err(attribute_error(format!(
                    "'{}' object attribute '{}' is read-only",
                    ty.name(),
                    name_str(name)
                )))
            } else {
                Err(attribute_error(format!(
                    "'{}' object has no attribute '{}'",
                    ty.name(),
                    name_str(name)
                )))
            }
        }
    }
}

/// `getattr(obj, name)`.
#[inline]
pub fn get_attr(vm: &Vm, obj: &PyRef, name: &PyRef) -> PyResult {
    let r = match obj.class().slots().getattro {
        Some(f) => f(vm, obj, name),
        None => generic_getattr(vm, obj, name),
    };
    if let Err(e) = &r {
        attr_error_context(e, obj, name);
    }
    r
}

/// CPython's `set_attribute_error_context`: an AttributeError leaving an
/// attribute lookup (even one raised by a user `__getattr__`) records the
/// object and name, unless it already has them, for "Did you mean".
#[cold]
fn attr_error_context(e: &PyErr, obj: &PyRef, name: &PyRef) {
    if !e.matches(&ATTRIBUTE_ERROR) {
        return;
    }
    let v = e.value();
    let get = |n: &str| crate::types::exceptions::exc_attr(v, n);
    if is_none(&get("name")) && is_none(&get("obj")) {
        crate::types::exceptions::set_attr_error_context(e, obj, name);
    }
}

/// `getattr(obj, "name")`.
pub fn get_attr_str(vm: &Vm, obj: &PyRef, name: &str) -> PyResult {
    get_attr(vm, obj, &PyStr::intern(name))
}

/// `getattr(obj, name, None)` distinguishing "missing" (`Ok(None)`).
pub fn lookup_attr(vm: &Vm, obj: &PyRef, name: &str) -> PyResult<Option<PyRef>> {
    match get_attr_str(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `setattr(obj, name, value)`.
pub fn set_attr(vm: &Vm, obj: &PyRef, name: &PyRef, value: &PyRef) -> PyResult<()> {
    match obj.class().slots().setattro {
        Some(f) => f(vm, obj, name, Some(value)),
        None => Err(type_error(format!(
            "'{}' object has no attributes (assign to .{})",
            obj.class().name(),
            name_str(name)
        ))),
    }
}

/// `delattr(obj, name)`.
pub fn del_attr(vm: &Vm, obj: &PyRef, name: &PyRef) -> PyResult<()> {
    match obj.class().slots().setattro {
        Some(f) => f(vm, obj, name, None),
        None => Err(type_error(format!(
            "'{}' object has no attributes (del .{})",
            obj.class().name(),
            name_str(name)
        ))),
    }
}

/// Calls a descriptor's `__get__` if it has one.
pub fn descr_get(vm: &Vm, d: &PyRef, obj: Option<&PyRef>, ty: Option<&PyRef>) -> PyResult {
    match d.class().slots().descr_get {
        Some(g) => g(vm, d, obj, ty),
        None => Ok(d.clone()),
    }
}

/// `repr(o)` as a str object.
pub fn repr(vm: &Vm, o: &PyRef) -> PyResult {
    let _g = vm.enter_native_call_for(" while getting the repr of an object")?;
    match o.class().slots().repr {
        Some(f) => f(vm, o),
        None => Ok(PyStr::new_ref(&crate::types::object::default_repr(o))),
    }
}

/// `repr(o)` as a Rust string.
pub fn repr_string(vm: &Vm, o: &PyRef) -> PyResult<String> {
    let r = repr(vm, o)?;
    Ok(r.downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default())
}

/// `str(o)` as a str object.
pub fn str(vm: &Vm, o: &PyRef) -> PyResult {
    if o.is_exact::<PyStr>() {
        return Ok(o.clone());
    }
    let _g = vm.enter_native_call_for(" while getting the str of an object")?;
    match o.class().slots().str {
        Some(f) => f(vm, o),
        None => repr(vm, o),
    }
}

/// `str(o)` as a Rust string.
pub fn str_string(vm: &Vm, o: &PyRef) -> PyResult<String> {
    let r = str(vm, o)?;
    Ok(r.downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default())
}

/// `hash(o)`.
#[inline]
pub fn hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    if let Some(s) = o.downcast::<PyStr>() {
        return Ok(s.hash());
    }
    if let Some(v) = o.as_small() {
        return Ok(crate::runtime::hash::hash_i64(v));
    }
    match o.class().slots().hash {
        Some(f) => f(vm, o),
        None => Err(type_error(format!(
            "unhashable type: '{}'",
            o.class().name()
        ))),
    }
}

/// The hash slot of unhashable types (`__hash__ = None`).
pub fn hash_not_implemented(_: &Vm, o: &PyRef) -> PyResult<i64> {
    Err(type_error(format!(
        "unhashable type: '{}'",
        o.class().name()
    )))
}

/// Truth value (`bool(o)`).
#[inline]
pub fn is_true(vm: &Vm, o: &PyRef) -> PyResult<bool> {
    if let Some(b) = as_bool(o) {
        return Ok(b);
    }
    if is_none(o) {
        return Ok(false);
    }
    if let Some(v) = o.as_small() {
        return Ok(v != 0);
    }
    let t = o.class();
    if let Some(f) = t.slots().nb_bool {
        return f(vm, o);
    }
    if let Some(f) = t.slots().mp_len {
        return Ok(f(vm, o)? > 0);
    }
    Ok(true)
}

/// True if `ord` satisfies comparison `op`.
#[inline]
pub fn ordering_matches(ord: Ordering, op: CompareOp) -> bool {
    match op {
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
    }
}

fn swapped(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        CompareOp::Eq => CompareOp::Eq,
        CompareOp::Ne => CompareOp::Ne,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
    }
}

/// `a <op> b` (CPython's `do_richcompare`: reflected first for proper
/// subclasses, identity fallback for `==`/`!=`, TypeError otherwise).
pub fn rich_compare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Ok(py_bool(ordering_matches(x.cmp(&y), op)));
    }
    let _g = vm.enter_native_call_for(" in comparison")?;
    let ta = a.class();
    let tb = b.class();
    let mut checked_reverse = false;
    if !std::ptr::eq(ta, tb)
        && tb.is_subtype(ta)
        && let Some(f) = tb.slots().richcompare
    {
        checked_reverse = true;
        let r = f(vm, b, a, swapped(op))?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if let Some(f) = ta.slots().richcompare {
        let r = f(vm, a, b, op)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if !checked_reverse && let Some(f) = tb.slots().richcompare {
        let r = f(vm, b, a, swapped(op))?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    match op {
        CompareOp::Eq => Ok(py_bool(a.is(b))),
        CompareOp::Ne => Ok(py_bool(!a.is(b))),
        _ => Err(type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            ta.name(),
            tb.name()
        ))),
    }
}

/// `bool(a <op> b)`.
pub fn rich_compare_bool(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult<bool> {
    let r = rich_compare(vm, a, b, op)?;
    is_true(vm, &r)
}

/// `a == b` with the identity shortcut containers use.
#[inline]
pub fn eq(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    rich_compare_bool(vm, a, b, CompareOp::Eq)
}

/// `a < b`.
pub fn lt(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<bool> {
    rich_compare_bool(vm, a, b, CompareOp::Lt)
}

/// `isinstance(o, cls)` honouring `__instancecheck__`.
pub fn isinstance(vm: &Vm, o: &PyRef, cls: &PyRef) -> PyResult<bool> {
    if let Some(t) = cls.as_type() {
        // The exact type first: a custom MRO may leave the class out.
        if std::ptr::eq(o.class(), t) || o.class().is_subtype(t) {
            return Ok(true);
        }
        if (cls.class().is_heap()
            || !std::ptr::eq(cls.class(), crate::types::type_::TYPE_TYPE.get()))
            && let Some(r) = crate::protocol::call::call_special(
                vm,
                cls,
                "__instancecheck__",
                std::slice::from_ref(o),
            )?
        {
            return is_true(vm, &r);
        }
        return recursive_isinstance(vm, o, cls);
    }
    if let Some(t) = cls.downcast::<PyTuple>() {
        let items = t.as_slice().to_vec();
        for c in &items {
            let _g = vm.enter_native_call()?;
            if isinstance(vm, o, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(r) =
        crate::protocol::call::call_special(vm, cls, "__instancecheck__", std::slice::from_ref(o))?
    {
        return is_true(vm, &r);
    }
    if crate::types::genericalias::is_union(cls) {
        return crate::types::genericalias::union_instancecheck(vm, o, cls);
    }
    if cls
        .downcast::<crate::types::genericalias::PyGenericAlias>()
        .is_some()
    {
        return Err(type_error(
            "isinstance() argument 2 cannot be a parameterized generic",
        ));
    }
    Err(type_error(
        "isinstance() arg 2 must be a type, a tuple of types, or a union",
    ))
}

/// `isinstance` without `__instancecheck__` (uses `__class__` too).
pub fn recursive_isinstance(vm: &Vm, o: &PyRef, cls: &PyRef) -> PyResult<bool> {
    if let Some(t) = cls.as_type() {
        if o.class().is_subtype(t) {
            return Ok(true);
        }
        if let Some(c) = lookup_attr(vm, o, "__class__")?
            && !c.is(&o.class_ref())
            && let Some(ct) = c.as_type()
        {
            return Ok(ct.is_subtype(t));
        }
        return Ok(false);
    }
    recursive_issubclass_abstract(vm, &o.class_ref(), cls)
}

/// `issubclass(c, cls)` honouring `__subclasscheck__`.
pub fn issubclass(vm: &Vm, c: &PyRef, cls: &PyRef) -> PyResult<bool> {
    if let Some(t) = cls.downcast::<PyTuple>() {
        let items = t.as_slice().to_vec();
        for x in &items {
            let _g = vm.enter_native_call()?;
            if issubclass(vm, c, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if crate::types::genericalias::is_union(cls)
        && let Some(g) = cls.downcast::<crate::types::genericalias::PyGenericAlias>()
    {
        let items = g.args.clone();
        return issubclass(vm, c, &items);
    }
    if cls
        .downcast::<crate::types::genericalias::PyGenericAlias>()
        .is_some()
    {
        return Err(type_error(
            "issubclass() argument 2 cannot be a parameterized generic",
        ));
    }
    if let (Some(ct), Some(t)) = (c.as_type(), cls.as_type())
        && std::ptr::eq(cls.class(), crate::types::type_::TYPE_TYPE.get())
    {
        return Ok(ct.is_subtype(t));
    }
    if let Some(r) =
        crate::protocol::call::call_special(vm, cls, "__subclasscheck__", std::slice::from_ref(c))?
    {
        return is_true(vm, &r);
    }
    recursive_issubclass(vm, c, cls)
}

/// `issubclass` without `__subclasscheck__`.
pub fn recursive_issubclass(vm: &Vm, c: &PyRef, cls: &PyRef) -> PyResult<bool> {
    if let (Some(ct), Some(t)) = (c.as_type(), cls.as_type()) {
        return Ok(ct.is_subtype(t));
    }
    if c.as_type().is_none() && lookup_attr(vm, c, "__bases__")?.is_none() {
        return Err(type_error("issubclass() arg 1 must be a class"));
    }
    if cls.as_type().is_none() && lookup_attr(vm, cls, "__bases__")?.is_none() {
        return Err(type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        ));
    }
    recursive_issubclass_abstract(vm, c, cls)
}

fn recursive_issubclass_abstract(vm: &Vm, c: &PyRef, cls: &PyRef) -> PyResult<bool> {
    let mut stack = vec![c.clone()];
    let mut steps = 0;
    while let Some(x) = stack.pop() {
        if x.is(cls) {
            return Ok(true);
        }
        steps += 1;
        if steps > 100_000 {
            return Err(crate::error::recursion_error(
                "maximum recursion depth exceeded in __subclasscheck__",
            ));
        }
        if let Some(b) = lookup_attr(vm, &x, "__bases__")?
            && let Some(t) = b.downcast::<PyTuple>()
        {
            stack.extend(t.as_slice().iter().cloned());
        }
    }
    Ok(false)
}

/// `o[k]`.
pub fn get_item(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    if let Some(f) = o.class().slots().mp_getitem {
        return f(vm, o, k);
    }
    if let Some(t) = o.as_type() {
        // `type[int]` is a generic alias although `type` has no
        // `__class_getitem__` (that would make every class subscriptable
        // through its metaclass).
        if std::ptr::eq(t, crate::types::type_::TYPE_TYPE.get()) {
            return crate::types::genericalias::new_generic_alias(o.clone(), k.clone());
        }
        if let Some(cg) = t.lookup_str("__class_getitem__") {
            let f = descr_get(vm, &cg, None, Some(o))?;
            return crate::protocol::call::call_pos(vm, &f, std::slice::from_ref(k));
        }
        return Err(type_error(format!(
            "type '{}' is not subscriptable",
            t.name()
        )));
    }
    Err(type_error(format!(
        "'{}' object is not subscriptable",
        o.class().name()
    )))
}

/// `o[k] = v`.
pub fn set_item(vm: &Vm, o: &PyRef, k: &PyRef, v: &PyRef) -> PyResult<()> {
    match o.class().slots().mp_setitem {
        Some(f) => f(vm, o, k, Some(v)),
        None => Err(type_error(format!(
            "'{}' object does not support item assignment",
            o.class().name()
        ))),
    }
}

/// `del o[k]`.
pub fn del_item(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<()> {
    match o.class().slots().mp_setitem {
        Some(f) => f(vm, o, k, None),
        None => Err(type_error(format!(
            "'{}' object does not support item deletion",
            o.class().name()
        ))),
    }
}

/// `len(o)`.
pub fn len(vm: &Vm, o: &PyRef) -> PyResult<usize> {
    match o.class().slots().mp_len {
        Some(f) => f(vm, o),
        None => Err(type_error(format!(
            "object of type '{}' has no len()",
            o.class().name()
        ))),
    }
}

/// `k in o`.
pub fn contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    if let Some(f) = o.class().slots().sq_contains {
        return f(vm, o, k);
    }
    let it = crate::protocol::iter::get_iter(vm, o).map_err(|e| {
        if e.matches(&crate::types::exceptions::TYPE_ERROR) {
            type_error(format!(
                "argument of type '{}' is not iterable",
                o.class().name()
            ))
        } else {
            e
        }
    })?;
    while let Some(x) = crate::protocol::iter::next(vm, &it)? {
        if eq(vm, &x, k)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Sorted, de-duplicated str names (for `dir()`).
pub fn dedup_sorted_names(mut names: Vec<PyRef>) -> Vec<PyRef> {
    names.retain(|n| n.downcast::<PyStr>().is_some());
    names.sort_by(|a, b| {
        let (x, y) = (a.downcast::<PyStr>(), b.downcast::<PyStr>());
        match (x, y) {
            (Some(x), Some(y)) => x.as_bytes().cmp(y.as_bytes()),
            _ => Ordering::Equal,
        }
    });
    names.dedup_by(|a, b| {
        a.downcast::<PyStr>().map(|s| s.as_bytes()) == b.downcast::<PyStr>().map(|s| s.as_bytes())
    });
    names
}

/// `object.__dir__`: instance attributes plus the class attributes.
pub fn dir_names(vm: &Vm, o: &PyRef) -> PyResult<Vec<PyRef>> {
    let mut names: Vec<PyRef> = Vec::new();
    if let Some(a) = o.dict_attrs() {
        names.extend(a.items().into_iter().map(|(k, _)| k));
    }
    let cls = match lookup_attr(vm, o, "__class__")? {
        Some(c) => c,
        None => o.class_ref(),
    };
    if let Some(t) = cls.as_type() {
        for c in t.mro_vec() {
            if let Some(ct) = c.as_type() {
                names.extend(ct.dict.keys());
            }
        }
    }
    Ok(dedup_sorted_names(names))
}
