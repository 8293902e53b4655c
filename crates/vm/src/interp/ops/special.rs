//! Specialized instruction forms and the functions that install them (see
//! `interp/specialize.rs` for the design).  Per family: `specialize_*`
//! inspects the live operands when a warm generic instruction's counter
//! runs out and rewrites it (or records a named failure); each specialized
//! handler checks its guards, does the operation on a hit, and on a miss
//! reports it and runs the generic handler, so results, exceptions and
//! tracebacks are always those of the generic form.
//!
//! Cache words per form (`Cache { aux, w0, w1, w2 }`):
//! - `LOAD_ATTR_INSTANCE`, `STORE_ATTR_INSTANCE`: w0 type address, aux type
//!   version, w1 map identity, w2 slot index.
//! - `STORE_ATTR_INSTANCE_ADD`: w0/aux as above, w1 map before, w2 map after.
//! - `LOAD_ATTR_CLASS`, `LOAD_METHOD_CACHED`: w0/aux as above, w1 map
//!   identity of the instance (proves the name is not shadowed), w2 the
//!   borrowed attribute (kept alive by the type's dict; the version proves
//!   the dict is unchanged).
//! - `LOAD_ATTR_MODULE`, `LOAD_METHOD_MODULE`, `LOAD_GLOBAL_MODULE`: w1 the
//!   dict's keys version, aux the entry index.
//! - `LOAD_GLOBAL_BUILTIN`: w1 globals keys version (the name is still
//!   absent), w2 builtins keys version, aux the entry index in builtins.
//! - `CALL_BUILTIN_*`, `CALL_LIST_APPEND`: w0 the address of the function's
//!   static `MethodDef`.
//! - `CALL_PY_CLASS`: w0 the class's address, aux its version, w2 the
//!   borrowed `__init__` function (the version proves the class still
//!   holds it and that `__new__`/`__init__` slots are unchanged).

use crate::object::instance::InstanceAttrs;
use taipan_bytecode::{BinaryOp, CompareOp, Opcode};

use super::{calls, control, names, stack};
use crate::error::PyResult;
use crate::interp::specialize::{Cache, Fail, stats};
use crate::interp::{Flow, Frame};
use crate::object::instance::MAP_ID_DICT;
use crate::protocol::{call as pcall, object as proto};
use crate::types::bool_::py_bool;
use crate::types::descriptors::{PyBuiltinFunction, PyMemberDescr, PyMethodDescr};
use crate::types::dict::PyDict;
use crate::types::float::PyFloat;
use crate::types::function::PyFunction;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::module::PyModule;
use crate::types::range::PyRangeIter;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::{ObjHeader, PyRef};
use crate::vm::Vm;

/// `map_id` of an object without instance attribute storage.
const MAP_ID_NONE: usize = 1;

#[inline(always)]
fn type_addr(o: &PyRef) -> usize {
    o.class() as *const _ as usize
}

/// The hidden-class identity of `o`'s attributes (see `MAP_ID_*`).
#[inline(always)]
fn map_id_of(o: &PyRef) -> usize {
    match o.dict_attrs() {
        None => MAP_ID_NONE,
        Some(a) => a.map_id(),
    }
}

/// A new reference from borrowed reference bits (a small int or a live
/// heap object).
///
/// # Safety
/// `bits` must be the bits of a reference whose object is alive.
#[inline(always)]
unsafe fn from_borrowed_bits(bits: u64) -> PyRef {
    if bits & 1 == 1 {
        PyRef::small_int((bits as i64) >> 1).unwrap_or_else(crate::types::none::none)
    } else {
        // SAFETY: forwarded to the caller.
        unsafe { PyRef::from_borrowed_ptr(bits as usize as *const ObjHeader) }
    }
}

fn generic_getattro() -> Option<usize> {
    crate::types::object::OBJECT_TYPE
        .get()
        .slots()
        .getattro
        .map(|g| g as usize)
}

fn generic_setattro() -> Option<usize> {
    crate::types::object::OBJECT_TYPE
        .get()
        .slots()
        .setattro
        .map(|g| g as usize)
}

/// Replaces the top of the stack.
#[inline(always)]
fn set_top(f: &mut Frame, v: PyRef) {
    if let Some(t) = f.stack.last_mut() {
        *t = Some(v);
    }
}

#[inline(always)]
fn top(f: &Frame) -> Option<&PyRef> {
    f.stack.last().and_then(|x| x.as_ref())
}

#[inline(always)]
fn second(f: &Frame) -> Option<&PyRef> {
    let n = f.stack.len();
    if n < 2 {
        return None;
    }
    f.stack[n - 2].as_ref()
}

#[inline(always)]
fn cache(f: &Frame) -> Cache {
    f.quick().cache(f.lasti).unwrap_or_default()
}

#[cold]
#[inline(never)]
fn miss(f: &Frame, op: Opcode) {
    f.quick().miss(f.lasti, op);
}

fn install(f: &Frame, op: Opcode, c: Cache) {
    f.quick().specialize(f.lasti, op, c);
}

fn fail(f: &Frame, family: Opcode, why: Fail) {
    f.quick().fail(f.lasti, family, why);
}

// ------------------------------------------------------------ attributes

#[cold]
pub fn specialize_load_attr(f: &Frame, arg: u32) {
    let fam = Opcode::LOAD_ATTR;
    let (Some(o), Some(n)) = (top(f), f.pycode().names.get(arg as usize)) else {
        return;
    };
    if o.is_exact::<PyModule>() {
        return specialize_module_attr(f, o, n, Opcode::LOAD_ATTR_MODULE, fam);
    }
    let t = o.class();
    if t.slots().getattro.map(|g| g as usize) != generic_getattro() {
        return fail(f, fam, Fail::CustomGetattr);
    }
    let d = t.lookup(n);
    if let Some(d) = &d
        && d.class().slots().descr_set.is_some()
    {
        // A `__slots__` member reads the instance storage under its name:
        // the same guarded slot load as an instance attribute.
        if let Some((m, i)) = member_slot(o, d, n) {
            let c = Cache {
                w0: type_addr(o),
                aux: t.version(),
                w1: m as u64,
                w2: i as u64,
                ..Cache::default()
            };
            return install(f, Opcode::LOAD_ATTR_INSTANCE, c);
        }
        return fail(f, fam, Fail::DataDescriptor);
    }
    let mut map = MAP_ID_NONE;
    if let Some(attrs) = o.dict_attrs() {
        if let Some((m, i)) = attrs.slot_of(n) {
            let c = Cache {
                w0: type_addr(o),
                aux: t.version(),
                w1: m as u64,
                w2: i as u64,
                ..Cache::default()
            };
            return install(f, Opcode::LOAD_ATTR_INSTANCE, c);
        }
        map = attrs.map_id();
        if map == MAP_ID_DICT {
            return fail(f, fam, Fail::DictStorage);
        }
    }
    match d {
        None => fail(f, fam, Fail::NotFound),
        Some(d) if d.class().slots().descr_get.is_some() => fail(f, fam, Fail::Descriptor),
        Some(d) => {
            let c = Cache {
                w0: type_addr(o),
                aux: t.version(),
                w1: map as u64,
                w2: d.bits() as u64,
                ..Cache::default()
            };
            install(f, Opcode::LOAD_ATTR_CLASS, c)
        }
    }
}

