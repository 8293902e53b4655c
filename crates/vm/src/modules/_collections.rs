//! The `_collections` module (what `Lib/collections/__init__.py` builds
//! on): `deque` (a ring buffer with optional `maxlen`), its forward and
//! reverse iterators, `defaultdict` (a dict subclass with
//! `default_factory` and `__missing__`), `_count_elements` (Counter's
//! counting loop) and `_tuplegetter` (namedtuple's field descriptor).
//! `OrderedDict` stays in pure Python (collections falls back to it).
//!
//! A deque keeps a mutation counter (`state`) that every structural change
//! bumps; iterators remember it and raise "deque mutated during iteration"
//! when it moved, as CPython does.  Elements are copied out of the
//! `RefCell` before any call back into Python (`==`, `repr`, iteration of
//! arguments), then the counter is re-checked.
//!
//! `defaultdict` instances use dict's payload in the subclass layout (so
//! every dict method works on them unchanged); `default_factory` is kept
//! in the instance storage under a private name and exposed by a getset,
//! with `NO_DICT` so `vars(dd)` fails as in CPython.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, index_error, key_error, runtime_error, type_error, value_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{
    Layout, Obj, PyPayload, PyType, StaticType, Trace, TypeSpec, Visit, slots::Slots,
};
use crate::protocol::call::call_pos;
use crate::protocol::iter::{get_iter, next};
use crate::protocol::object::{eq, repr_string};
use crate::types::dict::PyDict;
use crate::types::int::{int_from_i64, is_int, to_i64};
use crate::types::module::PyModule;
use crate::types::none::{is_none, none, not_implemented};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// The deque's storage (a newtype so it can carry a `Trace` impl).
#[derive(Default)]
pub struct Items(pub VecDeque<PyRef>);

impl Trace for Items {
    fn trace(&self, visit: &mut Visit<'_>) {
        for o in &self.0 {
            o.trace(visit);
        }
    }
    fn clear(&self) {}
}

/// A deque's maximum length (`None`: unbounded).
#[derive(Default)]
pub struct MaxLen(Cell<Option<usize>>);

impl MaxLen {
    fn get(&self) -> Option<usize> {
        self.0.get()
    }
    fn set(&self, v: Option<usize>) {
        self.0.set(v)
    }
}

impl Trace for MaxLen {
    fn trace(&self, _: &mut Visit<'_>) {}
}

crate::py_payload! {
    /// A deque: items, optional maximum length, mutation counter.
    pub struct PyDeque {
        items: RefCell<Items>,
        maxlen: MaxLen,
        state: Cell<u64>,
    }
}

pub static DEQUE_TYPE: StaticType = StaticType::new();
pub static DEQUE_ITER_TYPE: StaticType = StaticType::new();
pub static DEQUE_REVITER_TYPE: StaticType = StaticType::new();
pub static DEFAULTDICT_TYPE: StaticType = StaticType::new();
pub static TUPLEGETTER_TYPE: StaticType = StaticType::new();

impl PyPayload for PyDeque {
    fn class() -> &'static Obj<PyType> {
        DEQUE_TYPE.get()
    }
}

fn dq(o: &PyRef) -> PyResult<&PyDeque> {
    o.downcast::<PyDeque>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'collections.deque' object but received a '{}'",
            o.class().name()
        ))
    })
}

impl PyDeque {
    fn bump(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }
    fn len(&self) -> usize {
        self.items.borrow().0.len()
    }
    fn snapshot(&self) -> Vec<PyRef> {
        self.items.borrow().0.iter().cloned().collect()
    }
    fn get(&self, i: usize) -> Option<PyRef> {
        self.items.borrow().0.get(i).cloned()
    }
    fn push_back(&self, v: PyRef) {
        self.bump();
        let dropped;
        {
            let mut it = self.items.borrow_mut();
            if let Some(m) = self.maxlen.get() {
                if m == 0 {
                    return;
                }
                dropped = if it.0.len() >= m {
                    it.0.pop_front()
                } else {
                    None
                };
            } else {
                dropped = None;
            }
            it.0.push_back(v);
        }
        drop(dropped);
    }
    fn push_front(&self, v: PyRef) {
        self.bump();
        let dropped;
        {
            let mut it = self.items.borrow_mut();
            if let Some(m) = self.maxlen.get() {
                if m == 0 {
                    return;
                }
                dropped = if it.0.len() >= m {
                    it.0.pop_back()
                } else {
                    None
                };
            } else {
                dropped = None;
            }
            it.0.push_front(v);
        }
        drop(dropped);
    }
    fn new_empty(maxlen: Option<usize>) -> PyDeque {
        PyDeque {
            items: RefCell::new(Items::default()),
            maxlen: MaxLen(Cell::new(maxlen)),
            state: Cell::new(0),
        }
    }
}

