//! `cell`: the box holding a variable shared between a function and the
//! closures nested in it.

use std::cell::RefCell;

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::GetSetDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::none::not_implemented;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a cell.
    pub struct PyCell {
        value: RefCell<Option<PyRef>>,
    }
}

pub static CELL_TYPE: StaticType = StaticType::new();

impl PyPayload for PyCell {
    fn class() -> &'static Obj<PyType> {
        CELL_TYPE.get()
    }
}

impl PyCell {
    pub fn new_ref(v: Option<PyRef>) -> PyRef {
        crate::object::alloc(PyCell {
            value: RefCell::new(v),
        })
    }
    #[inline]
    pub fn get(&self) -> Option<PyRef> {
        self.value.borrow().clone()
    }
    #[inline]
    pub fn set(&self, v: Option<PyRef>) {
        let old = std::mem::replace(&mut *self.value.borrow_mut(), v);
        drop(old);
    }
}

fn cell_repr(_: &Vm, o: &PyRef) -> PyResult {
    let c = o
        .downcast::<PyCell>()
        .ok_or_else(|| type_error("expected cell"))?;
    Ok(PyStr::new_ref(&match c.get() {
        None => format!("<cell at {:#x}: empty>", o.bits()),
        Some(v) => format!(
            "<cell at {:#x}: {} object at {:#x}>",
            o.bits(),
            v.class().name(),
            v.bits()
        ),
    }))
}

fn cell_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyCell>(), b.downcast::<PyCell>()) else {
        return Ok(not_implemented());
    };
    match (x.get(), y.get()) {
        (Some(p), Some(q)) => crate::protocol::object::rich_compare(vm, &p, &q, op),
        (p, q) => {
            let o = (p.is_some() as u8).cmp(&(q.is_some() as u8));
            Ok(crate::types::bool_::py_bool(
                crate::protocol::object::ordering_matches(o, op),
            ))
        }
    }
}

fn cell_new(_: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("cell")?;
    let args = a.range("cell", 0, 1)?;
    Ok(PyCell::new_ref(args.first().cloned()))
}

fn get_contents(_: &Vm, o: &PyRef) -> PyResult {
    let c = o
        .downcast::<PyCell>()
        .ok_or_else(|| type_error("expected cell"))?;
    c.get().ok_or_else(|| value_error("Cell is empty"))
}

fn set_contents(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let c = o
        .downcast::<PyCell>()
        .ok_or_else(|| type_error("expected cell"))?;
    c.set(v.cloned());
    Ok(())
}

static GETSETS: &[GetSetDef] = &[GetSetDef::with_set(
    "cell_contents",
    get_contents,
    set_contents,
)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &CELL_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(cell_repr),
                richcompare: Some(cell_richcompare),
                hash: Some(crate::protocol::object::hash_not_implemented),
                new: Some(cell_new),
                ..Slots::EMPTY
            },
            getsets: GETSETS,
            ..TypeSpec::new("cell", Layout::of::<PyCell>())
        },
    )]
}
