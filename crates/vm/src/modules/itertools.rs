//! The `itertools` module: CPython 3.11's iterator building blocks (count,
//! cycle, repeat, accumulate, chain, compress, dropwhile, filterfalse,
//! groupby, islice, pairwise, starmap, takewhile, tee, zip_longest and the
//! combinatoric iterators), each a native iterator type with CPython's
//! argument rules and messages.
//!
//! Design: every iterator is a payload whose mutable state sits in
//! `Cell`/`RefCell`s; `iternext` copies what it needs out of the cells
//! before calling back into Python (`next`, key functions, `==`), so
//! re-entrant use cannot hit a held borrow.  `tee` uses CPython's scheme of
//! shared fixed-size chunks (`_tee_dataobject`) linked forward: each tee
//! holds its chunk and an index, so chunks every tee has passed are freed by
//! reference counting.

use std::cell::{Cell, RefCell};

use taipan_bytecode::BinaryOp;

use crate::args::Args;
use crate::error::{PyResult, runtime_error, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::protocol::call::call_pos;
use crate::protocol::iter::{get_iter, next};
use crate::protocol::object::{eq, is_true, repr_string};
use crate::types::int::{int_from_i64, is_int, to_i64};
use crate::types::module::PyModule;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

macro_rules! itype {
    ($st:ident, $p:ty) => {
        pub static $st: StaticType = StaticType::new();
        impl PyPayload for $p {
            fn class() -> &'static Obj<PyType> {
                $st.get()
            }
        }
    };
}

fn pl<T: PyPayload>(o: &PyRef) -> PyResult<&T> {
    o.downcast::<T>()
        .ok_or_else(|| type_error(format!("unexpected '{}' object", o.class().name())))
}

fn cls_type(cls: &PyRef) -> PyResult<&Obj<PyType>> {
    cls.as_type()
        .ok_or_else(|| type_error("__new__(X): X is not a type object"))
}

fn self_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

/// `fname() takes no keyword arguments` for exact types only (CPython lets
/// subclasses take keywords in their own `__init__`).
fn no_kw(cls: &PyRef, st: &StaticType, a: &Args<'_>, fname: &str) -> PyResult<()> {
    if cls.is(&st.to_ref()) {
        a.no_kwargs(fname)?;
    }
    Ok(())
}

fn opt_none(o: Option<PyRef>) -> Option<PyRef> {
    o.filter(|v| !is_none(v))
}

// ---------------------------------------------------------------- count

crate::py_payload! {
    /// `count(start=0, step=1)`.
    pub struct Count { cur: RefCell<PyRef>, step: PyRef }
}
itype!(COUNT_TYPE, Count);

fn is_number(o: &PyRef) -> bool {
    let s = o.class().slots();
    is_int(o)
        || o.downcast::<crate::types::float::PyFloat>().is_some()
        || o.downcast::<crate::types::complex::PyComplex>().is_some()
        || s.nb_index.is_some()
        || s.nb_int.is_some()
        || s.nb_float.is_some()
}

fn count_new(_: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [start, step] = a.bind("count", ["start", "step"], 0, 0)?;
    let start = start.unwrap_or_else(|| int_from_i64(0));
    let step = step.unwrap_or_else(|| int_from_i64(1));
    if !is_number(&start) || !is_number(&step) {
        return Err(type_error("a number is required"));
    }
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Count {
            cur: RefCell::new(start),
            step,
        },
    ))
}

fn count_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let c = pl::<Count>(o)?;
    let cur = c.cur.borrow().clone();
    let nv = match (to_i64(&cur).filter(|_| cur.is_small()), to_i64(&c.step)) {
        (Some(x), Some(s)) if c.step.is_small() => match x.checked_add(s) {
            Some(v) => int_from_i64(v),
            None => crate::protocol::number::binary_op(vm, &cur, &c.step, BinaryOp::Add)?,
        },
        _ => crate::protocol::number::binary_op(vm, &cur, &c.step, BinaryOp::Add)?,
    };
    *c.cur.borrow_mut() = nv;
    Ok(Some(cur))
}

fn count_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let c = pl::<Count>(o)?;
    let cur = c.cur.borrow().clone();
    let name = o.class().name();
    let step_is_one = is_int(&c.step)
        && crate::types::bool_::as_bool(&c.step).is_none()
        && to_i64(&c.step) == Some(1);
    let s = if step_is_one {
        format!("{name}({})", repr_string(vm, &cur)?)
    } else {
        format!(
            "{name}({}, {})",
            repr_string(vm, &cur)?,
            repr_string(vm, &c.step)?
        )
    };
    Ok(PyStr::new_ref(&s))
}

// ---------------------------------------------------------------- cycle

crate::py_payload! {
    /// `cycle(iterable)`.
    pub struct Cycle { it: RefCell<Option<PyRef>>, saved: RefCell<Vec<PyRef>>, index: Cell<usize> }
}
itype!(CYCLE_TYPE, Cycle);

fn cycle_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    no_kw(cls, &CYCLE_TYPE, &a, "cycle")?;
    let [x] = a.exact::<1>("cycle")?;
    let it = get_iter(vm, x)?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Cycle {
            it: RefCell::new(Some(it)),
            saved: RefCell::new(Vec::new()),
            index: Cell::new(0),
        },
    ))
}

fn cycle_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let c = pl::<Cycle>(o)?;
    let it = c.it.borrow().clone();
    if let Some(it) = it {
        match next(vm, &it)? {
            Some(v) => {
                c.saved.borrow_mut().push(v.clone());
                return Ok(Some(v));
            }
            None => *c.it.borrow_mut() = None,
        }
    }
    let saved = c.saved.borrow();
    if saved.is_empty() {
        return Ok(None);
    }
    let i = c.index.get() % saved.len();
    c.index.set((i + 1) % saved.len());
    Ok(saved.get(i).cloned())
}

