//! `bytes`: an immutable byte string, plus the codec helpers shared with
//! `str` (`utf-8`, `ascii`, `latin-1` with the common error handlers).

use std::cell::Cell;

use taipan_bytecode::CompareOp;
use taipan_common::Wtf8Buf;

use crate::args::Args;
use crate::error::{PyResult, index_error, type_error, value_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::int::int_from_i64;
use crate::types::none::{is_none, not_implemented};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a bytes object.
    pub struct PyBytes {
        pub data: Vec<u8>,
        hash: Cell<i64>,
    }
}

pub static BYTES_TYPE: StaticType = StaticType::new();

impl PyPayload for PyBytes {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        BYTES_TYPE.get()
    }
}

impl PyBytes {
    pub fn new_ref(data: Vec<u8>) -> PyRef {
        crate::object::alloc(PyBytes {
            data,
            hash: Cell::new(-1),
        })
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.data
    }
}

/// The bytes of a bytes-like object (bytes, bytearray, memoryview).
pub fn bytes_data(o: &PyRef) -> Option<Vec<u8>> {
    if let Some(b) = o.downcast::<PyBytes>() {
        return Some(b.data.clone());
    }
    crate::types::buffer_hook(o)
}

pub fn is_bytes_like(o: &PyRef) -> bool {
    o.downcast::<PyBytes>().is_some() || crate::types::buffer_hook(o).is_some()
}

/// `repr(b)` body with the `b` prefix.
pub fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut s = String::with_capacity(data.len() + 3);
    s.push('b');
    s.push(quote);
    for &c in data {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            c if c as char == quote => {
                s.push('\\');
                s.push(quote);
            }
            0x20..=0x7e => s.push(c as char),
            c => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push(quote);
    s
}

/// Decodes bytes to text (see `codecs.rs`).
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<Wtf8Buf> {
    crate::types::codecs::decode(data, encoding, errors)
}

/// Encodes a str object (see `codecs.rs`).
pub fn encode(s: &PyRef, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    crate::types::codecs::encode(s, encoding, errors)
}

pub fn arg_str(o: Option<&PyRef>, default: &str, what: &str) -> PyResult<String> {
    match o {
        None => Ok(default.to_string()),
        Some(x) => x
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .ok_or_else(|| type_error(format!("{what} must be str, not {}", x.class().name()))),
    }
}

/// `str(obj, encoding, errors)`.
pub fn decode_object(
    _vm: &Vm,
    o: &PyRef,
    encoding: Option<&PyRef>,
    errors: Option<&PyRef>,
) -> PyResult {
    let enc = arg_str(encoding, "utf-8", "str() argument 'encoding'")?;
    let err = arg_str(errors, "strict", "str() argument 'errors'")?;
    let Some(data) = bytes_data(o) else {
        if o.downcast::<PyStr>().is_some() {
            return Err(type_error("decoding str is not supported"));
        }
        return Err(type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            o.class().name()
        )));
    };
    crate::types::codecs::decode_to_str(_vm, &data, &enc, &err)
}

fn payload(o: &PyRef) -> PyResult<&PyBytes> {
    o.downcast::<PyBytes>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'bytes' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn b_repr(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(&bytes_repr(&payload(o)?.data)))
}

fn b_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    let b = payload(o)?;
    if b.hash.get() == -1 {
        b.hash.set(crate::runtime::hash::hash_bytes(&b.data));
    }
    Ok(b.hash.get())
}

fn b_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyBytes>(), bytes_data(b)) else {
        return Ok(not_implemented());
    };
    if b.downcast::<PyBytes>().is_none() && !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    Ok(py_bool(crate::protocol::object::ordering_matches(
        x.data.as_slice().cmp(y.as_slice()),
        op,
    )))
}

fn b_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(payload(o)?.data.len())
}

fn b_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let b = payload(o)?;
    if let Some(sl) = k.downcast::<crate::types::slice::PySlice>() {
        let (start, stop, step) = sl.indices(vm, b.data.len())?;
        let v: Vec<u8> = crate::types::slice::slice_range(start, stop, step)
            .filter_map(|i| b.data.get(i).copied())
            .collect();
        return Ok(PyBytes::new_ref(v));
    }
    let i = crate::types::int::index_for(vm, k, "byte indices must be integers or slices, not {}")?;
    let n = b.data.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("index out of range"));
    }
    Ok(int_from_i64(b.data[j as usize] as i64))
}

/// The TypeError text for `bytes(non_str, encoding/errors)`.
pub fn constructor_arg_error(encoding_given: bool) -> &'static str {
    if encoding_given {
        "encoding without a string argument"
    } else {
        "errors without a string argument"
    }
}

fn b_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyBytes>() else {
        return Ok(not_implemented());
    };
    let Some(y) = bytes_data(b) else {
        // Leave room for the right operand's __radd__.
        if b.class().is_heap() && b.class().slots().nb_add.is_some() {
            return Ok(not_implemented());
        }
        return Err(type_error(format!(
            "can't concat {} to bytes",
            b.class().name()
        )));
    };
    let mut v = x.data.clone();
    v.extend_from_slice(&y);
    Ok(PyBytes::new_ref(v))
}

