//! The `sys` module and the simple text streams behind `sys.stdout`,
//! `sys.stderr` and `sys.stdin` (until an `_io` module replaces them).
//!
//! stdout is block-buffered when not a terminal (flushed at exit, on
//! `flush()`, or when the buffer fills), like CPython; stderr is written
//! through; `-u` makes both unbuffered.

use std::cell::{Cell, RefCell};
use std::io::{Read, Write};

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::dict::PyDict;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::module::PyModule;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// A text stream on file descriptor 0, 1 or 2.
    pub struct PyStdStream {
        pub fd: i32,
        buf: RefCell<Vec<u8>>,
        line_buffered: Cell<bool>,
        /// `-u`: every write goes straight to the file descriptor.
        write_through: Cell<bool>,
        closed: Cell<bool>,
        /// The encoding error handler (`reconfigure(errors=...)`).
        errors: RefCell<Option<String>>,
    }
}

pub static STD_STREAM_TYPE: StaticType = StaticType::new();

impl PyPayload for PyStdStream {
    fn class() -> &'static Obj<PyType> {
        STD_STREAM_TYPE.get()
    }
}

impl PyStdStream {
    fn flush_buf(&self) {
        let data = std::mem::take(&mut *self.buf.borrow_mut());
        if data.is_empty() {
            return;
        }
        let _ = match self.fd {
            1 => {
                let mut o = std::io::stdout().lock();
                o.write_all(&data).and_then(|_| o.flush())
            }
            _ => {
                let mut o = std::io::stderr().lock();
                o.write_all(&data).and_then(|_| o.flush())
            }
        };
    }

    fn write_bytes(&self, b: &[u8]) {
        self.buf.borrow_mut().extend_from_slice(b);
        // As CPython's std streams: stderr (and a terminal's stdout) is
        // line-buffered, `-u` writes through, the rest is block-buffered.
        let flush = self.write_through.get()
            || (self.line_buffered.get() && b.contains(&b'\n'))
            || self.buf.borrow().len() >= 8192;
        if flush {
            self.flush_buf();
        }
    }
}

fn stream(o: &PyRef) -> PyResult<&PyStdStream> {
    o.downcast::<PyStdStream>()
        .ok_or_else(|| type_error("expected a standard stream"))
}

fn s_write(_: &Vm, a: Args<'_>) -> PyResult {
    let [s, text] = a.exact::<2>("write")?;
    let st = stream(s)?;
    if st.closed.get() {
        return Err(value_error("I/O operation on closed file."));
    }
    let t = text.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "write() argument must be str, not {}",
            text.class().name()
        ))
    })?;
    // Lone surrogates cannot be encoded to UTF-8 (strict): CPython raises.
    match t.as_str() {
        Some(x) => st.write_bytes(x.as_bytes()),
        None => {
            let errors = stream_errors(st);
            let b = crate::types::bytes::encode(text, "utf-8", &errors)?;
            st.write_bytes(&b);
        }
    }
    Ok(int_from_i64(t.char_len() as i64))
}

fn s_flush(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("flush")?;
    stream(s)?.flush_buf();
    Ok(none())
}

fn s_readline(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("readline needs self"))?;
    if stream(s)?.fd != 0 {
        return Err(crate::error::os_error("not readable"));
    }
    Ok(PyStr::new_ref(&read_line_stdin()))
}

fn s_read(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("read needs self"))?;
    if stream(s)?.fd != 0 {
        return Err(crate::error::os_error("not readable"));
    }
    let mut v = Vec::new();
    crate::runtime::gil::allow_threads(|| std::io::stdin().read_to_end(&mut v).ok());
    Ok(PyStr::new_ref(&String::from_utf8_lossy(&v)))
}

/// Reads one line from stdin including the newline ("" at EOF), with the
/// GIL released.
pub fn read_line_stdin() -> String {
    crate::runtime::gil::allow_threads(read_line_stdin_raw)
}

