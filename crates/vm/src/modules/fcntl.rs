//! The `fcntl` module: `fcntl`, `ioctl`, `flock` and `lockf` over libc,
//! with CPython's argument conventions (an int argument is passed as is,
//! a bytes/str argument of at most 1024 bytes is copied into a buffer
//! whose new contents are returned).

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bytes::PyBytes;
use crate::types::int::int_from_i64;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil::{self, last_os_error};

/// `PyObject_AsFileDescriptor`: an int, or the result of `o.fileno()`.
pub fn as_fd(vm: &Vm, o: &PyRef) -> PyResult<i32> {
    let v = if let Some(v) = crate::types::int::to_i64(o) {
        v
    } else if crate::types::int::int_val(o).is_some() {
        return Err(crate::error::overflow_error(
            "Python int too large to convert to C int",
        ));
    } else {
        match crate::protocol::object::lookup_attr(vm, o, "fileno")? {
            None => {
                return Err(type_error(
                    "argument must be an int, or have a fileno() method.",
                ));
            }
            Some(m) => {
                let r = crate::protocol::call::call_pos(vm, &m, &[])?;
                crate::types::int::to_i64(&r)
                    .ok_or_else(|| type_error("fileno() returned a non-integer"))?
            }
        }
    };
    if v < 0 {
        return Err(value_error(format!(
            "file descriptor cannot be a negative integer ({v})"
        )));
    }
    i32::try_from(v)
        .map_err(|_| crate::error::overflow_error("Python int too large to convert to C int"))
}

fn int_arg(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    crate::types::int::as_ssize(vm, o)
}

/// Retries `f` while it fails with `EINTR`.
fn retry(mut f: impl FnMut() -> libc::c_int) -> PyResult<libc::c_int> {
    loop {
        let r = f();
        if r >= 0 {
            return Ok(r);
        }
        if modutil::errno() != libc::EINTR {
            return Err(last_os_error(None));
        }
    }
}

/// A buffer argument (bytes-like or str), if `o` is one.
fn buffer_arg(o: &PyRef, what: &str) -> PyResult<Option<Vec<u8>>> {
    if let Some(s) = o.downcast::<PyStr>() {
        return Ok(Some(s.to_string_lossy().into_bytes()));
    }
    if let Some(b) = crate::types::bytes::bytes_data(o) {
        if b.len() > 1024 {
            return Err(value_error(format!("{what} string arg too long")));
        }
        return Ok(Some(b));
    }
    Ok(None)
}

fn fcntl(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("fcntl")?;
    let args = a.range("fcntl", 2, 3)?;
    let fd = as_fd(vm, &args[0])?;
    let cmd = int_arg(vm, &args[1])? as libc::c_int;
    if let Some(arg) = args.get(2) {
        if let Some(mut buf) = buffer_arg(arg, "fcntl")? {
            if buf.len() > 1024 {
                return Err(value_error("fcntl string arg too long"));
            }
            let n = buf.len();
            buf.resize(1024, 0);
            // SAFETY: `buf` is a writable 1024-byte buffer, as large as
            // CPython guarantees to the command.
            retry(|| unsafe { libc::fcntl(fd, cmd, buf.as_mut_ptr()) })?;
            buf.truncate(n);
            return Ok(PyBytes::new_ref(buf));
        }
        let v = int_arg(vm, arg).map_err(|_| {
            type_error(format!(
                "fcntl() argument 3 must be an integer, a bytes-like object, or a string, not {}",
                arg.class().name()
            ))
        })? as libc::c_int;
        // SAFETY: an integer third argument.
        let r = retry(|| unsafe { libc::fcntl(fd, cmd, v) })?;
        return Ok(int_from_i64(r as i64));
    }
    // SAFETY: an integer third argument (0).
    let r = retry(|| unsafe { libc::fcntl(fd, cmd, 0) })?;
    Ok(int_from_i64(r as i64))
}

fn ioctl(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, req, arg, mutate] = a.bind("ioctl", ["fd", "request", "arg", "mutate_flag"], 4, 2)?;
    let (Some(fd), Some(req)) = (fd, req) else {
        return Err(type_error("ioctl"));
    };
    let fd = as_fd(vm, &fd)?;
    let req = int_arg(vm, &req)? as libc::c_ulong;
    let Some(arg) = arg else {
        // SAFETY: an integer argument (0).
        let r = retry(|| unsafe { libc::ioctl(fd, req, 0) })?;
        return Ok(int_from_i64(r as i64));
    };
    let is_bytearray = arg.class().name() == "bytearray";
    if let Some(mut buf) = buffer_arg(&arg, "ioctl")? {
        let n = buf.len();
        buf.resize(n.max(1024), 0);
        // SAFETY: `buf` is writable for at least 1024 bytes.
        let r = retry(|| unsafe { libc::ioctl(fd, req, buf.as_mut_ptr()) })?;
        buf.truncate(n);
        let mutate = match mutate {
            Some(m) => crate::protocol::object::is_true(vm, &m)?,
            None => true,
        };
        if is_bytearray && mutate {
            let slice = crate::types::slice::PySlice::new_ref(none(), none(), none());
            crate::protocol::object::set_item(vm, &arg, &slice, &PyBytes::new_ref(buf))?;
            return Ok(int_from_i64(r as i64));
        }
        return Ok(PyBytes::new_ref(buf));
    }
    let v = int_arg(vm, &arg)? as libc::c_int;
    // SAFETY: an integer argument.
    let r = retry(|| unsafe { libc::ioctl(fd, req, v) })?;
    Ok(int_from_i64(r as i64))
}

