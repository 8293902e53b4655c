//! Slot wrappers: expose a builtin type's native slot as a Python-visible
//! method (`int.__add__`, `list.__len__`, ...).  Each wrapper receives the
//! owner's native slots and the call's arguments with `self` first (already
//! type-checked by the wrapper descriptor), and reproduces CPython's
//! `wrap_*` argument checks ("expected 1 argument, got 0").

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, stop_iteration, type_error};
use crate::object::slots::Slots;
use crate::types::bool_::py_bool;
use crate::types::int::int_from_i64;
use crate::types::none::{is_none, none};
use crate::value::PyRef;
use crate::vm::Vm;

fn missing() -> crate::error::PyErr {
    type_error("slot wrapper called without its slot")
}

/// `self` plus exactly `N` more positional arguments.
fn take<'a, const N: usize>(args: Args<'a>) -> PyResult<(&'a PyRef, &'a [PyRef; N])> {
    if args.has_kwargs() {
        return Err(type_error("wrapper takes no keyword arguments"));
    }
    let (s, rest) = args
        .args
        .split_first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    let rest: &[PyRef; N] = rest.try_into().map_err(|_| {
        type_error(format!(
            "expected {N} argument{}, got {}",
            if N == 1 { "" } else { "s" },
            rest.len()
        ))
    })?;
    Ok((s, rest))
}

macro_rules! unary_wrappers {
    ($($f:ident => $field:ident),*) => {
        $( pub fn $f(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
            let (o, []) = take::<0>(a)?;
            (s.$field.ok_or_else(missing)?)(vm, o)
        } )*
    };
}
unary_wrappers!(repr => repr, str => str, iter => iter, nb_index => nb_index, nb_int => nb_int,
    nb_float => nb_float, nb_neg => nb_neg, nb_pos => nb_pos, nb_invert => nb_invert, nb_abs => nb_abs);

pub fn hash(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, []) = take::<0>(a)?;
    Ok(int_from_i64((s.hash.ok_or_else(missing)?)(vm, o)?))
}

pub fn call(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let o = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    (s.call.ok_or_else(missing)?)(vm, o, a.shift())
}

pub fn getattribute(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, [n]) = take::<1>(a)?;
    crate::protocol::object::check_attr_name(n)?;
    (s.getattro.ok_or_else(missing)?)(vm, o, n)
}

/// CPython's `hackcheck`: `object.__setattr__(str, ...)` must not bypass
/// the `setattro` of a builtin class between `type(o)` and the wrapper's
/// owner (Carlo Verre's hack).
fn hackcheck(o: &PyRef, func: usize, what: &str) -> PyResult<()> {
    // Taipan's module setattro stands for CPython's generic one.
    let generic = crate::types::object::object_setattro as *const () as usize;
    let norm = |f: usize| {
        if f == crate::types::module::module_setattro as *const () as usize {
            generic
        } else {
            f
        }
    };
    let func = norm(func);
    let key = |t: &crate::object::Obj<crate::object::PyType>| {
        norm(t.slots().setattro.map_or(0, |f| f as usize))
    };
    let python = crate::object::slot_dispatch::setattro as *const () as usize;
    let ty = o.class();
    let own = key(ty);
    // Fast path: the type's own setattro is the wrapped one.
    if own == func {
        return Ok(());
    }
    let mut defining = ty.to_ref();
    {
        // No Python code runs while the MRO is borrowed.
        let mro = ty.mro.borrow();
        for b in mro.iter().rev() {
            if let Some(bt) = b.as_type() {
                let k = key(bt);
                if k != python && k == own {
                    defining = b.clone();
                    break;
                }
            }
        }
    }
    let mut cur = Some(defining);
    while let Some(b) = cur {
        let Some(bt) = b.as_type() else { break };
        let k = key(bt);
        if k == func {
            break;
        }
        if k != python {
            return Err(type_error(format!(
                "can't apply this {what} to {} object",
                ty.name()
            )));
        }
        cur = bt.base.borrow().clone();
    }
    Ok(())
}

pub fn setattr(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, [n, v]) = take::<2>(a)?;
    let f = s.setattro.ok_or_else(missing)?;
    hackcheck(o, f as usize, "__setattr__")?;
    crate::protocol::object::check_attr_name(n)?;
    f(vm, o, n, Some(v))?;
    Ok(none())
}

pub fn delattr(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, [n]) = take::<1>(a)?;
    let f = s.setattro.ok_or_else(missing)?;
    hackcheck(o, f as usize, "__delattr__")?;
    crate::protocol::object::check_attr_name(n)?;
    f(vm, o, n, None)?;
    Ok(none())
}

macro_rules! cmp_wrappers {
    ($($f:ident => $op:ident),*) => {
        $( pub fn $f(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
            let (o, [b]) = take::<1>(a)?;
            (s.richcompare.ok_or_else(missing)?)(vm, o, b, CompareOp::$op)
        } )*
    };
}
cmp_wrappers!(lt => Lt, le => Le, eq => Eq, ne => Ne, gt => Gt, ge => Ge);

pub fn next(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, []) = take::<0>(a)?;
    match (s.iternext.ok_or_else(missing)?)(vm, o)? {
        Some(v) => Ok(v),
        None => Err(stop_iteration(None)),
    }
}