fn read_line_stdin_raw() -> String {
    let mut out = Vec::new();
    let mut byte = [0u8; 1];
    let mut stdin = std::io::stdin().lock();
    while let Ok(1) = stdin.read(&mut byte) {
        out.push(byte[0]);
        if byte[0] == b'\n' {
            break;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn s_isatty(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("isatty")?;
    let fd = stream(s)?.fd;
    use std::io::IsTerminal;
    Ok(py_bool(match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    }))
}

fn s_fileno(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("fileno")?;
    Ok(int_from_i64(stream(s)?.fd as i64))
}

fn s_close(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("close")?;
    let st = stream(s)?;
    st.flush_buf();
    st.closed.set(true);
    Ok(none())
}

fn s_true(_: &Vm, _a: Args<'_>) -> PyResult {
    Ok(py_bool(true))
}

fn s_repr(_: &Vm, o: &PyRef) -> PyResult {
    let name = match stream(o)?.fd {
        0 => "<stdin>",
        1 => "<stdout>",
        _ => "<stderr>",
    };
    let mode = if stream(o)?.fd == 0 { "r" } else { "w" };
    Ok(PyStr::new_ref(&format!(
        "<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>"
    )))
}

fn g_encoding(_: &Vm, _o: &PyRef) -> PyResult {
    Ok(PyStr::intern("utf-8"))
}
fn g_closed(_: &Vm, o: &PyRef) -> PyResult {
    Ok(py_bool(stream(o)?.closed.get()))
}
fn stream_errors(st: &PyStdStream) -> String {
    match &*st.errors.borrow() {
        Some(e) => e.clone(),
        None if st.fd == 2 => "backslashreplace".into(),
        None => "strict".into(),
    }
}

fn g_errors(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(&stream_errors(stream(o)?)))
}

/// `reconfigure(*, encoding=None, errors=None, newline=..., line_buffering=None,
/// write_through=None)`: the standard streams are always UTF-8, so only the
/// error handler and the buffering can change.
fn s_reconfigure(vm: &Vm, a: Args<'_>) -> PyResult {
    let st = stream(a.args.first().ok_or_else(|| type_error("reconfigure"))?)?;
    let b = a.shift();
    if !b.positional().is_empty() {
        return Err(type_error(format!(
            "reconfigure() takes 0 positional arguments but {} were given",
            b.positional().len()
        )));
    }
    let [encoding, errors, _newline, line_buffering, write_through] = b.bind(
        "reconfigure",
        [
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        0,
        0,
    )?;
    let opt_str = |o: &Option<PyRef>, what: &str| -> PyResult<Option<String>> {
        match o {
            Some(v) if !is_none(v) => match v.downcast::<PyStr>() {
                Some(s) => Ok(Some(s.to_string_lossy())),
                None => Err(type_error(format!(
                    "reconfigure() argument '{what}' must be str or None, not {}",
                    v.class().name()
                ))),
            },
            _ => Ok(None),
        }
    };
    let enc = opt_str(&encoding, "encoding")?;
    let err = opt_str(&errors, "errors")?;
    if let Some(e) = &enc {
        let norm = e.to_ascii_lowercase().replace('_', "-");
        if !matches!(norm.as_str(), "utf-8" | "utf8" | "u8" | "utf") {
            return Err(crate::error::PyErr::new_msg(
                &crate::types::exceptions::LOOKUP_ERROR,
                format!("unknown encoding: {e}"),
            ));
        }
    }
    st.flush_buf();
    if err.is_some() || enc.is_some() {
        *st.errors.borrow_mut() = Some(err.unwrap_or_else(|| "strict".into()));
    }
    if let Some(v) = line_buffering.filter(|v| !is_none(v)) {
        st.line_buffered
            .set(crate::protocol::object::is_true(vm, &v)?);
    }
    if let Some(v) = write_through.filter(|v| !is_none(v)) {
        st.write_through
            .set(crate::protocol::object::is_true(vm, &v)?);
    }
    Ok(none())
}

fn s_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn s_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    if stream(o)?.fd != 0 {
        return Err(crate::error::os_error("not readable"));
    }
    let l = read_line_stdin();
    Ok(if l.is_empty() {
        None
    } else {
        Some(PyStr::new_ref(&l))
    })
}

static STREAM_METHODS: &[MethodDef] = &[
    MethodDef::method("write", s_write),
    MethodDef::method("flush", s_flush),
    MethodDef::method("readline", s_readline),
    MethodDef::method("read", s_read),
    MethodDef::method("isatty", s_isatty),
    MethodDef::method("fileno", s_fileno),
    MethodDef::method("close", s_close),
    MethodDef::method("writable", s_true),
    MethodDef::method("readable", s_true),
    MethodDef::method("reconfigure", s_reconfigure),
];
fn g_line_buffering(_: &Vm, o: &PyRef) -> PyResult {
    Ok(py_bool(stream(o)?.line_buffered.get()))
}

fn g_write_through(_: &Vm, o: &PyRef) -> PyResult {
    Ok(py_bool(stream(o)?.write_through.get()))
}

static STREAM_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("line_buffering", g_line_buffering),
    GetSetDef::new("write_through", g_write_through),
    GetSetDef::new("encoding", g_encoding),
    GetSetDef::new("closed", g_closed),
    GetSetDef::new("errors", g_errors),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &STD_STREAM_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(s_repr),
                iter: Some(s_iter),
                iternext: Some(s_next),
                ..Slots::EMPTY
            },
            methods: STREAM_METHODS,
            getsets: STREAM_GETSETS,
            ..TypeSpec::new("_io.TextIOWrapper", Layout::of::<PyStdStream>())
        },
    )]
}

