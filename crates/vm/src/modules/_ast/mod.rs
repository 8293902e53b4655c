//! `_ast`: the classes of Python's abstract syntax tree and the bridge
//! between them and Taipan's Rust AST (`taipan_ast`), which is what
//! `compile(..., PyCF_ONLY_AST)` and `compile(ast_object, ...)` need and
//! what CPython's pure-Python `Lib/ast.py` builds on (`from _ast import *`).
//!
//! Layout:
//! - `nodes.rs`  — the node table (each class once, with its fields), parsed
//!   into [`nodes::Spec`]s;
//! - `mod.rs`    — this file: the per-interpreter [`State`] (the classes,
//!   the shared `Load()`/`Add()`... instances, interned field names), class
//!   creation from the table, `AST.__init__`/`AST.__reduce__`, the module;
//! - `to_py.rs`  — Rust AST -> Python objects (CPython's `ast2obj`);
//! - `from_py.rs`— Python objects -> Rust AST (CPython's `obj2ast`, with its
//!   TypeErrors, plus the checks CPython's validator makes on positions and
//!   constants, which the Rust AST cannot represent afterwards);
//! - `validate.rs` — the rest of CPython's AST validator (`Python/ast.c`)
//!   on the Rust AST.
//!
//! As in CPython the classes are heap types created once per interpreter,
//! with `__module__ == 'ast'`; instances keep their fields in the instance
//! dict, so user code may add, remove or replace any of them.

mod from_py;
pub mod nodes;
mod to_py;
mod validate;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::{MethodDef, new_heap_type};
use crate::protocol::object as proto;
use crate::types::int::int_from_i64;
use crate::types::module::PyModule;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;
use nodes::{K, Q, specs};

pub use from_py::obj_to_mod;
pub use to_py::mod_to_py;
pub use validate::validate_mod;

/// `compile()` flag: return the AST instead of a code object.
pub const PY_CF_ONLY_AST: i64 = 0x400;
/// `compile()` flag: fill in `type_comment` fields.
pub const PY_CF_TYPE_COMMENTS: i64 = 0x1000;
/// `compile()` flag: allow `await` at top level.
pub const PY_CF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;

/// The classes and shared objects of `_ast`, made once per interpreter.
pub struct State {
    /// The class of each table row, indexed by `K as usize`.
    pub types: Vec<PyRef>,
    /// `ast.AST`.
    pub ast_type: PyRef,
    /// The shared instance of each simple-sum constructor (`Load()`, `Add()`).
    pub singletons: Vec<Option<PyRef>>,
    /// Interned field names of each row.
    pub field_names: Vec<Vec<PyRef>>,
    /// Interned `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc_names: [PyRef; 4],
    /// Type object address -> row, for dispatching on an instance's class.
    pub by_type: HashMap<usize, K>,
}

static STATE: crate::runtime::gil::GilCell<RefCell<Option<Rc<State>>>> =
    crate::runtime::gil::GilCell::new(RefCell::new(None));

/// The interpreter's `_ast` state, created on first use.
pub fn state(vm: &Vm) -> PyResult<Rc<State>> {
    if let Some(s) = STATE.with(|s| s.borrow().clone()) {
        return Ok(s);
    }
    let s = Rc::new(build_state(vm)?);
    STATE.with(|c| *c.borrow_mut() = Some(s.clone()));
    Ok(s)
}

static AST_METHODS: [MethodDef; 2] = [
    MethodDef::method("__init__", ast_init),
    MethodDef::method("__reduce__", ast_reduce),
];

fn names_tuple(names: impl Iterator<Item = &'static str>) -> PyRef {
    PyTuple::new_ref(names.map(PyStr::intern).collect())
}

