//! The `array` module: `array.array`, a mutable sequence of C numbers of
//! one type code (`b B u h H i I l L q Q f d`), stored as raw native bytes
//! so `tobytes`/`frombytes`, `buffer_info` and the buffer protocol are
//! copies of the storage.  Items are converted on the way in with the
//! range checks (and OverflowError texts) of CPython's per-code setters,
//! and on the way out by reading native-endian bytes.
//!
//! Pickling uses `array._array_reconstructor(cls, typecode, mformat_code,
//! bytes)` with CPython's machine-format codes, so pickles interoperate.

use std::cell::{Cell, RefCell};

use num_traits::ToPrimitive;
use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyResult, index_error, overflow_error, type_error, value_error};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bytes::PyBytes;
use crate::types::float::float_ref;
use crate::types::int::{int_from_i64, int_from_u64};
use crate::types::list::PyList;
use crate::types::none::{none, not_implemented};
use crate::types::slice::{PySlice, slice_range};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

pub static ARRAY_TYPE: StaticType = StaticType::new();
pub static ARRAY_ITER_TYPE: StaticType = StaticType::new();

/// The type codes, in CPython's order.
pub const TYPECODES: &str = "bBuhHiIlLqQfd";

/// Item size of a type code (native sizes of this platform).
fn itemsize(c: u8) -> usize {
    match c {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'u' | b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

crate::py_payload! {
    /// The payload of an `array.array`.
    pub struct PyArray {
        code: u8,
        data: RefCell<Vec<u8>>,
        exports: Cell<usize>,
    }
}

impl PyPayload for PyArray {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        ARRAY_TYPE.get()
    }
}

impl PyArray {
    fn isz(&self) -> usize {
        itemsize(self.code)
    }

    fn len(&self) -> usize {
        self.data.borrow().len() / self.isz()
    }

    /// Length of the storage in bytes.
    pub fn byte_len(&self) -> usize {
        self.data.borrow().len()
    }

    /// The type code.
    pub fn typecode(&self) -> u8 {
        self.code
    }

    /// The count of live buffer exports (memoryviews); resizing is refused
    /// while it is not zero.
    pub fn exports(&self) -> &Cell<usize> {
        &self.exports
    }

    /// A copy of the storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.data.borrow().clone()
    }

    /// Overwrites bytes at `at` (the caller checked the bounds).
    pub fn write_bytes(&self, at: usize, src: &[u8]) {
        if let Some(dst) = self.data.borrow_mut().get_mut(at..at + src.len()) {
            dst.copy_from_slice(src);
        }
    }

    fn item(&self, i: usize) -> PyRef {
        let d = self.data.borrow();
        let n = self.isz();
        decode(self.code, &d[i * n..(i + 1) * n])
    }

    fn check_resize(&self) -> PyResult<()> {
        if self.exports.get() > 0 {
            return Err(crate::error::buffer_error(
                "cannot resize an array that is exporting buffers",
            ));
        }
        Ok(())
    }
}

/// The Python value of one item's bytes.
fn decode(code: u8, b: &[u8]) -> PyRef {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    let u = u64::from_ne_bytes(w);
    match code {
        b'b' => int_from_i64(b[0] as i8 as i64),
        b'B' => int_from_i64(b[0] as i64),
        b'h' => int_from_i64(u as u16 as i16 as i64),
        b'H' => int_from_i64(u as u16 as i64),
        b'i' => int_from_i64(u as u32 as i32 as i64),
        b'I' => int_from_i64(u as u32 as i64),
        b'l' | b'q' => int_from_i64(u as i64),
        b'L' | b'Q' => int_from_u64(u),
        b'f' => float_ref(f32::from_bits(u as u32) as f64),
        b'd' => float_ref(f64::from_bits(u)),
        _ => match char::from_u32(u as u32) {
            Some(c) => PyStr::new_ref(c.encode_utf8(&mut [0; 4])),
            None => {
                let mut w = taipan_common::Wtf8Buf::new();
                w.push_code_point(u as u32);
                PyStr::from_wtf8_ref(w)
            }
        },
    }
}

