//! The builtin exception hierarchy of CPython 3.11 (one table, below) and
//! `BaseException`'s behaviour: `args`, `str`/`repr`, traceback, cause,
//! context, notes.  Type-specific attributes (`StopIteration.value`,
//! `OSError.errno`, `SyntaxError.lineno`, ...) are set by the type's
//! `__init__` in the instance's attribute storage, as CPython's member
//! descriptors would expose them.

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{
    InstanceAttrs, Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots,
};
use crate::protocol::object as proto;
use crate::types::int::int_from_i64;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of every exception instance.
    pub struct PyBaseException {
        pub args: RefCell<PyRef>,
        pub traceback: RefCell<Option<PyRef>>,
        pub cause: RefCell<Option<PyRef>>,
        pub context: RefCell<Option<PyRef>>,
        pub suppress_context: Cell<bool>,
        /// `(message, exceptions)` of an exception group.
        pub group: RefCell<Option<Box<(PyRef, PyRef)>>>,
        pub attrs: InstanceAttrs,
    }
}

impl PyPayload for PyBaseException {
    fn class() -> &'static Obj<PyType> {
        BASE_EXCEPTION.get()
    }
    fn own_attrs_offset() -> Option<usize> {
        Some(
            std::mem::offset_of!(Obj<PyBaseException>, payload)
                + std::mem::offset_of!(PyBaseException, attrs),
        )
    }
}

impl PyBaseException {
    pub fn args_vec(&self) -> Vec<PyRef> {
        self.args
            .borrow()
            .downcast::<PyTuple>()
            .map(|t| t.as_slice().to_vec())
            .unwrap_or_default()
    }
}

/// Creates an instance of exception type `ty` with `args` (running the
/// type's native `__init__` so type-specific attributes are set).
pub fn new_exception(ty: &Obj<PyType>, args: Vec<PyRef>) -> PyRef {
    let e = crate::object::alloc_as(
        ty,
        PyBaseException {
            args: RefCell::new(PyTuple::new_ref(args.clone())),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
            group: RefCell::new(None),
            attrs: InstanceAttrs::new(),
        },
    );
    if let Some(vm) = Vm::current()
        && let Some(init) = ty.slots().init
        && init as usize != exc_init as *const () as usize
    {
        let _ = init(vm, &e, Args::pos(&args));
    }
    e
}

fn exc(o: &PyRef) -> PyResult<&PyBaseException> {
    o.downcast::<PyBaseException>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'BaseException' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn exc_new(_: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("BaseException.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyBaseException {
            args: RefCell::new(PyTuple::new_ref(a.positional().to_vec())),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
            group: RefCell::new(None),
            attrs: InstanceAttrs::new(),
        },
    ))
}

/// `BaseException.__new__` for the other exception files.
pub(crate) fn exc_new_pub(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    exc_new(vm, cls, a)
}

fn exc_init(_: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    if a.has_kwargs() {
        return Err(type_error(format!(
            "{}() takes no keyword arguments",
            o.class().name()
        )));
    }
    *exc(o)?.args.borrow_mut() = PyTuple::new_ref(a.args.to_vec());
    Ok(())
}

fn exc_str(vm: &Vm, o: &PyRef) -> PyResult {
    let args = exc(o)?.args_vec();
    match args.len() {
        0 => Ok(PyStr::intern("")),
        1 => proto::str(vm, &args[0]),
        _ => proto::str(vm, &PyTuple::new_ref(args)),
    }
}

fn exc_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let args = exc(o)?.args_vec();
    let name = o.class().name();
    let inner = match args.len() {
        0 => String::new(),
        1 => proto::repr_string(vm, &args[0])?,
        _ => {
            let r = proto::repr_string(vm, &PyTuple::new_ref(args))?;
            r[1..r.len() - 1].to_string()
        }
    };
    Ok(PyStr::new_ref(&format!("{name}({inner})")))
}

