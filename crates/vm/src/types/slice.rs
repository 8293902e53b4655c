//! `slice` objects and index normalization (`slice.indices`).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::none::{is_none, none, not_implemented};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a slice.
    pub struct PySlice {
        pub start: PyRef,
        pub stop: PyRef,
        pub step: PyRef,
    }
}

pub static SLICE_TYPE: StaticType = StaticType::new();

impl PyPayload for PySlice {
    fn class() -> &'static Obj<PyType> {
        SLICE_TYPE.get()
    }
}

fn slice_index(vm: &Vm, o: &PyRef) -> PyResult<BigInt> {
    if let Some(v) = crate::types::int::to_bigint(o) {
        return Ok(v);
    }
    if o.class().slots().nb_index.is_some() {
        let i = crate::protocol::number::index(vm, o)?;
        return Ok(crate::types::int::to_bigint(&i).unwrap_or_default());
    }
    Err(type_error(
        "slice indices must be integers or None or have an __index__ method",
    ))
}

impl PySlice {
    pub fn new_ref(start: PyRef, stop: PyRef, step: PyRef) -> PyRef {
        crate::object::alloc(PySlice { start, stop, step })
    }

    /// CPython's `_PySlice_GetLongIndices`: `(start, stop, step)` for a
    /// sequence of (possibly huge) length `len`, without clamping to
    /// machine integers (used by `range` slicing).
    pub fn indices_big(&self, vm: &Vm, len: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
        let step = if is_none(&self.step) {
            BigInt::from(1)
        } else {
            slice_index(vm, &self.step)?
        };
        if step.is_zero() {
            return Err(value_error("slice step cannot be zero"));
        }
        let neg = step.is_negative();
        let (lower, upper) = if neg {
            (BigInt::from(-1), len - 1)
        } else {
            (BigInt::zero(), len.clone())
        };
        let norm = |v: BigInt| -> BigInt {
            if v.is_negative() {
                let v = v + len;
                if v < lower { lower.clone() } else { v }
            } else if v > upper {
                upper.clone()
            } else {
                v
            }
        };
        let start = if is_none(&self.start) {
            if neg { upper.clone() } else { lower.clone() }
        } else {
            norm(slice_index(vm, &self.start)?)
        };
        let stop = if is_none(&self.stop) {
            if neg { lower.clone() } else { upper.clone() }
        } else {
            norm(slice_index(vm, &self.stop)?)
        };
        Ok((start, stop, step))
    }

    /// `slice.indices(len)`: normalized `(start, stop, step)`.
    pub fn indices(&self, vm: &Vm, len: usize) -> PyResult<(i64, i64, i64)> {
        let step = if is_none(&self.step) {
            BigInt::from(1)
        } else {
            slice_index(vm, &self.step)?
        };
        if step.is_zero() {
            return Err(value_error("slice step cannot be zero"));
        }
        let len_b = BigInt::from(len);
        let neg = step.is_negative();
        let (lower, upper) = if neg {
            (BigInt::from(-1), len_b.clone() - 1)
        } else {
            (BigInt::zero(), len_b.clone())
        };
        let norm = |v: BigInt| -> BigInt {
            if v.is_negative() {
                let v = v + &len_b;
                if v < lower { lower.clone() } else { v }
            } else if v > upper {
                upper.clone()
            } else {
                v
            }
        };
        let start = if is_none(&self.start) {
            if neg { upper.clone() } else { lower.clone() }
        } else {
            norm(slice_index(vm, &self.start)?)
        };
        let stop = if is_none(&self.stop) {
            if neg { lower.clone() } else { upper.clone() }
        } else {
            norm(slice_index(vm, &self.stop)?)
        };
        let clamp = |b: &BigInt| {
            b.to_i64().unwrap_or(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            })
        };
        Ok((clamp(&start), clamp(&stop), clamp(&step)))
    }
}

/// The indices selected by normalized `(start, stop, step)`.
pub fn slice_range(start: i64, stop: i64, step: i64) -> impl Iterator<Item = usize> {
    let count = if step > 0 {
        if stop > start {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    (0..count).map(move |k| (start + k as i64 * step) as usize)
}

fn slice_new(_: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("slice")?;
    let args = a.range("slice", 1, 3)?;
    Ok(match args {
        [stop] => PySlice::new_ref(none(), stop.clone(), none()),
        [start, stop] => PySlice::new_ref(start.clone(), stop.clone(), none()),
        [start, stop, step] => PySlice::new_ref(start.clone(), stop.clone(), step.clone()),
        _ => return Err(type_error("slice expected at least 1 argument, got 0")),
    })
}

fn payload(o: &PyRef) -> PyResult<&PySlice> {
    o.downcast::<PySlice>()
        .ok_or_else(|| type_error("expected slice"))
}

fn slice_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let s = payload(o)?;
    Ok(PyStr::new_ref(&format!(
        "slice({}, {}, {})",
        crate::protocol::object::repr_string(vm, &s.start)?,
        crate::protocol::object::repr_string(vm, &s.stop)?,
        crate::protocol::object::repr_string(vm, &s.step)?
    )))
}

fn as_tuple(s: &PySlice) -> Vec<PyRef> {
    vec![s.start.clone(), s.stop.clone(), s.step.clone()]
}

fn slice_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PySlice>(), b.downcast::<PySlice>()) else {
        return Ok(not_implemented());
    };
    crate::types::tuple::compare_seqs(vm, &as_tuple(x), &as_tuple(y), op)
}

fn m_indices(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'indices' of 'slice' object needs an argument"))?;
    let n = a.shift().one_arg("slice.indices")?;
    let n = crate::protocol::number::index(vm, n)?;
    let n = crate::types::int::to_bigint(&n).unwrap_or_default();
    if n.is_negative() {
        return Err(value_error("length should not be negative"));
    }
    let (start, stop, step) = payload(s)?.indices_big(vm, &n)?;
    use crate::types::int::int_from_bigint as i;
    Ok(PyTuple::new_ref(vec![i(start), i(stop), i(step)]))
}

/// `slice.__reduce__()`: `(slice, (start, stop, step))`.
fn m_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reduce__")?;
    let p = payload(s)?;
    Ok(PyTuple::new_ref(vec![
        s.class().to_ref(),
        PyTuple::new_ref(as_tuple(p)),
    ]))
}

fn g_start(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.start.clone())
}
fn g_stop(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.stop.clone())
}
fn g_step(_: &Vm, o: &PyRef) -> PyResult {
    Ok(payload(o)?.step.clone())
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("indices", m_indices),
    MethodDef::method("__reduce__", m_reduce).with_doc("Return state information for pickling."),
];
static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("start", g_start),
    GetSetDef::new("stop", g_stop),
    GetSetDef::new("step", g_step),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &SLICE_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(slice_repr),
                richcompare: Some(slice_richcompare),
                hash: Some(crate::protocol::object::hash_not_implemented),
                new: Some(slice_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            ..TypeSpec::new("slice", Layout::of::<PySlice>())
        },
    )]
}
