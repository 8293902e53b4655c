//! The `time` module: clocks (`time`, `monotonic`, `perf_counter`,
//! `process_time`, `thread_time` and their `_ns` forms), `sleep`, and
//! calendar conversions through libc (`gmtime`, `localtime`, `mktime`,
//! `strftime`, `asctime`, `ctime`).  `struct_time` is a struct sequence
//! defined in the Python prelude; `strptime` delegates to `_strptime` as
//! CPython does.

use std::ffi::CString;

use crate::args::Args;
use crate::error::{PyResult, overflow_error, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::float::float_ref;
use crate::types::int::{int_from_bigint, int_from_i64};
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil::{self, last_os_error};

/// The clocks, defined once: name, clock id, `get_clock_info` data
/// (implementation, monotonic, adjustable).
static CLOCKS: &[(&str, libc::clockid_t, &str, bool, bool)] = &[
    (
        "time",
        libc::CLOCK_REALTIME,
        "clock_gettime(CLOCK_REALTIME)",
        false,
        true,
    ),
    (
        "monotonic",
        libc::CLOCK_MONOTONIC,
        "clock_gettime(CLOCK_MONOTONIC)",
        true,
        false,
    ),
    (
        "perf_counter",
        libc::CLOCK_MONOTONIC,
        "clock_gettime(CLOCK_MONOTONIC)",
        true,
        false,
    ),
    (
        "process_time",
        libc::CLOCK_PROCESS_CPUTIME_ID,
        "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)",
        true,
        false,
    ),
    (
        "thread_time",
        libc::CLOCK_THREAD_CPUTIME_ID,
        "clock_gettime(CLOCK_THREAD_CPUTIME_ID)",
        true,
        false,
    ),
];

fn clock_ns(id: libc::clockid_t) -> PyResult<i128> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer.
    if unsafe { libc::clock_gettime(id, &mut ts) } != 0 {
        return Err(last_os_error(None));
    }
    Ok(ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128)
}

fn clock_f(a: Args<'_>, name: &str, i: usize) -> PyResult {
    a.no_args(name)?;
    let id = CLOCKS.get(i).map(|c| c.1).unwrap_or(libc::CLOCK_REALTIME);
    Ok(float_ref(clock_ns(id)? as f64 * 1e-9))
}

fn clock_n(a: Args<'_>, name: &str, i: usize) -> PyResult {
    a.no_args(name)?;
    let id = CLOCKS.get(i).map(|c| c.1).unwrap_or(libc::CLOCK_REALTIME);
    Ok(int_from_bigint(clock_ns(id)?.into()))
}

fn time(_: &Vm, a: Args<'_>) -> PyResult {
    clock_f(a, "time", 0)
}
fn time_ns(_: &Vm, a: Args<'_>) -> PyResult {
    clock_n(a, "time_ns", 0)
}
fn monotonic(_: &Vm, a: Args<'_>) -> PyResult {
    clock_f(a, "monotonic", 1)
}
fn monotonic_ns(_: &Vm, a: Args<'_>) -> PyResult {
    clock_n(a, "monotonic_ns", 1)
}
fn perf_counter(_: &Vm, a: Args<'_>) -> PyResult {
    clock_f(a, "perf_counter", 2)
}
fn perf_counter_ns(_: &Vm, a: Args<'_>) -> PyResult {
    clock_n(a, "perf_counter_ns", 2)
}
fn process_time(_: &Vm, a: Args<'_>) -> PyResult {
    clock_f(a, "process_time", 3)
}
fn process_time_ns(_: &Vm, a: Args<'_>) -> PyResult {
    clock_n(a, "process_time_ns", 3)
}
fn thread_time(_: &Vm, a: Args<'_>) -> PyResult {
    clock_f(a, "thread_time", 4)
}
fn thread_time_ns(_: &Vm, a: Args<'_>) -> PyResult {
    clock_n(a, "thread_time_ns", 4)
}

/// `_raw_clock_info(name)` -> (implementation, monotonic, adjustable, resolution).
fn raw_clock_info(_: &Vm, a: Args<'_>) -> PyResult {
    let name = a.one_arg("get_clock_info")?;
    let n = name
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let Some(c) = CLOCKS.iter().find(|c| c.0 == n) else {
        return Err(value_error("unknown clock"));
    };
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: valid out-pointer.
    unsafe { libc::clock_getres(c.1, &mut ts) };
    let res = ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9;
    Ok(PyTuple::new_ref(vec![
        PyStr::new_ref(c.2),
        crate::types::bool_::py_bool(c.3),
        crate::types::bool_::py_bool(c.4),
        float_ref(res),
    ]))
}

