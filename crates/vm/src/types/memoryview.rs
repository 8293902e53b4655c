//! `memoryview`: a one-dimensional view of the bytes of a `bytes`,
//! `bytearray`, `array.array` or another memoryview, in any native
//! single-item `struct` format (`B b c h H i I l L q Q n N f d ? P`, as
//! `cast` allows in 3.11; an array of type code `u` exports format `w`, whose
//! items memoryview cannot read, as in CPython).
//! A view is `(obj, start, step, len, itemsize)` over its base object (views
//! of views are flattened): item `k` occupies the `itemsize` bytes at
//! `start + k * step * itemsize`, so slicing never copies.  While a view over a
//! bytearray or array is alive and not released, the base may not be resized
//! (its `exports` counter; see `bytearray.rs`).  A read-only view's hash is
//! kept once computed, so it survives `release()`.

use std::cell::{Cell, RefCell};

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyErr, PyResult, index_error, not_implemented_error, type_error, value_error};
use crate::modules::array::PyArray;
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::bytearray::PyByteArray;
use crate::types::bytes::{PyBytes, bytes_data};
use crate::types::int::int_from_i64;
use crate::types::none::{none, not_implemented};
use crate::types::slice::{PySlice, slice_range};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// The payload of a memoryview.
    pub struct PyMemoryView {
        obj: RefCell<Option<PyRef>>,
        start: usize,
        step: i64,
        len: usize,
        fmt: u8,
        itemsize: usize,
        readonly: bool,
        released: Cell<bool>,
        /// `hash(view)` once computed (-1: not yet; no hash is -1).
        hash: Cell<i64>,
    }
}

pub static MEMORYVIEW_TYPE: StaticType = StaticType::new();

impl PyPayload for PyMemoryView {
    fn class() -> &'static Obj<PyType> {
        MEMORYVIEW_TYPE.get()
    }
}

impl Drop for PyMemoryView {
    fn drop(&mut self) {
        self.release();
    }
}

fn released_error() -> PyErr {
    value_error("operation forbidden on released memoryview object")
}

impl PyMemoryView {
    fn base(&self) -> PyResult<PyRef> {
        if self.released.get() {
            return Err(released_error());
        }
        self.obj.borrow().clone().ok_or_else(released_error)
    }

    /// The viewed bytes (a copy).
    pub fn to_vec(&self) -> PyResult<Vec<u8>> {
        let base = self.base()?;
        let all = whole_bytes(&base).ok_or_else(released_error)?;
        Ok(self.select(&all))
    }

    fn select(&self, all: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len * self.itemsize);
        for k in 0..self.len {
            let p = self.pos(k);
            if let Some(item) = all.get(p..p + self.itemsize) {
                out.extend_from_slice(item);
            }
        }
        out
    }

    /// Byte offset of item `k` in the base object.
    fn pos(&self, k: usize) -> usize {
        (self.start as i64 + k as i64 * self.step * self.itemsize as i64) as usize
    }

    /// The values of all items, decoded.
    fn items(&self) -> PyResult<Vec<PyRef>> {
        check_readable(self.fmt)?;
        let d = self.to_vec()?;
        Ok(d.chunks_exact(self.itemsize.max(1))
            .map(|c| item_value(self.fmt, c))
            .collect())
    }

    fn release(&self) {
        if self.released.replace(true) {
            return;
        }
        if let Some(o) = self.obj.borrow().as_ref()
            && let Some(e) = exports_of(o)
        {
            e.set(e.get().saturating_sub(1));
        }
    }
}

/// The export counter of a resizable base (bytearray, array).
fn exports_of(o: &PyRef) -> Option<&Cell<usize>> {
    if let Some(b) = o.downcast::<PyByteArray>() {
        return Some(&b.exports);
    }
    o.downcast::<PyArray>().map(|a| a.exports())
}

/// All bytes of a base object.
fn whole_bytes(o: &PyRef) -> Option<Vec<u8>> {
    if let Some(b) = o.downcast::<PyBytes>() {
        return Some(b.data.clone());
    }
    if let Some(b) = o.downcast::<PyByteArray>() {
        return Some(b.to_vec());
    }
    o.downcast::<PyArray>().map(|a| a.to_bytes())
}

