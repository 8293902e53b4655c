//! Stack manipulation, constants, operators, subscripts, formatting.

use taipan_bytecode::{BinaryOp, CompareOp, Opcode};
use taipan_common::Wtf8Buf;

use super::{peek, pop, pop_n, pop_opt, push};
use crate::error::{PyResult, system_error};
use crate::interp::{Flow, Frame};
use crate::protocol::{number, object as proto};
use crate::types::bool_::py_bool;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

pub fn pop_top(_: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    pop_opt(f)?;
    Ok(Flow::Next)
}

pub fn push_null(_: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    f.stack.push(None);
    Ok(Flow::Next)
}

pub fn copy(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = peek(f, arg as usize)?.clone();
    push(f, v);
    Ok(Flow::Next)
}

pub fn swap(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let len = f.stack.len();
    let n = arg as usize;
    if n < 1 || n > len {
        return Err(super::stack_error());
    }
    f.stack.swap(len - 1, len - n);
    Ok(Flow::Next)
}

pub fn load_const(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = f
        .pycode()
        .consts
        .get(arg as usize)
        .cloned()
        .ok_or_else(|| system_error("const index out of range"))?;
    push(f, v);
    Ok(Flow::Next)
}

pub fn unary(vm: &Vm, f: &mut Frame, op: Opcode) -> PyResult<Flow> {
    let v = pop(f)?;
    let r = match op {
        Opcode::UNARY_NOT => py_bool(!proto::is_true(vm, &v)?),
        Opcode::UNARY_NEGATIVE => {
            if let Some(i) = v.as_small() {
                crate::types::int::int_from_i64(-i)
            } else {
                number::negative(vm, &v)?
            }
        }
        Opcode::UNARY_POSITIVE => number::positive(vm, &v)?,
        _ => number::invert(vm, &v)?,
    };
    push(f, r);
    Ok(Flow::Next)
}

pub fn binary_op(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_binary_op(f, arg);
    }
    binary_op_generic(vm, f, arg)
}

pub fn binary_op_generic(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let b = pop(f)?;
    let a = pop(f)?;
    let op = BinaryOp::from_u32(arg).ok_or_else(|| system_error("bad BINARY_OP argument"))?;
    // Small-int fast paths.
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        let r = match op {
            BinaryOp::Add | BinaryOp::InplaceAdd => Some(x + y),
            BinaryOp::Subtract | BinaryOp::InplaceSubtract => Some(x - y),
            BinaryOp::Multiply | BinaryOp::InplaceMultiply => x.checked_mul(y),
            BinaryOp::And | BinaryOp::InplaceAnd => Some(x & y),
            BinaryOp::Or | BinaryOp::InplaceOr => Some(x | y),
            BinaryOp::Xor | BinaryOp::InplaceXor => Some(x ^ y),
            _ => None,
        };
        if let Some(r) = r {
            push(f, crate::types::int::int_from_i64(r));
            return Ok(Flow::Next);
        }
    }
    if matches!(op, BinaryOp::Add | BinaryOp::InplaceAdd)
        && a.is_exact::<PyStr>()
        && b.is_exact::<PyStr>()
        && str_concat_in_place(f, &a, &b)
    {
        push(f, a);
        return Ok(Flow::Next);
    }
    let r = number::binary_op(vm, &a, &b, op)?;
    push(f, r);
    Ok(Flow::Next)
}

/// `s = s + t` / `s += t` on str where the next instruction stores the
/// result back into the local that holds `s`: drop the local's reference
/// and, if ours is then the only one, append in place (CPython's
/// `unicode_concatenate` trick).  Only done when the local and our popped
/// operand are the only two references, so nothing observable changes.
#[inline]
fn str_concat_in_place(f: &mut Frame, a: &PyRef, b: &PyRef) -> bool {
    if a.refcount() != 2 {
        return false;
    }
    let Some((Opcode::STORE_FAST, idx)) = f.code.decode(f.pc) else {
        return false;
    };
    let Some(slot) = f.fast.get_mut(idx as usize) else {
        return false;
    };
    if !slot.as_ref().is_some_and(|x| x.is(a)) {
        return false;
    }
    let Some(tail) = b.downcast::<PyStr>() else {
        return false;
    };
    *slot = None;
    PyStr::append_in_place(a, tail)
}

