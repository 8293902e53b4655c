//! `_posixsubprocess.fork_exec`: the fork + exec at the heart of
//! `subprocess.Popen` on POSIX, with CPython 3.11's 23-argument signature
//! (see `Popen._execute_child` in `Lib/subprocess.py`).
//!
//! Everything that allocates — converting the argument list, the
//! environment and the candidate executables to C strings, listing the
//! open descriptors for `close_fds` — happens in the parent before
//! `fork()`.  The child only makes system calls (except when a
//! `preexec_fn` is given, which runs Python code in the child exactly as
//! CPython does).  If anything fails in the child before or at `exec`, it
//! writes `"OSError:<hex errno>:"` (plus `"noexec"` when the failure came
//! before `exec` was reached, e.g. `chdir(cwd)`), or
//! `"SubprocessError:0:<message>"`, to `errpipe_write` and exits with
//! status 255; `subprocess` reads that and raises the matching exception.

use std::ffi::CString;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::int::{int_from_i64, to_i64};
use crate::types::none::is_none;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil::{self, last_os_error, path_arg};

fn int_arg(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    crate::types::int::as_ssize(vm, o)
}

fn fd_arg(vm: &Vm, o: &PyRef) -> PyResult<i32> {
    Ok(int_arg(vm, o)? as i32)
}

/// A NULL-terminated array of pointers into `strings` (kept alive by the
/// caller).
fn c_array(strings: &[CString]) -> Vec<*const libc::c_char> {
    let mut v: Vec<*const libc::c_char> = strings.iter().map(|c| c.as_ptr()).collect();
    v.push(std::ptr::null());
    v
}

fn cstrings(vm: &Vm, seq: &PyRef, what: &str) -> PyResult<Vec<CString>> {
    let items = crate::protocol::iter::collect(vm, seq)?;
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        out.push(path_arg(vm, it, "fork_exec", what, false)?.c);
    }
    Ok(out)
}

/// The descriptors open in this process (from `/proc/self/fd`), listed in
/// the parent so the child need not allocate.
fn open_fds() -> Vec<i32> {
    match std::fs::read_dir("/proc/self/fd") {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().and_then(|s| s.parse().ok()))
            .collect(),
        Err(_) => {
            // SAFETY: sysconf has no preconditions.
            let max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) }.clamp(256, 65536) as i32;
            (0..max).collect()
        }
    }
}

/// Everything the child needs, prepared in the parent.
struct Plan {
    argv: Vec<*const libc::c_char>,
    exes: Vec<CString>,
    envp: Option<Vec<*const libc::c_char>>,
    cwd: Option<CString>,
    close_fds: bool,
    keep: Vec<i32>,
    to_close: Vec<i32>,
    p2cread: i32,
    p2cwrite: i32,
    c2pread: i32,
    c2pwrite: i32,
    errread: i32,
    errwrite: i32,
    errpipe_read: i32,
    errpipe_write: i32,
    restore_signals: bool,
    call_setsid: bool,
    pgid_to_set: i32,
    gid: Option<libc::gid_t>,
    groups: Option<Vec<libc::gid_t>>,
    uid: Option<libc::uid_t>,
    umask: i32,
}

/// Writes all of `b` to `fd`, ignoring errors (the child has no way to
/// report them).
fn write_all(fd: i32, b: &[u8]) {
    let mut off = 0;
    while off < b.len() {
        // SAFETY: the slice is valid for reads of its length.
        let r = unsafe { libc::write(fd, b[off..].as_ptr().cast(), b.len() - off) };
        if r <= 0 {
            if r < 0 && modutil::errno() == libc::EINTR {
                continue;
            }
            return;
        }
        off += r as usize;
    }
}

/// Reports `errno` (or a message) on the error pipe, as CPython's child.
fn report(fd: i32, err: i32, reached_exec: bool, msg: &str) {
    if err != 0 {
        write_all(fd, b"OSError:");
        let mut hex = [0u8; 16];
        let mut i = hex.len();
        let mut e = err as u32;
        while e != 0 && i > 0 {
            i -= 1;
            hex[i] = b"0123456789abcdef"[(e % 16) as usize];
            e /= 16;
        }
        write_all(fd, &hex[i..]);
        write_all(fd, b":");
        if !reached_exec {
            write_all(fd, b"noexec");
        }
    } else {
        write_all(fd, b"SubprocessError:0:");
        write_all(fd, msg.as_bytes());
    }
}

/// Makes `fd` inheritable (clears close-on-exec).
fn set_inheritable(fd: i32) -> Result<(), i32> {
    // SAFETY: fcntl on an int descriptor has no memory effects.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if flags < 0 {
        return Err(modutil::errno());
    }
    if flags & libc::FD_CLOEXEC != 0 {
        // SAFETY: as above.
        if unsafe { libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC) } < 0 {
            return Err(modutil::errno());
        }
    }
    Ok(())
}