/// Writes `src` at byte offset `p` of a writable base.
fn write_base(base: &PyRef, p: usize, src: &[u8]) -> PyResult<()> {
    if let Some(b) = base.downcast::<PyByteArray>() {
        if let Some(slot) = b.data.borrow_mut().get_mut(p..p + src.len()) {
            slot.copy_from_slice(src);
        }
        return Ok(());
    }
    if let Some(a) = base.downcast::<PyArray>() {
        if p + src.len() <= a.byte_len() {
            a.write_bytes(p, src);
        }
        return Ok(());
    }
    Err(type_error("cannot modify read-only memory"))
}

/// Formats whose items a view cannot read or write (`w`, an array of
/// type code `u`).
fn check_readable(fmt: u8) -> PyResult<()> {
    if format_size(fmt).is_none() {
        return Err(not_implemented_error(format!(
            "memoryview: format {} not supported",
            fmt as char
        )));
    }
    Ok(())
}

fn new_view(
    cls: &Obj<PyType>,
    obj: PyRef,
    start: usize,
    step: i64,
    len: usize,
    fmt: u8,
    readonly: bool,
) -> PyRef {
    let itemsize = view_itemsize(fmt);
    if let Some(e) = exports_of(&obj) {
        e.set(e.get() + 1);
    }
    crate::object::alloc_as(
        cls,
        PyMemoryView {
            obj: RefCell::new(Some(obj)),
            start,
            step,
            len,
            fmt,
            itemsize,
            readonly,
            released: Cell::new(false),
            hash: Cell::new(-1),
        },
    )
}

/// A new read-only or writable view of `obj` (bytes, bytearray, memoryview).
pub fn memoryview_of(obj: &PyRef) -> PyResult<PyRef> {
    make_view(MEMORYVIEW_TYPE.get(), obj)
}

fn make_view(cls: &Obj<PyType>, obj: &PyRef) -> PyResult<PyRef> {
    if let Some(m) = obj.downcast::<PyMemoryView>() {
        let base = m.base()?;
        return Ok(new_view(
            cls, base, m.start, m.step, m.len, m.fmt, m.readonly,
        ));
    }
    if let Some(b) = obj.downcast::<PyBytes>() {
        return Ok(new_view(cls, obj.clone(), 0, 1, b.data.len(), b'B', true));
    }
    if let Some(b) = obj.downcast::<PyByteArray>() {
        let n = b.data.borrow().len();
        return Ok(new_view(cls, obj.clone(), 0, 1, n, b'B', false));
    }
    if let Some(a) = obj.downcast::<PyArray>() {
        let fmt = match a.typecode() {
            b'u' => b'w',
            c => c,
        };
        let n = a.byte_len() / view_itemsize(fmt);
        return Ok(new_view(cls, obj.clone(), 0, 1, n, fmt, false));
    }
    Err(type_error(format!(
        "memoryview: a bytes-like object is required, not '{}'",
        obj.class().name()
    )))
}

/// Buffer provider: the bytes a memoryview shows.
pub fn buffer_of(o: &PyRef) -> Option<Vec<u8>> {
    o.downcast::<PyMemoryView>().and_then(|m| m.to_vec().ok())
}

fn payload(o: &PyRef) -> PyResult<&PyMemoryView> {
    o.downcast::<PyMemoryView>().ok_or_else(|| {
        type_error(format!(
            "descriptor requires a 'memoryview' object but received a '{}'",
            o.class().name()
        ))
    })
}

/// A live (not released) view.
fn live(o: &PyRef) -> PyResult<&PyMemoryView> {
    let m = payload(o)?;
    if m.released.get() {
        return Err(released_error());
    }
    Ok(m)
}

/// The item formats `cast` accepts, with their native sizes (x86-64/aarch64
/// Linux): the one table every format question is answered from.
const FORMATS: &[(u8, usize)] = &[
    (b'B', 1),
    (b'b', 1),
    (b'c', 1),
    (b'?', 1),
    (b'h', 2),
    (b'H', 2),
    (b'i', 4),
    (b'I', 4),
    (b'l', 8),
    (b'L', 8),
    (b'q', 8),
    (b'Q', 8),
    (b'n', 8),
    (b'N', 8),
    (b'P', 8),
    (b'f', 4),
    (b'd', 8),
];