pub fn compare_op(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_compare_op(f, arg);
    }
    compare_op_generic(vm, f, arg)
}

pub fn compare_op_generic(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let b = pop(f)?;
    let a = pop(f)?;
    let op = CompareOp::from_u32(arg).ok_or_else(|| system_error("bad COMPARE_OP argument"))?;
    let r = proto::rich_compare(vm, &a, &b, op)?;
    push(f, r);
    Ok(Flow::Next)
}

pub fn is_op(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let b = pop(f)?;
    let a = pop(f)?;
    push(f, py_bool(a.is(&b) != (arg != 0)));
    Ok(Flow::Next)
}

pub fn contains_op(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let container = pop(f)?;
    let item = pop(f)?;
    let r = proto::contains(vm, &container, &item)?;
    push(f, py_bool(r != (arg != 0)));
    Ok(Flow::Next)
}

pub fn binary_subscr_adaptive(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_binary_subscr(f);
    }
    binary_subscr(vm, f, arg)
}

pub fn binary_subscr(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let k = pop(f)?;
    let o = pop(f)?;
    let r = proto::get_item(vm, &o, &k)?;
    push(f, r);
    Ok(Flow::Next)
}

pub fn store_subscr_adaptive(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    if f.quick().adapt(f.lasti) {
        super::special::specialize_store_subscr(f);
    }
    store_subscr(vm, f, arg)
}

pub fn store_subscr(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let k = pop(f)?;
    let o = pop(f)?;
    let v = pop(f)?;
    proto::set_item(vm, &o, &k, &v)?;
    Ok(Flow::Next)
}

pub fn delete_subscr(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let k = pop(f)?;
    let o = pop(f)?;
    proto::del_item(vm, &o, &k)?;
    Ok(Flow::Next)
}

pub fn build_slice(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let step = if arg == 3 {
        pop(f)?
    } else {
        crate::types::none::none()
    };
    let stop = pop(f)?;
    let start = pop(f)?;
    push(f, crate::types::slice::PySlice::new_ref(start, stop, step));
    Ok(Flow::Next)
}

pub fn format_value(vm: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let spec = if arg & 4 != 0 { Some(pop(f)?) } else { None };
    let v = pop(f)?;
    let v = match arg & 3 {
        1 => proto::str(vm, &v)?,
        2 => proto::repr(vm, &v)?,
        3 => crate::builtins::ascii_of(vm, &v)?,
        _ => v,
    };
    let r = match spec {
        None if v.is_exact::<PyStr>() => v,
        None => crate::types::str_format::format(vm, &v, &PyStr::intern(""))?,
        Some(s) => crate::types::str_format::format(vm, &v, &s)?,
    };
    push(f, r);
    Ok(Flow::Next)
}

pub fn build_string(_: &Vm, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let parts = pop_n(f, arg as usize)?;
    let mut out = Wtf8Buf::new();
    for p in &parts {
        if let Some(s) = p.downcast::<PyStr>() {
            out.push_wtf8(s.as_wtf8());
        }
    }
    push(f, PyStr::from_wtf8_ref(out));
    Ok(Flow::Next)
}

pub fn get_len(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let n = proto::len(vm, peek(f, 1)?)?;
    push(f, crate::types::int::int_from_i64(n as i64));
    Ok(Flow::Next)
}

pub fn print_expr(vm: &Vm, f: &mut Frame, _: u32) -> PyResult<Flow> {
    let v = pop(f)?;
    let hook = vm.sys_module().and_then(|m| {
        m.downcast::<crate::types::module::PyModule>()
            .and_then(|m| m.get_attr("displayhook"))
    });
    match hook {
        Some(h) => {
            crate::protocol::call::call_pos(vm, &h, &[v])?;
        }
        None => return Err(crate::error::runtime_error("lost sys.displayhook")),
    }
    Ok(Flow::Next)
}

#[allow(dead_code)]
fn _unused(_: PyRef) {}
