//! The bytecode cache: `__pycache__/NAME.taipan-311[.opt-N].pyc`.
//!
//! A cache file is PEP 552's 16-byte header followed by `marshal.dumps`
//! of the module's code object (type code `c`, then the record of
//! `taipan_bytecode::serialize`):
//!
//! ```text
//!  0..4   magic: MAGIC_NUMBER (Taipan's own, derived from the build)
//!  4..8   flags: 0 = checked by source mtime and size,
//!         bit 0 = checked by source hash, bit 1 = check_source
//!  8..16  source mtime and size (u32 each, little-endian), or the
//!         SipHash-1-3 of the source keyed with the raw magic number
//! 16      b'c'
//! 17..    code record (build format id, checksum, length, payload)
//! ```
//!
//! Because the header is CPython's layout and importlib is told Taipan's
//! magic number (`install_magic`), importlib's own `SourceLoader`,
//! `py_compile` and `compileall` read and write the same files as the
//! native importer.  The native importer ([`load_or_compile`]) validates
//! everything before it trusts a file: header, flags, mtime/size or hash,
//! the format id of the Taipan build that wrote it, the checksum, every
//! instruction's argument, and that the code's file name is this source's.
//! A file failing any check is ignored, the source is compiled, and the
//! cache is rewritten (atomically: a temporary file renamed over it, so a
//! concurrent reader never sees half a file).

use std::io::Write;
use std::sync::Arc;

use crate::error::PyResult;
use crate::protocol::object as proto;
use crate::types::code::PyCode;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// `sys.implementation.cache_tag`.
pub const CACHE_TAG: &str = "taipan-311";
/// Taipan's magic number (importlib's `_RAW_MAGIC_NUMBER` is its 4 bytes
/// read little-endian, CR LF included).  Its first two bytes come from the
/// code format id of this build, with the top bit set so it never equals a
/// CPython magic: importlib's `SourceLoader` then rejects another build's
/// cache file at the header ("bad magic number", an `ImportError` it
/// catches) and rewrites it, as CPython does across versions, instead of
/// failing in `marshal.loads` on the code record.
pub const MAGIC_NUMBER: [u8; 4] = {
    let id = (taipan_bytecode::serialize::FORMAT_ID as u16) | 0x8000;
    let b = id.to_le_bytes();
    [b[0], b[1], b'\r', b'\n']
};
const HEADER: usize = 16;

/// The raw magic number, the key of hash-based pycs' source hash.
pub fn raw_magic() -> u64 {
    u64::from(u32::from_le_bytes(MAGIC_NUMBER))
}

/// `importlib.util.cache_from_source(path)` for the running interpreter's
/// optimization level (`None` when `sys.implementation.cache_tag` would
/// not allow one: the path has no file name).
pub fn cache_path(vm: &Vm, source: &str) -> Option<String> {
    let (head, tail) = match source.rfind('/') {
        Some(i) => (&source[..i], &source[i + 1..]),
        None => ("", source),
    };
    if tail.is_empty() {
        return None;
    }
    let (base, sep, rest) = match tail.rfind('.') {
        Some(i) => (&tail[..i], ".", &tail[i + 1..]),
        None => ("", "", tail),
    };
    let stem = if base.is_empty() { rest } else { base };
    let opt = match vm.config.optimize {
        0 => String::new(),
        n => format!(".opt-{n}"),
    };
    let name = format!("{stem}{sep}{CACHE_TAG}{opt}.pyc");
    if let Some(prefix) = pycache_prefix(vm) {
        let abs = if head.starts_with('/') {
            head.to_string()
        } else {
            let cwd = std::env::current_dir().ok()?;
            format!("{}/{head}", cwd.to_string_lossy())
        };
        return Some(format!("{prefix}/{}/{name}", abs.trim_start_matches('/')));
    }
    Some(if head.is_empty() {
        format!("__pycache__/{name}")
    } else {
        format!("{head}/__pycache__/{name}")
    })
}

fn sys_attr(vm: &Vm, name: &str) -> Option<PyRef> {
    let sys = vm.sys_module()?;
    proto::lookup_attr(vm, &sys, name).ok().flatten()
}