fn specialize_module_attr(f: &Frame, o: &PyRef, n: &PyRef, op: Opcode, fam: Opcode) {
    let Some(m) = o.downcast::<PyModule>() else {
        return fail(f, fam, Fail::OtherType);
    };
    if let Some(d) = o.class().lookup(n)
        && d.class().slots().descr_set.is_some()
    {
        return fail(f, fam, Fail::DataDescriptor);
    }
    let Some(d) = m.dict.downcast::<PyDict>() else {
        return fail(f, fam, Fail::GlobalsNotDict);
    };
    match d.str_entry_version(n) {
        Some((ix, ver)) if ix <= u32::MAX as usize => {
            let c = Cache {
                aux: ix as u32,
                w1: ver,
                ..Cache::default()
            };
            install(f, op, c)
        }
        _ => fail(f, fam, Fail::ModuleGetattr),
    }
}

/// The value of a cached module attribute, if the guards hold.
#[inline(always)]
fn module_attr(o: &PyRef, c: &Cache) -> Option<PyRef> {
    if !o.is_exact::<PyModule>() {
        return None;
    }
    // SAFETY: exact module type checked above.
    let m = unsafe { o.payload_unchecked::<PyModule>() };
    m.dict.downcast::<PyDict>()?.value_at(c.w1, c.aux as usize)
}

#[inline]
pub fn load_attr_instance(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some(o) = top(f)
        && type_addr(o) == c.w0
        && o.class().version() == c.aux
        && let Some(attrs) = o.attrs()
        && let Some(v) = attrs.get_cached(c.w1 as usize, c.w2 as usize)
    {
        stats::hit(Opcode::LOAD_ATTR_INSTANCE);
        set_top(f, v);
        return Ok(Flow::Next);
    }
    miss(f, Opcode::LOAD_ATTR_INSTANCE);
    names::load_attr_generic(vm, f, arg)
}

#[inline]
pub fn load_attr_class(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some(o) = top(f)
        && type_addr(o) == c.w0
        && o.class().version() == c.aux
        && map_id_of(o) == c.w1 as usize
    {
        stats::hit(Opcode::LOAD_ATTR_CLASS);
        // SAFETY: the type version proves its dict still holds the value.
        let v = unsafe { from_borrowed_bits(c.w2) };
        set_top(f, v);
        return Ok(Flow::Next);
    }
    miss(f, Opcode::LOAD_ATTR_CLASS);
    names::load_attr_generic(vm, f, arg)
}

pub fn load_attr_module(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some(o) = top(f)
        && let Some(v) = module_attr(o, &c)
    {
        stats::hit(Opcode::LOAD_ATTR_MODULE);
        set_top(f, v);
        return Ok(Flow::Next);
    }
    miss(f, Opcode::LOAD_ATTR_MODULE);
    names::load_attr_generic(vm, f, arg)
}

/// True when `d` (found on `o`'s type under `n`) is a `__slots__` member
/// descriptor for `n` that applies to `o`: reading or writing it is a load
/// or store of `o`'s attribute storage under that same name (see
/// `descriptors::mem_get`/`mem_set`), so the instance forms, guarded by
/// `o`'s type and version, compute exactly what the descriptor would.
fn is_own_member(o: &PyRef, d: &PyRef, n: &PyRef) -> bool {
    let Some(m) = d.downcast::<PyMemberDescr>() else {
        return false;
    };
    if !d.is_exact::<PyMemberDescr>() || o.attrs().is_none() {
        return false;
    }
    let same_name = m.name.is(n)
        || matches!((m.name.downcast::<PyStr>(), n.downcast::<PyStr>()),
            (Some(a), Some(b)) if a.as_wtf8() == b.as_wtf8());
    same_name
        && m.owner
            .as_type()
            .is_some_and(|owner| o.class().is_subtype(owner))
}

/// The (map, slot) of a set `__slots__` member `n` of `o` (see
/// [`is_own_member`]).
fn member_slot(o: &PyRef, d: &PyRef, n: &PyRef) -> Option<(usize, usize)> {
    if !is_own_member(o, d, n) {
        return None;
    }
    o.attrs()?.slot_of(n)
}

#[cold]
pub fn specialize_store_attr(f: &Frame, arg: u32) {
    let fam = Opcode::STORE_ATTR;
    let (Some(o), Some(n)) = (top(f), f.pycode().names.get(arg as usize)) else {
        return;
    };
    let t = o.class();
    if t.slots().setattro.map(|g| g as usize) != generic_setattro() {
        return fail(f, fam, Fail::CustomGetattr);
    }
    let mut member = false;
    if let Some(d) = t.lookup(n)
        && d.class().slots().descr_set.is_some()
    {
        if !is_own_member(o, &d, n) {
            return fail(f, fam, Fail::DataDescriptor);
        }
        member = true;
    }
    // A `__slots__` member writes the instance storage under its name (even
    // without a `__dict__`), as an instance attribute store does.
    let storage = if member { o.attrs() } else { o.dict_attrs() };
    let Some(attrs) = storage else {
        return fail(f, fam, Fail::NoSlots);
    };
    let mut c = Cache {
        w0: type_addr(o),
        aux: t.version(),
        ..Cache::default()
    };
    if let Some((m, i)) = attrs.slot_of(n) {
        c.w1 = m as u64;
        c.w2 = i as u64;
        return install(f, Opcode::STORE_ATTR_INSTANCE, c);
    }
    if attrs.map_id() == MAP_ID_DICT {
        return fail(f, fam, Fail::DictStorage);
    }
    match attrs.transition_for(n) {
        Some((from, to)) => {
            c.w1 = from as u64;
            c.w2 = to as u64;
            install(f, Opcode::STORE_ATTR_INSTANCE_ADD, c)
        }
        None => fail(f, fam, Fail::TooManyAttrs),
    }
}

