//! Numeric protocols: binary operators with CPython's operand dispatch
//! (`binary_op1`: the right operand's reflected slot first when its type is
//! a proper subclass), in-place operators, unary operators, `__index__`,
//! `int()` and `float()` conversions.

use taipan_bytecode::BinaryOp;

use crate::error::{PyResult, type_error};
use crate::object::slots::{BinaryFn, Slots};
use crate::types::none::{is_not_implemented, none};
use crate::value::PyRef;
use crate::vm::Vm;

fn slot_for(op: BinaryOp) -> fn(&Slots) -> Option<BinaryFn> {
    use BinaryOp::*;
    match op.base() {
        Add => |s| s.nb_add,
        Subtract => |s| s.nb_sub,
        Multiply => |s| s.nb_mul,
        MatrixMultiply => |s| s.nb_matmul,
        TrueDivide => |s| s.nb_truediv,
        FloorDivide => |s| s.nb_floordiv,
        Remainder => |s| s.nb_mod,
        Lshift => |s| s.nb_lshift,
        Rshift => |s| s.nb_rshift,
        And => |s| s.nb_and,
        Or => |s| s.nb_or,
        Xor => |s| s.nb_xor,
        _ => |_| None,
    }
}

fn inplace_slot_for(op: BinaryOp) -> fn(&Slots) -> Option<BinaryFn> {
    use BinaryOp::*;
    match op {
        InplaceAdd => |s| s.nb_iadd,
        InplaceSubtract => |s| s.nb_isub,
        InplaceMultiply => |s| s.nb_imul,
        InplaceMatrixMultiply => |s| s.nb_imatmul,
        InplaceTrueDivide => |s| s.nb_itruediv,
        InplaceFloorDivide => |s| s.nb_ifloordiv,
        InplaceRemainder => |s| s.nb_imod,
        InplacePower => |s| s.nb_ipow,
        InplaceLshift => |s| s.nb_ilshift,
        InplaceRshift => |s| s.nb_irshift,
        InplaceAnd => |s| s.nb_iand,
        InplaceOr => |s| s.nb_ior,
        InplaceXor => |s| s.nb_ixor,
        _ => |_| None,
    }
}

/// CPython's `binary_op1`: returns NotImplemented if neither side handles it.
fn binary_op1(vm: &Vm, a: &PyRef, b: &PyRef, get: fn(&Slots) -> Option<BinaryFn>) -> PyResult {
    let ta = a.class();
    let tb = b.class();
    let slota = get(ta.slots());
    let mut slotb = if std::ptr::eq(ta, tb) {
        None
    } else {
        get(tb.slots())
    };
    if slotb.map(|f| f as usize) == slota.map(|f| f as usize) {
        slotb = None;
    }
    if let Some(fa) = slota {
        if let Some(fb) = slotb
            && tb.is_subtype(ta)
        {
            let r = fb(vm, a, b)?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
            slotb = None;
        }
        let r = fa(vm, a, b)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if let Some(fb) = slotb {
        return fb(vm, a, b);
    }
    Ok(crate::types::none::not_implemented())
}

fn pow1(vm: &Vm, a: &PyRef, b: &PyRef, m: &PyRef) -> PyResult {
    let ta = a.class();
    let tb = b.class();
    let slota = ta.slots().nb_pow;
    let mut slotb = if std::ptr::eq(ta, tb) {
        None
    } else {
        tb.slots().nb_pow
    };
    if slotb.map(|f| f as usize) == slota.map(|f| f as usize) {
        slotb = None;
    }
    if let Some(fa) = slota {
        if let Some(fb) = slotb
            && tb.is_subtype(ta)
        {
            let r = fb(vm, a, b, m)?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
            slotb = None;
        }
        let r = fa(vm, a, b, m)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if let Some(fb) = slotb {
        let r = fb(vm, a, b, m)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    // Three-argument pow also asks the modulus's type (CPython's
    // `ternary_op`), e.g. `pow(2, 3, 1.5)` reaches `float.__pow__`.
    if !crate::types::none::is_none(m) {
        let tm = m.class();
        if let Some(fm) = tm.slots().nb_pow {
            let seen = |s: Option<crate::object::slots::TernaryFn>| {
                s.is_some_and(|f| f as usize == fm as usize)
            };
            if !seen(slota) && !seen(tb.slots().nb_pow) {
                return fm(vm, a, b, m);
            }
        }
    }
    Ok(crate::types::none::not_implemented())
}

fn is_sequence_like(o: &PyRef) -> bool {
    use crate::types::{list::PyList, str::PyStr, tuple::PyTuple};
    o.downcast::<PyList>().is_some()
        || o.downcast::<PyTuple>().is_some()
        || o.downcast::<PyStr>().is_some()
        || crate::types::bytes::is_bytes_like(o)
}

#[cold]
fn unsupported(a: &PyRef, b: &PyRef, op: BinaryOp) -> crate::error::PyErr {
    let base = op.base();
    if base == BinaryOp::Add && is_sequence_like(a) {
        let n = a.class().name();
        return type_error(format!(
            "can only concatenate {n} (not \"{}\") to {n}",
            b.class().name()
        ));
    }
    if base == BinaryOp::Multiply {
        if is_sequence_like(a) && !crate::types::int::is_int(b) {
            return type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                b.class().name()
            ));
        }
        if is_sequence_like(b) && !crate::types::int::is_int(a) {
            return type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                a.class().name()
            ));
        }
    }
    let sym = if op.is_inplace() {
        op.symbol()
    } else {
        base.symbol()
    };
    if base == BinaryOp::Power && !op.is_inplace() {
        return type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            a.class().name(),
            b.class().name()
        ));
    }
    type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        a.class().name(),
        b.class().name()
    ))
}