// ---------------------------------------------------------------- repeat

crate::py_payload! {
    /// `repeat(object[, times])`; `cnt < 0` means forever.
    pub struct Repeat { obj: PyRef, cnt: Cell<i64> }
}
itype!(REPEAT_TYPE, Repeat);

fn repeat_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [obj, times] = a.bind("repeat", ["object", "times"], 0, 1)?;
    let obj =
        obj.ok_or_else(|| type_error("repeat() missing required argument 'object' (pos 1)"))?;
    let cnt = match times {
        Some(t) => crate::types::int::as_ssize(vm, &t)?.max(0),
        None => -1,
    };
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Repeat {
            obj,
            cnt: Cell::new(cnt),
        },
    ))
}

fn repeat_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let r = pl::<Repeat>(o)?;
    match r.cnt.get() {
        0 => Ok(None),
        n => {
            if n > 0 {
                r.cnt.set(n - 1);
            }
            Ok(Some(r.obj.clone()))
        }
    }
}

fn repeat_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let r = pl::<Repeat>(o)?;
    let name = o.class().name();
    let obj = repr_string(vm, &r.obj)?;
    Ok(PyStr::new_ref(&match r.cnt.get() {
        n if n < 0 => format!("{name}({obj})"),
        n => format!("{name}({obj}, {n})"),
    }))
}

fn repeat_length_hint(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    match pl::<Repeat>(s)?.cnt.get() {
        n if n < 0 => Err(type_error("len() of unsized object")),
        n => Ok(int_from_i64(n)),
    }
}

// ---------------------------------------------------------------- accumulate

crate::py_payload! {
    /// `accumulate(iterable[, func], *, initial=None)`.
    pub struct Accumulate {
        it: PyRef,
        func: Option<PyRef>,
        total: RefCell<Option<PyRef>>,
        initial: RefCell<Option<PyRef>>,
    }
}
itype!(ACCUMULATE_TYPE, Accumulate);

fn accumulate_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let npos = a.positional().len();
    if npos > 2 {
        return Err(type_error(format!(
            "accumulate() takes at most 2 positional arguments ({npos} given)"
        )));
    }
    let [iterable, func, initial] = a.bind("accumulate", ["iterable", "func", "initial"], 0, 1)?;
    let iterable = iterable
        .ok_or_else(|| type_error("accumulate() missing required argument 'iterable' (pos 1)"))?;
    let it = get_iter(vm, &iterable)?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Accumulate {
            it,
            func: opt_none(func),
            total: RefCell::new(None),
            initial: RefCell::new(opt_none(initial)),
        },
    ))
}

fn accumulate_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let acc = pl::<Accumulate>(o)?;
    let init = acc.initial.borrow_mut().take();
    if let Some(v) = init {
        *acc.total.borrow_mut() = Some(v.clone());
        return Ok(Some(v));
    }
    let Some(v) = next(vm, &acc.it)? else {
        return Ok(None);
    };
    let total = acc.total.borrow().clone();
    let nt = match total {
        None => v,
        Some(t) => match &acc.func {
            None => crate::protocol::number::binary_op(vm, &t, &v, BinaryOp::Add)?,
            Some(f) => call_pos(vm, f, &[t, v])?,
        },
    };
    *acc.total.borrow_mut() = Some(nt.clone());
    Ok(Some(nt))
}

// ---------------------------------------------------------------- chain

crate::py_payload! {
    /// `chain(*iterables)`.
    pub struct Chain { source: RefCell<Option<PyRef>>, active: RefCell<Option<PyRef>> }
}
itype!(CHAIN_TYPE, Chain);

fn chain_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    no_kw(cls, &CHAIN_TYPE, &a, "chain")?;
    let src = get_iter(vm, &PyTuple::new_ref(a.positional().to_vec()))?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Chain {
            source: RefCell::new(Some(src)),
            active: RefCell::new(None),
        },
    ))
}

fn chain_from_iterable(vm: &Vm, a: Args<'_>) -> PyResult {
    let [cls, x] = a.exact::<2>("from_iterable")?;
    let src = get_iter(vm, x)?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Chain {
            source: RefCell::new(Some(src)),
            active: RefCell::new(None),
        },
    ))
}

fn chain_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let c = pl::<Chain>(o)?;
    loop {
        let active = c.active.borrow().clone();
        if let Some(act) = active {
            if let Some(v) = next(vm, &act)? {
                return Ok(Some(v));
            }
            *c.active.borrow_mut() = None;
        }
        let source = c.source.borrow().clone();
        let Some(src) = source else {
            return Ok(None);
        };
        match next(vm, &src)? {
            Some(x) => {
                let it = get_iter(vm, &x)?;
                *c.active.borrow_mut() = Some(it);
            }
            None => {
                *c.source.borrow_mut() = None;
                return Ok(None);
            }
        }
    }
}

fn class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

// ---------------------------------------------------------------- compress

crate::py_payload! {
    /// `compress(data, selectors)`.
    pub struct Compress { data: PyRef, selectors: PyRef }
}
itype!(COMPRESS_TYPE, Compress);

fn compress_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [d, s] = a.bind("compress", ["data", "selectors"], 0, 2)?;
    let (Some(d), Some(s)) = (d, s) else {
        return Err(type_error("compress() missing required argument"));
    };
    let data = get_iter(vm, &d)?;
    let selectors = get_iter(vm, &s)?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Compress { data, selectors },
    ))
}

fn compress_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let c = pl::<Compress>(o)?;
    loop {
        let Some(d) = next(vm, &c.data)? else {
            return Ok(None);
        };
        let Some(s) = next(vm, &c.selectors)? else {
            return Ok(None);
        };
        if is_true(vm, &s)? {
            return Ok(Some(d));
        }
    }
}

// ------------------------------------------- dropwhile / takewhile / filterfalse

