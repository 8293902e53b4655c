//! The second half of the `posix` module (see `posix.rs` for the first):
//! fork hooks (`register_at_fork`), process groups and sessions, ids,
//! `sysconf`/`confstr`/`pathconf` with their name tables, CPU affinity,
//! `truncate`, `pipe2`, ownership and the other calls `shutil`,
//! `tempfile`, `subprocess` and `platform` reach for.  The functions are
//! installed into the same module object by `posix::make_module`.

use std::cell::RefCell;
use std::ffi::CStr;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bytes::PyBytes;
use crate::types::dict::PyDict;
use crate::types::float::float_ref;
use crate::types::int::{int_from_i64, to_i64};
use crate::types::none::{is_none, none};
use crate::types::set::PySet;
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
    i32::try_from(v).map_err(|_| crate::error::overflow_error("fd is greater than maximum"))
}

fn check(r: libc::c_int) -> PyResult<libc::c_int> {
    if r < 0 {
        Err(last_os_error(None))
    } else {
        Ok(r)
    }
}

fn check_path(r: libc::c_int, p: &PyRef) -> PyResult<()> {
    if r < 0 {
        Err(last_os_error(Some(p)))
    } else {
        Ok(())
    }
}

// ---------------------------------------------------------------- fork hooks

/// Callables registered with `register_at_fork`, per kind.
#[derive(Default)]
struct ForkHooks {
    before: Vec<PyRef>,
    after_in_child: Vec<PyRef>,
    after_in_parent: Vec<PyRef>,
}

static FORK_HOOKS: crate::runtime::gil::GilLazy<RefCell<ForkHooks>> =
    crate::runtime::gil::GilLazy::new(|| RefCell::new(ForkHooks::default()));

fn register_at_fork(_: &Vm, a: Args<'_>) -> PyResult {
    if !a.positional().is_empty() {
        return Err(type_error(format!(
            "register_at_fork() takes exactly 0 positional arguments ({} given)",
            a.positional().len()
        )));
    }
    let [before, child, parent] = a.bind(
        "register_at_fork",
        ["before", "after_in_child", "after_in_parent"],
        0,
        0,
    )?;
    let given: Vec<(&str, PyRef)> = [
        ("before", before),
        ("after_in_child", child),
        ("after_in_parent", parent),
    ]
    .into_iter()
    .filter_map(|(n, v)| v.filter(|v| !is_none(v)).map(|v| (n, v)))
    .collect();
    if given.is_empty() {
        return Err(type_error("At least one argument is required."));
    }
    for (n, v) in &given {
        if !crate::protocol::call::callable(v) {
            return Err(type_error(format!(
                "'{n}' must be callable, not {}",
                v.class().name()
            )));
        }
    }
    FORK_HOOKS.with(|h| {
        let mut h = h.borrow_mut();
        for (n, v) in given {
            match n {
                "before" => h.before.push(v),
                "after_in_child" => h.after_in_child.push(v),
                _ => h.after_in_parent.push(v),
            }
        }
    });
    Ok(none())
}

/// Which moment of a fork the hooks are run for.
#[derive(Clone, Copy)]
pub enum ForkStage {
    Before,
    Child,
    Parent,
}

/// Runs the `register_at_fork` hooks of `stage` (before-hooks last
/// registered first, like CPython); exceptions are reported, not raised.
pub fn run_fork_hooks(vm: &Vm, stage: ForkStage) {
    let hooks: Vec<PyRef> = FORK_HOOKS.with(|h| {
        let h = h.borrow();
        match stage {
            ForkStage::Before => h.before.iter().rev().cloned().collect(),
            ForkStage::Child => h.after_in_child.clone(),
            ForkStage::Parent => h.after_in_parent.clone(),
        }
    });
    for f in hooks {
        if let Err(e) = crate::protocol::call::call_pos(vm, &f, &[]) {
            vm.write_unraisable(&e, Some(&f), "Exception ignored in");
        }
    }
}

// ------------------------------------------------------- processes and ids

fn noargs_int(a: Args<'_>, name: &str, f: impl FnOnce() -> libc::c_int) -> PyResult {
    a.no_args(name)?;
    Ok(int_from_i64(check(f())? as i64))
}

fn setsid(_: &Vm, a: Args<'_>) -> PyResult {
    // SAFETY: no memory effects.
    noargs_int(a, "setsid", || unsafe { libc::setsid() }).map(|_| none())
}

