//! Taipan's bytecode: the one opcode table ([`opcode`]), code objects
//! ([`code`]), the disassembler ([`dis`]) and the serialized form of code
//! objects used by the bytecode cache ([`serialize`]).
//!
//! The instruction set follows CPython 3.11's model (stack machine, zero-cost
//! exception table, `LOAD_METHOD`/`CALL` protocol, localsplus layout) so that
//! anyone who knows CPython's `dis` can read ours.  The differences are listed
//! in `opcode.rs`'s header.

pub mod code;
pub mod dis;
pub mod opcode;
pub mod serialize;

pub use code::{CodeFlags, CodeObject, Constant, ExceptionEntry, Position};
pub use opcode::{ArgKind, BinaryOp, CompareOp, Instr, Opcode};