fn g_args(_: &Vm, o: &PyRef) -> PyResult {
    Ok(exc(o)?.args.borrow().clone())
}
fn s_args(vm: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_error("args may not be deleted"))?;
    let items = crate::protocol::iter::collect(vm, v)?;
    *exc(o)?.args.borrow_mut() = PyTuple::new_ref(items);
    Ok(())
}
fn g_tb(_: &Vm, o: &PyRef) -> PyResult {
    Ok(exc(o)?.traceback.borrow().clone().unwrap_or_else(none))
}
fn s_tb(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_error("__traceback__ may not be deleted"))?;
    if !is_none(v)
        && v.downcast::<crate::types::traceback::PyTraceback>()
            .is_none()
    {
        return Err(type_error("__traceback__ must be a traceback or None"));
    }
    *exc(o)?.traceback.borrow_mut() = if is_none(v) { None } else { Some(v.clone()) };
    Ok(())
}
fn g_cause(_: &Vm, o: &PyRef) -> PyResult {
    Ok(exc(o)?.cause.borrow().clone().unwrap_or_else(none))
}
fn s_cause(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_error("__cause__ may not be deleted"))?;
    if !is_none(v) && v.downcast::<PyBaseException>().is_none() {
        return Err(type_error(
            "exception cause must be None or derive from BaseException",
        ));
    }
    let e = exc(o)?;
    *e.cause.borrow_mut() = if is_none(v) { None } else { Some(v.clone()) };
    e.suppress_context.set(true);
    Ok(())
}
fn g_context(_: &Vm, o: &PyRef) -> PyResult {
    Ok(exc(o)?.context.borrow().clone().unwrap_or_else(none))
}
fn s_context(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_error("__context__ may not be deleted"))?;
    if !is_none(v) && v.downcast::<PyBaseException>().is_none() {
        return Err(type_error(
            "exception context must be None or derive from BaseException",
        ));
    }
    *exc(o)?.context.borrow_mut() = if is_none(v) { None } else { Some(v.clone()) };
    Ok(())
}
fn g_suppress(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::bool_::py_bool(exc(o)?.suppress_context.get()))
}
fn s_suppress(vm: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_error("can't delete __suppress_context__"))?;
    exc(o)?.suppress_context.set(proto::is_true(vm, v)?);
    Ok(())
}
fn g_dict(_: &Vm, o: &PyRef) -> PyResult {
    Ok(exc(o)?.attrs.dict())
}

fn m_with_traceback(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, tb] = a.exact::<2>("with_traceback")?;
    s_tb(vm, s, Some(tb))?;
    Ok(s.clone())
}

fn m_add_note(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, note] = a.exact::<2>("add_note")?;
    if note.downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "note must be a str, not '{}'",
            note.class().name()
        )));
    }
    let e = exc(s)?;
    let name = PyStr::intern("__notes__");
    let notes = match e.attrs.get(&name) {
        Some(n) => n,
        None => {
            let l = crate::types::list::PyList::new_ref(Vec::new());
            e.attrs.set(&name, l.clone());
            l
        }
    };
    match notes.downcast::<crate::types::list::PyList>() {
        Some(l) => l.push(note.clone()),
        None => return Err(type_error("Cannot add note: __notes__ is not a list")),
    }
    let _ = vm;
    Ok(none())
}

fn m_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reduce__")?;
    let e = exc(s)?;
    let mut v = vec![s.class_ref(), e.args.borrow().clone()];
    let items = e.attrs.items();
    if !items.is_empty() {
        v.push(e.attrs.dict());
    }
    Ok(PyTuple::new_ref(v))
}

fn m_setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, state] = a.exact::<2>("__setstate__")?;
    if !is_none(state) {
        let d = state
            .downcast::<crate::types::dict::PyDict>()
            .ok_or_else(|| type_error("state is not a dictionary"))?;
        for (k, v) in d.items() {
            proto::set_attr(vm, s, &k, &v)?;
        }
    }
    Ok(none())
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("with_traceback", m_with_traceback),
    MethodDef::method("add_note", m_add_note),
    MethodDef::method("__reduce__", m_reduce),
    MethodDef::method("__setstate__", m_setstate),
];

