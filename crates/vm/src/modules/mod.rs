//! Builtin modules written in Rust.  `init_core_modules` creates `builtins`
//! and `sys` when a VM starts; other modules are created on first import
//! from the table in [`BUILTIN_MODULES`].

pub mod _abc;
pub mod _ast;
pub mod _bisect;
pub mod _codecs;
pub mod _collections;
pub mod _contextvars;
pub mod _heapq;
pub mod _imp;
pub mod _io;
pub mod _json;
pub mod _locale;
pub mod _operator;
pub mod _posixsubprocess;
pub mod _random;
pub mod _signal;
pub mod _socket;
pub mod _sre;
pub mod _string;
pub mod _struct;
pub mod _thread;
pub mod _warnings;
pub mod _weakref;
pub mod array;
pub mod atexit;
pub mod binascii;
pub mod bufutil;
pub mod cjk;
pub mod cmath;
pub mod cmath_tables;
pub mod errno;
pub mod faulthandler;
pub mod fcntl;
pub mod gc;
pub mod hashes;
pub mod itertools;
pub mod marshal;
pub mod math;
pub mod math_special;
pub mod modutil;
pub mod num_info;
pub mod posix;
pub mod posix_ext;
pub mod select;
pub mod sys;
pub mod sys_names;
pub mod sys_unraisable;
pub mod time;
pub mod unicodedata;
#[rustfmt::skip]
pub mod unicodedata_tables;
pub mod zlib;

use crate::types::module::PyModule;
use crate::vm::Vm;

/// A builtin module: its name and the function that creates it.
pub type ModuleInit = fn(&Vm) -> crate::PyResult;

/// Builtin modules importable by name (besides `builtins` and `sys`).
pub static BUILTIN_MODULES: &[(&str, ModuleInit)] = &[
    ("math", math::make_module),
    ("_json", _json::make_module),
    ("_operator", _operator::make_module),
    ("cmath", cmath::make_module),
    ("gc", gc::make_module),
    ("_weakref", _weakref::make_module),
    ("posix", posix::make_module),
    ("_io", _io::make_module),
    ("errno", errno::make_module),
    ("time", time::make_module),
    ("atexit", atexit::make_module),
    ("_thread", _thread::make_module),
    ("_signal", _signal::make_module),
    ("_warnings", _warnings::make_module),
    ("itertools", itertools::make_module),
    ("_collections", _collections::make_module),
    ("_string", _string::make_module),
    ("_random", _random::make_module),
    ("_md5", hashes::make_md5),
    ("_sha1", hashes::make_sha1),
    ("_sha256", hashes::make_sha256),
    ("_sha512", hashes::make_sha512),
    ("_sha3", hashes::make_sha3),
    ("_blake2", hashes::make_blake2),
    ("_codecs", _codecs::make_module),
    ("_sre", _sre::make_module),
    ("_ast", _ast::make_module),
    ("select", select::make_module),
    ("_posixsubprocess", _posixsubprocess::make_module),
    ("fcntl", fcntl::make_module),
    ("_contextvars", _contextvars::make_module),
    ("_abc", _abc::make_module),
    ("_locale", _locale::make_module),
    ("faulthandler", faulthandler::make_module),
    ("_socket", _socket::make_module),
    ("_struct", _struct::make_module),
    ("binascii", binascii::make_module),
    ("zlib", zlib::make_module),
    ("array", array::make_module),
    ("_bisect", _bisect::make_module),
    ("_heapq", _heapq::make_module),
    ("_imp", _imp::make_module),
    ("marshal", marshal::make_module),
    ("unicodedata", unicodedata::make_module),
    ("_multibytecodec", cjk::make_multibytecodec),
    ("_codecs_jp", cjk::make_codecs_jp),
    ("_codecs_iso2022", cjk::make_codecs_iso2022),
    ("_codecs_kr", cjk::make_codecs_kr),
];

/// Creates `builtins` and `sys` and registers them in `sys.modules`.
pub fn init_core_modules(vm: &Vm) {
    let b = crate::builtins::make_module(vm);
    *vm.builtins.borrow_mut() = Some(b.clone());
    let s = sys::make_module(vm);
    *vm.sys.borrow_mut() = Some(s.clone());
    if let Some(d) = vm.modules().downcast::<crate::types::dict::PyDict>() {
        d.set_str(crate::types::str::PyStr::intern("builtins"), b);
        d.set_str(crate::types::str::PyStr::intern("sys"), s);
    }
    let _ = PyModule::new_ref;
}
