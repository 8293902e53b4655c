//! `range` and `range_iterator` (small-int fast path; big bounds use
//! big-int arithmetic).

use std::cell::{Cell, RefCell};

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, index_error, type_error, value_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::int::{int_from_bigint, int_from_i64, to_bigint};
use crate::types::none::not_implemented;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a range.
    pub struct PyRange {
        pub start: BigInt,
        pub stop: BigInt,
        pub step: BigInt,
        pub len: BigInt,
    }
}

crate::py_payload! {
    /// A range iterator over big integers.
    pub struct PyLongRangeIter {
        next: RefCell<BigInt>,
        step: BigInt,
        remaining: RefCell<BigInt>,
        /// The first value and the length, for `__reduce__`/`__setstate__`.
        start: BigInt,
        len: BigInt,
    }
}

impl PyPayload for PyLongRangeIter {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        LONGRANGE_ITER_TYPE.get()
    }
}

fn long_it_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = o
        .downcast::<PyLongRangeIter>()
        .ok_or_else(|| type_error("expected longrange_iterator"))?;
    if !it.remaining.borrow().is_positive() {
        return Ok(None);
    }
    *it.remaining.borrow_mut() -= 1u32;
    let v = it.next.borrow().clone();
    *it.next.borrow_mut() += &it.step;
    Ok(Some(int_from_bigint(v)))
}

fn long_it_length_hint(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    let it = s
        .downcast::<PyLongRangeIter>()
        .ok_or_else(|| type_error("expected longrange_iterator"))?;
    Ok(int_from_bigint(it.remaining.borrow().clone()))
}

/// `(iter, (range(start, start + len*step, step),), index)`: both range
/// iterators pickle as an iterator over the equivalent range.
fn iter_reduce_value(vm: &Vm, start: BigInt, step: BigInt, len: BigInt, index: BigInt) -> PyResult {
    let f = crate::types::iterators::builtin(vm, "iter")?;
    let stop = &start + &len * &step;
    let range = crate::object::alloc(PyRange {
        start,
        stop,
        step,
        len,
    });
    Ok(crate::types::iterators::reduce_value(
        f,
        vec![range],
        Some(int_from_bigint(index)),
    ))
}

fn long_it_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reduce__")?;
    let it = s
        .downcast::<PyLongRangeIter>()
        .ok_or_else(|| type_error("expected longrange_iterator"))?;
    let index = &it.len - &*it.remaining.borrow();
    iter_reduce_value(vm, it.start.clone(), it.step.clone(), it.len.clone(), index)
}

fn long_it_setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("__setstate__ needs an argument"))?;
    let st = a.shift().one_arg("longrange_iterator.__setstate__")?;
    let it = s
        .downcast::<PyLongRangeIter>()
        .ok_or_else(|| type_error("expected longrange_iterator"))?;
    let index = as_index(vm, st)?.clamp(BigInt::zero(), it.len.clone());
    *it.next.borrow_mut() = &it.start + &index * &it.step;
    *it.remaining.borrow_mut() = &it.len - index;
    Ok(crate::types::none::none())
}

static LONG_IT_METHODS: &[MethodDef] = &[
    MethodDef::method("__length_hint__", long_it_length_hint)
        .with_doc("Private method returning an estimate of len(list(it))."),
    MethodDef::method("__reduce__", long_it_reduce)
        .with_doc("Return state information for pickling."),
    MethodDef::method("__setstate__", long_it_setstate)
        .with_doc("Set state information for unpickling."),
];

crate::py_payload! {
    /// A range iterator over machine integers.
    pub struct PyRangeIter {
        next: Cell<i64>,
        step: i64,
        remaining: Cell<u64>,
        /// The first value and the length, for `__reduce__`/`__setstate__`.
        start: i64,
        len: u64,
    }
}

pub static RANGE_TYPE: StaticType = StaticType::new();
pub static RANGE_ITER_TYPE: StaticType = StaticType::new();
pub static LONGRANGE_ITER_TYPE: StaticType = StaticType::new();

impl PyPayload for PyRange {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        RANGE_TYPE.get()
    }
}
impl PyPayload for PyRangeIter {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        RANGE_ITER_TYPE.get()
    }
}

fn range_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() {
        if start < stop {
            (stop - start - 1u32) / step + 1u32
        } else {
            BigInt::zero()
        }
    } else if start > stop {
        (start - stop - 1u32) / (-step) + 1u32
    } else {
        BigInt::zero()
    }
}

