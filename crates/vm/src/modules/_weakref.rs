//! The `_weakref` module (what `Lib/weakref.py` builds on): `ref`,
//! `proxy`, `getweakrefcount`, `getweakrefs`, the three weakref types and
//! `_remove_dead_weakref`.  The objects themselves are in
//! `types/weakref.rs`.

use crate::args::Args;
use crate::error::{PyResult, type_error};
use crate::object::typeobj::MethodDef;
use crate::types::dict::PyDict;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::module::PyModule;
use crate::types::none::none;
use crate::types::weakref::{self as wr, PyWeakRef};
use crate::vm::Vm;

fn proxy(_: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("proxy", 1, 2)?;
    wr::new_proxy(&args[0], args.get(1).cloned())
}

fn getweakrefcount(_: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("getweakrefcount")?;
    Ok(int_from_i64(wr::weakref_count(o) as i64))
}

fn getweakrefs(_: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("getweakrefs")?;
    Ok(PyList::new_ref(wr::weakrefs_of(o)))
}

/// `_remove_dead_weakref(dct, key)`: deletes `dct[key]` if it is a dead
/// weak reference (missing keys are fine).
fn remove_dead_weakref(vm: &Vm, a: Args<'_>) -> PyResult {
    let [d, key] = a.exact::<2>("_remove_dead_weakref")?;
    let dict = d.downcast::<PyDict>().ok_or_else(|| {
        type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {}",
            d.class().name()
        ))
    })?;
    let Some(v) = dict.get_item(vm, key)? else {
        return Ok(none());
    };
    let w = v
        .downcast::<PyWeakRef>()
        .ok_or_else(|| type_error("not a weakref"))?;
    if w.get().is_none() {
        dict.del_item(vm, key)?;
    }
    Ok(none())
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("proxy", proxy).with_doc("Create a proxy object that weakly references 'object'.\n\n'callback', if given, is called with a reference to the\nproxy when 'object' is about to be finalized."),
    MethodDef::method("getweakrefcount", getweakrefcount).with_doc("Return the number of weak references to 'object'."),
    MethodDef::method("getweakrefs", getweakrefs).with_doc("Return a list of all weak reference objects pointing to 'object'."),
    MethodDef::method("_remove_dead_weakref", remove_dead_weakref).with_doc("Atomically remove key from dict if it points to a dead weakref."),
];

/// Creates the `_weakref` module.
pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref("_weakref", Some("Weak-reference support module."));
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    for f in FUNCTIONS {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    md.set_attr("ref", wr::REF_TYPE.to_ref());
    md.set_attr("ReferenceType", wr::REF_TYPE.to_ref());
    md.set_attr("ProxyType", wr::PROXY_TYPE.to_ref());
    md.set_attr("CallableProxyType", wr::CALLABLE_PROXY_TYPE.to_ref());
    Ok(m)
}