#[inline]
pub fn store_attr_instance(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    store_attr_cached(
        vm,
        f,
        arg,
        Opcode::STORE_ATTR_INSTANCE,
        InstanceAttrs::set_cached,
    )
}

pub fn store_attr_instance_add(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    store_attr_cached(
        vm,
        f,
        arg,
        Opcode::STORE_ATTR_INSTANCE_ADD,
        InstanceAttrs::add_cached,
    )
}

/// The two instance stores share their guards (type and version from the
/// cache); they differ only in how the slot is written: into an existing
/// slot of the cached map, or by moving the object to the cached successor map.
#[inline(always)]
fn store_attr_cached(
    vm: &Vm,
    f: &mut Frame,
    arg: u32,
    op: Opcode,
    write: fn(&InstanceAttrs, usize, usize, PyRef) -> Result<(), PyRef>,
) -> PyResult<Flow> {
    let c = cache(f);
    let len = f.stack.len();
    if len >= 2
        && let Some(o) = &f.stack[len - 1]
        && type_addr(o) == c.w0
        && o.class().version() == c.aux
        && let Some(attrs) = o.attrs()
        && let Some(Some(v)) = f.stack.get(len - 2)
    {
        let v = v.clone();
        if write(attrs, c.w1 as usize, c.w2 as usize, v).is_ok() {
            stats::hit(op);
            f.stack.truncate(len - 2);
            return Ok(Flow::Next);
        }
    }
    miss(f, op);
    names::store_attr_generic(vm, f, arg)
}

#[cold]
pub fn specialize_load_method(f: &Frame, arg: u32) {
    let fam = Opcode::LOAD_METHOD;
    let (Some(o), Some(n)) = (top(f), f.pycode().names.get(arg as usize)) else {
        return;
    };
    if o.is_exact::<PyModule>() {
        return specialize_module_attr(f, o, n, Opcode::LOAD_METHOD_MODULE, fam);
    }
    let t = o.class();
    if t.slots().getattro.map(|g| g as usize) != generic_getattro() {
        return fail(f, fam, Fail::CustomGetattr);
    }
    let Some(d) = t.lookup(n) else {
        return fail(f, fam, Fail::NotFound);
    };
    if !pcall::is_method_like(&d) {
        return fail(f, fam, Fail::NotMethod);
    }
    let map = map_id_of(o);
    if map == MAP_ID_DICT {
        return fail(f, fam, Fail::DictStorage);
    }
    if o.dict_attrs().and_then(|a| a.slot_of(n)).is_some() {
        return fail(f, fam, Fail::Shadowed);
    }
    let c = Cache {
        w0: type_addr(o),
        aux: t.version(),
        w1: map as u64,
        w2: d.bits() as u64,
        ..Cache::default()
    };
    install(f, Opcode::LOAD_METHOD_CACHED, c)
}

#[inline]
pub fn load_method_cached(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some(o) = top(f)
        && type_addr(o) == c.w0
        && o.class().version() == c.aux
        && map_id_of(o) == c.w1 as usize
    {
        stats::hit(Opcode::LOAD_METHOD_CACHED);
        // SAFETY: the type version proves its dict still holds the method.
        let m = unsafe { from_borrowed_bits(c.w2) };
        let o = f.stack.pop().flatten();
        f.stack.push(Some(m));
        f.stack.push(o);
        return Ok(Flow::Next);
    }
    miss(f, Opcode::LOAD_METHOD_CACHED);
    names::load_method_generic(vm, f, arg)
}

pub fn load_method_module(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some(o) = top(f)
        && let Some(v) = module_attr(o, &c)
    {
        stats::hit(Opcode::LOAD_METHOD_MODULE);
        set_top(f, v);
        let n = f.stack.len();
        f.stack.insert(n - 1, None);
        return Ok(Flow::Next);
    }
    miss(f, Opcode::LOAD_METHOD_MODULE);
    names::load_method_generic(vm, f, arg)
}

// ------------------------------------------------------------ globals

#[cold]
pub fn specialize_load_global(f: &Frame, arg: u32) {
    let fam = Opcode::LOAD_GLOBAL;
    let Some(n) = f.pycode().names.get((arg >> 1) as usize) else {
        return;
    };
    let (Some(g), Some(b)) = (
        f.globals.downcast::<PyDict>(),
        f.builtins.downcast::<PyDict>(),
    ) else {
        return fail(f, fam, Fail::GlobalsNotDict);
    };
    if !f.builtins.is_exact::<PyDict>() {
        return fail(f, fam, Fail::GlobalsNotDict);
    }
    if let Some((ix, ver)) = g.str_entry_version(n) {
        if ix > u32::MAX as usize {
            return fail(f, fam, Fail::OutOfRange);
        }
        let c = Cache {
            aux: ix as u32,
            w1: ver,
            ..Cache::default()
        };
        return install(f, Opcode::LOAD_GLOBAL_MODULE, c);
    }
    match b.str_entry_version(n) {
        Some((ix, ver)) if ix <= u32::MAX as usize => {
            let c = Cache {
                aux: ix as u32,
                w1: g.keys_version(),
                w2: ver,
                ..Cache::default()
            };
            install(f, Opcode::LOAD_GLOBAL_BUILTIN, c)
        }
        _ => fail(f, fam, Fail::GlobalMissing),
    }
}

#[inline(always)]
fn push_global(f: &mut Frame, arg: u32, v: PyRef) -> PyResult<Flow> {
    if arg & 1 != 0 {
        f.stack.push(None);
    }
    f.stack.push(Some(v));
    Ok(Flow::Next)
}

#[inline]
pub fn load_global_module(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some(g) = f.globals.downcast::<PyDict>()
        && let Some(v) = g.value_at(c.w1, c.aux as usize)
    {
        stats::hit(Opcode::LOAD_GLOBAL_MODULE);
        return push_global(f, arg, v);
    }
    miss(f, Opcode::LOAD_GLOBAL_MODULE);
    names::load_global_generic(vm, f, arg)
}

#[inline]
pub fn load_global_builtin(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some(g) = f.globals.downcast::<PyDict>()
        && g.keys_version() == c.w1
        && let Some(b) = f.builtins.downcast::<PyDict>()
        && let Some(v) = b.value_at(c.w2, c.aux as usize)
    {
        stats::hit(Opcode::LOAD_GLOBAL_BUILTIN);
        return push_global(f, arg, v);
    }
    miss(f, Opcode::LOAD_GLOBAL_BUILTIN);
    names::load_global_generic(vm, f, arg)
}

// ------------------------------------------------------------ arithmetic

