//! `code`: the Python-visible wrapper of a compiled `CodeObject`, holding
//! its constants converted to objects and its names interned, which is what
//! the interpreter reads.

use std::cell::Cell;
use std::sync::Arc;

use taipan_bytecode::code::local_kind;
use taipan_bytecode::{CodeFlags, CodeObject, Constant};

use crate::args::Args;
use crate::error::{PyResult, overflow_error, system_error, type_error, type_name, value_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::int::{as_ssize, int_from_bigint, int_from_i64};
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a code object.
    pub struct PyCode {
        pub code: Arc<CodeObject>,
        pub consts: Vec<PyRef>,
        pub names: Vec<PyRef>,
        pub localsplusnames: Vec<PyRef>,
        pub name: PyRef,
        pub qualname: PyRef,
        pub filename: PyRef,
        /// Number of argument slots (positional + kw-only + *args + **kw).
        pub total_args: usize,
        /// Executions so far (hotness counter for later tiers).
        pub calls: Cell<u64>,
        /// The interpreter's quickened instructions and inline caches.
        pub quick: crate::interp::specialize::QuickCode,
    }
}

pub static CODE_TYPE: StaticType = StaticType::new();

impl PyPayload for PyCode {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        CODE_TYPE.get()
    }
}

/// Converts a compile-time constant into an object.
pub fn const_to_object(c: &Constant) -> PyRef {
    match c {
        Constant::None => crate::types::none::none(),
        Constant::Bool(b) => crate::types::bool_::py_bool(*b),
        Constant::Ellipsis => crate::types::none::ellipsis(),
        Constant::Int(i) => int_from_bigint(i.clone()),
        Constant::Float(f) => crate::types::float::float_ref(*f),
        Constant::Complex { real, imag } => crate::types::complex_new(*real, *imag),
        Constant::Str(s) => {
            // Identifier-like constants are interned, as in CPython.
            match s.as_str() {
                Some(t)
                    if t.len() <= 40
                        && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                {
                    PyStr::intern(t)
                }
                _ => PyStr::from_wtf8_ref(s.clone()),
            }
        }
        Constant::Bytes(b) => crate::types::bytes::PyBytes::new_ref(b.clone()),
        Constant::Tuple(items) => PyTuple::new_ref(items.iter().map(const_to_object).collect()),
        Constant::FrozenSet(items) => {
            crate::types::set::frozenset_from_consts(items.iter().map(const_to_object).collect())
        }
        Constant::Code(code) => PyCode::new_ref(code.clone()),
    }
}

/// The `CodeObject` to serialize for `marshal.dumps(code)`: the compiled
/// one, with its constants taken from the Python-level `co_consts` (which
/// `code.replace(co_consts=...)` may have changed).
pub fn code_for_serialization(vm: &Vm, c: &PyCode) -> PyResult<CodeObject> {
    let mut out = (*c.code).clone();
    out.consts = c
        .consts
        .iter()
        .map(|o| object_to_const(vm, o, 0))
        .collect::<PyResult<_>>()?;
    Ok(out)
}

/// The constant an object stands for (`ValueError('unmarshallable object')`
/// for anything a code object cannot hold).
fn object_to_const(vm: &Vm, o: &PyRef, depth: usize) -> PyResult<Constant> {
    use crate::types::int::{int_val, is_int};
    let bad = || crate::error::value_error("unmarshallable object");
    if depth > 1000 {
        return Err(bad());
    }
    Ok(if crate::types::none::is_none(o) {
        Constant::None
    } else if let Some(b) = crate::types::bool_::as_bool(o) {
        Constant::Bool(b)
    } else if o.is(&crate::types::none::ellipsis()) {
        Constant::Ellipsis
    } else if is_int(o) {
        Constant::Int(int_val(o).ok_or_else(bad)?.to_bigint())
    } else if let Some(f) = o.downcast::<crate::types::float::PyFloat>() {
        Constant::Float(f.value)
    } else if let Some(z) = o.downcast::<crate::types::complex::PyComplex>() {
        Constant::Complex {
            real: z.re,
            imag: z.im,
        }
    } else if let Some(s) = o.downcast::<PyStr>() {
        Constant::Str(s.as_wtf8().clone())
    } else if let Some(b) = o.downcast::<crate::types::bytes::PyBytes>() {
        Constant::Bytes(b.as_bytes().to_vec())
    } else if let Some(t) = o.downcast::<PyTuple>() {
        Constant::Tuple(
            t.as_slice()
                .iter()
                .map(|x| object_to_const(vm, x, depth + 1))
                .collect::<PyResult<_>>()?,
        )
    } else if let Some(st) = o.downcast::<crate::types::set::PySet>() {
        Constant::FrozenSet(
            st.items()
                .iter()
                .map(|x| object_to_const(vm, x, depth + 1))
                .collect::<PyResult<_>>()?,
        )
    } else if let Some(c) = o.downcast::<PyCode>() {
        Constant::Code(Arc::new(code_for_serialization(vm, c)?))
    } else {
        return Err(bad());
    })
}

