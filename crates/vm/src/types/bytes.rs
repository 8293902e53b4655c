//! `bytes`: an immutable byte string, plus the codec helpers shared with
//! `str` (`utf-8`, `ascii`, `latin-1` with the common error handlers).

use std::cell::Cell;

use taipan_bytecode::CompareOp;
use taipan_common::Wtf8Buf;

use crate::args::Args;
use crate::error::{PyErr, PyResult, index_error, type_error, value_error};
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

fn normalize_encoding(e: &str) -> String {
    e.to_ascii_lowercase().replace(['-', ' '], "_")
}

fn decode_error(enc: &str, data: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let args = vec![
        PyStr::new_ref(enc),
        PyBytes::new_ref(data.to_vec()),
        int_from_i64(start as i64),
        int_from_i64(end as i64),
        PyStr::new_ref(reason),
    ];
    PyErr::new_args(&crate::types::exceptions::UNICODE_DECODE_ERROR, args)
}

fn encode_error(enc: &str, s: &PyRef, start: usize, end: usize, reason: &str) -> PyErr {
    let args = vec![
        PyStr::new_ref(enc),
        s.clone(),
        int_from_i64(start as i64),
        int_from_i64(end as i64),
        PyStr::new_ref(reason),
    ];
    PyErr::new_args(&crate::types::exceptions::UNICODE_ENCODE_ERROR, args)
}

/// Decodes bytes to text.
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<Wtf8Buf> {
    let enc = normalize_encoding(encoding);
    let mut out = Wtf8Buf::with_capacity(data.len());
    match enc.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => {
            let mut i = 0;
            while i < data.len() {
                match std::str::from_utf8(&data[i..]) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        // SAFETY-free: the prefix is valid UTF-8.
                        out.push_str(std::str::from_utf8(&data[i..i + good]).unwrap_or(""));
                        i += good;
                        let bad = e.error_len().unwrap_or(data.len() - i);
                        let reason = if e.error_len().is_none() {
                            "unexpected end of data"
                        } else if data[i] >= 0x80 && data[i] < 0xC2 || data[i] > 0xF4 {
                            "invalid start byte"
                        } else {
                            "invalid continuation byte"
                        };
                        // surrogatepass: ED A0..BF xx encodes a surrogate.
                        if errors == "surrogatepass" && data[i] == 0xED && i + 2 < data.len() {
                            let cp = ((data[i] as u32 & 0x0F) << 12)
                                | ((data[i + 1] as u32 & 0x3F) << 6)
                                | (data[i + 2] as u32 & 0x3F);
                            if (0xD800..=0xDFFF).contains(&cp) {
                                out.push_code_point(cp);
                                i += 3;
                                continue;
                            }
                        }
                        match errors {
                            "strict" => {
                                return Err(decode_error("utf-8", data, i, i + bad, reason));
                            }
                            "ignore" => {}
                            "replace" => out.push_char('\u{FFFD}'),
                            "surrogateescape" => {
                                for b in &data[i..i + bad] {
                                    out.push_code_point(0xDC00 + *b as u32);
                                }
                            }
                            "backslashreplace" => {
                                for b in &data[i..i + bad] {
                                    out.push_str(&format!("\\x{b:02x}"));
                                }
                            }
                            _ => return Err(decode_error("utf-8", data, i, i + bad, reason)),
                        }
                        i += bad;
                    }
                }
            }
        }
        "ascii" | "us_ascii" | "646" => {
            for (i, &b) in data.iter().enumerate() {
                if b < 128 {
                    out.push_char(b as char);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push_char('\u{FFFD}'),
                        "surrogateescape" => {
                            out.push_code_point(0xDC00 + b as u32);
                        }
                        _ => {
                            return Err(decode_error(
                                "ascii",
                                data,
                                i,
                                i + 1,
                                "ordinal not in range(128)",
                            ));
                        }
                    }
                }
            }
        }
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "l1" | "8859" | "cp819" | "latin" => {
            for &b in data {
                out.push_char(b as char);
            }
        }
        _ => {
            return Err(crate::error::lookup_error(format!(
                "unknown encoding: {encoding}"
            )));
        }
    }
    Ok(out)
}