#[cold]
pub fn specialize_binary_op(f: &Frame, arg: u32) {
    let fam = Opcode::BINARY_OP;
    let (Some(b), Some(a)) = (top(f), second(f)) else {
        return;
    };
    let Some(op) = BinaryOp::from_u32(arg) else {
        return;
    };
    use BinaryOp as B;
    if a.is_small() && b.is_small() {
        let form = match op.base() {
            B::Add => Opcode::BINARY_OP_ADD_INT,
            B::Subtract => Opcode::BINARY_OP_SUBTRACT_INT,
            B::Multiply => Opcode::BINARY_OP_MULTIPLY_INT,
            B::And | B::Or | B::Xor => Opcode::BINARY_OP_BITWISE_INT,
            _ => return fail(f, fam, Fail::UnhandledOp),
        };
        return install(f, form, Cache::default());
    }
    let af = a.is_exact::<PyFloat>();
    let bf = b.is_exact::<PyFloat>();
    // Two floats, or a float and a small int (either side).
    if (af || bf) && (af || a.is_small()) && (bf || b.is_small()) {
        return match op.base() {
            B::Add | B::Subtract | B::Multiply | B::TrueDivide => {
                install(f, Opcode::BINARY_OP_FLOAT, Cache::default())
            }
            _ => fail(f, fam, Fail::UnhandledOp),
        };
    }
    fail(f, fam, Fail::OtherType)
}

/// The two small-int operands of a binary instruction, if both are.
#[inline(always)]
fn small_pair(f: &Frame) -> Option<(i64, i64)> {
    let n = f.stack.len();
    if n < 2 {
        return None;
    }
    let b = f.stack[n - 1].as_ref()?.as_small()?;
    let a = f.stack[n - 2].as_ref()?.as_small()?;
    Some((a, b))
}

/// Pops both operands and pushes `r`.
#[inline(always)]
fn finish_binary(f: &mut Frame, r: PyRef) -> PyResult<Flow> {
    f.stack.pop();
    set_top(f, r);
    Ok(Flow::Next)
}

#[inline]
pub fn binary_op_add_int(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some((a, b)) = small_pair(f) {
        stats::hit(Opcode::BINARY_OP_ADD_INT);
        // Both fit in 63 bits, so the sum fits in i64; int_from_i64
        // promotes results outside the small range.
        return finish_binary(f, int_from_i64(a + b));
    }
    miss(f, Opcode::BINARY_OP_ADD_INT);
    stack::binary_op_generic(vm, f, arg)
}

#[inline]
pub fn binary_op_subtract_int(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some((a, b)) = small_pair(f) {
        stats::hit(Opcode::BINARY_OP_SUBTRACT_INT);
        return finish_binary(f, int_from_i64(a - b));
    }
    miss(f, Opcode::BINARY_OP_SUBTRACT_INT);
    stack::binary_op_generic(vm, f, arg)
}

#[inline]
pub fn binary_op_multiply_int(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some((a, b)) = small_pair(f)
        && let Some(r) = a.checked_mul(b)
    {
        stats::hit(Opcode::BINARY_OP_MULTIPLY_INT);
        return finish_binary(f, int_from_i64(r));
    }
    miss(f, Opcode::BINARY_OP_MULTIPLY_INT);
    stack::binary_op_generic(vm, f, arg)
}

#[inline]
pub fn binary_op_bitwise_int(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some((a, b)) = small_pair(f) {
        let r = match BinaryOp::from_u32(arg).map(|o| o.base()) {
            Some(BinaryOp::And) => a & b,
            Some(BinaryOp::Or) => a | b,
            _ => a ^ b,
        };
        stats::hit(Opcode::BINARY_OP_BITWISE_INT);
        return finish_binary(f, int_from_i64(r));
    }
    miss(f, Opcode::BINARY_OP_BITWISE_INT);
    stack::binary_op_generic(vm, f, arg)
}

/// The operands of a float instruction as `f64`s: both exact floats, or an
/// exact float and a small int (converted as `float(int)` would: small ints
/// have at most 62 bits, and `as f64` rounds half to even like CPython).
#[inline(always)]
fn float_pair(f: &Frame) -> Option<(f64, f64)> {
    let (b, a) = (top(f)?, second(f)?);
    let af = a.is_exact::<PyFloat>();
    let bf = b.is_exact::<PyFloat>();
    // SAFETY (both arms): exact float type checked.
    let x = if af {
        unsafe { a.payload_unchecked::<PyFloat>().value }
    } else {
        a.as_small()? as f64
    };
    let y = if bf {
        unsafe { b.payload_unchecked::<PyFloat>().value }
    } else {
        b.as_small()? as f64
    };
    (af || bf).then_some((x, y))
}

/// Both operands are exact floats (comparisons: mixed int/float compare
/// exactly, not through a conversion).
#[inline(always)]
fn exact_float_pair(f: &Frame) -> Option<(f64, f64)> {
    let (b, a) = (top(f)?, second(f)?);
    if a.is_exact::<PyFloat>() && b.is_exact::<PyFloat>() {
        // SAFETY: exact float type checked above.
        unsafe {
            Some((
                a.payload_unchecked::<PyFloat>().value,
                b.payload_unchecked::<PyFloat>().value,
            ))
        }
    } else {
        None
    }
}

#[inline]
pub fn binary_op_float(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some((a, b)) = float_pair(f) {
        let r = match BinaryOp::from_u32(arg).map(|o| o.base()) {
            Some(BinaryOp::Add) => Some(a + b),
            Some(BinaryOp::Subtract) => Some(a - b),
            Some(BinaryOp::Multiply) => Some(a * b),
            // Division by zero raises: leave it to the generic path.
            Some(BinaryOp::TrueDivide) if b != 0.0 => Some(a / b),
            _ => None,
        };
        if let Some(r) = r {
            stats::hit(Opcode::BINARY_OP_FLOAT);
            return finish_binary(f, crate::types::float::float_ref(r));
        }
    }
    miss(f, Opcode::BINARY_OP_FLOAT);
    stack::binary_op_generic(vm, f, arg)
}

#[cold]
pub fn specialize_compare_op(f: &Frame, arg: u32) {
    let fam = Opcode::COMPARE_OP;
    let (Some(b), Some(a)) = (top(f), second(f)) else {
        return;
    };
    if a.is_small() && b.is_small() {
        return install(f, Opcode::COMPARE_OP_INT, Cache::default());
    }
    let af = a.is_exact::<PyFloat>();
    let bf = b.is_exact::<PyFloat>();
    if af && bf {
        return install(f, Opcode::COMPARE_OP_FLOAT, Cache::default());
    }
    if a.is_exact::<PyStr>() && b.is_exact::<PyStr>() {
        return match CompareOp::from_u32(arg) {
            Some(CompareOp::Eq | CompareOp::Ne) => {
                install(f, Opcode::COMPARE_OP_STR, Cache::default())
            }
            _ => fail(f, fam, Fail::UnhandledOp),
        };
    }
    if (af || a.is_small()) && (bf || b.is_small()) {
        return fail(f, fam, Fail::MixedTypes);
    }
    fail(f, fam, Fail::OtherType)
}

