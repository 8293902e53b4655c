//! The `_heapq` module: the binary min-heap (and the max-heap helpers
//! `heapq.merge`/`nlargest` use) over a plain list, as CPython's C
//! accelerator behind `Lib/heapq.py`.  Items are compared with `<` while
//! no borrow of the list is held; if a comparison changes the list's size
//! the operation stops with CPython's RuntimeError.

use crate::args::Args;
use crate::error::{PyResult, index_error, runtime_error, type_error};
use crate::object::typeobj::MethodDef;
use crate::types::list::PyList;
use crate::types::none::none;
use crate::value::PyRef;
use crate::vm::Vm;

fn list_arg<'a>(o: &'a PyRef, fname: &str, single: bool) -> PyResult<&'a PyList> {
    o.downcast::<PyList>().ok_or_else(|| {
        type_error(if single {
            format!("{fname}() argument must be list, not {}", o.class().name())
        } else {
            format!(
                "{fname}() argument 1 must be list, not {}",
                o.class().name()
            )
        })
    })
}

/// `a < b` for a min-heap, `b < a` for a max-heap.
fn less(vm: &Vm, a: &PyRef, b: &PyRef, max: bool) -> PyResult<bool> {
    if max {
        crate::protocol::object::lt(vm, b, a)
    } else {
        crate::protocol::object::lt(vm, a, b)
    }
}

fn get2(l: &PyList, i: usize, j: usize) -> PyResult<(PyRef, PyRef)> {
    let items = l.items.borrow();
    match (items.get(i), items.get(j)) {
        (Some(a), Some(b)) => Ok((a.clone(), b.clone())),
        _ => Err(runtime_error("list changed size during iteration")),
    }
}

fn swap(l: &PyList, i: usize, j: usize) {
    let mut items = l.items.borrow_mut();
    if i < items.len() && j < items.len() {
        items.swap(i, j);
    }
}

/// Moves the item at `pos` up towards `start` (CPython's `siftdown`).
fn sift_down(vm: &Vm, l: &PyList, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = l.len();
    while pos > start {
        let parent = (pos - 1) >> 1;
        let (new, par) = get2(l, pos, parent)?;
        let lt = less(vm, &new, &par, max)?;
        if size != l.len() {
            return Err(runtime_error("list changed size during iteration"));
        }
        if !lt {
            break;
        }
        swap(l, pos, parent);
        pos = parent;
    }
    Ok(())
}

/// Moves the item at `pos` down to a leaf, then back up (CPython's `siftup`).
fn sift_up(vm: &Vm, l: &PyList, mut pos: usize, max: bool) -> PyResult<()> {
    let end = l.len();
    let start = pos;
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (a, b) = get2(l, child, child + 1)?;
            let lt = less(vm, &a, &b, max)?;
            if end != l.len() {
                return Err(runtime_error("list changed size during iteration"));
            }
            if !lt {
                child += 1;
            }
        }
        swap(l, pos, child);
        pos = child;
    }
    sift_down(vm, l, start, pos, max)
}

fn push(vm: &Vm, a: Args<'_>, fname: &str, max: bool) -> PyResult {
    a.no_kwargs(fname)?;
    let [heap, item] = a.exact::<2>(fname)?;
    let l = list_arg(heap, fname, false)?;
    l.items.borrow_mut().push(item.clone());
    let n = l.len();
    sift_down(vm, l, 0, n - 1, max)?;
    Ok(none())
}

fn pop(vm: &Vm, a: Args<'_>, fname: &str, max: bool) -> PyResult {
    let heap = a.one_arg(fname)?;
    let l = list_arg(heap, fname, true)?;
    let last = l
        .items
        .borrow_mut()
        .pop()
        .ok_or_else(|| index_error("index out of range"))?;
    let ret = {
        let mut items = l.items.borrow_mut();
        match items.first_mut() {
            Some(first) => std::mem::replace(first, last),
            None => return Ok(last),
        }
    };
    sift_up(vm, l, 0, max)?;
    Ok(ret)
}

