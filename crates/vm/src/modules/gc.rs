//! The `gc` module: the Python interface to the cycle collector in
//! `crate::gc` (collection, enable/disable, thresholds, counts, statistics,
//! `gc.callbacks`, `gc.garbage`, object introspection).
//!
//! Taipan's collector is not generational: every collection is a full one.
//! The three thresholds and generations are kept for the API's sake; the
//! first threshold drives automatic collection and `collect(generation)`
//! always collects everything (which is what CPython's generation 2 does).

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::protocol::call;
use crate::types::bool_::py_bool;
use crate::types::dict::PyDict;
use crate::types::int::{as_ssize, int_from_i64};
use crate::types::list::PyList;
use crate::types::module::PyModule;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

const DEBUG_STATS: i64 = 1;
const DEBUG_COLLECTABLE: i64 = 2;
const DEBUG_UNCOLLECTABLE: i64 = 4;
const DEBUG_SAVEALL: i64 = 32;
const DEBUG_LEAK: i64 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

static THRESHOLDS: crate::runtime::gil::GilCell<Cell<(i64, i64, i64)>> =
    crate::runtime::gil::GilCell::new(Cell::new((700, 10, 10)));
static DEBUG: crate::runtime::gil::GilCell<Cell<i64>> =
    crate::runtime::gil::GilCell::new(Cell::new(0));
/// Per generation: (collections, collected).
static STATS: crate::runtime::gil::GilCell<RefCell<[(i64, i64); 3]>> =
    crate::runtime::gil::GilCell::new(RefCell::new([(0, 0); 3]));
static FROZEN: crate::runtime::gil::GilCell<Cell<usize>> =
    crate::runtime::gil::GilCell::new(Cell::new(0));

/// An attribute of the imported `gc` module (`callbacks`, `garbage`).
fn module_attr(vm: &Vm, name: &str) -> Option<PyRef> {
    let m = vm.modules().downcast::<PyDict>()?.get_rust_str("gc")?;
    m.downcast::<PyModule>()?.get_attr(name)
}

/// A C `int` argument (CPython's "Python int too large to convert to C int").
fn c_int(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    let v = as_ssize(vm, o)?;
    if v < i32::MIN as i64 || v > i32::MAX as i64 {
        return Err(crate::error::overflow_error(
            "Python int too large to convert to C int",
        ));
    }
    Ok(v)
}

fn enable(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("enable")?;
    crate::gc::enable(true);
    Ok(none())
}

fn disable(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("disable")?;
    crate::gc::enable(false);
    Ok(none())
}

fn isenabled(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("isenabled")?;
    Ok(py_bool(crate::gc::is_enabled()))
}

/// Calls each of `gc.callbacks` with `(phase, info)`.
fn run_callbacks(vm: &Vm, phase: &str, generation: i64, collected: i64) -> PyResult<()> {
    let Some(cbs) = module_attr(vm, "callbacks") else {
        return Ok(());
    };
    let Some(list) = cbs.downcast::<PyList>() else {
        return Ok(());
    };
    if list.is_empty() {
        return Ok(());
    }
    let info = PyDict::new_ref();
    if let Some(d) = info.downcast::<PyDict>() {
        d.set_str(PyStr::intern("generation"), int_from_i64(generation));
        d.set_str(PyStr::intern("collected"), int_from_i64(collected));
        d.set_str(PyStr::intern("uncollectable"), int_from_i64(0));
    }
    let phase = PyStr::new_ref(phase);
    for cb in list.to_vec() {
        if let Err(e) = call::call_pos(vm, &cb, &[phase.clone(), info.clone()]) {
            vm.write_unraisable(
                &e,
                Some(&cb),
                "Exception ignored in garbage collector callback",
            );
        }
    }
    Ok(())
}

fn collect(vm: &Vm, a: Args<'_>) -> PyResult {
    let [generation] = a.bind("collect", ["generation"], 0, 0)?;
    let g = match generation {
        Some(g) => as_ssize(vm, &g)?,
        None => 2,
    };
    if !(0..=2).contains(&g) {
        return Err(value_error("invalid generation"));
    }
    run_callbacks(vm, "start", g, 0)?;
    let n = crate::gc::collect() as i64;
    STATS.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(e) = s.get_mut(g as usize) {
            e.0 += 1;
            e.1 += n;
        }
    });
    if DEBUG.with(|d| d.get()) & DEBUG_STATS != 0 {
        crate::modules::sys::write_stderr(
            vm,
            &format!("gc: done, {n} unreachable, 0 uncollectable.\n"),
        );
    }
    run_callbacks(vm, "stop", g, n)?;
    Ok(int_from_i64(n))
}