fn pycache_prefix(vm: &Vm) -> Option<String> {
    sys_attr(vm, "pycache_prefix")
        .and_then(|p| p.downcast::<PyStr>().map(|s| s.to_string_lossy()))
        .filter(|s| !s.is_empty())
}

/// `sys.dont_write_bytecode`, read when needed as CPython does.
fn dont_write(vm: &Vm) -> bool {
    sys_attr(vm, "dont_write_bytecode")
        .and_then(|v| proto::is_true(vm, &v).ok())
        .unwrap_or(vm.config.dont_write_bytecode)
}

/// `_imp.check_hash_based_pycs` ("default", "always" or "never").
fn check_hash_based(vm: &Vm) -> String {
    vm.modules()
        .downcast::<crate::types::dict::PyDict>()
        .and_then(|d| d.get_rust_str("_imp"))
        .and_then(|m| {
            proto::lookup_attr(vm, &m, "check_hash_based_pycs")
                .ok()
                .flatten()
        })
        .and_then(|v| v.downcast::<PyStr>().map(|s| s.to_string_lossy()))
        .unwrap_or_else(|| "default".into())
}

fn u32_at(d: &[u8], i: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&d[i..i + 4]);
    u32::from_le_bytes(b)
}

/// The source's mtime and size as a timestamp pyc records them.
fn stamp(meta: &std::fs::Metadata) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    (meta.mtime() as u32, meta.size() as u32)
}

/// Loads `source` (a `.py` file) as a code object: from its cache file when
/// that is valid, otherwise by compiling it (and rewriting the cache).
/// Returns the code and the cache path (the module's `__cached__`).
pub fn load_or_compile(
    vm: &Vm,
    source: &str,
    read_source: impl Fn() -> PyResult<Vec<u8>>,
) -> PyResult<(PyRef, Option<String>)> {
    let cpath = cache_path(vm, source);
    let meta = std::fs::metadata(source).ok();
    let mut src: Option<Vec<u8>> = None;
    let mut hash_based = None;
    if let (Some(cp), Some(meta)) = (&cpath, &meta)
        && let Ok(data) = std::fs::read(cp)
    {
        match check_header(vm, &data, meta, &mut src, &read_source)? {
            Check::Valid => {
                if let Some(code) = read_code(&data[HEADER..], source) {
                    return Ok((code, cpath));
                }
            }
            Check::Stale(h) => hash_based = h,
        }
    }
    let src = match src {
        Some(s) => s,
        None => read_source()?,
    };
    let code = crate::interp::builtins::compile_to_code(
        vm,
        &src,
        source,
        taipan_compiler::Mode::Exec,
        -1,
    )?;
    let code = Arc::new(code);
    if let (Some(cp), Some(meta)) = (&cpath, &meta)
        && !dont_write(vm)
    {
        let mut out = Vec::with_capacity(HEADER + 4096);
        out.extend_from_slice(&MAGIC_NUMBER);
        match hash_based {
            Some(check_source) => {
                out.extend_from_slice(&(1u32 | (u32::from(check_source) << 1)).to_le_bytes());
                let h = crate::modules::_imp::keyed_hash(raw_magic(), &src);
                out.extend_from_slice(&h.to_le_bytes());
            }
            None => {
                let (mtime, size) = stamp(meta);
                out.extend_from_slice(&0u32.to_le_bytes());
                out.extend_from_slice(&mtime.to_le_bytes());
                out.extend_from_slice(&size.to_le_bytes());
            }
        }
        out.push(b'c');
        taipan_bytecode::serialize::write_record(&code, &mut out);
        write_atomic(cp, &out, meta);
    }
    Ok((PyCode::new_ref(code), cpath))
}

enum Check {
    Valid,
    /// Not usable; `Some(check_source)` when it was a hash-based pyc (the
    /// rewritten file stays hash-based, as importlib does).
    Stale(Option<bool>),
}