/// CPython's per-code integer checks: (stage, low, high, message) in order.
fn int_checks(code: u8) -> &'static [(i128, i128, &'static str, &'static str)] {
    const LONG: (i128, i128, &str, &str) = (
        i64::MIN as i128,
        i64::MAX as i128,
        "Python int too large to convert to C long",
        "Python int too large to convert to C long",
    );
    const SHORT: (i128, i128, &str, &str) = (
        i16::MIN as i128,
        i16::MAX as i128,
        "signed short integer is greater than maximum",
        "signed short integer is less than minimum",
    );
    const INT: (i128, i128, &str, &str) = (
        i32::MIN as i128,
        i32::MAX as i128,
        "signed integer is greater than maximum",
        "signed integer is less than minimum",
    );
    const ULONG_NEG: (i128, i128, &str, &str) = (
        0,
        u64::MAX as i128,
        "Python int too large to convert to C unsigned long",
        "can't convert negative value to unsigned int",
    );
    match code {
        b'b' => &[
            LONG,
            SHORT,
            (
                -128,
                127,
                "signed char is greater than maximum",
                "signed char is less than minimum",
            ),
        ],
        b'B' => &[
            LONG,
            (
                0,
                255,
                "unsigned byte integer is greater than maximum",
                "unsigned byte integer is less than minimum",
            ),
        ],
        b'h' => &[LONG, SHORT],
        b'H' => &[
            LONG,
            INT,
            (
                0,
                65535,
                "unsigned short is greater than maximum",
                "unsigned short is less than minimum",
            ),
        ],
        b'i' => &[LONG, INT],
        b'I' => &[
            ULONG_NEG,
            (
                0,
                u32::MAX as i128,
                "unsigned int is greater than maximum",
                "",
            ),
        ],
        b'l' => &[LONG],
        b'L' => &[ULONG_NEG],
        b'q' => &[(
            i64::MIN as i128,
            i64::MAX as i128,
            "int too big to convert",
            "int too big to convert",
        )],
        _ => &[(
            0,
            u64::MAX as i128,
            "int too big to convert",
            "can't convert negative int to unsigned",
        )],
    }
}

/// The native bytes of `v` as an item of type `code`.
fn encode(vm: &Vm, code: u8, v: &PyRef) -> PyResult<[u8; 8]> {
    let bits: u64 = match code {
        b'f' => (crate::protocol::number::to_f64(vm, v)? as f32).to_bits() as u64,
        b'd' => crate::protocol::number::to_f64(vm, v)?.to_bits(),
        b'u' => {
            let c = v
                .downcast::<PyStr>()
                .filter(|s| s.char_len() == 1)
                .and_then(|s| s.char_at(0))
                .ok_or_else(|| type_error("array item must be unicode character"))?;
            c as u64
        }
        _ => {
            let i = crate::types::int::index_for(
                vm,
                v,
                "'{}' object cannot be interpreted as an integer",
            )
            .ok();
            let big = if let Some(i) = i.filter(|&i| i != i64::MIN && i != i64::MAX) {
                Some(i as i128)
            } else {
                let iv = crate::protocol::number::index(vm, v)?;
                crate::types::int::to_bigint(&iv).and_then(|b| b.to_i128())
            };
            // Values beyond i128 fail the first check in the right direction.
            let x = match big {
                Some(x) => x,
                None => {
                    let neg =
                        crate::types::int::is_negative(&crate::protocol::number::index(vm, v)?);
                    if neg { i128::MIN } else { i128::MAX }
                }
            };
            for &(lo, hi, over, under) in int_checks(code) {
                if x > hi {
                    return Err(overflow_error(over));
                }
                if x < lo {
                    return Err(overflow_error(under));
                }
            }
            x as i64 as u64
        }
    };
    Ok(bits.to_ne_bytes())
}

fn arr(o: &PyRef) -> PyResult<&PyArray> {
    o.downcast::<PyArray>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'array.array' object but received a '{}'",
            o.class().name()
        ))
    })
}

/// A new array of type `cls` holding `data`.
fn new_array(cls: &Obj<PyType>, code: u8, data: Vec<u8>) -> PyRef {
    crate::object::alloc_as(
        cls,
        PyArray {
            code,
            data: RefCell::new(data),
            exports: Cell::new(0),
        },
    )
}

/// Appends the items of an iterable.
fn extend_iter(vm: &Vm, a: &PyArray, it: &PyRef) -> PyResult<()> {
    let iter = crate::protocol::iter::get_iter(vm, it)?;
    while let Some(x) = crate::protocol::iter::next(vm, &iter)? {
        let b = encode(vm, a.code, &x)?;
        a.check_resize()?;
        a.data.borrow_mut().extend_from_slice(&b[..a.isz()]);
    }
    Ok(())
}

fn frombytes_into(a: &PyArray, b: &[u8]) -> PyResult<()> {
    if b.len() % a.isz() != 0 {
        return Err(value_error("bytes length not a multiple of item size"));
    }
    a.check_resize()?;
    a.data.borrow_mut().extend_from_slice(b);
    Ok(())
}

fn fromunicode_into(a: &PyArray, s: &PyStr) {
    let mut d = a.data.borrow_mut();
    for cp in s.code_points() {
        d.extend_from_slice(&cp.to_ne_bytes());
    }
}