fn get_count(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_count")?;
    let c0 = crate::gc::count_since_collect() as i64;
    Ok(PyTuple::new_ref(vec![
        int_from_i64(c0),
        int_from_i64(0),
        int_from_i64(0),
    ]))
}

fn get_threshold(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_threshold")?;
    let (t0, t1, t2) = THRESHOLDS.with(|t| t.get());
    Ok(PyTuple::new_ref(vec![
        int_from_i64(t0),
        int_from_i64(t1),
        int_from_i64(t2),
    ]))
}

fn set_threshold(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("set_threshold")?;
    let args = a.args;
    if args.is_empty() {
        return Err(type_error(
            "set_threshold() takes at least 1 argument (0 given)",
        ));
    }
    if args.len() > 3 {
        return Err(type_error(format!(
            "set_threshold() takes at most 3 arguments ({} given)",
            args.len()
        )));
    }
    let (_, mut t1, mut t2) = THRESHOLDS.with(|t| t.get());
    let t0 = c_int(vm, &args[0])?;
    if let Some(v) = args.get(1) {
        t1 = c_int(vm, v)?;
    }
    if let Some(v) = args.get(2) {
        t2 = c_int(vm, v)?;
    }
    THRESHOLDS.with(|t| t.set((t0, t1, t2)));
    crate::gc::set_threshold(t0.max(0) as usize);
    Ok(none())
}

fn get_debug(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_debug")?;
    Ok(int_from_i64(DEBUG.with(|d| d.get())))
}

fn set_debug(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = a.one_arg("set_debug")?;
    let v = c_int(vm, f)?;
    DEBUG.with(|d| d.set(v));
    Ok(none())
}

fn get_stats(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_stats")?;
    let stats = STATS.with(|s| *s.borrow());
    let mut out = Vec::new();
    for (collections, collected) in stats {
        let d = PyDict::new_ref();
        if let Some(dd) = d.downcast::<PyDict>() {
            dd.set_str(PyStr::intern("collections"), int_from_i64(collections));
            dd.set_str(PyStr::intern("collected"), int_from_i64(collected));
            dd.set_str(PyStr::intern("uncollectable"), int_from_i64(0));
        }
        out.push(d);
    }
    Ok(PyList::new_ref(out))
}

/// CPython's tracking rules where they differ from "every container":
/// a dict is only tracked once it holds something that may be tracked.
fn tracked(o: &PyRef) -> bool {
    if !crate::gc::is_tracked(o) {
        return false;
    }
    if o.is_exact::<PyDict>()
        && let Some(d) = o.downcast::<PyDict>()
    {
        return d
            .items()
            .iter()
            .any(|(k, v)| crate::gc::is_tracked(k) || crate::gc::is_tracked(v));
    }
    true
}

fn is_tracked(_: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("is_tracked")?;
    Ok(py_bool(tracked(o)))
}

fn is_finalized(_: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("is_finalized")?;
    Ok(py_bool(crate::gc::is_finalized(o)))
}

fn get_objects(vm: &Vm, a: Args<'_>) -> PyResult {
    let [generation] = a.bind("get_objects", ["generation"], 0, 0)?;
    if let Some(g) = generation.filter(|g| !is_none(g)) {
        let g = as_ssize(vm, &g)?;
        if g >= 3 {
            return Err(value_error(
                "generation parameter must be less than the number of available generations (3)",
            ));
        }
        if g < 0 {
            return Err(value_error("generation parameter cannot be negative"));
        }
        if g != 2 {
            // Taipan has one generation; everything lives in the oldest.
            return Ok(PyList::new_ref(Vec::new()));
        }
    }
    let objs: Vec<PyRef> = crate::gc::tracked_objects()
        .into_iter()
        .filter(tracked)
        .collect();
    Ok(PyList::new_ref(objs))
}

