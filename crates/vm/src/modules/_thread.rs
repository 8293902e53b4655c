//! The `_thread` module (what `Lib/threading.py` builds on).
//!
//! The VM does not run Python code on more than one OS thread yet (DESIGN
//! §3 plans a GIL; the interpreter state is single-threaded today), so
//! `start_new_thread` raises `RuntimeError("can't start new thread")`.
//! Everything else is real for the one thread there is: `lock`
//! (`allocate_lock`) with `acquire(blocking, timeout)`/`release`/`locked`,
//! the re-entrant `RLock`, `get_ident`/`get_native_id`, `_count`,
//! `_local`, `_set_sentinel`, `stack_size`, `TIMEOUT_MAX`.  With a single
//! thread nobody else can release a held lock, so a timed acquire of a
//! held lock waits out its timeout and fails, and an untimed one blocks
//! forever — exactly what CPython does in a one-thread deadlock.
//! The lock classes are written in the Python prelude below.

use crate::args::Args;
use crate::error::PyResult;
use crate::object::typeobj::MethodDef;
use crate::types::int::int_from_i64;
use crate::types::none::none;
use crate::vm::Vm;

use super::modutil;

fn get_ident(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_ident")?;
    // SAFETY: pthread_self has no preconditions.
    Ok(int_from_i64(unsafe { libc::pthread_self() } as i64))
}

fn get_native_id(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_native_id")?;
    // SAFETY: gettid has no preconditions.
    Ok(int_from_i64(unsafe { libc::gettid() } as i64))
}

fn start_new_thread(_: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("start_new_thread", 2, 3)?;
    let callable = args
        .first()
        .ok_or_else(|| crate::error::type_error("start_new_thread"))?;
    if !crate::protocol::call::callable(callable) {
        return Err(crate::error::type_error("first arg must be callable"));
    }
    if args
        .get(1)
        .is_none_or(|t| t.downcast::<crate::types::tuple::PyTuple>().is_none())
    {
        return Err(crate::error::type_error("2nd arg must be a tuple"));
    }
    Err(crate::error::runtime_error("can't start new thread"))
}

