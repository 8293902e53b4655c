//! `bytearray`: a mutable byte string.  The str-like methods are shared with
//! `bytes` (`bytes_methods.rs`); this file holds the payload, the slots
//! (indexing, slice assignment, `+=`, `*=`, comparisons) and the list-like
//! mutators.  `exports` counts live memoryviews: while it is non-zero the
//! size may not change (CPython's `BufferError`).

use std::cell::{Cell, RefCell};

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyErr, PyResult, index_error, type_error, value_error};
use crate::object::typeobj::{MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::bytes::{PyBytes, bytes_data, bytes_from_object_for};
use crate::types::int::int_from_i64;
use crate::types::none::{none, not_implemented};
use crate::types::slice::{PySlice, slice_range};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a bytearray object.
    pub struct PyByteArray {
        pub data: RefCell<Vec<u8>>,
        pub exports: Cell<usize>,
    }
}

pub static BYTEARRAY_TYPE: StaticType = StaticType::new();

impl PyPayload for PyByteArray {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        BYTEARRAY_TYPE.get()
    }
}

impl PyByteArray {
    pub fn new_ref(data: Vec<u8>) -> PyRef {
        crate::object::alloc(PyByteArray {
            data: RefCell::new(data),
            exports: Cell::new(0),
        })
    }

    /// A copy of the contents.
    pub fn to_vec(&self) -> Vec<u8> {
        self.data.borrow().clone()
    }

    /// Fails with `BufferError` while memoryviews are exported.
    fn check_resize(&self) -> PyResult<()> {
        if self.exports.get() > 0 {
            return Err(PyErr::new_msg(
                &crate::types::exceptions::BUFFER_ERROR,
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        Ok(())
    }
}

/// True if `t` is bytearray or a subclass.
pub fn is_bytearray_type(t: &Obj<PyType>) -> bool {
    t.is_subtype(BYTEARRAY_TYPE.get())
}

fn payload(o: &PyRef) -> PyResult<&PyByteArray> {
    o.downcast::<PyByteArray>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'bytearray' object but received a '{}'",
            o.class().name()
        ))
    })
}

fn byte_value(vm: &Vm, v: &PyRef) -> PyResult<u8> {
    let i = crate::types::int::index_for(vm, v, "'{}' object cannot be interpreted as an integer")?;
    if !(0..256).contains(&i) {
        return Err(value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

fn ba_repr(_: &Vm, o: &PyRef) -> PyResult {
    let b = payload(o)?;
    let d = b.data.borrow();
    let quote = if d.contains(&b'\'') && !d.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut inner = String::with_capacity(d.len() + 3);
    inner.push('b');
    inner.push(quote);
    for &c in d.iter() {
        match c {
            b'\'' => inner.push_str("\\'"),
            b'\\' => inner.push_str("\\\\"),
            b'\t' => inner.push_str("\\t"),
            b'\n' => inner.push_str("\\n"),
            b'\r' => inner.push_str("\\r"),
            0x20..=0x7e => inner.push(c as char),
            c => inner.push_str(&format!("\\x{c:02x}")),
        }
    }
    inner.push(quote);
    drop(d);
    let name = o.class().name();
    Ok(PyStr::new_ref(&format!("{name}({inner})")))
}

fn ba_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyByteArray>(), bytes_data(b)) else {
        return Ok(not_implemented());
    };
    let ord = x.data.borrow().as_slice().cmp(y.as_slice());
    Ok(py_bool(crate::protocol::object::ordering_matches(ord, op)))
}

fn ba_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(payload(o)?.data.borrow().len())
}

fn norm_index(vm: &Vm, k: &PyRef, len: usize) -> PyResult<Option<usize>> {
    let i = crate::types::int::index_for(
        vm,
        k,
        "bytearray indices must be integers or slices, not {}",
    )?;
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    Ok(if j < 0 || j >= n {
        None
    } else {
        Some(j as usize)
    })
}

fn ba_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let b = payload(o)?;
    if let Some(sl) = k.downcast::<PySlice>() {
        let len = b.data.borrow().len();
        let (start, stop, step) = sl.indices(vm, len)?;
        let d = b.data.borrow();
        let v: Vec<u8> = slice_range(start, stop, step)
            .filter_map(|i| d.get(i).copied())
            .collect();
        return Ok(PyByteArray::new_ref(v));
    }
    let len = b.data.borrow().len();
    match norm_index(vm, k, len)? {
        Some(i) => Ok(int_from_i64(
            b.data.borrow().get(i).copied().unwrap_or(0) as i64
        )),
        None => Err(index_error("bytearray index out of range")),
    }
}