fn array_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("array.__new__(X): X is not a type object"))?;
    if a.has_kwargs() && std::ptr::eq(t, ARRAY_TYPE.get()) {
        return Err(type_error("array.array() takes no keyword arguments"));
    }
    let args = a.positional();
    if args.is_empty() {
        return Err(type_error("array() takes at least 1 argument (0 given)"));
    }
    if args.len() > 2 {
        return Err(type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let code = match args[0].downcast::<PyStr>() {
        Some(s) if s.char_len() == 1 => s.char_at(0).unwrap_or(0),
        _ => {
            return Err(type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                args[0].class().name()
            )));
        }
    };
    if !(code < 128 && TYPECODES.as_bytes().contains(&(code as u8))) {
        return Err(value_error(
            "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
        ));
    }
    let code = code as u8;
    let obj = new_array(t, code, Vec::new());
    let Some(init) = args.get(1) else {
        return Ok(obj);
    };
    let ar = arr(&obj)?;
    if let Some(s) = init.downcast::<PyStr>() {
        if code != b'u' {
            return Err(type_error(format!(
                "cannot use a str to initialize an array with typecode '{}'",
                code as char
            )));
        }
        fromunicode_into(ar, s);
    } else if let Some(src) = init.downcast::<PyArray>() {
        if (src.code == b'u') != (code == b'u') {
            return Err(type_error(format!(
                "cannot use a unicode array to initialize an array with typecode '{}'",
                code as char
            )));
        }
        if src.code == code {
            *ar.data.borrow_mut() = src.to_bytes();
        } else {
            extend_iter(vm, ar, init)?;
        }
    } else if let Some(b) = init
        .downcast::<PyBytes>()
        .map(|b| b.as_bytes().to_vec())
        .or_else(|| {
            init.downcast::<crate::types::bytearray::PyByteArray>()
                .map(|b| b.to_vec())
        })
    {
        frombytes_into(ar, &b)?;
    } else {
        extend_iter(vm, ar, init)?;
    }
    Ok(obj)
}

// ------------------------------------------------------------- protocol

fn array_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(arr(o)?.len())
}

fn norm(vm: &Vm, k: &PyRef, n: usize, msg: &str) -> PyResult<usize> {
    let i = crate::types::int::index_for(vm, k, "array indices must be integers")?;
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(index_error(msg));
    }
    Ok(j as usize)
}

fn array_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let a = arr(o)?;
    if let Some(sl) = k.downcast::<PySlice>() {
        let (start, stop, step) = sl.indices(vm, a.len())?;
        let n = a.isz();
        let d = a.data.borrow();
        let mut out = Vec::new();
        for i in slice_range(start, stop, step) {
            if let Some(b) = d.get(i * n..(i + 1) * n) {
                out.extend_from_slice(b);
            }
        }
        return Ok(new_array(ARRAY_TYPE.get(), a.code, out));
    }
    let i = norm(vm, k, a.len(), "array index out of range")?;
    Ok(a.item(i))
}

fn array_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let a = arr(o)?;
    let n = a.isz();
    if let Some(sl) = k.downcast::<PySlice>() {
        let (start, stop, step) = sl.indices(vm, a.len())?;
        let idx: Vec<usize> = slice_range(start, stop, step).collect();
        let Some(v) = v else {
            a.check_resize()?;
            let mut d = a.data.borrow_mut();
            let mut dead = vec![false; d.len() / n];
            for &i in &idx {
                if let Some(x) = dead.get_mut(i) {
                    *x = true;
                }
            }
            let old = std::mem::take(&mut *d);
            for (c, dead) in old.chunks(n).zip(dead) {
                if !dead {
                    d.extend_from_slice(c);
                }
            }
            return Ok(());
        };
        let Some(src) = v.downcast::<PyArray>() else {
            return Err(type_error(format!(
                "can only assign array (not \"{}\") to array slice",
                v.class().name()
            )));
        };
        if src.code != a.code {
            return Err(type_error("bad argument type for built-in operation"));
        }
        let new = src.to_bytes();
        if step == 1 {
            let len = a.len();
            let lo = (start.max(0) as usize).min(len);
            let hi = (stop.max(start).max(0) as usize).min(len);
            if hi - lo != new.len() / n {
                a.check_resize()?;
            }
            a.data.borrow_mut().splice(lo * n..hi * n, new);
            return Ok(());
        }
        if idx.len() != new.len() / n {
            return Err(value_error(format!(
                "attempt to assign array of size {} to extended slice of size {}",
                new.len() / n,
                idx.len()
            )));
        }
        let mut d = a.data.borrow_mut();
        for (i, c) in idx.into_iter().zip(new.chunks(n)) {
            if let Some(dst) = d.get_mut(i * n..(i + 1) * n) {
                dst.copy_from_slice(c);
            }
        }
        return Ok(());
    }
    let i = norm(vm, k, a.len(), "array assignment index out of range")?;
    match v {
        Some(v) => {
            let b = encode(vm, a.code, v)?;
            a.write_bytes(i * n, &b[..n]);
        }
        None => {
            a.check_resize()?;
            let mut d = a.data.borrow_mut();
            if i * n + n <= d.len() {
                d.drain(i * n..(i + 1) * n);
            }
        }
    }
    Ok(())
}

