//! The `_imp` module: the native hooks CPython's pure-Python import
//! machinery (`importlib._bootstrap` / `_bootstrap_external`) calls into.
//!
//! Taipan's `import` statement is served by the Rust importer in
//! `interp/import.rs`; `_imp` exists so that `importlib` itself can be
//! imported and used (`importlib.util`, `inspect`, `dataclasses`, ...).
//! What it reports follows from how Taipan is built:
//! - builtin modules are the rows of [`crate::modules::BUILTIN_MODULES`]
//!   plus `sys` and `builtins` (which, as in CPython, answer -1 to
//!   `is_builtin` because they cannot be re-initialised);
//! - nothing is frozen, so the frozen-module queries answer "no"/None and
//!   `get_frozen_object`/`is_frozen_package` raise CPython's `ImportError`;
//! - CPython extension modules (`.so`) can never be loaded, so
//!   `extension_suffixes()` is empty and `create_dynamic` raises.
//!
//! The import lock is a per-thread re-entrant counter (Taipan runs Python
//! code on one thread per VM).

use std::cell::Cell;

use crate::args::Args;
use crate::error::{PyErr, PyResult, import_error, type_error};
use crate::object::typeobj::MethodDef;
use crate::protocol::object as proto;
use crate::types::bool_::py_bool;
use crate::types::bytes::PyBytes;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

thread_local! {
    /// Re-entrant depth of the import lock held by this thread.
    static LOCK_DEPTH: Cell<u64> = const { Cell::new(0) };
}

fn lock_held(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("lock_held")?;
    Ok(py_bool(LOCK_DEPTH.with(|d| d.get() > 0)))
}

fn acquire_lock(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("acquire_lock")?;
    LOCK_DEPTH.with(|d| d.set(d.get().saturating_add(1)));
    Ok(none())
}

fn release_lock(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("release_lock")?;
    LOCK_DEPTH.with(|d| match d.get() {
        0 => Err(crate::error::runtime_error("not holding the import lock")),
        n => {
            d.set(n - 1);
            Ok(none())
        }
    })
}

/// A `str` argument of `fname` (CPython's clinic message otherwise).
fn str_arg(fname: &str, o: &PyRef) -> PyResult<String> {
    o.downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .ok_or_else(|| {
            type_error(format!(
                "{fname}() argument must be str, not {}",
                o.class().name()
            ))
        })
}

/// 1 for an importable builtin module, -1 for `sys`/`builtins`, 0 otherwise.
fn builtin_kind(name: &str) -> i64 {
    if name == "sys" || name == "builtins" {
        -1
    } else if crate::modules::BUILTIN_MODULES
        .iter()
        .any(|(n, _)| *n == name)
    {
        1
    } else {
        0
    }
}

fn is_builtin(_: &Vm, a: Args<'_>) -> PyResult {
    let name = str_arg("is_builtin", a.one_arg("is_builtin")?)?;
    Ok(int_from_i64(builtin_kind(&name)))
}

/// `create_builtin(spec)`: the module for `spec.name`.  An already
/// imported builtin module is returned as is (Taipan's builtin modules are
/// created once per VM, like CPython's single-phase extension modules);
/// an unknown name gives None, as in CPython.
fn create_builtin(vm: &Vm, a: Args<'_>) -> PyResult {
    let spec = a.one_arg("create_builtin")?;
    let name = proto::get_attr_str(vm, spec, "name")?;
    let Some(n) = name.downcast::<PyStr>().map(|s| s.to_string_lossy()) else {
        return Err(type_error(format!(
            "name must be string, not {}",
            name.class().name()
        )));
    };
    let modules = vm.modules();
    let cached = modules
        .downcast::<crate::types::dict::PyDict>()
        .and_then(|d| d.get_rust_str(&n));
    match builtin_kind(&n) {
        -1 => Ok(cached.unwrap_or_else(none)),
        1 => {
            if let Some(m) =
                cached.filter(|m| m.downcast::<crate::types::module::PyModule>().is_some())
            {
                return Ok(m);
            }
            match crate::modules::BUILTIN_MODULES
                .iter()
                .find(|(x, _)| *x == n)
            {
                Some((_, init)) => init(vm),
                None => Ok(none()),
            }
        }
        _ => Ok(none()),
    }
}

/// `exec_builtin(mod)`: Taipan's builtin modules are fully initialised
/// when created (single-phase), so there is nothing left to run: 0.
fn exec_builtin(_: &Vm, a: Args<'_>) -> PyResult {
    a.one_arg("exec_builtin")?;
    Ok(int_from_i64(0))
}

fn is_frozen(_: &Vm, a: Args<'_>) -> PyResult {
    str_arg("is_frozen", a.one_arg("is_frozen")?)?;
    Ok(py_bool(false))
}

fn find_frozen(_: &Vm, a: Args<'_>) -> PyResult {
    let [name, _withdata] = a.bind("find_frozen", ["", "withdata"], 1, 1)?;
    if let Some(n) = name {
        str_arg("find_frozen", &n)?;
    }
    Ok(none())
}

/// CPython's error for a frozen module that does not exist.
fn no_frozen(name: &str) -> PyErr {
    let e = import_error(format!("No such frozen object named '{name}'"));
    crate::types::exceptions::set_exc_attr(e.value(), "name", PyStr::new_ref(name));
    e
}

fn get_frozen_object(_: &Vm, a: Args<'_>) -> PyResult {
    let [name, _data] = a.bind("get_frozen_object", ["", ""], 2, 1)?;
    let n = name.ok_or_else(|| type_error("get_frozen_object"))?;
    Err(no_frozen(&str_arg("get_frozen_object", &n)?))
}