fn sleep(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a.one_arg("sleep")?;
    let secs = if let Some(i) = crate::types::int::to_i64(s) {
        i as f64
    } else if s.downcast::<crate::types::float::PyFloat>().is_some() {
        crate::protocol::number::to_f64(vm, s)?
    } else {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            s.class().name()
        )));
    };
    if secs.is_nan() {
        return Err(value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(value_error("sleep length must be non-negative"));
    }
    if secs > i64::MAX as f64 / 2.0 {
        return Err(overflow_error(
            "timestamp too large to convert to C _PyTime_t",
        ));
    }
    if secs == 0.0 {
        // CPython's sleep(0) lets other threads run.
        crate::runtime::gil::yield_gil();
        return Ok(none());
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs_f64(secs);
    // Sleep in slices, with the GIL released: pending signal handlers run
    // between slices (and may raise, e.g. KeyboardInterrupt), as in
    // CPython (PEP 475).
    loop {
        super::_signal::run_pending(vm)?;
        let now = std::time::Instant::now();
        if now >= deadline {
            return Ok(none());
        }
        let slice = (deadline - now).min(std::time::Duration::from_millis(50));
        crate::runtime::gil::allow_threads(|| std::thread::sleep(slice));
    }
}

fn time_arg(vm: &Vm, o: Option<&PyRef>) -> PyResult<libc::time_t> {
    match o {
        None => Ok(clock_ns(libc::CLOCK_REALTIME)?.div_euclid(1_000_000_000) as libc::time_t),
        Some(o) if is_none(o) => {
            Ok(clock_ns(libc::CLOCK_REALTIME)?.div_euclid(1_000_000_000) as libc::time_t)
        }
        Some(o) => {
            if let Some(i) = crate::types::int::to_i64(o) {
                return Ok(i);
            }
            let f = crate::protocol::number::to_f64(vm, o)?;
            if f.is_nan() {
                return Err(value_error("Invalid value NaN (not a number)"));
            }
            if !(-9.2e18..9.2e18).contains(&f) {
                return Err(overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(f.trunc() as libc::time_t)
        }
    }
}

fn tm_tuple(tm: &libc::tm) -> PyRef {
    let zone = if tm.tm_zone.is_null() {
        none()
    } else {
        // SAFETY: tm_zone points at a NUL-terminated static zone name.
        PyStr::new_ref(&unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }.to_string_lossy())
    };
    let v = [
        tm.tm_year as i64 + 1900,
        tm.tm_mon as i64 + 1,
        tm.tm_mday as i64,
        tm.tm_hour as i64,
        tm.tm_min as i64,
        tm.tm_sec as i64,
        (tm.tm_wday as i64 + 6) % 7,
        tm.tm_yday as i64 + 1,
        tm.tm_isdst as i64,
    ];
    let mut items: Vec<PyRef> = v.iter().map(|&x| int_from_i64(x)).collect();
    items.push(zone);
    items.push(int_from_i64(tm.tm_gmtoff));
    PyTuple::new_ref(items)
}

fn raw_gmtime(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("gmtime", 0, 1)?;
    let t = time_arg(vm, args.first())?;
    // SAFETY: zeroed tm is valid; gmtime_r fills it.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    if unsafe { libc::gmtime_r(&t, &mut tm) }.is_null() {
        return Err(overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(tm_tuple(&tm))
}

fn raw_localtime(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("localtime", 0, 1)?;
    let t = time_arg(vm, args.first())?;
    // SAFETY: zeroed tm is valid; localtime_r fills it.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return Err(overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(tm_tuple(&tm))
}

/// A `tm` from the 9 leading items of a sequence (validated in Python).
fn tm_from(vm: &Vm, t: &PyRef) -> PyResult<libc::tm> {
    let items = crate::protocol::iter::collect(vm, t)?;
    let mut v = [0i64; 9];
    for (slot, it) in v.iter_mut().zip(&items) {
        *slot = crate::types::int::as_ssize(vm, it)?;
    }
    // SAFETY: zeroed tm is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let c = |x: i64| {
        i32::try_from(x).map_err(|_| overflow_error("Python int too large to convert to C int"))
    };
    tm.tm_year = c(v[0] - 1900)?;
    tm.tm_mon = c(v[1] - 1)?;
    tm.tm_mday = c(v[2])?;
    tm.tm_hour = c(v[3])?;
    tm.tm_min = c(v[4])?;
    tm.tm_sec = c(v[5])?;
    tm.tm_wday = c((v[6] + 1).rem_euclid(7))?;
    tm.tm_yday = c(v[7] - 1)?;
    tm.tm_isdst = c(v[8])?;
    Ok(tm)
}

fn raw_mktime(vm: &Vm, a: Args<'_>) -> PyResult {
    let t = a.one_arg("mktime")?;
    let mut tm = tm_from(vm, t)?;
    tm.tm_wday = -1;
    // SAFETY: valid tm pointer.
    let r = unsafe { libc::mktime(&mut tm) };
    if r == -1 && tm.tm_wday == -1 {
        return Err(overflow_error("mktime argument out of range"));
    }
    Ok(float_ref(r as f64))
}

fn raw_strftime(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fmt, t] = a.exact::<2>("strftime")?;
    let fmt_s = fmt
        .downcast::<PyStr>()
        .ok_or_else(|| type_error("strftime() argument 1 must be str"))?;
    let tm = tm_from(vm, t)?;
    let f = fmt_s.to_string_lossy();
    if f.is_empty() {
        return Ok(PyStr::new_ref(""));
    }
    let cf = CString::new(f.as_bytes()).map_err(|_| value_error("embedded null character"))?;
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: buf writable for `size` bytes; format NUL-terminated.
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr() as *mut libc::c_char,
                size,
                cf.as_ptr(),
                &tm,
            )
        };
        if n > 0 || size >= 256 * f.len() + 1024 {
            buf.truncate(n);
            return Ok(modutil::fs_decode(&buf));
        }
        size *= 2;
    }
}

