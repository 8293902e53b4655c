//! Jumps set by trace functions: `frame.f_lineno = n` (what `pdb`'s
//! `jump` command does).
//!
//! Design.  A jump is allowed only from a `line` event (or the `return`
//! event of a generator that just yielded), to a line of the same code
//! object, and only where the value stack can be made right by popping:
//! CPython's rule, which this file follows with its own analysis of
//! Taipan's bytecode.  [`mark_stacks`] computes, for every reachable
//! instruction, the *kinds* of the values on the stack when it starts:
//! plain objects, the NULL marker of the call protocol, iterators of `for`
//! loops, exceptions pushed by handlers, and the saved `lasti` of cleanup
//! handlers.  It propagates from instruction 0 along fall-through and jump
//! edges, then from each exception-table range to its handler (the stack
//! cut to the entry's depth, plus `lasti` and the exception), until nothing
//! changes.  A jump from stack `S` to a target with stack `T` is possible
//! when `T` is `S` with some values popped (a NULL marker in `T` accepts
//! anything; an object in `T` accepts anything but a NULL marker); the
//! first instruction of the target line with the deepest such stack is
//! chosen, the extra values are popped from the frame (popping an
//! exception restores the handled exception below it), and execution
//! continues there.  An incompatible target gets CPython's explanation
//! ("can't jump into the body of a for loop", "incompatible stacks", ...).

use taipan_bytecode::{CodeObject, Instr, Opcode};

use crate::error::{PyResult, value_error};
use crate::interp::trace::{Event, current_event, suspended_event};
use crate::types::frame::PyFrame;
use crate::value::PyRef;
use crate::vm::Vm;

/// What a value on the stack is, as far as jumps are concerned.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Object,
    Null,
    Iterator,
    Except,
    Lasti,
}

type Stack = Vec<Kind>;

/// The kinds on the stack at the start of each instruction (`None`:
/// unreachable).
fn mark_stacks(code: &CodeObject) -> Vec<Option<Stack>> {
    let n = code.code.len();
    let mut stacks: Vec<Option<Stack>> = vec![None; n];
    if n == 0 {
        return stacks;
    }
    stacks[0] = Some(Vec::new());
    let mut changed = true;
    while changed {
        changed = false;
        let mut i = 0;
        while i < n {
            let Some(st) = stacks[i].clone() else {
                i += 1;
                continue;
            };
            let Some((op, arg, next)) = decode(&code.code, i) else {
                break;
            };
            for (target, s) in successors(op, arg, next, st) {
                if let Some(slot) = stacks.get_mut(target)
                    && slot.is_none()
                {
                    *slot = Some(s);
                    changed = true;
                }
            }
            // Instructions of an EXTENDED_ARG group share the stack.
            for k in i + 1..next.min(n) {
                if stacks[k].is_none() {
                    stacks[k] = stacks[i].clone();
                }
            }
            i = next;
        }
        for h in &code.exceptiontable {
            let Some(Some(st)) = stacks.get(h.start as usize) else {
                continue;
            };
            let t = h.target as usize;
            if t < n && stacks[t].is_none() {
                let mut s = st.clone();
                s.truncate(h.depth as usize);
                if h.lasti {
                    s.push(Kind::Lasti);
                }
                s.push(Kind::Except);
                stacks[t] = Some(s);
                changed = true;
            }
        }
    }
    stacks
}

/// The instruction at `i` (with its `EXTENDED_ARG` prefixes folded) and
/// the index after it.
fn decode(code: &[Instr], i: usize) -> Option<(Opcode, u32, usize)> {
    let mut j = i;
    let mut arg = 0u32;
    loop {
        let ins = *code.get(j)?;
        arg = (arg << Instr::ARG_BITS) | ins.arg();
        let op = Opcode::from_u8(ins.op_byte())?.deopt();
        j += 1;
        if op != Opcode::EXTENDED_ARG {
            return Some((op, arg, j));
        }
    }
}

fn pop(s: &mut Stack, k: usize) {
    let keep = s.len().saturating_sub(k);
    s.truncate(keep);
}

fn push_objects(s: &mut Stack, k: i32) {
    for _ in 0..k.max(0) {
        s.push(Kind::Object);
    }
}

