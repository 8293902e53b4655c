//! The `posix` module (what `Lib/os.py` builds on): file-system calls,
//! file descriptors, processes and the environment, through libc.
//!
//! System calls live in Rust; the small result classes (`stat_result`,
//! `terminal_size`, `uname_result`, `times_result`) and `DirEntry`/
//! `scandir` are written in the Python prelude at the end of this file,
//! run in the module's namespace, over hidden `_raw_*` helpers that are
//! deleted afterwards.  Errors are `OSError` picked by `errno`
//! (`FileNotFoundError`, ...), carrying the filename like CPython.

use std::ffi::{CStr, CString};

use crate::args::Args;
use crate::error::{PyResult, overflow_error, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bool_::py_bool;
use crate::types::bytes::PyBytes;
use crate::types::dict::PyDict;
use crate::types::float::float_ref;
use crate::types::int::{int_from_i64, to_i64};
use crate::types::list::PyList;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil::{self, last_os_error, path_arg};

fn int_arg(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    crate::types::int::as_ssize(vm, o)
}

fn fd_arg(vm: &Vm, o: &PyRef) -> PyResult<i32> {
    let v = int_arg(vm, o)?;
    i32::try_from(v).map_err(|_| overflow_error("fd is greater than maximum"))
}

fn check(r: libc::c_int, fname: Option<&PyRef>) -> PyResult<libc::c_int> {
    if r < 0 {
        Err(last_os_error(fname))
    } else {
        Ok(r)
    }
}

/// The stat fields as a flat tuple in `os.stat_result` order (the prelude
/// wraps them): mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime
/// (seconds), then the nanosecond parts, blksize, blocks, rdev.
fn stat_tuple(st: &libc::stat) -> PyRef {
    let v = [
        st.st_mode as i64,
        st.st_ino as i64,
        st.st_dev as i64,
        st.st_nlink as i64,
        st.st_uid as i64,
        st.st_gid as i64,
        st.st_size,
        st.st_atime,
        st.st_mtime,
        st.st_ctime,
        st.st_atime_nsec,
        st.st_mtime_nsec,
        st.st_ctime_nsec,
        st.st_blksize,
        st.st_blocks,
        st.st_rdev as i64,
    ];
    PyTuple::new_ref(v.iter().map(|&x| int_from_i64(x)).collect())
}

/// `_raw_stat(path_or_fd, follow_symlinks, fname)`.
fn raw_stat(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("_raw_stat", 3, 4)?;
    let (p, follow, fname) = (&args[0], &args[1], p_str(&args[2]));
    let dir_fd = match args.get(3) {
        Some(d) if !is_none(d) => fd_arg(vm, d)?,
        _ => libc::AT_FDCWD,
    };
    // SAFETY: zeroed `stat` is a valid out-buffer for the calls below.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if let Some(fd) = to_i64(p) {
        let fd = i32::try_from(fd).map_err(|_| overflow_error("fd is greater than maximum"))?;
        // SAFETY: `st` is a valid, writable stat buffer.
        check(unsafe { libc::fstat(fd, &mut st) }, None)?;
        return Ok(stat_tuple(&st));
    }
    let path = path_arg(vm, p, &fname, "path", true)?;
    let follow = crate::protocol::object::is_true(vm, follow)?;
    // SAFETY: `path.c` is NUL-terminated; `st` is writable.
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    // SAFETY: as above; `dir_fd` is AT_FDCWD or a descriptor number.
    let r = unsafe { libc::fstatat(dir_fd, path.c.as_ptr(), &mut st, flags) };
    check(r, Some(&path.obj))?;
    Ok(stat_tuple(&st))
}

fn p_str(o: &PyRef) -> String {
    o.downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default()
}

fn getcwd_bytes() -> PyResult<Vec<u8>> {
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: buf is writable for buf.len() bytes.
        let r = unsafe { libc::getcwd(buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
        if !r.is_null() {
            let n = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            buf.truncate(n);
            return Ok(buf);
        }
        if modutil::errno() != libc::ERANGE || buf.len() > 1 << 20 {
            return Err(last_os_error(None));
        }
        buf.resize(buf.len() * 2, 0);
    }
}

fn getcwd(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getcwd")?;
    Ok(modutil::fs_decode(&getcwd_bytes()?))
}

fn getcwdb(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getcwdb")?;
    Ok(PyBytes::new_ref(getcwd_bytes()?))
}

/// `_raw_listdir(path)`: names (and `d_type`s) of a directory.
fn read_dir(path: &PathArgC) -> PyResult<Vec<(Vec<u8>, u8, u64)>> {
    // SAFETY: NUL-terminated path.
    let d = unsafe { libc::opendir(path.0.as_ptr()) };
    if d.is_null() {
        return Err(last_os_error(Some(&path.1)));
    }
    let mut out = Vec::new();
    loop {
        // SAFETY: `d` is an open DIR*.
        let e = unsafe { libc::readdir(d) };
        if e.is_null() {
            break;
        }
        // SAFETY: readdir returned a valid dirent whose d_name is NUL-terminated.
        let (name, ty, ino) = unsafe {
            let e = &*e;
            (
                CStr::from_ptr(e.d_name.as_ptr()).to_bytes().to_vec(),
                e.d_type,
                e.d_ino,
            )
        };
        if name == b"." || name == b".." {
            continue;
        }
        out.push((name, ty, ino));
    }
    // SAFETY: `d` is open and closed once.
    unsafe { libc::closedir(d) };
    Ok(out)
}

struct PathArgC(CString, PyRef);

fn dir_path(vm: &Vm, p: Option<&PyRef>, fname: &str) -> PyResult<(PathArgC, bool)> {
    match p {
        None => Ok((PathArgC(CString::from(c"."), PyStr::new_ref(".")), false)),
        Some(p) if is_none(p) => Ok((PathArgC(CString::from(c"."), PyStr::new_ref(".")), false)),
        Some(p) => {
            let pa = path_arg(vm, p, fname, "path", true)?;
            Ok((PathArgC(pa.c, pa.obj), pa.is_bytes))
        }
    }
}

fn listdir(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p] = a.bind("listdir", ["path"], 0, 0)?;
    let (pc, as_bytes) = dir_path(vm, p.as_ref(), "listdir")?;
    let names = read_dir(&pc)?;
    Ok(PyList::new_ref(
        names
            .iter()
            .map(|(n, _, _)| modutil::fs_result(n, as_bytes))
            .collect(),
    ))
}

/// `_raw_scandir(path)` -> (list of (name, d_type, ino), as_bytes).
fn raw_scandir(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p] = a.exact::<1>("_raw_scandir")?;
    let (pc, as_bytes) = dir_path(vm, Some(p), "scandir")?;
    let names = read_dir(&pc)?;
    let items = names
        .iter()
        .map(|(n, t, ino)| {
            PyTuple::new_ref(vec![
                modutil::fs_result(n, as_bytes),
                int_from_i64(*t as i64),
                int_from_i64(*ino as i64),
            ])
        })
        .collect();
    Ok(PyTuple::new_ref(vec![
        PyList::new_ref(items),
        py_bool(as_bytes),
    ]))
}