crate::py_payload! {
    /// `dropwhile` / `takewhile` state: predicate, iterator, and whether
    /// the predicate has failed once.
    pub struct PredIter { pred: PyRef, it: PyRef, flag: Cell<bool> }
}
crate::py_payload! {
    /// `takewhile(predicate, iterable)`.
    pub struct TakeWhile { inner: PredIter }
}
crate::py_payload! {
    /// `filterfalse(function or None, iterable)`.
    pub struct FilterFalse { inner: PredIter }
}
itype!(DROPWHILE_TYPE, PredIter);
itype!(TAKEWHILE_TYPE, TakeWhile);
itype!(FILTERFALSE_TYPE, FilterFalse);

fn pred_args(
    vm: &Vm,
    cls: &PyRef,
    st: &StaticType,
    a: &Args<'_>,
    name: &str,
) -> PyResult<PredIter> {
    no_kw(cls, st, a, name)?;
    let [p, x] = a.exact::<2>(name)?;
    Ok(PredIter {
        pred: p.clone(),
        it: get_iter(vm, x)?,
        flag: Cell::new(false),
    })
}

fn dropwhile_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let p = pred_args(vm, cls, &DROPWHILE_TYPE, &a, "dropwhile")?;
    Ok(crate::object::alloc_as(cls_type(cls)?, p))
}

fn dropwhile_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let d = pl::<PredIter>(o)?;
    loop {
        let Some(v) = next(vm, &d.it)? else {
            return Ok(None);
        };
        if d.flag.get() {
            return Ok(Some(v));
        }
        let r = call_pos(vm, &d.pred, std::slice::from_ref(&v))?;
        if !is_true(vm, &r)? {
            d.flag.set(true);
            return Ok(Some(v));
        }
    }
}

fn takewhile_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let inner = pred_args(vm, cls, &TAKEWHILE_TYPE, &a, "takewhile")?;
    Ok(crate::object::alloc_as(cls_type(cls)?, TakeWhile { inner }))
}

fn takewhile_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let d = &pl::<TakeWhile>(o)?.inner;
    if d.flag.get() {
        return Ok(None);
    }
    let Some(v) = next(vm, &d.it)? else {
        return Ok(None);
    };
    let r = call_pos(vm, &d.pred, std::slice::from_ref(&v))?;
    if is_true(vm, &r)? {
        return Ok(Some(v));
    }
    d.flag.set(true);
    Ok(None)
}

fn filterfalse_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let inner = pred_args(vm, cls, &FILTERFALSE_TYPE, &a, "filterfalse")?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        FilterFalse { inner },
    ))
}

fn filterfalse_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let d = &pl::<FilterFalse>(o)?.inner;
    let use_bool = is_none(&d.pred) || d.pred.is(&crate::types::bool_::BOOL_TYPE.to_ref());
    loop {
        let Some(v) = next(vm, &d.it)? else {
            return Ok(None);
        };
        let ok = if use_bool {
            is_true(vm, &v)?
        } else {
            let r = call_pos(vm, &d.pred, std::slice::from_ref(&v))?;
            is_true(vm, &r)?
        };
        if !ok {
            return Ok(Some(v));
        }
    }
}

// ---------------------------------------------------------------- starmap

crate::py_payload! {
    /// `starmap(function, iterable)`.
    pub struct StarMap { func: PyRef, it: PyRef }
}
itype!(STARMAP_TYPE, StarMap);

fn starmap_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    no_kw(cls, &STARMAP_TYPE, &a, "starmap")?;
    let [f, x] = a.exact::<2>("starmap")?;
    let it = get_iter(vm, x)?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        StarMap {
            func: f.clone(),
            it,
        },
    ))
}

fn starmap_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let s = pl::<StarMap>(o)?;
    let Some(args) = next(vm, &s.it)? else {
        return Ok(None);
    };
    let items = match args.downcast::<PyTuple>() {
        Some(t) => t.as_slice().to_vec(),
        None => crate::protocol::iter::collect(vm, &args)?,
    };
    call_pos(vm, &s.func, &items).map(Some)
}

// ---------------------------------------------------------------- groupby

crate::py_payload! {
    /// `groupby(iterable, key=None)`; `currgrouper` is the address of the
    /// live `_grouper` (identity only, no reference).
    pub struct GroupBy {
        it: PyRef,
        keyfunc: Option<PyRef>,
        tgtkey: RefCell<Option<PyRef>>,
        currkey: RefCell<Option<PyRef>>,
        currvalue: RefCell<Option<PyRef>>,
        currgrouper: Cell<usize>,
    }
}
crate::py_payload! {
    /// One group of a `groupby`.
    pub struct Grouper { parent: PyRef, tgtkey: PyRef }
}
itype!(GROUPBY_TYPE, GroupBy);
itype!(GROUPER_TYPE, Grouper);

fn groupby_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [x, key] = a.bind("groupby", ["iterable", "key"], 0, 1)?;
    let x =
        x.ok_or_else(|| type_error("groupby() missing required argument 'iterable' (pos 1)"))?;
    let it = get_iter(vm, &x)?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        GroupBy {
            it,
            keyfunc: opt_none(key),
            tgtkey: RefCell::new(None),
            currkey: RefCell::new(None),
            currvalue: RefCell::new(None),
            currgrouper: Cell::new(0),
        },
    ))
}

/// Advances to the next value; false at exhaustion.
fn groupby_step(vm: &Vm, g: &GroupBy) -> PyResult<bool> {
    let Some(v) = next(vm, &g.it)? else {
        return Ok(false);
    };
    let k = match &g.keyfunc {
        None => v.clone(),
        Some(f) => call_pos(vm, f, std::slice::from_ref(&v))?,
    };
    *g.currvalue.borrow_mut() = Some(v);
    *g.currkey.borrow_mut() = Some(k);
    Ok(true)
}