/// Applies a generic stack effect.
fn generic(s: &mut Stack, effect: i32) {
    if effect < 0 {
        pop(s, (-effect) as usize);
    } else {
        push_objects(s, effect);
    }
}

/// Where control goes after `op` and with which stack.
fn successors(op: Opcode, arg: u32, next: usize, st: Stack) -> Vec<(usize, Stack)> {
    use Opcode::*;
    let target = arg as usize;
    let mut s = st;
    match op {
        RETURN_VALUE | RERAISE | RAISE_VARARGS => vec![],
        JUMP_FORWARD | JUMP_BACKWARD | JUMP_BACKWARD_NO_INTERRUPT => vec![(target, s)],
        POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => {
            pop(&mut s, 1);
            vec![(next, s.clone()), (target, s)]
        }
        JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => {
            let jumped = s.clone();
            pop(&mut s, 1);
            vec![(next, s), (target, jumped)]
        }
        FOR_ITER => {
            let mut done = s.clone();
            pop(&mut done, 1);
            s.push(Kind::Object);
            vec![(next, s), (target, done)]
        }
        SEND => {
            let mut done = s.clone();
            pop(&mut done, 2);
            done.push(Kind::Object);
            vec![(next, s), (target, done)]
        }
        _ => {
            match op {
                PUSH_NULL => s.push(Kind::Null),
                LOAD_GLOBAL => {
                    if arg & 1 != 0 {
                        s.push(Kind::Null);
                    }
                    s.push(Kind::Object);
                }
                LOAD_METHOD => {
                    pop(&mut s, 1);
                    s.push(Kind::Null);
                    s.push(Kind::Object);
                }
                GET_ITER | GET_AITER => {
                    pop(&mut s, 1);
                    s.push(Kind::Iterator);
                }
                COPY => {
                    let k = s
                        .len()
                        .checked_sub(arg as usize)
                        .and_then(|i| s.get(i).copied())
                        .unwrap_or(Kind::Object);
                    s.push(k);
                }
                SWAP => {
                    let len = s.len();
                    if arg as usize >= 1 && len >= arg as usize {
                        s.swap(len - 1, len - arg as usize);
                    }
                }
                PUSH_EXC_INFO => s.push(Kind::Except),
                CALL | CALL_FUNCTION_EX => {
                    generic(&mut s, op.stack_effect(arg, false) - 1);
                    s.push(Kind::Object);
                }
                _ => {
                    let eff = op.stack_effect(arg, false);
                    generic(&mut s, eff);
                    // A result replaces its operands: an object.
                    if eff <= 0 && produces_value(op) {
                        if let Some(top) = s.last_mut() {
                            *top = Kind::Object;
                        }
                    }
                }
            }
            vec![(next, s)]
        }
    }
}

/// Instructions whose net effect hides that they pop operands and push a
/// fresh result.
fn produces_value(op: Opcode) -> bool {
    use Opcode::*;
    matches!(
        op,
        BINARY_OP
            | BINARY_SUBSCR
            | COMPARE_OP
            | IS_OP
            | CONTAINS_OP
            | BUILD_TUPLE
            | BUILD_LIST
            | BUILD_SET
            | BUILD_MAP
            | BUILD_CONST_KEY_MAP
            | BUILD_STRING
            | BUILD_SLICE
            | MAKE_FUNCTION
            | IMPORT_NAME
            | MATCH_CLASS
            | FORMAT_VALUE
            | UNARY_NEGATIVE
            | UNARY_POSITIVE
            | UNARY_NOT
            | UNARY_INVERT
            | LOAD_ATTR
            | GET_AWAITABLE
            | LIST_TO_TUPLE
    )
}

/// Line-start markers: `lines[i]` is the line instruction `i` starts, if
/// it is where the line table moves to a new line.
fn marklines(code: &CodeObject) -> Vec<Option<u32>> {
    let mut last = 0u32;
    code.positions
        .iter()
        .map(|p| {
            if p.lineno != 0 && p.lineno != last {
                last = p.lineno;
                Some(p.lineno)
            } else {
                None
            }
        })
        .collect()
}