fn format_size(fmt: u8) -> Option<usize> {
    FORMATS.iter().find(|(f, _)| *f == fmt).map(|(_, n)| *n)
}

/// The item size of any format a view can have (`w` is a 4-byte UCS-4
/// code unit).
fn view_itemsize(fmt: u8) -> usize {
    format_size(fmt).unwrap_or(if fmt == b'w' { 4 } else { 1 })
}

fn is_byte_format(fmt: u8) -> bool {
    matches!(fmt, b'B' | b'b' | b'c')
}

/// Decodes one native-endian item.
fn item_value(fmt: u8, b: &[u8]) -> PyRef {
    let mut buf = [0u8; 8];
    let n = b.len().min(8);
    buf[..n].copy_from_slice(&b[..n]);
    let u = u64::from_ne_bytes(buf);
    match fmt {
        b'b' => int_from_i64(u as u8 as i8 as i64),
        b'c' => PyBytes::new_ref(b.to_vec()),
        b'?' => py_bool(u != 0),
        b'h' => int_from_i64(u as u16 as i16 as i64),
        b'i' => int_from_i64(u as u32 as i32 as i64),
        b'l' | b'q' | b'n' => int_from_i64(u as i64),
        b'L' | b'Q' | b'N' | b'P' => crate::types::int::int_from_u64(u),
        b'f' => crate::types::float::float_ref(f32::from_bits(u as u32) as f64),
        b'd' => crate::types::float::float_ref(f64::from_bits(u)),
        _ => int_from_i64(u as i64),
    }
}

fn mv_new(_: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [obj] = a.bind("memoryview", ["object"], 0, 1)?;
    let obj =
        obj.ok_or_else(|| type_error("memoryview() missing required argument 'object' (pos 1)"))?;
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("memoryview.__new__(X): X is not a type object"))?;
    make_view(t, &obj)
}

fn mv_repr(_: &Vm, o: &PyRef) -> PyResult {
    let m = payload(o)?;
    let what = if m.released.get() {
        "released memory"
    } else {
        "memory"
    };
    Ok(PyStr::new_ref(&format!("<{what} at {:#x}>", o.bits())))
}

fn mv_len(_: &Vm, o: &PyRef) -> PyResult<usize> {
    Ok(live(o)?.len)
}

fn mv_hash(_: &Vm, o: &PyRef) -> PyResult<i64> {
    let cached = payload(o)?.hash.get();
    if cached != -1 {
        return Ok(cached);
    }
    let m = live(o)?;
    if !m.readonly {
        return Err(value_error("cannot hash writable memoryview object"));
    }
    if !is_byte_format(m.fmt) {
        return Err(value_error(
            "memoryview: hashing is restricted to formats 'B', 'b' or 'c'",
        ));
    }
    let h = crate::runtime::hash::hash_bytes(&m.to_vec()?);
    m.hash.set(h);
    Ok(h)
}

fn mv_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let Some(m) = a.downcast::<PyMemoryView>() else {
        return Ok(not_implemented());
    };
    // A released view equals only itself.
    if m.released.get()
        || b.downcast::<PyMemoryView>()
            .is_some_and(|x| x.released.get())
    {
        return Ok(py_bool(a.is(b) == (op == CompareOp::Eq)));
    }
    // Compare item values: 'c' and 'B' views of the same bytes are equal,
    // a 'b' view differs from 'B' for bytes >= 0x80, an 'I' view never
    // equals a 'B' view of more than zero items.
    let theirs = match b.downcast::<PyMemoryView>() {
        Some(x) => x.items(),
        None => match b.downcast::<PyArray>() {
            Some(a) => {
                let fmt = a.typecode();
                check_readable(fmt).map(|()| {
                    a.to_bytes()
                        .chunks_exact(view_itemsize(fmt))
                        .map(|c| item_value(fmt, c))
                        .collect()
                })
            }
            None => match bytes_data(b) {
                Some(d) => Ok(d.iter().map(|&x| int_from_i64(x as i64)).collect()),
                None => return Ok(not_implemented()),
            },
        },
    };
    // Items of a format the view cannot read never compare equal.
    let (Ok(mine), Ok(theirs)) = (m.items(), theirs) else {
        return Ok(py_bool(op == CompareOp::Ne));
    };
    let mut eq = mine.len() == theirs.len();
    if eq {
        for (x, y) in mine.iter().zip(&theirs) {
            if !item_eq(x, y) {
                eq = false;
                break;
            }
        }
    }
    Ok(py_bool(eq == (op == CompareOp::Eq)))
}

