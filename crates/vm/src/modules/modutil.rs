//! Small helpers shared by the system modules (`posix`, `time`, `_thread`,
//! `atexit`, ...): building a module from a function table, running a
//! Python "prelude" inside a module's namespace (used for the pure-data
//! classes such as `os.stat_result` whose behaviour is easiest to state in
//! Python), converting path arguments, and raising `OSError` from `errno`.

use std::ffi::CString;

use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bytes::PyBytes;
use crate::types::module::PyModule;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// A new module holding the builtin functions of `table`.
pub fn new_module(name: &str, doc: &str, table: &'static [MethodDef]) -> PyResult {
    let m = PyModule::new_ref(name, Some(doc));
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    for f in table {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    Ok(m)
}

/// Sets `name = value` on module `m`.
pub fn set(m: &PyRef, name: &str, value: PyRef) {
    if let Some(md) = m.downcast::<PyModule>() {
        md.set_attr(name, value);
    }
}

/// Runs Python source `src` with the module's namespace as globals.
pub fn run_prelude(vm: &Vm, m: &PyRef, filename: &str, src: &str) -> PyResult<()> {
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    let mut code = crate::interp::builtins::compile_to_code(
        vm,
        src.as_bytes(),
        filename,
        taipan_compiler::Mode::Exec,
        0,
    )?;
    mark_hidden(&mut code);
    let code = crate::types::code::PyCode::new_ref(std::sync::Arc::new(code));
    crate::interp::builtins::run_code(vm, &code, &md.dict, None)?;
    Ok(())
}

/// Flags a prelude's code and all code nested in it as `HIDDEN` (no
/// traceback entries: the builtin functions it implements are C functions
/// in CPython).
fn mark_hidden(code: &mut taipan_bytecode::CodeObject) {
    code.flags.0 |= taipan_bytecode::CodeFlags::HIDDEN;
    for c in code.consts.iter_mut() {
        if let taipan_bytecode::Constant::Code(inner) = c {
            mark_hidden(std::sync::Arc::make_mut(inner));
        }
    }
}

/// `OSError` (or the subclass CPython picks) for the current `errno`.
pub fn last_os_error(filename: Option<&PyRef>) -> crate::error::PyErr {
    os_error(errno(), filename)
}

/// `OSError` for `code`, with an optional filename.
pub fn os_error(code: i32, filename: Option<&PyRef>) -> crate::error::PyErr {
    crate::types::exceptions::os_error_from_errno(code, filename.cloned())
}

/// The calling thread's `errno`.
pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// A file-system path argument: the C string, whether the caller passed
/// bytes (results are then bytes too), and the object for error messages.
pub struct PathArg {
    pub c: CString,
    pub is_bytes: bool,
    pub obj: PyRef,
}

/// Encodes a str with `surrogateescape` (lone surrogates U+DC80..U+DCFF
/// become the raw bytes 0x80..0xFF), like `os.fsencode`.
pub fn fs_encode(s: &PyStr) -> Vec<u8> {
    if let Some(t) = s.as_str() {
        return t.as_bytes().to_vec();
    }
    let mut out = Vec::new();
    for cp in s.code_points() {
        if (0xDC80..=0xDCFF).contains(&cp) {
            out.push((cp - 0xDC00) as u8);
        } else if let Some(c) = char::from_u32(cp) {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    out
}

/// Decodes file-system bytes with `surrogateescape`, like `os.fsdecode`.
pub fn fs_decode(b: &[u8]) -> PyRef {
    match std::str::from_utf8(b) {
        Ok(s) => PyStr::new_ref(s),
        Err(_) => {
            let mut w = taipan_common::Wtf8Buf::new();
            for chunk in b.utf8_chunks() {
                w.push_str(chunk.valid());
                for &x in chunk.invalid() {
                    w.push_code_point(0xDC00 + x as u32);
                }
            }
            PyStr::from_wtf8_ref(w)
        }
    }
}

/// A name result in the caller's flavour (bytes in, bytes out).
pub fn fs_result(b: &[u8], as_bytes: bool) -> PyRef {
    if as_bytes {
        PyBytes::new_ref(b.to_vec())
    } else {
        fs_decode(b)
    }
}

/// `os.fspath` semantics: str/bytes pass, else `__fspath__`.
pub fn fspath(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    if o.downcast::<PyStr>().is_some() || o.downcast::<PyBytes>().is_some() {
        return Ok(Some(o.clone()));
    }
    match crate::protocol::call::call_special(vm, o, "__fspath__", &[])? {
        Some(r) => {
            if r.downcast::<PyStr>().is_some() || r.downcast::<PyBytes>().is_some() {
                Ok(Some(r))
            } else {
                Err(type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    o.class().name(),
                    r.class().name()
                )))
            }
        }
        None => Ok(None),
    }
}

/// Converts a path argument; `allow_fd` is for the error message only.
pub fn path_arg(
    vm: &Vm,
    o: &PyRef,
    fname: &str,
    argname: &str,
    allow_fd: bool,
) -> PyResult<PathArg> {
    let Some(p) = fspath(vm, o)? else {
        return Err(type_error(format!(
            "{fname}: {argname} should be string, bytes{} os.PathLike{}, not {}",
            if allow_fd { "," } else { " or" },
            if allow_fd { " or integer" } else { "" },
            o.class().name()
        )));
    };
    let (raw, is_bytes) = if let Some(s) = p.downcast::<PyStr>() {
        (fs_encode(s), false)
    } else if let Some(b) = p.downcast::<PyBytes>() {
        (b.as_bytes().to_vec(), true)
    } else {
        return Err(type_error("path"));
    };
    let c = CString::new(raw)
        .map_err(|_| value_error(format!("{fname}: embedded null character in {argname}")))?;
    Ok(PathArg {
        c,
        is_bytes,
        obj: o.clone(),
    })
}

/// `sys.getfilesystemencodeerrors()`: file names round-trip undecodable
/// bytes through lone surrogates (see [`fs_encode`]/[`fs_decode`]).
pub fn sys_getfilesystemencodeerrors(_: &Vm, a: crate::args::Args<'_>) -> PyResult {
    a.no_args("getfilesystemencodeerrors")?;
    Ok(PyStr::new_ref("surrogateescape"))
}

/// `sys.audit(event, *args)`: no audit hooks can be installed yet, so
/// this only checks its arguments like CPython.
pub fn sys_audit(_: &Vm, a: crate::args::Args<'_>) -> PyResult {
    a.no_kwargs("audit")?;
    match a.args.first() {
        None => Err(type_error(
            "audit() missing 1 required positional argument: 'event'",
        )),
        Some(e) if e.downcast::<PyStr>().is_none() => Err(type_error(format!(
            "expected str for argument 'event', not {}",
            e.class().name()
        ))),
        Some(_) => Ok(crate::types::none::none()),
    }
}