#[inline(always)]
fn compare<T: PartialOrd>(a: T, b: T, arg: u32) -> bool {
    match arg {
        0 => a < b,
        1 => a <= b,
        2 => a == b,
        3 => a != b,
        4 => a > b,
        _ => a >= b,
    }
}

/// Finishes a specialized comparison with result `r`: when the next
/// instruction is `POP_JUMP_IF_FALSE/TRUE` (no `EXTENDED_ARG`), the jump is
/// taken here without materializing the bool (it cannot raise, so the
/// traceback position is unaffected).
#[inline(always)]
fn finish_compare(f: &mut Frame, r: bool) -> PyResult<Flow> {
    if let Some(next) = f.instr_at(f.pc) {
        let op = next.op_byte();
        if op == Opcode::POP_JUMP_IF_FALSE as u8 || op == Opcode::POP_JUMP_IF_TRUE as u8 {
            let n = f.stack.len();
            f.stack.truncate(n.saturating_sub(2));
            if r == (op == Opcode::POP_JUMP_IF_TRUE as u8) {
                f.pc = next.arg() as usize;
            } else {
                f.pc += 1;
            }
            return Ok(Flow::Next);
        }
    }
    finish_binary(f, py_bool(r))
}

#[inline]
pub fn compare_op_int(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some((a, b)) = small_pair(f) {
        stats::hit(Opcode::COMPARE_OP_INT);
        return finish_compare(f, compare(a, b, arg));
    }
    miss(f, Opcode::COMPARE_OP_INT);
    stack::compare_op_generic(vm, f, arg)
}

#[inline]
pub fn compare_op_float(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some((a, b)) = exact_float_pair(f) {
        stats::hit(Opcode::COMPARE_OP_FLOAT);
        return finish_compare(f, compare(a, b, arg));
    }
    miss(f, Opcode::COMPARE_OP_FLOAT);
    stack::compare_op_generic(vm, f, arg)
}

pub fn compare_op_str(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let (Some(b), Some(a)) = (top(f), second(f))
        && a.is_exact::<PyStr>()
        && b.is_exact::<PyStr>()
    {
        // SAFETY: exact str type checked above.
        let eq = a.is(b)
            || unsafe {
                a.payload_unchecked::<PyStr>().as_bytes()
                    == b.payload_unchecked::<PyStr>().as_bytes()
            };
        stats::hit(Opcode::COMPARE_OP_STR);
        return finish_compare(f, eq == (arg == CompareOp::Eq as u32));
    }
    miss(f, Opcode::COMPARE_OP_STR);
    stack::compare_op_generic(vm, f, arg)
}

// ------------------------------------------------------------ subscripts

#[cold]
pub fn specialize_binary_subscr(f: &Frame) {
    let fam = Opcode::BINARY_SUBSCR;
    let (Some(k), Some(o)) = (top(f), second(f)) else {
        return;
    };
    if o.is_exact::<PyList>() || o.is_exact::<PyTuple>() {
        if !k.is_small() {
            return fail(f, fam, Fail::NotSmallInt);
        }
        let form = if o.is_exact::<PyList>() {
            Opcode::BINARY_SUBSCR_LIST_INT
        } else {
            Opcode::BINARY_SUBSCR_TUPLE_INT
        };
        return install(f, form, Cache::default());
    }
    if o.is_exact::<PyDict>() {
        return install(f, Opcode::BINARY_SUBSCR_DICT, Cache::default());
    }
    fail(f, fam, Fail::OtherType)
}

#[inline(always)]
fn norm_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    if i >= 0 && (i as usize) < len {
        Some(i as usize)
    } else {
        None
    }
}

#[inline]
pub fn binary_subscr_list_int(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let (Some(k), Some(o)) = (top(f), second(f))
        && let Some(i) = k.as_small()
        && o.is_exact::<PyList>()
    {
        // SAFETY: exact list type checked above.
        let l = unsafe { o.payload_unchecked::<PyList>() };
        let v = {
            let items = l.items.borrow();
            norm_index(i, items.len()).map(|i| items[i].clone())
        };
        if let Some(v) = v {
            stats::hit(Opcode::BINARY_SUBSCR_LIST_INT);
            return finish_binary(f, v);
        }
    }
    miss(f, Opcode::BINARY_SUBSCR_LIST_INT);
    stack::binary_subscr(vm, f, arg)
}

pub fn binary_subscr_tuple_int(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let (Some(k), Some(o)) = (top(f), second(f))
        && let Some(i) = k.as_small()
        && o.is_exact::<PyTuple>()
    {
        // SAFETY: exact tuple type checked above.
        let t = unsafe { o.payload_unchecked::<PyTuple>() };
        let items = t.as_slice();
        if let Some(i) = norm_index(i, items.len()) {
            let v = items[i].clone();
            stats::hit(Opcode::BINARY_SUBSCR_TUPLE_INT);
            return finish_binary(f, v);
        }
    }
    miss(f, Opcode::BINARY_SUBSCR_TUPLE_INT);
    stack::binary_subscr(vm, f, arg)
}

pub fn binary_subscr_dict(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let (Some(k), Some(o)) = (top(f), second(f))
        && o.is_exact::<PyDict>()
    {
        let (k, o) = (k.clone(), o.clone());
        // SAFETY: exact dict type checked above.
        let d = unsafe { o.payload_unchecked::<PyDict>() };
        stats::hit(Opcode::BINARY_SUBSCR_DICT);
        return match d.get_item(vm, &k)? {
            Some(v) => finish_binary(f, v),
            None => Err(crate::error::key_error(k)),
        };
    }
    miss(f, Opcode::BINARY_SUBSCR_DICT);
    stack::binary_subscr(vm, f, arg)
}

#[cold]
pub fn specialize_store_subscr(f: &Frame) {
    let fam = Opcode::STORE_SUBSCR;
    let (Some(k), Some(o)) = (top(f), second(f)) else {
        return;
    };
    if o.is_exact::<PyList>() {
        if !k.is_small() {
            return fail(f, fam, Fail::NotSmallInt);
        }
        return install(f, Opcode::STORE_SUBSCR_LIST_INT, Cache::default());
    }
    if o.is_exact::<PyDict>() {
        return install(f, Opcode::STORE_SUBSCR_DICT, Cache::default());
    }
    fail(f, fam, Fail::OtherType)
}