/// Equality of two decoded items without calling back into Python: items
/// are ints, floats, bools or one-byte bytes.
fn item_eq(x: &PyRef, y: &PyRef) -> bool {
    use crate::types::int::to_bigint;
    if let (Some(a), Some(b)) = (bytes_data(x), bytes_data(y)) {
        return a == b;
    }
    if x.downcast::<PyBytes>().is_some() || y.downcast::<PyBytes>().is_some() {
        return false;
    }
    let fl = |o: &PyRef| {
        o.downcast::<crate::types::float::PyFloat>()
            .map(|f| f.value)
    };
    match (fl(x), fl(y)) {
        (Some(a), Some(b)) => a == b,
        (Some(a), None) => to_bigint(y).is_some_and(|b| {
            crate::types::float::cmp_float_int(a, &crate::types::int::IntVal::Big(&b))
                == Some(std::cmp::Ordering::Equal)
        }),
        (None, Some(b)) => to_bigint(x).is_some_and(|a| {
            crate::types::float::cmp_float_int(b, &crate::types::int::IntVal::Big(&a))
                == Some(std::cmp::Ordering::Equal)
        }),
        (None, None) => to_bigint(x) == to_bigint(y),
    }
}

/// What a subscript is: one index, a slice, or a tuple CPython treats
/// specially (all indices, all slices) — anything else is an invalid key.
enum Key<'a> {
    Index(&'a PyRef),
    Slice(&'a PySlice),
}

fn is_index(k: &PyRef) -> bool {
    crate::types::int::is_int(k) || k.class().slots().nb_index.is_some()
}

/// Classifies a key; `assign` picks the multi-slice message.
fn classify(k: &PyRef, assign: bool) -> PyResult<Key<'_>> {
    if is_index(k) {
        return Ok(Key::Index(k));
    }
    if let Some(sl) = k.downcast::<PySlice>() {
        return Ok(Key::Slice(sl));
    }
    if let Some(t) = k.downcast::<PyTuple>() {
        let items = t.as_slice();
        if items.iter().all(is_index) {
            return match items {
                [] => Err(not_implemented_error("sub-views are not implemented")),
                [i] => Ok(Key::Index(i)),
                _ => Err(type_error(format!(
                    "cannot index 1-dimension view with {}-element tuple",
                    items.len()
                ))),
            };
        }
        if items.iter().all(|x| x.downcast::<PySlice>().is_some()) {
            return Err(not_implemented_error(if assign {
                "memoryview slice assignments are currently restricted to ndim = 1"
            } else {
                "multi-dimensional slicing is not implemented"
            }));
        }
    }
    Err(type_error("memoryview: invalid slice key"))
}

/// An item index checked against the view's length.
fn item_index(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult<usize> {
    let i = crate::types::int::index_i64_opt(&crate::protocol::number::index(vm, k)?)
        .unwrap_or(i64::MAX);
    // `__index__` may have released the view.
    let m = live(o)?;
    let n = m.len as i64;
    let j = if i < 0 { i.saturating_add(n) } else { i };
    if j < 0 || j >= n {
        return Err(index_error("index out of bounds on dimension 1"));
    }
    Ok(j as usize)
}

fn mv_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let m = live(o)?;
    let sl = match classify(k, false)? {
        Key::Slice(sl) => sl,
        Key::Index(k) => {
            check_readable(m.fmt)?;
            let j = item_index(vm, o, k)?;
            let all = whole_bytes(&m.base()?).ok_or_else(released_error)?;
            let p = m.pos(j);
            let b = all
                .get(p..p + m.itemsize)
                .ok_or_else(|| index_error("index out of bounds on dimension 1"))?;
            return Ok(item_value(m.fmt, b));
        }
    };
    let (start, stop, step) = sl.indices(vm, m.len)?;
    let n = slice_range(start, stop, step).count();
    let new_start = if n == 0 {
        m.start
    } else {
        m.pos(start.max(0) as usize)
    };
    let base = m.base()?;
    Ok(new_view(
        MEMORYVIEW_TYPE.get(),
        base,
        new_start,
        m.step * step,
        n,
        m.fmt,
        m.readonly,
    ))
}