/// `_raw_tzinfo()` -> (timezone, altzone, daylight, tzname0, tzname1).
fn raw_tzinfo(_: &Vm, _a: Args<'_>) -> PyResult {
    // Derive like CPython's init_timezone: January and July offsets of this year.
    let now = clock_ns(libc::CLOCK_REALTIME)?.div_euclid(1_000_000_000) as libc::time_t;
    let year_start = now - now.rem_euclid(365 * 86400);
    let probe = |t: libc::time_t| {
        // SAFETY: zeroed tm is valid; localtime_r fills it.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        // SAFETY: valid pointers.
        unsafe { libc::localtime_r(&t, &mut tm) };
        let zone = if tm.tm_zone.is_null() {
            String::new()
        } else {
            // SAFETY: NUL-terminated zone name.
            unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
                .to_string_lossy()
                .into_owned()
        };
        (-tm.tm_gmtoff, zone)
    };
    let (jan_off, jan_name) = probe(year_start);
    let (jul_off, jul_name) = probe(year_start + 182 * 86400);
    let (std_off, std_name, dst_off, dst_name) = if jan_off < jul_off {
        (jul_off, jul_name, jan_off, jan_name)
    } else {
        (jan_off, jan_name, jul_off, jul_name)
    };
    Ok(PyTuple::new_ref(vec![
        int_from_i64(std_off),
        int_from_i64(dst_off),
        int_from_i64((std_off != dst_off) as i64),
        PyStr::new_ref(&std_name),
        PyStr::new_ref(&dst_name),
    ]))
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("time", time),
    MethodDef::method("time_ns", time_ns),
    MethodDef::method("monotonic", monotonic),
    MethodDef::method("monotonic_ns", monotonic_ns),
    MethodDef::method("perf_counter", perf_counter),
    MethodDef::method("perf_counter_ns", perf_counter_ns),
    MethodDef::method("process_time", process_time),
    MethodDef::method("process_time_ns", process_time_ns),
    MethodDef::method("thread_time", thread_time),
    MethodDef::method("thread_time_ns", thread_time_ns),
    MethodDef::method("sleep", sleep),
    MethodDef::method("_raw_clock_info", raw_clock_info),
    MethodDef::method("_raw_gmtime", raw_gmtime),
    MethodDef::method("_raw_localtime", raw_localtime),
    MethodDef::method("_raw_mktime", raw_mktime),
    MethodDef::method("_raw_strftime", raw_strftime),
    MethodDef::method("_raw_tzinfo", raw_tzinfo),
];

const PRELUDE: &str = r#"
_STRUCT_TM_ITEMS = 11