pub fn store_subscr_list_int(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = f.stack.len();
    if n >= 3
        && let (Some(k), Some(o), Some(v)) = (top(f), second(f), f.stack[n - 3].as_ref())
        && let Some(i) = k.as_small()
        && o.is_exact::<PyList>()
    {
        // SAFETY: exact list type checked above.
        let l = unsafe { o.payload_unchecked::<PyList>() };
        let old = {
            let mut items = l.items.borrow_mut();
            let len = items.len();
            norm_index(i, len).map(|i| std::mem::replace(&mut items[i], v.clone()))
        };
        if let Some(old) = old {
            stats::hit(Opcode::STORE_SUBSCR_LIST_INT);
            f.stack.truncate(n - 3);
            drop(old);
            return Ok(Flow::Next);
        }
    }
    miss(f, Opcode::STORE_SUBSCR_LIST_INT);
    stack::store_subscr(vm, f, arg)
}

pub fn store_subscr_dict(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let n = f.stack.len();
    if n >= 3
        && let (Some(k), Some(o), Some(v)) = (top(f), second(f), f.stack[n - 3].as_ref())
        && o.is_exact::<PyDict>()
    {
        let (k, o, v) = (k.clone(), o.clone(), v.clone());
        f.stack.truncate(n - 3);
        stats::hit(Opcode::STORE_SUBSCR_DICT);
        // SAFETY: exact dict type checked above.
        let d = unsafe { o.payload_unchecked::<PyDict>() };
        d.set_item(vm, k, v)?;
        return Ok(Flow::Next);
    }
    miss(f, Opcode::STORE_SUBSCR_DICT);
    stack::store_subscr(vm, f, arg)
}

// ------------------------------------------------------------ iteration

#[cold]
pub fn specialize_for_iter(f: &Frame) {
    let Some(it) = top(f) else { return };
    if it.is_exact::<PyRangeIter>() {
        return install(f, Opcode::FOR_ITER_RANGE, Cache::default());
    }
    if is_list_or_tuple_iter(it) {
        return install(f, Opcode::FOR_ITER_SEQ, Cache::default());
    }
    fail(f, Opcode::FOR_ITER, Fail::OtherType)
}

#[inline(always)]
fn is_list_or_tuple_iter(it: &PyRef) -> bool {
    use crate::types::iterators::{LIST_ITER_TYPE, TUPLE_ITER_TYPE};
    let t = it.class();
    std::ptr::eq(t, LIST_ITER_TYPE.get()) || std::ptr::eq(t, TUPLE_ITER_TYPE.get())
}

#[inline]
pub fn for_iter_seq(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some(it) = top(f)
        && is_list_or_tuple_iter(it)
        && let Some(it) = it.downcast::<crate::types::iterators::PySeqIter>()
    {
        stats::hit(Opcode::FOR_ITER_SEQ);
        match it.next_in_seq() {
            Some(v) => f.stack.push(Some(v)),
            None => {
                f.stack.pop();
                f.pc = arg as usize;
            }
        }
        return Ok(Flow::Next);
    }
    miss(f, Opcode::FOR_ITER_SEQ);
    control::for_iter_generic(vm, f, arg)
}

#[cold]
pub fn specialize_unpack_sequence(f: &Frame, arg: u32) {
    let fam = Opcode::UNPACK_SEQUENCE;
    let Some(o) = top(f) else { return };
    let (form, len) = if o.is_exact::<PyTuple>() {
        // SAFETY: exact tuple type checked above.
        let n = unsafe { o.payload_unchecked::<PyTuple>() }.len();
        (Opcode::UNPACK_SEQUENCE_TUPLE, n)
    } else if o.is_exact::<PyList>() {
        // SAFETY: exact list type checked above.
        let n = unsafe { o.payload_unchecked::<PyList>() }
            .items
            .borrow()
            .len();
        (Opcode::UNPACK_SEQUENCE_LIST, n)
    } else {
        return fail(f, fam, Fail::OtherType);
    };
    if len != arg as usize {
        return fail(f, fam, Fail::WrongArgCount);
    }
    install(f, form, Cache::default())
}

/// Replaces the top (the sequence) by `items` reversed (first item on top).
#[inline(always)]
fn push_unpacked(f: &mut Frame, items: &[PyRef]) {
    let seq = f.stack.pop();
    f.stack.extend(items.iter().rev().map(|v| Some(v.clone())));
    drop(seq);
}

#[inline]
pub fn unpack_sequence_tuple(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some(o) = top(f)
        && o.is_exact::<PyTuple>()
    {
        let o = o.clone();
        // SAFETY: exact tuple type checked above.
        let items = unsafe { o.payload_unchecked::<PyTuple>() }.as_slice();
        if items.len() == arg as usize {
            stats::hit(Opcode::UNPACK_SEQUENCE_TUPLE);
            push_unpacked(f, items);
            return Ok(Flow::Next);
        }
    }
    miss(f, Opcode::UNPACK_SEQUENCE_TUPLE);
    super::build::unpack_sequence(vm, f, arg)
}

#[inline]
pub fn unpack_sequence_list(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some(o) = top(f)
        && o.is_exact::<PyList>()
    {
        let o = o.clone();
        // SAFETY: exact list type checked above.
        let items = unsafe { o.payload_unchecked::<PyList>() }.items.borrow();
        if items.len() == arg as usize {
            stats::hit(Opcode::UNPACK_SEQUENCE_LIST);
            // Pushing onto the frame's stack runs no Python code, so the
            // list may stay borrowed meanwhile.
            push_unpacked(f, &items);
            return Ok(Flow::Next);
        }
    }
    miss(f, Opcode::UNPACK_SEQUENCE_LIST);
    super::build::unpack_sequence(vm, f, arg)
}

#[inline]
pub fn for_iter_range(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if let Some(it) = top(f)
        && it.is_exact::<PyRangeIter>()
    {
        stats::hit(Opcode::FOR_ITER_RANGE);
        // SAFETY: exact range iterator type checked above.
        let r = unsafe { it.payload_unchecked::<PyRangeIter>() };
        match r.next_value() {
            Some(v) => f.stack.push(Some(int_from_i64(v))),
            None => {
                f.stack.pop();
                f.pc = arg as usize;
            }
        }
        return Ok(Flow::Next);
    }
    miss(f, Opcode::FOR_ITER_RANGE);
    control::for_iter_generic(vm, f, arg)
}