fn compatible_kind(from: Kind, to: Kind) -> bool {
    match to {
        Kind::Object => from != Kind::Null,
        Kind::Null => true,
        _ => from == to,
    }
}

fn compatible(from: &Stack, to: &Stack) -> bool {
    to.len() <= from.len()
        && from
            .iter()
            .zip(to.iter())
            .all(|(a, b)| compatible_kind(*a, *b))
}

fn explain(to: &Stack) -> &'static str {
    match to.last() {
        Some(Kind::Except) => "can't jump into an 'except' block as there's no exception",
        Some(Kind::Lasti) => "can't jump into a re-raising block as there's no location",
        Some(Kind::Iterator) => "can't jump into the body of a for loop",
        _ => "incompatible stacks",
    }
}

/// `frame.f_lineno = value`.
pub fn set_lineno(vm: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(crate::error::attribute_error("cannot delete attribute"));
    };
    let exact_int = std::ptr::eq(v.class(), crate::types::int::INT_TYPE.get());
    if !exact_int {
        return Err(value_error("lineno must be an integer"));
    }
    let suspended = suspended_event(vm);
    match current_event(vm) {
        Some(Event::Line) => {}
        Some(Event::Exception) => {
            return Err(value_error("can only jump from a 'line' trace event"));
        }
        None | Some(Event::Call) => {
            return Err(value_error(
                "can't jump from the 'call' trace event of a new frame",
            ));
        }
        Some(Event::Return) if suspended => {}
        Some(_) => return Err(value_error("can only jump from a 'line' trace event")),
    }
    let pf = o
        .downcast::<PyFrame>()
        .ok_or_else(|| value_error("f_lineno can only be set on a frame"))?;
    if pf.f_trace.borrow().is_none() {
        return Err(value_error("f_lineno can only be set by a trace function"));
    }
    let Some(f) = pf.live_frame() else {
        return Err(value_error("f_lineno can only be set by a trace function"));
    };
    let requested = crate::types::int::to_i64(v)
        .filter(|n| i32::try_from(*n).is_ok())
        .ok_or_else(|| value_error("lineno out of range"))?;
    if requested < f.code.firstlineno as i64 {
        return Err(value_error(format!(
            "line {requested} comes before the current code block"
        )));
    }
    let lines = marklines(&f.code);
    let Some(new_line) = lines
        .iter()
        .flatten()
        .copied()
        .filter(|&l| l as i64 >= requested)
        .min()
    else {
        return Err(value_error(format!(
            "line {requested} comes after the current code block"
        )));
    };
    let stacks = mark_stacks(&f.code);
    let Some(mut start) = stacks.get(f.lasti).cloned().flatten() else {
        return Err(value_error("can't jump from unreachable code"));
    };
    if suspended {
        start.pop();
    }
    let mut best: Option<(usize, usize)> = None;
    let mut msg = "cannot find bytecode for specified line";
    for (i, l) in lines.iter().enumerate() {
        if *l != Some(new_line) {
            continue;
        }
        match stacks.get(i).cloned().flatten() {
            Some(t) if compatible(&start, &t) => {
                if best.is_none_or(|(_, d)| t.len() > d) {
                    best = Some((i, t.len()));
                }
            }
            Some(t) => {
                if best.is_none() {
                    msg = explain(&t);
                }
            }
            None => {
                if best.is_none() {
                    msg = "can't jump into an exception handler, or code that may not execute";
                }
            }
        }
    }
    let Some((addr, depth)) = best else {
        return Err(value_error(msg));
    };
    // Pop what the target does not have.
    let mut kinds = start;
    let base = f.stack.len().saturating_sub(kinds.len());
    while kinds.len() > depth {
        let k = kinds.pop();
        let top = if f.stack.len() > base + kinds.len() {
            f.stack.pop().flatten()
        } else {
            None
        };
        if k == Some(Kind::Except) {
            let exc = top.filter(|e| !crate::types::none::is_none(e));
            let old = vm.set_handled_exception(exc);
            drop(old);
        } else {
            drop(top);
        }
    }
    f.pc = addr;
    f.lasti = addr;
    pf.trace_lineno.set(new_line);
    Ok(())
}
