//! The `select` module: `select()`, `poll` objects and `epoll` objects
//! (what `selectors`, `subprocess` and `asyncio` use).
//!
//! The waiting is done in Rust over `poll(2)` and `epoll(7)`; `select()`
//! itself is implemented with `poll(2)` too (same readiness answers, no
//! `fd_set` juggling), keeping CPython's `FD_SETSIZE` limit and messages.
//! The argument handling (objects with `fileno()`, the result lists of the
//! original objects) and the `poll`/`epoll` classes are a Python prelude
//! over the hidden `_raw_*` primitives, as in `posix.rs`.  Interrupted
//! waits (`EINTR`) are retried with the remaining timeout (PEP 475).

use std::time::Instant;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::MethodDef;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil::{self, last_os_error};

fn int_arg(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    crate::types::int::as_ssize(vm, o)
}

/// The timeout left of `total_ms` (negative = forever) after `start`.
fn remaining(total_ms: i64, start: Instant) -> i32 {
    if total_ms < 0 {
        return -1;
    }
    let spent = start.elapsed().as_millis() as i64;
    (total_ms - spent).clamp(0, i32::MAX as i64) as i32
}

/// `_raw_poll(pairs, timeout_ms)`: `pairs` is a list of `(fd, events)`;
/// returns the list of `(fd, revents)` with non-zero `revents`.
fn raw_poll(vm: &Vm, a: Args<'_>) -> PyResult {
    let [pairs, timeout] = a.exact::<2>("_raw_poll")?;
    let timeout = int_arg(vm, timeout)?;
    let mut fds = Vec::new();
    for p in crate::protocol::iter::collect(vm, pairs)? {
        let t = crate::protocol::iter::collect(vm, &p)?;
        let (Some(fd), Some(ev)) = (t.first(), t.get(1)) else {
            return Err(type_error("bad poll pair"));
        };
        fds.push(libc::pollfd {
            fd: int_arg(vm, fd)? as i32,
            events: int_arg(vm, ev)? as i16,
            revents: 0,
        });
    }
    let start = Instant::now();
    loop {
        let t = remaining(timeout, start);
        // SAFETY: `fds` is a valid array of `fds.len()` pollfd structs.
        let (r, e) = crate::runtime::gil::allow_threads(|| {
            let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, t) };
            (r, modutil::errno())
        });
        if r < 0 {
            if e == libc::EINTR {
                continue;
            }
            return Err(last_os_error(None));
        }
        break;
    }
    Ok(PyList::new_ref(
        fds.iter()
            .filter(|p| p.revents != 0)
            .map(|p| {
                PyTuple::new_ref(vec![
                    int_from_i64(p.fd as i64),
                    int_from_i64(p.revents as u16 as i64),
                ])
            })
            .collect(),
    ))
}

/// `_raw_epoll_create(flags)`: a new close-on-exec epoll descriptor.
fn raw_epoll_create(vm: &Vm, a: Args<'_>) -> PyResult {
    let flags = int_arg(vm, a.one_arg("_raw_epoll_create")?)? as i32;
    // SAFETY: no memory effects.
    let fd = unsafe { libc::epoll_create1(flags | libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        return Err(last_os_error(None));
    }
    Ok(int_from_i64(fd as i64))
}

/// `_raw_epoll_ctl(epfd, op, fd, events)`.
fn raw_epoll_ctl(vm: &Vm, a: Args<'_>) -> PyResult {
    let [epfd, op, fd, events] = a.exact::<4>("_raw_epoll_ctl")?;
    let (epfd, op, fd) = (
        int_arg(vm, epfd)? as i32,
        int_arg(vm, op)? as i32,
        int_arg(vm, fd)? as i32,
    );
    let mut ev = libc::epoll_event {
        events: int_arg(vm, events)? as u32,
        u64: fd as u32 as u64,
    };
    // SAFETY: `ev` is a valid epoll_event for the duration of the call.
    if unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) } < 0 {
        return Err(last_os_error(None));
    }
    Ok(crate::types::none::none())
}

