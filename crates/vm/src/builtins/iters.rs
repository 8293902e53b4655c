//! The iterator types of `builtins`: `enumerate`, `zip`, `map`, `filter`,
//! `reversed`, with their pickling methods (`__reduce__` rebuilds the object
//! from its type and the underlying iterators; `reversed` and `zip` also
//! carry a `__setstate__`).

use std::cell::{Cell, RefCell};

use num_bigint::BigInt;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::protocol::iter::{get_iter, next};
use crate::types::int::{int_from_bigint, int_from_i64};
use crate::types::none::is_none;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// `enumerate(iterable, start)`.
    pub struct PyEnumerate {
        it: PyRef,
        count: Cell<i64>,
        big: RefCell<Option<BigInt>>,
    }
}
crate::py_payload! {
    /// `zip(*iterables, strict=False)`.
    pub struct PyZip {
        its: Vec<PyRef>,
        strict: Cell<bool>,
        done: Cell<bool>,
    }
}
crate::py_payload! {
    /// `map(func, *iterables)`.
    pub struct PyMap {
        func: PyRef,
        its: Vec<PyRef>,
    }
}
crate::py_payload! {
    /// `filter(func, iterable)`.
    pub struct PyFilter {
        func: PyRef,
        it: PyRef,
    }
}
crate::py_payload! {
    /// `reversed(seq)` over the `__len__`/`__getitem__` protocol.
    pub struct PyReversed {
        seq: RefCell<Option<PyRef>>,
        index: Cell<i64>,
    }
}

pub static ENUMERATE_TYPE: StaticType = StaticType::new();
pub static ZIP_TYPE: StaticType = StaticType::new();
pub static MAP_TYPE: StaticType = StaticType::new();
pub static FILTER_TYPE: StaticType = StaticType::new();
pub static REVERSED_TYPE: StaticType = StaticType::new();

macro_rules! payloads {
    ($($t:ty => $s:ident),*) => { $(impl PyPayload for $t { fn class() -> &'static Obj<PyType> { $s.get() } })* };
}
payloads!(PyEnumerate => ENUMERATE_TYPE, PyZip => ZIP_TYPE, PyMap => MAP_TYPE, PyFilter => FILTER_TYPE, PyReversed => REVERSED_TYPE);

fn iter_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn ty(cls: &PyRef) -> PyResult<&Obj<PyType>> {
    cls.as_type()
        .ok_or_else(|| type_error("__new__(X): X is not a type object"))
}

fn enumerate_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [iterable, start] = a.bind("enumerate", ["iterable", "start"], 0, 0)?;
    let Some(iterable) = iterable else {
        return Err(type_error(
            "enumerate() missing required argument 'iterable'",
        ));
    };
    let it = get_iter(vm, &iterable)?;
    let (count, big) = match start {
        None => (0, None),
        Some(s) => {
            let i = crate::protocol::number::index(vm, &s)?;
            match crate::types::int::to_i64(&i) {
                Some(v) => (v, None),
                None => (0, crate::types::int::to_bigint(&i)),
            }
        }
    };
    Ok(crate::object::alloc_as(
        ty(cls)?,
        PyEnumerate {
            it,
            count: Cell::new(count),
            big: RefCell::new(big),
        },
    ))
}

fn enumerate_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let e = o
        .downcast::<PyEnumerate>()
        .ok_or_else(|| type_error("expected enumerate"))?;
    let Some(v) = next(vm, &e.it)? else {
        return Ok(None);
    };
    let idx = {
        let mut big = e.big.borrow_mut();
        match big.as_mut() {
            Some(b) => {
                let r = int_from_bigint(b.clone());
                *b += 1;
                r
            }
            None => {
                let c = e.count.get();
                match c.checked_add(1) {
                    Some(n) => e.count.set(n),
                    None => *big = Some(BigInt::from(c) + 1),
                }
                int_from_i64(c)
            }
        }
    };
    Ok(Some(PyTuple::new_ref(vec![idx, v])))
}

fn zip_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let mut strict = false;
    for (k, v) in a.kwargs() {
        if k.downcast::<crate::types::str::PyStr>()
            .and_then(|s| s.as_str())
            == Some("strict")
        {
            strict = crate::protocol::object::is_true(vm, v)?;
        } else {
            let name = k
                .downcast::<crate::types::str::PyStr>()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            return Err(type_error(format!(
                "'{name}' is an invalid keyword argument for zip()"
            )));
        }
    }
    let mut its = Vec::new();
    for x in a.positional() {
        its.push(get_iter(vm, x)?);
    }
    Ok(crate::object::alloc_as(
        ty(cls)?,
        PyZip {
            its,
            strict: Cell::new(strict),
            done: Cell::new(false),
        },
    ))
}