fn getsid(vm: &Vm, a: Args<'_>) -> PyResult {
    let pid = int_arg(vm, a.one_arg("getsid")?)? as libc::pid_t;
    // SAFETY: no memory effects.
    Ok(int_from_i64(check(unsafe { libc::getsid(pid) })? as i64))
}

fn getpgid(vm: &Vm, a: Args<'_>) -> PyResult {
    let pid = int_arg(vm, a.one_arg("getpgid")?)? as libc::pid_t;
    // SAFETY: no memory effects.
    Ok(int_from_i64(check(unsafe { libc::getpgid(pid) })? as i64))
}

fn setpgid(vm: &Vm, a: Args<'_>) -> PyResult {
    let [pid, pg] = a.exact::<2>("setpgid")?;
    let (pid, pg) = (int_arg(vm, pid)?, int_arg(vm, pg)?);
    // SAFETY: no memory effects.
    check(unsafe { libc::setpgid(pid as libc::pid_t, pg as libc::pid_t) })?;
    Ok(none())
}

fn setpgrp(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("setpgrp")?;
    // SAFETY: no memory effects.
    check(unsafe { libc::setpgid(0, 0) })?;
    Ok(none())
}

fn killpg(vm: &Vm, a: Args<'_>) -> PyResult {
    let [pg, sig] = a.exact::<2>("killpg")?;
    let (pg, sig) = (int_arg(vm, pg)?, int_arg(vm, sig)?);
    // SAFETY: no memory effects.
    check(unsafe { libc::killpg(pg as libc::pid_t, sig as libc::c_int) })?;
    Ok(none())
}

fn id_setter(vm: &Vm, a: Args<'_>, name: &str, f: unsafe extern "C" fn(u32) -> i32) -> PyResult {
    let v = int_arg(vm, a.one_arg(name)?)?;
    let v = u32::try_from(v)
        .map_err(|_| crate::error::overflow_error(format!("{name} out of range")))?;
    // SAFETY: `f` is one of the libc set*id calls; no memory effects.
    check(unsafe { f(v) })?;
    Ok(none())
}

fn setuid(vm: &Vm, a: Args<'_>) -> PyResult {
    id_setter(vm, a, "setuid", libc::setuid)
}
fn setgid(vm: &Vm, a: Args<'_>) -> PyResult {
    id_setter(vm, a, "setgid", libc::setgid)
}
fn seteuid(vm: &Vm, a: Args<'_>) -> PyResult {
    id_setter(vm, a, "seteuid", libc::seteuid)
}
fn setegid(vm: &Vm, a: Args<'_>) -> PyResult {
    id_setter(vm, a, "setegid", libc::setegid)
}

fn getgroups(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getgroups")?;
    // SAFETY: a zero-sized query returns the count only.
    let n = check(unsafe { libc::getgroups(0, std::ptr::null_mut()) })?;
    let mut v = vec![0 as libc::gid_t; n as usize];
    // SAFETY: `v` has room for `n` entries.
    let n = check(unsafe { libc::getgroups(n, v.as_mut_ptr()) })?;
    v.truncate(n as usize);
    Ok(crate::types::list::PyList::new_ref(
        v.iter().map(|&g| int_from_i64(g as i64)).collect(),
    ))
}

fn getresids(a: Args<'_>, name: &str, uid: bool) -> PyResult {
    a.no_args(name)?;
    let (mut r, mut e, mut s) = (0u32, 0u32, 0u32);
    // SAFETY: three valid out-pointers.
    let rc = unsafe {
        if uid {
            libc::getresuid(&mut r, &mut e, &mut s)
        } else {
            libc::getresgid(&mut r, &mut e, &mut s)
        }
    };
    check(rc)?;
    Ok(PyTuple::new_ref(vec![
        int_from_i64(r as i64),
        int_from_i64(e as i64),
        int_from_i64(s as i64),
    ]))
}

fn getresuid(_: &Vm, a: Args<'_>) -> PyResult {
    getresids(a, "getresuid", true)
}
fn getresgid(_: &Vm, a: Args<'_>) -> PyResult {
    getresids(a, "getresgid", false)
}

fn getlogin(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getlogin")?;
    // SAFETY: getlogin returns NULL or a static NUL-terminated string.
    let p = unsafe { libc::getlogin() };
    if p.is_null() {
        let e = modutil::errno();
        return Err(if e != 0 {
            modutil::os_error(e, None)
        } else {
            crate::error::os_error("unable to determine login name")
        });
    }
    // SAFETY: non-null, NUL-terminated.
    let b = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
    Ok(modutil::fs_decode(&b))
}