fn open(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, flags, mode, dir_fd] = a.bind("open", ["path", "flags", "mode", "dir_fd"], 0, 2)?;
    let (Some(p), Some(flags)) = (p, flags) else {
        return Err(type_error("open"));
    };
    if dir_fd.as_ref().is_some_and(|d| !is_none(d)) {
        return Err(crate::error::not_implemented_error(
            "dir_fd unavailable on this platform",
        ));
    }
    let path = path_arg(vm, &p, "open", "path", false)?;
    let flags = int_arg(vm, &flags)? as i32 | libc::O_CLOEXEC;
    let mode = match mode {
        Some(m) => int_arg(vm, &m)? as libc::c_uint,
        None => 0o777,
    };
    loop {
        // SAFETY: NUL-terminated path.
        let fd = unsafe { libc::open(path.c.as_ptr(), flags, mode) };
        if fd < 0 && modutil::errno() == libc::EINTR {
            continue;
        }
        return Ok(int_from_i64(check(fd, Some(&path.obj))? as i64));
    }
}

fn close(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd] = a.bind("close", ["fd"], 0, 1)?;
    let fd = fd_arg(vm, fd.as_ref().ok_or_else(|| type_error("close"))?)?;
    // SAFETY: closing an arbitrary fd is memory-safe.
    check(unsafe { libc::close(fd) }, None)?;
    Ok(none())
}

fn closerange(vm: &Vm, a: Args<'_>) -> PyResult {
    let [lo, hi] = a.exact::<2>("closerange")?;
    let (lo, hi) = (fd_arg(vm, lo)?, fd_arg(vm, hi)?);
    for fd in lo.max(0)..hi {
        // SAFETY: closing an arbitrary fd is memory-safe.
        unsafe { libc::close(fd) };
    }
    Ok(none())
}

/// `read(fd, n)`: retries on EINTR like CPython (PEP 475).
pub fn read_fd(fd: i32, n: usize) -> PyResult<Vec<u8>> {
    let mut buf = vec![0u8; n];
    loop {
        // SAFETY: buf is writable for n bytes.
        let (r, e) = crate::runtime::gil::allow_threads(|| {
            let r = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, n) };
            (r, modutil::errno())
        });
        if r < 0 {
            if e == libc::EINTR {
                continue;
            }
            return Err(last_os_error(None));
        }
        buf.truncate(r as usize);
        return Ok(buf);
    }
}

/// `write(fd, data)`: one write call (may be partial), EINTR retried.
pub fn write_fd(fd: i32, data: &[u8]) -> PyResult<usize> {
    loop {
        // SAFETY: data is readable for its length.
        let (r, e) = crate::runtime::gil::allow_threads(|| {
            let r = unsafe { libc::write(fd, data.as_ptr() as *const libc::c_void, data.len()) };
            (r, modutil::errno())
        });
        if r < 0 {
            if e == libc::EINTR {
                continue;
            }
            return Err(last_os_error(None));
        }
        return Ok(r as usize);
    }
}

fn read(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, n] = a.exact::<2>("read")?;
    let (fd, n) = (fd_arg(vm, fd)?, int_arg(vm, n)?);
    if n < 0 {
        return Err(value_error("negative count"));
    }
    Ok(PyBytes::new_ref(read_fd(fd, n as usize)?))
}

/// The bytes of a bytes-like object.
pub fn bytes_like(o: &PyRef, what: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = o.downcast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    crate::types::buffer_hook(o).ok_or_else(|| {
        type_error(format!(
            "{what}a bytes-like object is required, not '{}'",
            o.class().name()
        ))
    })
}

fn write(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, data] = a.exact::<2>("write")?;
    let fd = fd_arg(vm, fd)?;
    let data = bytes_like(data, "")?;
    Ok(int_from_i64(write_fd(fd, &data)? as i64))
}

fn lseek(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, pos, how] = a.exact::<3>("lseek")?;
    let (fd, pos, how) = (fd_arg(vm, fd)?, int_arg(vm, pos)?, int_arg(vm, how)? as i32);
    // SAFETY: lseek has no memory effects.
    let r = unsafe { libc::lseek(fd, pos, how) };
    if r < 0 {
        return Err(last_os_error(None));
    }
    Ok(int_from_i64(r))
}

/// Functions of one file descriptor returning nothing: fsync, ...
fn fd_unit(vm: &Vm, a: Args<'_>, name: &str, f: unsafe extern "C" fn(i32) -> i32) -> PyResult {
    let fd_obj = a.one_arg(name)?;
    let fd = match to_i64(fd_obj) {
        Some(_) => fd_arg(vm, fd_obj)?,
        None => {
            let r = crate::protocol::call::call_method(vm, fd_obj, "fileno", &[])
                .map_err(|_| type_error("argument must be an int, or have a fileno() method."))?;
            fd_arg(vm, &r)?
        }
    };
    // SAFETY: the call has no memory effects beyond the fd.
    check(unsafe { f(fd) }, None)?;
    Ok(none())
}

fn fsync(vm: &Vm, a: Args<'_>) -> PyResult {
    fd_unit(vm, a, "fsync", libc::fsync)
}

fn ftruncate(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, len] = a.exact::<2>("ftruncate")?;
    let (fd, len) = (fd_arg(vm, fd)?, int_arg(vm, len)?);
    // SAFETY: no memory effects.
    check(unsafe { libc::ftruncate(fd, len) }, None)?;
    Ok(none())
}

/// One-path calls: rmdir, unlink, chdir.
fn path_unit(
    vm: &Vm,
    a: Args<'_>,
    name: &str,
    f: unsafe extern "C" fn(*const libc::c_char) -> i32,
) -> PyResult {
    let [p, dir_fd] = a.bind(name, ["path", "dir_fd"], 0, 1)?;
    let _ = dir_fd;
    let p = p.ok_or_else(|| type_error(name.to_string()))?;
    let path = path_arg(vm, &p, name, "path", false)?;
    // SAFETY: NUL-terminated path.
    check(unsafe { f(path.c.as_ptr()) }, Some(&path.obj))?;
    Ok(none())
}

fn rmdir(vm: &Vm, a: Args<'_>) -> PyResult {
    path_unit(vm, a, "rmdir", libc::rmdir)
}
fn unlink(vm: &Vm, a: Args<'_>) -> PyResult {
    path_unit(vm, a, "unlink", libc::unlink)
}
fn remove(vm: &Vm, a: Args<'_>) -> PyResult {
    path_unit(vm, a, "remove", libc::unlink)
}
fn chdir(vm: &Vm, a: Args<'_>) -> PyResult {
    path_unit(vm, a, "chdir", libc::chdir)
}

