//! The Taipan virtual machine: object model, builtin types, interpreter.
//!
//! Map of the crate (see HACKING.md for how to extend it, DESIGN-NOTES.md
//! for the decisions):
//! - [`value`]: the one-word reference `PyRef` (inline small ints).
//! - [`object`]: heap layout, type objects, slots, hidden-class attributes.
//! - [`gc`]: the cycle collector.
//! - [`types`]: one file per builtin type.
//! - [`protocol`]: `PyObject_*`-style generic operations.
//! - [`builtins`]: the functions of the `builtins` module.
//! - [`modules`]: builtin modules (`sys`, ...).
//! - [`interp`]: frames, the dispatch loop, opcode handlers, tracebacks.
//! - [`error`], [`args`], [`vm`]: exceptions, argument parsing, VM state.

pub mod args;
pub mod builtins;
pub mod cli_support;
pub mod error;
pub mod gc;
pub mod interp;
pub mod modules;
pub mod object;
pub mod protocol;
pub mod runtime;
pub mod types;
pub mod value;
pub mod vm;

pub use args::Args;
pub use error::{PyErr, PyResult};
pub use value::PyRef;
pub use vm::{Config, Vm};

use std::sync::Once;

static INIT: Once = Once::new();

/// Creates the builtin types and singletons (idempotent, process-wide).
pub fn init() {
    INIT.call_once(|| {
        let specs: Vec<_> = types::REGISTRY.iter().flat_map(|f| f()).collect();
        for (h, s) in &specs {
            object::typeobj::alloc_static_type(h, s);
        }
        types::none::init_singletons();
        types::bool_::init_singletons();
        types::tuple::init_singletons();
        for (h, s) in &specs {
            object::typeobj::fill_static_type(h, s);
        }
        for (h, _) in &specs {
            object::typeobj::finish_static_type(h);
        }
        types::exceptions::fix_multiple_bases();
        for (h, _) in &specs {
            object::typeobj::slots_static_type(h);
        }
    });
}

#[cfg(test)]
mod tests;