fn groupby_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let g = pl::<GroupBy>(o)?;
    g.currgrouper.set(0);
    loop {
        let cur = g.currkey.borrow().clone();
        let tgt = g.tgtkey.borrow().clone();
        if let Some(c) = cur {
            match tgt {
                None => break,
                Some(t) => {
                    if !eq(vm, &t, &c)? {
                        break;
                    }
                }
            }
        }
        if !groupby_step(vm, g)? {
            return Ok(None);
        }
    }
    let key = g.currkey.borrow().clone().unwrap_or_else(none);
    *g.tgtkey.borrow_mut() = Some(key.clone());
    let grouper = crate::object::alloc(Grouper {
        parent: o.clone(),
        tgtkey: key.clone(),
    });
    g.currgrouper.set(grouper.bits());
    Ok(Some(PyTuple::new_ref(vec![key, grouper])))
}

fn grouper_new(_: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    let [p, k] = a.exact::<2>("_grouper")?;
    pl::<GroupBy>(p)?;
    Ok(crate::object::alloc(Grouper {
        parent: p.clone(),
        tgtkey: k.clone(),
    }))
}

fn grouper_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let gr = pl::<Grouper>(o)?;
    let g = pl::<GroupBy>(&gr.parent)?;
    if g.currgrouper.get() != o.bits() {
        return Ok(None);
    }
    if g.currvalue.borrow().is_none() && !groupby_step(vm, g)? {
        return Ok(None);
    }
    let cur = g.currkey.borrow().clone().unwrap_or_else(none);
    if !eq(vm, &gr.tgtkey, &cur)? {
        return Ok(None);
    }
    let v = g.currvalue.borrow_mut().take();
    *g.currkey.borrow_mut() = None;
    Ok(v)
}

// ---------------------------------------------------------------- islice

crate::py_payload! {
    /// `islice(iterable, [start,] stop[, step])`.
    pub struct ISlice {
        it: RefCell<Option<PyRef>>,
        next_at: Cell<usize>,
        stop: Option<usize>,
        step: usize,
        cnt: Cell<usize>,
    }
}
itype!(ISLICE_TYPE, ISlice);

fn islice_arg(vm: &Vm, o: &PyRef, msg: &str) -> PyResult<Option<usize>> {
    if is_none(o) {
        return Ok(None);
    }
    let bad = || value_error(msg.to_string());
    let i = crate::protocol::number::index(vm, o).map_err(|_| bad())?;
    match to_i64(&i) {
        Some(v) if v >= 0 => Ok(Some(v as usize)),
        _ => Err(bad()),
    }
}

const STOP_MSG: &str =
    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const IDX_MSG: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";

fn islice_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    no_kw(cls, &ISLICE_TYPE, &a, "islice")?;
    let args = a.positional();
    if args.len() < 2 {
        return Err(type_error(format!(
            "islice expected at least 2 arguments, got {}",
            args.len()
        )));
    }
    if args.len() > 4 {
        return Err(type_error(format!(
            "islice expected at most 4 arguments, got {}",
            args.len()
        )));
    }
    let (start, stop, step) = if args.len() == 2 {
        (0, islice_arg(vm, &args[1], STOP_MSG)?, 1)
    } else {
        let start = islice_arg(vm, &args[1], IDX_MSG)?.unwrap_or(0);
        let stop = islice_arg(vm, &args[2], IDX_MSG)?;
        let step = match args.get(3) {
            None => 1,
            Some(s) if is_none(s) => 1,
            Some(s) => {
                let bad = || value_error("Step for islice() must be a positive integer or None.");
                let i = crate::protocol::number::index(vm, s).map_err(|_| bad())?;
                match to_i64(&i) {
                    Some(v) if v >= 1 => v as usize,
                    _ => return Err(bad()),
                }
            }
        };
        (start, stop, step)
    };
    let it = get_iter(vm, &args[0])?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        ISlice {
            it: RefCell::new(Some(it)),
            next_at: Cell::new(start),
            stop,
            step,
            cnt: Cell::new(0),
        },
    ))
}

fn islice_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let s = pl::<ISlice>(o)?;
    let Some(it) = s.it.borrow().clone() else {
        return Ok(None);
    };
    let empty = || {
        *s.it.borrow_mut() = None;
        Ok(None)
    };
    while s.cnt.get() < s.next_at.get() {
        if next(vm, &it)?.is_none() {
            return empty();
        }
        s.cnt.set(s.cnt.get() + 1);
    }
    if let Some(stop) = s.stop
        && s.cnt.get() >= stop
    {
        return empty();
    }
    let Some(item) = next(vm, &it)? else {
        return empty();
    };
    s.cnt.set(s.cnt.get() + 1);
    let old = s.next_at.get();
    let mut n = old.saturating_add(s.step);
    if let Some(stop) = s.stop
        && n > stop
    {
        n = stop;
    }
    s.next_at.set(n);
    Ok(Some(item))
}

// ---------------------------------------------------------------- pairwise

crate::py_payload! {
    /// `pairwise(iterable)`.
    pub struct Pairwise { it: RefCell<Option<PyRef>>, old: RefCell<Option<PyRef>> }
}
itype!(PAIRWISE_TYPE, Pairwise);

fn pairwise_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    no_kw(cls, &PAIRWISE_TYPE, &a, "pairwise")?;
    let [x] = a.exact::<1>("pairwise")?;
    let it = get_iter(vm, x)?;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Pairwise {
            it: RefCell::new(Some(it)),
            old: RefCell::new(None),
        },
    ))
}