/// `_raw_epoll_wait(epfd, timeout_ms, maxevents)`.
fn raw_epoll_wait(vm: &Vm, a: Args<'_>) -> PyResult {
    let [epfd, timeout, maxevents] = a.exact::<3>("_raw_epoll_wait")?;
    let epfd = int_arg(vm, epfd)? as i32;
    let timeout = int_arg(vm, timeout)?;
    let maxevents = int_arg(vm, maxevents)?.clamp(1, 1 << 20) as usize;
    let mut evs = vec![libc::epoll_event { events: 0, u64: 0 }; maxevents];
    let start = Instant::now();
    let n = loop {
        let t = remaining(timeout, start);
        // SAFETY: `evs` has room for `maxevents` events.
        let (r, e) = crate::runtime::gil::allow_threads(|| {
            let r = unsafe { libc::epoll_wait(epfd, evs.as_mut_ptr(), maxevents as i32, t) };
            (r, modutil::errno())
        });
        if r < 0 {
            if e == libc::EINTR {
                continue;
            }
            return Err(last_os_error(None));
        }
        break r as usize;
    };
    Ok(PyList::new_ref(
        evs.iter()
            .take(n)
            .map(|e| {
                let (fd, ev) = (e.u64 as u32 as i32, e.events);
                PyTuple::new_ref(vec![int_from_i64(fd as i64), int_from_i64(ev as i64)])
            })
            .collect(),
    ))
}

/// The prelude's `_select_impl`, called by the builtin `select`.
static SELECT_IMPL: crate::runtime::gil::GilCell<std::cell::RefCell<Option<PyRef>>> =
    crate::runtime::gil::GilCell::new(std::cell::RefCell::new(None));

/// `select.select`: a builtin function (so that, like CPython's, it does
/// not bind as a method when stored on a class, as `selectors` does)
/// forwarding to the prelude's implementation.
fn select(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = SELECT_IMPL
        .with(|c| c.borrow().clone())
        .ok_or_else(|| type_error("select is not initialized"))?;
    crate::protocol::call::call(vm, &f, a)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("select", select).with_doc(
        "select($module, rlist, wlist, xlist, timeout=None, /)\n--\n\nWait until one or more file descriptors are ready for some kind of I/O.",
    ),
    MethodDef::method("_raw_poll", raw_poll),
    MethodDef::method("_raw_epoll_create", raw_epoll_create),
    MethodDef::method("_raw_epoll_ctl", raw_epoll_ctl),
    MethodDef::method("_raw_epoll_wait", raw_epoll_wait),
];

/// Integer constants, defined once.
static CONSTANTS: &[(&str, i64)] = &[
    ("POLLIN", libc::POLLIN as i64),
    ("POLLPRI", libc::POLLPRI as i64),
    ("POLLOUT", libc::POLLOUT as i64),
    ("POLLERR", libc::POLLERR as i64),
    ("POLLHUP", libc::POLLHUP as i64),
    ("POLLNVAL", libc::POLLNVAL as i64),
    ("POLLRDNORM", libc::POLLRDNORM as i64),
    ("POLLRDBAND", libc::POLLRDBAND as i64),
    ("POLLWRNORM", libc::POLLWRNORM as i64),
    ("POLLWRBAND", libc::POLLWRBAND as i64),
    ("POLLMSG", 0x400),
    ("POLLRDHUP", libc::POLLRDHUP as i64),
    ("EPOLLIN", libc::EPOLLIN as i64),
    ("EPOLLOUT", libc::EPOLLOUT as i64),
    ("EPOLLPRI", libc::EPOLLPRI as i64),
    ("EPOLLERR", libc::EPOLLERR as i64),
    ("EPOLLHUP", libc::EPOLLHUP as i64),
    ("EPOLLET", libc::EPOLLET as u32 as i64),
    ("EPOLLONESHOT", libc::EPOLLONESHOT as i64),
    ("EPOLLEXCLUSIVE", libc::EPOLLEXCLUSIVE as i64),
    ("EPOLLRDHUP", libc::EPOLLRDHUP as i64),
    ("EPOLLRDNORM", libc::EPOLLRDNORM as i64),
    ("EPOLLRDBAND", libc::EPOLLRDBAND as i64),
    ("EPOLLWRNORM", libc::EPOLLWRNORM as i64),
    ("EPOLLWRBAND", libc::EPOLLWRBAND as i64),
    ("EPOLLMSG", libc::EPOLLMSG as i64),
    ("EPOLL_CLOEXEC", libc::EPOLL_CLOEXEC as i64),
    ("PIPE_BUF", libc::PIPE_BUF as i64),
    ("_FD_SETSIZE", libc::FD_SETSIZE as i64),
];