/// Encodes one item for assignment, with CPython's errors.
fn item_bytes(vm: &Vm, fmt: u8, v: &PyRef) -> PyResult<Vec<u8>> {
    let name = fmt as char;
    let bad_value = || value_error(format!("memoryview: invalid value for format '{name}'"));
    let bad_type = || type_error(format!("memoryview: invalid type for format '{name}'"));
    match fmt {
        b'c' => {
            return match bytes_data(v) {
                Some(d) if d.len() == 1 && v.downcast::<PyBytes>().is_some() => Ok(d),
                _ => Err(bad_value()),
            };
        }
        b'?' => return Ok(vec![crate::protocol::object::is_true(vm, v)? as u8]),
        b'f' | b'd' => {
            let is_num = v.downcast::<crate::types::float::PyFloat>().is_some()
                || crate::types::int::is_int(v)
                || v.class().slots().nb_float.is_some()
                || v.class().slots().nb_index.is_some();
            if !is_num {
                return Err(bad_type());
            }
            let x = crate::protocol::number::to_f64(vm, v)?;
            return Ok(if fmt == b'f' {
                let y = x as f32;
                if y.is_infinite() && x.is_finite() {
                    return Err(bad_value());
                }
                y.to_ne_bytes().to_vec()
            } else {
                x.to_ne_bytes().to_vec()
            });
        }
        _ => {}
    }
    if !crate::types::int::is_int(v) && v.class().slots().nb_index.is_none() {
        return Err(bad_type());
    }
    let i = crate::protocol::number::index(vm, v)?;
    let x = crate::types::int::to_bigint(&i).unwrap_or_default();
    let size = format_size(fmt).unwrap_or(1);
    let signed = matches!(fmt, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
    let bits = 8 * size as u32;
    let (lo, hi) = if signed {
        (
            -(num_bigint::BigInt::from(1) << (bits - 1)),
            (num_bigint::BigInt::from(1) << (bits - 1)) - 1,
        )
    } else {
        (
            num_bigint::BigInt::from(0),
            (num_bigint::BigInt::from(1) << bits) - 1,
        )
    };
    if x < lo || x > hi {
        return Err(bad_value());
    }
    let u: u64 = if signed {
        use num_traits::ToPrimitive;
        x.to_i64().unwrap_or(0) as u64
    } else {
        use num_traits::ToPrimitive;
        x.to_u64().unwrap_or(0)
    };
    Ok(u.to_ne_bytes()[..size].to_vec())
}

/// The format, item size and bytes of an assignment's right-hand side.
fn source_buffer(v: &PyRef) -> PyResult<(u8, usize, Vec<u8>)> {
    if let Some(x) = v.downcast::<PyMemoryView>() {
        return Ok((x.fmt, x.itemsize, x.to_vec()?));
    }
    if let Some(a) = v.downcast::<PyArray>() {
        let fmt = match a.typecode() {
            b'u' => b'w',
            c => c,
        };
        return Ok((fmt, view_itemsize(fmt), a.to_bytes()));
    }
    bytes_data(v).map(|d| (b'B', 1, d)).ok_or_else(|| {
        type_error(format!(
            "a bytes-like object is required, not '{}'",
            v.class().name()
        ))
    })
}

fn mv_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let m = live(o)?;
    if m.readonly {
        return Err(type_error("cannot modify read-only memory"));
    }
    let Some(v) = v else {
        return Err(type_error("cannot delete memory"));
    };
    let sl = match classify(k, true)? {
        Key::Slice(sl) => sl,
        Key::Index(k) => {
            check_readable(m.fmt)?;
            let j = item_index(vm, o, k)?;
            let x = item_bytes(vm, m.fmt, v)?;
            // Converting the value may have released the view.
            let m = live(o)?;
            return write_base(&m.base()?, m.pos(j), &x);
        }
    };
    let (start, stop, step) = sl.indices(vm, m.len)?;
    let m = live(o)?;
    let idx: Vec<usize> = slice_range(start, stop, step).map(|k| m.pos(k)).collect();
    let (fmt, itemsize, src) = source_buffer(v)?;
    if fmt != m.fmt || itemsize != m.itemsize || src.len() != idx.len() * m.itemsize {
        return Err(value_error(
            "memoryview assignment: lvalue and rvalue have different structures",
        ));
    }
    let base = m.base()?;
    for (p, item) in idx.into_iter().zip(src.chunks_exact(m.itemsize.max(1))) {
        write_base(&base, p, item)?;
    }
    Ok(())
}