/// `a <op> b` for a `BINARY_OP` argument (in-place ops included).
pub fn binary_op(vm: &Vm, a: &PyRef, b: &PyRef, op: BinaryOp) -> PyResult {
    let _g = vm.enter_native_call()?;
    if op.is_inplace()
        && let Some(f) = inplace_slot_for(op)(a.class().slots())
    {
        let r = f(vm, a, b)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    let base = op.base();
    let r = if base == BinaryOp::Power {
        pow1(vm, a, b, &none())?
    } else {
        binary_op1(vm, a, b, slot_for(base))?
    };
    if is_not_implemented(&r) {
        if base == BinaryOp::Multiply {
            // Sequence repetition accepts any object with __index__.
            let (seq, n) = if is_sequence_like(a) { (a, b) } else { (b, a) };
            if is_sequence_like(seq)
                && !crate::types::int::is_int(n)
                && n.class().slots().nb_index.is_some()
            {
                let i = index(vm, n)?;
                return binary_op(vm, seq, &i, op);
            }
        }
        return Err(unsupported(a, b, op));
    }
    Ok(r)
}

/// `pow(a, b, m)`.
pub fn ternary_pow(vm: &Vm, a: &PyRef, b: &PyRef, m: &PyRef) -> PyResult {
    let r = pow1(vm, a, b, m)?;
    if is_not_implemented(&r) {
        if crate::types::none::is_none(m) {
            return Err(unsupported(a, b, BinaryOp::Power));
        }
        return Err(type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
            a.class().name(),
            b.class().name(),
            m.class().name()
        )));
    }
    Ok(r)
}

/// `divmod(a, b)`.
pub fn divmod(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let r = binary_op1(vm, a, b, |s| s.nb_divmod)?;
    if is_not_implemented(&r) {
        return Err(type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            a.class().name(),
            b.class().name()
        )));
    }
    Ok(r)
}

macro_rules! unary {
    ($($name:ident => $slot:ident, $sym:literal;)*) => {
        $(
            pub fn $name(vm: &Vm, a: &PyRef) -> PyResult {
                match a.class().slots().$slot {
                    Some(f) => f(vm, a),
                    None => Err(type_error(format!("bad operand type for {}: '{}'", $sym, a.class().name()))),
                }
            }
        )*
    };
}
unary! {
    negative => nb_neg, "unary -";
    positive => nb_pos, "unary +";
    invert => nb_invert, "unary ~";
    absolute => nb_abs, "abs()";
}