fn pairwise_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let p = pl::<Pairwise>(o)?;
    let Some(it) = p.it.borrow().clone() else {
        return Ok(None);
    };
    let old = p.old.borrow().clone();
    let old = match old {
        Some(v) => v,
        None => match next(vm, &it)? {
            Some(v) => {
                *p.old.borrow_mut() = Some(v.clone());
                v
            }
            None => {
                *p.it.borrow_mut() = None;
                return Ok(None);
            }
        },
    };
    match next(vm, &it)? {
        Some(new) => {
            *p.old.borrow_mut() = Some(new.clone());
            Ok(Some(PyTuple::new_ref(vec![old, new])))
        }
        None => {
            *p.it.borrow_mut() = None;
            *p.old.borrow_mut() = None;
            Ok(None)
        }
    }
}

// ---------------------------------------------------------------- tee

const TEE_CHUNK: usize = 57;

crate::py_payload! {
    /// One shared chunk of values read from a tee'd iterator.
    pub struct TeeData { it: PyRef, values: RefCell<Vec<PyRef>>, nextlink: RefCell<Option<PyRef>>, running: Cell<bool> }
}
crate::py_payload! {
    /// One of the iterators `tee` returns.
    pub struct Tee { data: RefCell<PyRef>, index: Cell<usize> }
}
itype!(TEEDATA_TYPE, TeeData);
itype!(TEE_TYPE, Tee);

fn new_teedata(it: PyRef) -> PyRef {
    crate::object::alloc(TeeData {
        it,
        values: RefCell::new(Vec::new()),
        nextlink: RefCell::new(None),
        running: Cell::new(false),
    })
}

fn tee_from_iter(vm: &Vm, x: &PyRef) -> PyResult {
    let it = get_iter(vm, x)?;
    if it.downcast::<Tee>().is_some() {
        return tee_copy_of(&it);
    }
    Ok(crate::object::alloc(Tee {
        data: RefCell::new(new_teedata(it)),
        index: Cell::new(0),
    }))
}

fn tee_copy_of(o: &PyRef) -> PyResult {
    let t = pl::<Tee>(o)?;
    Ok(crate::object::alloc(Tee {
        data: RefCell::new(t.data.borrow().clone()),
        index: Cell::new(t.index.get()),
    }))
}

fn tee_new(vm: &Vm, _cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("_tee")?;
    let [x] = a.exact::<1>("_tee")?;
    tee_from_iter(vm, x)
}

fn tee_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let t = pl::<Tee>(o)?;
    if t.index.get() >= TEE_CHUNK {
        let data = t.data.borrow().clone();
        let d = pl::<TeeData>(&data)?;
        let link = d.nextlink.borrow().clone();
        let link = match link {
            Some(l) => l,
            None => {
                let l = new_teedata(d.it.clone());
                *d.nextlink.borrow_mut() = Some(l.clone());
                l
            }
        };
        *t.data.borrow_mut() = link;
        t.index.set(0);
    }
    let data = t.data.borrow().clone();
    let d = pl::<TeeData>(&data)?;
    let i = t.index.get();
    let have = d.values.borrow().get(i).cloned();
    let v = match have {
        Some(v) => v,
        None => {
            if d.running.get() {
                return Err(runtime_error("cannot re-enter the tee iterator"));
            }
            d.running.set(true);
            let r = next(vm, &d.it);
            d.running.set(false);
            match r? {
                Some(v) => {
                    d.values.borrow_mut().push(v.clone());
                    v
                }
                None => return Ok(None),
            }
        }
    };
    t.index.set(i + 1);
    Ok(Some(v))
}

fn tee_copy(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__copy__")?;
    tee_copy_of(s)
}

fn tee_fn(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("tee")?;
    let args = a.range("tee", 1, 2)?;
    let n = match args.get(1) {
        Some(n) => crate::types::int::as_ssize(vm, n)?,
        None => 2,
    };
    if n < 0 {
        return Err(value_error("n must be >= 0"));
    }
    let it = get_iter(vm, &args[0])?;
    if n == 0 {
        return Ok(PyTuple::new_ref(Vec::new()));
    }
    let (first, copyfunc) = match crate::protocol::object::lookup_attr(vm, &it, "__copy__")? {
        Some(f) => (it, f),
        None => {
            let t = tee_from_iter(vm, &it)?;
            let f = crate::protocol::object::get_attr_str(vm, &t, "__copy__")?;
            (t, f)
        }
    };
    let mut out = vec![first];
    for _ in 1..n {
        out.push(call_pos(vm, &copyfunc, &[])?);
    }
    Ok(PyTuple::new_ref(out))
}

// ---------------------------------------------------------------- zip_longest

crate::py_payload! {
    /// `zip_longest(*iterables, fillvalue=None)`.
    pub struct ZipLongest { iters: RefCell<Vec<Option<PyRef>>>, active: Cell<usize>, fill: PyRef }
}
itype!(ZIPLONGEST_TYPE, ZipLongest);

fn ziplongest_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let mut fill = none();
    for (k, v) in a.kwargs() {
        let name = k.downcast::<PyStr>().map(|s| s.to_string_lossy());
        if name.as_deref() == Some("fillvalue") && a.kwvalues().len() == 1 {
            fill = v.clone();
        } else {
            return Err(type_error(
                "zip_longest() got an unexpected keyword argument",
            ));
        }
    }
    let mut iters = Vec::new();
    for x in a.positional() {
        iters.push(Some(get_iter(vm, x)?));
    }
    let n = iters.len();
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        ZipLongest {
            iters: RefCell::new(iters),
            active: Cell::new(n),
            fill,
        },
    ))
}

fn ziplongest_next(vm: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let z = pl::<ZipLongest>(o)?;
    let n = z.iters.borrow().len();
    if n == 0 || z.active.get() == 0 {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let it = z.iters.borrow().get(i).cloned().flatten();
        match it {
            None => out.push(z.fill.clone()),
            Some(it) => match next(vm, &it)? {
                Some(v) => out.push(v),
                None => {
                    let left = z.active.get().saturating_sub(1);
                    z.active.set(left);
                    if left == 0 {
                        return Ok(None);
                    }
                    if let Some(slot) = z.iters.borrow_mut().get_mut(i) {
                        *slot = None;
                    }
                    out.push(z.fill.clone());
                }
            },
        }
    }
    Ok(Some(PyTuple::new_ref(out)))
}