/// Bytes for slice assignment: bytes-like or an iterable of ints (not str,
/// not int).
fn assign_source(vm: &Vm, o: &PyRef, v: &PyRef) -> PyResult<Vec<u8>> {
    if v.is(o) {
        return Ok(payload(o)?.to_vec());
    }
    if let Some(d) = bytes_data(v) {
        return Ok(d);
    }
    if crate::types::int::is_int(v) || v.downcast::<PyStr>().is_some() {
        return Err(type_error(
            "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
        ));
    }
    bytes_from_object_for(vm, v, "bytearray")
}

fn ba_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let b = payload(o)?;
    if let Some(sl) = k.downcast::<PySlice>() {
        let len = b.data.borrow().len();
        let (start, stop, step) = sl.indices(vm, len)?;
        let new = match v {
            Some(v) => Some(assign_source(vm, o, v)?),
            None => None,
        };
        let idx: Vec<usize> = slice_range(start, stop, step).collect();
        if step == 1 || (new.is_none() && idx.is_empty()) {
            let a = (start as usize).min(len);
            let e = (stop.max(start) as usize).min(len);
            let new = new.unwrap_or_default();
            if new.len() != e - a {
                b.check_resize()?;
            }
            b.data.borrow_mut().splice(a..e, new);
            return Ok(());
        }
        match new {
            None => {
                b.check_resize()?;
                let mut d = b.data.borrow_mut();
                let mut sorted = idx;
                sorted.sort_unstable();
                for &i in sorted.iter().rev() {
                    if i < d.len() {
                        d.remove(i);
                    }
                }
            }
            Some(new) => {
                if new.len() != idx.len() {
                    return Err(value_error(format!(
                        "attempt to assign bytes of size {} to extended slice of size {}",
                        new.len(),
                        idx.len()
                    )));
                }
                let mut d = b.data.borrow_mut();
                for (i, x) in idx.into_iter().zip(new) {
                    if let Some(slot) = d.get_mut(i) {
                        *slot = x;
                    }
                }
            }
        }
        return Ok(());
    }
    let len = b.data.borrow().len();
    let Some(i) = norm_index(vm, k, len)? else {
        return Err(index_error("bytearray index out of range"));
    };
    match v {
        Some(v) => {
            let x = byte_value(vm, v)?;
            if let Some(slot) = b.data.borrow_mut().get_mut(i) {
                *slot = x;
            }
        }
        None => {
            b.check_resize()?;
            let mut d = b.data.borrow_mut();
            if i < d.len() {
                d.remove(i);
            }
        }
    }
    Ok(())
}

fn ba_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyByteArray>() else {
        return Ok(not_implemented());
    };
    let Some(y) = bytes_data(b) else {
        return Err(type_error(format!(
            "can't concat {} to bytearray",
            b.class().name()
        )));
    };
    let mut v = x.to_vec();
    v.extend_from_slice(&y);
    Ok(PyByteArray::new_ref(v))
}

fn ba_iadd(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyByteArray>() else {
        return Ok(not_implemented());
    };
    let Some(y) = bytes_data(b) else {
        return Err(type_error(format!(
            "can't concat {} to bytearray",
            b.class().name()
        )));
    };
    if !y.is_empty() {
        x.check_resize()?;
    }
    x.data.borrow_mut().extend_from_slice(&y);
    Ok(a.clone())
}

fn repeat_count(vm: &Vm, n: &PyRef) -> PyResult<Option<usize>> {
    Ok(crate::types::bytes_methods::repeat_count(vm, n)?.map(|n| n.max(0) as usize))
}

