//! The `_signal` module (what `Lib/signal.py` wraps): `signal`,
//! `getsignal`, `default_int_handler`, `raise_signal`, `alarm`, `pause`,
//! `strsignal`, `valid_signals`, `SIG_DFL`/`SIG_IGN`, `NSIG` and the
//! `SIG*` numbers.
//!
//! A Python handler is installed as a C handler that only records the
//! signal in an atomic bit set; the Python function runs later, at a safe
//! point, from [`run_pending`]: the C handler also sets the interpreter's
//! eval breaker, which the dispatch loop checks at every function entry and
//! backward jump, and `time.sleep` slices, `signal.pause` and
//! `raise_signal` call it directly.  As in CPython, SIGINT is caught from
//! start-up and its default Python handler, `default_int_handler`, raises
//! `KeyboardInterrupt`; uncaught, that ends the process by SIGINT after the
//! traceback (status 130 in a shell).

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::int::{int_from_i64, to_i64};
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil;

const NSIG: usize = 65;

/// Signals received but not yet handled (bit n = signal n, n < 64).
static PENDING: AtomicU64 = AtomicU64::new(0);

/// The Python-level handler per signal (None = never set: report the
/// OS default).
static HANDLERS: crate::runtime::gil::GilLazy<RefCell<Vec<Option<PyRef>>>> =
    crate::runtime::gil::GilLazy::new(|| RefCell::new(vec![None; NSIG]));

extern "C" fn c_handler(sig: libc::c_int) {
    if (0..64).contains(&sig) {
        PENDING.fetch_or(1u64 << sig, Ordering::SeqCst);
        crate::interp::EVAL_BREAKER.store(true, Ordering::SeqCst);
    }
}

/// Catches SIGINT (CPython does this at start-up) unless it is ignored,
/// e.g. for a background job.
pub fn install_default_sigint() {
    // SAFETY: querying and installing a handler that only touches atomics.
    unsafe {
        let old = libc::signal(libc::SIGINT, c_handler as *const () as libc::sighandler_t);
        if old == libc::SIG_IGN {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
            SIGINT_IGNORED.store(true, Ordering::Relaxed);
        }
    }
}

/// SIGINT was ignored at start-up (then `getsignal(SIGINT)` is `SIG_IGN`).
static SIGINT_IGNORED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Ends the process by SIGINT with the default action (after an uncaught
/// KeyboardInterrupt, as CPython does).
pub fn die_by_sigint() {
    // SAFETY: restores the default action and signals this process.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::kill(libc::getpid(), libc::SIGINT);
    }
}

/// Simulates the arrival of signal `sig` (`_thread.interrupt_main`).
pub fn trip(sig: i32) {
    c_handler(sig);
}

/// True when a signal arrived whose handler has not run yet.
pub fn any_pending() -> bool {
    PENDING.load(Ordering::Relaxed) != 0
}

/// Runs the Python handlers of signals received since the last call (in
/// the main thread only, as CPython does; other threads leave them
/// pending for it).
pub fn run_pending(vm: &Vm) -> PyResult<()> {
    if PENDING.load(Ordering::Relaxed) == 0 || !vm.is_main_thread() {
        return Ok(());
    }
    let bits = PENDING.swap(0, Ordering::SeqCst);
    for sig in 1..64 {
        if bits & (1u64 << sig) == 0 {
            continue;
        }
        let h = HANDLERS.with(|h| h.borrow().get(sig).cloned().flatten());
        let r = match h {
            // `_signal` not imported yet: the default handler's behaviour.
            None if sig == libc::SIGINT as usize => Err(crate::error::PyErr::new_args(
                &crate::types::exceptions::KEYBOARD_INTERRUPT,
                vec![],
            )),
            Some(h) if crate::protocol::call::callable(&h) => {
                let frame = crate::interp::get_frame(vm, 0).unwrap_or_else(|_| none());
                crate::protocol::call::call_pos(vm, &h, &[int_from_i64(sig as i64), frame])
                    .map(|_| ())
            }
            _ => Ok(()),
        };
        if let Err(e) = r {
            // Signals not handled yet stay pending for the next safe point.
            let rest = bits & u64::MAX.checked_shl(sig as u32 + 1).unwrap_or(0);
            if rest != 0 {
                PENDING.fetch_or(rest, Ordering::SeqCst);
                crate::interp::EVAL_BREAKER.store(true, Ordering::SeqCst);
            }
            return Err(e);
        }
    }
    Ok(())
}

fn signum_arg(vm: &Vm, o: &PyRef) -> PyResult<usize> {
    let n = crate::types::int::as_ssize(vm, o)?;
    if n < 1 || n as usize >= NSIG {
        return Err(value_error("signal number out of range"));
    }
    Ok(n as usize)
}

fn default_int_handler(_: &Vm, _a: Args<'_>) -> PyResult {
    Err(crate::error::PyErr::new_args(
        &crate::types::exceptions::KEYBOARD_INTERRUPT,
        vec![],
    ))
}

fn dfl_handler_obj(_vm: &Vm, _sig: usize) -> PyResult {
    Ok(int_from_i64(0))
}