fn nice(vm: &Vm, a: Args<'_>) -> PyResult {
    let inc = int_arg(vm, a.one_arg("nice")?)? as libc::c_int;
    // SAFETY: errno is thread-local; nice has no memory effects.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: as above.
    let r = unsafe { libc::nice(inc) };
    if r == -1 && modutil::errno() != 0 {
        return Err(last_os_error(None));
    }
    Ok(int_from_i64(r as i64))
}

fn getloadavg(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getloadavg")?;
    let mut l = [0f64; 3];
    // SAFETY: room for three doubles.
    if unsafe { libc::getloadavg(l.as_mut_ptr(), 3) } != 3 {
        return Err(crate::error::os_error("Load averages are unobtainable"));
    }
    Ok(PyTuple::new_ref(l.iter().map(|&x| float_ref(x)).collect()))
}

fn abort(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("abort")?;
    // SAFETY: terminates the process.
    unsafe { libc::abort() }
}

fn wait(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("wait")?;
    let mut st = 0;
    loop {
        // SAFETY: valid out-pointer.
        let pid = unsafe { libc::wait(&mut st) };
        if pid < 0 {
            if modutil::errno() == libc::EINTR {
                continue;
            }
            return Err(last_os_error(None));
        }
        return Ok(PyTuple::new_ref(vec![
            int_from_i64(pid as i64),
            int_from_i64(st as i64),
        ]));
    }
}

fn sched_yield(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("sched_yield")?;
    // SAFETY: no memory effects.
    unsafe { libc::sched_yield() };
    Ok(none())
}

fn sched_getaffinity(vm: &Vm, a: Args<'_>) -> PyResult {
    let pid = int_arg(vm, a.one_arg("sched_getaffinity")?)? as libc::pid_t;
    // SAFETY: a zeroed cpu_set_t is an empty set; the call fills it.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: size and pointer describe `set`.
    check(unsafe {
        libc::sched_getaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &mut set)
    })?;
    let out = PySet::default();
    for cpu in 0..(8 * std::mem::size_of::<libc::cpu_set_t>()) {
        // SAFETY: `cpu` is within the set's bit size.
        if unsafe { libc::CPU_ISSET(cpu, &set) } {
            out.add(vm, int_from_i64(cpu as i64))?;
        }
    }
    Ok(crate::object::alloc(out))
}

// ------------------------------------------------------------- file system

fn pipe2(vm: &Vm, a: Args<'_>) -> PyResult {
    let flags = int_arg(vm, a.one_arg("pipe2")?)? as libc::c_int;
    let mut fds = [0i32; 2];
    // SAFETY: room for two fds.
    check(unsafe { libc::pipe2(fds.as_mut_ptr(), flags) })?;
    Ok(PyTuple::new_ref(vec![
        int_from_i64(fds[0] as i64),
        int_from_i64(fds[1] as i64),
    ]))
}

fn truncate(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, len] = a.bind("truncate", ["path", "length"], 0, 2)?;
    let (Some(p), Some(len)) = (p, len) else {
        return Err(type_error("truncate"));
    };
    let len = int_arg(vm, &len)?;
    if let Some(fd) = to_i64(&p) {
        // SAFETY: no memory effects.
        check(unsafe { libc::ftruncate(fd as i32, len) })?;
        return Ok(none());
    }
    let pa = path_arg(vm, &p, "truncate", "path", true)?;
    // SAFETY: NUL-terminated path.
    check_path(unsafe { libc::truncate(pa.c.as_ptr(), len) }, &p)?;
    Ok(none())
}

fn fchmod(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, mode] = a.bind("fchmod", ["fd", "mode"], 0, 2)?;
    let (Some(fd), Some(mode)) = (fd, mode) else {
        return Err(type_error("fchmod"));
    };
    let (fd, mode) = (fd_arg(vm, &fd)?, int_arg(vm, &mode)?);
    // SAFETY: no memory effects.
    check(unsafe { libc::fchmod(fd, mode as libc::mode_t) })?;
    Ok(none())
}

fn fchdir(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = fd_arg(vm, a.one_arg("fchdir")?)?;
    // SAFETY: no memory effects.
    check(unsafe { libc::fchdir(fd) })?;
    Ok(none())
}