/// `_raw_wait(seconds)`: a blocking wait used by a lock nobody can
/// release (negative = forever).
fn raw_wait(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = crate::protocol::number::to_f64(vm, a.one_arg("_raw_wait")?)?;
    if s < 0.0 {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    std::thread::sleep(std::time::Duration::from_secs_f64(s.min(9.2e9)));
    Ok(none())
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("get_ident", get_ident),
    MethodDef::method("get_native_id", get_native_id),
    MethodDef::method("start_new_thread", start_new_thread),
    MethodDef::method("start_new", start_new_thread),
    MethodDef::method("_raw_wait", raw_wait),
];

const PRELUDE: &str = r#"
error = RuntimeError
TIMEOUT_MAX = 9223372036.0

def _check_timeout(blocking, timeout):
    if not blocking and timeout != -1:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be a non-negative number")
    if timeout > TIMEOUT_MAX:
        raise OverflowError("timeout value is too large")

class lock:
    __module__ = '_thread'
    __slots__ = ('_locked', '__weakref__')
    def __new__(cls, *a, **k):
        raise TypeError("cannot create '_thread.lock' instances")
    def acquire(self, blocking=True, timeout=-1, _ck=_check_timeout, _wait=_raw_wait):
        _ck(blocking, timeout)
        if not self._locked:
            self._locked = True
            return True
        if blocking:
            _wait(timeout)
        return False
    def release(self):
        if not self._locked:
            raise RuntimeError('release unlocked lock')
        self._locked = False
    def locked(self):
        return self._locked
    def _at_fork_reinit(self):
        self._locked = False
    def __enter__(self, *a):
        return self.acquire(*a)
    def __exit__(self, *a):
        self.release()
    acquire_lock = acquire
    release_lock = release
    locked_lock = locked
    def __repr__(self):
        return '<%s %s.%s object at %#x>' % ('locked' if self._locked else 'unlocked',
                                             type(self).__module__, type(self).__qualname__, id(self))

LockType = lock

def allocate_lock(_lock=lock):
    l = object.__new__(_lock)
    l._locked = False
    return l
allocate = allocate_lock

class RLock:
    __module__ = '_thread'
    def __init__(self, *a, **k):
        self._owner = 0
        self._count = 0
    def acquire(self, blocking=True, timeout=-1, _ck=_check_timeout, _wait=_raw_wait, _ident=get_ident):
        _ck(blocking, timeout)
        me = _ident()
        if self._count and self._owner == me:
            self._count += 1
            return True
        if not self._count:
            self._owner = me
            self._count = 1
            return True
        if blocking:
            _wait(timeout)
        return False
    def release(self, _ident=get_ident):
        if not self._count or self._owner != _ident():
            raise RuntimeError('cannot release un-acquired lock')
        self._count -= 1
        if not self._count:
            self._owner = 0
    def _is_owned(self, _ident=get_ident):
        return bool(self._count) and self._owner == _ident()
    def _release_save(self, _ident=get_ident):
        if not self._count:
            raise RuntimeError('cannot release un-acquired lock')
        state = (self._count, self._owner)
        self._count = 0
        self._owner = 0
        return state
    def _acquire_restore(self, state):
        self._count, self._owner = state
    def _at_fork_reinit(self):
        self._owner = 0
        self._count = 0
    __enter__ = acquire
    def __exit__(self, *a):
        self.release()
    def __repr__(self):
        return '<%s %s.%s object owner=%d count=%d at %#x>' % (
            'locked' if self._count else 'unlocked', type(self).__module__, type(self).__qualname__,
            self._owner, self._count, id(self))

class _local:
    __module__ = '_thread'
    def __new__(cls, *args, **kw):
        if (args or kw) and cls.__init__ is object.__init__:
            raise TypeError('Initialization arguments are not supported')
        return object.__new__(cls)

def _count():
    return 0

def _set_sentinel():
    return allocate_lock()

def stack_size(size=0):
    if size != 0 and size < 32768:
        raise ValueError('size not valid: %d bytes' % size)
    return 0

def daemon_threads_allowed():
    return True

def exit():
    raise SystemExit
exit_thread = exit

def interrupt_main(signum=2):
    # The only thread is the main thread: the interrupt arrives at once.
    raise KeyboardInterrupt

class _ExceptHookArgs(tuple):
    "ExceptHookArgs\n\nType used to pass arguments to threading.excepthook."
    __module__ = '_thread'
    __slots__ = ()
    n_sequence_fields = n_fields = 4
    n_unnamed_fields = 0
    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        if len(seq) != 4:
            raise TypeError('_thread._ExceptHookArgs() takes a 4-sequence (%d-sequence given)' % len(seq))
        return tuple.__new__(cls, seq)
    exc_type = property(lambda self: tuple.__getitem__(self, 0))
    exc_value = property(lambda self: tuple.__getitem__(self, 1))
    exc_traceback = property(lambda self: tuple.__getitem__(self, 2))
    thread = property(lambda self: tuple.__getitem__(self, 3))
    def __repr__(self):
        return ('_thread._ExceptHookArgs(exc_type=%r, exc_value=%r, exc_traceback=%r, thread=%r)'
                % tuple(self))

def _excepthook(args, /):
    if not isinstance(args, _ExceptHookArgs):
        raise TypeError('_thread._excepthook argument type must be ExceptHookArgs')
    if args.exc_type is SystemExit:
        return
    import sys
    stderr = sys.stderr
    if stderr is None:
        stderr = getattr(args.thread, '_stderr', None)
        if stderr is None:
            return
    name = getattr(args.thread, 'name', None) if args.thread is not None else None
    if name is None:
        name = get_ident()
    stderr.write('Exception in thread %s:\n' % (name,))
    stderr.flush()
    sys.__excepthook__(args.exc_type, args.exc_value, args.exc_traceback)
    stderr.flush()

del _raw_wait
"#;

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "_thread",
        "This module provides primitive operations to write multi-threaded programs.\nThe 'threading' module provides a more convenient interface.",
        FUNCTIONS,
    )?;
    modutil::run_prelude(vm, &m, "<_thread>", PRELUDE)?;
    Ok(m)
}
