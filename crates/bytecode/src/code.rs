//! Code objects as produced by the compiler and executed by the VM.
//!
//! A `CodeObject` is immutable once built and shared behind `Arc` (nested code
//! objects are constants of their parent).  The VM wraps it in a Python-visible
//! `code` object and keeps its own side tables (specialization caches, hotness
//! counters) next to it, never inside it.

use num_bigint::BigInt;
use std::sync::Arc;
use taipan_common::Wtf8Buf;

use crate::opcode::{Instr, Opcode};

/// `co_flags` bits, CPython's values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const NOFREE: u32 = 0x0040;
    pub const COROUTINE: u32 = 0x0080;
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    pub const ASYNC_GENERATOR: u32 = 0x0200;
    /// `from __future__ import annotations` (CPython's CO_FUTURE_ANNOTATIONS).
    pub const FUTURE_ANNOTATIONS: u32 = 0x0100_0000;
    /// Taipan's own: code of a builtin module's Python prelude (`_io`,
    /// `_warnings`, ...).  Its frames stay out of tracebacks, as the C
    /// functions they stand for have no frames in CPython; `co_flags` never
    /// shows the bit.
    pub const HIDDEN: u32 = 0x4000_0000;

    pub fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// Kind bits of a localsplus slot (CPython 3.11's `CO_FAST_*`).
pub mod local_kind {
    pub const LOCAL: u8 = 0x20;
    pub const CELL: u8 = 0x40;
    pub const FREE: u8 = 0x80;
}

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Str(Wtf8Buf),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    FrozenSet(Vec<Constant>),
    Code(Arc<CodeObject>),
}

/// Source range of one instruction (CPython's `co_positions()` entry).
/// `0` for a line means "no line"; `u32::MAX` for a column means "unknown".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub lineno: u32,
    pub end_lineno: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One entry of the zero-cost exception table: an exception raised by an
/// instruction in `start..end` pops the value stack down to `depth` items,
/// pushes the instruction index (as a Python int) if `lasti`, then the
/// exception, and jumps to `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub stacksize: u32,
    pub flags: CodeFlags,
    pub code: Vec<Instr>,
    pub consts: Vec<Constant>,
    pub names: Vec<String>,
    /// Local variable names, then cell-only names, then free names.
    pub localsplusnames: Vec<String>,
    /// One [`local_kind`] bit set per `localsplusnames` entry.
    pub localspluskinds: Vec<u8>,
    pub filename: String,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    /// One entry per instruction.
    pub positions: Vec<Position>,
    pub exceptiontable: Vec<ExceptionEntry>,
}

impl CodeObject {
    /// The exception-table entry that covers instruction `index`, if any.
    pub fn handler_for(&self, index: u32) -> Option<&ExceptionEntry> {
        self.exceptiontable
            .iter()
            .find(|e| e.start <= index && index < e.end)
    }

    /// `co_varnames`: the names of plain locals (arguments first).
    pub fn varnames(&self) -> impl Iterator<Item = &str> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, k)| **k & local_kind::LOCAL != 0)
            .map(|(n, _)| n.as_str())
    }

    /// `co_cellvars`.
    pub fn cellvars(&self) -> impl Iterator<Item = &str> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, k)| **k & local_kind::CELL != 0)
            .map(|(n, _)| n.as_str())
    }

    /// `co_freevars`.
    pub fn freevars(&self) -> impl Iterator<Item = &str> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, k)| **k & local_kind::FREE != 0)
            .map(|(n, _)| n.as_str())
    }

    pub fn nlocalsplus(&self) -> usize {
        self.localsplusnames.len()
    }

    /// Decodes instruction `i`, folding any `EXTENDED_ARG` prefixes before it.
    pub fn decode(&self, i: usize) -> Option<(Opcode, u32)> {
        let ins = *self.code.get(i)?;
        let op = Opcode::from_u8(ins.op_byte())?;
        let mut arg = ins.arg();
        let mut shift = Instr::ARG_BITS;
        let mut j = i;
        while j > 0 && shift < 32 {
            j -= 1;
            let prev = self.code[j];
            if prev.op_byte() != Opcode::EXTENDED_ARG as u8 {
                break;
            }
            arg |= prev.arg() << shift;
            shift += Instr::ARG_BITS;
        }
        Some((op, arg))
    }
}