fn fdatasync(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = crate::types::int::as_ssize(vm, a.one_arg("fdatasync")?)? as i32;
    // SAFETY: no memory effects.
    check(unsafe { libc::fdatasync(fd) })?;
    Ok(none())
}

fn sync(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("sync")?;
    // SAFETY: no memory effects.
    unsafe { libc::sync() };
    Ok(none())
}

fn chown_impl(vm: &Vm, a: Args<'_>, name: &str, follow_default: bool) -> PyResult {
    let [p, uid, gid, _dir_fd, follow] = a.bind(
        name,
        ["path", "uid", "gid", "dir_fd", "follow_symlinks"],
        0,
        3,
    )?;
    let (Some(p), Some(uid), Some(gid)) = (p, uid, gid) else {
        return Err(type_error(name.to_string()));
    };
    let uid = int_arg(vm, &uid)? as libc::uid_t;
    let gid = int_arg(vm, &gid)? as libc::gid_t;
    let follow = match follow {
        Some(f) => crate::protocol::object::is_true(vm, &f)?,
        None => follow_default,
    };
    if let Some(fd) = to_i64(&p) {
        // SAFETY: no memory effects.
        check(unsafe { libc::fchown(fd as i32, uid, gid) })?;
        return Ok(none());
    }
    let pa = path_arg(vm, &p, name, "path", true)?;
    // SAFETY: NUL-terminated path.
    let r = unsafe {
        if follow {
            libc::chown(pa.c.as_ptr(), uid, gid)
        } else {
            libc::lchown(pa.c.as_ptr(), uid, gid)
        }
    };
    check_path(r, &p)?;
    Ok(none())
}

fn chown(vm: &Vm, a: Args<'_>) -> PyResult {
    chown_impl(vm, a, "chown", true)
}
fn lchown(vm: &Vm, a: Args<'_>) -> PyResult {
    chown_impl(vm, a, "lchown", false)
}
fn fchown(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, uid, gid] = a.exact::<3>("fchown")?;
    let fd = fd_arg(vm, fd)?;
    // SAFETY: no memory effects.
    check(unsafe {
        libc::fchown(
            fd,
            int_arg(vm, uid)? as libc::uid_t,
            int_arg(vm, gid)? as libc::gid_t,
        )
    })?;
    Ok(none())
}

fn mkfifo(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, mode, _dir_fd] = a.bind("mkfifo", ["path", "mode", "dir_fd"], 0, 1)?;
    let p = p.ok_or_else(|| type_error("mkfifo"))?;
    let mode = match mode {
        Some(m) => int_arg(vm, &m)?,
        None => 0o666,
    };
    let pa = path_arg(vm, &p, "mkfifo", "path", false)?;
    // SAFETY: NUL-terminated path.
    check_path(
        unsafe { libc::mkfifo(pa.c.as_ptr(), mode as libc::mode_t) },
        &p,
    )?;
    Ok(none())
}

fn major(vm: &Vm, a: Args<'_>) -> PyResult {
    let d = int_arg(vm, a.one_arg("major")?)? as libc::dev_t;
    Ok(int_from_i64(libc::major(d) as i64))
}
fn minor(vm: &Vm, a: Args<'_>) -> PyResult {
    let d = int_arg(vm, a.one_arg("minor")?)? as libc::dev_t;
    Ok(int_from_i64(libc::minor(d) as i64))
}
fn makedev(vm: &Vm, a: Args<'_>) -> PyResult {
    let [ma, mi] = a.exact::<2>("makedev")?;
    let (ma, mi) = (int_arg(vm, ma)? as u32, int_arg(vm, mi)? as u32);
    Ok(int_from_i64(libc::makedev(ma, mi) as i64))
}

/// `_raw_statvfs(path_or_fd)`: the fields of `os.statvfs_result` in order.
fn raw_statvfs(vm: &Vm, a: Args<'_>) -> PyResult {
    let p = a.one_arg("statvfs")?;
    // SAFETY: zeroed statvfs is a valid out-buffer.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if let Some(fd) = to_i64(p) {
        // SAFETY: valid out-pointer.
        check(unsafe { libc::fstatvfs(fd as i32, &mut st) })?;
    } else {
        let pa = path_arg(vm, p, "statvfs", "path", true)?;
        // SAFETY: NUL-terminated path, valid out-pointer.
        check_path(unsafe { libc::statvfs(pa.c.as_ptr(), &mut st) }, p)?;
    }
    let v = [
        st.f_bsize as i64,
        st.f_frsize as i64,
        st.f_blocks as i64,
        st.f_bfree as i64,
        st.f_bavail as i64,
        st.f_files as i64,
        st.f_ffree as i64,
        st.f_favail as i64,
        st.f_flag as i64,
        st.f_namemax as i64,
        st.f_fsid as i64,
    ];
    Ok(PyTuple::new_ref(
        v.iter().map(|&x| int_from_i64(x)).collect(),
    ))
}

