//! Struct sequences (`sys.version_info`, `sys.flags`, `time.struct_time`,
//! `os.stat_result`...): tuple subclasses with named, read-only fields and
//! a `module.name(field=value, ...)` repr.  The class is defined by a small
//! piece of Python run at creation time, which keeps this generic.

use crate::error::PyResult;
use crate::types::dict::PyDict;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// Creates a struct-sequence type `module.name` with `fields` (an empty
/// `module` makes a builtins-level name, like CPython's `asyncgen_hooks`).
pub fn make_type(vm: &Vm, module: &str, name: &str, fields: &[&str]) -> PyResult {
    let full = if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}.{name}")
    };
    let mut src = format!("class {name}(tuple):\n    __slots__ = ()\n");
    src.push_str(&format!(
        "    n_sequence_fields = {0}\n    n_fields = {0}\n    n_unnamed_fields = 0\n",
        fields.len()
    ));
    src.push_str(&format!("    _fields = {fields:?}\n").replace('"', "'"));
    for (i, f) in fields.iter().enumerate() {
        src.push_str(&format!(
            "    {f} = property(lambda self: tuple.__getitem__(self, {i}))\n"
        ));
    }
    src.push_str(&format!(
        "    def __new__(cls, seq=(), dict=None):\n        seq = tuple(seq)\n        if len(seq) != {n}:\n            raise TypeError('{full}() takes a {n}-sequence (%d-sequence given)' % len(seq))\n        return tuple.__new__(cls, seq)\n",
        n = fields.len()
    ));
    let parts: Vec<String> = fields.iter().map(|f| format!("{f}=%r")).collect();
    src.push_str(&format!(
        "    def __repr__(self):\n        return '{full}({})' % tuple(self)\n",
        parts.join(", ")
    ));
    src.push_str("    def __reduce__(self):\n        return (type(self), (tuple(self),))\n");
    let globals = PyDict::new_ref();
    if let Some(d) = globals.downcast::<PyDict>() {
        let m = if module.is_empty() {
            "builtins"
        } else {
            module
        };
        d.set_str(PyStr::intern("__name__"), PyStr::new_ref(m));
    }
    let code = crate::interp::builtins::compile_source(
        vm,
        src.as_bytes(),
        "<structseq>",
        taipan_compiler::Mode::Exec,
        0,
    )?;
    crate::interp::builtins::run_code(vm, &code, &globals, None)?;
    let cls = globals
        .downcast::<PyDict>()
        .and_then(|d| d.get_rust_str(name))
        .ok_or_else(|| crate::error::system_error("structseq class not created"))?;
    Ok(cls)
}

/// Creates an instance of a struct-sequence type.
pub fn new_instance(vm: &Vm, cls: &PyRef, values: Vec<PyRef>) -> PyResult {
    crate::protocol::call::call_pos(vm, cls, &[PyTuple::new_ref(values)])
}
