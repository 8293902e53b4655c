//! Helpers shared by the data modules (`_struct`, `binascii`, the hash
//! modules, `zlib`, `array`, `marshal`): reading the bytes of a bytes-like
//! argument with CPython's error messages, writing into a writable buffer
//! (`bytearray`, `array.array`, a writable `memoryview`), and declaring a
//! module's own exception class (`struct.error`, `binascii.Error`, ...) as
//! a process-global static type.

use crate::error::{PyResult, type_error};
use crate::object::typeobj::flags;
use crate::object::{Layout, StaticType, TypeSpec};
use crate::types::bytearray::PyByteArray;
use crate::types::bytes::PyBytes;
use crate::types::exceptions::PyBaseException;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

/// The spec of a module's exception class `name` ("module.Name") deriving
/// from `base` (a builtin exception type).
pub fn exception_spec(
    name: &'static str,
    base: &'static StaticType,
    doc: Option<&'static str>,
) -> TypeSpec {
    TypeSpec {
        base: Some(base),
        flags: flags::BASETYPE | flags::BASE_EXC_SUBCLASS,
        doc,
        ..TypeSpec::new(name, Layout::of::<PyBaseException>())
    }
}

/// The bytes of a bytes-like object, or `None` if `o` is not one.
pub fn try_bytes(o: &PyRef) -> Option<Vec<u8>> {
    if let Some(b) = o.downcast::<PyBytes>() {
        return Some(b.as_bytes().to_vec());
    }
    if let Some(b) = o.downcast::<PyByteArray>() {
        return Some(b.to_vec());
    }
    crate::types::buffer_hook(o)
}

/// The bytes of a bytes-like argument; otherwise CPython's
/// "a bytes-like object is required, not 'T'".
pub fn bytes_like(o: &PyRef) -> PyResult<Vec<u8>> {
    try_bytes(o).ok_or_else(|| {
        type_error(format!(
            "a bytes-like object is required, not '{}'",
            o.class().name()
        ))
    })
}

/// Like [`bytes_like`] but also accepts an ASCII-only `str` (the
/// `ascii_buffer_converter` of binascii and base64): non-ASCII text raises
/// "string argument should contain only ASCII characters".
pub fn ascii_or_bytes(o: &PyRef) -> PyResult<Vec<u8>> {
    if let Some(s) = o.downcast::<PyStr>() {
        let t = s.to_string_lossy();
        if !s.as_str().is_some_and(|t| t.is_ascii()) {
            return Err(crate::error::value_error(
                "string argument should contain only ASCII characters",
            ));
        }
        return Ok(t.into_bytes());
    }
    try_bytes(o).ok_or_else(|| {
        type_error(format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            o.class().name()
        ))
    })
}

/// A read-write buffer: `bytearray`, `array.array` or a writable memoryview.
pub enum WritableBuf {
    ByteArray(PyRef),
    Array(PyRef),
    View(PyRef),
}

impl WritableBuf {
    /// `o` as a writable buffer; otherwise CPython's "argument must be
    /// read-write bytes-like object, not T".
    pub fn of(vm: &Vm, o: &PyRef) -> PyResult<WritableBuf> {
        if o.downcast::<PyByteArray>().is_some() {
            return Ok(WritableBuf::ByteArray(o.clone()));
        }
        if o.downcast::<crate::modules::array::PyArray>().is_some() {
            return Ok(WritableBuf::Array(o.clone()));
        }
        if o.downcast::<crate::types::memoryview::PyMemoryView>()
            .is_some()
        {
            let ro = crate::protocol::object::get_attr_str(vm, o, "readonly")?;
            if !crate::protocol::object::is_true(vm, &ro)? {
                return Ok(WritableBuf::View(o.clone()));
            }
        }
        Err(type_error(format!(
            "argument must be read-write bytes-like object, not {}",
            o.class().name()
        )))
    }

    /// The current length in bytes.
    pub fn len(&self, vm: &Vm) -> PyResult<usize> {
        match self {
            WritableBuf::ByteArray(o) => Ok(o
                .downcast::<PyByteArray>()
                .map_or(0, |b| b.data.borrow().len())),
            WritableBuf::Array(o) => Ok(o
                .downcast::<crate::modules::array::PyArray>()
                .map_or(0, |a| a.byte_len())),
            WritableBuf::View(o) => {
                let n = crate::protocol::object::len(vm, o)?;
                let isz = crate::protocol::object::get_attr_str(vm, o, "itemsize")?;
                Ok(n * crate::types::int::to_i64(&isz).unwrap_or(1).max(1) as usize)
            }
        }
    }

    /// Writes `data` at byte offset `at` (the caller checked the bounds).
    pub fn write(&self, vm: &Vm, at: usize, data: &[u8]) -> PyResult<()> {
        match self {
            WritableBuf::ByteArray(o) => {
                if let Some(b) = o.downcast::<PyByteArray>() {
                    let mut d = b.data.borrow_mut();
                    if let Some(dst) = d.get_mut(at..at + data.len()) {
                        dst.copy_from_slice(data);
                    }
                }
                Ok(())
            }
            WritableBuf::Array(o) => {
                if let Some(a) = o.downcast::<crate::modules::array::PyArray>() {
                    a.write_bytes(at, data);
                }
                Ok(())
            }
            WritableBuf::View(o) => {
                let s = crate::types::slice::PySlice::new_ref(
                    crate::types::int::int_from_i64(at as i64),
                    crate::types::int::int_from_i64((at + data.len()) as i64),
                    crate::types::none::none(),
                );
                crate::protocol::object::set_item(vm, o, &s, &PyBytes::new_ref(data.to_vec()))
            }
        }
    }
}

/// Hex digits, lower case.
pub fn hex_lower(data: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(data.len() * 2);
    for &b in data {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}