fn array_contains(vm: &Vm, o: &PyRef, x: &PyRef) -> PyResult<bool> {
    let a = arr(o)?;
    let mut i = 0;
    while i < a.len() {
        if crate::protocol::object::eq(vm, &a.item(i), x)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

fn array_repr(vm: &Vm, o: &PyRef) -> PyResult {
    let a = arr(o)?;
    let name = o.class().name();
    let c = a.code as char;
    if a.len() == 0 {
        return Ok(PyStr::new_ref(&format!("{name}('{c}')")));
    }
    let inner = if a.code == b'u' {
        crate::protocol::object::repr_string(vm, &tounicode(a))?
    } else {
        crate::protocol::object::repr_string(vm, &tolist(a))?
    };
    Ok(PyStr::new_ref(&format!("{name}('{c}', {inner})")))
}

fn tolist(a: &PyArray) -> PyRef {
    PyList::new_ref((0..a.len()).map(|i| a.item(i)).collect())
}

fn tounicode(a: &PyArray) -> PyRef {
    let mut w = taipan_common::Wtf8Buf::new();
    for c in a.data.borrow().chunks_exact(4) {
        let mut b = [0u8; 4];
        b.copy_from_slice(c);
        w.push_code_point(u32::from_ne_bytes(b).min(0x10ffff));
    }
    PyStr::from_wtf8_ref(w)
}

fn array_hash(_: &Vm, _o: &PyRef) -> PyResult<i64> {
    Err(type_error("unhashable type: 'array.array'"))
}

fn array_richcompare(vm: &Vm, x: &PyRef, y: &PyRef, op: CompareOp) -> PyResult {
    let (Some(a), Some(b)) = (x.downcast::<PyArray>(), y.downcast::<PyArray>()) else {
        return Ok(not_implemented());
    };
    if a.code == b.code
        && matches!(op, CompareOp::Eq | CompareOp::Ne)
        && a.code != b'f'
        && a.code != b'd'
    {
        let same = *a.data.borrow() == *b.data.borrow();
        return Ok(crate::types::bool_::py_bool(same == (op == CompareOp::Eq)));
    }
    let xs: Vec<PyRef> = (0..a.len()).map(|i| a.item(i)).collect();
    let ys: Vec<PyRef> = (0..b.len()).map(|i| b.item(i)).collect();
    crate::types::tuple::compare_seqs(vm, &xs, &ys, op)
}

fn array_add(_: &Vm, x: &PyRef, y: &PyRef) -> PyResult {
    let Some(a) = x.downcast::<PyArray>() else {
        return Ok(not_implemented());
    };
    let Some(b) = y.downcast::<PyArray>() else {
        return Err(type_error(format!(
            "can only append array (not \"{}\") to array",
            y.class().name()
        )));
    };
    if a.code != b.code {
        return Err(type_error("bad argument type for built-in operation"));
    }
    let mut d = a.to_bytes();
    d.extend_from_slice(&b.data.borrow());
    Ok(new_array(ARRAY_TYPE.get(), a.code, d))
}

fn array_iadd(vm: &Vm, x: &PyRef, y: &PyRef) -> PyResult {
    let a = arr(x)?;
    let Some(b) = y.downcast::<PyArray>() else {
        return Err(type_error(format!(
            "can only extend array with array (not \"{}\")",
            y.class().name()
        )));
    };
    extend_array(vm, a, b)?;
    Ok(x.clone())
}

fn extend_array(_: &Vm, a: &PyArray, b: &PyArray) -> PyResult<()> {
    if a.code != b.code {
        return Err(type_error("can only extend with array of same kind"));
    }
    let add = b.to_bytes();
    a.check_resize()?;
    a.data.borrow_mut().extend_from_slice(&add);
    Ok(())
}

fn repeat_count(vm: &Vm, n: &PyRef) -> PyResult<Option<usize>> {
    if n.class().slots().nb_index.is_none() {
        return Ok(None);
    }
    let n = crate::types::int::as_ssize(vm, n)?;
    Ok(Some(n.max(0) as usize))
}

fn array_mul(vm: &Vm, x: &PyRef, y: &PyRef) -> PyResult {
    let (o, n) = match (x.downcast::<PyArray>(), y.downcast::<PyArray>()) {
        (Some(_), _) => (x, y),
        (None, Some(_)) => (y, x),
        _ => return Ok(not_implemented()),
    };
    let a = arr(o)?;
    let Some(n) = repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    let d = a.to_bytes();
    if d.len().checked_mul(n).is_none_or(|x| x > (1 << 40)) {
        return Err(crate::error::memory_error(""));
    }
    Ok(new_array(ARRAY_TYPE.get(), a.code, d.repeat(n)))
}

fn array_imul(vm: &Vm, x: &PyRef, y: &PyRef) -> PyResult {
    let a = arr(x)?;
    let Some(n) = repeat_count(vm, y)? else {
        return Ok(not_implemented());
    };
    let d = a.to_bytes();
    if d.len().checked_mul(n).is_none_or(|x| x > (1 << 40)) {
        return Err(crate::error::memory_error(""));
    }
    if n != 1 && !d.is_empty() {
        a.check_resize()?;
    }
    *a.data.borrow_mut() = d.repeat(n);
    Ok(x.clone())
}

// -------------------------------------------------------------- methods

fn m_append(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = a.shift().one_arg("array.append")?;
    let ar = arr(&a.args[0])?;
    let b = encode(vm, ar.code, v)?;
    ar.check_resize()?;
    ar.data.borrow_mut().extend_from_slice(&b[..ar.isz()]);
    Ok(none())
}

fn m_extend(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = a.shift().one_arg("array.extend")?;
    let ar = arr(&a.args[0])?;
    match v.downcast::<PyArray>() {
        Some(b) => extend_array(vm, ar, b)?,
        None => extend_iter(vm, ar, v)?,
    }
    Ok(none())
}

fn m_insert(vm: &Vm, a: Args<'_>) -> PyResult {
    let [i, v] = a.shift().exact::<2>("insert")?;
    let ar = arr(&a.args[0])?;
    let i = crate::types::int::as_ssize(vm, i)?;
    let b = encode(vm, ar.code, v)?;
    let n = ar.len() as i64;
    let pos = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    ar.check_resize()?;
    let isz = ar.isz();
    ar.data
        .borrow_mut()
        .splice(pos * isz..pos * isz, b[..isz].iter().copied());
    Ok(none())
}

fn m_pop(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.shift().range("pop", 0, 1)?;
    let ar = arr(&a.args[0])?;
    let n = ar.len();
    if n == 0 {
        return Err(index_error("pop from empty array"));
    }
    let i = match args.first() {
        Some(i) => crate::types::int::as_ssize(vm, i)?,
        None => -1,
    };
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(index_error("pop index out of range"));
    }
    let j = j as usize;
    let v = ar.item(j);
    ar.check_resize()?;
    let isz = ar.isz();
    ar.data.borrow_mut().drain(j * isz..(j + 1) * isz);
    Ok(v)
}

fn find(vm: &Vm, ar: &PyArray, x: &PyRef, from: usize, to: usize) -> PyResult<Option<usize>> {
    let mut i = from;
    while i < to.min(ar.len()) {
        if crate::protocol::object::eq(vm, &ar.item(i), x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn m_index(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.shift().range("index", 1, 3)?;
    let ar = arr(&a.args[0])?;
    let n = ar.len() as i64;
    let clamp = |o: Option<&PyRef>, d: i64| -> PyResult<usize> {
        let v = match o {
            Some(o) => crate::types::int::index_for(
                vm,
                o,
                "slice indices must be integers or have an __index__ method",
            )?,
            None => d,
        };
        Ok(if v < 0 { (v + n).max(0) } else { v.min(n) } as usize)
    };
    let from = clamp(args.get(1), 0)?;
    let to = clamp(args.get(2), n)?;
    match find(vm, ar, &args[0], from, to)? {
        Some(i) => Ok(int_from_i64(i as i64)),
        None => Err(value_error("array.index(x): x not in array")),
    }
}

fn m_remove(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = a.shift().one_arg("array.remove")?;
    let ar = arr(&a.args[0])?;
    match find(vm, ar, x, 0, usize::MAX)? {
        Some(i) => {
            ar.check_resize()?;
            let isz = ar.isz();
            ar.data.borrow_mut().drain(i * isz..(i + 1) * isz);
            Ok(none())
        }
        None => Err(value_error("array.remove(x): x not in array")),
    }
}

fn m_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let x = a.shift().one_arg("array.count")?;
    let ar = arr(&a.args[0])?;
    let mut c = 0;
    let mut i = 0;
    while i < ar.len() {
        if crate::protocol::object::eq(vm, &ar.item(i), x)? {
            c += 1;
        }
        i += 1;
    }
    Ok(int_from_i64(c))
}

fn m_reverse(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("array.reverse")?;
    let ar = arr(&a.args[0])?;
    let isz = ar.isz();
    let old = ar.to_bytes();
    let mut d = ar.data.borrow_mut();
    d.clear();
    for c in old.chunks(isz).rev() {
        d.extend_from_slice(c);
    }
    Ok(none())
}

fn m_byteswap(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("array.byteswap")?;
    let ar = arr(&a.args[0])?;
    let isz = ar.isz();
    for c in ar.data.borrow_mut().chunks_mut(isz) {
        c.reverse();
    }
    Ok(none())
}

fn m_buffer_info(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("array.buffer_info")?;
    let ar = arr(&a.args[0])?;
    let addr = ar.data.borrow().as_ptr() as usize as u64;
    Ok(PyTuple::new_ref(vec![
        int_from_u64(addr),
        int_from_i64(ar.len() as i64),
    ]))
}

fn m_tobytes(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("array.tobytes")?;
    Ok(PyBytes::new_ref(arr(&a.args[0])?.to_bytes()))
}

fn m_frombytes(_: &Vm, a: Args<'_>) -> PyResult {
    let b = a.shift().one_arg("array.frombytes")?;
    let data = crate::modules::bufutil::bytes_like(b)?;
    frombytes_into(arr(&a.args[0])?, &data)?;
    Ok(none())
}

fn m_tolist(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("array.tolist")?;
    Ok(tolist(arr(&a.args[0])?))
}

fn m_fromlist(vm: &Vm, a: Args<'_>) -> PyResult {
    let l = a.shift().one_arg("array.fromlist")?;
    let ar = arr(&a.args[0])?;
    let Some(list) = l.downcast::<PyList>() else {
        return Err(type_error("arg must be list"));
    };
    let items = list.to_vec();
    let mut add = Vec::with_capacity(items.len() * ar.isz());
    for x in &items {
        add.extend_from_slice(&encode(vm, ar.code, x)?[..ar.isz()]);
    }
    ar.check_resize()?;
    ar.data.borrow_mut().extend_from_slice(&add);
    Ok(none())
}

fn m_tounicode(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("array.tounicode")?;
    let ar = arr(&a.args[0])?;
    if ar.code != b'u' {
        return Err(value_error(
            "tounicode() may only be called on unicode type arrays",
        ));
    }
    Ok(tounicode(ar))
}

fn m_fromunicode(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a.shift().one_arg("array.fromunicode")?;
    let ar = arr(&a.args[0])?;
    let Some(st) = s.downcast::<PyStr>() else {
        return Err(type_error(format!(
            "fromunicode() argument must be str, not {}",
            s.class().name()
        )));
    };
    if ar.code != b'u' {
        return Err(value_error(
            "fromunicode() may only be called on unicode type arrays",
        ));
    }
    ar.check_resize()?;
    fromunicode_into(ar, st);
    Ok(none())
}

fn m_tofile(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = a.shift().one_arg("array.tofile")?;
    let data = arr(&a.args[0])?.to_bytes();
    // Written in blocks, as CPython does, so huge arrays need no huge bytes.
    for chunk in data.chunks(64 * 1024) {
        crate::protocol::call::call_method(vm, f, "write", &[PyBytes::new_ref(chunk.to_vec())])?;
    }
    if data.is_empty() {
        crate::protocol::object::get_attr_str(vm, f, "write")?;
    }
    Ok(none())
}

fn m_fromfile(vm: &Vm, a: Args<'_>) -> PyResult {
    let [f, n] = a.shift().exact::<2>("fromfile")?;
    let ar = arr(&a.args[0])?;
    let n = crate::types::int::as_ssize(vm, n)?;
    if n < 0 {
        return Err(value_error("negative count"));
    }
    let want = (n as usize).saturating_mul(ar.isz());
    let b = crate::protocol::call::call_method(vm, f, "read", &[int_from_i64(want as i64)])?;
    let Some(data) = b.downcast::<PyBytes>().map(|b| b.as_bytes().to_vec()) else {
        return Err(type_error("read() didn't return bytes"));
    };
    let whole = data.len() / ar.isz() * ar.isz();
    frombytes_into(ar, &data[..whole])?;
    if data.len() != want {
        return Err(crate::error::eof_error("read() didn't return enough bytes"));
    }
    Ok(none())
}

fn m_copy(_: &Vm, a: Args<'_>) -> PyResult {
    let o = &a.args[0];
    let ar = arr(o)?;
    Ok(new_array(ARRAY_TYPE.get(), ar.code, ar.to_bytes()))
}

fn m_sizeof(_: &Vm, a: Args<'_>) -> PyResult {
    let ar = arr(&a.args[0])?;
    Ok(int_from_i64(64 + ar.data.borrow().capacity() as i64))
}

/// CPython's machine-format code of a type code on this (little-endian,
/// LP64) platform.
fn mformat(code: u8) -> i64 {
    match code {
        b'B' => 0,
        b'b' => 1,
        b'H' => 2,
        b'h' => 4,
        b'I' => 6,
        b'i' => 8,
        b'L' | b'Q' => 10,
        b'l' | b'q' => 12,
        b'f' => 14,
        b'd' => 16,
        _ => 20,
    }
}

fn m_reduce_ex(vm: &Vm, a: Args<'_>) -> PyResult {
    let p = a.shift().one_arg("array.__reduce_ex__")?;
    let o = &a.args[0];
    let ar = arr(o)?;
    let proto = crate::types::int::as_ssize(vm, p)?;
    let dict = crate::protocol::object::lookup_attr(vm, o, "__dict__")?.unwrap_or_else(none);
    let cls: PyRef = o.class().to_ref();
    let code = PyStr::new_ref(&(ar.code as char).to_string());
    if proto < 3 {
        let items = if ar.code == b'u' {
            tounicode(ar)
        } else {
            tolist(ar)
        };
        return Ok(PyTuple::new_ref(vec![
            cls,
            PyTuple::new_ref(vec![code, items]),
            dict,
        ]));
    }
    let module = crate::interp::import::import_module(vm, "array")?;
    let recon = crate::protocol::object::get_attr_str(vm, &module, "_array_reconstructor")?;
    Ok(PyTuple::new_ref(vec![
        recon,
        PyTuple::new_ref(vec![
            cls,
            code,
            int_from_i64(mformat(ar.code)),
            PyBytes::new_ref(ar.to_bytes()),
        ]),
        dict,
    ]))
}

fn g_typecode(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(&(arr(o)?.code as char).to_string()))
}

fn g_itemsize(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(arr(o)?.isz() as i64))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("append", m_append),
    MethodDef::method("buffer_info", m_buffer_info),
    MethodDef::method("byteswap", m_byteswap),
    MethodDef::method("count", m_count),
    MethodDef::method("extend", m_extend),
    MethodDef::method("frombytes", m_frombytes),
    MethodDef::method("fromfile", m_fromfile),
    MethodDef::method("fromlist", m_fromlist),
    MethodDef::method("fromunicode", m_fromunicode),
    MethodDef::method("index", m_index),
    MethodDef::method("insert", m_insert),
    MethodDef::method("pop", m_pop),
    MethodDef::method("remove", m_remove),
    MethodDef::method("reverse", m_reverse),
    MethodDef::method("tobytes", m_tobytes),
    MethodDef::method("tofile", m_tofile),
    MethodDef::method("tolist", m_tolist),
    MethodDef::method("tounicode", m_tounicode),
    MethodDef::method("__copy__", m_copy),
    MethodDef::method("__deepcopy__", m_copy),
    MethodDef::method("__reduce_ex__", m_reduce_ex),
    MethodDef::method("__sizeof__", m_sizeof),
];
static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("typecode", g_typecode),
    GetSetDef::new("itemsize", g_itemsize),
];

