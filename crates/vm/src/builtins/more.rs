//! The remaining builtins: `aiter` and `anext` (with the `anext_awaitable`
//! wrapper that turns `StopAsyncIteration` into the default value), and the
//! objects CPython's `site` module adds — `exit`/`quit` (`Quitter`),
//! `copyright`/`credits`/`license` (`_Printer`) and `help` (`_Helper`) —
//! with the same reprs and call behaviour as `Lib/_sitebuiltins.py`.  They
//! are not added under `-S`, like CPython.  `help(obj)` delegates to the
//! stdlib's `pydoc` when it can be imported and prints a short summary
//! otherwise.

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error};
use crate::object::typeobj::MethodDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::protocol::{call, object as proto};
use crate::types::exceptions as exc;
use crate::types::module::PyModule;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// `exit` / `quit`.
    pub struct PyQuitter {
        name: &'static str,
    }
}

crate::py_payload! {
    /// `copyright` / `credits` / `license`.
    pub struct PyPrinter {
        name: &'static str,
    }
}

crate::py_payload! {
    /// `help`.
    pub struct PyHelper {}
}

crate::py_payload! {
    /// What `anext(it, default)` returns.
    pub struct PyAnextAwaitable {
        wrapped: PyRef,
        default: PyRef,
    }
}

pub static QUITTER_TYPE: StaticType = StaticType::new();
pub static PRINTER_TYPE: StaticType = StaticType::new();
pub static HELPER_TYPE: StaticType = StaticType::new();
pub static ANEXT_AWAITABLE_TYPE: StaticType = StaticType::new();

impl PyPayload for PyQuitter {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        QUITTER_TYPE.get()
    }
}
impl PyPayload for PyPrinter {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        PRINTER_TYPE.get()
    }
}
impl PyPayload for PyHelper {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        HELPER_TYPE.get()
    }
}
impl PyPayload for PyAnextAwaitable {
    fn class() -> &'static Obj<PyType> {
        ANEXT_AWAITABLE_TYPE.get()
    }
}

const EOF_KEY: &str = if cfg!(windows) {
    "Ctrl-Z plus Return"
} else {
    "Ctrl-D (i.e. EOF)"
};
const CREDITS: &str = "    Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands\n    for supporting Python development.  See www.python.org for more information.";
const LICENSE_FALLBACK: &str = "See https://www.python.org/psf/license/";
/// Lines shown before `_Printer` pauses.
const MAXLINES: usize = 23;

// ----- exit / quit -----

fn quitter_repr(_: &Vm, o: &PyRef) -> PyResult {
    let q = o
        .downcast::<PyQuitter>()
        .ok_or_else(|| type_error("expected Quitter"))?;
    Ok(PyStr::new_ref(&format!(
        "Use {}() or {EOF_KEY} to exit",
        q.name
    )))
}

fn quitter_call(vm: &Vm, _o: &PyRef, a: Args<'_>) -> PyResult {
    let [code] = a.bind("__call__", ["code"], 0, 0)?;
    // "Shells like IDLE catch the SystemExit, but listen when their stdin
    // wrapper is closed" (_sitebuiltins.py).
    if let Some(sys) = vm.sys_module()
        && let Ok(Some(stdin)) = proto::lookup_attr(vm, &sys, "stdin")
    {
        let _ = call::call_method(vm, &stdin, "close", &[]);
    }
    Err(PyErr::new_args(
        &exc::SYSTEM_EXIT,
        vec![code.unwrap_or_else(none)],
    ))
}

// ----- copyright / credits / license -----

fn printer_text(vm: &Vm, p: &PyPrinter) -> String {
    match p.name {
        "copyright" => vm
            .sys_module()
            .and_then(|s| proto::lookup_attr(vm, &s, "copyright").ok().flatten())
            .and_then(|c| c.downcast::<PyStr>().map(|s| s.to_string_lossy()))
            .unwrap_or_default(),
        "credits" => CREDITS.to_string(),
        _ => license_text(),
    }
}

/// The license file next to the standard library, as `_sitebuiltins`
/// looks for it, or the URL.
fn license_text() -> String {
    let mut dirs = Vec::new();
    if let Some(lib) = crate::modules::sys::find_stdlib() {
        let p = std::path::PathBuf::from(lib);
        if let Some(parent) = p.parent() {
            dirs.push(parent.to_path_buf());
        }
        dirs.push(p);
    }
    dirs.push(std::path::PathBuf::from("."));
    for d in dirs {
        for f in ["LICENSE.txt", "LICENSE"] {
            if let Ok(t) = std::fs::read_to_string(d.join(f)) {
                return t.trim_end_matches('\n').to_string();
            }
        }
    }
    LICENSE_FALLBACK.to_string()
}

fn printer_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let p = o
        .downcast::<PyPrinter>()
        .ok_or_else(|| type_error("expected _Printer"))?;
    let text = printer_text(vm, p);
    if text.split('\n').count() <= MAXLINES {
        return Ok(PyStr::new_ref(&text));
    }
    Ok(PyStr::new_ref(&format!(
        "Type {0}() to see the full {0} text",
        p.name
    )))
}

