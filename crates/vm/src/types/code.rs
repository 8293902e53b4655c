//! `code`: the Python-visible wrapper of a compiled `CodeObject`, holding
//! its constants converted to objects and its names interned, which is what
//! the interpreter reads.

use std::cell::Cell;
use std::sync::Arc;

use taipan_bytecode::{CodeObject, Constant};

use crate::error::{PyResult, type_error};
use crate::object::typeobj::GetSetDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::int::{int_from_bigint, int_from_i64};
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

impl PyCode {
    /// Wraps a compiled code object (recursively converting constants).
    pub fn new_ref(code: Arc<CodeObject>) -> PyRef {
        let consts = code.consts.iter().map(const_to_object).collect();
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
        crate::object::alloc(PyCode {
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
    Ok(int_from_i64(payload(o)?.code.flags.0 as i64))
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
            ..TypeSpec::new("code", Layout::of::<PyCode>())
        },
    )]
}