fn mkdir(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, mode, _dir_fd] = a.bind("mkdir", ["path", "mode", "dir_fd"], 0, 1)?;
    let p = p.ok_or_else(|| type_error("mkdir"))?;
    let path = path_arg(vm, &p, "mkdir", "path", false)?;
    let mode = match mode {
        Some(m) => int_arg(vm, &m)? as libc::mode_t,
        None => 0o777,
    };
    // SAFETY: NUL-terminated path.
    check(
        unsafe { libc::mkdir(path.c.as_ptr(), mode) },
        Some(&path.obj),
    )?;
    Ok(none())
}

fn chmod(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, mode, _d, _f] = a.bind("chmod", ["path", "mode", "dir_fd", "follow_symlinks"], 0, 2)?;
    let (Some(p), Some(mode)) = (p, mode) else {
        return Err(type_error("chmod"));
    };
    let mode = int_arg(vm, &mode)? as libc::mode_t;
    if let Some(fd) = to_i64(&p) {
        // SAFETY: no memory effects.
        check(unsafe { libc::fchmod(fd as i32, mode) }, None)?;
        return Ok(none());
    }
    let path = path_arg(vm, &p, "chmod", "path", true)?;
    // SAFETY: NUL-terminated path.
    check(
        unsafe { libc::chmod(path.c.as_ptr(), mode) },
        Some(&path.obj),
    )?;
    Ok(none())
}

/// Two-path calls: rename, replace, link, symlink.
fn two_paths(
    vm: &Vm,
    a: Args<'_>,
    name: &str,
    f: unsafe extern "C" fn(*const libc::c_char, *const libc::c_char) -> i32,
) -> PyResult {
    let [src, dst, _x, _y] = a.bind(name, ["src", "dst", "src_dir_fd", "dst_dir_fd"], 0, 2)?;
    let (Some(src), Some(dst)) = (src, dst) else {
        return Err(type_error(name.to_string()));
    };
    let s = path_arg(vm, &src, name, "src", false)?;
    let d = path_arg(vm, &dst, name, "dst", false)?;
    if s.is_bytes != d.is_bytes {
        return Err(type_error(format!(
            "{name}: src and dst must be the same type"
        )));
    }
    // SAFETY: NUL-terminated paths.
    if unsafe { f(s.c.as_ptr(), d.c.as_ptr()) } < 0 {
        let e = modutil::errno();
        let mut args = vec![int_from_i64(e as i64)];
        let msg = std::io::Error::from_raw_os_error(e).to_string();
        let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
        args.extend([PyStr::new_ref(&msg), s.obj.clone(), none(), d.obj.clone()]);
        let ty = crate::types::exceptions::oserror_subclass_for_errno(e as i64)
            .unwrap_or(&crate::types::exceptions::OS_ERROR);
        return Err(crate::error::PyErr::new_args(ty, args));
    }
    Ok(none())
}

fn rename(vm: &Vm, a: Args<'_>) -> PyResult {
    two_paths(vm, a, "rename", libc::rename)
}
fn replace(vm: &Vm, a: Args<'_>) -> PyResult {
    two_paths(vm, a, "replace", libc::rename)
}
fn link(vm: &Vm, a: Args<'_>) -> PyResult {
    two_paths(vm, a, "link", libc::link)
}
fn symlink(vm: &Vm, a: Args<'_>) -> PyResult {
    let pos: Vec<PyRef> = a.positional().iter().take(2).cloned().collect();
    two_paths(vm, Args::pos(&pos), "symlink", libc::symlink)
}

fn readlink(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, _d] = a.bind("readlink", ["path", "dir_fd"], 0, 1)?;
    let p = p.ok_or_else(|| type_error("readlink"))?;
    let path = path_arg(vm, &p, "readlink", "path", false)?;
    let mut buf = vec![0u8; 4096];
    // SAFETY: buf writable for its length; path NUL-terminated.
    let n = unsafe {
        libc::readlink(
            path.c.as_ptr(),
            buf.as_mut_ptr() as *mut libc::c_char,
            buf.len(),
        )
    };
    if n < 0 {
        return Err(last_os_error(Some(&path.obj)));
    }
    buf.truncate(n as usize);
    Ok(modutil::fs_result(&buf, path.is_bytes))
}

fn access(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, mode, _d, _e, _f] = a.bind(
        "access",
        ["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"],
        0,
        2,
    )?;
    let (Some(p), Some(mode)) = (p, mode) else {
        return Err(type_error("access"));
    };
    let path = path_arg(vm, &p, "access", "path", false)?;
    let mode = int_arg(vm, &mode)? as i32;
    // SAFETY: NUL-terminated path.
    Ok(py_bool(unsafe { libc::access(path.c.as_ptr(), mode) } == 0))
}

fn utime(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, times, ns, _d, _f] = a.bind(
        "utime",
        ["path", "times", "ns", "dir_fd", "follow_symlinks"],
        0,
        1,
    )?;
    let p = p.ok_or_else(|| type_error("utime"))?;
    let path = path_arg(vm, &p, "utime", "path", true)?;
    let mut ts = [
        libc::timespec {
            tv_sec: 0,
            tv_nsec: libc::UTIME_NOW,
        },
        libc::timespec {
            tv_sec: 0,
            tv_nsec: libc::UTIME_NOW,
        },
    ];
    if let Some(t) = times.filter(|t| !is_none(t)) {
        let items = crate::protocol::iter::collect(vm, &t)?;
        if items.len() != 2 {
            return Err(type_error(
                "utime: 'times' must be either a tuple of two ints or None",
            ));
        }
        for (slot, v) in ts.iter_mut().zip(&items) {
            let f = crate::protocol::number::to_f64(vm, v)?;
            slot.tv_sec = f.floor() as i64;
            slot.tv_nsec = ((f - f.floor()) * 1e9) as i64;
        }
    } else if let Some(n) = ns {
        let items = crate::protocol::iter::collect(vm, &n)?;
        if items.len() != 2 {
            return Err(type_error("utime: 'ns' must be a tuple of two ints"));
        }
        for (slot, v) in ts.iter_mut().zip(&items) {
            let x = int_arg(vm, v)?;
            slot.tv_sec = x.div_euclid(1_000_000_000);
            slot.tv_nsec = x.rem_euclid(1_000_000_000);
        }
    }
    // SAFETY: NUL-terminated path, two timespecs.
    check(
        unsafe { libc::utimensat(libc::AT_FDCWD, path.c.as_ptr(), ts.as_ptr(), 0) },
        Some(&path.obj),
    )?;
    Ok(none())
}