// ------------------------------------------------------- combinatorics

crate::py_payload! {
    /// State shared by product/permutations/combinations/cwr: the pools,
    /// the index vector, the cycles (permutations only), whether the first
    /// result was produced, and whether the iterator is finished.
    pub struct Combo {
        pools: Vec<Vec<PyRef>>,
        r: usize,
        indices: RefCell<Vec<usize>>,
        cycles: RefCell<Vec<usize>>,
        started: Cell<bool>,
        stopped: Cell<bool>,
    }
}
crate::py_payload! {
    /// `product(*iterables, repeat=1)`.
    pub struct Product { c: Combo }
}
crate::py_payload! {
    /// `permutations(iterable, r=None)`.
    pub struct Permutations { c: Combo }
}
crate::py_payload! {
    /// `combinations(iterable, r)`.
    pub struct Combinations { c: Combo }
}
crate::py_payload! {
    /// `combinations_with_replacement(iterable, r)`.
    pub struct CombinationsWR { c: Combo }
}
itype!(PRODUCT_TYPE, Product);
itype!(PERMUTATIONS_TYPE, Permutations);
itype!(COMBINATIONS_TYPE, Combinations);
itype!(CWR_TYPE, CombinationsWR);

fn combo(
    pools: Vec<Vec<PyRef>>,
    r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    stopped: bool,
) -> Combo {
    Combo {
        pools,
        r,
        indices: RefCell::new(indices),
        cycles: RefCell::new(cycles),
        started: Cell::new(false),
        stopped: Cell::new(stopped),
    }
}

fn product_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let mut repeat = 1i64;
    for (k, v) in a.kwargs() {
        let name = k
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        if name == "repeat" && a.kwvalues().len() == 1 {
            repeat = crate::types::int::as_ssize(vm, v)?;
        } else {
            return Err(type_error(format!(
                "'{name}' is an invalid keyword argument for product()"
            )));
        }
    }
    if repeat < 0 {
        return Err(value_error("repeat argument cannot be negative"));
    }
    let mut base = Vec::new();
    for x in a.positional() {
        base.push(crate::protocol::iter::collect(vm, x)?);
    }
    let total = base.len().saturating_mul(repeat as usize);
    if total > (1 << 28) {
        return Err(crate::error::overflow_error("repeat argument too large"));
    }
    let mut pools = Vec::with_capacity(total);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let stopped = pools.iter().any(|p| p.is_empty());
    let n = pools.len();
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Product {
            c: combo(pools, n, vec![0; n], Vec::new(), stopped),
        },
    ))
}

fn product_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let c = &pl::<Product>(o)?.c;
    if c.stopped.get() {
        return Ok(None);
    }
    let mut idx = c.indices.borrow_mut();
    if c.started.get() {
        let mut i = c.pools.len();
        loop {
            if i == 0 {
                c.stopped.set(true);
                return Ok(None);
            }
            i -= 1;
            let plen = c.pools.get(i).map_or(0, |p| p.len());
            if let Some(x) = idx.get_mut(i) {
                *x += 1;
                if *x < plen {
                    break;
                }
                *x = 0;
            }
        }
    }
    c.started.set(true);
    let out: Vec<PyRef> = c
        .pools
        .iter()
        .zip(idx.iter())
        .filter_map(|(p, &i)| p.get(i).cloned())
        .collect();
    Ok(Some(PyTuple::new_ref(out)))
}

fn r_arg(vm: &Vm, r: &PyRef) -> PyResult<usize> {
    let r = crate::types::int::as_ssize(vm, r)?;
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    Ok(r as usize)
}

fn pool_result(pool: &[PyRef], idx: &[usize]) -> PyRef {
    PyTuple::new_ref(idx.iter().filter_map(|&i| pool.get(i).cloned()).collect())
}

fn permutations_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [x, r] = a.bind("permutations", ["iterable", "r"], 0, 0)?;
    let x =
        x.ok_or_else(|| type_error("permutations() missing required argument 'iterable' (pos 1)"))?;
    let pool = crate::protocol::iter::collect(vm, &x)?;
    let n = pool.len();
    let r = match opt_none(r) {
        Some(r) => r_arg(vm, &r)?,
        None => n,
    };
    let cycles: Vec<usize> = (0..r.min(n)).map(|i| n - i).collect();
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Permutations {
            c: combo(vec![pool], r, (0..n).collect(), cycles, r > n),
        },
    ))
}

fn permutations_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let c = &pl::<Permutations>(o)?.c;
    if c.stopped.get() {
        return Ok(None);
    }
    let pool = c.pools.first().map_or(&[][..], |p| &p[..]);
    let n = pool.len();
    let r = c.r;
    let mut idx = c.indices.borrow_mut();
    if c.started.get() {
        if n == 0 {
            c.stopped.set(true);
            return Ok(None);
        }
        let mut cyc = c.cycles.borrow_mut();
        let mut i = r;
        loop {
            if i == 0 {
                c.stopped.set(true);
                return Ok(None);
            }
            i -= 1;
            let Some(ci) = cyc.get_mut(i) else {
                c.stopped.set(true);
                return Ok(None);
            };
            *ci -= 1;
            if *ci == 0 {
                // Rotate indices[i:] left by one.
                if i < idx.len() {
                    idx[i..].rotate_left(1);
                }
                *ci = n - i;
            } else {
                let j = *ci;
                if j <= n && i < n {
                    idx.swap(i, n - j);
                }
                break;
            }
        }
    }
    c.started.set(true);
    Ok(Some(pool_result(pool, &idx[..r.min(idx.len())])))
}