fn deque_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("deque.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(t, PyDeque::new_empty(None)))
}

fn parse_maxlen(vm: &Vm, m: Option<PyRef>) -> PyResult<Option<usize>> {
    match m {
        Some(m) if !is_none(&m) => {
            if !is_int(&m) && m.class().slots().nb_index.is_none() {
                return Err(type_error("an integer is required"));
            }
            let n = crate::types::int::as_ssize(vm, &m)?;
            if n < 0 {
                return Err(value_error("maxlen must be non-negative"));
            }
            Ok(Some(n as usize))
        }
        _ => Ok(None),
    }
}

fn deque_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let [iterable, maxlen] = a.bind("deque", ["iterable", "maxlen"], 0, 0)?;
    let d = dq(o)?;
    d.maxlen.set(parse_maxlen(vm, maxlen)?);
    if d.len() > 0 {
        d.bump();
        let old = std::mem::take(&mut d.items.borrow_mut().0);
        drop(old);
    }
    if let Some(x) = iterable {
        extend(vm, o, &x)?;
    }
    Ok(())
}

/// Items of `x`, snapshotting first when `x` is the deque itself.
fn extend(vm: &Vm, o: &PyRef, x: &PyRef) -> PyResult<()> {
    let d = dq(o)?;
    if x.is(o) {
        for v in d.snapshot() {
            d.push_back(v);
        }
        return Ok(());
    }
    let it = get_iter(vm, x)?;
    while let Some(v) = next(vm, &it)? {
        d.push_back(v);
    }
    Ok(())
}

fn extendleft(vm: &Vm, o: &PyRef, x: &PyRef) -> PyResult<()> {
    let d = dq(o)?;
    if x.is(o) {
        for v in d.snapshot() {
            d.push_front(v);
        }
        return Ok(());
    }
    let it = get_iter(vm, x)?;
    while let Some(v) = next(vm, &it)? {
        d.push_front(v);
    }
    Ok(())
}

fn m_append(_: &Vm, a: Args<'_>) -> PyResult {
    let v = a.shift().one_arg("deque.append")?;
    dq(&a.args[0])?.push_back(v.clone());
    Ok(none())
}

fn m_appendleft(_: &Vm, a: Args<'_>) -> PyResult {
    let v = a.shift().one_arg("deque.appendleft")?;
    dq(&a.args[0])?.push_front(v.clone());
    Ok(none())
}

fn m_extend(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = a.shift().one_arg("deque.extend")?;
    extend(vm, &a.args[0], v)?;
    Ok(none())
}

fn m_extendleft(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = a.shift().one_arg("deque.extendleft")?;
    extendleft(vm, &a.args[0], v)?;
    Ok(none())
}

fn m_pop(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("deque.pop")?;
    let d = dq(&a.args[0])?;
    let v = d.items.borrow_mut().0.pop_back();
    d.bump();
    v.ok_or_else(|| index_error("pop from an empty deque"))
}

fn m_popleft(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("deque.popleft")?;
    let d = dq(&a.args[0])?;
    let v = d.items.borrow_mut().0.pop_front();
    d.bump();
    v.ok_or_else(|| index_error("pop from an empty deque"))
}

fn m_clear(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("deque.clear")?;
    let d = dq(&a.args[0])?;
    d.bump();
    let old = std::mem::take(&mut d.items.borrow_mut().0);
    drop(old);
    Ok(none())
}

fn copy_of(vm: &Vm, o: &PyRef) -> PyResult {
    let d = dq(o)?;
    if o.is_exact::<PyDeque>() {
        let n = PyDeque::new_empty(d.maxlen.get());
        n.items.borrow_mut().0 = d.items.borrow().0.clone();
        return Ok(crate::object::alloc(n));
    }
    let cls = o.class_ref();
    match d.maxlen.get() {
        None => call_pos(vm, &cls, std::slice::from_ref(o)),
        Some(m) => {
            let kw = [PyStr::intern("maxlen")];
            let args = [o.clone(), int_from_i64(m as i64)];
            crate::protocol::call::call(vm, &cls, Args::new(&args, &kw))
        }
    }
}

fn m_copy(vm: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("deque.copy")?;
    copy_of(vm, &a.args[0])
}