fn int_noargs(a: Args<'_>, name: &str, v: i64) -> PyResult {
    a.no_args(name)?;
    Ok(int_from_i64(v))
}
// SAFETY (all below): these getters have no preconditions.
fn getpid(_: &Vm, a: Args<'_>) -> PyResult {
    int_noargs(a, "getpid", unsafe { libc::getpid() } as i64)
}
fn getppid(_: &Vm, a: Args<'_>) -> PyResult {
    int_noargs(a, "getppid", unsafe { libc::getppid() } as i64)
}
fn getuid(_: &Vm, a: Args<'_>) -> PyResult {
    int_noargs(a, "getuid", unsafe { libc::getuid() } as i64)
}
fn geteuid(_: &Vm, a: Args<'_>) -> PyResult {
    int_noargs(a, "geteuid", unsafe { libc::geteuid() } as i64)
}
fn getgid(_: &Vm, a: Args<'_>) -> PyResult {
    int_noargs(a, "getgid", unsafe { libc::getgid() } as i64)
}
fn getegid(_: &Vm, a: Args<'_>) -> PyResult {
    int_noargs(a, "getegid", unsafe { libc::getegid() } as i64)
}
fn getpgrp(_: &Vm, a: Args<'_>) -> PyResult {
    int_noargs(a, "getpgrp", unsafe { libc::getpgrp() } as i64)
}

fn urandom(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = int_arg(vm, a.one_arg("urandom")?)?;
    if n < 0 {
        return Err(value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut filled = 0;
    while filled < buf.len() {
        // SAFETY: writing into the unfilled tail of buf.
        let r = unsafe {
            libc::getrandom(
                buf[filled..].as_mut_ptr() as *mut libc::c_void,
                buf.len() - filled,
                0,
            )
        };
        if r < 0 {
            if modutil::errno() == libc::EINTR {
                continue;
            }
            return Err(last_os_error(None));
        }
        filled += r as usize;
    }
    Ok(PyBytes::new_ref(buf))
}

fn strerror(vm: &Vm, a: Args<'_>) -> PyResult {
    let code = int_arg(vm, a.one_arg("strerror")?)? as i32;
    // SAFETY: strerror returns a valid static/thread-local C string.
    let s = unsafe { CStr::from_ptr(libc::strerror(code)) };
    Ok(PyStr::new_ref(&s.to_string_lossy()))
}

fn fspath(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p] = a.bind("fspath", ["path"], 0, 1)?;
    let p = p.ok_or_else(|| type_error("fspath"))?;
    modutil::fspath(vm, &p)?.ok_or_else(|| {
        type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            p.class().name()
        ))
    })
}

fn raw_terminal_size(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("get_terminal_size", 0, 1)?;
    let fd = match args.first() {
        Some(f) => fd_arg(vm, f)?,
        None => 1,
    };
    // SAFETY: zeroed winsize is valid; ioctl writes into it.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ with a winsize out-pointer.
    check(unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) }, None)?;
    Ok(PyTuple::new_ref(vec![
        int_from_i64(ws.ws_col as i64),
        int_from_i64(ws.ws_row as i64),
    ]))
}

fn raw_uname(_: &Vm, _a: Args<'_>) -> PyResult {
    // SAFETY: zeroed utsname is valid; uname fills it.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: valid out-pointer.
    check(unsafe { libc::uname(&mut u) }, None)?;
    let f = |x: &[libc::c_char]| {
        let b: Vec<u8> = x
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        modutil::fs_decode(&b)
    };
    Ok(PyTuple::new_ref(vec![
        f(&u.sysname),
        f(&u.nodename),
        f(&u.release),
        f(&u.version),
        f(&u.machine),
    ]))
}

fn raw_times(_: &Vm, _a: Args<'_>) -> PyResult {
    // SAFETY: zeroed tms is valid; times fills it.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: valid out-pointer.
    let c = unsafe { libc::times(&mut t) };
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let v = [
        t.tms_utime as f64,
        t.tms_stime as f64,
        t.tms_cutime as f64,
        t.tms_cstime as f64,
        c as f64,
    ];
    Ok(PyTuple::new_ref(
        v.iter().map(|x| float_ref(x / hz)).collect(),
    ))
}

fn umask(vm: &Vm, a: Args<'_>) -> PyResult {
    let m = int_arg(vm, a.one_arg("umask")?)?;
    // SAFETY: no preconditions.
    Ok(int_from_i64(
        unsafe { libc::umask(m as libc::mode_t) } as i64
    ))
}

fn kill(vm: &Vm, a: Args<'_>) -> PyResult {
    let [pid, sig] = a.exact::<2>("kill")?;
    let (pid, sig) = (int_arg(vm, pid)? as i32, int_arg(vm, sig)? as i32);
    // SAFETY: no memory effects.
    check(unsafe { libc::kill(pid, sig) }, None)?;
    // As CPython: a signal sent to this process is handled before kill()
    // returns.
    crate::modules::_signal::run_pending(vm)?;
    Ok(none())
}

fn waitpid(vm: &Vm, a: Args<'_>) -> PyResult {
    let [pid, opts] = a.exact::<2>("waitpid")?;
    let (pid, opts) = (int_arg(vm, pid)? as i32, int_arg(vm, opts)? as i32);
    let mut status = 0;
    loop {
        // SAFETY: status is a valid out-pointer.
        let (r, e) = crate::runtime::gil::allow_threads(|| {
            (
                unsafe { libc::waitpid(pid, &mut status, opts) },
                modutil::errno(),
            )
        });
        if r < 0 && e == libc::EINTR {
            continue;
        }
        let r = check(r, None)?;
        return Ok(PyTuple::new_ref(vec![
            int_from_i64(r as i64),
            int_from_i64(status as i64),
        ]));
    }
}

/// The `W*` status macros, as one table.
type WMacro = (&'static str, fn(i32) -> i64);
static WMACROS: &[WMacro] = &[
    ("WIFEXITED", |s| libc::WIFEXITED(s) as i64),
    ("WEXITSTATUS", |s| libc::WEXITSTATUS(s) as i64),
    ("WIFSIGNALED", |s| libc::WIFSIGNALED(s) as i64),
    ("WTERMSIG", |s| libc::WTERMSIG(s) as i64),
    ("WIFSTOPPED", |s| libc::WIFSTOPPED(s) as i64),
    ("WSTOPSIG", |s| libc::WSTOPSIG(s) as i64),
    ("WIFCONTINUED", |s| libc::WIFCONTINUED(s) as i64),
    ("WCOREDUMP", |s| libc::WCOREDUMP(s) as i64),
];

/// `_raw_wmacro(index, status)`.
fn raw_wmacro(vm: &Vm, a: Args<'_>) -> PyResult {
    let [i, s] = a.exact::<2>("_raw_wmacro")?;
    let i = int_arg(vm, i)? as usize;
    let s = int_arg(vm, s)? as i32;
    let (_, f) = WMACROS.get(i).ok_or_else(|| value_error("bad macro"))?;
    Ok(int_from_i64(f(s)))
}

fn pipe(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("pipe")?;
    let mut fds = [0i32; 2];
    // SAFETY: fds has room for two ints.
    check(
        unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) },
        None,
    )?;
    Ok(PyTuple::new_ref(vec![
        int_from_i64(fds[0] as i64),
        int_from_i64(fds[1] as i64),
    ]))
}