class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime(), and
 accepted by asctime(), mktime() and strftime().  May be considered as a
 sequence of 9 integers."""
    __module__ = 'time'
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    _names = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')
    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        if len(seq) < 9:
            raise TypeError('time.struct_time() takes an at least 9-sequence (%d-sequence given)' % len(seq))
        if len(seq) > 11:
            raise TypeError('time.struct_time() takes an at most 11-sequence (%d-sequence given)' % len(seq))
        self = tuple.__new__(cls, seq[:9])
        extra = list(seq[9:]) + [None] * (11 - len(seq))
        if dict:
            if extra[0] is None: extra[0] = dict.get('tm_zone')
            if extra[1] is None: extra[1] = dict.get('tm_gmtoff')
        self.__dict__['_extra'] = tuple(extra)
        return self
    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")
    def __repr__(self):
        return 'time.struct_time(' + ', '.join('%s=%r' % p for p in zip(self._names, self)) + ')'
    def __reduce__(self):
        return (struct_time, (tuple(self), {'tm_zone': self._extra[0], 'tm_gmtoff': self._extra[1]}))
    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])
    tm_zone = property(lambda self: self._extra[0])
    tm_gmtoff = property(lambda self: self._extra[1])

def gmtime(*args, _raw=_raw_gmtime):
    return struct_time(_raw(*args))
def localtime(*args, _raw=_raw_localtime):
    return struct_time(_raw(*args))

def _checktuple(t, fname):
    if not isinstance(t, tuple):
        raise TypeError('Tuple or struct_time argument required')
    if len(t) != 9 and not isinstance(t, struct_time):
        raise TypeError('%s(): illegal time tuple argument' % fname if False else 'function takes exactly 9 arguments (%d given)' % len(t))
    for x in t[:9]:
        if not isinstance(x, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)
    return t

def mktime(t, _raw=_raw_mktime, _ck=_checktuple):
    return _raw(_ck(t, 'mktime'))

def strftime(format, *args, _raw=_raw_strftime, _ck=_checktuple):
    if len(args) > 1:
        raise TypeError('strftime() takes at most 2 arguments (%d given)' % (len(args) + 1))
    if not isinstance(format, str):
        raise TypeError('strftime() argument 1 must be str, not %s' % type(format).__name__)
    t = _ck(args[0], 'strftime') if args else localtime()
    t = tuple(t)
    if not 1 <= t[1] <= 12 and t[1] != 0:
        raise ValueError('month out of range')
    if not 1 <= t[2] <= 31 and t[2] != 0:
        raise ValueError('day of month out of range')
    if not 0 <= t[3] <= 23:
        raise ValueError('hour out of range')
    if not 0 <= t[4] <= 59:
        raise ValueError('minute out of range')
    if not 0 <= t[5] <= 61:
        raise ValueError('seconds out of range')
    if t[6] < 0:
        raise ValueError('day of week out of range')
    if not 0 <= t[7] <= 366:
        raise ValueError('day of year out of range')
    t = (t[0], t[1] or 1, t[2] or 1) + t[3:7] + (t[7] or 1, max(-1, min(1, t[8])))
    return _raw(format, t)

_DAYS = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_MONTHS = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')

def asctime(*args, _ck=_checktuple):
    if len(args) > 1:
        raise TypeError('asctime expected at most 1 argument, got %d' % len(args))
    t = tuple(_ck(args[0], 'asctime')) if args else tuple(localtime())
    if not 1 <= t[1] <= 12:
        raise ValueError('month out of range')
    return '%s %s %2d %02d:%02d:%02d %d' % (_DAYS[t[6] % 7], _MONTHS[t[1] - 1], t[2], t[3], t[4], t[5], t[0])

def ctime(*args):
    if len(args) > 1:
        raise TypeError('ctime expected at most 1 argument, got %d' % len(args))
    return asctime(localtime(*args))

def strptime(string, format='%a %b %d %H:%M:%S %Y'):
    import _strptime
    return _strptime._strptime_time(string, format)

def get_clock_info(name, _raw=_raw_clock_info):
    import types
    impl, mono, adj, res = _raw(name)
    return types.SimpleNamespace(implementation=impl, monotonic=mono, adjustable=adj, resolution=res)

timezone, altzone, daylight, _tz0, _tz1 = _raw_tzinfo()
tzname = (_tz0, _tz1)
del _raw_gmtime, _raw_localtime, _raw_mktime, _raw_strftime, _raw_clock_info, _raw_tzinfo, _tz0, _tz1, _checktuple
"#;

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "time",
        "This module provides various functions to manipulate time values.",
        FUNCTIONS,
    )?;
    for (n, v) in [
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
    ] {
        modutil::set(&m, n, int_from_i64(v as i64));
    }
    // SAFETY: tzset only reads TZ and updates libc's globals.
    unsafe { tzset() };
    modutil::run_prelude(vm, &m, "<time>", PRELUDE)?;
    Ok(m)
}

unsafe extern "C" {
    fn tzset();
}