/// `operator.index(o)`: an exact int.
pub fn index(vm: &Vm, o: &PyRef) -> PyResult {
    if o.is_small() {
        return Ok(o.clone());
    }
    if crate::types::int::is_int(o) {
        return crate::types::int::int_exact(o);
    }
    match o.class().slots().nb_index {
        Some(f) => {
            let r = f(vm, o)?;
            exact_int_result(vm, r, "__index__")
        }
        None => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            o.class().name()
        ))),
    }
}

/// The result of `__index__`/`__int__`/`__trunc__` as an exact int:
/// TypeError for a non-int, a DeprecationWarning (then a copy) for a strict
/// int subclass, as CPython's `_PyNumber_Index` and `PyNumber_Long` do.
fn exact_int_result(vm: &Vm, r: PyRef, dunder: &str) -> PyResult {
    if r.is_small() || r.is_exact::<crate::types::int::PyInt>() {
        return Ok(r);
    }
    if !crate::types::int::is_int(&r) {
        return Err(type_error(format!(
            "{dunder} returned non-int (type {})",
            r.class().name()
        )));
    }
    warn_subclass_result(vm, &r, dunder, "int")?;
    crate::types::int::int_exact(&r)
}

/// CPython's DeprecationWarning (issue #17576) for a number-protocol
/// method returning an instance of a strict subclass of `base`.
#[cold]
pub fn warn_subclass_result(vm: &Vm, r: &PyRef, what: &str, base: &str) -> PyResult<()> {
    crate::modules::_warnings::warn(
        vm,
        &crate::types::exceptions::DEPRECATION_WARNING,
        &format!(
            "{what} returned non-{base} (type {}).  The ability to return an instance of a strict subclass of {base} is deprecated, and may be removed in a future version of Python.",
            r.class().name()
        ),
        1,
    )
}

/// `int(o)` for one argument (CPython's `PyNumber_Long`).
pub fn to_int(vm: &Vm, o: &PyRef) -> PyResult {
    if o.is_small() || o.is_exact::<crate::types::int::PyInt>() {
        return Ok(o.clone());
    }
    let t = o.class();
    if let Some(f) = t.slots().nb_int {
        let r = f(vm, o)?;
        return exact_int_result(vm, r, "__int__");
    }
    if t.slots().nb_index.is_some() {
        return index(vm, o);
    }
    if let Some(f) = crate::protocol::call::lookup_special(o, "__trunc__") {
        crate::modules::_warnings::warn(
            vm,
            &crate::types::exceptions::DEPRECATION_WARNING,
            "The delegation of int() to __trunc__ is deprecated.",
            1,
        )?;
        let r = crate::protocol::call::call_unbound(vm, &f, o, &[])?;
        if r.is_small() || crate::types::int::is_int(&r) {
            return crate::types::int::int_exact(&r);
        }
        if r.class().slots().nb_index.is_none() {
            return Err(type_error(format!(
                "__trunc__ returned non-Integral (type {})",
                r.class().name()
            )));
        }
        return index(vm, &r);
    }
    if o.downcast::<crate::types::str::PyStr>().is_some() || crate::types::bytes::is_bytes_like(o) {
        return crate::types::int_methods::int_from_buffer(o);
    }
    Err(type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        t.name()
    )))
}

/// `float(o)` for numbers (not strings).
pub fn to_f64(vm: &Vm, o: &PyRef) -> PyResult<f64> {
    if let Some(f) = o.downcast::<crate::types::float::PyFloat>() {
        return Ok(f.value);
    }
    if let Some(v) = crate::types::int::int_val(o) {
        return crate::types::int::int_to_f64(&v);
    }
    let t = o.class();
    if let Some(f) = t.slots().nb_float {
        let r = f(vm, o)?;
        return match r.downcast::<crate::types::float::PyFloat>() {
            Some(x) => Ok(x.value),
            None => Err(type_error(format!(
                "{}.__float__ returned non-float (type {})",
                t.name(),
                r.class().name()
            ))),
        };
    }
    if t.slots().nb_index.is_some() {
        let i = index(vm, o)?;
        if let Some(v) = crate::types::int::int_val(&i) {
            return crate::types::int::int_to_f64(&v);
        }
    }
    Err(type_error(format!("must be real number, not {}", t.name())))
}