fn payload(o: &PyRef) -> PyResult<&PyRange> {
    o.downcast::<PyRange>()
        .ok_or_else(|| type_error("expected range"))
}

fn as_index(vm: &Vm, o: &PyRef) -> PyResult<BigInt> {
    let i = crate::protocol::number::index(vm, o)?;
    Ok(to_bigint(&i).unwrap_or_default())
}

fn range_new(vm: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("range")?;
    let args = a.range("range", 1, 3)?;
    let (start, stop, step) = match args {
        [stop] => (BigInt::zero(), as_index(vm, stop)?, BigInt::from(1)),
        [start, stop] => (as_index(vm, start)?, as_index(vm, stop)?, BigInt::from(1)),
        [start, stop, step] => (
            as_index(vm, start)?,
            as_index(vm, stop)?,
            as_index(vm, step)?,
        ),
        _ => return Err(type_error("range expected at least 1 argument, got 0")),
    };
    if step.is_zero() {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    let len = range_len(&start, &stop, &step);
    Ok(crate::object::alloc(PyRange {
        start,
        stop,
        step,
        len,
    }))
}

fn range_repr(_: &Vm, o: &PyRef) -> PyResult {
    let r = payload(o)?;
    Ok(PyStr::new_ref(&if r.step == BigInt::from(1) {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }))
}

fn r_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    payload(o)?
        .len
        .to_i64()
        .map(|n| n as usize)
        .ok_or_else(|| crate::error::overflow_error("Python int too large to convert to C ssize_t"))
}

fn r_item(r: &PyRange, i: &BigInt) -> BigInt {
    &r.start + &r.step * i
}

fn r_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let r = payload(o)?;
    if let Some(sl) = k.downcast::<crate::types::slice::PySlice>() {
        let (s, e, st) = sl.indices_big(vm, &r.len)?;
        let start = r_item(r, &s);
        let stop = r_item(r, &e);
        let step = &r.step * st;
        let len = range_len(&start, &stop, &step);
        return Ok(crate::object::alloc(PyRange {
            start,
            stop,
            step,
            len,
        }));
    }
    let i = if crate::types::int::is_int(k) || k.class().slots().nb_index.is_some() {
        as_index(vm, k)?
    } else {
        return Err(type_error(format!(
            "range indices must be integers or slices, not {}",
            k.class().name()
        )));
    };
    let j = if i.is_negative() { &i + &r.len } else { i };
    if j.is_negative() || j >= r.len {
        return Err(index_error("range object index out of range"));
    }
    Ok(int_from_bigint(r_item(r, &j)))
}

fn contains_int(r: &PyRange, v: &BigInt) -> bool {
    let in_bounds = if r.step.is_positive() {
        &r.start <= v && v < &r.stop
    } else {
        &r.stop < v && v <= &r.start
    };
    in_bounds && (v - &r.start).mod_floor(&r.step).is_zero()
}

fn r_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    let r = payload(o)?;
    if let Some(v) = to_bigint(k).filter(|_| {
        k.is_small()
            || k.is_exact::<crate::types::int::PyInt>()
            || crate::types::bool_::as_bool(k).is_some()
    }) {
        return Ok(contains_int(r, &v));
    }
    let it = crate::protocol::iter::get_iter(vm, o)?;
    while let Some(x) = crate::protocol::iter::next(vm, &it)? {
        if crate::protocol::object::eq(vm, &x, k)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// An iterator from `start` by `step` for `len` items: the machine-int
/// `range_iterator` when CPython would use it (every field and the length
/// fit a C long and `stop` leaves room for one more step), else
/// `longrange_iterator`.
fn make_iter(start: &BigInt, stop: &BigInt, step: &BigInt, len: &BigInt) -> PyRef {
    if let (Some(a), Some(b), Some(st), Some(n)) =
        (start.to_i64(), stop.to_i64(), step.to_i64(), len.to_i64())
    {
        let room = if n == 0 {
            true
        } else if st > 0 {
            b <= i64::MAX - (st - 1)
        } else {
            b >= i64::MIN + (-1 - st)
        };
        if room {
            return crate::object::alloc(PyRangeIter {
                next: Cell::new(a),
                step: st,
                remaining: Cell::new(n as u64),
                start: a,
                len: n as u64,
            });
        }
    }
    crate::object::alloc(PyLongRangeIter {
        next: RefCell::new(start.clone()),
        step: step.clone(),
        remaining: RefCell::new(len.clone()),
        start: start.clone(),
        len: len.clone(),
    })
}

fn r_iter(_: &Vm, o: &PyRef) -> PyResult {
    let r = payload(o)?;
    Ok(make_iter(&r.start, &r.stop, &r.step, &r.len))
}

fn r_reversed(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reversed__")?;
    let r = payload(s)?;
    // reversed(range(start, stop, step)) is
    // range(start + (n-1)*step, start - step, -step)
    let last = &r.start + &r.step * (&r.len - 1u32);
    let stop = &r.start - &r.step;
    let step = -&r.step;
    Ok(make_iter(&last, &stop, &step, &r.len))
}

fn r_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyRange>(), b.downcast::<PyRange>()) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let eq = x.len == y.len
        && (x.len.is_zero()
            || (x.start == y.start && (x.len == BigInt::from(1) || x.step == y.step)));
    Ok(py_bool(eq == (op == CompareOp::Eq)))
}

