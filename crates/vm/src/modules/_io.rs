//! The `_io` module (what `Lib/io.py` re-exports, and the `open` builtin).
//!
//! Design: the raw layer is Rust (`posix.read`/`write`/`lseek`... on file
//! descriptors); the class hierarchy above it — `_IOBase`, `_RawIOBase`,
//! `_BufferedIOBase`, `_TextIOBase`, `FileIO`, `BufferedReader`/`Writer`/
//! `Random`/`RWPair`, `TextIOWrapper`, `BytesIO`, `StringIO`,
//! `IncrementalNewlineDecoder`, `open`, `open_code`, `text_encoding` — is
//! the Python text in `_io_prelude.py`, run in the module's namespace when
//! `_io` is first imported.  Keeping the stream logic in Python first gets
//! CPython's layering (and subclassability, which io.py's ABC registration
//! relies on) right quickly; hot pieces can move to Rust one class at a
//! time behind the same names.
//!
//! Text decoding uses the VM's str/bytes codecs directly for UTF-8, ASCII
//! and Latin-1 (with an incremental UTF-8 tail buffer); other encodings go
//! through `codecs.getincrementaldecoder`.
//!
//! Known simplifications: `TextIOWrapper.tell()` is exact only when the
//! unread decoded text re-encodes to the same bytes (no newline
//! translation in the unread part); `BytesIO.getbuffer()` returns a plain
//! memoryview (no export lock).

use crate::args::Args;
use crate::error::PyResult;
use crate::object::typeobj::MethodDef;
use crate::vm::Vm;

use super::modutil;

const PRELUDE: &str = include_str!("_io_prelude.py");

/// The `open` builtin: imports `_io` and calls `_io.open`.
pub fn builtin_open(vm: &Vm, a: Args<'_>) -> PyResult {
    let m = crate::interp::import::import_module(vm, "_io")?;
    let f = crate::protocol::object::get_attr_str(vm, &m, "open")?;
    crate::protocol::call::call(vm, &f, a)
}

static FUNCTIONS: &[MethodDef] = &[];

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "_io",
        "The io module provides the Python interfaces to stream handling. The\nbuiltin open function is defined in this module.",
        FUNCTIONS,
    )?;
    modutil::run_prelude(vm, &m, "<_io>", PRELUDE)?;
    Ok(m)
}

static OPEN_DEF: MethodDef = MethodDef::method("open", builtin_open);

/// Adds the `open` builtin (registered in `builtins::EXTRA`).
pub fn register(_vm: &Vm, m: &crate::types::module::PyModule) {
    m.set_attr(
        "open",
        crate::types::descriptors::builtin_function(&OPEN_DEF, None),
    );
}