fn replace(vm: &Vm, a: Args<'_>, fname: &str, max: bool) -> PyResult {
    a.no_kwargs(fname)?;
    let [heap, item] = a.exact::<2>(fname)?;
    let l = list_arg(heap, fname, false)?;
    let ret = {
        let mut items = l.items.borrow_mut();
        match items.first_mut() {
            Some(first) => std::mem::replace(first, item.clone()),
            None => return Err(index_error("index out of range")),
        }
    };
    sift_up(vm, l, 0, max)?;
    Ok(ret)
}

fn heapify(vm: &Vm, a: Args<'_>, fname: &str, max: bool) -> PyResult {
    let heap = a.one_arg(fname)?;
    let l = list_arg(heap, fname, true)?;
    let n = l.len();
    for i in (0..n / 2).rev() {
        sift_up(vm, l, i, max)?;
    }
    Ok(none())
}

fn f_heappush(vm: &Vm, a: Args<'_>) -> PyResult {
    push(vm, a, "heappush", false)
}

fn f_heappop(vm: &Vm, a: Args<'_>) -> PyResult {
    pop(vm, a, "heappop", false)
}

fn f_heapreplace(vm: &Vm, a: Args<'_>) -> PyResult {
    replace(vm, a, "heapreplace", false)
}

fn f_heappushpop(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("heappushpop")?;
    let [heap, item] = a.exact::<2>("heappushpop")?;
    let l = list_arg(heap, "heappushpop", false)?;
    let Some(top) = l.get(0) else {
        return Ok(item.clone());
    };
    if !crate::protocol::object::lt(vm, &top, item)? {
        return Ok(item.clone());
    }
    let ret = {
        let mut items = l.items.borrow_mut();
        match items.first_mut() {
            Some(first) => std::mem::replace(first, item.clone()),
            None => return Err(index_error("index out of range")),
        }
    };
    sift_up(vm, l, 0, false)?;
    Ok(ret)
}

fn f_heapify(vm: &Vm, a: Args<'_>) -> PyResult {
    heapify(vm, a, "heapify", false)
}

fn f_heappop_max(vm: &Vm, a: Args<'_>) -> PyResult {
    pop(vm, a, "_heappop_max", true)
}

fn f_heapreplace_max(vm: &Vm, a: Args<'_>) -> PyResult {
    replace(vm, a, "_heapreplace_max", true)
}

fn f_heapify_max(vm: &Vm, a: Args<'_>) -> PyResult {
    heapify(vm, a, "_heapify_max", true)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("heappush", f_heappush)
        .with_doc("Push item onto heap, maintaining the heap invariant."),
    MethodDef::method("heappushpop", f_heappushpop)
        .with_doc("Push item on the heap, then pop and return the smallest item from the heap."),
    MethodDef::method("heappop", f_heappop)
        .with_doc("Pop the smallest item off the heap, maintaining the heap invariant."),
    MethodDef::method("heapreplace", f_heapreplace)
        .with_doc("Pop and return the current smallest value, and add the new item."),
    MethodDef::method("heapify", f_heapify)
        .with_doc("Transform list into a heap, in-place, in O(len(heap)) time."),
    MethodDef::method("_heappop_max", f_heappop_max).with_doc("Maxheap variant of heappop."),
    MethodDef::method("_heapreplace_max", f_heapreplace_max)
        .with_doc("Maxheap variant of heapreplace."),
    MethodDef::method("_heapify_max", f_heapify_max).with_doc("Maxheap variant of heapify."),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = crate::modules::modutil::new_module(
        "_heapq",
        "Heap queue algorithm (a.k.a. priority queue).",
        FUNCTIONS,
    )?;
    crate::modules::modutil::set(
        &m,
        "__about__",
        crate::types::str::PyStr::new_ref("Heap queues"),
    );
    Ok(m)
}