fn r_hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    let r = payload(o)?;
    let t = if r.len.is_zero() {
        vec![
            int_from_i64(0),
            crate::types::none::none(),
            crate::types::none::none(),
        ]
    } else if r.len == BigInt::from(1) {
        vec![
            int_from_i64(1),
            int_from_bigint(r.start.clone()),
            crate::types::none::none(),
        ]
    } else {
        vec![
            int_from_bigint(r.len.clone()),
            int_from_bigint(r.start.clone()),
            int_from_bigint(r.step.clone()),
        ]
    };
    crate::types::tuple::hash_items(vm, &t)
}

fn r_bool(_: &Vm, o: &PyRef) -> PyResult<bool> {
    Ok(!payload(o)?.len.is_zero())
}

/// An exact int or bool (CPython's fast path for `in`/`index`/`count`).
fn exact_int(v: &PyRef) -> Option<BigInt> {
    if v.is_small()
        || v.is_exact::<crate::types::int::PyInt>()
        || crate::types::bool_::as_bool(v).is_some()
    {
        to_bigint(v)
    } else {
        None
    }
}

fn meth_o<'a>(a: &Args<'a>, name: &str) -> PyResult<[&'a PyRef; 2]> {
    let s = a.args.first().ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' of 'range' object needs an argument"
        ))
    })?;
    let v = a.shift().one_arg(&format!("range.{name}"))?;
    Ok([s, v])
}

fn m_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, v] = meth_o(&a, "count")?;
    let r = payload(s)?;
    if let Some(x) = exact_int(v) {
        return Ok(int_from_i64(contains_int(r, &x) as i64));
    }
    let it = crate::protocol::iter::get_iter(vm, s)?;
    let mut n = 0;
    while let Some(x) = crate::protocol::iter::next(vm, &it)? {
        if crate::protocol::object::eq(vm, &x, v)? {
            n += 1;
        }
    }
    Ok(int_from_i64(n))
}

fn m_index(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, v] = meth_o(&a, "index")?;
    let r = payload(s)?;
    if let Some(x) = exact_int(v) {
        if contains_int(r, &x) {
            return Ok(int_from_bigint((x - &r.start) / &r.step));
        }
        return Err(value_error(format!(
            "{} is not in range",
            crate::protocol::object::repr_string(vm, v)?
        )));
    }
    let it = crate::protocol::iter::get_iter(vm, s)?;
    let mut i = 0;
    while let Some(x) = crate::protocol::iter::next(vm, &it)? {
        if crate::protocol::object::eq(vm, &x, v)? {
            return Ok(int_from_i64(i));
        }
        i += 1;
    }
    Err(value_error("sequence.index(x): x not in sequence"))
}

fn g_start(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_bigint(payload(o)?.start.clone()))
}
fn g_stop(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_bigint(payload(o)?.stop.clone()))
}
fn g_step(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_bigint(payload(o)?.step.clone()))
}

impl PyRangeIter {
    /// The next value (the interpreter's `FOR_ITER_RANGE`).
    #[inline]
    pub(crate) fn next_value(&self) -> Option<i64> {
        let n = self.remaining.get();
        if n == 0 {
            return None;
        }
        self.remaining.set(n - 1);
        let v = self.next.get();
        self.next.set(v.wrapping_add(self.step));
        Some(v)
    }
}