fn zip_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let z = o
        .downcast::<PyZip>()
        .ok_or_else(|| type_error("expected zip"))?;
    if z.its.is_empty() || z.done.get() {
        return Ok(None);
    }
    let mut items = Vec::with_capacity(z.its.len());
    for (i, it) in z.its.iter().enumerate() {
        match next(vm, it)? {
            Some(v) => items.push(v),
            None => {
                z.done.set(true);
                if z.strict.get() {
                    if i > 0 {
                        let s = if i == 1 { " " } else { "s 1-" };
                        return Err(value_error(format!(
                            "zip() argument {} is shorter than argument{s}{}",
                            i + 1,
                            i
                        )));
                    }
                    for (j, other) in z.its.iter().enumerate().skip(1) {
                        if next(vm, other)?.is_some() {
                            let s = if j == 1 { " " } else { "s 1-" };
                            return Err(value_error(format!(
                                "zip() argument {} is longer than argument{s}{}",
                                j + 1,
                                j
                            )));
                        }
                    }
                }
                return Ok(None);
            }
        }
    }
    Ok(Some(PyTuple::new_ref(items)))
}

fn map_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("map")?;
    let args = a.args;
    if args.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for x in &args[1..] {
        its.push(get_iter(vm, x)?);
    }
    Ok(crate::object::alloc_as(
        ty(cls)?,
        PyMap {
            func: args[0].clone(),
            its,
        },
    ))
}

fn map_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let m = o
        .downcast::<PyMap>()
        .ok_or_else(|| type_error("expected map"))?;
    let mut items = Vec::with_capacity(m.its.len());
    for it in &m.its {
        match next(vm, it)? {
            Some(v) => items.push(v),
            None => return Ok(None),
        }
    }
    crate::protocol::call::call_pos(vm, &m.func, &items).map(Some)
}

fn filter_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("filter")?;
    let [f, it] = a.exact::<2>("filter")?;
    Ok(crate::object::alloc_as(
        ty(cls)?,
        PyFilter {
            func: f.clone(),
            it: get_iter(vm, it)?,
        },
    ))
}