fn m_dunder_copy(vm: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("deque.__copy__")?;
    copy_of(vm, &a.args[0])
}

fn m_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = a.shift().one_arg("deque.count")?;
    let d = dq(&a.args[0])?;
    let st = d.state.get();
    let mut n = 0i64;
    for v in d.snapshot() {
        if eq(vm, &v, x)? {
            n += 1;
        }
        if d.state.get() != st {
            return Err(runtime_error("deque mutated during iteration"));
        }
    }
    Ok(int_from_i64(n))
}

fn clamp_index(vm: &Vm, o: &PyRef, n: usize) -> PyResult<usize> {
    let i = crate::types::int::index_for(
        vm,
        o,
        "slice indices must be integers or have an __index__ method",
    )?;
    let n = n as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    Ok(j as usize)
}

fn m_index(vm: &Vm, a: Args<'_>) -> PyResult {
    let rest = a.shift();
    rest.no_kwargs("index")?;
    let args = rest.range("index", 1, 3)?;
    let d = dq(&a.args[0])?;
    let n = d.len();
    let start = match args.get(1) {
        Some(s) => clamp_index(vm, s, n)?,
        None => 0,
    };
    let stop = match args.get(2) {
        Some(s) => clamp_index(vm, s, n)?,
        None => n,
    };
    let st = d.state.get();
    let mut i = start;
    while i < stop {
        let Some(v) = d.get(i) else { break };
        let found = eq(vm, &v, &args[0])?;
        if d.state.get() != st {
            return Err(runtime_error("deque mutated during iteration"));
        }
        if found {
            return Ok(int_from_i64(i as i64));
        }
        i += 1;
    }
    Err(value_error(format!(
        "{} is not in deque",
        repr_string(vm, &args[0])?
    )))
}

fn m_insert(vm: &Vm, a: Args<'_>) -> PyResult {
    let rest = a.shift();
    rest.no_kwargs("insert")?;
    let [i, x] = rest.exact::<2>("insert")?;
    let d = dq(&a.args[0])?;
    let n = d.len();
    if d.maxlen.get() == Some(n) {
        return Err(index_error("deque already at its maximum size"));
    }
    let i = crate::types::int::as_ssize(vm, i)?;
    let n = n as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    d.bump();
    d.items.borrow_mut().0.insert(j, x.clone());
    Ok(none())
}

fn m_remove(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = a.shift().one_arg("deque.remove")?;
    let d = dq(&a.args[0])?;
    let st = d.state.get();
    let n = d.len();
    for i in 0..n {
        let Some(v) = d.get(i) else { break };
        let found = eq(vm, &v, x)?;
        if d.state.get() != st {
            return Err(index_error("deque mutated during remove()."));
        }
        if found {
            d.bump();
            let removed = d.items.borrow_mut().0.remove(i);
            drop(removed);
            return Ok(none());
        }
    }
    Err(value_error(format!(
        "{} is not in deque",
        repr_string(vm, x)?
    )))
}

fn m_reverse(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("deque.reverse")?;
    let d = dq(&a.args[0])?;
    d.bump();
    d.items.borrow_mut().0.make_contiguous().reverse();
    Ok(none())
}

fn m_rotate(vm: &Vm, a: Args<'_>) -> PyResult {
    let rest = a.shift();
    rest.no_kwargs("rotate")?;
    let args = rest.range("rotate", 0, 1)?;
    let n = match args.first() {
        Some(x) => crate::types::int::as_ssize(vm, x)?,
        None => 1,
    };
    let d = dq(&a.args[0])?;
    let len = d.len() as i64;
    if len <= 1 {
        return Ok(none());
    }
    let k = n.rem_euclid(len) as usize;
    d.bump();
    d.items.borrow_mut().0.rotate_right(k);
    Ok(none())
}

fn m_reversed(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("deque.__reversed__")?;
    let s = &a.args[0];
    let d = dq(s)?;
    Ok(crate::object::alloc_as(
        DEQUE_REVITER_TYPE.get(),
        DequeIter {
            deque: s.clone(),
            index: Cell::new(d.len()),
            state: d.state.get(),
            left: Cell::new(d.len()),
        },
    ))
}

fn m_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("deque.__reduce__")?;
    let s = &a.args[0];
    let d = dq(s)?;
    let state = match s.dict_attrs() {
        Some(at) if at.has_dict() || !at.items().is_empty() => at.dict(),
        _ => none(),
    };
    let it = get_iter(vm, s)?;
    let args = match d.maxlen.get() {
        None => PyTuple::new_ref(Vec::new()),
        Some(m) => PyTuple::new_ref(vec![PyTuple::new_ref(Vec::new()), int_from_i64(m as i64)]),
    };
    Ok(PyTuple::new_ref(vec![s.class_ref(), args, state, it]))
}

