//! `tuple`: an immutable array of references.

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, index_error, type_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::int::int_from_i64;
use crate::types::none::not_implemented;
use crate::types::singleton::StaticObj;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a tuple.
    pub struct PyTuple {
        items: Box<[PyRef]>,
    }
}

/// Like CPython's `tupledealloc`, release the items from the end.
impl Drop for PyTuple {
    fn drop(&mut self) {
        let mut v = std::mem::take(&mut self.items).into_vec();
        while let Some(x) = v.pop() {
            drop(x);
        }
    }
}

pub static TUPLE_TYPE: StaticType = StaticType::new();
pub static EMPTY_TUPLE: StaticObj = StaticObj::new();

impl PyPayload for PyTuple {
    fn class() -> &'static Obj<PyType> {
        TUPLE_TYPE.get()
    }
}

impl PyTuple {
    /// A new tuple object.
    pub fn new_ref(items: Vec<PyRef>) -> PyRef {
        if items.is_empty() && EMPTY_TUPLE.is_set() {
            return EMPTY_TUPLE.get();
        }
        crate::object::alloc(PyTuple {
            items: items.into_boxed_slice(),
        })
    }

    /// A new tuple of type `cls` (a tuple subclass).
    pub fn new_as(cls: &Obj<PyType>, items: Vec<PyRef>) -> PyRef {
        crate::object::alloc_as(
            cls,
            PyTuple {
                items: items.into_boxed_slice(),
            },
        )
    }

    #[inline]
    pub fn as_slice(&self) -> &[PyRef] {
        &self.items
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl StaticObj {
    pub fn is_set(&self) -> bool {
        self.raw() != 0
    }
}

fn payload(o: &PyRef) -> PyResult<&PyTuple> {
    o.downcast::<PyTuple>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'tuple' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn tuple_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let t = payload(o)?;
    if t.items.is_empty() {
        return Ok(PyStr::intern("()"));
    }
    let Some(_guard) = vm.repr_enter(o) else {
        return Ok(PyStr::intern("(...)"));
    };
    let mut s = String::from("(");
    for (i, it) in t.items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&crate::protocol::object::repr_string(vm, it)?);
    }
    if t.items.len() == 1 {
        s.push(',');
    }
    s.push(')');
    Ok(PyStr::new_ref(&s))
}

/// CPython's tuple hash (xxHash-based, 3.8+).
pub fn hash_items(vm: &Vm, items: &[PyRef]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for it in items {
        let h = crate::protocol::object::hash(vm, it)? as u64;
        acc = acc.wrapping_add(h.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn tuple_hash(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    hash_items(vm, &payload(o)?.items)
}

/// Lexicographic rich comparison of two sequences (list/tuple semantics).
pub fn compare_seqs(vm: &Vm, a: &[PyRef], b: &[PyRef], op: CompareOp) -> PyResult {
    compare_seqs_with(vm, a, b, op, true)
}

/// As [`compare_seqs`]; `len_shortcut` is list's "different lengths are
/// unequal" shortcut (tuples compare items first).
pub fn compare_seqs_with(
    vm: &Vm,
    a: &[PyRef],
    b: &[PyRef],
    op: CompareOp,
    len_shortcut: bool,
) -> PyResult {
    if len_shortcut && a.len() != b.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(py_bool(op == CompareOp::Ne));
    }
    let n = a.len().min(b.len());
    for i in 0..n {
        let (x, y) = (&a[i], &b[i]);
        if !crate::protocol::object::eq(vm, x, y)? {
            return match op {
                CompareOp::Eq => Ok(py_bool(false)),
                CompareOp::Ne => Ok(py_bool(true)),
                _ => crate::protocol::object::rich_compare(vm, x, y, op),
            };
        }
    }
    Ok(py_bool(crate::protocol::object::ordering_matches(
        a.len().cmp(&b.len()),
        op,
    )))
}

fn tuple_richcompare(vm: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyTuple>(), b.downcast::<PyTuple>()) else {
        return Ok(not_implemented());
    };
    compare_seqs_with(vm, &x.items, &y.items, op, false)
}

fn tuple_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(payload(o)?.items.len())
}

fn tuple_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let t = payload(o)?;
    if let Some(sl) = k.downcast::<crate::types::slice::PySlice>() {
        let (start, stop, step) = sl.indices(vm, t.items.len())?;
        if step == 1 && start == 0 && stop as usize == t.items.len() && o.is_exact::<PyTuple>() {
            return Ok(o.clone());
        }
        let v: Vec<PyRef> = crate::types::slice::slice_range(start, stop, step)
            .map(|i| t.items[i].clone())
            .collect();
        return Ok(PyTuple::new_ref(v));
    }
    let i =
        crate::types::int::index_for(vm, k, "tuple indices must be integers or slices, not {}")?;
    let n = t.items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("tuple index out of range"));
    }
    Ok(t.items[j as usize].clone())
}