fn mv_iter(_: &Vm, o: &PyRef) -> PyResult {
    let m = live(o)?;
    let items = m.items()?;
    Ok(crate::types::iterators::seq_iter(PyTuple::new_ref(items)))
}

fn this<'a>(a: &Args<'a>, name: &str) -> PyResult<(&'a PyRef, &'a PyMemoryView)> {
    let s = a.args.first().ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' of 'memoryview' object needs an argument"
        ))
    })?;
    Ok((s, payload(s)?))
}

fn m_tobytes(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, _) = this(&a, "tobytes")?;
    let [order] = a.shift().bind("tobytes", ["order"], 0, 0)?;
    let m = live(s)?;
    if let Some(o) = order
        && !crate::types::none::is_none(&o)
    {
        let ok = o
            .downcast::<PyStr>()
            .and_then(|s| s.as_str().map(|x| matches!(x, "C" | "F" | "A")))
            .unwrap_or(false);
        if !ok {
            return Err(value_error("order must be 'C', 'F' or 'A'"));
        }
    }
    Ok(PyBytes::new_ref(m.to_vec()?))
}

fn m_tolist(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, _) = this(&a, "tolist")?;
    a.shift().no_args("memoryview.tolist")?;
    let m = live(s)?;
    Ok(crate::types::list::PyList::new_ref(m.items()?))
}

fn m_hex(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, _) = this(&a, "hex")?;
    let [sep, per] = a.shift().bind("hex", ["sep", "bytes_per_sep"], 0, 0)?;
    let d = live(s)?.to_vec()?;
    Ok(PyStr::new_ref(&crate::types::bytes_methods::hex_method(
        vm,
        &d,
        sep.as_ref(),
        per.as_ref(),
    )?))
}

fn m_release(_: &Vm, a: Args<'_>) -> PyResult {
    let (_, m) = this(&a, "release")?;
    a.shift().no_args("memoryview.release")?;
    m.release();
    Ok(none())
}

fn m_enter(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, _) = this(&a, "__enter__")?;
    live(s)?;
    Ok(s.clone())
}

fn m_exit(_: &Vm, a: Args<'_>) -> PyResult {
    let (_, m) = this(&a, "__exit__")?;
    m.release();
    Ok(none())
}

fn m_toreadonly(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, _) = this(&a, "toreadonly")?;
    a.shift().no_args("memoryview.toreadonly")?;
    let m = live(s)?;
    Ok(new_view(
        MEMORYVIEW_TYPE.get(),
        m.base()?,
        m.start,
        m.step,
        m.len,
        m.fmt,
        true,
    ))
}

fn m_cast(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, _) = this(&a, "cast")?;
    let [fmt, shape] = a.shift().bind("cast", ["format", "shape"], 0, 1)?;
    let m = live(s)?;
    let fmt = fmt.ok_or_else(|| type_error("cast() missing required argument 'format' (pos 1)"))?;
    let f = fmt
        .downcast::<PyStr>()
        .ok_or_else(|| {
            type_error(format!(
                "cast() argument 'format' must be str, not {}",
                fmt.class().name()
            ))
        })?
        .to_string_lossy();
    if m.step != 1 && m.len > 1 {
        return Err(type_error(
            "memoryview: casts are restricted to C-contiguous views",
        ));
    }
    let spec = f.strip_prefix('@').unwrap_or(&f).as_bytes();
    let (code, size) = match spec {
        [c] if format_size(*c).is_some() => (*c, format_size(*c).unwrap_or(1)),
        _ => {
            return Err(value_error(
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            ));
        }
    };
    if !is_byte_format(code) && !is_byte_format(m.fmt) {
        return Err(type_error(
            "memoryview: cannot cast between two non-byte formats",
        ));
    }
    let nbytes = m.len * m.itemsize;
    if nbytes % size != 0 {
        return Err(type_error(
            "memoryview: length is not a multiple of itemsize",
        ));
    }
    let new_len = nbytes / size;
    if let Some(sh) = shape {
        let dims = crate::protocol::iter::collect(vm, &sh)?;
        let prod: i64 = dims.iter().filter_map(crate::types::int::to_i64).product();
        if dims.len() != 1 || prod != new_len as i64 {
            return Err(crate::error::not_implemented_error(
                "memoryview: only one-dimensional shapes are supported",
            ));
        }
    }
    Ok(new_view(
        MEMORYVIEW_TYPE.get(),
        m.base()?,
        m.start,
        1,
        new_len,
        code,
        m.readonly,
    ))
}