#[cold]
fn build_state(_vm: &Vm) -> PyResult<State> {
    let meta = crate::types::type_::TYPE_TYPE.get();
    let s = |x: &str| PyStr::intern(x);
    let module = PyStr::new_ref("ast");
    let empty = PyTuple::new_ref(vec![]);
    let ast_type = new_heap_type(
        meta,
        "AST",
        vec![],
        &[
            (s("__module__"), module.clone()),
            (s("__doc__"), none()),
            (s("_fields"), empty.clone()),
            (s("_attributes"), empty.clone()),
            (s("__match_args__"), empty.clone()),
        ],
    )?;
    if let Some(t) = ast_type.as_type() {
        for m in &AST_METHODS {
            t.dict.set_str(
                s(m.name),
                crate::types::descriptors::method_descriptor(t, m),
            );
            t.attr_changed(m.name);
        }
    }
    let specs = specs();
    let mut types: Vec<PyRef> = Vec::with_capacity(specs.len());
    let mut by_type = HashMap::new();
    for (i, sp) in specs.iter().enumerate() {
        let base = match sp.parent {
            Some(p) => types
                .get(p as usize)
                .cloned()
                .ok_or_else(|| type_error("_ast: table order"))?,
            None => ast_type.clone(),
        };
        let fields = names_tuple(sp.fields.iter().map(|f| f.name));
        let mut ns = vec![
            (s("_fields"), fields.clone()),
            (s("__match_args__"), fields),
            (s("__module__"), module.clone()),
            (s("__doc__"), PyStr::new_ref(&sp.doc)),
        ];
        if sp.is_sum || sp.parent.is_none() {
            ns.push((
                s("_attributes"),
                names_tuple(sp.attrs.iter().map(|f| f.name)),
            ));
        }
        // Optional fields and attributes default to None on the class.
        for f in sp.fields.iter().chain(sp.attrs.iter()) {
            if f.q == Q::Opt {
                ns.push((s(f.name), none()));
            }
        }
        let t = new_heap_type(meta, sp.name, vec![base], &ns)?;
        by_type.insert(t.bits(), nodes::k_of(i));
        types.push(t);
    }
    let singletons = specs
        .iter()
        .zip(&types)
        .map(|(sp, t)| {
            if sp.is_singleton() {
                t.as_type()
                    .map(|tt| crate::object::alloc_as(tt, crate::types::object::PyBaseObject {}))
            } else {
                None
            }
        })
        .collect();
    let field_names = specs
        .iter()
        .map(|sp| sp.fields.iter().map(|f| s(f.name)).collect())
        .collect();
    Ok(State {
        types,
        ast_type,
        singletons,
        field_names,
        loc_names: [
            s("lineno"),
            s("col_offset"),
            s("end_lineno"),
            s("end_col_offset"),
        ],
        by_type,
    })
}

/// `AST.__init__(self, *args, **kwargs)`: positional arguments fill
/// `_fields` in order; keyword arguments set any attribute.
fn ast_init(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor '__init__' of 'ast.AST' object needs an argument"))?;
    let a = a.shift();
    let cls = this.class_ref();
    let fields = match proto::lookup_attr(vm, &cls, "_fields")? {
        Some(f) => crate::protocol::iter::collect(vm, &f)?,
        None => Vec::new(),
    };
    let pos = a.positional();
    let tname = this.class().name();
    if pos.len() > fields.len() {
        let n = fields.len();
        return Err(type_error(format!(
            "{tname} constructor takes at most {n} positional argument{}",
            if n == 1 { "" } else { "s" }
        )));
    }
    for (name, v) in fields.iter().zip(pos) {
        proto::set_attr(vm, this, name, v)?;
    }
    for (k, v) in a.kwargs() {
        let mut index = None;
        for (i, f) in fields.iter().enumerate() {
            if proto::eq(vm, f, k)? {
                index = Some(i);
                break;
            }
        }
        if index.is_some_and(|p| p < pos.len()) {
            return Err(type_error(format!(
                "{tname} got multiple values for argument '{}'",
                proto::str_string(vm, k)?
            )));
        }
        proto::set_attr(vm, this, k, v)?;
    }
    Ok(none())
}

/// `AST.__reduce__()`: `(type(self), (), self.__dict__)`.
fn ast_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = a.args.first().cloned().ok_or_else(|| {
        type_error("descriptor '__reduce__' of 'ast.AST' object needs an argument")
    })?;
    a.shift().no_args("__reduce__")?;
    let cls = this.class_ref();
    let empty = PyTuple::new_ref(vec![]);
    Ok(match proto::lookup_attr(vm, &this, "__dict__")? {
        Some(d) => PyTuple::new_ref(vec![cls, empty, d]),
        None => PyTuple::new_ref(vec![cls, empty]),
    })
}

/// True if `o` is an instance of `ast.AST` (what `compile()` checks).
pub fn is_ast(vm: &Vm, o: &PyRef) -> PyResult<bool> {
    let st = state(vm)?;
    proto::isinstance(vm, o, &st.ast_type)
}

/// Creates the `_ast` module.
pub fn make_module(vm: &Vm) -> PyResult {
    let st = state(vm)?;
    let m = PyModule::new_ref("_ast", None);
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    md.set_attr("AST", st.ast_type.clone());
    for (sp, t) in specs().iter().zip(&st.types) {
        md.set_attr(sp.name, t.clone());
    }
    md.set_attr("PyCF_ONLY_AST", int_from_i64(PY_CF_ONLY_AST));
    md.set_attr("PyCF_TYPE_COMMENTS", int_from_i64(PY_CF_TYPE_COMMENTS));
    md.set_attr(
        "PyCF_ALLOW_TOP_LEVEL_AWAIT",
        int_from_i64(PY_CF_ALLOW_TOP_LEVEL_AWAIT),
    );
    Ok(m)
}

#[cfg(test)]
mod tests;