impl PyCode {
    /// Wraps a compiled code object (recursively converting constants).
    pub fn new_ref(code: Arc<CodeObject>) -> PyRef {
        let consts = code.consts.iter().map(const_to_object).collect();
        Self::with_consts(code, consts)
    }

    /// Wraps `code` with already-converted constants (`code.replace(co_consts=...)`).
    fn with_consts(code: Arc<CodeObject>, consts: Vec<PyRef>) -> PyRef {
        let names = code.names.iter().map(|n| PyStr::intern(n)).collect();
        let localsplusnames = code
            .localsplusnames
            .iter()
            .map(|n| PyStr::intern(n))
            .collect();
        let f = code.flags;
        use taipan_bytecode::CodeFlags as F;
        let total_args = (code.argcount + code.kwonlyargcount) as usize
            + f.has(F::VARARGS) as usize
            + f.has(F::VARKEYWORDS) as usize;
        let name = PyStr::intern(&code.name);
        let qualname = PyStr::new_ref(&code.qualname);
        let filename = PyStr::new_ref(&code.filename);
        let quick = crate::interp::specialize::QuickCode::new(&code);
        crate::object::alloc(PyCode {
            quick,
            code,
            consts,
            names,
            localsplusnames,
            name,
            qualname,
            filename,
            total_args,
            calls: Cell::new(0),
        })
    }
}

fn payload(o: &PyRef) -> PyResult<&PyCode> {
    o.downcast::<PyCode>()
        .ok_or_else(|| type_error("expected code object"))
}

fn code_repr(_: &Vm, o: &PyRef) -> PyResult {
    let c = payload(o)?;
    Ok(PyStr::new_ref(&format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        c.code.name,
        o.bits(),
        c.code.filename,
        c.code.firstlineno
    )))
}

fn names_tuple(it: impl Iterator<Item = String>) -> PyRef {
    PyTuple::new_ref(it.map(|s| PyStr::intern(&s)).collect())
}

fn g_name(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.name.clone())
}
fn g_qualname(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.qualname.clone())
}
fn g_filename(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.filename.clone())
}
fn g_firstlineno(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(payload(o)?.code.firstlineno as i64))
}
fn g_argcount(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(payload(o)?.code.argcount as i64))
}
fn g_posonlyargcount(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(payload(o)?.code.posonlyargcount as i64))
}
fn g_kwonlyargcount(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(payload(o)?.code.kwonlyargcount as i64))
}
fn g_flags(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(
        (payload(o)?.code.flags.0 & !CodeFlags::HIDDEN) as i64,
    ))
}
fn g_stacksize(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(payload(o)?.code.stacksize as i64))
}
fn g_nlocals(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(payload(o)?.code.varnames().count() as i64))
}
fn g_consts(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyTuple::new_ref(payload(o)?.consts.clone()))
}
fn g_names(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyTuple::new_ref(payload(o)?.names.clone()))
}
fn g_varnames(_: &Vm, o: &PyRef) -> PyResult {
    Ok(names_tuple(payload(o)?.code.varnames().map(String::from)))
}
fn g_cellvars(_: &Vm, o: &PyRef) -> PyResult {
    Ok(names_tuple(payload(o)?.code.cellvars().map(String::from)))
}
fn g_freevars(_: &Vm, o: &PyRef) -> PyResult {
    Ok(names_tuple(payload(o)?.code.freevars().map(String::from)))
}

/// The keywords `code.replace()` accepts (CPython 3.11's set).
const REPLACE_KEYWORDS: &[&str] = &[
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_firstlineno",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_freevars",
    "co_cellvars",
    "co_filename",
    "co_name",
    "co_qualname",
    "co_linetable",
    "co_exceptiontable",
];

fn replace_str(key: &str, v: &PyRef) -> PyResult<String> {
    match v.downcast::<PyStr>() {
        Some(s) => Ok(s.to_string_lossy()),
        None => Err(type_error(format!(
            "replace() argument '{key}' must be str, not {}",
            type_name(v)
        ))),
    }
}