static GETSETS: &[GetSetDef] = &[
    GetSetDef::with_set("args", g_args, s_args),
    GetSetDef::with_set("__traceback__", g_tb, s_tb),
    GetSetDef::with_set("__cause__", g_cause, s_cause),
    GetSetDef::with_set("__context__", g_context, s_context),
    GetSetDef::with_set("__suppress_context__", g_suppress, s_suppress),
    GetSetDef::new("__dict__", g_dict),
];

// ---- type-specific __init__ / __str__

fn set(o: &PyRef, name: &str, v: PyRef) {
    if let Ok(e) = exc(o) {
        e.attrs.set(&PyStr::intern(name), v);
    }
}

fn get(o: &PyRef, name: &str) -> PyRef {
    exc(o)
        .ok()
        .and_then(|e| e.attrs.get(&PyStr::intern(name)))
        .unwrap_or_else(none)
}

fn stop_iteration_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    exc_init(vm, o, a)?;
    set(o, "value", a.args.first().cloned().unwrap_or_else(none));
    Ok(())
}

fn system_exit_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    exc_init(vm, o, a)?;
    let code = match a.args.len() {
        0 => none(),
        1 => a.args[0].clone(),
        _ => PyTuple::new_ref(a.args.to_vec()),
    };
    set(o, "code", code);
    Ok(())
}

fn import_error_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let pos = a.positional();
    *exc(o)?.args.borrow_mut() = PyTuple::new_ref(pos.to_vec());
    let mut name = none();
    let mut path = none();
    for (k, v) in a.kwargs() {
        match k.downcast::<PyStr>().and_then(|s| s.as_str()) {
            Some("name") => name = v.clone(),
            Some("path") => path = v.clone(),
            _ => {
                let kn = k
                    .downcast::<PyStr>()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                return Err(type_error(format!(
                    "'{kn}' is an invalid keyword argument for ImportError()"
                )));
            }
        }
    }
    set(o, "name", name);
    set(o, "path", path);
    set(
        o,
        "msg",
        if pos.len() == 1 {
            pos[0].clone()
        } else {
            none()
        },
    );
    let _ = vm;
    Ok(())
}

fn import_error_str(vm: &Vm, o: &PyRef) -> PyResult {
    let msg = get(o, "msg");
    if !is_none(&msg) {
        return proto::str(vm, &msg);
    }
    exc_str(vm, o)
}

fn name_error_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let pos = a.positional();
    *exc(o)?.args.borrow_mut() = PyTuple::new_ref(pos.to_vec());
    let mut name = none();
    let mut obj = none();
    let is_attr = o.class().is_subtype(ATTRIBUTE_ERROR.get());
    for (k, v) in a.kwargs() {
        match k.downcast::<PyStr>().and_then(|s| s.as_str()) {
            Some("name") => name = v.clone(),
            Some("obj") if is_attr => obj = v.clone(),
            _ => {
                let kn = k
                    .downcast::<PyStr>()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                return Err(type_error(format!(
                    "'{kn}' is an invalid keyword argument for {}()",
                    o.class().name()
                )));
            }
        }
    }
    set(o, "name", name);
    if is_attr {
        set(o, "obj", obj);
    }
    let _ = vm;
    Ok(())
}

fn key_error_str(vm: &Vm, o: &PyRef) -> PyResult {
    let args = exc(o)?.args_vec();
    if args.len() == 1 {
        return proto::repr(vm, &args[0]);
    }
    exc_str(vm, o)
}

/// Maps an errno to the OSError subclass CPython picks.
pub fn oserror_subclass_for_errno(errno: i64) -> Option<&'static StaticType> {
    Some(match errno {
        2 => &FILE_NOT_FOUND_ERROR,
        17 => &FILE_EXISTS_ERROR,
        20 => &NOT_A_DIRECTORY_ERROR,
        21 => &IS_A_DIRECTORY_ERROR,
        1 | 13 => &PERMISSION_ERROR,
        3 => &PROCESS_LOOKUP_ERROR,
        4 => &INTERRUPTED_ERROR,
        10 => &CHILD_PROCESS_ERROR,
        11 | 114 | 115 => &BLOCKING_IO_ERROR,
        32 | 108 => &BROKEN_PIPE_ERROR,
        103 => &CONNECTION_ABORTED_ERROR,
        104 => &CONNECTION_RESET_ERROR,
        111 => &CONNECTION_REFUSED_ERROR,
        110 => &TIMEOUT_ERROR,
        _ => return None,
    })
}