// ------------------------------------------------------------- iterator

crate::py_payload! {
    /// `array.arrayiterator`.
    pub struct PyArrayIter {
        seq: RefCell<Option<PyRef>>,
        pos: Cell<usize>,
    }
}

impl PyPayload for PyArrayIter {
    fn class() -> &'static Obj<PyType> {
        ARRAY_ITER_TYPE.get()
    }
}

fn array_iter(_: &Vm, o: &PyRef) -> PyResult {
    arr(o)?;
    Ok(crate::object::alloc(PyArrayIter {
        seq: RefCell::new(Some(o.clone())),
        pos: Cell::new(0),
    }))
}

fn it_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn it_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let Some(it) = o.downcast::<PyArrayIter>() else {
        return Ok(None);
    };
    let Some(seq) = it.seq.borrow().clone() else {
        return Ok(None);
    };
    let a = arr(&seq)?;
    let i = it.pos.get();
    if i >= a.len() {
        *it.seq.borrow_mut() = None;
        return Ok(None);
    }
    it.pos.set(i + 1);
    Ok(Some(a.item(i)))
}

fn it_reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let it = a.args[0]
        .downcast::<PyArrayIter>()
        .ok_or_else(|| type_error("expected arrayiterator"))?;
    let b = vm
        .builtins_module()
        .ok_or_else(|| type_error("no builtins"))?;
    let iter_fn = crate::protocol::object::get_attr_str(vm, &b, "iter")?;
    Ok(match it.seq.borrow().clone() {
        Some(s) => PyTuple::new_ref(vec![
            iter_fn,
            PyTuple::new_ref(vec![s]),
            int_from_i64(it.pos.get() as i64),
        ]),
        None => PyTuple::new_ref(vec![
            iter_fn,
            PyTuple::new_ref(vec![PyTuple::new_ref(vec![])]),
        ]),
    })
}