fn ba_mul(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, n) = match (a.downcast::<PyByteArray>(), b.downcast::<PyByteArray>()) {
        (Some(x), _) => (x, b),
        (None, Some(x)) => (x, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    let d = x.to_vec();
    if d.len().checked_mul(n).is_none_or(|t| t > (1 << 40)) {
        return Err(crate::error::memory_error(""));
    }
    Ok(PyByteArray::new_ref(d.repeat(n)))
}

fn ba_imul(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyByteArray>() else {
        return Ok(not_implemented());
    };
    let Some(n) = repeat_count(vm, b)? else {
        return Ok(not_implemented());
    };
    let d = x.to_vec();
    if d.len().checked_mul(n).is_none_or(|t| t > (1 << 40)) {
        return Err(crate::error::memory_error(""));
    }
    if n != 1 && !d.is_empty() {
        x.check_resize()?;
    }
    *x.data.borrow_mut() = d.repeat(n);
    Ok(a.clone())
}

fn ba_mod(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let Some(x) = a.downcast::<PyByteArray>() else {
        return Ok(not_implemented());
    };
    let out = crate::types::str_format::bytes_percent_format(vm, &x.to_vec(), b)?;
    Ok(PyByteArray::new_ref(out))
}

fn ba_contains(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<bool> {
    let d = payload(o)?.to_vec();
    if let Some(sub) = bytes_data(k) {
        return Ok(crate::types::bytes_methods::find_sub(&d, &sub).is_some());
    }
    let i = crate::types::int::index_for(vm, k, "a bytes-like object is required, not '{}'")?;
    if !(0..256).contains(&i) {
        return Err(value_error("byte must be in range(0, 256)"));
    }
    Ok(d.contains(&(i as u8)))
}

fn ba_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(crate::types::iterators::seq_iter(o.clone()))
}

fn ba_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [src, enc, err] = a.bind("bytearray", ["source", "encoding", "errors"], 0, 0)?;
    let data = match (src, enc, err) {
        (None, None, None) => Vec::new(),
        (Some(s), e @ Some(_), r) if s.downcast::<PyStr>().is_some() => {
            let e = crate::types::bytes::arg_str(
                e.as_ref(),
                "utf-8",
                "bytearray() argument 'encoding'",
            )?;
            let r = crate::types::bytes::arg_str(
                r.as_ref(),
                "strict",
                "bytearray() argument 'errors'",
            )?;
            crate::types::bytes::bytes_data(&crate::types::codecs::encode_to_bytes(vm, &s, &e, &r)?)
                .unwrap_or_default()
        }
        (Some(s), None, None) => bytes_from_object_for(vm, &s, "bytearray")?,
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
        .ok_or_else(|| type_error("bytearray.__new__(X): X is not a type object"))?;
    Ok(crate::object::alloc_as(
        t,
        PyByteArray {
            data: RefCell::new(data),
            exports: Cell::new(0),
        },
    ))
}

fn this<'a>(a: &Args<'a>, name: &str) -> PyResult<(&'a PyRef, &'a PyByteArray)> {
    let s = a.args.first().ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' of 'bytearray' object needs an argument"
        ))
    })?;
    Ok((s, payload(s)?))
}

fn m_append(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "append")?;
    let v = a.shift().one_arg("bytearray.append")?;
    let x = byte_value(vm, v)?;
    b.check_resize()?;
    b.data.borrow_mut().push(x);
    Ok(none())
}

fn m_extend(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, b) = this(&a, "extend")?;
    let v = a.shift().one_arg("bytearray.extend")?;
    let d = if v.is(s) {
        b.to_vec()
    } else if let Some(d) = bytes_data(v) {
        d
    } else {
        let it = crate::protocol::iter::get_iter(vm, v)
            .map_err(|_| type_error(format!("can't extend bytearray with {}", v.class().name())))?;
        let mut out = Vec::new();
        while let Some(x) = crate::protocol::iter::next(vm, &it)? {
            out.push(byte_value(vm, &x)?);
        }
        out
    };
    if !d.is_empty() {
        b.check_resize()?;
    }
    b.data.borrow_mut().extend_from_slice(&d);
    Ok(none())
}

fn m_insert(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "insert")?;
    let [i, v] = a.shift().exact::<2>("insert")?;
    let i = crate::types::int::as_ssize(vm, i)?;
    let x = byte_value(vm, v)?;
    b.check_resize()?;
    let mut d = b.data.borrow_mut();
    let n = d.len() as i64;
    let pos = if i < 0 { (i + n).max(0) } else { i.min(n) };
    d.insert(pos as usize, x);
    Ok(none())
}

fn m_pop(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "pop")?;
    let rest = a.shift().range("pop", 0, 1)?;
    let i = match rest.first() {
        Some(x) => crate::types::int::as_ssize(vm, x)?,
        None => -1,
    };
    let n = b.data.borrow().len() as i64;
    if n == 0 {
        return Err(index_error("pop from empty bytearray"));
    }
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("pop index out of range"));
    }
    b.check_resize()?;
    let x = b.data.borrow_mut().remove(j as usize);
    Ok(int_from_i64(x as i64))
}

fn m_remove(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "remove")?;
    let v = a.shift().one_arg("bytearray.remove")?;
    let x = byte_value(vm, v)?;
    let pos = b.data.borrow().iter().position(|&c| c == x);
    match pos {
        Some(p) => {
            b.check_resize()?;
            b.data.borrow_mut().remove(p);
            Ok(none())
        }
        None => Err(value_error("value not found in bytearray")),
    }
}