fn check_header(
    vm: &Vm,
    data: &[u8],
    meta: &std::fs::Metadata,
    src: &mut Option<Vec<u8>>,
    read_source: &impl Fn() -> PyResult<Vec<u8>>,
) -> PyResult<Check> {
    if data.len() < HEADER || data[..4] != MAGIC_NUMBER {
        return Ok(Check::Stale(None));
    }
    let flags = u32_at(data, 4);
    if flags & !0b11 != 0 {
        return Ok(Check::Stale(None));
    }
    if flags & 1 == 0 {
        let (mtime, size) = stamp(meta);
        let ok = u32_at(data, 8) == mtime && u32_at(data, 12) == size;
        return Ok(if ok { Check::Valid } else { Check::Stale(None) });
    }
    let check_source = flags & 0b10 != 0;
    let mode = check_hash_based(vm);
    if mode != "never" && (check_source || mode == "always") {
        let s = read_source()?;
        let h = crate::modules::_imp::keyed_hash(raw_magic(), &s);
        let ok = data[8..16] == h.to_le_bytes();
        *src = Some(s);
        if !ok {
            return Ok(Check::Stale(Some(check_source)));
        }
    }
    Ok(Check::Valid)
}

/// The code object in a cache body, if it is valid and was compiled from
/// `source` (a cache copied along with a moved tree is recompiled so that
/// tracebacks name the right file).
fn read_code(body: &[u8], source: &str) -> Option<PyRef> {
    let body = body.strip_prefix(b"c")?;
    let (code, used) = taipan_bytecode::serialize::read_record(body).ok()?;
    if used != body.len() || code.filename != source {
        return None;
    }
    Some(PyCode::new_ref(Arc::new(code)))
}

/// Writes `data` to `path` through a temporary file and a rename, creating
/// `__pycache__` if needed; failures are ignored (a read-only tree simply
/// has no cache), as in CPython.
fn write_atomic(path: &str, data: &[u8], source_meta: &std::fs::Metadata) {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let p = std::path::Path::new(path);
    if let Some(dir) = p.parent()
        && !dir.as_os_str().is_empty()
        && std::fs::create_dir_all(dir).is_err()
    {
        return;
    }
    let tmp = format!("{path}.{}", std::process::id());
    let mode = (source_meta.permissions().mode() & 0o666) | 0o600;
    let ok = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(&tmp)
        .and_then(|mut f| f.write_all(data));
    if ok.is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Called once `importlib._bootstrap_external` has loaded: its
/// `MAGIC_NUMBER`/`_RAW_MAGIC_NUMBER` (CPython's, written in its source)
/// become Taipan's, so importlib, `importlib.util.MAGIC_NUMBER`,
/// `py_compile` and `compileall` read and write Taipan's cache files.
pub fn install_magic(vm: &Vm, ext: &PyRef) -> PyResult<()> {
    let magic = crate::types::bytes::PyBytes::new_ref(MAGIC_NUMBER.to_vec());
    proto::set_attr(vm, ext, &PyStr::intern("MAGIC_NUMBER"), &magic)?;
    let raw = crate::types::int::int_from_i64(raw_magic() as i64);
    proto::set_attr(vm, ext, &PyStr::intern("_RAW_MAGIC_NUMBER"), &raw)?;
    Ok(())
}

/// After any module body runs (native import, importlib's `exec_module`,
/// `import_fresh_module`'s fresh copies): a freshly executed
/// `importlib._bootstrap_external` gets Taipan's magic number, so every
/// copy of importlib reads and writes the same cache files.
pub fn after_module_exec(vm: &Vm, globals: &PyRef) -> PyResult<()> {
    let Some(g) = globals.downcast::<crate::types::dict::PyDict>() else {
        return Ok(());
    };
    let is_ext = g
        .get_rust_str("__name__")
        .and_then(|n| {
            n.downcast::<PyStr>()
                .map(|s| s.as_bytes() == b"importlib._bootstrap_external")
        })
        .unwrap_or(false);
    if is_ext && g.get_rust_str("MAGIC_NUMBER").is_some() {
        g.set_str(
            PyStr::intern("MAGIC_NUMBER"),
            crate::types::bytes::PyBytes::new_ref(MAGIC_NUMBER.to_vec()),
        );
        g.set_str(
            PyStr::intern("_RAW_MAGIC_NUMBER"),
            crate::types::int::int_from_i64(raw_magic() as i64),
        );
    }
    let _ = vm;
    Ok(())
}
