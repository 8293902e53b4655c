//! `bool`: a subclass of int with exactly two instances, `True` and `False`
//! (int layout holding 1 and 0).

use num_bigint::BigInt;

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::{Layout, StaticType, TypeSpec, slots::Slots};
use crate::types::int::{INT_SLOTS, IntVal, PyInt, int_val};
use crate::types::none::not_implemented;
use crate::types::singleton::StaticObj;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

pub static BOOL_TYPE: StaticType = StaticType::new();
pub static TRUE: StaticObj = StaticObj::new();
pub static FALSE: StaticObj = StaticObj::new();

/// `True` or `False`.
#[inline]
pub fn py_bool(b: bool) -> PyRef {
    if b { TRUE.get() } else { FALSE.get() }
}

/// `Some(b)` if `o` is `True`/`False`.
#[inline]
pub fn as_bool(o: &PyRef) -> Option<bool> {
    if TRUE.is(o) {
        Some(true)
    } else if FALSE.is(o) {
        Some(false)
    } else {
        None
    }
}

fn bool_repr(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::intern(if TRUE.is(o) { "True" } else { "False" }))
}

fn bool_new(vm: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("bool")?;
    let args = a.range("bool", 0, 1)?;
    match args.first() {
        None => Ok(py_bool(false)),
        Some(x) => Ok(py_bool(crate::protocol::object::is_true(vm, x)?)),
    }
}

macro_rules! bool_bitop {
    ($name:ident, $op:tt, $int:ident) => {
        fn $name(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
            match (as_bool(a), as_bool(b)) {
                (Some(x), Some(y)) => Ok(py_bool(x $op y)),
                _ => match (INT_SLOTS.$int) {
                    Some(f) => f(vm, a, b),
                    None => Ok(not_implemented()),
                },
            }
        }
    };
}
bool_bitop!(bool_and, &, nb_and);
bool_bitop!(bool_or, |, nb_or);
bool_bitop!(bool_xor, ^, nb_xor);

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &BOOL_TYPE,
        TypeSpec {
            base: Some(&crate::types::int::INT_TYPE),
            slots: Slots {
                repr: Some(bool_repr),
                new: Some(bool_new),
                nb_and: Some(bool_and),
                nb_or: Some(bool_or),
                nb_xor: Some(bool_xor),
                ..Slots::EMPTY
            },
            doc: Some(
                "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\nThe builtins True and False are the only two instances of the class bool.\nThe class bool is a subclass of the class int, and cannot be subclassed.",
            ),
            ..TypeSpec::new("bool", Layout::of::<PyInt>())
        },
    )]
}

pub(crate) fn init_singletons() {
    TRUE.set(crate::object::alloc_as(
        BOOL_TYPE.get(),
        PyInt {
            value: BigInt::from(1),
        },
    ));
    FALSE.set(crate::object::alloc_as(
        BOOL_TYPE.get(),
        PyInt {
            value: BigInt::from(0),
        },
    ));
}

#[allow(dead_code)]
fn _unused(o: &PyRef) -> PyResult<bool> {
    match int_val(o) {
        Some(IntVal::Small(v)) => Ok(v != 0),
        _ => Err(type_error("")),
    }
}