fn filter_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let f = o
        .downcast::<PyFilter>()
        .ok_or_else(|| type_error("expected filter"))?;
    while let Some(v) = next(vm, &f.it)? {
        let keep = if is_none(&f.func) || f.func.is(&crate::types::bool_::BOOL_TYPE.to_ref()) {
            crate::protocol::object::is_true(vm, &v)?
        } else {
            let r = crate::protocol::call::call_pos(vm, &f.func, std::slice::from_ref(&v))?;
            crate::protocol::object::is_true(vm, &r)?
        };
        if keep {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

fn reversed_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("reversed")?;
    let [seq] = a.exact::<1>("reversed")?;
    if let Some(r) = crate::protocol::call::lookup_special(seq, "__reversed__") {
        if is_none(&r) {
            return Err(type_error(format!(
                "'{}' object is not reversible",
                seq.class().name()
            )));
        }
        return crate::protocol::call::call_unbound(vm, &r, seq, &[]);
    }
    let t = seq.class();
    if t.slots().mp_getitem.is_none()
        || t.slots().mp_len.is_none()
        || seq.downcast::<crate::types::dict::PyDict>().is_some()
    {
        return Err(type_error(format!(
            "'{}' object is not reversible",
            t.name()
        )));
    }
    let n = crate::protocol::object::len(vm, seq)? as i64;
    Ok(crate::object::alloc_as(
        ty(cls)?,
        PyReversed {
            seq: RefCell::new(Some(seq.clone())),
            index: Cell::new(n - 1),
        },
    ))
}

fn reversed_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let r = o
        .downcast::<PyReversed>()
        .ok_or_else(|| type_error("expected reversed"))?;
    let Some(seq) = r.seq.borrow().clone() else {
        return Ok(None);
    };
    let i = r.index.get();
    if i < 0 {
        *r.seq.borrow_mut() = None;
        return Ok(None);
    }
    r.index.set(i - 1);
    match crate::protocol::object::get_item(vm, &seq, &int_from_i64(i)) {
        Ok(v) => Ok(Some(v)),
        Err(e)
            if e.matches(&crate::types::exceptions::INDEX_ERROR)
                || e.matches(&crate::types::exceptions::STOP_ITERATION) =>
        {
            *r.seq.borrow_mut() = None;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn reversed_length_hint(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    let r = s
        .downcast::<PyReversed>()
        .ok_or_else(|| type_error("expected reversed"))?;
    let Some(seq) = r.seq.borrow().clone() else {
        return Ok(int_from_i64(0));
    };
    // The sequence's length is asked again (it may have shrunk).
    let n = crate::protocol::object::len(vm, &seq)? as i64;
    let position = r.index.get() + 1;
    Ok(int_from_i64(if n < position { 0 } else { position }))
}

fn this<'a, T: PyPayload>(a: &Args<'a>, what: &str) -> PyResult<(&'a PyRef, &'a T)> {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error(format!("{what} needs an argument")))?;
    let p = s
        .downcast::<T>()
        .ok_or_else(|| type_error(format!("expected {what}")))?;
    Ok((s, p))
}

fn no_args(s: &PyRef, a: &Args<'_>) -> PyResult<()> {
    a.shift()
        .no_args(&format!("{}.__reduce__", s.class().name()))
}

fn reduce_value(s: &PyRef, args: Vec<PyRef>, state: Option<PyRef>) -> PyRef {
    crate::types::iterators::reduce_value(s.class().to_ref(), args, state)
}

/// `(type(self), (iterator, count))`.
fn enumerate_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, e) = this::<PyEnumerate>(&a, "enumerate")?;
    no_args(s, &a)?;
    let count = match e.big.borrow().as_ref() {
        Some(b) => int_from_bigint(b.clone()),
        None => int_from_i64(e.count.get()),
    };
    Ok(reduce_value(s, vec![e.it.clone(), count], None))
}

/// `(type(self), iterators)`, plus `True` as state when strict.
fn zip_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, z) = this::<PyZip>(&a, "zip")?;
    no_args(s, &a)?;
    let strict = z.strict.get().then(|| crate::types::bool_::py_bool(true));
    Ok(reduce_value(s, z.its.clone(), strict))
}

fn zip_setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, z) = this::<PyZip>(&a, "zip")?;
    let st = a
        .shift()
        .one_arg(&format!("{}.__setstate__", s.class().name()))?;
    z.strict.set(crate::protocol::object::is_true(vm, st)?);
    Ok(crate::types::none::none())
}

/// `(type(self), (func, *iterators))`.
fn map_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, m) = this::<PyMap>(&a, "map")?;
    no_args(s, &a)?;
    let mut args = vec![m.func.clone()];
    args.extend(m.its.iter().cloned());
    Ok(reduce_value(s, args, None))
}

/// `(type(self), (func, iterator))`.
fn filter_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, f) = this::<PyFilter>(&a, "filter")?;
    no_args(s, &a)?;
    Ok(reduce_value(s, vec![f.func.clone(), f.it.clone()], None))
}

/// `(type(self), (seq,), index)`, or `(type(self), ((),))` once exhausted.
fn reversed_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, r) = this::<PyReversed>(&a, "reversed")?;
    no_args(s, &a)?;
    Ok(match r.seq.borrow().clone() {
        Some(seq) => reduce_value(s, vec![seq], Some(int_from_i64(r.index.get()))),
        None => reduce_value(s, vec![PyTuple::new_ref(Vec::new())], None),
    })
}

