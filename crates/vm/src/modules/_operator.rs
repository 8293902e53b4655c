//! The `_operator` module: the operator functions `operator.py` re-exports
//! (`from _operator import *`) so that `operator.add(a, b)` costs one
//! native call instead of a Python frame, and `_compare_digest` (used by
//! `hmac` and `secrets`), a comparison whose time does not depend on where
//! the operands differ.
//!
//! Defined here: the binary and in-place arithmetic operators, the rich
//! comparisons, the unary operators, `not_`/`truth`/`index`/`is_`/
//! `is_not`, `contains`/`getitem`/`setitem`/`delitem` and
//! `_compare_digest`.  `operator.py`'s own Python definitions remain for
//! the rest (`attrgetter`, `itemgetter`, `methodcaller`, `concat`,
//! `countOf`, `indexOf`, `length_hint`, `call`).

use taipan_bytecode::{BinaryOp, CompareOp};

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::MethodDef;
use crate::protocol::{number, object as proto};
use crate::types::bool_::py_bool;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

fn two<'a>(name: &str, a: &'a Args<'_>) -> PyResult<&'a [PyRef]> {
    a.no_kwargs(&format!("_operator.{name}"))?;
    let [_, _] = a.exact::<2>(name)?;
    Ok(a.args)
}

fn one<'a>(name: &str, a: &'a Args<'_>) -> PyResult<&'a PyRef> {
    a.no_kwargs(&format!("_operator.{name}"))?;
    a.one_arg(&format!("_operator.{name}"))
}

macro_rules! binary {
    ($($f:ident = $name:literal, $op:ident, $doc:literal;)*) => {
        $(fn $f(vm: &Vm, a: Args<'_>) -> PyResult {
            let v = two($name, &a)?;
            number::binary_op(vm, &v[0], &v[1], BinaryOp::$op)
        })*
        static BINARY: &[MethodDef] = &[$(MethodDef::method($name, $f).with_doc($doc)),*];
    };
}

binary! {
    op_add = "add", Add, "Same as a + b.";
    op_and = "and_", And, "Same as a & b.";
    op_floordiv = "floordiv", FloorDivide, "Same as a // b.";
    op_lshift = "lshift", Lshift, "Same as a << b.";
    op_matmul = "matmul", MatrixMultiply, "Same as a @ b.";
    op_mul = "mul", Multiply, "Same as a * b.";
    op_mod = "mod", Remainder, "Same as a % b.";
    op_or = "or_", Or, "Same as a | b.";
    op_pow = "pow", Power, "Same as a ** b.";
    op_rshift = "rshift", Rshift, "Same as a >> b.";
    op_sub = "sub", Subtract, "Same as a - b.";
    op_truediv = "truediv", TrueDivide, "Same as a / b.";
    op_xor = "xor", Xor, "Same as a ^ b.";
    op_iadd = "iadd", InplaceAdd, "Same as a += b.";
    op_iand = "iand", InplaceAnd, "Same as a &= b.";
    op_ifloordiv = "ifloordiv", InplaceFloorDivide, "Same as a //= b.";
    op_ilshift = "ilshift", InplaceLshift, "Same as a <<= b.";
    op_imatmul = "imatmul", InplaceMatrixMultiply, "Same as a @= b.";
    op_imul = "imul", InplaceMultiply, "Same as a *= b.";
    op_imod = "imod", InplaceRemainder, "Same as a %= b.";
    op_ior = "ior", InplaceOr, "Same as a |= b.";
    op_ipow = "ipow", InplacePower, "Same as a **= b.";
    op_irshift = "irshift", InplaceRshift, "Same as a >>= b.";
    op_isub = "isub", InplaceSubtract, "Same as a -= b.";
    op_itruediv = "itruediv", InplaceTrueDivide, "Same as a /= b.";
    op_ixor = "ixor", InplaceXor, "Same as a ^= b.";
}

macro_rules! compare {
    ($($f:ident = $name:literal, $op:ident, $doc:literal;)*) => {
        $(fn $f(vm: &Vm, a: Args<'_>) -> PyResult {
            let v = two($name, &a)?;
            proto::rich_compare(vm, &v[0], &v[1], CompareOp::$op)
        })*
        static COMPARE: &[MethodDef] = &[$(MethodDef::method($name, $f).with_doc($doc)),*];
    };
}

compare! {
    op_lt = "lt", Lt, "Same as a < b.";
    op_le = "le", Le, "Same as a <= b.";
    op_eq = "eq", Eq, "Same as a == b.";
    op_ne = "ne", Ne, "Same as a != b.";
    op_gt = "gt", Gt, "Same as a > b.";
    op_ge = "ge", Ge, "Same as a >= b.";
}

