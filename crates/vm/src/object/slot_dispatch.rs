//! Slot dispatchers: the slot functions a Python class gets when it (or a
//! Python base) defines the corresponding dunder.  Each calls the dunder
//! found on the type and checks its result the way CPython's `slot_*`
//! functions do.

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error};
use crate::protocol::call::{call_special, call_special_args, lookup_special};
use crate::types::exceptions::{ATTRIBUTE_ERROR, STOP_ITERATION};
use crate::types::int::PyInt;
use crate::types::none::{is_none, none, not_implemented};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

fn tn(o: &PyRef) -> String {
    o.class().name()
}

/// Calls `obj.<name>(*rest)`; a missing method gives `AttributeError`.
fn must(vm: &Vm, obj: &PyRef, name: &str, rest: &[PyRef]) -> PyResult {
    match call_special(vm, obj, name, rest)? {
        Some(r) => Ok(r),
        None => Err(crate::error::attribute_error(name.to_string())),
    }
}

pub fn repr(vm: &Vm, o: &PyRef) -> PyResult {
    let r = must(vm, o, "__repr__", &[])?;
    if r.downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "__repr__ returned non-string (type {})",
            tn(&r)
        )));
    }
    Ok(r)
}

pub fn str(vm: &Vm, o: &PyRef) -> PyResult {
    let r = must(vm, o, "__str__", &[])?;
    if r.downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "__str__ returned non-string (type {})",
            tn(&r)
        )));
    }
    Ok(r)
}

pub fn hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    match lookup_special(o, "__hash__") {
        Some(f) if !is_none(&f) => {
            let r = crate::protocol::call::call_unbound(vm, &f, o, &[])?;
            match r
                .downcast::<PyInt>()
                .map(|_| ())
                .or(r.as_small().map(|_| ()))
            {
                // A value that fits a hash is kept as it is (so returning
                // `hash(y)` hashes like `y`); only larger ints are hashed.
                Some(()) => match crate::types::int::to_i64(&r) {
                    Some(-1) => Ok(-2),
                    Some(h) => Ok(h),
                    None => crate::types::int::hash_int(&r),
                },
                None => Err(type_error("__hash__ method should return an integer")),
            }
        }
        _ => Err(type_error(format!("unhashable type: '{}'", tn(o)))),
    }
}

pub fn call(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult {
    match call_special_args(vm, o, "__call__", args)? {
        Some(r) => Ok(r),
        None => Err(type_error(format!("'{}' object is not callable", tn(o)))),
    }
}

pub fn getattro(vm: &Vm, o: &PyRef, name: &PyRef) -> PyResult {
    let ga = lookup_special(o, "__getattribute__");
    let first = match &ga {
        Some(f) if !is_native_generic_getattr(f) => {
            crate::protocol::call::call_unbound(vm, f, o, std::slice::from_ref(name))
        }
        _ => crate::protocol::object::generic_getattr(vm, o, name),
    };
    match first {
        Err(e) if e.matches(&ATTRIBUTE_ERROR) => match lookup_special(o, "__getattr__") {
            Some(f) => crate::protocol::call::call_unbound(vm, &f, o, std::slice::from_ref(name)),
            None => Err(e),
        },
        r => r,
    }
}

fn is_native_generic_getattr(f: &PyRef) -> bool {
    f.downcast::<crate::types::descriptors::PySlotWrapper>()
        .is_some_and(|w| w.owner.is(&crate::types::object::OBJECT_TYPE.to_ref()))
}

pub fn setattro(vm: &Vm, o: &PyRef, name: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    match v {
        Some(v) => must(vm, o, "__setattr__", &[name.clone(), v.clone()]).map(drop),
        None => must(vm, o, "__delattr__", std::slice::from_ref(name)).map(drop),
    }
}

pub fn richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let name = match op {
        CompareOp::Lt => "__lt__",
        CompareOp::Le => "__le__",
        CompareOp::Eq => "__eq__",
        CompareOp::Ne => "__ne__",
        CompareOp::Gt => "__gt__",
        CompareOp::Ge => "__ge__",
    };
    Ok(call_special(vm, a, name, std::slice::from_ref(b))?.unwrap_or_else(not_implemented))
}

pub fn iter(vm: &Vm, o: &PyRef) -> PyResult {
    match lookup_special(o, "__iter__") {
        Some(f) if !is_none(&f) => {
            let r = crate::protocol::call::call_unbound(vm, &f, o, &[])?;
            if r.class().slots().iternext.is_none() {
                return Err(type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    tn(&r)
                )));
            }
            Ok(r)
        }
        _ => Err(type_error(format!("'{}' object is not iterable", tn(o)))),
    }
}