/// The Python half (see the module comment).
const PRELUDE: &str = r#"
import math as _math

def _fileno(o):
    if isinstance(o, int):
        fd = int(o)
    else:
        meth = getattr(o, 'fileno', None)
        if meth is None:
            raise TypeError('argument must be an int, or have a fileno() method.')
        fd = meth()
        if not isinstance(fd, int):
            raise TypeError('fileno() returned a non-integer')
    if fd < 0:
        raise ValueError('file descriptor cannot be a negative integer (%d)' % fd)
    if fd > 2147483647:
        raise OverflowError('Python int too large to convert to C int')
    return fd

def _timeout_ms(timeout, scale, msg):
    # None or a negative value waits forever; otherwise round up to ms.
    if timeout is None:
        return -1
    if not isinstance(timeout, (int, float)):
        try:
            timeout = timeout.__index__()
        except AttributeError:
            raise TypeError(msg) from None
    if timeout != timeout:
        raise ValueError('Invalid value NaN (not a number)')
    if timeout < 0:
        return -1
    ms = timeout * scale
    if ms > 2147483647:
        raise OverflowError('timeout is too large')
    return int(_math.ceil(ms))

def _select_impl(rlist, wlist, xlist, timeout=None, /):
    if timeout is None:
        ms = -1
    else:
        if not isinstance(timeout, (int, float)):
            raise TypeError('timeout must be a float or None')
        if timeout != timeout:
            raise ValueError('Invalid value NaN (not a number)')
        if timeout < 0:
            raise ValueError('timeout must be non-negative')
        ms = int(_math.ceil(timeout * 1000))
    lists = []
    for seq in (rlist, wlist, xlist):
        try:
            seq = list(seq)
        except TypeError:
            raise TypeError('arguments 1-3 must be sequences') from None
        pairs = []
        for o in seq:
            fd = _fileno(o)
            if fd >= _FD_SETSIZE:
                raise ValueError('filedescriptor out of range in select()')
            pairs.append((o, fd))
        lists.append(pairs)
    wanted = {}
    for pairs, ev in zip(lists, (POLLIN, POLLOUT, POLLPRI)):
        for o, fd in pairs:
            wanted[fd] = wanted.get(fd, 0) | ev
    ready = dict(_raw_poll(list(wanted.items()), ms))
    for fd, rev in ready.items():
        if rev & POLLNVAL:
            raise OSError(9, 'Bad file descriptor')
    out = []
    for pairs, ev in zip(lists, (POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR, POLLPRI)):
        out.append([o for o, fd in pairs if ready.get(fd, 0) & ev])
    return tuple(out)

