//! The disassembler: a text listing of a code object in the spirit of
//! CPython's `dis.dis`, used by `taipan -X dis` and by compiler tests that
//! compare listings as text.
//!
//! Format, one line per instruction:
//! `LINE  INDEX OPNAME                  ARG (resolved)`, where LINE is printed
//! only when it changes, followed by the exception table, then nested code
//! objects, each under a `Disassembly of <code object ...>:` header.

use std::fmt::Write;

use crate::code::{CodeObject, Constant};
use crate::opcode::{ArgKind, BinaryOp, CompareOp, Opcode};

/// Disassembles `code` and, recursively, every code object in its constants.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_into(code, &mut out, true);
    out
}

fn disassemble_into(code: &CodeObject, out: &mut String, header: bool) {
    if header {
        let _ = writeln!(
            out,
            "Disassembly of <code object {} at \"{}\", line {}>:",
            code.name, code.filename, code.firstlineno
        );
    }
    let mut last_line = u32::MAX;
    for i in 0..code.code.len() {
        let ins = code.code[i];
        let line = code.positions.get(i).map(|p| p.lineno).unwrap_or(0);
        let line_col = if line != last_line {
            last_line = line;
            if line == 0 {
                "None".to_string()
            } else {
                line.to_string()
            }
        } else {
            String::new()
        };
        let Some((op, arg)) = code.decode(i) else {
            let _ = writeln!(
                out,
                "{:>4} {:>6} <{}> {}",
                line_col,
                i,
                ins.op_byte(),
                ins.arg()
            );
            continue;
        };
        let detail = describe_arg(code, op, arg);
        if op.arg_kind() == ArgKind::None {
            let _ = writeln!(out, "{:>4} {:>6} {}", line_col, i, op.name());
        } else if detail.is_empty() {
            let _ = writeln!(out, "{:>4} {:>6} {:<24} {}", line_col, i, op.name(), arg);
        } else {
            let _ = writeln!(
                out,
                "{:>4} {:>6} {:<24} {} ({})",
                line_col,
                i,
                op.name(),
                arg,
                detail
            );
        }
    }
    if !code.exceptiontable.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for e in &code.exceptiontable {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start,
                e.end,
                e.target,
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            out.push('\n');
            disassemble_into(inner, out, true);
        }
    }
}

fn describe_arg(code: &CodeObject, op: Opcode, arg: u32) -> String {
    let name = |i: u32| {
        code.names
            .get(i as usize)
            .cloned()
            .unwrap_or_else(|| "<bad name>".into())
    };
    match op.arg_kind() {
        ArgKind::None | ArgKind::Num => match op {
            Opcode::IS_OP => if arg == 0 { "is" } else { "is not" }.into(),
            Opcode::CONTAINS_OP => if arg == 0 { "in" } else { "not in" }.into(),
            _ => String::new(),
        },
        ArgKind::Const => code
            .consts
            .get(arg as usize)
            .map(const_repr)
            .unwrap_or_else(|| "<bad const>".into()),
        ArgKind::Name => name(arg),
        ArgKind::GlobalName => {
            if arg & 1 != 0 {
                format!("NULL + {}", name(arg >> 1))
            } else {
                name(arg >> 1)
            }
        }
        ArgKind::Local => code
            .localsplusnames
            .get(arg as usize)
            .cloned()
            .unwrap_or_else(|| "<bad local>".into()),
        ArgKind::Jump => format!("to {}", arg),
        ArgKind::Compare => CompareOp::from_u32(arg)
            .map(|c| c.symbol().to_string())
            .unwrap_or_default(),
        ArgKind::BinOp => BinaryOp::from_u32(arg)
            .map(|b| b.symbol().to_string())
            .unwrap_or_default(),
    }
}

/// A short Python-like rendering of a constant (not guaranteed to equal `repr`).
pub fn const_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => format!("{:?}", f),
        Constant::Complex { real, imag } => {
            if *real == 0.0 {
                format!("{:?}j", imag)
            } else {
                format!("({:?}+{:?}j)", real, imag)
            }
        }
        Constant::Str(s) => format!("'{}'", s.to_string_lossy().escape_debug()),
        Constant::Bytes(b) => format!("b'{}'", b.escape_ascii()),
        Constant::Tuple(items) => {
            let parts: Vec<_> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) => {
            let parts: Vec<_> = items.iter().map(const_repr).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
        Constant::Code(code) => format!(
            "<code object {} at \"{}\", line {}>",
            code.name, code.filename, code.firstlineno
        ),
    }
}