fn b_mul(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, n) = match (a.downcast::<PyBytes>(), b.downcast::<PyBytes>()) {
        (Some(x), _) => (x, b),
        (None, Some(x)) => (x, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::types::bytes_methods::repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    let n = n.max(0) as usize;
    if x.data.len().checked_mul(n).is_none_or(|t| t > (1 << 40)) {
        return Err(crate::error::memory_error(""));
    }
    Ok(PyBytes::new_ref(x.data.repeat(n)))
}

fn b_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    let b = payload(o)?;
    if let Some(sub) = bytes_data(k) {
        return Ok(crate::types::str::find_bytes(&b.data, &sub).is_some());
    }
    let i = crate::types::int::index_for(vm, k, "a bytes-like object is required, not '{}'")?;
    if !(0..256).contains(&i) {
        return Err(value_error("byte must be in range(0, 256)"));
    }
    Ok(b.data.contains(&(i as u8)))
}

fn b_iter(_: &Vm, o: &PyRef) -> PyResult {
    payload(o)?;
    Ok(crate::types::iterators::seq_iter(o.clone()))
}

/// `bytes(x)` conversion of the argument forms.
pub fn bytes_from_object(vm: &Vm, x: &PyRef) -> PyResult<Vec<u8>> {
    bytes_from_object_for(vm, x, "bytes")
}

/// `bytes(x)` / `bytearray(x)` conversion; `target` names the type in
/// messages.
pub fn bytes_from_object_for(vm: &Vm, x: &PyRef, target: &str) -> PyResult<Vec<u8>> {
    if let Some(d) = bytes_data(x) {
        return Ok(d);
    }
    if x.downcast::<PyStr>().is_some() {
        return Err(type_error("string argument without an encoding"));
    }
    if crate::types::int::is_int(x) || x.class().slots().nb_index.is_some() {
        let n = crate::types::int::as_ssize(vm, x)?;
        if n < 0 {
            return Err(value_error("negative count"));
        }
        return Ok(vec![0u8; n as usize]);
    }
    if let Some(r) = crate::protocol::call::call_special(vm, x, "__bytes__", &[])? {
        return bytes_data(&r).ok_or_else(|| {
            type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                r.class().name()
            ))
        });
    }
    // Only a TypeError becomes "cannot convert" (a released memoryview
    // keeps its ValueError).
    let it = crate::protocol::iter::get_iter(vm, x).map_err(|e| {
        if !e.matches(&crate::types::exceptions::TYPE_ERROR) {
            return e;
        }
        type_error(format!(
            "cannot convert '{}' object to {target}",
            x.class().name()
        ))
    })?;
    let mut out = Vec::new();
    while let Some(v) = crate::protocol::iter::next(vm, &it)? {
        let i = crate::types::int::index_for(
            vm,
            &v,
            "'{}' object cannot be interpreted as an integer",
        )?;
        if !(0..256).contains(&i) {
            return Err(value_error(if target == "bytes" {
                "bytes must be in range(0, 256)"
            } else {
                "byte must be in range(0, 256)"
            }));
        }
        out.push(i as u8);
    }
    Ok(out)
}

fn b_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [src, enc, err] = a.bind("bytes", ["source", "encoding", "errors"], 0, 0)?;
    let data = match (src, enc, err) {
        (None, None, None) => Vec::new(),
        (Some(s), e @ Some(_), r) if s.downcast::<PyStr>().is_some() => {
            let e = arg_str(e.as_ref(), "utf-8", "bytes() argument 'encoding'")?;
            let r = arg_str(r.as_ref(), "strict", "bytes() argument 'errors'")?;
            bytes_data(&crate::types::codecs::encode_to_bytes(vm, &s, &e, &r)?).unwrap_or_default()
        }
        (Some(s), None, None) => bytes_from_object(vm, &s)?,
        (Some(s), None, Some(_)) if s.downcast::<PyStr>().is_some() => {
            return Err(type_error("string argument without an encoding"));
        }
        (_, e, _) => {
            return Err(type_error(crate::types::bytes::constructor_arg_error(
                e.is_some(),
            )));
        }
    };
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("bytes.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyBytes {
            data,
            hash: Cell::new(-1),
        },
    ))
}

fn m_getnewargs(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__getnewargs__")?;
    Ok(crate::types::tuple::PyTuple::new_ref(vec![
        PyBytes::new_ref(payload(s)?.data.clone()),
    ]))
}

fn m_bytes(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__bytes__")?;
    if s.is_exact::<PyBytes>() {
        return Ok(s.clone());
    }
    Ok(PyBytes::new_ref(payload(s)?.data.clone()))
}

static METHODS: &[MethodDef] = crate::bytes_common_methods!(
    MethodDef::method("__getnewargs__", m_getnewargs),
    MethodDef::method("__bytes__", m_bytes),
);

fn b_mod(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyBytes>() else {
        return Ok(not_implemented());
    };
    Ok(PyBytes::new_ref(
        crate::types::str_format::bytes_percent_format(vm, &x.data, b)?,
    ))
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &BYTES_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(b_repr),
                hash: Some(b_hash),
                richcompare: Some(b_richcompare),
                mp_len: Some(b_len),
                mp_getitem: Some(b_getitem),
                nb_add: Some(b_add),
                nb_mul: Some(b_mul),
                nb_mod: Some(b_mod),
                sq_contains: Some(b_contains),
                iter: Some(b_iter),
                new: Some(b_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            flags: flags::BASETYPE | flags::BYTES_SUBCLASS,
            doc: Some(
                "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\nbytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\nbytes(int) -> bytes object of size given by the parameter initialized with null bytes\nbytes() -> empty bytes object\n\nConstruct an immutable array of bytes from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - any object implementing the buffer API.\n  - an integer",
            ),
            ..TypeSpec::new("bytes", Layout::of::<PyBytes>())
        },
    )]
}

#[allow(dead_code)]
fn _unused(o: &PyRef) -> bool {
    is_none(o)
}