fn os_error_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let pos = a.positional();
    let mut cls = cls.clone();
    if cls
        .as_type()
        .is_some_and(|t| std::ptr::eq(t, OS_ERROR.get()))
        && pos.len() >= 2
        && let Some(sub) = crate::types::int::to_i64(&pos[0]).and_then(oserror_subclass_for_errno)
    {
        cls = sub.to_ref();
    }
    exc_new(vm, &cls, a)
}

fn os_error_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    a.no_kwargs(&o.class().name())?;
    let pos = a.args;
    let (mut errno, mut strerror, mut filename, mut filename2) = (none(), none(), none(), none());
    if (2..=5).contains(&pos.len()) {
        errno = pos[0].clone();
        strerror = pos[1].clone();
        if let Some(f) = pos.get(2) {
            filename = f.clone();
        }
        if let Some(f) = pos.get(4) {
            filename2 = f.clone();
        }
        let keep = if pos.len() >= 3 { 2 } else { pos.len() };
        *exc(o)?.args.borrow_mut() = PyTuple::new_ref(pos[..keep].to_vec());
    } else {
        exc_init(vm, o, a)?;
    }
    set(o, "errno", errno);
    set(o, "strerror", strerror);
    set(o, "filename", filename);
    set(o, "filename2", filename2);
    Ok(())
}

fn os_error_str(vm: &Vm, o: &PyRef) -> PyResult {
    let (errno, strerror, filename, filename2) = (
        get(o, "errno"),
        get(o, "strerror"),
        get(o, "filename"),
        get(o, "filename2"),
    );
    if !is_none(&filename) {
        let e = proto::str_string(vm, &errno)?;
        let s = proto::str_string(vm, &strerror)?;
        let f = proto::repr_string(vm, &filename)?;
        if !is_none(&filename2) {
            let f2 = proto::repr_string(vm, &filename2)?;
            return Ok(PyStr::new_ref(&format!("[Errno {e}] {s}: {f} -> {f2}")));
        }
        return Ok(PyStr::new_ref(&format!("[Errno {e}] {s}: {f}")));
    }
    if !is_none(&errno) && !is_none(&strerror) {
        let e = proto::str_string(vm, &errno)?;
        let s = proto::str_string(vm, &strerror)?;
        return Ok(PyStr::new_ref(&format!("[Errno {e}] {s}")));
    }
    exc_str(vm, o)
}

fn syntax_error_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    exc_init(vm, o, a)?;
    let args = a.args;
    for f in [
        "msg",
        "filename",
        "lineno",
        "offset",
        "text",
        "end_lineno",
        "end_offset",
        "print_file_and_line",
    ] {
        set(o, f, none());
    }
    if let Some(m) = args.first() {
        set(o, "msg", m.clone());
    }
    if args.len() == 2 {
        let info = crate::protocol::iter::collect(vm, &args[1])?;
        if info.len() < 4 || info.len() > 6 {
            return Err(crate::error::index_error("tuple index out of range"));
        }
        for (f, v) in [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ]
        .iter()
        .zip(info)
        {
            set(o, f, v);
        }
    }
    Ok(())
}

fn syntax_error_str(vm: &Vm, o: &PyRef) -> PyResult {
    let msg = get(o, "msg");
    let msg = if is_none(&msg) {
        exc_str(vm, o)?
    } else {
        proto::str(vm, &msg)?
    };
    let msg = proto::str_string(vm, &msg)?;
    let filename = get(o, "filename");
    let lineno = get(o, "lineno");
    let fname = filename.downcast::<PyStr>().map(|s| {
        let t = s.to_string_lossy();
        t.rsplit('/').next().unwrap_or(&t).to_string()
    });
    let line = crate::types::int::to_i64(&lineno);
    Ok(PyStr::new_ref(&match (fname, line) {
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    }))
}