fn dup(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = fd_arg(vm, a.one_arg("dup")?)?;
    // SAFETY: no memory effects.
    let r = check(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) }, None)?;
    Ok(int_from_i64(r as i64))
}

fn dup2(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, fd2, inh] = a.bind("dup2", ["fd", "fd2", "inheritable"], 0, 2)?;
    let (Some(fd), Some(fd2)) = (fd, fd2) else {
        return Err(type_error("dup2"));
    };
    let (fd, fd2) = (fd_arg(vm, &fd)?, fd_arg(vm, &fd2)?);
    let inheritable = match inh {
        Some(i) => crate::protocol::object::is_true(vm, &i)?,
        None => true,
    };
    // SAFETY: no memory effects.
    let r = check(
        unsafe { libc::dup3(fd, fd2, if inheritable { 0 } else { libc::O_CLOEXEC }) },
        None,
    )
    .or_else(|e| if fd == fd2 { Ok(fd) } else { Err(e) })?;
    Ok(int_from_i64(r as i64))
}

fn isatty(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = fd_arg(vm, a.one_arg("isatty")?)?;
    // SAFETY: no memory effects.
    Ok(py_bool(unsafe { libc::isatty(fd) } == 1))
}

fn get_inheritable(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = fd_arg(vm, a.one_arg("get_inheritable")?)?;
    // SAFETY: no memory effects.
    let r = check(unsafe { libc::fcntl(fd, libc::F_GETFD) }, None)?;
    Ok(py_bool(r & libc::FD_CLOEXEC == 0))
}

fn set_inheritable(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, inh] = a.exact::<2>("set_inheritable")?;
    let fd = fd_arg(vm, fd)?;
    let inh = crate::protocol::object::is_true(vm, inh)?;
    // SAFETY: no memory effects.
    let r = check(unsafe { libc::fcntl(fd, libc::F_GETFD) }, None)?;
    let nf = if inh {
        r & !libc::FD_CLOEXEC
    } else {
        r | libc::FD_CLOEXEC
    };
    // SAFETY: no memory effects.
    check(unsafe { libc::fcntl(fd, libc::F_SETFD, nf) }, None)?;
    Ok(none())
}

fn get_blocking(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = fd_arg(vm, a.one_arg("get_blocking")?)?;
    // SAFETY: no memory effects.
    let r = check(unsafe { libc::fcntl(fd, libc::F_GETFL) }, None)?;
    Ok(py_bool(r & libc::O_NONBLOCK == 0))
}

fn set_blocking(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, b] = a.exact::<2>("set_blocking")?;
    let fd = fd_arg(vm, fd)?;
    let b = crate::protocol::object::is_true(vm, b)?;
    // SAFETY: no memory effects.
    let r = check(unsafe { libc::fcntl(fd, libc::F_GETFL) }, None)?;
    let nf = if b {
        r & !libc::O_NONBLOCK
    } else {
        r | libc::O_NONBLOCK
    };
    // SAFETY: no memory effects.
    check(unsafe { libc::fcntl(fd, libc::F_SETFL, nf) }, None)?;
    Ok(none())
}

fn exit_(vm: &Vm, a: Args<'_>) -> PyResult {
    let [code] = a.bind("_exit", ["status"], 0, 1)?;
    let code = int_arg(vm, code.as_ref().ok_or_else(|| type_error("_exit"))?)? as i32;
    // SAFETY: terminates the process without running any cleanup.
    unsafe { libc::_exit(code) }
}

fn cpu_count(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("cpu_count")?;
    Ok(match std::thread::available_parallelism() {
        Ok(n) => int_from_i64(n.get() as i64),
        Err(_) => none(),
    })
}

fn device_encoding(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd] = a.bind("device_encoding", ["fd"], 0, 1)?;
    let fd = fd_arg(
        vm,
        fd.as_ref().ok_or_else(|| type_error("device_encoding"))?,
    )?;
    // SAFETY: no memory effects.
    Ok(if unsafe { libc::isatty(fd) } == 1 {
        PyStr::new_ref("UTF-8")
    } else {
        none()
    })
}

fn fork(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("fork")?;
    crate::modules::sys::flush_std_streams(vm);
    use super::posix_ext::{ForkStage, run_fork_hooks};
    run_fork_hooks(vm, ForkStage::Before);
    // SAFETY: the child continues running the same program with a copy of
    // the address space; the GIL's own mutex is held across the fork so
    // the child's copy is consistent (other threads do not exist there).
    let r = crate::runtime::gil::around_fork(|| unsafe { libc::fork() });
    if r < 0 {
        let e = last_os_error(None);
        run_fork_hooks(vm, ForkStage::Parent);
        return Err(e);
    }
    run_fork_hooks(
        vm,
        if r == 0 {
            ForkStage::Child
        } else {
            ForkStage::Parent
        },
    );
    Ok(int_from_i64(r as i64))
}

fn cstrings(vm: &Vm, o: &PyRef, fname: &str) -> PyResult<Vec<CString>> {
    let items = crate::protocol::iter::collect(vm, o)?;
    let mut out = Vec::new();
    for it in &items {
        out.push(path_arg(vm, it, fname, "args", false)?.c);
    }
    Ok(out)
}

fn execve_impl(vm: &Vm, path: &PyRef, argv: &PyRef, env: Option<&PyRef>, fname: &str) -> PyResult {
    let p = path_arg(vm, path, fname, "path", false)?;
    let args = cstrings(vm, argv, fname)?;
    if args.is_empty() {
        return Err(value_error(format!("{fname}() arg 2 must not be empty")));
    }
    let mut envs = Vec::new();
    if let Some(env) = env {
        let keys = crate::protocol::iter::collect(
            vm,
            &crate::protocol::call::call_method(vm, env, "keys", &[])?,
        )?;
        for k in keys {
            let v = crate::protocol::object::get_item(vm, env, &k)?;
            let mut kv = path_arg(vm, &k, fname, "env", false)?.c.into_bytes();
            kv.push(b'=');
            kv.extend(path_arg(vm, &v, fname, "env", false)?.c.into_bytes());
            envs.push(CString::new(kv).map_err(|_| value_error("embedded null byte"))?);
        }
    }
    let mut argp: Vec<*const libc::c_char> = args.iter().map(|c| c.as_ptr()).collect();
    argp.push(std::ptr::null());
    let mut envp: Vec<*const libc::c_char> = envs.iter().map(|c| c.as_ptr()).collect();
    envp.push(std::ptr::null());
    crate::modules::sys::flush_std_streams(vm);
    // SAFETY: all pointers are NUL-terminated strings kept alive above,
    // the arrays are NULL-terminated.
    unsafe {
        if env.is_some() {
            libc::execve(p.c.as_ptr(), argp.as_ptr(), envp.as_ptr());
        } else {
            libc::execv(p.c.as_ptr(), argp.as_ptr());
        }
    }
    Err(last_os_error(None))
}