fn pread(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, n, off] = a.exact::<3>("pread")?;
    let (fd, n, off) = (fd_arg(vm, fd)?, int_arg(vm, n)?, int_arg(vm, off)?);
    if n < 0 {
        return Err(value_error("negative buffersize in pread"));
    }
    let mut buf = vec![0u8; n as usize];
    loop {
        // SAFETY: `buf` has `n` writable bytes.
        let r = unsafe { libc::pread(fd, buf.as_mut_ptr().cast(), buf.len(), off) };
        if r < 0 {
            if modutil::errno() == libc::EINTR {
                continue;
            }
            return Err(last_os_error(None));
        }
        buf.truncate(r as usize);
        return Ok(PyBytes::new_ref(buf));
    }
}

fn pwrite(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, data, off] = a.exact::<3>("pwrite")?;
    let (fd, off) = (fd_arg(vm, fd)?, int_arg(vm, off)?);
    let data = super::posix::bytes_like(data, "pwrite")?;
    loop {
        // SAFETY: `data` is readable for its length.
        let r = unsafe { libc::pwrite(fd, data.as_ptr().cast(), data.len(), off) };
        if r < 0 {
            if modutil::errno() == libc::EINTR {
                continue;
            }
            return Err(last_os_error(None));
        }
        return Ok(int_from_i64(r as i64));
    }
}

fn ttyname(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = fd_arg(vm, a.one_arg("ttyname")?)?;
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: `buf` is writable for its length.
    let r = unsafe { libc::ttyname_r(fd, buf.as_mut_ptr(), buf.len()) };
    if r != 0 {
        return Err(modutil::os_error(r, None));
    }
    // SAFETY: ttyname_r NUL-terminates on success.
    let b = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes().to_vec();
    Ok(modutil::fs_decode(&b))
}

// --------------------------------------------------- sysconf and friends

/// `os.sysconf_names` (names CPython 3.11 knows on Linux, as libc has them).
static SYSCONF_NAMES: &[(&str, libc::c_int)] = &[
    ("SC_ARG_MAX", libc::_SC_ARG_MAX),
    ("SC_CHILD_MAX", libc::_SC_CHILD_MAX),
    ("SC_CLK_TCK", libc::_SC_CLK_TCK),
    ("SC_NGROUPS_MAX", libc::_SC_NGROUPS_MAX),
    ("SC_OPEN_MAX", libc::_SC_OPEN_MAX),
    ("SC_STREAM_MAX", libc::_SC_STREAM_MAX),
    ("SC_TZNAME_MAX", libc::_SC_TZNAME_MAX),
    ("SC_JOB_CONTROL", libc::_SC_JOB_CONTROL),
    ("SC_SAVED_IDS", libc::_SC_SAVED_IDS),
    ("SC_VERSION", libc::_SC_VERSION),
    ("SC_PAGESIZE", libc::_SC_PAGESIZE),
    ("SC_PAGE_SIZE", libc::_SC_PAGE_SIZE),
    ("SC_NPROCESSORS_CONF", libc::_SC_NPROCESSORS_CONF),
    ("SC_NPROCESSORS_ONLN", libc::_SC_NPROCESSORS_ONLN),
    ("SC_PHYS_PAGES", libc::_SC_PHYS_PAGES),
    ("SC_AVPHYS_PAGES", libc::_SC_AVPHYS_PAGES),
    ("SC_IOV_MAX", libc::_SC_IOV_MAX),
    ("SC_LINE_MAX", libc::_SC_LINE_MAX),
    ("SC_HOST_NAME_MAX", libc::_SC_HOST_NAME_MAX),
    ("SC_LOGIN_NAME_MAX", libc::_SC_LOGIN_NAME_MAX),
    ("SC_TTY_NAME_MAX", libc::_SC_TTY_NAME_MAX),
    ("SC_GETPW_R_SIZE_MAX", libc::_SC_GETPW_R_SIZE_MAX),
    ("SC_GETGR_R_SIZE_MAX", libc::_SC_GETGR_R_SIZE_MAX),
    ("SC_SEM_NSEMS_MAX", libc::_SC_SEM_NSEMS_MAX),
    ("SC_SEM_VALUE_MAX", libc::_SC_SEM_VALUE_MAX),
    ("SC_SIGQUEUE_MAX", libc::_SC_SIGQUEUE_MAX),
    ("SC_TIMER_MAX", libc::_SC_TIMER_MAX),
    ("SC_THREAD_STACK_MIN", libc::_SC_THREAD_STACK_MIN),
    ("SC_THREAD_THREADS_MAX", libc::_SC_THREAD_THREADS_MAX),
    ("SC_MINSIGSTKSZ", 249),
];