fn signal(vm: &Vm, a: Args<'_>) -> PyResult {
    let [sig, handler] = a.exact::<2>("signal")?;
    if !vm.is_main_thread() {
        return Err(value_error(
            "signal only works in main thread of the main interpreter",
        ));
    }
    let signum = signum_arg(vm, sig)?;
    if signum == libc::SIGKILL as usize || signum == libc::SIGSTOP as usize {
        return Err(modutil::os_error(libc::EINVAL, None));
    }
    let old = getsignal_impl(vm, signum)?;
    let action: libc::sighandler_t = match to_i64(handler) {
        Some(0) => libc::SIG_DFL,
        Some(1) => libc::SIG_IGN,
        _ if crate::protocol::call::callable(handler) => {
            c_handler as *const () as libc::sighandler_t
        }
        _ => {
            return Err(type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ));
        }
    };
    // SAFETY: installs a handler that only touches an atomic.
    if unsafe { libc::signal(signum as libc::c_int, action) } == libc::SIG_ERR {
        return Err(modutil::last_os_error(None));
    }
    HANDLERS.with(|h| {
        if let Some(slot) = h.borrow_mut().get_mut(signum) {
            *slot = Some(handler.clone());
        }
    });
    Ok(old)
}

fn getsignal_impl(vm: &Vm, signum: usize) -> PyResult {
    match HANDLERS.with(|h| h.borrow().get(signum).cloned().flatten()) {
        Some(h) => Ok(h),
        None => dfl_handler_obj(vm, signum),
    }
}

fn getsignal(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = signum_arg(vm, a.one_arg("getsignal")?)?;
    getsignal_impl(vm, s)
}

fn raise_signal(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = signum_arg(vm, a.one_arg("raise_signal")?)?;
    // SAFETY: raising a signal in this process.
    if unsafe { libc::raise(s as libc::c_int) } != 0 {
        return Err(modutil::last_os_error(None));
    }
    run_pending(vm)?;
    Ok(none())
}

fn alarm(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = crate::types::int::as_ssize(vm, a.one_arg("alarm")?)?;
    // SAFETY: no memory effects.
    Ok(int_from_i64(
        unsafe { libc::alarm(s.clamp(0, u32::MAX as i64) as u32) } as i64,
    ))
}

fn pause(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("pause")?;
    // SAFETY: blocks until a signal arrives.
    crate::runtime::gil::allow_threads(|| unsafe { libc::pause() });
    run_pending(vm)?;
    Ok(none())
}

fn strsignal(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = signum_arg(vm, a.one_arg("strsignal")?)?;
    // SAFETY: strsignal returns a NUL-terminated string.
    let p = unsafe { libc::strsignal(s as libc::c_int) };
    if p.is_null() {
        return Ok(none());
    }
    // SAFETY: non-null NUL-terminated string.
    Ok(PyStr::new_ref(
        &unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy(),
    ))
}

fn valid_signals(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("valid_signals")?;
    let set = crate::protocol::call::call_pos(vm, &crate::types::set::SET_TYPE.to_ref(), &[])?;
    for s in 1..NSIG as i64 {
        if s == 32 || s == 33 {
            continue;
        }
        crate::protocol::call::call_method(vm, &set, "add", &[int_from_i64(s)])?;
    }
    Ok(set)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("default_int_handler", default_int_handler),
    MethodDef::method("signal", signal),
    MethodDef::method("getsignal", getsignal),
    MethodDef::method("raise_signal", raise_signal),
    MethodDef::method("alarm", alarm),
    MethodDef::method("pause", pause),
    MethodDef::method("strsignal", strsignal),
    MethodDef::method("valid_signals", valid_signals),
];

macro_rules! sigs {
    ($($n:ident),* $(,)?) => { &[$((stringify!($n), libc::$n)),*] };
}

static SIGNALS: &[(&str, i32)] = sigs![
    SIGABRT, SIGALRM, SIGBUS, SIGCHLD, SIGCONT, SIGFPE, SIGHUP, SIGILL, SIGINT, SIGIO, SIGIOT,
    SIGKILL, SIGPIPE, SIGPOLL, SIGPROF, SIGPWR, SIGQUIT, SIGSEGV, SIGSTKFLT, SIGSTOP, SIGSYS,
    SIGTERM, SIGTRAP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGUSR1, SIGUSR2, SIGVTALRM, SIGWINCH,
    SIGXCPU, SIGXFSZ,
];

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "_signal",
        "This module provides mechanisms to use signal handlers in Python.",
        FUNCTIONS,
    )?;
    // getsignal(SIGINT) reports this module's default_int_handler (caught
    // since start-up), or SIG_IGN if SIGINT was ignored when we started.
    let dih = if SIGINT_IGNORED.load(Ordering::Relaxed) {
        int_from_i64(1)
    } else {
        crate::protocol::object::get_attr_str(vm, &m, "default_int_handler")?
    };
    HANDLERS.with(|h| {
        if let Some(slot) = h.borrow_mut().get_mut(libc::SIGINT as usize) {
            *slot = Some(dih);
        }
    });
    for (n, v) in SIGNALS {
        modutil::set(&m, n, int_from_i64(*v as i64));
    }
    for (n, v) in [
        ("SIGCLD", 17),
        ("SIGRTMIN", 34),
        ("SIGRTMAX", 64),
        ("NSIG", NSIG as i64),
        ("SIG_DFL", 0),
        ("SIG_IGN", 1),
        ("SIG_BLOCK", 0),
        ("SIG_UNBLOCK", 1),
        ("SIG_SETMASK", 2),
        ("ITIMER_REAL", 0),
        ("ITIMER_VIRTUAL", 1),
        ("ITIMER_PROF", 2),
    ] {
        modutil::set(&m, n, int_from_i64(v));
    }
    Ok(m)
}