fn execv(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, argv] = a.exact::<2>("execv")?;
    execve_impl(vm, p, argv, None, "execv")
}

fn execve(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, argv, env] = a.bind("execve", ["path", "argv", "env"], 0, 3)?;
    let (Some(p), Some(argv), Some(env)) = (p, argv, env) else {
        return Err(type_error("execve"));
    };
    execve_impl(vm, &p, &argv, Some(&env), "execve")
}

fn putenv(vm: &Vm, a: Args<'_>) -> PyResult {
    let [k, v] = a.exact::<2>("putenv")?;
    let k = path_arg(vm, k, "putenv", "name", false)?;
    let v = path_arg(vm, v, "putenv", "value", false)?;
    if k.c.as_bytes().is_empty() || k.c.as_bytes().contains(&b'=') {
        return Err(value_error("illegal environment variable name"));
    }
    // SAFETY: NUL-terminated strings; setenv copies them.
    check(unsafe { libc::setenv(k.c.as_ptr(), v.c.as_ptr(), 1) }, None)?;
    Ok(none())
}

fn unsetenv(vm: &Vm, a: Args<'_>) -> PyResult {
    let k = path_arg(vm, a.one_arg("unsetenv")?, "unsetenv", "name", false)?;
    if k.c.as_bytes().is_empty() || k.c.as_bytes().contains(&b'=') {
        return Err(value_error("illegal environment variable name"));
    }
    // SAFETY: NUL-terminated string.
    check(unsafe { libc::unsetenv(k.c.as_ptr()) }, None)?;
    Ok(none())
}

fn system(vm: &Vm, a: Args<'_>) -> PyResult {
    let [c] = a.bind("system", ["command"], 0, 1)?;
    let c = path_arg(
        vm,
        c.as_ref().ok_or_else(|| type_error("system"))?,
        "system",
        "command",
        false,
    )?;
    crate::modules::sys::flush_std_streams(vm);
    // SAFETY: NUL-terminated command.
    Ok(int_from_i64(unsafe { libc::system(c.c.as_ptr()) } as i64))
}

fn waitstatus_to_exitcode(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.bind("waitstatus_to_exitcode", ["status"], 0, 1)?;
    let s = int_arg(
        vm,
        s.as_ref()
            .ok_or_else(|| type_error("waitstatus_to_exitcode"))?,
    )? as i32;
    if libc::WIFEXITED(s) {
        return Ok(int_from_i64(libc::WEXITSTATUS(s) as i64));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(int_from_i64(-(libc::WTERMSIG(s) as i64)));
    }
    Err(value_error(format!("invalid wait status: {s}")))
}

fn environ_dict(vm: &Vm) -> PyResult {
    let d = PyDict::new_ref();
    let dd = d.downcast::<PyDict>().ok_or_else(|| type_error("dict"))?;
    use std::os::unix::ffi::OsStrExt;
    for (k, v) in std::env::vars_os() {
        dd.set_item(
            vm,
            PyBytes::new_ref(k.as_bytes().to_vec()),
            PyBytes::new_ref(v.as_bytes().to_vec()),
        )?;
    }
    Ok(d)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("_raw_stat", raw_stat),
    MethodDef::method("_raw_scandir", raw_scandir),
    MethodDef::method("_raw_terminal_size", raw_terminal_size),
    MethodDef::method("_raw_uname", raw_uname),
    MethodDef::method("_raw_times", raw_times),
    MethodDef::method("_raw_wmacro", raw_wmacro),
    MethodDef::method("getcwd", getcwd),
    MethodDef::method("getcwdb", getcwdb),
    MethodDef::method("listdir", listdir),
    MethodDef::method("open", open),
    MethodDef::method("close", close),
    MethodDef::method("closerange", closerange),
    MethodDef::method("read", read),
    MethodDef::method("write", write),
    MethodDef::method("lseek", lseek),
    MethodDef::method("fsync", fsync),
    MethodDef::method("ftruncate", ftruncate),
    MethodDef::method("rmdir", rmdir),
    MethodDef::method("unlink", unlink),
    MethodDef::method("remove", remove),
    MethodDef::method("chdir", chdir),
    MethodDef::method("mkdir", mkdir),
    MethodDef::method("chmod", chmod),
    MethodDef::method("rename", rename),
    MethodDef::method("replace", replace),
    MethodDef::method("link", link),
    MethodDef::method("symlink", symlink),
    MethodDef::method("readlink", readlink),
    MethodDef::method("access", access),
    MethodDef::method("utime", utime),
    MethodDef::method("getpid", getpid),
    MethodDef::method("getppid", getppid),
    MethodDef::method("getuid", getuid),
    MethodDef::method("geteuid", geteuid),
    MethodDef::method("getgid", getgid),
    MethodDef::method("getegid", getegid),
    MethodDef::method("getpgrp", getpgrp),
    MethodDef::method("urandom", urandom),
    MethodDef::method("strerror", strerror),
    MethodDef::method("fspath", fspath),
    MethodDef::method("umask", umask),
    MethodDef::method("kill", kill),
    MethodDef::method("waitpid", waitpid),
    MethodDef::method("pipe", pipe),
    MethodDef::method("dup", dup),
    MethodDef::method("dup2", dup2),
    MethodDef::method("isatty", isatty),
    MethodDef::method("get_inheritable", get_inheritable),
    MethodDef::method("set_inheritable", set_inheritable),
    MethodDef::method("get_blocking", get_blocking),
    MethodDef::method("set_blocking", set_blocking),
    MethodDef::method("_exit", exit_),
    MethodDef::method("cpu_count", cpu_count),
    MethodDef::method("device_encoding", device_encoding),
    MethodDef::method("fork", fork),
    MethodDef::method("execv", execv),
    MethodDef::method("execve", execve),
    MethodDef::method("putenv", putenv),
    MethodDef::method("unsetenv", unsetenv),
    MethodDef::method("system", system),
    MethodDef::method("waitstatus_to_exitcode", waitstatus_to_exitcode),
];