/// The objects `o` references directly (its type's traverse function).
fn referents_of(o: &PyRef) -> Vec<PyRef> {
    let Some(p) = o.header_ptr() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let ty = o.class();
    if !ty.layout.gc {
        return out;
    }
    // SAFETY: `o` keeps the object alive during the traversal; every
    // pointer reported by traverse is a live object it references, and we
    // take a new reference to each.
    unsafe {
        (ty.layout.traverse)(p, &mut |q| out.push(PyRef::from_borrowed_ptr(q)));
    }
    out
}

fn get_referents(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("get_referents")?;
    let mut out = Vec::new();
    for o in a.args {
        out.extend(referents_of(o));
    }
    Ok(PyList::new_ref(out))
}

fn get_referrers(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("get_referrers")?;
    let mut out = Vec::new();
    for cand in crate::gc::tracked_objects() {
        if referents_of(&cand)
            .iter()
            .any(|r| a.args.iter().any(|x| x.is(r)))
        {
            out.push(cand);
        }
    }
    Ok(PyList::new_ref(out))
}

fn freeze(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("freeze")?;
    FROZEN.with(|f| f.set(f.get() + crate::gc::tracked_count()));
    Ok(none())
}

fn unfreeze(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("unfreeze")?;
    FROZEN.with(|f| f.set(0));
    Ok(none())
}

fn get_freeze_count(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("get_freeze_count")?;
    Ok(int_from_i64(FROZEN.with(|f| f.get()) as i64))
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("enable", enable).with_doc("Enable automatic garbage collection."),
    MethodDef::method("disable", disable).with_doc("Disable automatic garbage collection."),
    MethodDef::method("isenabled", isenabled).with_doc("Returns true if automatic garbage collection is enabled."),
    MethodDef::method("collect", collect).with_doc("Run the garbage collector.\n\nWith no arguments, run a full collection.  The optional argument\nmay be an integer specifying which generation to collect.  A ValueError\nis raised if the generation number is invalid.\n\nThe number of unreachable objects is returned."),
    MethodDef::method("get_count", get_count).with_doc("Return a three-tuple of the current collection counts."),
    MethodDef::method("get_threshold", get_threshold).with_doc("Return the current collection thresholds."),
    MethodDef::method("set_threshold", set_threshold).with_doc("set_threshold(threshold0, [threshold1, threshold2]) -> None\n\nSets the collection thresholds.  Setting threshold0 to zero disables\ncollection.\n"),
    MethodDef::method("get_debug", get_debug).with_doc("Get the garbage collection debugging flags."),
    MethodDef::method("set_debug", set_debug).with_doc("Set the garbage collection debugging flags."),
    MethodDef::method("get_stats", get_stats).with_doc("Return a list of dictionaries containing per-generation statistics."),
    MethodDef::method("is_tracked", is_tracked).with_doc("Returns true if the object is tracked by the garbage collector.\n\nSimple atomic objects will return false."),
    MethodDef::method("is_finalized", is_finalized).with_doc("Returns true if the object has been already finalized by the GC."),
    MethodDef::method("get_objects", get_objects).with_doc("Return a list of objects tracked by the collector (excluding the list returned)."),
    MethodDef::method("get_referents", get_referents).with_doc("get_referents(*objs) -> list\nReturn the list of objects that are directly referred to by objs."),
    MethodDef::method("get_referrers", get_referrers).with_doc("get_referrers(*objs) -> list\nReturn the list of objects that directly refer to any of objs."),
    MethodDef::method("freeze", freeze).with_doc("Freeze all current tracked objects and ignore them for future collections."),
    MethodDef::method("unfreeze", unfreeze).with_doc("Unfreeze all objects in the permanent generation."),
    MethodDef::method("get_freeze_count", get_freeze_count).with_doc("Return the number of objects in the permanent generation."),
];