fn reversed_setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, r) = this::<PyReversed>(&a, "reversed")?;
    let st = a
        .shift()
        .one_arg(&format!("{}.__setstate__", s.class().name()))?;
    let index = crate::types::iterators::state_index(st)?;
    let seq = r.seq.borrow().clone();
    if let Some(seq) = seq {
        let n = crate::protocol::object::len(vm, &seq)? as i64;
        r.index.set(index.clamp(-1, n - 1));
    }
    Ok(crate::types::none::none())
}

const REDUCE_DOC: &str = "Return state information for pickling.";
const SETSTATE_DOC: &str = "Set state information for unpickling.";

static REV_METHODS: &[MethodDef] = &[
    MethodDef::method("__length_hint__", reversed_length_hint)
        .with_doc("Private method returning an estimate of len(list(it))."),
    MethodDef::method("__reduce__", reversed_reduce).with_doc(REDUCE_DOC),
    MethodDef::method("__setstate__", reversed_setstate).with_doc(SETSTATE_DOC),
];
static ENUMERATE_METHODS: &[MethodDef] =
    &[MethodDef::method("__reduce__", enumerate_reduce).with_doc(REDUCE_DOC)];
static ZIP_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", zip_reduce).with_doc(REDUCE_DOC),
    MethodDef::method("__setstate__", zip_setstate).with_doc(SETSTATE_DOC),
];
static MAP_METHODS: &[MethodDef] =
    &[MethodDef::method("__reduce__", map_reduce).with_doc(REDUCE_DOC)];
static FILTER_METHODS: &[MethodDef] =
    &[MethodDef::method("__reduce__", filter_reduce).with_doc(REDUCE_DOC)];

fn spec(
    name: &'static str,
    layout: Layout,
    new: crate::object::slots::NewFn,
    nx: crate::object::slots::IterNextFn,
    doc: &'static str,
) -> TypeSpec {
    TypeSpec {
        slots: Slots {
            new: Some(new),
            iter: Some(iter_self),
            iternext: Some(nx),
            ..Slots::EMPTY
        },
        flags: flags::BASETYPE,
        doc: Some(doc),
        ..TypeSpec::new(name, layout)
    }
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &ENUMERATE_TYPE,
            TypeSpec {
                methods: ENUMERATE_METHODS,
                ..spec(
                    "enumerate",
                    Layout::of::<PyEnumerate>(),
                    enumerate_new,
                    enumerate_next,
                    "Return an enumerate object.\n\n  iterable\n    an object supporting iteration\n\nThe enumerate object yields pairs containing a count (from start, which\ndefaults to zero) and a value yielded by the iterable argument.\n\nenumerate is useful for obtaining an indexed list:\n    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...",
                )
            },
        ),
        (
            &ZIP_TYPE,
            TypeSpec {
                methods: ZIP_METHODS,
                ..spec(
                    "zip",
                    Layout::of::<PyZip>(),
                    zip_new,
                    zip_next,
                    "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.",
                )
            },
        ),
        (
            &MAP_TYPE,
            TypeSpec {
                methods: MAP_METHODS,
                ..spec(
                    "map",
                    Layout::of::<PyMap>(),
                    map_new,
                    map_next,
                    "map(func, *iterables) --> map object\n\nMake an iterator that computes the function using arguments from\neach of the iterables.  Stops when the shortest iterable is exhausted.",
                )
            },
        ),
        (
            &FILTER_TYPE,
            TypeSpec {
                methods: FILTER_METHODS,
                ..spec(
                    "filter",
                    Layout::of::<PyFilter>(),
                    filter_new,
                    filter_next,
                    "filter(function or None, iterable) --> filter object\n\nReturn an iterator yielding those items of iterable for which function(item)\nis true. If function is None, return the items that are true.",
                )
            },
        ),
        (
            &REVERSED_TYPE,
            TypeSpec {
                methods: REV_METHODS,
                ..spec(
                    "reversed",
                    Layout::of::<PyReversed>(),
                    reversed_new,
                    reversed_next,
                    "Return a reverse iterator over the values of the given sequence.",
                )
            },
        ),
    ]
}