fn it_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = o
        .downcast::<PyRangeIter>()
        .ok_or_else(|| type_error("expected range_iterator"))?;
    let n = it.remaining.get();
    if n == 0 {
        return Ok(None);
    }
    it.remaining.set(n - 1);
    let v = it.next.get();
    it.next.set(v.wrapping_add(it.step));
    Ok(Some(int_from_i64(v)))
}

fn it_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn it_length_hint(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    let it = s
        .downcast::<PyRangeIter>()
        .ok_or_else(|| type_error("expected range_iterator"))?;
    Ok(crate::types::int::int_from_u64(it.remaining.get()))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("count", m_count),
    MethodDef::method("index", m_index),
    MethodDef::method("__reversed__", r_reversed),
    MethodDef::method("__reduce__", r_reduce),
];
static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("start", g_start),
    GetSetDef::new("stop", g_stop),
    GetSetDef::new("step", g_step),
];
fn it_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reduce__")?;
    let it = s
        .downcast::<PyRangeIter>()
        .ok_or_else(|| type_error("expected range_iterator"))?;
    let index = it.len - it.remaining.get();
    iter_reduce_value(
        vm,
        BigInt::from(it.start),
        BigInt::from(it.step),
        BigInt::from(it.len),
        BigInt::from(index),
    )
}

fn it_setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("__setstate__ needs an argument"))?;
    let st = a.shift().one_arg("range_iterator.__setstate__")?;
    let it = s
        .downcast::<PyRangeIter>()
        .ok_or_else(|| type_error("expected range_iterator"))?;
    let i = crate::protocol::number::index(vm, st)?;
    let index = crate::types::int::to_i64(&i)
        .ok_or_else(|| crate::error::overflow_error("Python int too large to convert to C long"))?;
    // Silently clipped to [0, len].
    let index = (index.max(0) as u64).min(it.len);
    it.remaining.set(it.len - index);
    it.next
        .set(it.start.wrapping_add((index as i64).wrapping_mul(it.step)));
    Ok(crate::types::none::none())
}

/// `range.__reduce__()`: `(range, (start, stop, step))`.
fn r_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reduce__")?;
    let r = payload(s)?;
    Ok(crate::types::iterators::reduce_value(
        s.class().to_ref(),
        vec![
            int_from_bigint(r.start.clone()),
            int_from_bigint(r.stop.clone()),
            int_from_bigint(r.step.clone()),
        ],
        None,
    ))
}

static IT_METHODS: &[MethodDef] = &[
    MethodDef::method("__length_hint__", it_length_hint)
        .with_doc("Private method returning an estimate of len(list(it))."),
    MethodDef::method("__reduce__", it_reduce).with_doc("Return state information for pickling."),
    MethodDef::method("__setstate__", it_setstate)
        .with_doc("Set state information for unpickling."),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &RANGE_TYPE,
            TypeSpec {
                slots: Slots {
                    repr: Some(range_repr),
                    mp_len: Some(r_len),
                    mp_getitem: Some(r_getitem),
                    sq_contains: Some(r_contains),
                    iter: Some(r_iter),
                    richcompare: Some(r_richcompare),
                    hash: Some(r_hash),
                    nb_bool: Some(r_bool),
                    new: Some(range_new),
                    ..Slots::EMPTY
                },
                methods: METHODS,
                getsets: GETSETS,
                flags: crate::object::typeobj::flags::SEQUENCE,
                doc: Some(
                    "range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn an object that produces a sequence of integers from start (inclusive)\nto stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\nstart defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\nThese are exactly the valid indices for a list of 4 elements.\nWhen step is given, it specifies the increment (or decrement).",
                ),
                ..TypeSpec::new("range", Layout::of::<PyRange>())
            },
        ),
        (
            &RANGE_ITER_TYPE,
            TypeSpec {
                slots: Slots {
                    iter: Some(it_self),
                    iternext: Some(it_next),
                    ..Slots::EMPTY
                },
                methods: IT_METHODS,
                ..TypeSpec::new("range_iterator", Layout::of::<PyRangeIter>())
            },
        ),
        (
            &LONGRANGE_ITER_TYPE,
            TypeSpec {
                slots: Slots {
                    iter: Some(it_self),
                    iternext: Some(long_it_next),
                    ..Slots::EMPTY
                },
                methods: LONG_IT_METHODS,
                ..TypeSpec::new("longrange_iterator", Layout::of::<PyLongRangeIter>())
            },
        ),
    ]
}