fn m_class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

fn g_maxlen(_: &Vm, o: &PyRef) -> PyResult {
    Ok(match dq(o)?.maxlen.get() {
        Some(m) => int_from_i64(m as i64),
        None => none(),
    })
}

fn deque_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let d = dq(o)?;
    let Some(_guard) = vm.repr_enter(o) else {
        return Ok(PyStr::new_ref("[...]"));
    };
    let items = d.snapshot();
    let mut s = String::from("[");
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&repr_string(vm, v)?);
    }
    s.push(']');
    let name = o.class().name();
    Ok(PyStr::new_ref(&match d.maxlen.get() {
        Some(m) => format!("{name}({s}, maxlen={m})"),
        None => format!("{name}({s})"),
    }))
}

fn deque_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyDeque>(), b.downcast::<PyDeque>()) else {
        return Ok(not_implemented());
    };
    crate::types::tuple::compare_seqs(vm, &x.snapshot(), &y.snapshot(), op)
}

fn deque_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(dq(o)?.len())
}

fn seq_index(vm: &Vm, k: &PyRef, n: usize) -> PyResult<usize> {
    let i = crate::types::int::index_for(vm, k, "sequence index must be integer, not '{}'")?;
    let n = n as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn deque_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let d = dq(o)?;
    let i = seq_index(vm, k, d.len())?;
    d.get(i)
        .ok_or_else(|| index_error("deque index out of range"))
}

fn deque_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let d = dq(o)?;
    let i = seq_index(vm, k, d.len())?;
    let old = match v {
        Some(v) => d
            .items
            .borrow_mut()
            .0
            .get_mut(i)
            .map(|slot| std::mem::replace(slot, v.clone())),
        None => {
            d.bump();
            d.items.borrow_mut().0.remove(i)
        }
    };
    drop(old);
    Ok(())
}

fn deque_contains(vm: &Vm, o: &PyRef, x: &PyRef) -> PyResult<bool> {
    let d = dq(o)?;
    let st = d.state.get();
    for v in d.snapshot() {
        let found = eq(vm, &v, x)?;
        if d.state.get() != st {
            return Err(runtime_error("deque mutated during iteration"));
        }
        if found {
            return Ok(true);
        }
    }
    Ok(false)
}

fn deque_add(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    if a.downcast::<PyDeque>().is_none() {
        return Ok(not_implemented());
    }
    if b.downcast::<PyDeque>().is_none() {
        return Err(type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            b.class().name()
        )));
    }
    let n = copy_of(vm, a)?;
    extend(vm, &n, b)?;
    Ok(n)
}

fn repeat_count(vm: &Vm, n: &PyRef) -> PyResult<Option<i64>> {
    if !is_int(n) && n.class().slots().nb_index.is_none() {
        return Ok(None);
    }
    crate::types::int::as_ssize(vm, n).map(Some)
}

fn inplace_repeat(d: &PyDeque, n: i64) -> PyResult<()> {
    let items = d.snapshot();
    let len = items.len();
    if n <= 1 || len == 0 {
        if n <= 0 {
            d.bump();
            let old = std::mem::take(&mut d.items.borrow_mut().0);
            drop(old);
        }
        return Ok(());
    }
    // The result is the last `min(total, maxlen)` items of the repetition.
    let total = (len as u128) * (n as u128);
    let keep = d.maxlen.get().map_or(total, |m| total.min(m as u128));
    if keep > (isize::MAX as u128) / 16 {
        return Err(crate::error::memory_error(""));
    }
    let first = total - keep;
    let mut out = VecDeque::with_capacity(keep as usize);
    for p in first..total {
        if let Some(v) = items.get((p % len as u128) as usize) {
            out.push_back(v.clone());
        }
    }
    d.bump();
    let old = std::mem::replace(&mut d.items.borrow_mut().0, out);
    drop(old);
    Ok(())
}

fn deque_mul(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (s, n) = if a.downcast::<PyDeque>().is_some() {
        (a, b)
    } else {
        (b, a)
    };
    let Some(count) = repeat_count(vm, n)? else {
        return Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            n.class().name()
        )));
    };
    let c = copy_of(vm, s)?;
    inplace_repeat(dq(&c)?, count)?;
    Ok(c)
}

fn deque_iadd(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    extend(vm, a, b)?;
    Ok(a.clone())
}