fn unicode_decode_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    exc_init(vm, o, a)?;
    let [enc, obj, start, end, reason] = a.exact::<5>("UnicodeDecodeError").map_err(|_| {
        type_error(format!(
            "function takes exactly 5 arguments ({} given)",
            a.args.len()
        ))
    })?;
    set(o, "encoding", enc.clone());
    set(o, "object", obj.clone());
    set(o, "start", start.clone());
    set(o, "end", end.clone());
    set(o, "reason", reason.clone());
    Ok(())
}

fn unicode_decode_str(vm: &Vm, o: &PyRef) -> PyResult {
    let (enc, obj, start, end, reason) = (
        get(o, "encoding"),
        get(o, "object"),
        get(o, "start"),
        get(o, "end"),
        get(o, "reason"),
    );
    let (Some(s), Some(e)) = (
        crate::types::int::to_i64(&start),
        crate::types::int::to_i64(&end),
    ) else {
        return exc_str(vm, o);
    };
    let enc = proto::str_string(vm, &enc)?;
    let reason = proto::str_string(vm, &reason)?;
    let data = crate::types::bytes::bytes_data(&obj).unwrap_or_default();
    if e == s + 1
        && let Some(b) = data.get(s as usize)
    {
        return Ok(PyStr::new_ref(&format!(
            "'{enc}' codec can't decode byte {b:#04x} in position {s}: {reason}"
        )));
    }
    Ok(PyStr::new_ref(&format!(
        "'{enc}' codec can't decode bytes in position {s}-{}: {reason}",
        e - 1
    )))
}

fn unicode_encode_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    exc_init(vm, o, a)?;
    let [enc, obj, start, end, reason] = a.exact::<5>("UnicodeEncodeError").map_err(|_| {
        type_error(format!(
            "function takes exactly 5 arguments ({} given)",
            a.args.len()
        ))
    })?;
    set(o, "encoding", enc.clone());
    set(o, "object", obj.clone());
    set(o, "start", start.clone());
    set(o, "end", end.clone());
    set(o, "reason", reason.clone());
    Ok(())
}

fn unicode_encode_str(vm: &Vm, o: &PyRef) -> PyResult {
    let (enc, obj, start, end, reason) = (
        get(o, "encoding"),
        get(o, "object"),
        get(o, "start"),
        get(o, "end"),
        get(o, "reason"),
    );
    let (Some(s), Some(e)) = (
        crate::types::int::to_i64(&start),
        crate::types::int::to_i64(&end),
    ) else {
        return exc_str(vm, o);
    };
    let enc = proto::str_string(vm, &enc)?;
    let reason = proto::str_string(vm, &reason)?;
    if let Some(st) = obj.downcast::<PyStr>()
        && e == s + 1
        && let Some(c) = st.char_at(s as usize)
    {
        let esc = if c < 0x100 {
            format!("\\x{c:02x}")
        } else if c < 0x10000 {
            format!("\\u{c:04x}")
        } else {
            format!("\\U{c:08x}")
        };
        return Ok(PyStr::new_ref(&format!(
            "'{enc}' codec can't encode character '{esc}' in position {s}: {reason}"
        )));
    }
    Ok(PyStr::new_ref(&format!(
        "'{enc}' codec can't encode characters in position {s}-{}: {reason}",
        e - 1
    )))
}

/// Declares the exception types: `STATIC = "Name", BASE, kind;`.
macro_rules! exceptions {
    ($($stat:ident = $name:literal, $base:ident, $doc:literal, $kind:ident;)*) => {
        $( pub static $stat: StaticType = StaticType::new(); )*

        pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
            vec![ $( (&$stat, spec($name, Some(&$base), $doc, Kind::$kind)), )* ]
        }

        /// (name, type) of every builtin exception, for the builtins module.
        pub fn all() -> Vec<(&'static str, &'static StaticType)> {
            vec![("BaseException", &BASE_EXCEPTION) $(, ($name, &$stat))*]
        }
    };
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    StopIteration,
    SystemExit,
    ImportError,
    NameError,
    KeyError,
    OsError,
    SyntaxError,
    UnicodeDecode,
    UnicodeEncode,
    Group,
}

pub static BASE_EXCEPTION: StaticType = StaticType::new();