class poll:
    "Returns a polling object."
    __module__ = 'select'
    def __init__(self):
        self._fds = {}
    def register(self, fd, eventmask=POLLIN | POLLPRI | POLLOUT, /):
        "Register a file descriptor with the polling object."
        fd = _fileno(fd)
        if not isinstance(eventmask, int) or not 0 <= eventmask <= 0xffff:
            if isinstance(eventmask, int):
                raise OverflowError('Python int too large for C unsigned short')
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(eventmask).__name__)
        self._fds[fd] = eventmask
    def modify(self, fd, eventmask, /):
        "Modify an already registered file descriptor."
        fd = _fileno(fd)
        if fd not in self._fds:
            raise FileNotFoundError(2, 'No such file or directory')
        self._fds[fd] = eventmask
    def unregister(self, fd, /):
        "Remove a file descriptor being tracked by the polling object."
        fd = _fileno(fd)
        del self._fds[fd]
    def poll(self, timeout=None, /):
        "Polls the set of registered file descriptors."
        ms = _timeout_ms(timeout, 1, 'timeout must be an integer or None')
        return [tuple(p) for p in _raw_poll(list(self._fds.items()), ms)]

class epoll:
    "select.epoll(sizehint=-1, flags=0)"
    __module__ = 'select'
    _fd = -1
    def __init__(self, sizehint=-1, flags=0):
        if sizehint == 0 or sizehint < -1:
            raise ValueError('negative sizehint')
        self._fd = _raw_epoll_create(0)
    @classmethod
    def fromfd(cls, fd, /):
        "Create an epoll object from a given control fd."
        self = object.__new__(cls)
        self._fd = fd
        return self
    def _check(self):
        if self._fd < 0:
            raise ValueError('I/O operation on closed epoll object')
        return self._fd
    @property
    def closed(self):
        "True if the epoll handler is closed"
        return self._fd < 0
    def close(self):
        "Close the epoll control file descriptor."
        fd, self._fd = self._fd, -1
        if fd >= 0:
            _posix_close(fd)
    def __del__(self):
        self.close()
    def fileno(self):
        "Return the epoll control file descriptor."
        return self._check()
    def register(self, fd, eventmask=EPOLLIN | EPOLLPRI | EPOLLOUT):
        "Registers a new fd or raises an OSError if the fd is already registered."
        epfd = self._check()
        _raw_epoll_ctl(epfd, 1, _fileno(fd), eventmask)
    def modify(self, fd, eventmask):
        "Modify event mask for a registered file descriptor."
        epfd = self._check()
        _raw_epoll_ctl(epfd, 3, _fileno(fd), eventmask)
    def unregister(self, fd):
        "Remove a registered file descriptor from the epoll object."
        epfd = self._check()
        _raw_epoll_ctl(epfd, 2, _fileno(fd), 0)
    def poll(self, timeout=None, maxevents=-1):
        "Wait for events on the epoll file descriptor."
        epfd = self._check()
        ms = _timeout_ms(timeout, 1000, 'timeout must be an integer or None')
        if maxevents == -1:
            maxevents = _FD_SETSIZE - 1
        elif maxevents < 1:
            raise ValueError('maxevents must be greater than 0, got %d' % maxevents)
        return [tuple(p) for p in _raw_epoll_wait(epfd, ms, maxevents)]
    def __enter__(self):
        self._check()
        return self
    def __exit__(self, *args):
        self.close()

from posix import close as _posix_close
error = OSError
"#;

/// Creates the `select` module.
pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "select",
        "This module supports asynchronous I/O on multiple file descriptors.\n\n*** IMPORTANT NOTICE ***\nOn Windows, only sockets are supported; on Unix, all file descriptors.",
        FUNCTIONS,
    )?;
    for (n, v) in CONSTANTS {
        modutil::set(&m, n, int_from_i64(*v));
    }
    modutil::run_prelude(vm, &m, "<select>", PRELUDE)?;
    if let Some(f) = m
        .downcast::<crate::types::module::PyModule>()
        .and_then(|md| md.get_attr("_select_impl"))
    {
        SELECT_IMPL.with(|c| *c.borrow_mut() = Some(f));
    }
    Ok(m)
}