fn new_stream(fd: i32, unbuffered: bool) -> PyRef {
    use std::io::IsTerminal;
    let tty = fd == 1 && std::io::stdout().is_terminal();
    crate::object::alloc(PyStdStream {
        fd,
        buf: RefCell::new(Vec::new()),
        line_buffered: Cell::new(!unbuffered && (tty || fd == 2)),
        write_through: Cell::new(unbuffered),
        closed: Cell::new(false),
        errors: RefCell::new(None),
    })
}

/// Writes text to `sys.stderr` (falls back to the process stderr).
pub fn write_stderr(vm: &Vm, text: &str) {
    write_to(vm, "stderr", text, 2)
}

/// Writes text to `sys.stdout`.
pub fn write_stdout(vm: &Vm, text: &str) {
    write_to(vm, "stdout", text, 1)
}

fn write_to(vm: &Vm, name: &str, text: &str, fd: i32) {
    if let Some(s) = vm
        .sys_module()
        .and_then(|m| m.downcast::<PyModule>().and_then(|m| m.get_attr(name)))
    {
        if let Some(st) = s.downcast::<PyStdStream>() {
            st.write_bytes(text.as_bytes());
            return;
        }
        if !is_none(&s)
            && let Ok(w) = crate::protocol::object::get_attr_str(vm, &s, "write")
            && crate::protocol::call::call_pos(vm, &w, &[PyStr::new_ref(text)]).is_ok()
        {
            return;
        }
    }
    let _ = if fd == 1 {
        std::io::stdout().write_all(text.as_bytes())
    } else {
        std::io::stderr().write_all(text.as_bytes())
    };
}

/// Flushes `sys.stdout` and `sys.stderr` (at exit).
pub fn flush_std_streams(vm: &Vm) {
    for name in ["stdout", "stderr"] {
        if let Some(s) = vm
            .sys_module()
            .and_then(|m| m.downcast::<PyModule>().and_then(|m| m.get_attr(name)))
        {
            if let Some(st) = s.downcast::<PyStdStream>() {
                st.flush_buf();
            } else if !is_none(&s)
                && let Ok(f) = crate::protocol::object::get_attr_str(vm, &s, "flush")
            {
                let _ = crate::protocol::call::call_pos(vm, &f, &[]);
            }
        }
    }
    for s in [std::io::stdout().flush(), std::io::stderr().flush()] {
        let _ = s;
    }
}

/// `sys.exit(status=None)`: CPython raises with `PyErr_SetObject`, so
/// `None` gives `SystemExit()` and a tuple becomes the exception's args.
fn f_exit(_: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("exit", 0, 1)?;
    let args = match args.first() {
        None => Vec::new(),
        Some(s) if crate::types::none::is_none(s) => Vec::new(),
        Some(s) => match s.downcast::<crate::types::tuple::PyTuple>() {
            Some(t) => t.as_slice().to_vec(),
            None => vec![s.clone()],
        },
    };
    Err(crate::error::PyErr::new_args(
        &crate::types::exceptions::SYSTEM_EXIT,
        args,
    ))
}

fn f_getrecursionlimit(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getrecursionlimit")?;
    Ok(int_from_i64(vm.recursion_limit() as i64))
}