fn deque_imul(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(count) = repeat_count(vm, b)? else {
        return Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            b.class().name()
        )));
    };
    inplace_repeat(dq(a)?, count)?;
    Ok(a.clone())
}

fn deque_iter(_: &Vm, o: &PyRef) -> PyResult {
    let d = dq(o)?;
    Ok(crate::object::alloc(DequeIter {
        deque: o.clone(),
        index: Cell::new(0),
        state: d.state.get(),
        left: Cell::new(d.len()),
    }))
}

// ------------------------------------------------------------ iterators

crate::py_payload! {
    /// `_deque_iterator` / `_deque_reverse_iterator`: the deque, the next
    /// position (for reverse: one past it), the state when created, and
    /// how many items are left.
    pub struct DequeIter { deque: PyRef, index: Cell<usize>, state: u64, left: Cell<usize> }
}

impl PyPayload for DequeIter {
    fn class() -> &'static Obj<PyType> {
        DEQUE_ITER_TYPE.get()
    }
}

fn di(o: &PyRef) -> PyResult<&DequeIter> {
    o.downcast::<DequeIter>()
        .ok_or_else(|| type_error("expected a deque iterator"))
}

fn di_self(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn di_check(it: &DequeIter) -> PyResult<Option<&PyDeque>> {
    let d = dq(&it.deque)?;
    if d.state.get() != it.state {
        it.left.set(0);
        return Err(runtime_error("deque mutated during iteration"));
    }
    if it.left.get() == 0 {
        return Ok(None);
    }
    Ok(Some(d))
}

fn di_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = di(o)?;
    let Some(d) = di_check(it)? else {
        return Ok(None);
    };
    let i = it.index.get();
    it.index.set(i + 1);
    it.left.set(it.left.get() - 1);
    Ok(d.get(i))
}

fn dri_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let it = di(o)?;
    let Some(d) = di_check(it)? else {
        return Ok(None);
    };
    let i = it.index.get().saturating_sub(1);
    it.index.set(i);
    it.left.set(it.left.get() - 1);
    Ok(d.get(i))
}

fn di_length_hint(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__length_hint__")?;
    Ok(int_from_i64(di(s)?.left.get() as i64))
}

fn di_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("_deque_iterator")?;
    let args = a.range("_deque_iterator", 1, 2)?;
    let d = dq(&args[0])?;
    let rev = cls.is(&DEQUE_REVITER_TYPE.to_ref());
    let n = d.len();
    let skip = match args.get(1) {
        Some(x) => crate::types::int::as_ssize(vm, x)?.clamp(0, n as i64) as usize,
        None => 0,
    };
    let ty = if rev {
        DEQUE_REVITER_TYPE.get()
    } else {
        DEQUE_ITER_TYPE.get()
    };
    Ok(crate::object::alloc_as(
        ty,
        DequeIter {
            deque: args[0].clone(),
            index: Cell::new(if rev { n - skip } else { skip }),
            state: d.state.get(),
            left: Cell::new(n - skip),
        },
    ))
}

// ----------------------------------------------------------- defaultdict

fn factory_key() -> PyRef {
    PyStr::intern("\u{0}default_factory")
}

fn get_factory(o: &PyRef) -> PyRef {
    o.attrs()
        .and_then(|a| a.get(&factory_key()))
        .unwrap_or_else(none)
}

fn set_factory(o: &PyRef, f: PyRef) {
    if let Some(a) = o.attrs() {
        a.set(&factory_key(), f);
    }
}

fn dd_init(vm: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let pos = a.positional();
    let (factory, rest) = match pos.first() {
        Some(f) => {
            if !is_none(f) && !crate::protocol::call::callable(f) {
                return Err(type_error("first argument must be callable or None"));
            }
            (f.clone(), Args::new(&a.args[1..], a.kwnames))
        }
        None => (none(), a),
    };
    set_factory(o, factory);
    let init = crate::types::dict::DICT_TYPE
        .get()
        .native
        .init
        .ok_or_else(|| type_error("dict has no __init__"))?;
    init(vm, o, rest)
}

fn dd_missing(vm: &Vm, a: Args<'_>) -> PyResult {
    let key = a.shift().one_arg("defaultdict.__missing__")?;
    let s = &a.args[0];
    let f = get_factory(s);
    if is_none(&f) {
        return Err(key_error(key.clone()));
    }
    let v = call_pos(vm, &f, &[])?;
    crate::protocol::object::set_item(vm, s, key, &v)?;
    Ok(v)
}