fn op_neg(vm: &Vm, a: Args<'_>) -> PyResult {
    number::negative(vm, one("neg", &a)?)
}
fn op_pos(vm: &Vm, a: Args<'_>) -> PyResult {
    number::positive(vm, one("pos", &a)?)
}
fn op_abs(vm: &Vm, a: Args<'_>) -> PyResult {
    number::absolute(vm, one("abs", &a)?)
}
fn op_inv(vm: &Vm, a: Args<'_>) -> PyResult {
    number::invert(vm, one("inv", &a)?)
}
fn op_invert(vm: &Vm, a: Args<'_>) -> PyResult {
    number::invert(vm, one("invert", &a)?)
}
fn op_index(vm: &Vm, a: Args<'_>) -> PyResult {
    number::index(vm, one("index", &a)?)
}
fn op_not(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(py_bool(!proto::is_true(vm, one("not_", &a)?)?))
}
fn op_truth(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(py_bool(proto::is_true(vm, one("truth", &a)?)?))
}
fn op_is(_: &Vm, a: Args<'_>) -> PyResult {
    let v = two("is_", &a)?;
    Ok(py_bool(v[0].is(&v[1])))
}
fn op_is_not(_: &Vm, a: Args<'_>) -> PyResult {
    let v = two("is_not", &a)?;
    Ok(py_bool(!v[0].is(&v[1])))
}
fn op_contains(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = two("contains", &a)?;
    Ok(py_bool(proto::contains(vm, &v[0], &v[1])?))
}
fn op_getitem(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = two("getitem", &a)?;
    proto::get_item(vm, &v[0], &v[1])
}
fn op_setitem(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("_operator.setitem")?;
    let [o, k, v] = a.exact::<3>("setitem")?;
    proto::set_item(vm, o, k, v)?;
    Ok(none())
}
fn op_delitem(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = two("delitem", &a)?;
    proto::del_item(vm, &v[0], &v[1])?;
    Ok(none())
}

/// Compares in time that depends only on the length of `b`.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    // As CPython: when the lengths differ, compare b with itself so the
    // loop still runs over len(b).
    let (left, mut result) = if a.len() == b.len() {
        (a, 0u8)
    } else {
        (b, 1u8)
    };
    for (x, y) in left.iter().zip(b) {
        result |= x ^ y;
    }
    std::hint::black_box(result) == 0
}

/// `_compare_digest(a, b, /)`.
fn compare_digest(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("_operator._compare_digest")?;
    let [x, y] = a.exact::<2>("_compare_digest")?;
    let (xs, ys) = (x.downcast::<PyStr>(), y.downcast::<PyStr>());
    let (xb, yb) = match (xs, ys) {
        (Some(xs), Some(ys)) => {
            if !xs.is_ascii() || !ys.is_ascii() {
                return Err(type_error(
                    "comparing strings with non-ASCII characters is not supported",
                ));
            }
            (xs.as_bytes().to_vec(), ys.as_bytes().to_vec())
        }
        (None, None) => {
            let get = |o: &PyRef| match o.downcast::<crate::types::bytes::PyBytes>() {
                Some(b) => Some(b.as_bytes().to_vec()),
                None => crate::types::buffer_hook(o),
            };
            match (get(x), get(y)) {
                (Some(a), Some(b)) => (a, b),
                (None, _) => {
                    return Err(type_error(format!(
                        "unsupported operand types(s) or combination of types: '{}' and '{}'",
                        x.class().name(),
                        y.class().name()
                    )));
                }
                (_, None) => {
                    return Err(type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        y.class().name()
                    )));
                }
            }
        }
        (Some(_), None) if crate::types::buffer_hook(y).is_some() => {
            return Err(type_error(format!(
                "a bytes-like object is required, not '{}'",
                x.class().name()
            )));
        }
        _ => {
            return Err(type_error(format!(
                "unsupported operand types(s) or combination of types: '{}' and '{}'",
                x.class().name(),
                y.class().name()
            )));
        }
    };
    Ok(py_bool(constant_time_eq(&xb, &yb)))
}

static OTHERS: &[MethodDef] = &[
    MethodDef::method("neg", op_neg).with_doc("Same as -a."),
    MethodDef::method("pos", op_pos).with_doc("Same as +a."),
    MethodDef::method("abs", op_abs).with_doc("Same as abs(a)."),
    MethodDef::method("inv", op_inv).with_doc("Same as ~a."),
    MethodDef::method("invert", op_invert).with_doc("Same as ~a."),
    MethodDef::method("index", op_index).with_doc("Same as a.__index__()"),
    MethodDef::method("not_", op_not).with_doc("Same as not a."),
    MethodDef::method("truth", op_truth).with_doc("Return True if a is true, False otherwise."),
    MethodDef::method("is_", op_is).with_doc("Same as a is b."),
    MethodDef::method("is_not", op_is_not).with_doc("Same as a is not b."),
    MethodDef::method("contains", op_contains).with_doc("Same as b in a (note reversed operands)."),
    MethodDef::method("getitem", op_getitem).with_doc("Same as a[b]."),
    MethodDef::method("setitem", op_setitem).with_doc("Same as a[b] = c."),
    MethodDef::method("delitem", op_delitem).with_doc("Same as del a[b]."),
    MethodDef::method("_compare_digest", compare_digest).with_doc(
        "Return 'a == b'.\n\nThis function uses an approach designed to prevent\ntiming analysis, making it appropriate for cryptography.\n\na and b must both be of the same type: either str (ASCII only),\nor any bytes-like object.\n\nNote: If a and b are of different lengths, or if an error occurs,\na timing attack could theoretically reveal information about the\ntypes and lengths of a and b--but not their values.",
    ),
];

/// Creates the `_operator` module.
pub fn make_module(_vm: &Vm) -> PyResult {
    let m = crate::modules::modutil::new_module(
        "_operator",
        "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience.",
        OTHERS,
    )?;
    let md = m
        .downcast::<crate::types::module::PyModule>()
        .ok_or_else(|| type_error("module"))?;
    for f in BINARY.iter().chain(COMPARE) {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    Ok(m)
}