/// `init_frozen(name)`: None for a name that is not frozen (all of them).
fn init_frozen(_: &Vm, a: Args<'_>) -> PyResult {
    str_arg("init_frozen", a.one_arg("init_frozen")?)?;
    Ok(none())
}

fn is_frozen_package(_: &Vm, a: Args<'_>) -> PyResult {
    Err(no_frozen(&str_arg(
        "is_frozen_package",
        a.one_arg("is_frozen_package")?,
    )?))
}

fn frozen_module_names(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("_frozen_module_names")?;
    Ok(crate::types::tuple::PyTuple::new_ref(Vec::new()))
}

fn override_frozen_modules_for_tests(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = a.one_arg("_override_frozen_modules_for_tests")?;
    crate::types::int::as_ssize(vm, v)?;
    Ok(none())
}

fn extension_suffixes(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("extension_suffixes")?;
    Ok(PyList::new_ref(Vec::new()))
}

/// `create_dynamic(spec, file=None)`: Taipan cannot load CPython
/// extension modules, so this always raises `ImportError`.
fn create_dynamic(vm: &Vm, a: Args<'_>) -> PyResult {
    let [spec, _file] = a.bind("create_dynamic", ["", ""], 2, 1)?;
    let spec = spec.ok_or_else(|| type_error("create_dynamic"))?;
    let name = proto::get_attr_str(vm, &spec, "name")?;
    let n = str_arg("create_dynamic", &name)?;
    let e = import_error(format!(
        "extension module '{n}' cannot be loaded: Taipan does not load CPython extension modules"
    ));
    crate::types::exceptions::set_exc_attr(e.value(), "name", name);
    if let Ok(origin) = proto::get_attr_str(vm, &spec, "origin") {
        crate::types::exceptions::set_exc_attr(e.value(), "path", origin);
    }
    Err(e)
}

fn exec_dynamic(_: &Vm, a: Args<'_>) -> PyResult {
    a.one_arg("exec_dynamic")?;
    Ok(int_from_i64(0))
}

/// `_fix_co_filename(code, path)`: CPython rewrites `co_filename` of a
/// code object unmarshalled from a moved `.pyc`.  Taipan always compiles
/// from source with the right filename, so only the arguments are checked.
fn fix_co_filename(_: &Vm, a: Args<'_>) -> PyResult {
    let [code, path] = a.exact::<2>("_fix_co_filename")?;
    if code.downcast::<crate::types::code::PyCode>().is_none() {
        return Err(type_error(format!(
            "_fix_co_filename() argument 1 must be code, not {}",
            code.class().name()
        )));
    }
    str_arg("_fix_co_filename", path)?;
    Ok(none())
}

/// `source_hash(key, source)`: SipHash-1-3 of `source` keyed with
/// `(key, 0)`, as 8 little-endian bytes (CPython's `_Py_KeyedHash`).
fn source_hash(vm: &Vm, a: Args<'_>) -> PyResult {
    let [key, source] = a.bind("source_hash", ["key", "source"], 0, 2)?;
    let (Some(key), Some(source)) = (key, source) else {
        return Err(type_error("source_hash"));
    };
    let k = crate::types::int::as_ssize(vm, &key)? as u64;
    let data = match source.downcast::<PyBytes>() {
        Some(b) => b.as_bytes().to_vec(),
        None => crate::types::buffer_hook(&source).ok_or_else(|| {
            type_error(format!(
                "a bytes-like object is required, not '{}'",
                source.class().name()
            ))
        })?,
    };
    Ok(PyBytes::new_ref(
        keyed_hash(k, &data).to_le_bytes().to_vec(),
    ))
}

/// SipHash-1-3 with keys `(k0, 0)` (CPython 3.11 uses it for str hashes too).
pub(crate) fn keyed_hash(k0: u64, data: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = siphasher::sip::SipHasher13::new_with_keys(k0, 0);
    h.write(data);
    h.finish()
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("lock_held", lock_held),
    MethodDef::method("acquire_lock", acquire_lock),
    MethodDef::method("release_lock", release_lock),
    MethodDef::method("is_builtin", is_builtin),
    MethodDef::method("create_builtin", create_builtin),
    MethodDef::method("exec_builtin", exec_builtin),
    MethodDef::method("is_frozen", is_frozen),
    MethodDef::method("find_frozen", find_frozen),
    MethodDef::method("get_frozen_object", get_frozen_object),
    MethodDef::method("init_frozen", init_frozen),
    MethodDef::method("is_frozen_package", is_frozen_package),
    MethodDef::method("_frozen_module_names", frozen_module_names),
    MethodDef::method(
        "_override_frozen_modules_for_tests",
        override_frozen_modules_for_tests,
    ),
    MethodDef::method("extension_suffixes", extension_suffixes),
    MethodDef::method("create_dynamic", create_dynamic),
    MethodDef::method("exec_dynamic", exec_dynamic),
    MethodDef::method("_fix_co_filename", fix_co_filename),
    MethodDef::method("source_hash", source_hash),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = crate::modules::modutil::new_module(
        "_imp",
        "(Extremely) low-level import machinery bits as used by importlib.",
        FUNCTIONS,
    )?;
    crate::modules::modutil::set(&m, "check_hash_based_pycs", PyStr::new_ref("default"));
    Ok(m)
}

#[cfg(test)]
mod tests {
    #[test]
    fn keyed_hash_matches_cpython() {
        // python3 -c "import _imp; print(_imp.source_hash(3495, b'abc'))"
        assert_eq!(
            super::keyed_hash(3495, b"abc").to_le_bytes(),
            *b"\xf4l\x9d\x83\xf8\xaa\xba\x8b"
        );
    }
}