/// `os.confstr_names`.
static CONFSTR_NAMES: &[(&str, libc::c_int)] = &[
    ("CS_PATH", libc::_CS_PATH),
    ("CS_GNU_LIBC_VERSION", libc::_CS_GNU_LIBC_VERSION),
    ("CS_GNU_LIBPTHREAD_VERSION", 3),
];

/// `os.pathconf_names`.
static PATHCONF_NAMES: &[(&str, libc::c_int)] = &[
    ("PC_LINK_MAX", libc::_PC_LINK_MAX),
    ("PC_MAX_CANON", libc::_PC_MAX_CANON),
    ("PC_MAX_INPUT", libc::_PC_MAX_INPUT),
    ("PC_NAME_MAX", libc::_PC_NAME_MAX),
    ("PC_PATH_MAX", libc::_PC_PATH_MAX),
    ("PC_PIPE_BUF", libc::_PC_PIPE_BUF),
    ("PC_CHOWN_RESTRICTED", libc::_PC_CHOWN_RESTRICTED),
    ("PC_NO_TRUNC", libc::_PC_NO_TRUNC),
    ("PC_VDISABLE", libc::_PC_VDISABLE),
    ("PC_SYNC_IO", libc::_PC_SYNC_IO),
    ("PC_ASYNC_IO", libc::_PC_ASYNC_IO),
    ("PC_PRIO_IO", libc::_PC_PRIO_IO),
    ("PC_FILESIZEBITS", libc::_PC_FILESIZEBITS),
    ("PC_REC_INCR_XFER_SIZE", libc::_PC_REC_INCR_XFER_SIZE),
    ("PC_REC_MAX_XFER_SIZE", libc::_PC_REC_MAX_XFER_SIZE),
    ("PC_REC_MIN_XFER_SIZE", libc::_PC_REC_MIN_XFER_SIZE),
    ("PC_REC_XFER_ALIGN", libc::_PC_REC_XFER_ALIGN),
    ("PC_ALLOC_SIZE_MIN", libc::_PC_ALLOC_SIZE_MIN),
    ("PC_SYMLINK_MAX", libc::_PC_SYMLINK_MAX),
    ("PC_2_SYMLINKS", libc::_PC_2_SYMLINKS),
];

/// A configuration name: an int, or a key of `table`.
fn conf_name(vm: &Vm, o: &PyRef, table: &[(&str, libc::c_int)]) -> PyResult<libc::c_int> {
    if let Some(s) = o.downcast::<PyStr>() {
        let s = s.to_string_lossy();
        return table
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| value_error("unrecognized configuration name"));
    }
    if crate::protocol::object::isinstance(vm, o, &crate::types::int::INT_TYPE.to_ref())? {
        return Ok(int_arg(vm, o)? as libc::c_int);
    }
    Err(type_error(
        "configuration names must be strings or integers",
    ))
}

fn sysconf(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = conf_name(vm, a.one_arg("sysconf")?, SYSCONF_NAMES)?;
    // SAFETY: errno is thread-local; sysconf has no memory effects.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: as above.
    let r = unsafe { libc::sysconf(n) };
    if r == -1 && modutil::errno() != 0 {
        return Err(last_os_error(None));
    }
    Ok(int_from_i64(r as i64))
}