// ------------------------------------------------------------ calls

/// The callable of a `CALL arg` and the index where its arguments
/// (including a method's self) start.
#[inline(always)]
fn call_target(f: &Frame, arg: u32) -> Option<(&PyRef, usize)> {
    let n = arg as usize;
    let len = f.stack.len();
    if len < n + 2 {
        return None;
    }
    match &f.stack[len - n - 2] {
        Some(m) => Some((m, len - n - 1)),
        None => Some((f.stack[len - n - 1].as_ref()?, len - n)),
    }
}

#[cold]
pub fn specialize_call(vm: &Vm, f: &Frame, arg: u32) {
    let fam = Opcode::CALL;
    if f.kwnames.is_some() {
        return fail(f, fam, Fail::KwArgs);
    }
    let Some((callable, start)) = call_target(f, arg) else {
        return;
    };
    let nargs = f.stack.len() - start;
    if let Some(func) = callable.downcast::<PyFunction>() {
        if !callable.is_exact::<PyFunction>() {
            return fail(f, fam, Fail::OtherCallable);
        }
        let code = func.code.borrow();
        let Some(pc) = code.downcast::<crate::types::code::PyCode>() else {
            return;
        };
        if !pc.quick.simple_args {
            return fail(f, fam, Fail::NotSimpleCode);
        }
        let argc = pc.quick.argcount as usize;
        if nargs == argc {
            return install(f, Opcode::CALL_PY_EXACT_ARGS, Cache::default());
        }
        let ndef = func
            .defaults
            .borrow()
            .as_ref()
            .and_then(|d| d.downcast::<PyTuple>().map(|t| t.len()))
            .unwrap_or(0);
        if nargs < argc && nargs + ndef >= argc {
            return install(f, Opcode::CALL_PY_WITH_DEFAULTS, Cache::default());
        }
        return fail(f, fam, Fail::WrongArgCount);
    }
    if let Some(t) = callable.as_type() {
        return specialize_class_call(f, callable, t, nargs);
    }
    if let Some(b) = callable.downcast::<PyBuiltinFunction>() {
        let is_builtin = |name: &str| {
            f.builtins
                .downcast::<PyDict>()
                .and_then(|d| d.get_rust_str(name))
                .is_some_and(|v| v.is(callable))
        };
        let form = match b.def.name {
            "len" if nargs == 1 && is_builtin("len") => Opcode::CALL_BUILTIN_LEN,
            "isinstance" if nargs == 2 && is_builtin("isinstance") => {
                Opcode::CALL_BUILTIN_ISINSTANCE
            }
            _ => return fail(f, fam, Fail::OtherCallable),
        };
        let c = Cache {
            w0: b.def as *const _ as usize,
            ..Cache::default()
        };
        return install(f, form, c);
    }
    if let Some(d) = callable.downcast::<PyMethodDescr>()
        && d.def.name == "append"
        && nargs == 2
        && d.owner
            .as_type()
            .is_some_and(|t| std::ptr::eq(t, PyList::class()))
    {
        let c = Cache {
            w0: d.def as *const _ as usize,
            ..Cache::default()
        };
        return install(f, Opcode::CALL_LIST_APPEND, c);
    }
    let _ = vm;
    fail(f, fam, Fail::OtherCallable)
}

use crate::object::PyPayload;

/// Pushes a frame for a positional call of a simple-args Python function
/// whose arguments are `f.stack[start..]`, moving them out of the stack.
#[inline(always)]
fn push_py_frame(
    vm: &Vm,
    f: &mut Frame,
    arg: u32,
    start: usize,
    with_defaults: bool,
) -> Option<PyResult<Flow>> {
    let len = f.stack.len();
    let callable = call_target(f, arg)?.0;
    if !callable.is_exact::<PyFunction>() {
        return None;
    }
    // SAFETY: exact function type checked above.
    let func = unsafe { callable.payload_unchecked::<PyFunction>() };
    let code_obj = func.code.borrow().clone();
    let pc = code_obj.downcast::<crate::types::code::PyCode>()?;
    let argc = pc.quick.argcount as usize;
    let nargs = len - start;
    if !pc.quick.simple_args || nargs > argc || (nargs < argc && !with_defaults) {
        return None;
    }
    let defaults = if nargs < argc {
        let d = func.defaults.borrow().clone()?;
        let t = d.downcast::<PyTuple>()?;
        if nargs + t.len() < argc {
            return None;
        }
        Some(d)
    } else {
        None
    };
    let func_ref = callable.clone();
    let mut fr = crate::interp::frame::Frame::for_simple_call(vm, func_ref, func, code_obj);
    for (slot, v) in fr.fast.iter_mut().zip(f.stack.drain(start..)) {
        *slot = v;
    }
    if let Some(d) = defaults
        && let Some(t) = d.downcast::<PyTuple>()
    {
        let first = argc - t.len();
        for i in nargs..argc {
            fr.fast[i] = Some(t.as_slice()[i - first].clone());
        }
    }
    // Drop the callable (and NULL / method) below the arguments.
    let n = arg as usize;
    f.stack.truncate(len - n - 2);
    Some(crate::interp::enter(vm, fr))
}

pub fn call_py_exact_args(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.kwnames.is_none()
        && let Some((_, start)) = call_target(f, arg)
        && let Some(flow) = push_py_frame(vm, f, arg, start, false)
    {
        stats::hit(Opcode::CALL_PY_EXACT_ARGS);
        return flow;
    }
    miss(f, Opcode::CALL_PY_EXACT_ARGS);
    calls::call_generic(vm, f, arg)
}

pub fn call_py_with_defaults(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.kwnames.is_none()
        && let Some((_, start)) = call_target(f, arg)
        && let Some(flow) = push_py_frame(vm, f, arg, start, true)
    {
        stats::hit(Opcode::CALL_PY_WITH_DEFAULTS);
        return flow;
    }
    miss(f, Opcode::CALL_PY_WITH_DEFAULTS);
    calls::call_generic(vm, f, arg)
}

/// Guard for the builtin-function forms: the callable's `MethodDef` is the
/// cached one and there are `nargs` positional arguments.
#[inline(always)]
fn builtin_args<'a>(
    f: &'a Frame,
    arg: u32,
    c: &Cache,
    nargs: usize,
) -> Option<&'a [Option<PyRef>]> {
    if f.kwnames.is_some() {
        return None;
    }
    let (callable, start) = call_target(f, arg)?;
    let b = callable.downcast::<PyBuiltinFunction>()?;
    if b.def as *const _ as usize != c.w0 || f.stack.len() - start != nargs {
        return None;
    }
    Some(&f.stack[start..])
}

