//! The `_bisect` module: binary search and insertion into sorted
//! sequences (`bisect_left/right`, `insort_left/right`, with `lo`, `hi`
//! and `key`), as CPython's C accelerator behind `Lib/bisect.py`.
//! Lists are read directly; other sequences through `__getitem__`.

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::protocol::object::{get_item, lt};
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::none::{is_none, none};
use crate::value::PyRef;
use crate::vm::Vm;

/// The bound arguments: sequence, x, lo, hi (-1 = len), key.
struct Bound {
    a: PyRef,
    x: PyRef,
    lo: i64,
    hi: i64,
    key: Option<PyRef>,
}

fn bind(vm: &Vm, a: &Args<'_>, fname: &str) -> PyResult<Bound> {
    if a.positional().len() > 4 {
        return Err(type_error(format!(
            "{fname}() takes at most 4 positional arguments ({} given)",
            a.positional().len()
        )));
    }
    let total = a.positional().len() + a.kwnames.len();
    if total > 5 {
        return Err(type_error(format!(
            "{fname}() takes at most 5 arguments ({total} given)"
        )));
    }
    let [seq, x, lo, hi, key] = a.bind(fname, ["a", "x", "lo", "hi", "key"], 0, 2)?;
    let (Some(seq), Some(x)) = (seq, x) else {
        return Err(type_error(format!("{fname}() missing required argument")));
    };
    let int = |o: &PyRef| {
        crate::types::int::index_for(vm, o, "'{}' object cannot be interpreted as an integer")
    };
    let lo = match &lo {
        Some(l) => int(l)?,
        None => 0,
    };
    let hi = match &hi {
        Some(h) if !is_none(h) => int(h)?,
        _ => -1,
    };
    Ok(Bound {
        a: seq,
        x,
        lo,
        hi,
        key: key.filter(|k| !is_none(k)),
    })
}

fn item(vm: &Vm, seq: &PyRef, i: i64) -> PyResult {
    if let Some(l) = seq.downcast::<PyList>()
        && seq.is_exact::<PyList>()
        && let Some(v) = l.get(i as usize)
    {
        return Ok(v);
    }
    get_item(vm, seq, &int_from_i64(i))
}

/// The insertion point of `x` (already a key) in `b.a[lo:hi]`.
fn search(vm: &Vm, b: &Bound, x: &PyRef, right: bool) -> PyResult<i64> {
    if b.lo < 0 {
        return Err(value_error("lo must be non-negative"));
    }
    let mut lo = b.lo;
    let mut hi = if b.hi == -1 {
        crate::protocol::object::len(vm, &b.a)? as i64
    } else {
        b.hi
    };
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut v = item(vm, &b.a, mid)?;
        if let Some(k) = &b.key {
            v = crate::protocol::call::call_pos(vm, k, &[v])?;
        }
        let go_left = if right {
            lt(vm, x, &v)?
        } else {
            !lt(vm, &v, x)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect(vm: &Vm, a: Args<'_>, name: &str, right: bool) -> PyResult {
    let b = bind(vm, &a, name)?;
    Ok(int_from_i64(search(vm, &b, &b.x, right)?))
}

fn insort(vm: &Vm, a: Args<'_>, name: &str, right: bool) -> PyResult {
    let b = bind(vm, &a, name)?;
    let k = match &b.key {
        Some(k) => crate::protocol::call::call_pos(vm, k, &[b.x.clone()])?,
        None => b.x.clone(),
    };
    let i = search(vm, &b, &k, right)?;
    if b.a.is_exact::<PyList>()
        && let Some(l) = b.a.downcast::<PyList>()
    {
        let mut items = l.items.borrow_mut();
        let at = (i.max(0) as usize).min(items.len());
        items.insert(at, b.x.clone());
        return Ok(none());
    }
    crate::protocol::call::call_method(vm, &b.a, "insert", &[int_from_i64(i), b.x.clone()])?;
    Ok(none())
}

fn f_bisect_right(vm: &Vm, a: Args<'_>) -> PyResult {
    bisect(vm, a, "bisect_right", true)
}

fn f_bisect_left(vm: &Vm, a: Args<'_>) -> PyResult {
    bisect(vm, a, "bisect_left", false)
}

fn f_insort_right(vm: &Vm, a: Args<'_>) -> PyResult {
    insort(vm, a, "insort_right", true)
}

fn f_insort_left(vm: &Vm, a: Args<'_>) -> PyResult {
    insort(vm, a, "insort_left", false)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("bisect_right", f_bisect_right)
        .with_doc("Return the index where to insert item x in list a, assuming a is sorted."),
    MethodDef::method("insort_right", f_insort_right)
        .with_doc("Insert item x in list a, and keep it sorted assuming a is sorted."),
    MethodDef::method("bisect_left", f_bisect_left)
        .with_doc("Return the index where to insert item x in list a, assuming a is sorted."),
    MethodDef::method("insort_left", f_insort_left)
        .with_doc("Insert item x in list a, and keep it sorted assuming a is sorted."),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    crate::modules::modutil::new_module(
        "_bisect",
        "Bisection algorithms.\n\nThis module provides support for maintaining a list in sorted order without\nhaving to sort the list after each insertion. For long lists of items with\nexpensive comparison operations, this can be an improvement over the more\ncommon approach.\n",
        FUNCTIONS,
    )
}