/// Integer constants, defined once.
static CONSTANTS: &[(&str, i64)] = &[
    ("F_OK", libc::F_OK as i64),
    ("R_OK", libc::R_OK as i64),
    ("W_OK", libc::W_OK as i64),
    ("X_OK", libc::X_OK as i64),
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("O_NONBLOCK", libc::O_NONBLOCK as i64),
    ("O_NDELAY", libc::O_NDELAY as i64),
    ("O_SYNC", libc::O_SYNC as i64),
    ("O_DSYNC", libc::O_DSYNC as i64),
    ("O_NOCTTY", libc::O_NOCTTY as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("O_DIRECTORY", libc::O_DIRECTORY as i64),
    ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
    ("O_ACCMODE", libc::O_ACCMODE as i64),
    ("O_TMPFILE", libc::O_TMPFILE as i64),
    ("O_NOATIME", libc::O_NOATIME as i64),
    ("O_PATH", libc::O_PATH as i64),
    ("SEEK_SET", libc::SEEK_SET as i64),
    ("SEEK_CUR", libc::SEEK_CUR as i64),
    ("SEEK_END", libc::SEEK_END as i64),
    ("SEEK_DATA", libc::SEEK_DATA as i64),
    ("SEEK_HOLE", libc::SEEK_HOLE as i64),
    ("WNOHANG", libc::WNOHANG as i64),
    ("WUNTRACED", libc::WUNTRACED as i64),
    ("WCONTINUED", libc::WCONTINUED as i64),
    ("EX_OK", 0),
    ("P_PID", libc::P_PID as i64),
    ("P_ALL", libc::P_ALL as i64),
];

/// Names listed in `_have_functions` (what `os.supports_*` are built from).
static HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_FCHMOD",
    "HAVE_FSTATAT",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_LSTAT",
    "HAVE_UTIMENSAT",
];

/// The Python half (see the module comment).
const PRELUDE: &str = r#"
class stat_result(tuple):
    "stat_result: Result from stat, fstat, or lstat."
    __module__ = 'os'
    n_sequence_fields = 10
    n_fields = 19
    n_unnamed_fields = 3
    _names = ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size')
    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        if len(seq) < 10:
            raise TypeError('os.stat_result() takes an at least 10-sequence (%d-sequence given)' % len(seq))
        if len(seq) > 19:
            raise TypeError('os.stat_result() takes an at most 19-sequence (%d-sequence given)' % len(seq))
        self = tuple.__new__(cls, seq[:10])
        extra = list(seq[10:]) + [None] * (19 - len(seq))
        for i in range(3):
            if extra[i] is None:
                extra[i] = seq[7 + i]
        self.__dict__['_extra'] = tuple(extra)
        return self
    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")
    def __repr__(self):
        names = self._names + ('st_atime', 'st_mtime', 'st_ctime')
        return 'os.stat_result(' + ', '.join('%s=%r' % (n, v) for n, v in zip(names, self)) + ')'
    def __reduce__(self):
        return (stat_result, (tuple(self) + self._extra,))
    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self._extra[0])
    st_mtime = property(lambda self: self._extra[1])
    st_ctime = property(lambda self: self._extra[2])
    st_atime_ns = property(lambda self: self._extra[3])
    st_mtime_ns = property(lambda self: self._extra[4])
    st_ctime_ns = property(lambda self: self._extra[5])
    st_blksize = property(lambda self: self._extra[6])
    st_blocks = property(lambda self: self._extra[7])
    st_rdev = property(lambda self: self._extra[8])

def _make_stat(t):
    secs = t[7:10]
    nsecs = t[10:13]
    return stat_result(t[:10] + tuple(s + n * 1e-9 for s, n in zip(secs, nsecs))
                       + tuple(s * 1000000000 + n for s, n in zip(secs, nsecs)) + t[13:16])

def stat(path, *, dir_fd=None, follow_symlinks=True, _raw=_raw_stat, _mk=_make_stat):
    return _mk(_raw(path, follow_symlinks, 'stat', dir_fd))

def lstat(path, *, dir_fd=None, _raw=_raw_stat, _mk=_make_stat):
    return _mk(_raw(path, False, 'lstat', dir_fd))

def fstat(fd, _raw=_raw_stat, _mk=_make_stat):
    if not isinstance(fd, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(fd).__name__)
    return _mk(_raw(fd, True, 'fstat'))

def _simple_seq(modname, name, fields, doc):
    n = len(fields)
    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        if len(seq) != n:
            raise TypeError('%s.%s() takes a %d-sequence (%d-sequence given)' % (modname, name, n, len(seq)))
        return tuple.__new__(cls, seq)
    def __repr__(self):
        return '%s.%s(' % (modname, name) + ', '.join('%s=%r' % p for p in zip(fields, self)) + ')'
    def __reduce__(self):
        return (type(self), (tuple(self),))
    ns = {'__new__': __new__, '__repr__': __repr__, '__reduce__': __reduce__, '__slots__': (),
          '__module__': modname, '__doc__': doc, 'n_sequence_fields': n, 'n_fields': n, 'n_unnamed_fields': 0}
    for i, f in enumerate(fields):
        ns[f] = property(lambda self, i=i: tuple.__getitem__(self, i))
    return type(name, (tuple,), ns)

terminal_size = _simple_seq('os', 'terminal_size', ('columns', 'lines'), 'A tuple of (columns, lines) for holding terminal window size')
uname_result = _simple_seq('posix', 'uname_result', ('sysname', 'nodename', 'release', 'version', 'machine'), 'uname_result: Result from os.uname().')
times_result = _simple_seq('posix', 'times_result', ('user', 'system', 'children_user', 'children_system', 'elapsed'), 'times_result: Result from os.times().')

def get_terminal_size(*args, _raw=_raw_terminal_size):
    return terminal_size(_raw(*args))
def uname(_raw=_raw_uname):
    return uname_result(_raw())
def times(_raw=_raw_times):
    return times_result(_raw())

def _wmacro(i, name):
    def f(status, _raw=_raw_wmacro, _i=i):
        r = _raw(_i, status)
        return r if name in ('WEXITSTATUS', 'WTERMSIG', 'WSTOPSIG') else bool(r)
    f.__name__ = f.__qualname__ = name
    return f
for _i, _n in enumerate(('WIFEXITED', 'WEXITSTATUS', 'WIFSIGNALED', 'WTERMSIG', 'WIFSTOPPED', 'WSTOPSIG', 'WIFCONTINUED', 'WCOREDUMP')):
    globals()[_n] = _wmacro(_i, _n)

_DT_DIR, _DT_REG, _DT_LNK, _DT_UNKNOWN = 4, 8, 10, 0