fn spec(
    name: &'static str,
    base: Option<&'static StaticType>,
    doc: &'static str,
    kind: Kind,
) -> TypeSpec {
    let mut slots = Slots::EMPTY;
    let mut methods: &'static [MethodDef] = &[];
    let mut getsets: &'static [GetSetDef] = &[];
    match kind {
        Kind::Plain => {}
        Kind::StopIteration => slots.init = Some(stop_iteration_init),
        Kind::SystemExit => slots.init = Some(system_exit_init),
        Kind::ImportError => {
            slots.init = Some(import_error_init);
            slots.str = Some(import_error_str);
        }
        Kind::NameError => slots.init = Some(name_error_init),
        Kind::KeyError => slots.str = Some(key_error_str),
        Kind::OsError => {
            slots.new = Some(os_error_new);
            slots.init = Some(os_error_init);
            slots.str = Some(os_error_str);
        }
        Kind::SyntaxError => {
            slots.init = Some(syntax_error_init);
            slots.str = Some(syntax_error_str);
        }
        Kind::UnicodeDecode => {
            slots.init = Some(unicode_decode_init);
            slots.str = Some(unicode_decode_str);
        }
        Kind::UnicodeEncode => {
            slots.init = Some(unicode_encode_init);
            slots.str = Some(unicode_encode_str);
        }
        Kind::Group => {
            slots.new = Some(super::exception_group::group_new);
            slots.str = Some(super::exception_group::group_str);
            methods = super::exception_group::GROUP_METHODS;
            getsets = super::exception_group::GROUP_GETSETS;
        }
    }
    TypeSpec {
        base,
        slots,
        methods,
        getsets,
        flags: flags::BASETYPE | flags::BASE_EXC_SUBCLASS,
        doc: Some(doc),
        ..TypeSpec::new(name, Layout::of::<PyBaseException>())
    }
}

/// `BaseException` itself.
pub(crate) fn base_types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &BASE_EXCEPTION,
        TypeSpec {
            slots: Slots {
                new: Some(exc_new),
                init: Some(exc_init),
                str: Some(exc_str),
                repr: Some(exc_repr),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::BASETYPE | flags::BASE_EXC_SUBCLASS,
            doc: Some("Common base class for all exceptions"),
            ..TypeSpec::new("BaseException", Layout::of::<PyBaseException>())
        },
    )]
}