fn confstr(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = conf_name(vm, a.one_arg("confstr")?, CONFSTR_NAMES)?;
    let mut buf = vec![0u8; 256];
    loop {
        // SAFETY: errno is thread-local.
        unsafe { *libc::__errno_location() = 0 };
        // SAFETY: `buf` is writable for its length.
        let len = unsafe { libc::confstr(n, buf.as_mut_ptr().cast(), buf.len()) };
        if len == 0 {
            if modutil::errno() != 0 {
                return Err(last_os_error(None));
            }
            return Ok(none());
        }
        if len > buf.len() {
            buf.resize(len, 0);
            continue;
        }
        buf.truncate(len - 1);
        return Ok(modutil::fs_decode(&buf));
    }
}

fn pathconf(vm: &Vm, a: Args<'_>) -> PyResult {
    let [p, name] = a.bind("pathconf", ["path", "name"], 0, 2)?;
    let (Some(p), Some(name)) = (p, name) else {
        return Err(type_error("pathconf"));
    };
    let n = conf_name(vm, &name, PATHCONF_NAMES)?;
    // SAFETY: errno is thread-local.
    unsafe { *libc::__errno_location() = 0 };
    let r = if let Some(fd) = to_i64(&p) {
        // SAFETY: no memory effects.
        unsafe { libc::fpathconf(fd as i32, n) }
    } else {
        let pa = path_arg(vm, &p, "pathconf", "path", true)?;
        // SAFETY: NUL-terminated path.
        unsafe { libc::pathconf(pa.c.as_ptr(), n) }
    };
    if r == -1 && modutil::errno() != 0 {
        return Err(last_os_error(Some(&p)));
    }
    Ok(int_from_i64(r as i64))
}

fn names_dict(vm: &Vm, table: &[(&str, libc::c_int)]) -> PyResult {
    let d = PyDict::new_ref();
    if let Some(dd) = d.downcast::<PyDict>() {
        for (n, v) in table {
            dd.set_item(vm, PyStr::new_ref(n), int_from_i64(*v as i64))?;
        }
    }
    Ok(d)
}

/// The functions of this half of `posix`.
pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("register_at_fork", register_at_fork),
    MethodDef::method("setsid", setsid),
    MethodDef::method("getsid", getsid),
    MethodDef::method("getpgid", getpgid),
    MethodDef::method("setpgid", setpgid),
    MethodDef::method("setpgrp", setpgrp),
    MethodDef::method("killpg", killpg),
    MethodDef::method("setuid", setuid),
    MethodDef::method("setgid", setgid),
    MethodDef::method("seteuid", seteuid),
    MethodDef::method("setegid", setegid),
    MethodDef::method("getgroups", getgroups),
    MethodDef::method("getresuid", getresuid),
    MethodDef::method("getresgid", getresgid),
    MethodDef::method("getlogin", getlogin),
    MethodDef::method("nice", nice),
    MethodDef::method("getloadavg", getloadavg),
    MethodDef::method("abort", abort),
    MethodDef::method("wait", wait),
    MethodDef::method("sched_yield", sched_yield),
    MethodDef::method("sched_getaffinity", sched_getaffinity),
    MethodDef::method("pipe2", pipe2),
    MethodDef::method("truncate", truncate),
    MethodDef::method("fchmod", fchmod),
    MethodDef::method("fchdir", fchdir),
    MethodDef::method("fdatasync", fdatasync),
    MethodDef::method("sync", sync),
    MethodDef::method("chown", chown),
    MethodDef::method("lchown", lchown),
    MethodDef::method("fchown", fchown),
    MethodDef::method("mkfifo", mkfifo),
    MethodDef::method("major", major),
    MethodDef::method("minor", minor),
    MethodDef::method("makedev", makedev),
    MethodDef::method("_raw_statvfs", raw_statvfs),
    MethodDef::method("pread", pread),
    MethodDef::method("pwrite", pwrite),
    MethodDef::method("ttyname", ttyname),
    MethodDef::method("sysconf", sysconf),
    MethodDef::method("confstr", confstr),
    MethodDef::method("pathconf", pathconf),
    MethodDef::method("fpathconf", pathconf),
];