/// Pops a `CALL arg`'s callable and arguments and pushes `r`.
#[inline(always)]
fn finish_call(f: &mut Frame, arg: u32, r: PyRef) -> PyResult<Flow> {
    let len = f.stack.len();
    f.stack.truncate(len - arg as usize - 2);
    f.stack.push(Some(r));
    Ok(Flow::Next)
}

pub fn call_builtin_len(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some([Some(o)]) = builtin_args(f, arg, &c, 1) {
        stats::hit(Opcode::CALL_BUILTIN_LEN);
        let o = o.clone();
        let n = proto::len(vm, &o)?;
        return finish_call(f, arg, int_from_i64(n as i64));
    }
    miss(f, Opcode::CALL_BUILTIN_LEN);
    calls::call_generic(vm, f, arg)
}

pub fn call_builtin_isinstance(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if let Some([Some(o), Some(t)]) = builtin_args(f, arg, &c, 2) {
        stats::hit(Opcode::CALL_BUILTIN_ISINSTANCE);
        let (o, t) = (o.clone(), t.clone());
        let r = proto::isinstance(vm, &o, &t)?;
        return finish_call(f, arg, py_bool(r));
    }
    miss(f, Opcode::CALL_BUILTIN_ISINSTANCE);
    calls::call_generic(vm, f, arg)
}

pub fn call_list_append(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    let len = f.stack.len();
    if arg == 1
        && f.kwnames.is_none()
        && len >= 3
        && let (Some(m), Some(l), Some(x)) =
            (&f.stack[len - 3], &f.stack[len - 2], &f.stack[len - 1])
        && let Some(d) = m.downcast::<PyMethodDescr>()
        && d.def as *const _ as usize == c.w0
        && l.is_exact::<PyList>()
    {
        stats::hit(Opcode::CALL_LIST_APPEND);
        // SAFETY: exact list type checked above.
        let lst = unsafe { l.payload_unchecked::<PyList>() };
        lst.items.borrow_mut().push(x.clone());
        return finish_call(f, arg, crate::types::none::none());
    }
    miss(f, Opcode::CALL_LIST_APPEND);
    calls::call_generic(vm, f, arg)
}

// ------------------------------------------------------------ class calls

/// `CALL` of a class: specialized when instances are made by
/// `object.__new__` (so its argument check passes: `__init__` is
/// overridden and `__new__` is not) and `__init__` is a plain Python
/// function taking exactly `self` and the arguments.
#[cold]
fn specialize_class_call(
    f: &Frame,
    callable: &PyRef,
    t: &crate::object::Obj<crate::object::typeobj::PyType>,
    nargs: usize,
) {
    let fam = Opcode::CALL;
    let slots = t.slots();
    let plain_new = slots.new.map(|g| g as usize)
        == Some(crate::types::object::object_new as *const () as usize);
    let py_init = slots.init.map(|g| g as usize)
        == Some(crate::object::slot_dispatch::init as *const () as usize);
    if !std::ptr::eq(callable.class(), crate::types::type_::TYPE_TYPE.get())
        || !plain_new
        || !py_init
        || t.has_flag(crate::object::typeobj::flags::IS_ABSTRACT)
        || t.layout.type_id != std::any::TypeId::of::<crate::types::object::PyBaseObject>()
    {
        return fail(f, fam, Fail::ClassNotSimple);
    }
    let Some(init) = t.lookup_str("__init__") else {
        return fail(f, fam, Fail::ClassNotSimple);
    };
    let Some(func) = init.downcast::<PyFunction>() else {
        return fail(f, fam, Fail::ClassNotSimple);
    };
    if !init.is_exact::<PyFunction>() {
        return fail(f, fam, Fail::ClassNotSimple);
    }
    let code = func.code.borrow();
    let Some(pc) = code.downcast::<crate::types::code::PyCode>() else {
        return fail(f, fam, Fail::ClassNotSimple);
    };
    if !pc.quick.simple_args {
        return fail(f, fam, Fail::NotSimpleCode);
    }
    if pc.quick.argcount as usize != nargs + 1 {
        return fail(f, fam, Fail::WrongArgCount);
    }
    let c = Cache {
        w0: callable.bits(),
        aux: t.version(),
        w2: init.bits() as u64,
        ..Cache::default()
    };
    install(f, Opcode::CALL_PY_CLASS, c)
}

pub fn call_py_class(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let c = cache(f);
    if f.kwnames.is_none()
        && let Some(flow) = push_init_frame(vm, f, arg, &c)
    {
        stats::hit(Opcode::CALL_PY_CLASS);
        return flow;
    }
    miss(f, Opcode::CALL_PY_CLASS);
    calls::call_generic(vm, f, arg)
}

/// Makes the instance of a `CALL_PY_CLASS` and pushes its `__init__`
/// frame (arguments moved from the stack, the instance left in place of
/// the callable); None when a guard fails.
#[inline(always)]
fn push_init_frame(vm: &Vm, f: &mut Frame, arg: u32, c: &Cache) -> Option<PyResult<Flow>> {
    let len = f.stack.len();
    let (callable, start) = call_target(f, arg)?;
    if callable.bits() != c.w0
        || !std::ptr::eq(callable.class(), crate::types::type_::TYPE_TYPE.get())
    {
        return None;
    }
    let t = callable.as_type()?;
    if t.version() != c.aux {
        return None;
    }
    // SAFETY: the class's unchanged version proves its dict (or a base's)
    // still holds the cached `__init__`.
    let init = unsafe { from_borrowed_bits(c.w2) };
    // SAFETY: specialization checked the exact function type, and a
    // function's type cannot be reassigned.
    let func: &PyFunction =
        unsafe { &*(init.payload_unchecked::<PyFunction>() as *const PyFunction) };
    let code_obj = func.code.borrow().clone();
    let pc = code_obj.downcast::<crate::types::code::PyCode>()?;
    let nargs = len - start;
    if !pc.quick.simple_args || pc.quick.argcount as usize != nargs + 1 {
        return None;
    }
    let obj = crate::object::alloc_as(t, crate::types::object::PyBaseObject {});
    // `func` stays valid: the frame owns `init`.
    let mut fr = crate::interp::frame::Frame::for_simple_call(vm, init, func, code_obj);
    fr.init_call = true;
    fr.fast[0] = Some(obj.clone());
    for (slot, v) in fr.fast[1..].iter_mut().zip(f.stack.drain(start..)) {
        *slot = v;
    }
    f.stack.truncate(len - arg as usize - 2);
    f.stack.push(Some(obj));
    Some(crate::interp::enter(vm, fr))
}