exceptions! {
    BASE_EXCEPTION_GROUP = "BaseExceptionGroup", BASE_EXCEPTION, "A combination of multiple unrelated exceptions.", Group;
    GENERATOR_EXIT = "GeneratorExit", BASE_EXCEPTION, "Request that a generator exit.", Plain;
    KEYBOARD_INTERRUPT = "KeyboardInterrupt", BASE_EXCEPTION, "Program interrupted by user.", Plain;
    SYSTEM_EXIT = "SystemExit", BASE_EXCEPTION, "Request to exit from the interpreter.", SystemExit;
    EXCEPTION = "Exception", BASE_EXCEPTION, "Common base class for all non-exit exceptions.", Plain;
    ARITHMETIC_ERROR = "ArithmeticError", EXCEPTION, "Base class for arithmetic errors.", Plain;
    FLOATING_POINT_ERROR = "FloatingPointError", ARITHMETIC_ERROR, "Floating point operation failed.", Plain;
    OVERFLOW_ERROR = "OverflowError", ARITHMETIC_ERROR, "Result too large to be represented.", Plain;
    ZERO_DIVISION_ERROR = "ZeroDivisionError", ARITHMETIC_ERROR, "Second argument to a division or modulo operation was zero.", Plain;
    ASSERTION_ERROR = "AssertionError", EXCEPTION, "Assertion failed.", Plain;
    ATTRIBUTE_ERROR = "AttributeError", EXCEPTION, "Attribute not found.", NameError;
    BUFFER_ERROR = "BufferError", EXCEPTION, "Buffer error.", Plain;
    EOF_ERROR = "EOFError", EXCEPTION, "Read beyond end of file.", Plain;
    EXCEPTION_GROUP = "ExceptionGroup", BASE_EXCEPTION_GROUP, "", Group;
    IMPORT_ERROR = "ImportError", EXCEPTION, "Import can't find module, or can't find name in module.", ImportError;
    MODULE_NOT_FOUND_ERROR = "ModuleNotFoundError", IMPORT_ERROR, "Module not found.", ImportError;
    LOOKUP_ERROR = "LookupError", EXCEPTION, "Base class for lookup errors.", Plain;
    INDEX_ERROR = "IndexError", LOOKUP_ERROR, "Sequence index out of range.", Plain;
    KEY_ERROR = "KeyError", LOOKUP_ERROR, "Mapping key not found.", KeyError;
    MEMORY_ERROR = "MemoryError", EXCEPTION, "Out of memory.", Plain;
    NAME_ERROR = "NameError", EXCEPTION, "Name not found globally.", NameError;
    UNBOUND_LOCAL_ERROR = "UnboundLocalError", NAME_ERROR, "Local name referenced but not bound to a value.", NameError;
    OS_ERROR = "OSError", EXCEPTION, "Base class for I/O related errors.", OsError;
    BLOCKING_IO_ERROR = "BlockingIOError", OS_ERROR, "I/O operation would block.", OsError;
    CHILD_PROCESS_ERROR = "ChildProcessError", OS_ERROR, "Child process error.", OsError;
    CONNECTION_ERROR = "ConnectionError", OS_ERROR, "Connection error.", OsError;
    BROKEN_PIPE_ERROR = "BrokenPipeError", CONNECTION_ERROR, "Broken pipe.", OsError;
    CONNECTION_ABORTED_ERROR = "ConnectionAbortedError", CONNECTION_ERROR, "Connection aborted.", OsError;
    CONNECTION_REFUSED_ERROR = "ConnectionRefusedError", CONNECTION_ERROR, "Connection refused.", OsError;
    CONNECTION_RESET_ERROR = "ConnectionResetError", CONNECTION_ERROR, "Connection reset.", OsError;
    FILE_EXISTS_ERROR = "FileExistsError", OS_ERROR, "File already exists.", OsError;
    FILE_NOT_FOUND_ERROR = "FileNotFoundError", OS_ERROR, "File not found.", OsError;
    INTERRUPTED_ERROR = "InterruptedError", OS_ERROR, "Interrupted by signal.", OsError;
    IS_A_DIRECTORY_ERROR = "IsADirectoryError", OS_ERROR, "Operation doesn't work on directories.", OsError;
    NOT_A_DIRECTORY_ERROR = "NotADirectoryError", OS_ERROR, "Operation only works on directories.", OsError;
    PERMISSION_ERROR = "PermissionError", OS_ERROR, "Not enough permissions.", OsError;
    PROCESS_LOOKUP_ERROR = "ProcessLookupError", OS_ERROR, "Process not found.", OsError;
    TIMEOUT_ERROR = "TimeoutError", OS_ERROR, "Timeout expired.", OsError;
    REFERENCE_ERROR = "ReferenceError", EXCEPTION, "Weak ref proxy used after referent went away.", Plain;
    RUNTIME_ERROR = "RuntimeError", EXCEPTION, "Unspecified run-time error.", Plain;
    NOT_IMPLEMENTED_ERROR = "NotImplementedError", RUNTIME_ERROR, "Method or function hasn't been implemented yet.", Plain;
    RECURSION_ERROR = "RecursionError", RUNTIME_ERROR, "Recursion limit exceeded.", Plain;
    STOP_ASYNC_ITERATION = "StopAsyncIteration", EXCEPTION, "Signal the end from iterator.__anext__().", Plain;
    STOP_ITERATION = "StopIteration", EXCEPTION, "Signal the end from iterator.__next__().", StopIteration;
    SYNTAX_ERROR = "SyntaxError", EXCEPTION, "Invalid syntax.", SyntaxError;
    INDENTATION_ERROR = "IndentationError", SYNTAX_ERROR, "Improper indentation.", SyntaxError;
    TAB_ERROR = "TabError", INDENTATION_ERROR, "Improper mixture of spaces and tabs.", SyntaxError;
    SYSTEM_ERROR = "SystemError", EXCEPTION, "Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version.", Plain;
    TYPE_ERROR = "TypeError", EXCEPTION, "Inappropriate argument type.", Plain;
    VALUE_ERROR = "ValueError", EXCEPTION, "Inappropriate argument value (of correct type).", Plain;
    UNICODE_ERROR = "UnicodeError", VALUE_ERROR, "Unicode related error.", Plain;
    UNICODE_DECODE_ERROR = "UnicodeDecodeError", UNICODE_ERROR, "Unicode decoding error.", UnicodeDecode;
    UNICODE_ENCODE_ERROR = "UnicodeEncodeError", UNICODE_ERROR, "Unicode encoding error.", UnicodeEncode;
    UNICODE_TRANSLATE_ERROR = "UnicodeTranslateError", UNICODE_ERROR, "Unicode translation error.", Plain;
    WARNING = "Warning", EXCEPTION, "Base class for warning categories.", Plain;
    BYTES_WARNING = "BytesWarning", WARNING, "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.", Plain;
    DEPRECATION_WARNING = "DeprecationWarning", WARNING, "Base class for warnings about deprecated features.", Plain;
    ENCODING_WARNING = "EncodingWarning", WARNING, "Base class for warnings about encodings.", Plain;
    FUTURE_WARNING = "FutureWarning", WARNING, "Base class for warnings about constructs that will change semantically\nin the future.", Plain;
    IMPORT_WARNING = "ImportWarning", WARNING, "Base class for warnings about probable mistakes in module imports", Plain;
    PENDING_DEPRECATION_WARNING = "PendingDeprecationWarning", WARNING, "Base class for warnings about features which will be deprecated\nin the future.", Plain;
    RESOURCE_WARNING = "ResourceWarning", WARNING, "Base class for warnings about resource usage.", Plain;
    RUNTIME_WARNING = "RuntimeWarning", WARNING, "Base class for warnings about dubious runtime behavior.", Plain;
    SYNTAX_WARNING = "SyntaxWarning", WARNING, "Base class for warnings about dubious syntax.", Plain;
    UNICODE_WARNING = "UnicodeWarning", WARNING, "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.", Plain;
    USER_WARNING = "UserWarning", WARNING, "Base class for warnings generated by user code.", Plain;
}

