//! Builtin types, one file per type (named as Python names it), and the
//! registry that creates them at start-up.
//!
//! To add a type: write `types/<name>.rs` with a `pub static X_TYPE:
//! StaticType`, its payload (`py_payload!` + `impl PyPayload`), and a
//! `pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)>`; then add
//! one line to [`REGISTRY`] (see crates/vm/HACKING.md).

use crate::object::{StaticType, TypeSpec};
use crate::value::PyRef;

pub mod bool_;
pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod cell;
pub mod code;
pub mod codecs;
pub mod complex;
#[cfg(test)]
mod containers_tests;
pub mod descriptors;
pub mod dict;
pub mod dict_views;
pub mod exception_group;
pub mod exceptions;
pub mod float;
pub mod frame;
pub mod function;
pub mod generator;
pub mod genericalias;
pub mod int;
pub mod int_methods;
pub mod iterators;
pub mod list;
pub mod list_sort;
pub mod mappingproxy;
pub mod memoryview;
pub mod module;
pub mod namespace;
pub mod none;
pub mod num_format;
pub mod object;
pub mod object_pickle;
pub mod property;
pub mod range;
pub mod set;
pub mod set_iter;
pub mod singleton;
pub mod slice;
pub mod str;
pub mod str_format;
pub mod str_methods;
pub mod str_percent;
#[cfg(test)]
mod str_tests;
pub mod structseq;
pub mod super_;
pub mod traceback;
pub mod tuple;
pub mod type_;
pub mod type_mro;
pub mod type_slots;
pub mod unicode_data;
pub mod weakref;

/// Every builtin type, in creation order (`object` and `type` first).
pub static REGISTRY: &[fn() -> Vec<(&'static StaticType, TypeSpec)>] = &[
    object::types,
    type_::types,
    str::types,
    dict::types,
    descriptors::types,
    none::types,
    int::types,
    bool_::types,
    float::types,
    complex::types,
    tuple::types,
    list::types,
    set::types,
    set_iter::types,
    bytes::types,
    bytearray::types,
    memoryview::types,
    range::types,
    slice::types,
    iterators::types,
    dict_views::types,
    mappingproxy::types,
    genericalias::types,
    function::types,
    property::types,
    super_::types,
    cell::types,
    code::types,
    module::types,
    frame::types,
    traceback::types,
    generator::types,
    weakref::types,
    exceptions::base_types,
    exceptions::types,
    namespace::types,
    crate::builtins::types,
    crate::modules::sys::types,
    crate::modules::itertools::types,
    crate::modules::_collections::types,
    crate::modules::_string::types,
    crate::modules::_random::types,
    crate::modules::_thread::types,
    crate::modules::unicodedata::types,
    crate::modules::_sre::types,
    crate::modules::hashes::types,
    crate::modules::_struct::types,
    crate::modules::binascii::types,
    crate::modules::zlib::types,
    crate::modules::array::types,
];

/// A complex constant.
pub fn complex_new(re: f64, im: f64) -> PyRef {
    complex::complex_ref(re, im)
}

type BufferFn = fn(&PyRef) -> Option<Vec<u8>>;

static BUFFER_PROVIDERS: std::sync::RwLock<Vec<BufferFn>> = std::sync::RwLock::new(Vec::new());

/// Registers a provider of byte contents for bytes-like types defined
/// elsewhere (bytearray, memoryview, array): `bytes(x)`, `b"" + x`, etc.
/// consult it.
pub fn register_buffer_provider(f: BufferFn) {
    if let Ok(mut v) = BUFFER_PROVIDERS.write() {
        v.push(f);
    }
}

/// The bytes of a bytes-like object other than `bytes`.
pub fn buffer_hook(o: &PyRef) -> Option<Vec<u8>> {
    let v = BUFFER_PROVIDERS.read().ok()?;
    v.iter().find_map(|f| f(o))
}