fn printer_call(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("__call__")?;
    if !a.args.is_empty() {
        return Err(type_error(format!(
            "_Printer.__call__() takes 1 positional argument but {} were given",
            a.args.len() + 1
        )));
    }
    let p = o
        .downcast::<PyPrinter>()
        .ok_or_else(|| type_error("expected _Printer"))?;
    let text = printer_text(vm, p);
    let lines: Vec<&str> = text.split('\n').collect();
    let input = vm
        .builtins_dict()
        .downcast::<crate::types::dict::PyDict>()
        .and_then(|d| d.get_rust_str("input"));
    let mut lineno = 0;
    loop {
        let end = (lineno + MAXLINES).min(lines.len());
        let mut chunk = String::new();
        for l in &lines[lineno..end] {
            chunk.push_str(l);
            chunk.push('\n');
        }
        crate::modules::sys::write_stdout(vm, &chunk);
        lineno = end;
        if lineno >= lines.len() {
            break;
        }
        let Some(input) = &input else { break };
        let prompt = PyStr::new_ref("Hit Return for more, or q (and Return) to quit: ");
        let key = loop {
            let r = call::call_pos(vm, input, std::slice::from_ref(&prompt))?;
            let s = proto::str_string(vm, &r)?;
            if s.is_empty() || s == "q" {
                break s;
            }
        };
        if key == "q" {
            break;
        }
    }
    Ok(none())
}

// ----- help -----

fn helper_repr(_: &Vm, _o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(
        "Type help() for interactive help, or help(object) for help about object.",
    ))
}

fn helper_call(vm: &Vm, _o: &PyRef, a: Args<'_>) -> PyResult {
    // `import pydoc; return pydoc.help(*args, **kwds)`
    let import = vm
        .builtins_dict()
        .downcast::<crate::types::dict::PyDict>()
        .and_then(|d| d.get_rust_str("__import__"));
    if let Some(import) = import {
        match call::call_pos(vm, &import, &[PyStr::new_ref("pydoc")]) {
            Ok(pydoc) => {
                let h = proto::get_attr_str(vm, &pydoc, "help")?;
                return call::call(vm, &h, a);
            }
            Err(e) if e.matches(&exc::IMPORT_ERROR) => {}
            Err(e) => return Err(e),
        }
    }
    let pos = a.positional();
    let Some(obj) = pos.first() else {
        crate::modules::sys::write_stdout(
            vm,
            "Welcome to Taipan's help.  The interactive help utility needs the standard\nlibrary's pydoc module, which could not be imported.  help(object) shows the\nobject's documentation string.\n",
        );
        return Ok(none());
    };
    crate::modules::sys::write_stdout(vm, &summary(vm, obj)?);
    Ok(none())
}

/// `help(obj)` without pydoc: the kind of object, its name and docstring.
fn summary(vm: &Vm, obj: &PyRef) -> PyResult<String> {
    let name = match proto::lookup_attr(vm, obj, "__name__")? {
        Some(n) if n.downcast::<PyStr>().is_some() => proto::str_string(vm, &n)?,
        _ => proto::repr_string(vm, obj)?,
    };
    let kind = if obj.as_type().is_some() {
        "class"
    } else if obj.downcast::<PyModule>().is_some() {
        "module"
    } else if call::callable(obj) {
        "function"
    } else {
        "object"
    };
    let mut out = format!("Help on {kind} {name}:\n\n");
    let doc = proto::lookup_attr(vm, obj, "__doc__")?.filter(|d| !is_none(d));
    match doc {
        Some(d) => {
            out.push_str(&proto::str_string(vm, &d)?);
            out.push('\n');
        }
        None => out.push_str(&format!("{}\n", proto::repr_string(vm, obj)?)),
    }
    Ok(out)
}

// ----- aiter / anext -----

fn aiter(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("aiter")?;
    let Some(f) = call::lookup_special(o, "__aiter__") else {
        return Err(type_error(format!(
            "'{}' object is not an async iterable",
            o.class().name()
        )));
    };
    let it = call::call_unbound(vm, &f, o, &[])?;
    if call::lookup_special(&it, "__anext__").is_none() {
        return Err(type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            it.class().name()
        )));
    }
    Ok(it)
}

fn anext(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("anext", 1, 2)?;
    let it = &args[0];
    let Some(f) = call::lookup_special(it, "__anext__") else {
        return Err(type_error(format!(
            "'{}' object is not an async iterator",
            it.class().name()
        )));
    };
    let awaitable = call::call_unbound(vm, &f, it, &[])?;
    match args.get(1) {
        None => Ok(awaitable),
        Some(d) => Ok(crate::object::alloc(PyAnextAwaitable {
            wrapped: awaitable,
            default: d.clone(),
        })),
    }
}

fn awaitable_payload(o: &PyRef) -> PyResult<&PyAnextAwaitable> {
    o.downcast::<PyAnextAwaitable>()
        .ok_or_else(|| type_error("expected anext_awaitable"))
}