class DirEntry:
    __module__ = 'posix'
    def __init__(self, *a, **k):
        raise TypeError("cannot create 'posix.DirEntry' instances")
    @classmethod
    def _make(cls, dirpath, name, dtype, ino, as_bytes):
        self = object.__new__(cls)
        self.name = name
        if dirpath in ('.', b'.') and not self._explicit_dot:
            self.path = name
        else:
            sep = b'/' if as_bytes else '/'
            self.path = dirpath + name if dirpath.endswith(sep) else dirpath + sep + name
        self._dtype = dtype
        self._ino = ino
        self._stat = None
        self._lstat = None
        return self
    _explicit_dot = False
    def __repr__(self):
        return '<DirEntry %r>' % (self.name,)
    def __fspath__(self):
        return self.path
    def inode(self):
        return self._ino
    def stat(self, *, follow_symlinks=True):
        if not follow_symlinks:
            if self._lstat is None:
                self._lstat = lstat(self.path)
            return self._lstat
        if self._stat is None:
            if self.is_symlink():
                self._stat = stat(self.path)
            else:
                self._stat = self.stat(follow_symlinks=False)
        return self._stat
    def _mode_is(self, fmt, follow_symlinks):
        try:
            return (self.stat(follow_symlinks=follow_symlinks).st_mode & 0o170000) == fmt
        except FileNotFoundError:
            return False
    def is_dir(self, *, follow_symlinks=True):
        if self._dtype != _DT_UNKNOWN and not (follow_symlinks and self._dtype == _DT_LNK):
            return self._dtype == _DT_DIR
        return self._mode_is(0o040000, follow_symlinks)
    def is_file(self, *, follow_symlinks=True):
        if self._dtype != _DT_UNKNOWN and not (follow_symlinks and self._dtype == _DT_LNK):
            return self._dtype == _DT_REG
        return self._mode_is(0o100000, follow_symlinks)
    def is_symlink(self):
        if self._dtype != _DT_UNKNOWN:
            return self._dtype == _DT_LNK
        return self._mode_is(0o120000, False)
    @classmethod
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

class ScandirIterator:
    __module__ = 'posix'
    def __init__(self, *a, **k):
        raise TypeError("cannot create 'posix.ScandirIterator' instances")
    def __iter__(self):
        return self
    def __next__(self):
        if self._it is None:
            raise StopIteration
        for item in self._it:
            return item
        self._it = None
        raise StopIteration
    def close(self):
        self._it = None
    def __enter__(self):
        return self
    def __exit__(self, *a):
        self._it = None

def scandir(path=None, _raw=_raw_scandir, _DE=DirEntry, _SI=ScandirIterator):
    explicit = path is not None
    if path is None:
        path = '.'
    if not isinstance(path, (str, bytes)):
        path = fspath(path)
    names, as_bytes = _raw(path)
    entries = []
    for name, dtype, ino in names:
        e = _DE._make(path, name, dtype, ino, as_bytes)
        if explicit and path in ('.', b'.'):
            sep = b'/' if as_bytes else '/'
            e.path = path + sep + name
        entries.append(e)
    it = object.__new__(_SI)
    it._it = iter(entries)
    return it

del _raw_stat, _raw_scandir, _raw_terminal_size, _raw_uname, _raw_times, _raw_wmacro, _wmacro, _i, _n, _simple_seq, _make_stat
"#;

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "posix",
        "This module provides access to operating system functionality that is\nstandardized by the C Standard and the POSIX standard (a thinly\ndisguised Unix interface).  Refer to the library manual and\ncorresponding Unix manual entries for more information on calls.",
        FUNCTIONS,
    )?;
    for (n, v) in CONSTANTS {
        modutil::set(&m, n, int_from_i64(*v));
    }
    for (n, v) in super::posix_ext::CONSTANTS {
        modutil::set(&m, n, int_from_i64(*v));
    }
    for f in super::posix_ext::FUNCTIONS {
        modutil::set(
            &m,
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    super::posix_ext::init(vm, &m)?;
    modutil::set(
        &m,
        "_have_functions",
        PyList::new_ref(
            HAVE_FUNCTIONS
                .iter()
                .chain(super::posix_ext::HAVE_FUNCTIONS)
                .map(|s| PyStr::new_ref(s))
                .collect(),
        ),
    );
    modutil::set(&m, "environ", environ_dict(vm)?);
    modutil::set(&m, "error", crate::types::exceptions::OS_ERROR.to_ref());
    modutil::run_prelude(vm, &m, "<posix>", PRELUDE)?;
    modutil::run_prelude(vm, &m, "<posix>", super::posix_ext::PRELUDE)?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use crate::types::dict::PyDict;
    use crate::types::str::PyStr;
    use crate::vm::{Config, Vm};

    /// Runs `src` in a fresh namespace and returns `str(result)`.
    fn run(src: &str) -> String {
        let vm = Vm::new(Config::default());
        let g = PyDict::new_ref();
        if let Some(d) = g.downcast::<PyDict>() {
            d.set_str(PyStr::intern("__name__"), PyStr::new_ref("__main__"));
        }
        let code = crate::interp::builtins::compile_source(
            &vm,
            src.as_bytes(),
            "<test>",
            taipan_compiler::Mode::Exec,
            0,
        )
        .expect("compiles");
        if let Err(e) = crate::interp::builtins::run_code(&vm, &code, &g, None) {
            panic!(
                "{}",
                crate::interp::traceback::format_exception(&vm, e.value())
            );
        }
        let r = g
            .downcast::<PyDict>()
            .and_then(|d| d.get_rust_str("result"))
            .expect("result set");
        crate::protocol::object::str_string(&vm, &r).expect("str")
    }

    #[test]
    fn wait_macros_decode_exit_status() {
        let st = 3 << 8;
        assert!(libc::WIFEXITED(st));
        assert_eq!(libc::WEXITSTATUS(st), 3);
    }

    #[test]
    fn stat_and_errors() {
        let r = run("import posix\n\
             st = posix.stat('/')\n\
             try:\n    posix.stat('/no/such/file')\n\
             except FileNotFoundError as e:\n    err = (e.errno, e.filename)\n\
             result = (st.st_mode & 0o170000 == 0o040000, len(st), type(st.st_mtime).__name__, err)");
        assert_eq!(r, "(True, 10, 'float', (2, '/no/such/file'))");
    }

    #[test]
    fn fd_round_trip_through_pipe() {
        let r = run("import posix\n\
             r, w = posix.pipe()\n\
             n = posix.write(w, b'abc')\n\
             data = posix.read(r, 10)\n\
             posix.close(r); posix.close(w)\n\
             result = (n, data)");
        assert_eq!(r, "(3, b'abc')");
    }

    #[test]
    fn errno_time_and_io() {
        let r = run("import errno, time, _io\n\
             t = time.gmtime(0)\n\
             b = _io.BytesIO(b'x\\ny'); s = _io.StringIO('a\\r\\nb', newline=None)\n\
             result = (errno.errorcode[errno.ENOENT], t.tm_year, t[6], time.strftime('%Y', t),\n\
                       b.readline(), s.readlines())");
        assert_eq!(r, "('ENOENT', 1970, 3, '1970', b'x\\n', ['a\\n', 'b'])");
    }

    #[test]
    fn warnings_filters_and_once() {
        let r = run("import _warnings\n\
             _warnings.filters[:] = [('error', None, RuntimeWarning, None, 0)]\n\
             try:\n    _warnings.warn('x', RuntimeWarning)\n    caught = False\n\
             except RuntimeWarning:\n    caught = True\n\
             result = caught");
        assert_eq!(r, "True");
    }
}