fn replace_tuple<'a>(key: &str, v: &'a PyRef) -> PyResult<&'a [PyRef]> {
    match v.downcast::<PyTuple>() {
        Some(t) => Ok(t.as_slice()),
        None => Err(type_error(format!(
            "replace() argument '{key}' must be tuple, not {}",
            type_name(v)
        ))),
    }
}

fn replace_names(key: &str, v: &PyRef, old_len: usize) -> PyResult<Vec<String>> {
    let items = replace_tuple(key, v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        match it.downcast::<PyStr>() {
            Some(s) => out.push(s.to_string_lossy()),
            None => return Err(system_error("non-string found in code slot")),
        }
    }
    if out.len() != old_len {
        return Err(value_error(format!(
            "code.replace(): Taipan cannot change the number of {key} ({old_len} -> {})",
            out.len()
        )));
    }
    Ok(out)
}

/// `code.replace(**kwargs)`: a copy with some fields replaced. Names,
/// constants, flags and line numbers are honoured; fields tied to CPython's
/// own bytecode format (`co_code`, `co_linetable`, `co_exceptiontable`) and
/// layout counts that differ from the current ones raise `ValueError`.
fn m_replace(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = a
        .positional()
        .first()
        .ok_or_else(|| type_error("replace() needs a code object"))?;
    let c = payload(this)?;
    if a.positional().len() > 1 {
        return Err(type_error("replace() takes no positional arguments"));
    }
    let mut code: CodeObject = (*c.code).clone();
    let mut consts: Option<Vec<PyRef>> = None;
    for (k, v) in a.kwargs() {
        let key = k
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        if !REPLACE_KEYWORDS.contains(&key.as_str()) {
            return Err(type_error(format!(
                "'{key}' is an invalid keyword argument for replace()"
            )));
        }
        match key.as_str() {
            "co_name" => code.name = replace_str(&key, v)?,
            "co_qualname" => code.qualname = replace_str(&key, v)?,
            "co_filename" => code.filename = replace_str(&key, v)?,
            "co_flags" | "co_firstlineno" | "co_argcount" | "co_posonlyargcount"
            | "co_kwonlyargcount" | "co_nlocals" | "co_stacksize" => {
                let n = as_ssize(vm, v)?;
                let n32 = i32::try_from(n)
                    .map_err(|_| overflow_error("Python int too large to convert to C int"))?;
                let (cur, settable) = match key.as_str() {
                    "co_flags" => (code.flags.0 as i64, true),
                    "co_firstlineno" => (code.firstlineno as i64, true),
                    "co_argcount" => (code.argcount as i64, false),
                    "co_posonlyargcount" => (code.posonlyargcount as i64, false),
                    "co_kwonlyargcount" => (code.kwonlyargcount as i64, false),
                    "co_nlocals" => (code.varnames().count() as i64, false),
                    _ => (code.stacksize as i64, false),
                };
                if n32 < 0 {
                    return Err(value_error(
                        "code: argcount must not be negative".to_string(),
                    ));
                }
                if settable {
                    if key == "co_flags" {
                        let layout = CodeFlags::VARARGS | CodeFlags::VARKEYWORDS;
                        if (n32 as u32 ^ code.flags.0) & layout != 0 {
                            return Err(value_error(
                                "code.replace(): Taipan cannot change the argument layout flags",
                            ));
                        }
                        code.flags = CodeFlags(n32 as u32);
                    } else {
                        code.firstlineno = n32 as u32;
                    }
                } else if n != cur {
                    return Err(value_error(format!(
                        "code.replace(): Taipan cannot change {key} ({cur} -> {n})"
                    )));
                }
            }
            "co_consts" => {
                let items = replace_tuple(&key, v)?;
                if items.len() < c.consts.len() {
                    return Err(value_error(
                        "code.replace(): co_consts is shorter than the bytecode needs",
                    ));
                }
                consts = Some(items.to_vec());
            }
            "co_names" => code.names = replace_names(&key, v, code.names.len())?,
            "co_varnames" | "co_cellvars" | "co_freevars" => {
                let bit = match key.as_str() {
                    "co_varnames" => local_kind::LOCAL,
                    "co_cellvars" => local_kind::CELL,
                    _ => local_kind::FREE,
                };
                let idx: Vec<usize> = code
                    .localspluskinds
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| **k & bit != 0)
                    .map(|(i, _)| i)
                    .collect();
                let names = replace_names(&key, v, idx.len())?;
                for (i, n) in idx.into_iter().zip(names) {
                    if let Some(slot) = code.localsplusnames.get_mut(i) {
                        *slot = n;
                    }
                }
            }
            _ => {
                // co_code / co_linetable / co_exceptiontable: CPython byte formats.
                if v.downcast::<crate::types::bytes::PyBytes>().is_none() {
                    return Err(type_error(format!(
                        "replace() argument '{key}' must be bytes, not {}",
                        type_name(v)
                    )));
                }
                return Err(value_error(format!(
                    "code.replace(): Taipan cannot use {key} in CPython's bytecode format"
                )));
            }
        }
    }
    let code = Arc::new(code);
    Ok(match consts {
        Some(cs) => PyCode::with_consts(code, cs),
        None => PyCode::new_ref(code),
    })
}