fn comb_args(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(Vec<PyRef>, usize)> {
    let [x, r] = a.bind(name, ["iterable", "r"], 0, 2)?;
    let (Some(x), Some(r)) = (x, r) else {
        return Err(type_error(format!("{name}() missing required argument")));
    };
    let pool = crate::protocol::iter::collect(vm, &x)?;
    Ok((pool, r_arg(vm, &r)?))
}

fn combinations_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let (pool, r) = comb_args(vm, &a, "combinations")?;
    let stopped = r > pool.len();
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        Combinations {
            c: combo(vec![pool], r, (0..r).collect(), Vec::new(), stopped),
        },
    ))
}

fn combinations_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let c = &pl::<Combinations>(o)?.c;
    if c.stopped.get() {
        return Ok(None);
    }
    let pool = c.pools.first().map_or(&[][..], |p| &p[..]);
    let (n, r) = (pool.len(), c.r);
    let mut idx = c.indices.borrow_mut();
    if c.started.get() {
        let mut i = r;
        loop {
            if i == 0 {
                c.stopped.set(true);
                return Ok(None);
            }
            i -= 1;
            if idx[i] != i + n - r {
                break;
            }
        }
        idx[i] += 1;
        for j in i + 1..r {
            idx[j] = idx[j - 1] + 1;
        }
    }
    c.started.set(true);
    Ok(Some(pool_result(pool, &idx)))
}

fn cwr_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let (pool, r) = comb_args(vm, &a, "combinations_with_replacement")?;
    let stopped = pool.is_empty() && r > 0;
    Ok(crate::object::alloc_as(
        cls_type(cls)?,
        CombinationsWR {
            c: combo(vec![pool], r, vec![0; r], Vec::new(), stopped),
        },
    ))
}

fn cwr_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let c = &pl::<CombinationsWR>(o)?.c;
    if c.stopped.get() {
        return Ok(None);
    }
    let pool = c.pools.first().map_or(&[][..], |p| &p[..]);
    let (n, r) = (pool.len(), c.r);
    let mut idx = c.indices.borrow_mut();
    if c.started.get() {
        let mut i = r;
        loop {
            if i == 0 {
                c.stopped.set(true);
                return Ok(None);
            }
            i -= 1;
            if idx[i] != n - 1 {
                break;
            }
        }
        let v = idx[i] + 1;
        for x in idx[i..].iter_mut() {
            *x = v;
        }
    }
    c.started.set(true);
    Ok(Some(pool_result(pool, &idx)))
}

// ---------------------------------------------------------------- tables

static REPEAT_METHODS: &[MethodDef] = &[MethodDef::method("__length_hint__", repeat_length_hint)
    .with_doc("Private method returning an estimate of len(list(it)).")];
static CHAIN_METHODS: &[MethodDef] = &[
    MethodDef::classmethod("from_iterable", chain_from_iterable).with_doc(
        "Alternative chain() constructor taking a single iterable argument that evaluates lazily.",
    ),
    MethodDef::classmethod("__class_getitem__", class_getitem),
];
static TEE_METHODS: &[MethodDef] =
    &[MethodDef::method("__copy__", tee_copy).with_doc("Returns an independent iterator.")];