/// Encodes a str object.
pub fn encode(s: &PyRef, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let st = s
        .downcast::<PyStr>()
        .ok_or_else(|| type_error("encode() requires a str"))?;
    let enc = normalize_encoding(encoding);
    let (name, limit) = match enc.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => ("utf-8", u32::MAX),
        "ascii" | "us_ascii" | "646" => ("ascii", 128),
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "l1" | "8859" | "cp819" | "latin" => {
            ("latin-1", 256)
        }
        _ => {
            return Err(crate::error::lookup_error(format!(
                "unknown encoding: {encoding}"
            )));
        }
    };
    if name == "utf-8" {
        if let Some(t) = st.as_str() {
            return Ok(t.as_bytes().to_vec());
        }
    }
    let mut out = Vec::with_capacity(st.as_bytes().len());
    for (i, cp) in st.code_points().enumerate() {
        let is_sur = (0xD800..=0xDFFF).contains(&cp);
        if cp < limit && !(name == "utf-8" && is_sur) {
            if name == "utf-8" {
                let mut b = [0u8; 4];
                if let Some(c) = char::from_u32(cp) {
                    out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
                }
            } else {
                out.push(cp as u8);
            }
            continue;
        }
        let reason = if name == "utf-8" {
            "surrogates not allowed".to_string()
        } else {
            format!("ordinal not in range({limit})")
        };
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "surrogateescape" if (0xDC80..=0xDCFF).contains(&cp) => out.push((cp - 0xDC00) as u8),
            "surrogatepass" if name == "utf-8" && is_sur => {
                out.push(0xE0 | (cp >> 12) as u8);
                out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
                out.push(0x80 | (cp & 0x3F) as u8);
            }
            "backslashreplace" => {
                let e = if cp < 0x100 {
                    format!("\\x{cp:02x}")
                } else if cp < 0x10000 {
                    format!("\\u{cp:04x}")
                } else {
                    format!("\\U{cp:08x}")
                };
                out.extend_from_slice(e.as_bytes());
            }
            "xmlcharrefreplace" => out.extend_from_slice(format!("&#{cp};").as_bytes()),
            _ => return Err(encode_error(name, s, i, i + 1, &reason)),
        }
    }
    Ok(out)
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
    Ok(PyStr::from_wtf8_ref(decode(&data, &enc, &err)?))
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

fn b_add(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<PyBytes>(), bytes_data(b)) else {
        return Ok(not_implemented());
    };
    let mut v = x.data.clone();
    v.extend_from_slice(&y);
    Ok(PyBytes::new_ref(v))
}

fn b_mul(_: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let (x, n) = match (a.downcast::<PyBytes>(), b.downcast::<PyBytes>()) {
        (Some(x), _) => (x, b),
        (None, Some(x)) => (x, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::types::int::index_i64_opt(n) else {
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

fn b_iter(vm: &Vm, o: &PyRef) -> PyResult {
    let b = payload(o)?;
    let items: Vec<PyRef> = b.data.iter().map(|&x| int_from_i64(x as i64)).collect();
    let t = crate::types::tuple::PyTuple::new_ref(items);
    let _ = vm;
    Ok(crate::types::iterators::seq_iter(t))
}

/// `bytes(x)` conversion of the argument forms.
pub fn bytes_from_object(vm: &Vm, x: &PyRef) -> PyResult<Vec<u8>> {
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
    let it = crate::protocol::iter::get_iter(vm, x).map_err(|_| {
        type_error(format!(
            "cannot convert '{}' object to bytes",
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
            return Err(value_error("bytes must be in range(0, 256)"));
        }
        out.push(i as u8);
    }
    Ok(out)
}

fn b_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let [src, enc, err] = a.bind("bytes", ["source", "encoding", "errors"], 0, 0)?;
    let data = match (src, enc, err) {
        (None, None, None) => Vec::new(),
        (Some(s), e, r) if s.downcast::<PyStr>().is_some() && (e.is_some() || r.is_some()) => {
            let e = arg_str(e.as_ref(), "utf-8", "bytes() argument 'encoding'")?;
            let r = arg_str(r.as_ref(), "strict", "bytes() argument 'errors'")?;
            encode(&s, &e, &r)?
        }
        (Some(s), None, None) => bytes_from_object(vm, &s)?,
        (Some(_), _, _) => return Err(type_error("encoding without a string argument")),
        (None, _, _) => return Err(type_error("encoding without a string argument")),
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