fn m_reverse(_: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "reverse")?;
    a.shift().no_args("bytearray.reverse")?;
    b.data.borrow_mut().reverse();
    Ok(none())
}

fn m_clear(_: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "clear")?;
    a.shift().no_args("bytearray.clear")?;
    if !b.data.borrow().is_empty() {
        b.check_resize()?;
    }
    b.data.borrow_mut().clear();
    Ok(none())
}

fn m_copy(_: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "copy")?;
    a.shift().no_args("bytearray.copy")?;
    Ok(PyByteArray::new_ref(b.to_vec()))
}

fn m_alloc(_: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "__alloc__")?;
    a.shift().no_args("bytearray.__alloc__")?;
    Ok(int_from_i64(b.data.borrow().capacity() as i64 + 1))
}

fn m_sizeof(_: &Vm, a: Args<'_>) -> PyResult {
    let (_, b) = this(&a, "__sizeof__")?;
    Ok(int_from_i64(56 + b.data.borrow().capacity() as i64))
}

/// `__reduce__`/`__reduce_ex__`: protocols below 3 pickle the bytes as a
/// latin-1 str (CPython's compatibility form), newer ones as bytes.
fn reduce_impl(vm: &Vm, s: &PyRef, b: &PyByteArray, proto: i64) -> PyResult {
    let data = b.to_vec();
    let args = if proto < 3 {
        let text: String = data.iter().map(|&c| c as char).collect();
        vec![PyStr::new_ref(&text), PyStr::new_ref("latin-1")]
    } else {
        vec![PyBytes::new_ref(data)]
    };
    let dict = match s.attrs() {
        Some(at) => {
            let d = at.dict();
            if crate::protocol::object::len(vm, &d)? > 0 {
                d
            } else {
                none()
            }
        }
        None => none(),
    };
    Ok(crate::types::tuple::PyTuple::new_ref(vec![
        s.class().to_ref(),
        crate::types::tuple::PyTuple::new_ref(args),
        dict,
    ]))
}

fn m_reduce_ex(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, b) = this(&a, "__reduce_ex__")?;
    let rest = a.shift().range("__reduce_ex__", 0, 1)?;
    let proto = match rest.first() {
        Some(p) => crate::types::int::as_ssize(vm, p)?,
        None => 0,
    };
    reduce_impl(vm, s, b, proto)
}

fn m_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, b) = this(&a, "__reduce__")?;
    a.shift().no_args("bytearray.__reduce__")?;
    reduce_impl(vm, s, b, 0)
}

static METHODS: &[MethodDef] = crate::bytes_common_methods!(
    MethodDef::method("append", m_append),
    MethodDef::method("extend", m_extend),
    MethodDef::method("insert", m_insert),
    MethodDef::method("pop", m_pop),
    MethodDef::method("remove", m_remove),
    MethodDef::method("reverse", m_reverse),
    MethodDef::method("clear", m_clear),
    MethodDef::method("copy", m_copy),
    MethodDef::method("__alloc__", m_alloc),
    MethodDef::method("__sizeof__", m_sizeof),
    MethodDef::method("__reduce_ex__", m_reduce_ex),
    MethodDef::method("__reduce__", m_reduce),
);

fn buffer_of(o: &PyRef) -> Option<Vec<u8>> {
    o.downcast::<PyByteArray>().map(|b| b.to_vec())
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        crate::types::register_buffer_provider(buffer_of);
        crate::types::register_buffer_provider(crate::types::memoryview::buffer_of);
    });
    vec![(
        &BYTEARRAY_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(ba_repr),
                hash: Some(crate::protocol::object::hash_not_implemented),
                richcompare: Some(ba_richcompare),
                mp_len: Some(ba_len),
                mp_getitem: Some(ba_getitem),
                mp_setitem: Some(ba_setitem),
                nb_add: Some(ba_add),
                nb_iadd: Some(ba_iadd),
                nb_mul: Some(ba_mul),
                nb_imul: Some(ba_imul),
                nb_mod: Some(ba_mod),
                sq_contains: Some(ba_contains),
                iter: Some(ba_iter),
                new: Some(ba_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            flags: flags::BASETYPE,
            doc: Some(
                "bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray\nbytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\nbytearray(int) -> bytes array of size given by the parameter initialized with null bytes\nbytearray() -> empty bytes array\n\nConstruct a mutable bytearray object from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - a bytes or a buffer object\n  - any object implementing the buffer API.\n  - an integer",
            ),
            ..TypeSpec::new("bytearray", Layout::of::<PyByteArray>())
        },
    )]
}

#[allow(dead_code)]
fn _unused(_: &PyBytes) {}