type NextFn = fn(&Vm, &PyRef) -> PyResult<Option<PyRef>>;
type NewFn = fn(&Vm, &PyRef, Args<'_>) -> PyResult;

#[allow(clippy::too_many_arguments)]
fn spec(
    name: &'static str,
    layout: Layout,
    new: NewFn,
    next: NextFn,
    repr: Option<crate::object::slots::UnaryFn>,
    methods: &'static [MethodDef],
    doc: &'static str,
    base: bool,
) -> TypeSpec {
    TypeSpec {
        slots: Slots {
            new: Some(new),
            iter: Some(self_iter),
            iternext: Some(next),
            repr,
            ..Slots::EMPTY
        },
        methods,
        flags: if base {
            crate::object::typeobj::flags::BASETYPE
        } else {
            0
        },
        doc: Some(doc),
        ..TypeSpec::new(name, layout)
    }
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &COUNT_TYPE,
            spec(
                "itertools.count",
                Layout::of::<Count>(),
                count_new,
                count_next,
                Some(count_repr),
                &[],
                "Return a count object whose .__next__() method returns consecutive values.",
                true,
            ),
        ),
        (
            &CYCLE_TYPE,
            spec(
                "itertools.cycle",
                Layout::of::<Cycle>(),
                cycle_new,
                cycle_next,
                None,
                &[],
                "Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely.",
                true,
            ),
        ),
        (
            &REPEAT_TYPE,
            spec(
                "itertools.repeat",
                Layout::of::<Repeat>(),
                repeat_new,
                repeat_next,
                Some(repeat_repr),
                REPEAT_METHODS,
                "repeat(object [,times]) -> create an iterator which returns the object\nfor the specified number of times.  If not specified, returns the object\nendlessly.",
                true,
            ),
        ),
        (
            &ACCUMULATE_TYPE,
            spec(
                "itertools.accumulate",
                Layout::of::<Accumulate>(),
                accumulate_new,
                accumulate_next,
                None,
                &[],
                "Return series of accumulated sums (or other binary function results).",
                true,
            ),
        ),
        (
            &CHAIN_TYPE,
            spec(
                "itertools.chain",
                Layout::of::<Chain>(),
                chain_new,
                chain_next,
                None,
                CHAIN_METHODS,
                "chain(*iterables) --> chain object\n\nReturn a chain object whose .__next__() method returns elements from the\nfirst iterable until it is exhausted, then elements from the next\niterable, until all of the iterables are exhausted.",
                true,
            ),
        ),
        (
            &COMPRESS_TYPE,
            spec(
                "itertools.compress",
                Layout::of::<Compress>(),
                compress_new,
                compress_next,
                None,
                &[],
                "Return data elements corresponding to true selector elements.",
                true,
            ),
        ),
        (
            &DROPWHILE_TYPE,
            spec(
                "itertools.dropwhile",
                Layout::of::<PredIter>(),
                dropwhile_new,
                dropwhile_next,
                None,
                &[],
                "Drop items from the iterable while predicate(item) is true.",
                true,
            ),
        ),
        (
            &TAKEWHILE_TYPE,
            spec(
                "itertools.takewhile",
                Layout::of::<TakeWhile>(),
                takewhile_new,
                takewhile_next,
                None,
                &[],
                "Return successive entries from an iterable as long as the predicate evaluates to true for each entry.",
                true,
            ),
        ),
        (
            &FILTERFALSE_TYPE,
            spec(
                "itertools.filterfalse",
                Layout::of::<FilterFalse>(),
                filterfalse_new,
                filterfalse_next,
                None,
                &[],
                "Return those items of iterable for which function(item) is false.",
                true,
            ),
        ),
        (
            &STARMAP_TYPE,
            spec(
                "itertools.starmap",
                Layout::of::<StarMap>(),
                starmap_new,
                starmap_next,
                None,
                &[],
                "Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence.",
                true,
            ),
        ),
        (
            &GROUPBY_TYPE,
            spec(
                "itertools.groupby",
                Layout::of::<GroupBy>(),
                groupby_new,
                groupby_next,
                None,
                &[],
                "make an iterator that returns consecutive keys and groups from the iterable",
                true,
            ),
        ),
        (
            &GROUPER_TYPE,
            spec(
                "itertools._grouper",
                Layout::of::<Grouper>(),
                grouper_new,
                grouper_next,
                None,
                &[],
                "",
                false,
            ),
        ),
        (
            &ISLICE_TYPE,
            spec(
                "itertools.islice",
                Layout::of::<ISlice>(),
                islice_new,
                islice_next,
                None,
                &[],
                "islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) --> islice object",
                true,
            ),
        ),
        (
            &PAIRWISE_TYPE,
            spec(
                "itertools.pairwise",
                Layout::of::<Pairwise>(),
                pairwise_new,
                pairwise_next,
                None,
                &[],
                "Return an iterator of overlapping pairs taken from the input iterator.\n\n    s -> (s0,s1), (s1,s2), (s2, s3), ...",
                true,
            ),
        ),
        (
            &TEEDATA_TYPE,
            TypeSpec {
                doc: Some(
                    "teedataobject(iterable, values, next, /)\n--\n\nData container common to multiple tee objects.",
                ),
                ..TypeSpec::new("itertools._tee_dataobject", Layout::of::<TeeData>())
            },
        ),
        (
            &TEE_TYPE,
            spec(
                "itertools._tee",
                Layout::of::<Tee>(),
                tee_new,
                tee_next,
                None,
                TEE_METHODS,
                "Iterator wrapped to make it copyable.",
                false,
            ),
        ),
        (
            &ZIPLONGEST_TYPE,
            spec(
                "itertools.zip_longest",
                Layout::of::<ZipLongest>(),
                ziplongest_new,
                ziplongest_next,
                None,
                &[],
                "zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object",
                true,
            ),
        ),
        (
            &PRODUCT_TYPE,
            spec(
                "itertools.product",
                Layout::of::<Product>(),
                product_new,
                product_next,
                None,
                &[],
                "Cartesian product of input iterables.  Equivalent to nested for-loops.",
                true,
            ),
        ),
        (
            &PERMUTATIONS_TYPE,
            spec(
                "itertools.permutations",
                Layout::of::<Permutations>(),
                permutations_new,
                permutations_next,
                None,
                &[],
                "Return successive r-length permutations of elements in the iterable.",
                true,
            ),
        ),
        (
            &COMBINATIONS_TYPE,
            spec(
                "itertools.combinations",
                Layout::of::<Combinations>(),
                combinations_new,
                combinations_next,
                None,
                &[],
                "Return successive r-length combinations of elements in the iterable.",
                true,
            ),
        ),
        (
            &CWR_TYPE,
            spec(
                "itertools.combinations_with_replacement",
                Layout::of::<CombinationsWR>(),
                cwr_new,
                cwr_next,
                None,
                &[],
                "Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats.",
                true,
            ),
        ),
    ]
}

static FUNCTIONS: &[MethodDef] =
    &[MethodDef::method("tee", tee_fn).with_doc("Returns a tuple of n independent iterators.")];

/// Exported names and their types.
static EXPORTS: &[(&str, &StaticType)] = &[
    ("count", &COUNT_TYPE),
    ("cycle", &CYCLE_TYPE),
    ("repeat", &REPEAT_TYPE),
    ("accumulate", &ACCUMULATE_TYPE),
    ("chain", &CHAIN_TYPE),
    ("compress", &COMPRESS_TYPE),
    ("dropwhile", &DROPWHILE_TYPE),
    ("takewhile", &TAKEWHILE_TYPE),
    ("filterfalse", &FILTERFALSE_TYPE),
    ("starmap", &STARMAP_TYPE),
    ("groupby", &GROUPBY_TYPE),
    ("_grouper", &GROUPER_TYPE),
    ("islice", &ISLICE_TYPE),
    ("pairwise", &PAIRWISE_TYPE),
    ("_tee_dataobject", &TEEDATA_TYPE),
    ("_tee", &TEE_TYPE),
    ("zip_longest", &ZIPLONGEST_TYPE),
    ("product", &PRODUCT_TYPE),
    ("permutations", &PERMUTATIONS_TYPE),
    ("combinations", &COMBINATIONS_TYPE),
    ("combinations_with_replacement", &CWR_TYPE),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref(
        "itertools",
        Some("Functional tools for creating and using iterators."),
    );
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    for f in FUNCTIONS {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    for (name, t) in EXPORTS {
        md.set_attr(name, t.to_ref());
    }
    Ok(m)
}