/// The child's work up to (not including) `preexec_fn` and `exec`.
/// Returns the errno of the first failure.
fn child_setup(p: &Plan) -> Result<(), i32> {
    let sys = |r: libc::c_int| if r < 0 { Err(modutil::errno()) } else { Ok(r) };
    for &fd in &p.keep {
        if fd != p.errpipe_write {
            set_inheritable(fd)?;
        }
    }
    // SAFETY (this block): plain descriptor syscalls, no memory effects.
    unsafe {
        for fd in [p.p2cwrite, p.c2pread, p.errread] {
            if fd != -1 {
                libc::close(fd);
            }
        }
        libc::close(p.errpipe_read);
        // When the parent's pipes landed on 0/1/2, move them out of the way
        // before the dup2 calls below clobber them.
        let mut c2pwrite = p.c2pwrite;
        if c2pwrite == 0 {
            c2pwrite = sys(libc::dup(c2pwrite))?;
            set_inheritable(c2pwrite)?;
        }
        let mut errwrite = p.errwrite;
        while errwrite == 0 || errwrite == 1 {
            errwrite = sys(libc::dup(errwrite))?;
            set_inheritable(errwrite)?;
        }
        for (fd, target) in [(p.p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
            if fd == target {
                set_inheritable(fd)?;
            } else if fd != -1 {
                sys(libc::dup2(fd, target))?;
            }
        }
        if let Some(cwd) = &p.cwd {
            sys(libc::chdir(cwd.as_ptr()))?;
        }
        if p.umask >= 0 {
            libc::umask(p.umask as libc::mode_t);
        }
        if p.restore_signals {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
        }
        if p.call_setsid {
            sys(libc::setsid())?;
        }
        if p.pgid_to_set >= 0 {
            sys(libc::setpgid(0, p.pgid_to_set))?;
        }
        if let Some(g) = &p.groups {
            sys(libc::setgroups(g.len(), g.as_ptr()))?;
        }
        if let Some(gid) = p.gid {
            sys(libc::setregid(gid, gid))?;
        }
        if let Some(uid) = p.uid {
            sys(libc::setreuid(uid, uid))?;
        }
    }
    Ok(())
}

/// Closes every descriptor above 2 that is not to be kept.
fn close_open_fds(p: &Plan) {
    for &fd in &p.to_close {
        if fd > 2 && p.keep.binary_search(&fd).is_err() {
            // SAFETY: closing a descriptor number has no memory effects.
            unsafe { libc::close(fd) };
        }
    }
}

/// Tries each candidate executable; returns the errno to report.
fn exec_all(p: &Plan) -> i32 {
    let mut saved = 0;
    for exe in &p.exes {
        // SAFETY: `exe`, `argv` and `envp` are NUL-terminated strings and
        // NULL-terminated arrays kept alive by `p`.
        unsafe {
            match &p.envp {
                Some(env) => libc::execve(exe.as_ptr(), p.argv.as_ptr(), env.as_ptr()),
                None => libc::execv(exe.as_ptr(), p.argv.as_ptr()),
            };
        }
        let e = modutil::errno();
        if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
            saved = e;
        }
    }
    if saved != 0 { saved } else { modutil::errno() }
}