fn dd_copy_of(vm: &Vm, s: &PyRef) -> PyResult {
    call_pos(vm, &s.class_ref(), &[get_factory(s), s.clone()])
}

fn dd_copy(vm: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("defaultdict.copy")?;
    dd_copy_of(vm, &a.args[0])
}

fn dd_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("defaultdict.__reduce__")?;
    let s = &a.args[0];
    let f = get_factory(s);
    let args = if is_none(&f) {
        PyTuple::new_ref(Vec::new())
    } else {
        PyTuple::new_ref(vec![f])
    };
    let items = crate::protocol::call::call_method(vm, s, "items", &[])?;
    let it = get_iter(vm, &items)?;
    Ok(PyTuple::new_ref(vec![
        s.class_ref(),
        args,
        none(),
        none(),
        it,
    ]))
}

fn dd_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let repr = crate::types::dict::DICT_TYPE
        .get()
        .native
        .repr
        .ok_or_else(|| type_error("dict has no __repr__"))?;
    let base = repr(vm, o)?;
    let base = crate::protocol::object::str_string(vm, &base)?;
    let f = get_factory(o);
    let fr = if is_none(&f) {
        "None".to_string()
    } else {
        match vm.repr_enter(&f) {
            None => "...".to_string(),
            Some(_g) => repr_string(vm, &f)?,
        }
    };
    Ok(PyStr::new_ref(&format!(
        "{}({fr}, {base})",
        o.class().name()
    )))
}

fn dd_or(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (Some(_), Some(_)) = (a.downcast::<PyDict>(), b.downcast::<PyDict>()) else {
        return Ok(not_implemented());
    };
    let (base, other) =
        if a.downcast::<PyDict>().is_some() && a.class().is_subtype(DEFAULTDICT_TYPE.get()) {
            (a, b)
        } else {
            // `dict | defaultdict`: the result is built from the right side's
            // type with the left's items first.
            let n = dd_copy_of(vm, b)?;
            if let Some(d) = n.downcast::<PyDict>() {
                d.clear();
            }
            crate::protocol::call::call_method(vm, &n, "update", std::slice::from_ref(a))?;
            crate::protocol::call::call_method(vm, &n, "update", std::slice::from_ref(b))?;
            return Ok(n);
        };
    let n = dd_copy_of(vm, base)?;
    crate::protocol::call::call_method(vm, &n, "update", std::slice::from_ref(other))?;
    Ok(n)
}

fn g_factory(_: &Vm, o: &PyRef) -> PyResult {
    Ok(get_factory(o))
}

fn s_factory(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    set_factory(o, v.cloned().unwrap_or_else(none));
    Ok(())
}

// ------------------------------------------------------- _count_elements

fn count_elements(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("_count_elements")?;
    let [mapping, iterable] = a.exact::<2>("_count_elements")?;
    let it = get_iter(vm, iterable)?;
    let one = int_from_i64(1);
    let fast = mapping.is_exact::<PyDict>();
    while let Some(k) = next(vm, &it)? {
        if fast && let Some(d) = mapping.downcast::<PyDict>() {
            let old = d.get_item(vm, &k)?;
            let new = match old {
                None => one.clone(),
                Some(o) => match to_i64(&o).and_then(|v| v.checked_add(1)) {
                    Some(v) if o.is_small() => int_from_i64(v),
                    _ => crate::protocol::number::binary_op(
                        vm,
                        &o,
                        &one,
                        taipan_bytecode::BinaryOp::Add,
                    )?,
                },
            };
            d.set_item(vm, k, new)?;
            continue;
        }
        let old =
            crate::protocol::call::call_method(vm, mapping, "get", &[k.clone(), int_from_i64(0)])?;
        let new =
            crate::protocol::number::binary_op(vm, &old, &one, taipan_bytecode::BinaryOp::Add)?;
        crate::protocol::object::set_item(vm, mapping, &k, &new)?;
    }
    Ok(none())
}

// ----------------------------------------------------------- _tuplegetter

crate::py_payload! {
    /// `_tuplegetter(index, doc)`: namedtuple's field accessor.
    pub struct TupleGetter { index: usize, doc: RefCell<Option<PyRef>> }
}

impl PyPayload for TupleGetter {
    fn class() -> &'static Obj<PyType> {
        TUPLEGETTER_TYPE.get()
    }
}

fn tg(o: &PyRef) -> PyResult<&TupleGetter> {
    o.downcast::<TupleGetter>()
        .ok_or_else(|| type_error("expected _tuplegetter"))
}