/// CPython's `anextawaitable_getiter`: the iterator behind the wrapped
/// awaitable (a coroutine itself, else what `__await__` returns).
fn awaitable_iter(vm: &Vm, w: &PyAnextAwaitable) -> PyResult {
    crate::interp::ops::generator_ops::awaitable_iter(vm, &w.wrapped)
}

/// Turns `StopAsyncIteration` into `StopIteration(default)`.
fn stop_to_default(e: PyErr, w: &PyAnextAwaitable) -> PyErr {
    if e.matches(&exc::STOP_ASYNC_ITERATION) {
        return crate::error::stop_iteration(Some(w.default.clone()));
    }
    e
}

fn awaitable_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    use crate::types::generator::{PyGenerator, SendResult, gen_send};
    let w = awaitable_payload(o)?;
    let it = awaitable_iter(vm, w)?;
    let r = match it.downcast::<PyGenerator>() {
        // A coroutine has no `__next__`: drive it with `send(None)`; its
        // return value travels in StopIteration like CPython's iternext.
        Some(g) if it.class().slots().iternext.is_none() => match gen_send(vm, g, none()) {
            Ok(SendResult::Yield(x)) => Ok(Some(x)),
            Ok(SendResult::Return(v)) => Err(crate::error::stop_iteration(Some(v))),
            Err(e) => Err(e),
        },
        _ => crate::protocol::iter::next(vm, &it),
    };
    r.map_err(|e| stop_to_default(e, w))
}

fn proxy(vm: &Vm, a: Args<'_>, meth: &str) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error(format!("descriptor '{meth}' needs an argument")))?;
    let w = awaitable_payload(s)?;
    let it = awaitable_iter(vm, w)?;
    call::call_method(vm, &it, meth, &a.args[1..]).map_err(|e| stop_to_default(e, w))
}

fn m_send(vm: &Vm, a: Args<'_>) -> PyResult {
    proxy(vm, a, "send")
}
fn m_throw(vm: &Vm, a: Args<'_>) -> PyResult {
    proxy(vm, a, "throw")
}
fn m_close(vm: &Vm, a: Args<'_>) -> PyResult {
    proxy(vm, a, "close")
}
fn m_await(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__await__")?;
    Ok(s.clone())
}
fn iter_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

static AWAITABLE_METHODS: &[MethodDef] = &[
    MethodDef::method("send", m_send),
    MethodDef::method("throw", m_throw),
    MethodDef::method("close", m_close),
    MethodDef::method("__await__", m_await),
];

/// Builtin functions defined here (added to `builtins` by [`register`]).
pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("aiter", aiter).with_doc("aiter(async_iterable, /)\n--\n\nReturn an AsyncIterator for an AsyncIterable object."),
    MethodDef::method("anext", anext).with_doc("anext(aiterator, default=<unrepresentable>, /)\n--\n\nReturn the next item from the async iterator.\n\nIf default is given and the async iterator is exhausted,\nit is returned instead of raising StopAsyncIteration."),
];

/// Adds `aiter`, `anext` and (unless `-S`) the `site` builtins.
pub fn register(vm: &Vm, m: &PyModule) {
    for f in FUNCTIONS {
        m.set_attr(f.name, crate::types::descriptors::builtin_function(f, None));
    }
    if vm.config.no_site {
        return;
    }
    for name in ["exit", "quit"] {
        m.set_attr(name, crate::object::alloc(PyQuitter { name }));
    }
    for name in ["copyright", "credits", "license"] {
        m.set_attr(name, crate::object::alloc(PyPrinter { name }));
    }
    m.set_attr("help", crate::object::alloc(PyHelper {}));
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &QUITTER_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(quitter_repr),
                    call: Some(quitter_call),
                    ..Slots::EMPTY
                },
                ..TypeSpec::new("_sitebuiltins.Quitter", Layout::of::<PyQuitter>())
            },
        ),
        (
            &PRINTER_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(printer_repr),
                    call: Some(printer_call),
                    ..Slots::EMPTY
                },
                doc: Some(
                    "interactive prompt objects for printing the license text, a list of\n    contributors and the copyright notice.",
                ),
                ..TypeSpec::new("_sitebuiltins._Printer", Layout::of::<PyPrinter>())
            },
        ),
        (
            &HELPER_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(helper_repr),
                    call: Some(helper_call),
                    ..Slots::EMPTY
                },
                doc: Some(
                    "Define the builtin 'help'.\n\n    This is a wrapper around pydoc.help that provides a helpful message\n    when 'help' is typed at the Python interactive prompt.\n\n    Calling help() at the Python prompt starts an interactive help session.\n    Calling help(thing) prints help for the python object 'thing'.\n    ",
                ),
                ..TypeSpec::new("_sitebuiltins._Helper", Layout::of::<PyHelper>())
            },
        ),
        (
            &ANEXT_AWAITABLE_TYPE,
            TypeSpec {
                slots: Slots {
                    iter: Some(iter_self),
                    iternext: Some(awaitable_next),
                    ..Slots::EMPTY
                },
                methods: AWAITABLE_METHODS,
                ..TypeSpec::new("anext_awaitable", Layout::of::<PyAnextAwaitable>())
            },
        ),
    ]
}
