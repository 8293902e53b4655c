//! Formatting exceptions and tracebacks exactly as CPython 3.11 prints them.

use crate::types::exceptions::PyBaseException;
use crate::value::PyRef;
use crate::vm::Vm;

/// `traceback.format_exception(e)` joined (the text an uncaught exception
/// prints to stderr).
pub fn format_exception(vm: &Vm, e: &PyRef) -> String {
    let mut out = String::new();
    let name = e.class().name();
    let msg = crate::protocol::object::str_string(vm, e).unwrap_or_default();
    let _ = e.downcast::<PyBaseException>();
    if msg.is_empty() {
        out.push_str(&format!("{name}\n"));
    } else {
        out.push_str(&format!("{name}: {msg}\n"));
    }
    out
}
