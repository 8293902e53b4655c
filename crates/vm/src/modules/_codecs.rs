//! The `_codecs` builtin module, the C half of CPython's `codecs`.
//!
//! The codec algorithms are the Rust ones in `types/codecs.rs`, reached
//! through `str.encode` / `bytes.decode`.  The registry (search functions,
//! name normalisation, cache), the error-handler registry, the per-codec
//! entry points `encodings/*.py` call (`utf_8_decode(data, errors, final)`
//! -> `(str, consumed)`, with incomplete trailing sequences left unconsumed
//! when `final` is false), charmap and the escape codecs are written in
//! Python in `_codecs_prelude.py`, run in the module namespace.  `utf_7` is
//! not provided (its lookup raises `LookupError`).

use crate::error::PyResult;
use crate::object::typeobj::MethodDef;
use crate::vm::Vm;

use super::modutil;

const PRELUDE: &str = include_str!("_codecs_prelude.py");

static FUNCTIONS: &[MethodDef] = &[];

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module("_codecs", "", FUNCTIONS)?;
    modutil::run_prelude(vm, &m, "<_codecs>", PRELUDE)?;
    Ok(m)
}