/// Constants of this half.
pub static CONSTANTS: &[(&str, i64)] = &[
    ("O_ASYNC", libc::O_ASYNC as i64),
    ("O_DIRECT", libc::O_DIRECT as i64),
    ("O_LARGEFILE", libc::O_LARGEFILE as i64),
    ("O_RSYNC", libc::O_RSYNC as i64),
    ("F_LOCK", libc::F_LOCK as i64),
    ("F_TLOCK", libc::F_TLOCK as i64),
    ("F_ULOCK", libc::F_ULOCK as i64),
    ("F_TEST", libc::F_TEST as i64),
    ("PRIO_PROCESS", libc::PRIO_PROCESS as i64),
    ("PRIO_PGRP", libc::PRIO_PGRP as i64),
    ("PRIO_USER", libc::PRIO_USER as i64),
    ("WEXITED", libc::WEXITED as i64),
    ("WSTOPPED", libc::WSTOPPED as i64),
    ("WNOWAIT", libc::WNOWAIT as i64),
    ("P_PGID", libc::P_PGID as i64),
    ("CLD_EXITED", libc::CLD_EXITED as i64),
    ("CLD_KILLED", libc::CLD_KILLED as i64),
    ("CLD_DUMPED", libc::CLD_DUMPED as i64),
    ("CLD_TRAPPED", libc::CLD_TRAPPED as i64),
    ("CLD_STOPPED", libc::CLD_STOPPED as i64),
    ("CLD_CONTINUED", libc::CLD_CONTINUED as i64),
    ("SCHED_OTHER", libc::SCHED_OTHER as i64),
    ("SCHED_FIFO", libc::SCHED_FIFO as i64),
    ("SCHED_RR", libc::SCHED_RR as i64),
    ("SCHED_BATCH", libc::SCHED_BATCH as i64),
    ("SCHED_IDLE", libc::SCHED_IDLE as i64),
    ("RTLD_LAZY", libc::RTLD_LAZY as i64),
    ("RTLD_NOW", libc::RTLD_NOW as i64),
    ("RTLD_GLOBAL", libc::RTLD_GLOBAL as i64),
    ("RTLD_LOCAL", libc::RTLD_LOCAL as i64),
    ("RTLD_NODELETE", libc::RTLD_NODELETE as i64),
    ("RTLD_NOLOAD", libc::RTLD_NOLOAD as i64),
    ("RTLD_DEEPBIND", libc::RTLD_DEEPBIND as i64),
    ("GRND_NONBLOCK", libc::GRND_NONBLOCK as i64),
    ("GRND_RANDOM", libc::GRND_RANDOM as i64),
    ("ST_RDONLY", libc::ST_RDONLY as i64),
    ("ST_NOSUID", libc::ST_NOSUID as i64),
    ("NGROUPS_MAX", 65536),
    ("TMP_MAX", 238328),
];

/// Names added to `_have_functions` by this half.
pub static HAVE_FUNCTIONS: &[&str] = &["HAVE_FCHOWN", "HAVE_FPATHCONF", "HAVE_FSTATVFS"];

/// Python half: `statvfs_result`, `statvfs`, `fstatvfs`.
pub const PRELUDE: &str = r#"
class statvfs_result(tuple):
    "statvfs_result: Result from statvfs or fstatvfs."
    __module__ = 'os'
    n_sequence_fields = 10
    n_fields = 11
    n_unnamed_fields = 0
    _names = ('f_bsize', 'f_frsize', 'f_blocks', 'f_bfree', 'f_bavail', 'f_files', 'f_ffree', 'f_favail', 'f_flag', 'f_namemax')
    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        self = tuple.__new__(cls, seq[:10])
        self.__dict__['f_fsid'] = seq[10] if len(seq) > 10 else None
        return self
    def __repr__(self):
        return 'os.statvfs_result(' + ', '.join('%s=%r' % p for p in zip(self._names, self)) + ')'
    def __reduce__(self):
        return (statvfs_result, (tuple(self),))
for _i, _n in enumerate(statvfs_result._names):
    setattr(statvfs_result, _n, property(lambda self, _i=_i: tuple.__getitem__(self, _i)))
def statvfs(path, _raw=_raw_statvfs):
    return statvfs_result(_raw(path))
def fstatvfs(fd, _raw=_raw_statvfs):
    if not isinstance(fd, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(fd).__name__)
    return statvfs_result(_raw(fd))
del _raw_statvfs, _i, _n
"#;

/// Installs the name tables (`sysconf_names`, ...).
pub fn init(vm: &Vm, m: &PyRef) -> PyResult<()> {
    modutil::set(m, "sysconf_names", names_dict(vm, SYSCONF_NAMES)?);
    modutil::set(m, "confstr_names", names_dict(vm, CONFSTR_NAMES)?);
    modutil::set(m, "pathconf_names", names_dict(vm, PATHCONF_NAMES)?);
    Ok(())
}