/// Creates the `gc` module.
pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref(
        "gc",
        Some(
            "This module provides access to the garbage collector for reference cycles.\n\nenable() -- Enable automatic garbage collection.\ndisable() -- Disable automatic garbage collection.\nisenabled() -- Returns true if automatic collection is enabled.\ncollect() -- Do a full collection right now.\nget_count() -- Return the current collection counts.\nget_stats() -- Return list of dictionaries containing per-generation stats.\nset_debug() -- Set debugging flags.\nget_debug() -- Get debugging flags.\nset_threshold() -- Set the collection thresholds.\nget_threshold() -- Return the current the collection thresholds.\nget_objects() -- Return a list of all objects tracked by the collector.\nis_tracked() -- Returns true if a given object is tracked.\nis_finalized() -- Returns true if a given object has been already finalized.\nget_referrers() -- Return the list of objects that refer to an object.\nget_referents() -- Return the list of objects that an object refers to.\nfreeze() -- Freeze all tracked objects and ignore them for future collections.\nunfreeze() -- Unfreeze all objects in the permanent generation.\nget_freeze_count() -- Return the number of objects in the permanent generation.\n",
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
    md.set_attr("garbage", PyList::new_ref(Vec::new()));
    md.set_attr("callbacks", PyList::new_ref(Vec::new()));
    for (n, v) in [
        ("DEBUG_STATS", DEBUG_STATS),
        ("DEBUG_COLLECTABLE", DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", DEBUG_SAVEALL),
        ("DEBUG_LEAK", DEBUG_LEAK),
    ] {
        md.set_attr(n, int_from_i64(v));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gc_module_api() {
        let vm = Vm::new(crate::vm::Config::default());
        let vm = &*vm;
        let m = make_module(vm).unwrap();
        if let Some(d) = vm.modules().downcast::<PyDict>() {
            d.set_str(PyStr::intern("gc"), m.clone());
        }
        let f = |n: &str| {
            m.downcast::<PyModule>()
                .and_then(|md| md.get_attr(n))
                .unwrap()
        };
        let repr = |o: &PyRef| crate::protocol::object::repr_string(vm, o).unwrap();
        assert_eq!(
            repr(&call::call_pos(vm, &f("get_threshold"), &[]).unwrap()),
            "(700, 10, 10)"
        );
        call::call_pos(vm, &f("set_threshold"), &[int_from_i64(800)]).unwrap();
        assert_eq!(
            repr(&call::call_pos(vm, &f("get_threshold"), &[]).unwrap()),
            "(800, 10, 10)"
        );
        call::call_pos(vm, &f("set_threshold"), &[int_from_i64(700)]).unwrap();
        let e = call::call_pos(vm, &f("collect"), &[int_from_i64(3)]).unwrap_err();
        assert_eq!(
            crate::protocol::object::str_string(vm, e.value()).unwrap(),
            "invalid generation"
        );
        // a callback sees start/stop and the collected count
        let log = PyList::new_ref(vec![]);
        let append = crate::protocol::object::get_attr_str(vm, &log, "append").unwrap();
        // A failing callback (list.append takes one argument, not two) is
        // reported as unraisable and does not stop the collection.
        let cbs = f("callbacks");
        cbs.downcast::<PyList>().unwrap().push(append);
        call::call_pos(vm, &f("collect"), &[]).unwrap();
        cbs.downcast::<PyList>().unwrap().items.borrow_mut().clear();
        let a = PyList::new_ref(vec![]);
        let b = PyList::new_ref(vec![a.clone()]);
        a.downcast::<PyList>().unwrap().push(b.clone());
        assert_eq!(
            repr(&call::call_pos(vm, &f("get_referents"), &[a.clone()]).unwrap()),
            "[[[[...]]]]"
        );
        let referrers = call::call_pos(vm, &f("get_referrers"), &[a.clone()]).unwrap();
        assert!(
            referrers
                .downcast::<PyList>()
                .unwrap()
                .to_vec()
                .iter()
                .any(|x| x.is(&b))
        );
        drop(referrers);
        drop((a, b));
        let n = call::call_pos(vm, &f("collect"), &[]).unwrap();
        assert!(n.as_small().unwrap() >= 2);
        assert_eq!(
            repr(&call::call_pos(vm, &f("is_tracked"), &[PyDict::new_ref()]).unwrap()),
            "False"
        );
        assert_eq!(
            repr(&call::call_pos(vm, &f("is_tracked"), &[PyList::new_ref(vec![])]).unwrap()),
            "True"
        );
        assert_eq!(
            repr(&call::call_pos(vm, &f("is_tracked"), &[int_from_i64(1)]).unwrap()),
            "False"
        );
        let stats = call::call_pos(vm, &f("get_stats"), &[]).unwrap();
        assert!(repr(&stats).starts_with(
            "[{'collections': 0, 'collected': 0, 'uncollectable': 0}, {'collections': 0"
        ));
    }
}