/// `code.co_positions()`: one `(lineno, end_lineno, col, end_col)` per
/// instruction (Taipan's `f_lasti`/`tb_lasti` count two bytes per
/// instruction, so `traceback`'s `lasti // 2` indexes this), `None` where
/// unknown.
fn m_co_positions(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = a
        .positional()
        .first()
        .ok_or_else(|| type_error("co_positions() needs a code object"))?;
    a.shift().no_args("co_positions")?;
    let c = payload(this)?;
    let opt_line = |v: u32| {
        if v == 0 {
            none()
        } else {
            int_from_i64(v as i64)
        }
    };
    let opt_col = |v: u32| {
        if v == u32::MAX {
            none()
        } else {
            int_from_i64(v as i64)
        }
    };
    let items: Vec<PyRef> = c
        .code
        .positions
        .iter()
        .map(|p| {
            PyTuple::new_ref(vec![
                opt_line(p.lineno),
                opt_line(p.end_lineno),
                opt_col(p.col),
                opt_col(p.end_col),
            ])
        })
        .collect();
    crate::protocol::iter::get_iter(vm, &crate::types::list::PyList::new_ref(items))
}

/// `code.co_lines()`: `(start, end, lineno)` byte ranges (two bytes per
/// instruction), consecutive instructions of one line merged, `None` for
/// instructions without a line.
fn m_co_lines(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = a
        .positional()
        .first()
        .ok_or_else(|| type_error("co_lines() needs a code object"))?;
    a.shift().no_args("co_lines")?;
    let c = payload(this)?;
    let mut ranges: Vec<(usize, usize, u32)> = Vec::new();
    for (i, p) in c.code.positions.iter().enumerate() {
        match ranges.last_mut() {
            Some(last) if last.2 == p.lineno && last.1 == 2 * i => last.1 = 2 * i + 2,
            _ => ranges.push((2 * i, 2 * i + 2, p.lineno)),
        }
    }
    let items: Vec<PyRef> = ranges
        .into_iter()
        .map(|(s, e, l)| {
            PyTuple::new_ref(vec![
                int_from_i64(s as i64),
                int_from_i64(e as i64),
                if l == 0 {
                    none()
                } else {
                    int_from_i64(l as i64)
                },
            ])
        })
        .collect();
    crate::protocol::iter::get_iter(vm, &crate::types::list::PyList::new_ref(items))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("replace", m_replace),
    MethodDef::method("co_positions", m_co_positions),
    MethodDef::method("co_lines", m_co_lines),
];

static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("co_name", g_name),
    GetSetDef::new("co_qualname", g_qualname),
    GetSetDef::new("co_filename", g_filename),
    GetSetDef::new("co_firstlineno", g_firstlineno),
    GetSetDef::new("co_argcount", g_argcount),
    GetSetDef::new("co_posonlyargcount", g_posonlyargcount),
    GetSetDef::new("co_kwonlyargcount", g_kwonlyargcount),
    GetSetDef::new("co_flags", g_flags),
    GetSetDef::new("co_stacksize", g_stacksize),
    GetSetDef::new("co_nlocals", g_nlocals),
    GetSetDef::new("co_consts", g_consts),
    GetSetDef::new("co_names", g_names),
    GetSetDef::new("co_varnames", g_varnames),
    GetSetDef::new("co_cellvars", g_cellvars),
    GetSetDef::new("co_freevars", g_freevars),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &CODE_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(code_repr),
                ..Slots::EMPTY
            },
            getsets: GETSETS,
            methods: METHODS,
            ..TypeSpec::new("code", Layout::of::<PyCode>())
        },
    )]
}