fn f_setrecursionlimit(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = a.one_arg("setrecursionlimit")?;
    if n.downcast::<crate::types::float::PyFloat>().is_some() {
        return Err(type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = crate::types::int::as_ssize(vm, n)?;
    if n < 1 {
        return Err(value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    if (n as usize) <= vm.depth() {
        return Err(crate::error::recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
            vm.depth()
        )));
    }
    vm.set_recursion_limit(n as usize);
    Ok(none())
}

fn f_getswitchinterval(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getswitchinterval")?;
    Ok(crate::types::float::float_ref(
        crate::runtime::gil::switch_interval(),
    ))
}

fn f_setswitchinterval(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("sys.setswitchinterval")?;
    let v = a.one_arg("sys.setswitchinterval")?;
    let secs = crate::protocol::number::to_f64(vm, v)?;
    if secs <= 0.0 {
        return Err(value_error("switch interval must be strictly positive"));
    }
    crate::runtime::gil::set_switch_interval(secs);
    Ok(none())
}

fn f_exc_info(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("exc_info")?;
    Ok(match vm.handled_exception() {
        Some(e) => {
            let tb = e
                .downcast::<crate::types::exceptions::PyBaseException>()
                .and_then(|x| x.traceback.borrow().clone())
                .unwrap_or_else(none);
            PyTuple::new_ref(vec![e.class_ref(), e, tb])
        }
        None => PyTuple::new_ref(vec![none(), none(), none()]),
    })
}

fn f_exception(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("exception")?;
    Ok(vm.handled_exception().unwrap_or_else(none))
}

fn f_getsizeof(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("getsizeof", 1, 2)?;
    match crate::protocol::call::call_special(vm, &args[0], "__sizeof__", &[])? {
        Some(r) => {
            let extra = if crate::gc::is_tracked(&args[0]) {
                16
            } else {
                0
            };
            crate::protocol::number::binary_op(
                vm,
                &r,
                &int_from_i64(extra),
                taipan_bytecode::BinaryOp::Add,
            )
        }
        None => Ok(args.get(1).cloned().unwrap_or_else(|| int_from_i64(16))),
    }
}

fn f_intern(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a.one_arg("intern")?;
    if !s.is_exact::<PyStr>() {
        return Err(type_error(format!(
            "intern() argument must be str, not {}",
            s.class().name()
        )));
    }
    Ok(PyStr::intern_ref(s))
}

fn f_getdefaultencoding(_: &Vm, _a: Args<'_>) -> PyResult {
    Ok(PyStr::intern("utf-8"))
}

fn f_getrefcount(_: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("getrefcount")?;
    Ok(int_from_i64(o.refcount() as i64))
}

fn f_get_int_max_str_digits(_: &Vm, _a: Args<'_>) -> PyResult {
    Ok(int_from_i64(crate::vm::int_max_str_digits() as i64))
}

fn f_set_int_max_str_digits(vm: &Vm, a: Args<'_>) -> PyResult {
    let [n] = a.bind("set_int_max_str_digits", ["maxdigits"], 0, 1)?;
    let n = crate::types::int::as_ssize(vm, &n.unwrap_or_else(none))?;
    if n != 0 && n < 640 {
        return Err(value_error("maxdigits must be 0 or larger than 640"));
    }
    crate::vm::set_int_max_str_digits(n as usize);
    Ok(none())
}

fn f_get_coroutine_origin_tracking_depth(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_coroutine_origin_tracking_depth")?;
    let d = crate::types::generator::origin_tracking_depth();
    Ok(crate::types::int::int_from_i64(d as i64))
}

fn f_set_coroutine_origin_tracking_depth(vm: &Vm, a: Args<'_>) -> PyResult {
    let [depth] = a.bind("set_coroutine_origin_tracking_depth", ["depth"], 0, 1)?;
    let depth = depth.unwrap_or_else(none);
    if depth
        .class()
        .is_subtype(crate::types::float::FLOAT_TYPE.get())
    {
        return Err(type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let d = crate::types::int::as_ssize(vm, &depth)?;
    if d < 0 {
        return Err(value_error("depth must be >= 0"));
    }
    crate::types::generator::set_origin_tracking_depth(d as usize);
    Ok(none())
}

fn f_getframe(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("_getframe", 0, 1)?;
    let depth = match args.first() {
        Some(d) => crate::types::int::as_ssize(vm, d)?,
        None => 0,
    };
    crate::interp::get_frame(vm, depth.max(0) as usize)
}

fn f_displayhook(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("displayhook")?;
    if is_none(o) {
        return Ok(none());
    }
    let b = vm.builtins_dict();
    if let Some(d) = b.downcast::<PyDict>() {
        d.set_str(PyStr::intern("_"), none());
    }
    let r = crate::protocol::object::repr_string(vm, o)?;
    write_stdout(vm, &format!("{r}\n"));
    if let Some(d) = b.downcast::<PyDict>() {
        d.set_str(PyStr::intern("_"), o.clone());
    }
    Ok(none())
}

fn f_excepthook(vm: &Vm, a: Args<'_>) -> PyResult {
    let [_t, v, _tb] = a.exact::<3>("excepthook")?;
    let text = crate::interp::traceback::format_exception(vm, v);
    write_stderr(vm, &text);
    Ok(none())
}

fn f_is_finalizing(_: &Vm, _a: Args<'_>) -> PyResult {
    Ok(py_bool(false))
}

/// The default `sys.breakpointhook`: `$PYTHONBREAKPOINT` names the hook
/// (`0` disables it, empty or unset means `pdb.set_trace`), imported and
/// called with the arguments of `breakpoint()`.
fn f_breakpointhook(vm: &Vm, a: Args<'_>) -> PyResult {
    let env = if vm.config.ignore_environment {
        None
    } else {
        std::env::var("PYTHONBREAKPOINT").ok()
    };
    let spec = match env.as_deref() {
        None | Some("") => "pdb.set_trace",
        Some("0") => return Ok(none()),
        Some(s) => s,
    };
    let (modname, attr) = match spec.rsplit_once('.') {
        Some((m, at)) => (m, at),
        None => ("builtins", spec),
    };
    let hook = crate::interp::import::import_module(vm, modname)
        .and_then(|m| crate::protocol::object::get_attr_str(vm, &m, attr));
    match hook {
        Ok(h) => crate::protocol::call::call(vm, &h, a),
        Err(e)
            if e.matches(&crate::types::exceptions::IMPORT_ERROR)
                || e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) =>
        {
            let w = crate::interp::import::import_module(vm, "_warnings")?;
            let warn = crate::protocol::object::get_attr_str(vm, &w, "warn")?;
            let msg = PyStr::new_ref(&format!(
                "Ignoring unimportable $PYTHONBREAKPOINT: \"{spec}\""
            ));
            crate::protocol::call::call_pos(
                vm,
                &warn,
                &[msg, crate::types::exceptions::RUNTIME_WARNING.to_ref()],
            )?;
            Ok(none())
        }
        Err(e) => Err(e),
    }
}

fn f_settrace(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = a.one_arg("settrace")?;
    crate::interp::trace::set_trace(vm, (!is_none(f)).then(|| f.clone()));
    Ok(none())
}

fn f_gettrace(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("gettrace")?;
    Ok(crate::interp::trace::get_trace(vm))
}

fn f_setprofile(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = a.one_arg("setprofile")?;
    crate::interp::trace::set_profile(vm, (!is_none(f)).then(|| f.clone()));
    Ok(none())
}

fn f_getprofile(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getprofile")?;
    Ok(crate::interp::trace::get_profile(vm))
}

/// `sys.call_tracing(func, args)`.
fn f_call_tracing(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("call_tracing")?;
    let [func, args] = a.exact::<2>("call_tracing")?;
    let Some(t) = args.downcast::<crate::types::tuple::PyTuple>() else {
        return Err(crate::error::type_error(format!(
            "call_tracing() argument 2 must be tuple, not {}",
            args.class().name()
        )));
    };
    let items: Vec<PyRef> = t.as_slice().to_vec();
    crate::interp::trace::call_tracing(vm, func, &items)
}

/// `sys.set_asyncgen_hooks([firstiter] [, finalizer])`.
fn f_set_asyncgen_hooks(vm: &Vm, a: Args<'_>) -> PyResult {
    let b = a.bind("set_asyncgen_hooks", ["firstiter", "finalizer"], 0, 0)?;
    let check = |v: Option<&PyRef>, what: &str| -> PyResult<Option<Option<PyRef>>> {
        match v {
            None => Ok(None),
            Some(v) if is_none(v) => Ok(Some(None)),
            Some(v) if crate::protocol::call::callable(v) => Ok(Some(Some(v.clone()))),
            Some(v) => Err(crate::error::type_error(format!(
                "callable {what} expected, got {}",
                v.class().name()
            ))),
        }
    };
    let fin = check(b[1].as_ref(), "finalizer")?;
    vm.interp.set_asyncgen_hooks(None, fin);
    let first = check(b[0].as_ref(), "firstiter")?;
    vm.interp.set_asyncgen_hooks(first, None);
    Ok(none())
}

static ASYNCGEN_HOOKS_TYPE: crate::runtime::gil::GilCell<std::cell::RefCell<Option<PyRef>>> =
    crate::runtime::gil::GilCell::new(std::cell::RefCell::new(None));

/// `sys.get_asyncgen_hooks()`: an `asyncgen_hooks(firstiter, finalizer)`.
fn f_get_asyncgen_hooks(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_asyncgen_hooks")?;
    let t = match ASYNCGEN_HOOKS_TYPE.with(|t| t.borrow().clone()) {
        Some(t) => t,
        None => {
            let t = crate::types::structseq::make_type(
                vm,
                "",
                "asyncgen_hooks",
                &["firstiter", "finalizer"],
            )?;
            ASYNCGEN_HOOKS_TYPE.with(|c| *c.borrow_mut() = Some(t.clone()));
            t
        }
    };
    let (first, fin) = vm.interp.asyncgen_hooks();
    crate::types::structseq::new_instance(
        vm,
        &t,
        vec![first.unwrap_or_else(none), fin.unwrap_or_else(none)],
    )
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("set_asyncgen_hooks", f_set_asyncgen_hooks),
    MethodDef::method("get_asyncgen_hooks", f_get_asyncgen_hooks),
    MethodDef::method("settrace", f_settrace),
    MethodDef::method("gettrace", f_gettrace),
    MethodDef::method("setprofile", f_setprofile),
    MethodDef::method("getprofile", f_getprofile),
    MethodDef::method("call_tracing", f_call_tracing),
    MethodDef::method("breakpointhook", f_breakpointhook),
    MethodDef::method("exit", f_exit),
    MethodDef::method("getrecursionlimit", f_getrecursionlimit),
    MethodDef::method("setrecursionlimit", f_setrecursionlimit),
    MethodDef::method("getswitchinterval", f_getswitchinterval),
    MethodDef::method("setswitchinterval", f_setswitchinterval),
    MethodDef::method("exc_info", f_exc_info),
    MethodDef::method("exception", f_exception),
    MethodDef::method("getsizeof", f_getsizeof),
    MethodDef::method("intern", f_intern),
    MethodDef::method("getdefaultencoding", f_getdefaultencoding),
    MethodDef::method("getfilesystemencoding", f_getdefaultencoding),
    MethodDef::method(
        "getfilesystemencodeerrors",
        crate::modules::modutil::sys_getfilesystemencodeerrors,
    ),
    MethodDef::method("audit", crate::modules::modutil::sys_audit),
    MethodDef::method("getrefcount", f_getrefcount),
    MethodDef::method("get_int_max_str_digits", f_get_int_max_str_digits),
    MethodDef::method("set_int_max_str_digits", f_set_int_max_str_digits),
    MethodDef::method("_getframe", f_getframe),
    MethodDef::method(
        "get_coroutine_origin_tracking_depth",
        f_get_coroutine_origin_tracking_depth,
    ),
    MethodDef::method(
        "set_coroutine_origin_tracking_depth",
        f_set_coroutine_origin_tracking_depth,
    ),
    MethodDef::method("displayhook", f_displayhook),
    MethodDef::method("excepthook", f_excepthook),
    MethodDef::method(
        "unraisablehook",
        crate::modules::sys_unraisable::f_unraisablehook,
    ),
    MethodDef::method("is_finalizing", f_is_finalizing),
];

/// Where CPython's pure-Python standard library lives (see
/// [`crate::runtime::stdlib`] for the search order).
pub fn find_stdlib() -> Option<String> {
    crate::runtime::stdlib::stdlib().map(|s| s.lib.clone())
}

fn strs(v: &[String]) -> PyRef {
    PyList::new_ref(v.iter().map(|s| PyStr::new_ref(s)).collect())
}

/// Creates the `sys` module.
pub fn make_module(vm: &Vm) -> PyRef {
    let m = PyModule::new_ref(
        "sys",
        Some(
            "This module provides access to some objects used or maintained by the\ninterpreter and to functions that interact strongly with the interpreter.",
        ),
    );
    let Some(md) = m.downcast::<PyModule>() else {
        return m;
    };
    for f in FUNCTIONS {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    let cfg = &vm.config;
    md.set_attr("argv", strs(&cfg.argv));
    md.set_attr("orig_argv", strs(&cfg.orig_argv));
    // The script's directory (`path0`) is inserted by
    // `cli_support::init_site` after `site` ran, as CPython does.
    let mut path: Vec<String> = Vec::new();
    if !cfg.ignore_environment
        && let Ok(pp) = std::env::var("PYTHONPATH")
    {
        path.extend(pp.split(':').filter(|s| !s.is_empty()).map(String::from));
    }
    let stdlib = crate::runtime::stdlib::stdlib();
    if let Some(st) = stdlib {
        // As CPython: the zip (usually absent) first, then Lib/ and its
        // lib-dynload (listed for fidelity; the importer never loads the
        // compiled extension modules there).
        path.push(format!("{}/lib/python311.zip", st.prefix));
        path.push(st.lib.clone());
        path.push(format!("{}/lib-dynload", st.lib));
    }
    md.set_attr("path", strs(&path));
    md.set_attr("modules", vm.modules().clone());
    md.set_attr("meta_path", PyList::new_ref(Vec::new()));
    md.set_attr("path_hooks", PyList::new_ref(Vec::new()));
    md.set_attr("path_importer_cache", PyDict::new_ref());
    md.set_attr("stdin", new_stream(0, cfg.unbuffered));
    md.set_attr("stdout", new_stream(1, cfg.unbuffered));
    md.set_attr("stderr", new_stream(2, cfg.unbuffered));
    for n in ["stdin", "stdout", "stderr"] {
        if let Some(v) = md.get_attr(n) {
            md.set_attr(&format!("__{n}__"), v);
        }
    }
    if let Some(h) = md.get_attr("displayhook") {
        md.set_attr("__displayhook__", h);
    }
    if let Some(h) = md.get_attr("excepthook") {
        md.set_attr("__excepthook__", h);
    }
    if let Some(h) = md.get_attr("unraisablehook") {
        md.set_attr("__unraisablehook__", h);
    }
    md.set_attr("version", PyStr::new_ref("3.11.7 (taipan 0.1.0) [Rust]"));
    md.set_attr("hexversion", int_from_i64(0x030B07F0));
    let vi = vec![
        int_from_i64(3),
        int_from_i64(11),
        int_from_i64(7),
        PyStr::new_ref("final"),
        int_from_i64(0),
    ];
    let vi = crate::types::structseq::make_type(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    )
    .and_then(|t| crate::types::structseq::new_instance(vm, &t, vi.clone()))
    .unwrap_or_else(|_| PyTuple::new_ref(vi));
    md.set_attr("version_info", vi);
    let imp = crate::types::namespace::new_namespace(&[
        ("name", PyStr::new_ref("taipan")),
        (
            "cache_tag",
            PyStr::new_ref(crate::runtime::pycache::CACHE_TAG),
        ),
        ("version", {
            let v = vec![
                int_from_i64(0),
                int_from_i64(1),
                int_from_i64(0),
                PyStr::new_ref("alpha"),
                int_from_i64(0),
            ];
            match crate::types::structseq::make_type(
                vm,
                "sys",
                "version_info",
                &["major", "minor", "micro", "releaselevel", "serial"],
            ) {
                Ok(t) => crate::types::structseq::new_instance(vm, &t, v.clone())
                    .unwrap_or_else(|_| PyTuple::new_ref(v)),
                Err(_) => PyTuple::new_ref(v),
            }
        }),
        ("hexversion", int_from_i64(0x000100A0)),
        ("_multiarch", PyStr::new_ref("x86_64-linux-gnu")),
    ]);
    let info = |name: &str, fields: &[&str], vals: Vec<PyRef>| -> PyRef {
        match crate::types::structseq::make_type(vm, "sys", name, fields) {
            Ok(t) => crate::types::structseq::new_instance(vm, &t, vals.clone())
                .unwrap_or_else(|_| PyTuple::new_ref(vals)),
            Err(_) => PyTuple::new_ref(vals),
        }
    };
    md.set_attr(
        "int_info",
        info(
            "int_info",
            &[
                "bits_per_digit",
                "sizeof_digit",
                "default_max_str_digits",
                "str_digits_check_threshold",
            ],
            vec![
                int_from_i64(30),
                int_from_i64(4),
                int_from_i64(4300),
                int_from_i64(640),
            ],
        ),
    );
    md.set_attr(
        "hash_info",
        info(
            "hash_info",
            &[
                "width",
                "modulus",
                "inf",
                "nan",
                "imag",
                "algorithm",
                "hash_bits",
                "seed_bits",
                "cutoff",
            ],
            vec![
                int_from_i64(64),
                int_from_i64((1 << 61) - 1),
                int_from_i64(314159),
                int_from_i64(0),
                int_from_i64(1000003),
                PyStr::new_ref("siphash13"),
                int_from_i64(64),
                int_from_i64(128),
                int_from_i64(0),
            ],
        ),
    );
    let f = crate::types::float::float_ref;
    md.set_attr(
        "float_info",
        info(
            "float_info",
            &[
                "max",
                "max_exp",
                "max_10_exp",
                "min",
                "min_exp",
                "min_10_exp",
                "dig",
                "mant_dig",
                "epsilon",
                "radix",
                "rounds",
            ],
            vec![
                f(f64::MAX),
                int_from_i64(1024),
                int_from_i64(308),
                f(f64::MIN_POSITIVE),
                int_from_i64(-1021),
                int_from_i64(-307),
                int_from_i64(15),
                int_from_i64(53),
                f(f64::EPSILON),
                int_from_i64(2),
                int_from_i64(1),
            ],
        ),
    );
    md.set_attr("implementation", imp);
    md.set_attr("maxsize", int_from_i64(i64::MAX));
    md.set_attr("maxunicode", int_from_i64(0x10FFFF));
    md.set_attr(
        "byteorder",
        PyStr::new_ref(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    md.set_attr("platform", PyStr::new_ref("linux"));
    md.set_attr("executable", PyStr::new_ref(&cfg.executable));
    md.set_attr("_base_executable", PyStr::new_ref(&cfg.executable));
    let prefix = stdlib.map_or("/usr/local", |s| s.prefix.as_str());
    for n in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        md.set_attr(n, PyStr::new_ref(prefix));
    }
    md.set_attr(
        "_stdlib_dir",
        stdlib.map_or_else(none, |s| PyStr::new_ref(&s.lib)),
    );
    md.set_attr("platlibdir", PyStr::new_ref("lib"));
    // POSIX builds of CPython 3.8+ have no ABI flags (no 'd'/'m'/'u').
    md.set_attr("abiflags", PyStr::new_ref(""));
    let names = crate::types::set::PySet::default();
    for n in super::sys_names::STDLIB_MODULE_NAMES {
        let _ = names.add(vm, PyStr::new_ref(n));
    }
    md.set_attr(
        "stdlib_module_names",
        crate::object::alloc_as(crate::types::set::FROZENSET_TYPE.get(), names),
    );
    md.set_attr("pycache_prefix", none());
    md.set_attr("dont_write_bytecode", py_bool(cfg.dont_write_bytecode));
    md.set_attr(
        "builtin_module_names",
        PyTuple::new_ref(
            ["builtins", "sys"]
                .iter()
                .chain(crate::modules::BUILTIN_MODULES.iter().map(|(n, _)| n))
                .map(|n| PyStr::new_ref(n))
                .collect(),
        ),
    );
    md.set_attr("warnoptions", strs(&cfg.warnoptions));
    let xo = PyDict::default();
    for x in &cfg.xoptions {
        let (k, v) = match x.split_once('=') {
            Some((k, v)) => (k.to_string(), PyStr::new_ref(v)),
            None => (x.clone(), py_bool(true)),
        };
        xo.set_str(PyStr::new_ref(&k), v);
    }
    md.set_attr("_xoptions", crate::object::alloc(xo));
    let flags = PyModule::new_ref("flags", None);
    if let Some(f) = flags.downcast::<PyModule>() {
        let set = |n: &str, v: i64| f.set_attr(n, int_from_i64(v));
        set("debug", cfg.debug as i64);
        set("inspect", cfg.inspect as i64);
        set("interactive", cfg.inspect as i64);
        set("optimize", cfg.optimize as i64);
        set("dont_write_bytecode", cfg.dont_write_bytecode as i64);
        set("no_user_site", (cfg.isolated || cfg.no_user_site) as i64);
        set("no_site", cfg.no_site as i64);
        set("ignore_environment", cfg.ignore_environment as i64);
        set("verbose", cfg.verbose as i64);
        set("bytes_warning", cfg.bytes_warning as i64);
        set("quiet", cfg.quiet as i64);
        set("hash_randomization", 1);
        set("isolated", cfg.isolated as i64);
        // dev_mode and safe_path are bools in CPython's sys.flags.
        f.set_attr("dev_mode", py_bool(cfg.dev_mode));
        set(
            "utf8_mode",
            cfg.xoptions.iter().any(|x| x == "utf8" || x == "utf8=1") as i64,
        );
        set("warn_default_encoding", 0);
        f.set_attr("safe_path", py_bool(cfg.safe_path));
        set("int_max_str_digits", -1);
    }
    let flag_names = [
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
    ];
    let flags = match (
        flags.downcast::<PyModule>(),
        crate::types::structseq::make_type(vm, "sys", "flags", &flag_names),
    ) {
        (Some(fm), Ok(t)) => {
            let vals: Vec<PyRef> = flag_names
                .iter()
                .map(|n| fm.get_attr(n).unwrap_or_else(none))
                .collect();
            crate::types::structseq::new_instance(vm, &t, vals).unwrap_or(flags.clone())
        }
        _ => flags.clone(),
    };
    md.set_attr("flags", flags);
    if let Some(h) = md.get_attr("breakpointhook") {
        md.set_attr("__breakpointhook__", h);
    }
    md.set_attr("float_repr_style", PyStr::new_ref("short"));
    md.set_attr("api_version", int_from_i64(1013));
    md.set_attr(
        "copyright",
        PyStr::new_ref("Copyright (c) Taipan contributors."),
    );
    md.set_attr("ps1", PyStr::new_ref(">>> "));
    md.set_attr("ps2", PyStr::new_ref("... "));
    m
}