fn tg_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    a.no_kwargs("_tuplegetter")?;
    let [i, doc] = a.exact::<2>("_tuplegetter")?;
    let i = crate::types::int::as_ssize(vm, i)?;
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("_tuplegetter.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        TupleGetter {
            index: i.max(0) as usize,
            doc: RefCell::new(Some(doc.clone())),
        },
    ))
}

fn tg_get(_: &Vm, d: &PyRef, obj: Option<&PyRef>, _ty: Option<&PyRef>) -> PyResult {
    let g = tg(d)?;
    let Some(obj) = obj.filter(|o| !is_none(o)) else {
        return Ok(d.clone());
    };
    let Some(t) = obj.downcast::<PyTuple>() else {
        return Err(type_error(format!(
            "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
            g.index,
            obj.class().name()
        )));
    };
    t.as_slice()
        .get(g.index)
        .cloned()
        .ok_or_else(|| index_error("tuple index out of range"))
}

fn tg_set(_: &Vm, _d: &PyRef, _obj: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    Err(crate::error::attribute_error(if v.is_some() {
        "can't set attribute"
    } else {
        "can't delete attribute"
    }))
}

fn tg_reduce(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__reduce__")?;
    let g = tg(s)?;
    let doc = g.doc.borrow().clone().unwrap_or_else(none);
    Ok(PyTuple::new_ref(vec![
        s.class_ref(),
        PyTuple::new_ref(vec![int_from_i64(g.index as i64), doc]),
    ]))
}

fn g_tg_doc(_: &Vm, o: &PyRef) -> PyResult {
    Ok(tg(o)?.doc.borrow().clone().unwrap_or_else(none))
}

fn s_tg_doc(_: &Vm, o: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    *tg(o)?.doc.borrow_mut() = v.cloned();
    Ok(())
}

// ----------------------------------------------------------------- tables

static DEQUE_METHODS: &[MethodDef] = &[
    MethodDef::method("append", m_append).with_doc("Add an element to the right side of the deque."),
    MethodDef::method("appendleft", m_appendleft).with_doc("Add an element to the left side of the deque."),
    MethodDef::method("clear", m_clear).with_doc("Remove all elements from the deque."),
    MethodDef::method("__copy__", m_dunder_copy).with_doc("Return a shallow copy of a deque."),
    MethodDef::method("copy", m_copy).with_doc("Return a shallow copy of a deque."),
    MethodDef::method("count", m_count).with_doc("D.count(value) -- return number of occurrences of value"),
    MethodDef::method("extend", m_extend).with_doc("Extend the right side of the deque with elements from the iterable"),
    MethodDef::method("extendleft", m_extendleft).with_doc("Extend the left side of the deque with elements from the iterable"),
    MethodDef::method("index", m_index).with_doc("D.index(value, [start, [stop]]) -- return first index of value.\nRaises ValueError if the value is not present."),
    MethodDef::method("insert", m_insert).with_doc("D.insert(index, object) -- insert object before index"),
    MethodDef::method("pop", m_pop).with_doc("Remove and return the rightmost element."),
    MethodDef::method("popleft", m_popleft).with_doc("Remove and return the leftmost element."),
    MethodDef::method("__reduce__", m_reduce).with_doc("Return state information for pickling."),
    MethodDef::method("remove", m_remove).with_doc("D.remove(value) -- remove first occurrence of value."),
    MethodDef::method("__reversed__", m_reversed).with_doc("D.__reversed__() -- return a reverse iterator over the deque"),
    MethodDef::method("reverse", m_reverse).with_doc("D.reverse() -- reverse *IN PLACE*"),
    MethodDef::method("rotate", m_rotate).with_doc("Rotate the deque n steps to the right (default n=1).  If n is negative, rotates left."),
    MethodDef::classmethod("__class_getitem__", m_class_getitem).with_doc("See PEP 585"),
];
static DEQUE_GETSETS: &[GetSetDef] = &[GetSetDef::new("maxlen", g_maxlen)];
static DI_METHODS: &[MethodDef] = &[MethodDef::method("__length_hint__", di_length_hint)
    .with_doc("Private method returning an estimate of len(list(it)).")];