fn flock(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, op] = a.exact::<2>("flock")?;
    let fd = as_fd(vm, fd)?;
    let op = int_arg(vm, op)? as libc::c_int;
    // SAFETY: no memory effects.
    retry(|| unsafe { libc::flock(fd, op) })?;
    Ok(none())
}

fn lockf(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("lockf", 2, 5)?;
    let fd = as_fd(vm, &args[0])?;
    let code = int_arg(vm, &args[1])? as libc::c_int;
    let num = |i: usize| -> PyResult<i64> {
        match args.get(i) {
            Some(o) => int_arg(vm, o),
            None => Ok(0),
        }
    };
    let (len, start, whence) = (num(2)?, num(3)?, num(4)?);
    let ty = if code == libc::LOCK_UN {
        libc::F_UNLCK
    } else if code & libc::LOCK_SH != 0 {
        libc::F_RDLCK
    } else if code & libc::LOCK_EX != 0 {
        libc::F_WRLCK
    } else {
        return Err(value_error("unrecognized lockf argument"));
    };
    // SAFETY: a zeroed `flock` is valid; the fields are set below.
    let mut l: libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = ty as libc::c_short;
    l.l_whence = whence as libc::c_short;
    l.l_start = start;
    l.l_len = len;
    let cmd = if code & libc::LOCK_NB != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    // SAFETY: `l` is a valid flock struct for the call.
    retry(|| unsafe { libc::fcntl(fd, cmd, &mut l) })?;
    Ok(none())
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("fcntl", fcntl),
    MethodDef::method("ioctl", ioctl),
    MethodDef::method("flock", flock),
    MethodDef::method("lockf", lockf),
];

/// Integer constants, defined once.
static CONSTANTS: &[(&str, i64)] = &[
    ("LOCK_SH", libc::LOCK_SH as i64),
    ("LOCK_EX", libc::LOCK_EX as i64),
    ("LOCK_NB", libc::LOCK_NB as i64),
    ("LOCK_UN", libc::LOCK_UN as i64),
    ("LOCK_MAND", 32),
    ("LOCK_READ", 64),
    ("LOCK_WRITE", 128),
    ("LOCK_RW", 192),
    ("F_DUPFD", libc::F_DUPFD as i64),
    ("F_DUPFD_CLOEXEC", libc::F_DUPFD_CLOEXEC as i64),
    ("F_GETFD", libc::F_GETFD as i64),
    ("F_SETFD", libc::F_SETFD as i64),
    ("F_GETFL", libc::F_GETFL as i64),
    ("F_SETFL", libc::F_SETFL as i64),
    ("F_GETLK", libc::F_GETLK as i64),
    ("F_SETLK", libc::F_SETLK as i64),
    ("F_SETLKW", libc::F_SETLKW as i64),
    ("F_GETLK64", libc::F_GETLK as i64),
    ("F_SETLK64", libc::F_SETLK as i64),
    ("F_SETLKW64", libc::F_SETLKW as i64),
    ("F_OFD_GETLK", libc::F_OFD_GETLK as i64),
    ("F_OFD_SETLK", libc::F_OFD_SETLK as i64),
    ("F_OFD_SETLKW", libc::F_OFD_SETLKW as i64),
    ("F_GETOWN", libc::F_GETOWN as i64),
    ("F_SETOWN", libc::F_SETOWN as i64),
    ("F_GETSIG", 11),
    ("F_SETSIG", 10),
    ("F_RDLCK", libc::F_RDLCK as i64),
    ("F_WRLCK", libc::F_WRLCK as i64),
    ("F_UNLCK", libc::F_UNLCK as i64),
    ("F_EXLCK", 4),
    ("F_SHLCK", 8),
    ("F_GETLEASE", libc::F_GETLEASE as i64),
    ("F_SETLEASE", libc::F_SETLEASE as i64),
    ("F_NOTIFY", libc::F_NOTIFY as i64),
    ("F_GETPIPE_SZ", libc::F_GETPIPE_SZ as i64),
    ("F_SETPIPE_SZ", libc::F_SETPIPE_SZ as i64),
    ("F_ADD_SEALS", libc::F_ADD_SEALS as i64),
    ("F_GET_SEALS", libc::F_GET_SEALS as i64),
    ("F_SEAL_SEAL", libc::F_SEAL_SEAL as i64),
    ("F_SEAL_SHRINK", libc::F_SEAL_SHRINK as i64),
    ("F_SEAL_GROW", libc::F_SEAL_GROW as i64),
    ("F_SEAL_WRITE", libc::F_SEAL_WRITE as i64),
    ("FD_CLOEXEC", libc::FD_CLOEXEC as i64),
    ("FASYNC", libc::O_ASYNC as i64),
    ("DN_ACCESS", 0x1),
    ("DN_MODIFY", 0x2),
    ("DN_CREATE", 0x4),
    ("DN_DELETE", 0x8),
    ("DN_RENAME", 0x10),
    ("DN_ATTRIB", 0x20),
    ("DN_MULTISHOT", 0x8000_0000),
];

/// Creates the `fcntl` module.
pub fn make_module(_vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "fcntl",
        "This module performs file control and I/O control on file\ndescriptors.  It is an interface to the fcntl() and ioctl() Unix\nroutines.  File descriptors can be obtained with the fileno() method of\na file or socket object.",
        FUNCTIONS,
    )?;
    for (n, v) in CONSTANTS {
        modutil::set(&m, n, int_from_i64(*v));
    }
    Ok(m)
}
