//! `memoryview`: a one-dimensional view of the bytes of a `bytes`,
//! `bytearray` or another memoryview, with the single-byte formats `B`, `b`
//! and `c`.  A view is `(obj, start, step, len)` over its base object (views
//! of views are flattened), so slicing never copies.  While a view over a
//! bytearray is alive and not released, the bytearray may not be resized
//! (its `exports` counter; see `bytearray.rs`).

use std::cell::{Cell, RefCell};

use taipan_bytecode::CompareOp;

use crate::args::Args;
use crate::error::{PyErr, PyResult, index_error, type_error, value_error};
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
        readonly: bool,
        released: Cell<bool>,
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
        (0..self.len)
            .filter_map(|k| all.get(self.pos(k)).copied())
            .collect()
    }

    fn pos(&self, k: usize) -> usize {
        (self.start as i64 + k as i64 * self.step) as usize
    }

    fn release(&self) {
        if self.released.replace(true) {
            return;
        }
        if let Some(o) = self.obj.borrow().as_ref()
            && let Some(b) = o.downcast::<PyByteArray>()
        {
            b.exports.set(b.exports.get().saturating_sub(1));
        }
    }
}

/// All bytes of a base object.
fn whole_bytes(o: &PyRef) -> Option<Vec<u8>> {
    if let Some(b) = o.downcast::<PyBytes>() {
        return Some(b.data.clone());
    }
    if let Some(b) = o.downcast::<PyByteArray>() {
        return Some(b.to_vec());
    }
    None
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
    if let Some(b) = obj.downcast::<PyByteArray>() {
        b.exports.set(b.exports.get() + 1);
    }
    crate::object::alloc_as(
        cls,
        PyMemoryView {
            obj: RefCell::new(Some(obj)),
            start,
            step,
            len,
            fmt,
            readonly,
            released: Cell::new(false),
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

fn item_value(fmt: u8, b: u8) -> PyRef {
    match fmt {
        b'b' => int_from_i64(b as i8 as i64),
        b'c' => PyBytes::new_ref(vec![b]),
        _ => int_from_i64(b as i64),
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
    let m = live(o)?;
    if !m.readonly {
        return Err(value_error("cannot hash writable memoryview object"));
    }
    Ok(crate::runtime::hash::hash_bytes(&m.to_vec()?))
}

fn mv_richcompare(_: &Vm, a: &PyRef, b: &PyRef, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let Some(m) = a.downcast::<PyMemoryView>() else {
        return Ok(not_implemented());
    };
    if a.is(b) {
        return Ok(py_bool((op == CompareOp::Eq) != m.released.get()));
    }
    if m.released.get()
        || b.downcast::<PyMemoryView>()
            .is_some_and(|x| x.released.get())
    {
        return Ok(py_bool(op == CompareOp::Ne));
    }
    let Some(other) = bytes_data(b) else {
        return Ok(not_implemented());
    };
    // Compare element values: 'c' and 'B' views of the same bytes are equal,
    // a 'b' view differs from 'B' for bytes >= 0x80.
    let fmt_b = b.downcast::<PyMemoryView>().map_or(b'B', |x| x.fmt);
    let mine = m.to_vec()?;
    let signed = |f: u8| f == b'b';
    let eq = mine.len() == other.len()
        && mine.iter().zip(&other).all(|(&x, &y)| {
            let vx = if signed(m.fmt) {
                x as i8 as i64
            } else {
                x as i64
            };
            let vy = if signed(fmt_b) {
                y as i8 as i64
            } else {
                y as i64
            };
            vx == vy
        });
    Ok(py_bool(eq == (op == CompareOp::Eq)))
}

fn mv_getitem(vm: &Vm, o: &PyRef, k: &PyRef) -> PyResult {
    let m = live(o)?;
    if let Some(sl) = k.downcast::<PySlice>() {
        let (start, stop, step) = sl.indices(vm, m.len)?;
        let n = slice_range(start, stop, step).count();
        let new_start = if n == 0 {
            m.start
        } else {
            m.pos(start.max(0) as usize)
        };
        let base = m.base()?;
        return Ok(new_view(
            MEMORYVIEW_TYPE.get(),
            base,
            new_start,
            m.step * step,
            n,
            m.fmt,
            m.readonly,
        ));
    }
    if !crate::types::int::is_int(k) && k.class().slots().nb_index.is_none() {
        return Err(type_error("memoryview: invalid slice key"));
    }
    let i = crate::types::int::index_for(vm, k, "memoryview: invalid slice key")?;
    let n = m.len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("index out of bounds on dimension 1"));
    }
    let all = whole_bytes(&m.base()?).ok_or_else(released_error)?;
    let b = all
        .get(m.pos(j as usize))
        .copied()
        .ok_or_else(|| index_error("index out of bounds on dimension 1"))?;
    Ok(item_value(m.fmt, b))
}

fn item_byte(vm: &Vm, fmt: u8, v: &PyRef) -> PyResult<u8> {
    let name = fmt as char;
    if fmt == b'c' {
        return match bytes_data(v) {
            Some(d) if d.len() == 1 && v.downcast::<PyBytes>().is_some() => Ok(d[0]),
            _ => Err(value_error(format!(
                "memoryview: invalid value for format '{name}'"
            ))),
        };
    }
    if !crate::types::int::is_int(v) && v.class().slots().nb_index.is_none() {
        return Err(type_error(format!(
            "memoryview: invalid type for format '{name}'"
        )));
    }
    let i = crate::protocol::number::index(vm, v)?;
    let x = crate::types::int::index_i64_opt(&i).unwrap_or(i64::MAX);
    let ok = if fmt == b'b' {
        (-128..128).contains(&x)
    } else {
        (0..256).contains(&x)
    };
    if !ok {
        return Err(value_error(format!(
            "memoryview: invalid value for format '{name}'"
        )));
    }
    Ok(x as u8)
}

fn mv_setitem(vm: &Vm, o: &PyRef, k: &PyRef, v: Option<&PyRef>) -> PyResult<()> {
    let m = live(o)?;
    if m.readonly {
        return Err(type_error("cannot modify read-only memory"));
    }
    let Some(v) = v else {
        return Err(type_error("cannot delete memory"));
    };
    let base = m.base()?;
    let ba = base
        .downcast::<PyByteArray>()
        .ok_or_else(|| type_error("cannot modify read-only memory"))?;
    if let Some(sl) = k.downcast::<PySlice>() {
        let (start, stop, step) = sl.indices(vm, m.len)?;
        let idx: Vec<usize> = slice_range(start, stop, step).map(|k| m.pos(k)).collect();
        let src = bytes_data(v).ok_or_else(|| {
            type_error(format!(
                "a bytes-like object is required, not '{}'",
                v.class().name()
            ))
        })?;
        if src.len() != idx.len() {
            return Err(value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let mut d = ba.data.borrow_mut();
        for (p, x) in idx.into_iter().zip(src) {
            if let Some(slot) = d.get_mut(p) {
                *slot = x;
            }
        }
        return Ok(());
    }
    if !crate::types::int::is_int(k) && k.class().slots().nb_index.is_none() {
        return Err(type_error("memoryview: invalid slice key"));
    }
    let i = crate::types::int::index_for(vm, k, "memoryview: invalid slice key")?;
    let n = m.len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("index out of bounds on dimension 1"));
    }
    let x = item_byte(vm, m.fmt, v)?;
    if let Some(slot) = ba.data.borrow_mut().get_mut(m.pos(j as usize)) {
        *slot = x;
    }
    Ok(())
}

fn mv_iter(_: &Vm, o: &PyRef) -> PyResult {
    let m = live(o)?;
    let items: Vec<PyRef> = m
        .to_vec()?
        .into_iter()
        .map(|b| item_value(m.fmt, b))
        .collect();
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
    let items = m
        .to_vec()?
        .into_iter()
        .map(|b| item_value(m.fmt, b))
        .collect();
    Ok(crate::types::list::PyList::new_ref(items))
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
    let code = match f.strip_prefix('@').unwrap_or(&f) {
        "B" => b'B',
        "b" => b'b',
        "c" => b'c',
        "h" | "H" | "i" | "I" | "l" | "L" | "q" | "Q" | "n" | "N" | "f" | "d" | "e" | "?" | "P" => {
            return Err(crate::error::not_implemented_error(format!(
                "memoryview: format {f} not supported yet (only 'B', 'b' and 'c')"
            )));
        }
        _ => {
            return Err(value_error(
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            ));
        }
    };
    if let Some(sh) = shape {
        let dims = crate::protocol::iter::collect(vm, &sh)?;
        let prod: i64 = dims.iter().filter_map(crate::types::int::to_i64).product();
        if dims.len() != 1 || prod != m.len as i64 {
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
        m.len,
        code,
        m.readonly,
    ))
}

fn g_obj(_: &Vm, o: &PyRef) -> PyResult {
    live(o)?.base()
}
fn g_nbytes(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(live(o)?.len as i64))
}
fn g_readonly(_: &Vm, o: &PyRef) -> PyResult {
    Ok(py_bool(live(o)?.readonly))
}
fn g_itemsize(_: &Vm, o: &PyRef) -> PyResult {
    live(o)?;
    Ok(int_from_i64(1))
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
    Ok(PyTuple::new_ref(vec![int_from_i64(live(o)?.step)]))
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
            flags: 0,
            doc: Some("Create a new memoryview object which references the given object."),
            ..TypeSpec::new("memoryview", Layout::of::<PyMemoryView>())
        },
    )]
}

#[allow(dead_code)]
fn _unused(_: &PyStr, _: fn() -> u32) -> u32 {
    flags::BASETYPE
}
