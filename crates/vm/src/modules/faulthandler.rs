//! The `faulthandler` module: `enable`/`disable`/`is_enabled` install and
//! remove handlers for the fatal signals (SIGSEGV, SIGFPE, SIGABRT, SIGBUS,
//! SIGILL), and `dump_traceback` writes the Python stack in faulthandler's
//! format.
//!
//! The signal handler only does async-signal-safe work: it writes
//! `"Fatal Python error: <signal>\n\n"` to the chosen descriptor, restores
//! the default action and re-raises the signal, so the process still dies
//! with it.  Unlike CPython it does not walk the Python frames from inside
//! the handler (Taipan's frame stack is not readable there).
//! `register` runs its dump from a `signal` handler (at the next safe point,
//! so it shows the Python frames) instead of inside the C handler.
//! `dump_traceback_later` is not provided yet.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use crate::args::Args;
use crate::error::PyResult;
use crate::object::typeobj::MethodDef;
use crate::types::bool_::py_bool;
use crate::types::none::none;
use crate::vm::Vm;

use super::modutil;

/// The fatal signals and the names CPython prints for them.
static FATAL: &[(libc::c_int, &str)] = &[
    (libc::SIGSEGV, "Segmentation fault"),
    (libc::SIGFPE, "Floating point exception"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGBUS, "Bus error"),
    (libc::SIGILL, "Illegal instruction"),
];

static ENABLED: AtomicBool = AtomicBool::new(false);
static FD: AtomicI32 = AtomicI32::new(2);

fn raw_write(fd: i32, b: &[u8]) {
    // SAFETY: write(2) is async-signal-safe; the slice is valid.
    unsafe { libc::write(fd, b.as_ptr().cast(), b.len()) };
}

extern "C" fn handler(sig: libc::c_int) {
    let fd = FD.load(Ordering::Relaxed);
    let name = FATAL
        .iter()
        .find(|(s, _)| *s == sig)
        .map_or("Fatal signal", |(_, n)| n);
    raw_write(fd, b"Fatal Python error: ");
    raw_write(fd, name.as_bytes());
    raw_write(fd, b"\n\n");
    // SAFETY: restoring the default action and re-raising are
    // async-signal-safe; the process then terminates with `sig`.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

fn install(on: bool) {
    for &(sig, _) in FATAL {
        // SAFETY: installing a handler that only makes async-signal-safe
        // calls (or restoring the default).
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = if on {
                handler as extern "C" fn(libc::c_int) as usize
            } else {
                libc::SIG_DFL
            };
            sa.sa_flags = libc::SA_NODEFER | libc::SA_ONSTACK;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// `_raw_enable(fd)`.
fn raw_enable(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = crate::types::int::as_ssize(vm, a.one_arg("enable")?)? as i32;
    FD.store(fd, Ordering::Relaxed);
    if !ENABLED.swap(true, Ordering::Relaxed) {
        install(true);
    }
    Ok(none())
}

fn disable(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("disable")?;
    let was = ENABLED.swap(false, Ordering::Relaxed);
    if was {
        install(false);
    }
    Ok(py_bool(was))
}

fn is_enabled(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("is_enabled")?;
    Ok(py_bool(ENABLED.load(Ordering::Relaxed)))
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("_raw_enable", raw_enable),
    MethodDef::method("disable", disable).with_doc("disable(): disable the fault handler"),
    MethodDef::method("is_enabled", is_enabled)
        .with_doc("is_enabled()->bool: check if the handler is enabled"),
];

/// The Python half: file-argument handling and `dump_traceback`.
const PRELUDE: &str = r#"
def _fd_of(file):
    if file is None:
        import sys
        file = sys.stderr
        if file is None:
            raise RuntimeError('sys.stderr is None')
    if isinstance(file, int):
        if file < 0:
            raise ValueError('file is not a valid file descriptor')
        return file
    fd = file.fileno()
    if not isinstance(fd, int):
        raise RuntimeError('file.fileno() is not a valid file descriptor')
    if fd < 0:
        raise ValueError('file is not a valid file descriptor')
    try:
        file.flush()
    except Exception:
        pass
    return fd

def enable(file=None, all_threads=True):
    "enable(file=sys.stderr, all_threads=True): enable the fault handler"
    _raw_enable(_fd_of(file))

def dump_traceback(file=None, all_threads=True):
    "dump_traceback(file=sys.stderr, all_threads=True): dump the traceback of the current thread, or of all threads if all_threads is True, into file"
    import sys, posix
    from _thread import get_ident
    fd = _fd_of(file)
    if all_threads:
        out = ['Current thread 0x%016x (most recent call first):\n' % get_ident()]
    else:
        out = ['Stack (most recent call first):\n']
    f = sys._getframe(1)
    depth = 0
    while f is not None:
        if depth >= 100:
            out.append('  ...\n')
            break
        code = f.f_code
        out.append('  File "%s", line %s in %s\n' % (code.co_filename, f.f_lineno if f.f_lineno is not None else '???', code.co_name))
        f = f.f_back
        depth += 1
    data = ''.join(out).encode('ascii', 'backslashreplace')
    while data:
        n = posix.write(fd, data)
        data = data[n:]

_user = {}

def register(signum, file=None, all_threads=True, chain=False):
    "register(signum, file=sys.stderr, all_threads=True, chain=False): register a handler for the signal 'signum': dump the traceback of the current thread, or of all threads if all_threads is True, into file"
    import signal as _signal
    if signum < 1 or signum >= _signal.NSIG:
        raise ValueError('signal number out of range')
    if signum in (_signal.SIGSEGV, _signal.SIGFPE, _signal.SIGABRT, _signal.SIGBUS, _signal.SIGILL):
        raise RuntimeError('signal %i cannot be registered, use enable() instead' % signum)
    fd = _fd_of(file)
    def handler(sig, frame):
        dump_traceback(fd, all_threads)
        if chain:
            prev = _user[sig][1]
            if callable(prev):
                prev(sig, frame)
            elif prev == _signal.SIG_DFL:
                import posix
                _signal.signal(sig, _signal.SIG_DFL)
                posix.kill(posix.getpid(), sig)
                _signal.signal(sig, handler)
    old = _signal.signal(signum, handler)
    if signum in _user:
        old = _user[signum][1]
    _user[signum] = (handler, old)

def unregister(signum):
    "unregister(signum): unregister the handler of the signal 'signum' registered by register()"
    import signal as _signal
    if signum < 1 or signum >= _signal.NSIG:
        raise ValueError('signal number out of range')
    entry = _user.pop(signum, None)
    if entry is None:
        return False
    _signal.signal(signum, entry[1] if entry[1] is not None else _signal.SIG_DFL)
    return True
"#;

/// Creates the `faulthandler` module.
pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module("faulthandler", "faulthandler module.", FUNCTIONS)?;
    modutil::run_prelude(vm, &m, "<faulthandler>", PRELUDE)?;
    Ok(m)
}