fn it_setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a.shift().one_arg("__setstate__")?;
    let it = a.args[0]
        .downcast::<PyArrayIter>()
        .ok_or_else(|| type_error("expected arrayiterator"))?;
    let n = crate::types::int::as_ssize(vm, s)?;
    let len = it
        .seq
        .borrow()
        .as_ref()
        .and_then(|s| s.downcast::<PyArray>().map(|a| a.len()))
        .unwrap_or(0);
    it.pos.set((n.max(0) as usize).min(len));
    Ok(none())
}

static ITER_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", it_reduce),
    MethodDef::method("__setstate__", it_setstate),
];

// ---------------------------------------------------------------- module

/// `_array_reconstructor(arraytype, typecode, mformat_code, items)`.
fn f_reconstructor(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("_array_reconstructor")?;
    let [cls, code, mf, items] = a.exact::<4>("_array_reconstructor")?;
    let Some(t) = cls.as_type() else {
        return Err(type_error(format!(
            "first argument must be a type object, not {}",
            cls.class().name()
        )));
    };
    if !t.is_subtype(ARRAY_TYPE.get()) {
        return Err(type_error(format!(
            "{} is not a subtype of array.array",
            t.name()
        )));
    }
    let code = match code.downcast::<PyStr>() {
        Some(s) if s.char_len() == 1 => s.char_at(0).unwrap_or(0),
        _ => {
            return Err(type_error(format!(
                "_array_reconstructor() argument 2 must be a unicode character, not {}",
                code.class().name()
            )));
        }
    };
    if !(code < 128 && TYPECODES.as_bytes().contains(&(code as u8))) {
        return Err(value_error("second argument must be a valid type code"));
    }
    let code = code as u8;
    let mf = crate::types::int::as_ssize(vm, mf)?;
    if !(0..=21).contains(&mf) {
        return Err(value_error(
            "third argument must be a valid machine format code.",
        ));
    }
    let Some(data) = items.downcast::<PyBytes>().map(|b| b.as_bytes().to_vec()) else {
        return Err(type_error(format!(
            "fourth argument should be bytes, not {}",
            items.class().name()
        )));
    };
    if mf == mformat(code) {
        let obj = new_array(t, code, Vec::new());
        frombytes_into(arr(&obj)?, &data)?;
        return Ok(obj);
    }
    // Another machine format: decode its items, then build the array.
    let (size, signed, float, big) = match mf {
        0 | 1 => (1, mf == 1, false, false),
        2..=5 => (2, mf >= 4, false, mf % 2 == 1),
        6..=9 => (4, mf >= 8, false, mf % 2 == 1),
        10..=13 => (8, mf >= 12, false, mf % 2 == 1),
        14 | 15 => (4, true, true, mf == 15),
        16 | 17 => (8, true, true, mf == 17),
        18 | 19 => (2, false, false, mf == 19),
        _ => (4, false, false, mf == 21),
    };
    if data.len() % size != 0 {
        return Err(value_error("string length not a multiple of item size"));
    }
    let mut vals = Vec::with_capacity(data.len() / size);
    for c in data.chunks(size) {
        let mut w = [0u8; 8];
        if big {
            w[8 - size..].copy_from_slice(c);
            w.reverse();
        } else {
            w[..size].copy_from_slice(c);
        }
        let u = u64::from_le_bytes(w);
        vals.push(if float {
            float_ref(if size == 4 {
                f32::from_bits(u as u32) as f64
            } else {
                f64::from_bits(u)
            })
        } else if mf >= 18 {
            decode(b'u', &(u as u32).to_ne_bytes())
        } else if signed {
            let sh = 64 - 8 * size as u32;
            int_from_i64(((u << sh) as i64) >> sh)
        } else {
            int_from_u64(u)
        });
    }
    let obj = new_array(t, code, Vec::new());
    let ar = arr(&obj)?;
    for v in &vals {
        let b = encode(vm, code, v)?;
        ar.data.borrow_mut().extend_from_slice(&b[..ar.isz()]);
    }
    Ok(obj)
}