pub fn descr_get(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    a.no_kwargs("__get__")?;
    let (d, rest) = a
        .args
        .split_first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    let (obj, ty) = match rest {
        [o] => (o, None),
        [o, t] => (o, Some(t)),
        _ => {
            return Err(type_error(format!(
                "expected 1 or 2 arguments, got {}",
                rest.len()
            )));
        }
    };
    let obj = if is_none(obj) { None } else { Some(obj) };
    let ty = ty.filter(|t| !is_none(t));
    if obj.is_none() && ty.is_none() {
        return Err(type_error("__get__(None, None) is invalid"));
    }
    (s.descr_get.ok_or_else(missing)?)(vm, d, obj, ty)
}

pub fn descr_set(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (d, [o, v]) = take::<2>(a)?;
    (s.descr_set.ok_or_else(missing)?)(vm, d, o, Some(v))?;
    Ok(none())
}

pub fn descr_delete(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (d, [o]) = take::<1>(a)?;
    (s.descr_set.ok_or_else(missing)?)(vm, d, o, None)?;
    Ok(none())
}

pub fn init(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let o = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor '__init__' of 'object' object needs an argument"))?;
    (s.init.ok_or_else(missing)?)(vm, o, a.shift())?;
    Ok(none())
}

/// `T.__new__(cls, ...)`; the subtype check is done by the descriptor.
pub fn new(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let cls = a
        .args
        .first()
        .ok_or_else(|| type_error("__new__(): not enough arguments"))?;
    (s.new.ok_or_else(missing)?)(vm, cls, a.shift())
}

pub fn del(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, []) = take::<0>(a)?;
    (s.del.ok_or_else(missing)?)(vm, o)?;
    Ok(none())
}

pub fn nb_bool(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, []) = take::<0>(a)?;
    Ok(py_bool((s.nb_bool.ok_or_else(missing)?)(vm, o)?))
}

macro_rules! binary_wrappers {
    ($($l:ident, $r:ident => $field:ident;)*) => {
        $(
            pub fn $l(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
                let (o, [b]) = take::<1>(a)?;
                (s.$field.ok_or_else(missing)?)(vm, o, b)
            }
            pub fn $r(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
                let (o, [b]) = take::<1>(a)?;
                (s.$field.ok_or_else(missing)?)(vm, b, o)
            }
        )*
    };
}
binary_wrappers! {
    nb_add_l, nb_add_r => nb_add;
    nb_sub_l, nb_sub_r => nb_sub;
    nb_mul_l, nb_mul_r => nb_mul;
    nb_matmul_l, nb_matmul_r => nb_matmul;
    nb_truediv_l, nb_truediv_r => nb_truediv;
    nb_floordiv_l, nb_floordiv_r => nb_floordiv;
    nb_mod_l, nb_mod_r => nb_mod;
    nb_divmod_l, nb_divmod_r => nb_divmod;
    nb_lshift_l, nb_lshift_r => nb_lshift;
    nb_rshift_l, nb_rshift_r => nb_rshift;
    nb_and_l, nb_and_r => nb_and;
    nb_or_l, nb_or_r => nb_or;
    nb_xor_l, nb_xor_r => nb_xor;
}

pub fn nb_pow_l(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    a.no_kwargs("__pow__")?;
    let (o, rest) = a
        .args
        .split_first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    let f = s.nb_pow.ok_or_else(missing)?;
    match rest {
        [b] => f(vm, o, b, &none()),
        [b, m] => f(vm, o, b, m),
        _ => Err(type_error(format!(
            "expected 1 or 2 arguments, got {}",
            rest.len()
        ))),
    }
}

pub fn nb_pow_r(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    a.no_kwargs("__rpow__")?;
    let (o, rest) = a
        .args
        .split_first()
        .ok_or_else(|| type_error("descriptor needs an argument"))?;
    let f = s.nb_pow.ok_or_else(missing)?;
    match rest {
        [b] => f(vm, b, o, &none()),
        [b, m] => f(vm, b, o, m),
        _ => Err(type_error(format!(
            "expected 1 or 2 arguments, got {}",
            rest.len()
        ))),
    }
}

macro_rules! inplace_wrappers {
    ($($f:ident),*) => {
        $( pub fn $f(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
            let (o, [b]) = take::<1>(a)?;
            (s.$f.ok_or_else(missing)?)(vm, o, b)
        } )*
    };
}
inplace_wrappers!(
    nb_iadd,
    nb_isub,
    nb_imul,
    nb_imatmul,
    nb_itruediv,
    nb_ifloordiv,
    nb_imod,
    nb_ipow,
    nb_ilshift,
    nb_irshift,
    nb_iand,
    nb_ior,
    nb_ixor
);

pub fn mp_len(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, []) = take::<0>(a)?;
    Ok(int_from_i64((s.mp_len.ok_or_else(missing)?)(vm, o)? as i64))
}

pub fn mp_getitem(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, [k]) = take::<1>(a)?;
    (s.mp_getitem.ok_or_else(missing)?)(vm, o, k)
}

pub fn mp_setitem(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, [k, v]) = take::<2>(a)?;
    (s.mp_setitem.ok_or_else(missing)?)(vm, o, k, Some(v))?;
    Ok(none())
}

pub fn mp_delitem(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, [k]) = take::<1>(a)?;
    (s.mp_setitem.ok_or_else(missing)?)(vm, o, k, None)?;
    Ok(none())
}

pub fn sq_contains(vm: &Vm, s: &Slots, a: Args<'_>) -> PyResult {
    let (o, [k]) = take::<1>(a)?;
    Ok(py_bool((s.sq_contains.ok_or_else(missing)?)(vm, o, k)?))
}