fn tuple_contains(vm: &Vm, o: &PyRef, v: &PyRef) -> PyResult<bool> {
    for it in payload(o)?.items.iter() {
        if crate::protocol::object::eq(vm, it, v)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn tuple_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyTuple>() else {
        return Ok(not_implemented());
    };
    let Some(y) = b.downcast::<PyTuple>() else {
        return Ok(not_implemented());
    };
    let mut v = Vec::with_capacity(x.len() + y.len());
    v.extend(x.items.iter().cloned());
    v.extend(y.items.iter().cloned());
    Ok(PyTuple::new_ref(v))
}

fn tuple_mul(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (t, n) = match (a.downcast::<PyTuple>(), b.downcast::<PyTuple>()) {
        (Some(t), _) => (t, b),
        (None, Some(t)) => (t, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::types::int::index_i64_opt(n) else {
        return Ok(not_implemented());
    };
    let exact = if a.downcast::<PyTuple>().is_some() {
        a.is_exact::<PyTuple>()
    } else {
        b.is_exact::<PyTuple>()
    };
    if exact && (t.is_empty() || n == 1) {
        // CPython returns the tuple itself.
        return Ok(if a.downcast::<PyTuple>().is_some() {
            a.clone()
        } else {
            b.clone()
        });
    }
    let n = n.max(0) as usize;
    if t.len().checked_mul(n).is_none_or(|x| x > (1 << 40)) {
        return Err(crate::error::memory_error(""));
    }
    let mut v = Vec::with_capacity(t.len() * n);
    for _ in 0..n {
        v.extend(t.items.iter().cloned());
    }
    Ok(PyTuple::new_ref(v))
}

fn tuple_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::iterators::seq_iter(o.clone()))
}

fn tuple_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("tuple.__new__(X): X is not a type object"))?;
    let exact = std::ptr::eq(t, TUPLE_TYPE.get());
    // Keywords are refused unless a subclass's own `__init__` takes them.
    let init = |ty: &Obj<PyType>| ty.slots().init.map(|f| f as usize);
    if exact || init(t) == init(TUPLE_TYPE.get()) {
        a.no_kwargs("tuple")?;
    }
    let args = Args::pos(a.positional()).range("tuple", 0, 1)?;
    let items = match args.first() {
        None => Vec::new(),
        Some(x) if exact && x.is_exact::<PyTuple>() => return Ok(x.clone()),
        Some(x) => crate::protocol::iter::collect(vm, x)?,
    };
    if exact {
        return Ok(PyTuple::new_ref(items));
    }
    Ok(PyTuple::new_as(t, items))
}

fn tuple_index(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("index", 2, 4).map_err(|_| {
        let n = a.args.len().saturating_sub(1);
        if n < 1 {
            type_error(format!("index expected at least 1 argument, got {n}"))
        } else {
            type_error(format!("index expected at most 3 arguments, got {n}"))
        }
    })?;
    let t = payload(&args[0])?;
    let n = t.len() as i64;
    let norm = |v: i64| {
        if v < 0 {
            v.saturating_add(n).max(0)
        } else {
            v.min(n)
        }
    };
    let start = match args.get(2) {
        Some(s) => norm(crate::types::list::slice_index_clamped(vm, s)?),
        None => 0,
    };
    let stop = match args.get(3) {
        Some(s) => norm(crate::types::list::slice_index_clamped(vm, s)?),
        None => n,
    };
    for i in start..stop {
        let Some(item) = t.items.get(i as usize) else {
            break;
        };
        if crate::protocol::object::eq(vm, item, &args[1])? {
            return Ok(int_from_i64(i));
        }
    }
    Err(crate::error::value_error("tuple.index(x): x not in tuple"))
}

fn tuple_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'count' of 'tuple' object needs an argument"))?;
    let v = a.shift().one_arg("tuple.count")?;
    let mut c = 0;
    for it in payload(s)?.items.iter() {
        if crate::protocol::object::eq(vm, it, v)? {
            c += 1;
        }
    }
    Ok(int_from_i64(c))
}

fn tuple_getnewargs(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__getnewargs__")?;
    Ok(PyTuple::new_ref(vec![PyTuple::new_ref(
        payload(s)?.items.to_vec(),
    )]))
}

fn tuple_class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("index", tuple_index),
    MethodDef::method("count", tuple_count),
    MethodDef::method("__getnewargs__", tuple_getnewargs),
    MethodDef::classmethod("__class_getitem__", tuple_class_getitem),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &TUPLE_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(tuple_repr),
                hash: Some(tuple_hash),
                richcompare: Some(tuple_richcompare),
                mp_len: Some(tuple_len),
                mp_getitem: Some(tuple_getitem),
                sq_contains: Some(tuple_contains),
                nb_add: Some(tuple_add),
                nb_mul: Some(tuple_mul),
                iter: Some(tuple_iter),
                new: Some(tuple_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            flags: flags::BASETYPE | flags::TUPLE_SUBCLASS | flags::SEQUENCE,
            doc: Some(
                "Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\nIf iterable is specified the tuple is initialized from iterable's items.\n\nIf the argument is a tuple, the return value is the same object.",
            ),
            ..TypeSpec::new("tuple", Layout::of::<PyTuple>())
        },
    )]
}

pub(crate) fn init_singletons() {
    EMPTY_TUPLE.set(crate::object::alloc(PyTuple {
        items: Vec::new().into_boxed_slice(),
    }));
}