static DD_METHODS: &[MethodDef] = &[
    MethodDef::method("__missing__", dd_missing).with_doc("__missing__(key) # Called by __getitem__ for missing key; pseudo-code:\n  if self.default_factory is None: raise KeyError((key,))\n  self[key] = value = self.default_factory()\n  return value\n"),
    MethodDef::method("copy", dd_copy).with_doc("D.copy() -> a shallow copy of D."),
    MethodDef::method("__copy__", dd_copy).with_doc("D.copy() -> a shallow copy of D."),
    MethodDef::method("__reduce__", dd_reduce).with_doc("Return state information for pickling."),
    MethodDef::classmethod("__class_getitem__", m_class_getitem).with_doc("See PEP 585"),
];
static DD_GETSETS: &[GetSetDef] = &[GetSetDef::with_set("default_factory", g_factory, s_factory)];
static TG_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", tg_reduce)];
static TG_GETSETS: &[GetSetDef] = &[GetSetDef::with_set("__doc__", g_tg_doc, s_tg_doc)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    let iter_slots = |next| Slots {
        iter: Some(di_self),
        iternext: Some(next),
        new: Some(di_new),
        ..Slots::EMPTY
    };
    vec![
        (
            &DEQUE_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(deque_new),
                    init: Some(deque_init),
                    repr: Some(deque_repr),
                    richcompare: Some(deque_richcompare),
                    iter: Some(deque_iter),
                    mp_len: Some(deque_len),
                    mp_getitem: Some(deque_getitem),
                    mp_setitem: Some(deque_setitem),
                    sq_contains: Some(deque_contains),
                    nb_add: Some(deque_add),
                    nb_mul: Some(deque_mul),
                    nb_iadd: Some(deque_iadd),
                    nb_imul: Some(deque_imul),
                    hash: Some(crate::protocol::object::hash_not_implemented),
                    ..Slots::EMPTY
                },
                methods: DEQUE_METHODS,
                getsets: DEQUE_GETSETS,
                flags: flags::BASETYPE | flags::SEQUENCE,
                doc: Some(
                    "deque([iterable[, maxlen]]) --> deque object\n\nA list-like sequence optimized for data accesses near its endpoints.",
                ),
                ..TypeSpec::new("collections.deque", Layout::of::<PyDeque>())
            },
        ),
        (
            &DEQUE_ITER_TYPE,
            TypeSpec {
                slots: iter_slots(di_next),
                methods: DI_METHODS,
                ..TypeSpec::new("_collections._deque_iterator", Layout::of::<DequeIter>())
            },
        ),
        (
            &DEQUE_REVITER_TYPE,
            TypeSpec {
                slots: iter_slots(dri_next),
                methods: DI_METHODS,
                ..TypeSpec::new(
                    "_collections._deque_reverse_iterator",
                    Layout::of::<DequeIter>(),
                )
            },
        ),
        (
            &DEFAULTDICT_TYPE,
            TypeSpec {
                base: Some(&crate::types::dict::DICT_TYPE),
                slots: Slots {
                    init: Some(dd_init),
                    repr: Some(dd_repr),
                    nb_or: Some(dd_or),
                    ..Slots::EMPTY
                },
                methods: DD_METHODS,
                getsets: DD_GETSETS,
                flags: flags::BASETYPE | flags::NO_DICT,
                doc: Some(
                    "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\nThe default factory is called without arguments to produce\na new value when a key is not present, in __getitem__ only.\nA defaultdict compares equal to a dict with the same items.\nAll remaining arguments are treated the same as if they were\npassed to the dict constructor, including keyword arguments.\n",
                ),
                ..TypeSpec::new("collections.defaultdict", Layout::of::<PyDict>().subclass())
            },
        ),
        (
            &TUPLEGETTER_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(tg_new),
                    descr_get: Some(tg_get),
                    descr_set: Some(tg_set),
                    ..Slots::EMPTY
                },
                methods: TG_METHODS,
                getsets: TG_GETSETS,
                ..TypeSpec::new("_collections._tuplegetter", Layout::of::<TupleGetter>())
            },
        ),
    ]
}

static FUNCTIONS: &[MethodDef] = &[MethodDef::method("_count_elements", count_elements)
    .with_doc("Count elements in the iterable, updating the mapping")];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref(
        "_collections",
        Some(
            "High performance data structures.\n- deque:        ordered collection accessible from endpoints only\n- defaultdict:  dict subclass with a default value factory\n",
        ),
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
    md.set_attr("deque", DEQUE_TYPE.to_ref());
    md.set_attr("defaultdict", DEFAULTDICT_TYPE.to_ref());
    md.set_attr("_deque_iterator", DEQUE_ITER_TYPE.to_ref());
    md.set_attr("_deque_reverse_iterator", DEQUE_REVITER_TYPE.to_ref());
    md.set_attr("_tuplegetter", TUPLEGETTER_TYPE.to_ref());
    Ok(m)
}
