//! Python exceptions as Rust errors.
//!
//! Every fallible operation returns [`PyResult<T>`]; the error is a
//! [`PyErr`] holding the Python exception *instance*.  Raising is
//! `return Err(type_error(format!(...)))`; the helpers below build instances
//! of the builtin exception types without needing the VM.

use crate::object::StaticType;
use crate::types::exceptions as exc;
use crate::value::PyRef;

/// A raised Python exception (the exception instance).
#[derive(Clone, Debug)]
pub struct PyErr {
    exc: PyRef,
}

/// The result type of everything that can raise.
pub type PyResult<T = PyRef> = Result<T, PyErr>;

impl PyErr {
    /// Wraps an exception instance (must be a `BaseException` instance).
    pub fn from_instance(exc: PyRef) -> PyErr {
        PyErr { exc }
    }

    /// A new exception of builtin type `ty` with a single string argument.
    pub fn new_msg(ty: &'static StaticType, msg: impl Into<String>) -> PyErr {
        let s = crate::types::str::PyStr::new_ref(&msg.into());
        PyErr {
            exc: exc::new_exception(ty.get(), vec![s]),
        }
    }

    /// A new exception of builtin type `ty` with the given args.
    pub fn new_args(ty: &'static StaticType, args: Vec<PyRef>) -> PyErr {
        PyErr {
            exc: exc::new_exception(ty.get(), args),
        }
    }

    /// The exception instance.
    pub fn value(&self) -> &PyRef {
        &self.exc
    }

    pub fn into_value(self) -> PyRef {
        self.exc
    }

    /// True if the exception is an instance of builtin type `ty`.
    pub fn matches(&self, ty: &'static StaticType) -> bool {
        self.exc.class().is_subtype(ty.get())
    }
}

macro_rules! error_ctors {
    ($($fn:ident => $ty:ident),* $(,)?) => {
        $(
            #[cold]
            pub fn $fn(msg: impl Into<String>) -> PyErr {
                PyErr::new_msg(&exc::$ty, msg)
            }
        )*
    };
}

error_ctors! {
    type_error => TYPE_ERROR,
    value_error => VALUE_ERROR,
    attribute_error => ATTRIBUTE_ERROR,
    index_error => INDEX_ERROR,
    key_error_msg => KEY_ERROR,
    name_error => NAME_ERROR,
    zero_division_error => ZERO_DIVISION_ERROR,
    overflow_error => OVERFLOW_ERROR,
    runtime_error => RUNTIME_ERROR,
    recursion_error => RECURSION_ERROR,
    not_implemented_error => NOT_IMPLEMENTED_ERROR,
    system_error => SYSTEM_ERROR,
    memory_error => MEMORY_ERROR,
    unbound_local_error => UNBOUND_LOCAL_ERROR,
    import_error => IMPORT_ERROR,
    module_not_found_error => MODULE_NOT_FOUND_ERROR,
    os_error => OS_ERROR,
    lookup_error => LOOKUP_ERROR,
    assertion_error => ASSERTION_ERROR,
    unicode_error => UNICODE_ERROR,
    eof_error => EOF_ERROR,
    buffer_error => BUFFER_ERROR,
}

/// `KeyError(key)` (the key itself is the argument, repr'd by `str()`).
#[cold]
pub fn key_error(key: PyRef) -> PyErr {
    PyErr::new_args(&exc::KEY_ERROR, vec![key])
}

/// `StopIteration(value)`; `StopIteration()` when `value` is None.
#[cold]
pub fn stop_iteration(value: Option<PyRef>) -> PyErr {
    PyErr::new_args(&exc::STOP_ITERATION, value.into_iter().collect())
}

/// The type name of `obj` for error messages (`'list'`).
pub fn type_name(obj: &PyRef) -> String {
    obj.class().name()
}
