//! The `builtins` module: functions (`functions.rs`, and the interpreter-
//! facing ones in `interp`), iterator types (`iters.rs`), and every builtin
//! type and exception bound under its name.

pub mod functions;
pub mod iters;
pub mod more;

use crate::object::{StaticType, TypeSpec};
use crate::types::module::PyModule;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

pub use functions::ascii_of;

/// Builtin types registered by this folder (see `types::REGISTRY`).
pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    iters::types().into_iter().chain(more::types()).collect()
}

/// Types bound in `builtins` under their Python names.
fn builtin_types() -> Vec<(&'static str, &'static StaticType)> {
    use crate::types::*;
    vec![
        ("object", &object::OBJECT_TYPE),
        ("type", &type_::TYPE_TYPE),
        ("int", &int::INT_TYPE),
        ("bool", &bool_::BOOL_TYPE),
        ("float", &float::FLOAT_TYPE),
        ("complex", &complex::COMPLEX_TYPE),
        ("str", &str::STR_TYPE),
        ("bytes", &bytes::BYTES_TYPE),
        ("bytearray", &crate::types::bytearray::BYTEARRAY_TYPE),
        ("memoryview", &crate::types::memoryview::MEMORYVIEW_TYPE),
        ("tuple", &tuple::TUPLE_TYPE),
        ("list", &list::LIST_TYPE),
        ("dict", &dict::DICT_TYPE),
        ("set", &set::SET_TYPE),
        ("frozenset", &set::FROZENSET_TYPE),
        ("range", &range::RANGE_TYPE),
        ("slice", &slice::SLICE_TYPE),
        ("property", &property::PROPERTY_TYPE),
        ("staticmethod", &function::STATICMETHOD_TYPE),
        ("classmethod", &function::CLASSMETHOD_TYPE),
        ("super", &super_::SUPER_TYPE),
        ("enumerate", &iters::ENUMERATE_TYPE),
        ("zip", &iters::ZIP_TYPE),
        ("map", &iters::MAP_TYPE),
        ("filter", &iters::FILTER_TYPE),
        ("reversed", &iters::REVERSED_TYPE),
    ]
}

/// Extra builtins other files contribute: `(name, value)` makers.
pub type ExtraBuiltin = fn(&Vm, &PyModule);

/// Functions that add names to `builtins` (the interpreter adds
/// `__build_class__`, `__import__`, `exec`, `eval`, `compile`; other
/// modules may add more, e.g. `open`).
pub static EXTRA: &[ExtraBuiltin] = &[
    crate::interp::builtins::register,
    more::register,
    crate::modules::_io::register,
];

/// Creates the `builtins` module.
pub fn make_module(vm: &Vm) -> PyRef {
    let m = PyModule::new_ref(
        "builtins",
        Some("Built-in functions, types, exceptions, and other objects."),
    );
    let Some(md) = m.downcast::<PyModule>() else {
        return m;
    };
    for f in functions::FUNCTIONS {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    for (n, t) in builtin_types() {
        md.set_attr(n, t.to_ref());
    }
    for (n, t) in crate::types::exceptions::all() {
        md.set_attr(n, t.to_ref());
    }
    md.set_attr(
        "EnvironmentError",
        crate::types::exceptions::OS_ERROR.to_ref(),
    );
    md.set_attr("IOError", crate::types::exceptions::OS_ERROR.to_ref());
    md.set_attr("None", crate::types::none::none());
    md.set_attr("True", crate::types::bool_::py_bool(true));
    md.set_attr("False", crate::types::bool_::py_bool(false));
    md.set_attr("Ellipsis", crate::types::none::ellipsis());
    md.set_attr("NotImplemented", crate::types::none::not_implemented());
    md.set_attr(
        "__debug__",
        crate::types::bool_::py_bool(vm.config.optimize == 0),
    );
    for f in EXTRA {
        f(vm, md);
    }
    let _ = PyStr::intern;
    m
}