/// Gives `ExceptionGroup` its second base (`Exception`) after start-up.
pub(crate) fn fix_multiple_bases() {
    let eg = EXCEPTION_GROUP.get();
    let bases = vec![BASE_EXCEPTION_GROUP.to_ref(), EXCEPTION.to_ref()];
    if let Ok(mro) = crate::object::typeobj::c3_mro(&bases) {
        *eg.bases.0.borrow_mut() = bases;
        *eg.mro.borrow_mut() = mro;
        eg.modified();
        EXCEPTION
            .get()
            .subclasses
            .borrow_mut()
            .0
            .push(eg as *const Obj<PyType> as usize);
    }
}

/// An `errno`-carrying OSError (picks the subclass like CPython).
pub fn os_error_from_errno(errno: i32, filename: Option<PyRef>) -> crate::error::PyErr {
    let msg = std::io::Error::from_raw_os_error(errno).to_string();
    let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
    let ty = oserror_subclass_for_errno(errno as i64).unwrap_or(&OS_ERROR);
    let mut args = vec![int_from_i64(errno as i64), PyStr::new_ref(&msg)];
    if let Some(f) = filename {
        args.push(f);
    }
    crate::error::PyErr::new_args(ty, args)
}

/// Records `name` and `obj` on an AttributeError (used for "Did you mean"
/// suggestions in tracebacks).
pub fn set_attr_error_context(e: &crate::error::PyErr, obj: &PyRef, name: &PyRef) {
    set(e.value(), "name", name.clone());
    set(e.value(), "obj", obj.clone());
}

/// Reads an attribute stored by a type-specific `__init__`.
pub fn exc_attr(e: &PyRef, name: &str) -> PyRef {
    get(e, name)
}

/// Stores an attribute on an exception instance.
pub fn set_exc_attr(e: &PyRef, name: &str, v: PyRef) {
    set(e, name, v)
}