fn fork_exec(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("fork_exec")?;
    let args = a.args;
    if args.len() != 23 {
        return Err(type_error(format!(
            "fork_exec() takes exactly 23 arguments ({} given)",
            args.len()
        )));
    }
    let get = |i: usize| &args[i];
    let fds_to_keep = get(3);
    let Some(keep_t) = fds_to_keep.downcast::<PyTuple>() else {
        return Err(type_error(format!(
            "fork_exec() argument 4 must be tuple, not {}",
            fds_to_keep.class().name()
        )));
    };
    let mut keep = Vec::new();
    for k in keep_t.as_slice() {
        match to_i64(k) {
            Some(v) if (0..=i32::MAX as i64).contains(&v) => keep.push(v as i32),
            _ => return Err(value_error("bad value(s) in fds_to_keep")),
        }
    }
    if keep.windows(2).any(|w| w[0] >= w[1]) {
        return Err(value_error("bad value(s) in fds_to_keep"));
    }
    let close_fds = crate::protocol::object::is_true(vm, get(2))?;
    let argv_c = if is_none(get(0)) {
        Vec::new()
    } else {
        cstrings(vm, get(0), "args")?
    };
    let exes = cstrings(vm, get(1), "executable_list")?;
    let cwd = if is_none(get(4)) {
        None
    } else {
        Some(path_arg(vm, get(4), "fork_exec", "cwd", false)?.c)
    };
    let env_c = if is_none(get(5)) {
        None
    } else {
        Some(cstrings(vm, get(5), "env")?)
    };
    let opt_id = |o: &PyRef| -> PyResult<Option<u32>> {
        if is_none(o) {
            Ok(None)
        } else {
            Ok(Some(int_arg(vm, o)? as u32))
        }
    };
    let groups = if is_none(get(18)) {
        None
    } else {
        let mut g = Vec::new();
        for x in crate::protocol::iter::collect(vm, get(18))? {
            g.push(int_arg(vm, &x)? as libc::gid_t);
        }
        Some(g)
    };
    let preexec = get(21).clone();
    let plan = Plan {
        argv: c_array(&argv_c),
        exes,
        envp: env_c.as_ref().map(|e| c_array(e)),
        cwd,
        close_fds,
        to_close: if close_fds { open_fds() } else { Vec::new() },
        keep,
        p2cread: fd_arg(vm, get(6))?,
        p2cwrite: fd_arg(vm, get(7))?,
        c2pread: fd_arg(vm, get(8))?,
        c2pwrite: fd_arg(vm, get(9))?,
        errread: fd_arg(vm, get(10))?,
        errwrite: fd_arg(vm, get(11))?,
        errpipe_read: fd_arg(vm, get(12))?,
        errpipe_write: fd_arg(vm, get(13))?,
        restore_signals: crate::protocol::object::is_true(vm, get(14))?,
        call_setsid: crate::protocol::object::is_true(vm, get(15))?,
        pgid_to_set: int_arg(vm, get(16))? as i32,
        gid: opt_id(get(17))?,
        groups,
        uid: opt_id(get(19))?,
        umask: int_arg(vm, get(20))? as i32,
    };
    let has_preexec = !is_none(&preexec);
    if has_preexec {
        super::posix_ext::run_fork_hooks(vm, super::posix_ext::ForkStage::Before);
    }
    crate::modules::sys::flush_std_streams(vm);
    // SAFETY: the interpreter is single-threaded; the child only makes
    // system calls on data prepared above (and runs `preexec_fn` if given,
    // as CPython does).
    let pid = crate::runtime::gil::around_fork(|| unsafe { libc::fork() });
    if pid == 0 {
        let status = match child_setup(&plan) {
            Err(e) => {
                report(plan.errpipe_write, e, false, "");
                255
            }
            Ok(()) => {
                let mut ok = true;
                if has_preexec {
                    super::posix_ext::run_fork_hooks(vm, super::posix_ext::ForkStage::Child);
                    if crate::protocol::call::call_pos(vm, &preexec, &[]).is_err() {
                        report(
                            plan.errpipe_write,
                            0,
                            true,
                            "Exception occurred in preexec_fn.",
                        );
                        ok = false;
                    }
                }
                if ok {
                    if plan.close_fds {
                        close_open_fds(&plan);
                    }
                    let e = exec_all(&plan);
                    report(plan.errpipe_write, e, true, "");
                }
                255
            }
        };
        // SAFETY: leaves the child without running the parent's cleanup.
        unsafe { libc::_exit(status) };
    }
    if pid < 0 {
        let e = last_os_error(None);
        if has_preexec {
            super::posix_ext::run_fork_hooks(vm, super::posix_ext::ForkStage::Parent);
        }
        return Err(e);
    }
    if has_preexec {
        super::posix_ext::run_fork_hooks(vm, super::posix_ext::ForkStage::Parent);
    }
    drop(env_c);
    drop(argv_c);
    Ok(int_from_i64(pid as i64))
}

static FUNCTIONS: &[MethodDef] = &[MethodDef::method("fork_exec", fork_exec).with_doc(
    "fork_exec(args, executable_list, close_fds, pass_fds, cwd, env,\n          p2cread, p2cwrite, c2pread, c2pwrite,\n          errread, errwrite, errpipe_read, errpipe_write,\n          restore_signals, call_setsid, pgid_to_set,\n          gid, extra_groups, uid,\n          preexec_fn)\n\nForks a child process, closes parent file descriptors as appropriate in the\nchild and dups the few that are needed before calling exec() in the child\nprocess.\n\nIf close_fds is true, close file descriptors 3 and higher, except those listed\nin the sorted tuple pass_fds.\n\nThe preexec_fn, if supplied, will be called immediately before closing file\ndescriptors and exec.\nWARNING: preexec_fn is NOT SAFE if your application uses threads.\n         It may trigger infrequent, difficult to debug deadlocks.\n\nIf an error occurs in the child process before the exec, it is\nserialized and written to the errpipe_write fd per subprocess.py.\n\nReturns: the child process's PID.\n\nRaises: Only on an error in the parent process.\n",
)];

/// Creates the `_posixsubprocess` module.
pub fn make_module(_vm: &Vm) -> PyResult {
    modutil::new_module(
        "_posixsubprocess",
        "A POSIX helper for the subprocess module.",
        FUNCTIONS,
    )
}