pub fn iternext(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    match must(vm, o, "__next__", &[]) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.value().class().is_subtype(STOP_ITERATION.get()) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn descr_get(vm: &Vm, d: &PyRef, obj: Option<&PyRef>, ty: Option<&PyRef>) -> PyResult {
    let obj = obj.cloned().unwrap_or_else(none);
    let ty = ty.cloned().unwrap_or_else(none);
    must(vm, d, "__get__", &[obj, ty])
}

pub fn descr_set(vm: &Vm, d: &PyRef, obj: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    match v {
        Some(v) => must(vm, d, "__set__", &[obj.clone(), v.clone()]).map(drop),
        None => must(vm, d, "__delete__", std::slice::from_ref(obj)).map(drop),
    }
}

pub fn init(vm: &Vm, o: &PyRef, args: Args<'_>) -> PyResult<()> {
    let r = call_special_args(vm, o, "__init__", args)?.unwrap_or_else(none);
    if !is_none(&r) {
        return Err(type_error(format!(
            "__init__() should return None, not '{}'",
            tn(&r)
        )));
    }
    Ok(())
}

pub fn new(vm: &Vm, cls: &PyRef, args: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("__new__ of non-type"))?;
    let f = t
        .lookup_str("__new__")
        .ok_or_else(|| type_error("no __new__"))?;
    // __new__ is a static method: call with cls prepended.
    let f = match f.downcast::<crate::types::function::PyStaticMethod>() {
        Some(sm) => sm.callable.clone(),
        None => f,
    };
    let mut v = Vec::with_capacity(args.args.len() + 1);
    v.push(cls.clone());
    v.extend(args.args.iter().cloned());
    crate::protocol::call::call(vm, &f, Args::new(&v, args.kwnames))
}

pub fn del(vm: &Vm, o: &PyRef) -> PyResult<()> {
    must(vm, o, "__del__", &[]).map(drop)
}

pub fn nb_bool(vm: &Vm, o: &PyRef) -> PyResult<bool> {
    let r = must(vm, o, "__bool__", &[])?;
    match crate::types::bool_::as_bool(&r) {
        Some(b) => Ok(b),
        None => Err(type_error(format!(
            "__bool__ should return bool, returned {}",
            tn(&r)
        ))),
    }
}

fn int_result(vm: &Vm, o: &PyRef, name: &str) -> PyResult {
    let r = must(vm, o, name, &[])?;
    if !crate::types::int::is_int(&r) {
        return Err(type_error(format!(
            "{name} returned non-int (type {})",
            tn(&r)
        )));
    }
    Ok(r)
}

pub fn nb_index(vm: &Vm, o: &PyRef) -> PyResult {
    int_result(vm, o, "__index__")
}
pub fn nb_int(vm: &Vm, o: &PyRef) -> PyResult {
    int_result(vm, o, "__int__")
}
pub fn nb_float(vm: &Vm, o: &PyRef) -> PyResult {
    let r = must(vm, o, "__float__", &[])?;
    if r.downcast::<crate::types::float::PyFloat>().is_none() {
        return Err(type_error(format!(
            "{}.__float__ returned non-float (type {})",
            tn(o),
            tn(&r)
        )));
    }
    Ok(r)
}

macro_rules! unary {
    ($($f:ident => $n:literal),*) => {
        $( pub fn $f(vm: &Vm, o: &PyRef) -> PyResult { must(vm, o, $n, &[]) } )*
    };
}
unary!(nb_neg => "__neg__", nb_pos => "__pos__", nb_invert => "__invert__", nb_abs => "__abs__");

/// CPython's `SLOT1BINFULL`: tries `a.__op__(b)` and `b.__rop__(a)` in the
/// right order (the right operand first when its type is a proper subclass
/// that overrides the reflected method).
fn binary(
    vm: &Vm,
    a: &PyRef,
    b: &PyRef,
    this: usize,
    get: fn(&crate::object::slots::Slots) -> Option<usize>,
    op: &str,
    rop: &str,
) -> PyResult {
    let ta = a.class();
    let tb = b.class();
    let same = std::ptr::eq(ta, tb);
    let mut do_other = !same && get(tb.slots()) == Some(this);
    if get(ta.slots()) == Some(this) {
        if do_other && tb.is_subtype(ta) && tb.lookup_str(rop).is_some() {
            if let Some(r) = call_special(vm, b, rop, std::slice::from_ref(a))?
                && !r.is(&not_implemented())
            {
                return Ok(r);
            }
            do_other = false;
        }
        let r = call_special(vm, a, op, std::slice::from_ref(b))?.unwrap_or_else(not_implemented);
        if !r.is(&not_implemented()) || same {
            return Ok(r);
        }
    }
    if do_other {
        return Ok(
            call_special(vm, b, rop, std::slice::from_ref(a))?.unwrap_or_else(not_implemented)
        );
    }
    Ok(not_implemented())
}