/// Buffer provider: the bytes of an array (for `bytes(a)`, hashing, ...).
fn buffer_of(o: &PyRef) -> Option<Vec<u8>> {
    o.downcast::<PyArray>().map(|a| a.to_bytes())
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &ARRAY_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(array_new),
                    repr: Some(array_repr),
                    hash: Some(array_hash),
                    richcompare: Some(array_richcompare),
                    iter: Some(array_iter),
                    mp_len: Some(array_len),
                    mp_getitem: Some(array_getitem),
                    mp_setitem: Some(array_setitem),
                    sq_contains: Some(array_contains),
                    nb_add: Some(array_add),
                    nb_iadd: Some(array_iadd),
                    nb_mul: Some(array_mul),
                    nb_imul: Some(array_imul),
                    ..Slots::EMPTY
                },
                methods: METHODS,
                getsets: GETSETS,
                flags: flags::BASETYPE | flags::SEQUENCE,
                doc: Some(ARRAY_DOC),
                ..TypeSpec::new("array.array", Layout::of::<PyArray>())
            },
        ),
        (
            &ARRAY_ITER_TYPE,
            TypeSpec {
                slots: Slots {
                    iter: Some(it_iter),
                    iternext: Some(it_next),
                    ..Slots::EMPTY
                },
                methods: ITER_METHODS,
                ..TypeSpec::new("array.arrayiterator", Layout::of::<PyArrayIter>())
            },
        ),
    ]
}

const ARRAY_DOC: &str = "array(typecode [, initializer]) -> array\n\nReturn a new array whose items are restricted by typecode, and\ninitialized from the optional initializer value, which must be a list,\nstring or iterable over elements of the appropriate type.";

static FUNCTIONS: &[MethodDef] = &[MethodDef::method("_array_reconstructor", f_reconstructor)
    .with_doc("Internal. Used for pickling support.")];

pub fn make_module(_vm: &Vm) -> PyResult {
    crate::types::register_buffer_provider(buffer_of);
    let m = crate::modules::modutil::new_module(
        "array",
        "This module defines an object type which can efficiently represent\nan array of basic values: characters, integers, floating point\nnumbers.",
        FUNCTIONS,
    )?;
    crate::modules::modutil::set(&m, "array", ARRAY_TYPE.to_ref());
    crate::modules::modutil::set(&m, "ArrayType", ARRAY_TYPE.to_ref());
    crate::modules::modutil::set(&m, "typecodes", PyStr::new_ref(TYPECODES));
    Ok(m)
}