fn g_obj(_: &Vm, o: &PyRef) -> PyResult {
    live(o)?.base()
}
fn g_nbytes(_: &Vm, o: &PyRef) -> PyResult {
    let m = live(o)?;
    Ok(int_from_i64((m.len * m.itemsize) as i64))
}
fn g_readonly(_: &Vm, o: &PyRef) -> PyResult {
    Ok(py_bool(live(o)?.readonly))
}
fn g_itemsize(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(live(o)?.itemsize as i64))
}
fn g_format(_: &Vm, o: &PyRef) -> PyResult {
    let m = live(o)?;
    Ok(PyStr::new_ref(&(m.fmt as char).to_string()))
}
fn g_ndim(_: &Vm, o: &PyRef) -> PyResult {
    live(o)?;
    Ok(int_from_i64(1))
}
fn g_shape(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyTuple::new_ref(vec![int_from_i64(live(o)?.len as i64)]))
}
fn g_strides(_: &Vm, o: &PyRef) -> PyResult {
    let m = live(o)?;
    Ok(PyTuple::new_ref(vec![int_from_i64(
        m.step * m.itemsize as i64,
    )]))
}
fn g_suboffsets(_: &Vm, o: &PyRef) -> PyResult {
    live(o)?;
    Ok(PyTuple::new_ref(vec![]))
}
fn g_contiguous(_: &Vm, o: &PyRef) -> PyResult {
    let m = live(o)?;
    Ok(py_bool(m.step == 1 || m.len <= 1))
}

static METHODS: &[MethodDef] = &[
    MethodDef::method("tobytes", m_tobytes),
    MethodDef::method("tolist", m_tolist),
    MethodDef::method("hex", m_hex),
    MethodDef::method("release", m_release),
    MethodDef::method("toreadonly", m_toreadonly),
    MethodDef::method("cast", m_cast),
    MethodDef::method("__enter__", m_enter),
    MethodDef::method("__exit__", m_exit),
];

static GETSETS: &[GetSetDef] = &[
    GetSetDef::new("obj", g_obj),
    GetSetDef::new("nbytes", g_nbytes),
    GetSetDef::new("readonly", g_readonly),
    GetSetDef::new("itemsize", g_itemsize),
    GetSetDef::new("format", g_format),
    GetSetDef::new("ndim", g_ndim),
    GetSetDef::new("shape", g_shape),
    GetSetDef::new("strides", g_strides),
    GetSetDef::new("suboffsets", g_suboffsets),
    GetSetDef::new("contiguous", g_contiguous),
    GetSetDef::new("c_contiguous", g_contiguous),
    GetSetDef::new("f_contiguous", g_contiguous),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &MEMORYVIEW_TYPE,
        TypeSpec {
            slots: Slots {
                repr: Some(mv_repr),
                hash: Some(mv_hash),
                richcompare: Some(mv_richcompare),
                mp_len: Some(mv_len),
                mp_getitem: Some(mv_getitem),
                mp_setitem: Some(mv_setitem),
                iter: Some(mv_iter),
                new: Some(mv_new),
                ..Slots::EMPTY
            },
            methods: METHODS,
            getsets: GETSETS,
            flags: flags::SEQUENCE,
            doc: Some("Create a new memoryview object which references the given object."),
            ..TypeSpec::new("memoryview", Layout::of::<PyMemoryView>())
        },
    )]
}

#[allow(dead_code)]
fn _unused(_: &PyStr, _: fn() -> u32) -> u32 {
    flags::BASETYPE
}