macro_rules! binops {
    ($($f:ident : $field:ident => $op:literal, $rop:literal;)*) => {
        $(
            pub fn $f(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
                binary(vm, a, b, $f as *const () as usize, |s| s.$field.map(|f| f as usize), $op, $rop)
            }
        )*
    };
}
binops! {
    nb_add: nb_add => "__add__", "__radd__";
    nb_sub: nb_sub => "__sub__", "__rsub__";
    nb_mul: nb_mul => "__mul__", "__rmul__";
    nb_matmul: nb_matmul => "__matmul__", "__rmatmul__";
    nb_truediv: nb_truediv => "__truediv__", "__rtruediv__";
    nb_floordiv: nb_floordiv => "__floordiv__", "__rfloordiv__";
    nb_mod: nb_mod => "__mod__", "__rmod__";
    nb_divmod: nb_divmod => "__divmod__", "__rdivmod__";
    nb_lshift: nb_lshift => "__lshift__", "__rlshift__";
    nb_rshift: nb_rshift => "__rshift__", "__rrshift__";
    nb_and: nb_and => "__and__", "__rand__";
    nb_or: nb_or => "__or__", "__ror__";
    nb_xor: nb_xor => "__xor__", "__rxor__";
}

pub fn nb_pow(vm: &Vm, a: &PyRef, b: &PyRef, m: &PyRef) -> PyResult {
    if is_none(m) {
        let ta = a.class();
        let tb = b.class();
        let same = std::ptr::eq(ta, tb);
        if ta.lookup_str("__pow__").is_some() {
            let r = call_special(vm, a, "__pow__", std::slice::from_ref(b))?
                .unwrap_or_else(not_implemented);
            if !r.is(&not_implemented()) || same {
                return Ok(r);
            }
        }
        if !same {
            return Ok(call_special(vm, b, "__rpow__", std::slice::from_ref(a))?
                .unwrap_or_else(not_implemented));
        }
        return Ok(not_implemented());
    }
    Ok(call_special(vm, a, "__pow__", &[b.clone(), m.clone()])?.unwrap_or_else(not_implemented))
}

macro_rules! inplace {
    ($($f:ident => $n:literal),*) => {
        $( pub fn $f(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
            Ok(call_special(vm, a, $n, std::slice::from_ref(b))?.unwrap_or_else(not_implemented))
        } )*
    };
}
inplace!(nb_iadd => "__iadd__", nb_isub => "__isub__", nb_imul => "__imul__", nb_imatmul => "__imatmul__",
    nb_itruediv => "__itruediv__", nb_ifloordiv => "__ifloordiv__", nb_imod => "__imod__", nb_ipow => "__ipow__",
    nb_ilshift => "__ilshift__", nb_irshift => "__irshift__", nb_iand => "__iand__", nb_ior => "__ior__",
    nb_ixor => "__ixor__");

pub fn mp_len(vm: &Vm, o: &PyRef) -> PyResult<usize> {
    let r = must(vm, o, "__len__", &[])?;
    let i = crate::protocol::number::index(vm, &r).map_err(|_| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            tn(&r)
        ))
    })?;
    match crate::types::int::to_i64(&i) {
        Some(n) if n < 0 => Err(crate::error::value_error("__len__() should return >= 0")),
        Some(n) => Ok(n as usize),
        None if crate::types::int::is_negative(&i) => {
            Err(crate::error::value_error("__len__() should return >= 0"))
        }
        None => Err(crate::error::overflow_error(
            "cannot fit 'int' into an index-sized integer",
        )),
    }
}

pub fn mp_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    must(vm, o, "__getitem__", std::slice::from_ref(k))
}

pub fn mp_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    match v {
        Some(v) => must(vm, o, "__setitem__", &[k.clone(), v.clone()]).map(drop),
        None => must(vm, o, "__delitem__", std::slice::from_ref(k)).map(drop),
    }
}

pub fn sq_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    let r = must(vm, o, "__contains__", std::slice::from_ref(k))?;
    crate::protocol::object::is_true(vm, &r)
}

#[allow(dead_code)]
fn _unused(_: PyErr) {}
