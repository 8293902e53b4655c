//! The `zlib` module: DEFLATE compression through zlib-rs's C-compatible
//! API (`libz-rs-sys`), with CPython 3.11's functions, objects
//! (`zlib.Compress`, `zlib.Decompress`), constants and error messages.
//!
//! A [`ZStream`] owns one boxed `z_stream` (zlib keeps a pointer back to
//! it, so it must not move) and ends it on drop.  Every call into zlib
//! points `next_in`/`next_out` at Rust buffers that live for that call
//! only; the loops follow CPython's `zlibmodule.c`: feed input in chunks
//! of at most `u32::MAX` bytes, grow the output while zlib fills it, and
//! report errors as "Error N while <doing>: <zlib's message>".

use std::cell::{Cell, RefCell};
use std::ffi::{CStr, c_int};

use libz_rs_sys as z;

use crate::args::Args;
use crate::error::{PyErr, PyResult, memory_error, overflow_error, type_error, value_error};
use crate::modules::bufutil::{bytes_like, exception_spec};
use crate::object::slots::Slots;
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, Trace, TypeSpec, Visit};
use crate::types::bool_::py_bool;
use crate::types::bytes::PyBytes;
use crate::types::int::{int_from_i64, int_from_u64};
use crate::value::PyRef;
use crate::vm::Vm;

pub static ZLIB_ERROR: StaticType = StaticType::new();
pub static COMPRESS_TYPE: StaticType = StaticType::new();
pub static DECOMPRESS_TYPE: StaticType = StaticType::new();

const MAX_WBITS: i64 = 15;
const DEF_MEM_LEVEL: i64 = 8;
const DEF_BUF_SIZE: i64 = 16384;

/// A zlib stream, deflating or inflating.
pub struct ZStream {
    strm: Box<z::z_stream>,
    deflate: bool,
    live: bool,
}

impl Trace for ZStream {
    fn trace(&self, _: &mut Visit<'_>) {}
}

impl Drop for ZStream {
    fn drop(&mut self) {
        self.end();
    }
}

fn stream_size() -> c_int {
    std::mem::size_of::<z::z_stream>() as c_int
}

impl ZStream {
    fn new_deflate(level: i32, method: i32, wbits: i32, mem: i32, strategy: i32) -> (ZStream, i32) {
        let mut s = ZStream {
            strm: Box::default(),
            deflate: true,
            live: false,
        };
        // SAFETY: `strm` is a zeroed, boxed z_stream (stable address);
        // the version string is zlib-rs's own, NUL-terminated.
        let err = unsafe {
            z::deflateInit2_(
                &mut *s.strm,
                level,
                method,
                wbits,
                mem,
                strategy,
                z::zlibVersion(),
                stream_size(),
            )
        };
        s.live = err == z::Z_OK;
        (s, err)
    }

    fn new_inflate(wbits: i32) -> (ZStream, i32) {
        let mut s = ZStream {
            strm: Box::default(),
            deflate: false,
            live: false,
        };
        // SAFETY: as in `new_deflate`.
        let err = unsafe { z::inflateInit2_(&mut *s.strm, wbits, z::zlibVersion(), stream_size()) };
        s.live = err == z::Z_OK;
        (s, err)
    }

    fn end(&mut self) {
        if self.live {
            self.live = false;
            // SAFETY: the stream was initialised and not yet ended.
            unsafe {
                if self.deflate {
                    z::deflateEnd(&mut *self.strm);
                } else {
                    z::inflateEnd(&mut *self.strm);
                }
            }
        }
    }

    /// A copy of a live stream (`deflateCopy`/`inflateCopy`).
    fn copy(&mut self) -> Option<ZStream> {
        if !self.live {
            return None;
        }
        let mut c = ZStream {
            strm: Box::default(),
            deflate: self.deflate,
            live: false,
        };
        // zlib-rs refuses to copy a stream without an output pointer; give
        // it an empty (never dereferenced) one.
        self.strm.next_out = std::ptr::NonNull::<u8>::dangling().as_ptr();
        self.strm.avail_out = 0;
        self.strm.next_in = std::ptr::null();
        self.strm.avail_in = 0;
        // SAFETY: both streams are boxed; the source is live.
        let err = unsafe {
            if self.deflate {
                z::deflateCopy(&mut *c.strm, &mut *self.strm)
            } else {
                z::inflateCopy(&mut *c.strm, &mut *self.strm)
            }
        };
        c.live = err == z::Z_OK;
        c.live.then_some(c)
    }

    fn set_dictionary(&mut self, d: &[u8]) -> i32 {
        if !self.live {
            return z::Z_STREAM_ERROR;
        }
        let Ok(n) = u32::try_from(d.len()) else {
            return z::Z_STREAM_ERROR;
        };
        // SAFETY: `d` outlives the call; zlib copies the dictionary.
        unsafe {
            if self.deflate {
                z::deflateSetDictionary(&mut *self.strm, d.as_ptr(), n)
            } else {
                z::inflateSetDictionary(&mut *self.strm, d.as_ptr(), n)
            }
        }
    }

    /// zlib's message for the last error, if it set one.
    fn msg(&self) -> Option<String> {
        if self.strm.msg.is_null() {
            return None;
        }
        // SAFETY: zlib sets `msg` to a static NUL-terminated string.
        Some(
            unsafe { CStr::from_ptr(self.strm.msg) }
                .to_string_lossy()
                .into_owned(),
        )
    }

    /// One `deflate`/`inflate` call over `input[*pos..]`, appending at most
    /// `room` bytes to `out`; advances `*pos` past the consumed input.
    fn step(
        &mut self,
        input: &[u8],
        pos: &mut usize,
        out: &mut Vec<u8>,
        room: usize,
        flush: i32,
    ) -> (i32, usize) {
        if !self.live {
            return (z::Z_STREAM_ERROR, 0);
        }
        let rest = &input[*pos..];
        let avail_in = rest.len().min(u32::MAX as usize);
        let room = room.min(u32::MAX as usize);
        out.reserve(room);
        let start = out.len();
        self.strm.next_in = rest.as_ptr();
        self.strm.avail_in = avail_in as u32;
        // SAFETY: `out` has at least `room` bytes of spare capacity.
        self.strm.next_out = unsafe { out.as_mut_ptr().add(start) };
        self.strm.avail_out = room as u32;
        // SAFETY: the stream is live and its buffers point into `rest` and
        // the spare capacity of `out`, both valid for this call.
        let err = unsafe {
            if self.deflate {
                z::deflate(&mut *self.strm, flush)
            } else {
                z::inflate(&mut *self.strm, flush)
            }
        };
        let produced = room - self.strm.avail_out as usize;
        // SAFETY: zlib initialised `produced` bytes after `start`.
        unsafe { out.set_len(start + produced) };
        *pos += avail_in - self.strm.avail_in as usize;
        self.strm.next_in = std::ptr::null();
        self.strm.avail_in = 0;
        self.strm.next_out = std::ptr::null_mut();
        let filled = self.strm.avail_out == 0;
        self.strm.avail_out = 0;
        (err, if filled { 0 } else { 1 })
    }
}

/// `zlib.error("Error N while <what>: <message>")`.
fn zlib_error(z: Option<&ZStream>, err: i32, what: &str) -> PyErr {
    let mut msg = if err == z::Z_VERSION_ERROR {
        Some("library version mismatch".to_string())
    } else {
        z.and_then(|s| s.msg())
    };
    if msg.is_none() {
        msg = match err {
            z::Z_BUF_ERROR => Some("incomplete or truncated stream".into()),
            z::Z_STREAM_ERROR => Some("inconsistent stream state".into()),
            z::Z_DATA_ERROR => Some("invalid input data".into()),
            _ => None,
        };
    }
    PyErr::new_msg(
        &ZLIB_ERROR,
        match msg {
            Some(m) => format!("Error {err} {what}: {m}"),
            None => format!("Error {err} {what}"),
        },
    )
}

/// A C `int` argument.
fn int_arg(vm: &Vm, o: &Option<PyRef>, default: i64) -> PyResult<i32> {
    let Some(o) = o else {
        return Ok(default as i32);
    };
    if o.downcast::<crate::types::float::PyFloat>().is_some() {
        return Err(type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let v = crate::types::int::index_for(vm, o, "'{}' object cannot be interpreted as an integer")
        .map_err(|_| overflow_error("Python int too large to convert to C int"))?;
    i32::try_from(v).map_err(|_| {
        overflow_error(if v > 0 {
            "signed integer is greater than maximum"
        } else {
            "signed integer is less than minimum"
        })
    })
}

/// An `unsigned int` argument, wrapped modulo 2**32 (checksum start values).
fn uint_mask(vm: &Vm, o: Option<&PyRef>, default: u32) -> PyResult<u32> {
    let Some(o) = o else { return Ok(default) };
    let i = crate::protocol::number::index(vm, o)?;
    let b = crate::types::int::to_bigint(&i).unwrap_or_default();
    let m: num_bigint::BigInt = b & num_bigint::BigInt::from(u32::MAX);
    Ok(num_traits::ToPrimitive::to_u32(&m).unwrap_or(0))
}

// ------------------------------------------------------------ one-shot

/// Compresses all of `data` (zlib.compress).
pub fn compress_all(data: &[u8], level: i32, wbits: i32) -> PyResult<Vec<u8>> {
    let (mut s, err) = ZStream::new_deflate(level, z::Z_DEFLATED, wbits, DEF_MEM_LEVEL as i32, 0);
    match err {
        z::Z_OK => {}
        z::Z_MEM_ERROR => return Err(memory_error("Out of memory while compressing data")),
        z::Z_STREAM_ERROR => return Err(PyErr::new_msg(&ZLIB_ERROR, "Bad compression level")),
        _ => return Err(zlib_error(Some(&s), err, "while compressing data")),
    }
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    let mut pos = 0;
    loop {
        let (err, _) = s.step(data, &mut pos, &mut out, DEF_BUF_SIZE as usize, z::Z_FINISH);
        match err {
            z::Z_STREAM_END => break,
            z::Z_OK | z::Z_BUF_ERROR => {}
            _ => return Err(zlib_error(Some(&s), err, "while compressing data")),
        }
    }
    Ok(out)
}

/// Decompresses a complete stream (zlib.decompress); trailing bytes after
/// the end of the stream are ignored, as in CPython.
pub fn decompress_all(data: &[u8], wbits: i32, bufsize: usize) -> PyResult<Vec<u8>> {
    let (mut s, err) = ZStream::new_inflate(wbits);
    match err {
        z::Z_OK => {}
        z::Z_MEM_ERROR => return Err(memory_error("Out of memory while decompressing data")),
        _ => {
            return Err(zlib_error(
                Some(&s),
                err,
                "while preparing to decompress data",
            ));
        }
    }
    let mut out = Vec::with_capacity(bufsize.max(1));
    let mut pos = 0;
    let mut room = bufsize.max(1);
    loop {
        let (err, not_full) = s.step(data, &mut pos, &mut out, room, z::Z_FINISH);
        match err {
            z::Z_OK | z::Z_BUF_ERROR | z::Z_STREAM_END => {}
            z::Z_MEM_ERROR => return Err(memory_error("Out of memory while decompressing data")),
            _ => return Err(zlib_error(Some(&s), err, "while decompressing data")),
        }
        if not_full == 1 {
            if err == z::Z_STREAM_END {
                return Ok(out);
            }
            if pos >= data.len() {
                return Err(zlib_error(Some(&s), err, "while decompressing data"));
            }
        } else {
            room = room.saturating_mul(2).min(1 << 30);
        }
    }
}

fn f_compress(vm: &Vm, a: Args<'_>) -> PyResult {
    let [data, level, wbits] = a.bind("compress", ["data", "level", "wbits"], 1, 1)?;
    let data = bytes_like(&data.unwrap_or_else(crate::types::none::none))?;
    let level = int_arg(vm, &level, -1)?;
    let wbits = int_arg(vm, &wbits, MAX_WBITS)?;
    Ok(PyBytes::new_ref(compress_all(&data, level, wbits)?))
}

fn f_decompress(vm: &Vm, a: Args<'_>) -> PyResult {
    let [data, wbits, bufsize] = a.bind("decompress", ["data", "wbits", "bufsize"], 1, 1)?;
    let data = bytes_like(&data.unwrap_or_else(crate::types::none::none))?;
    let wbits = int_arg(vm, &wbits, MAX_WBITS)?;
    let bufsize = match &bufsize {
        Some(b) => crate::types::int::as_ssize(vm, b)?,
        None => DEF_BUF_SIZE,
    };
    if bufsize < 0 {
        return Err(value_error("bufsize must be non-negative"));
    }
    Ok(PyBytes::new_ref(decompress_all(
        &data,
        wbits,
        bufsize as usize,
    )?))
}

fn f_crc32(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("crc32")?;
    let args = a.range("crc32", 1, 2)?;
    let data = bytes_like(&args[0])?;
    let start = uint_mask(vm, args.get(1), 0)?;
    Ok(int_from_u64(zlib_rs::crc32::crc32(start, &data) as u64))
}

fn f_adler32(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("adler32")?;
    let args = a.range("adler32", 1, 2)?;
    let data = bytes_like(&args[0])?;
    let start = uint_mask(vm, args.get(1), 1)?;
    Ok(int_from_u64(zlib_rs::adler32::adler32(start, &data) as u64))
}

// ------------------------------------------------------------ Compress

crate::py_payload! {
    /// A `zlib.Compress` object.
    pub struct PyCompress { z: RefCell<Option<ZStream>> }
}

impl PyPayload for PyCompress {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        COMPRESS_TYPE.get()
    }
}

fn no_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let name = cls.as_type().map(|t| t.name()).unwrap_or_default();
    Err(type_error(format!("cannot create 'zlib.{name}' instances")))
}

fn f_compressobj(vm: &Vm, a: Args<'_>) -> PyResult {
    let [level, method, wbits, mem, strategy, zdict] = a.bind(
        "compressobj",
        ["level", "method", "wbits", "memLevel", "strategy", "zdict"],
        0,
        0,
    )?;
    let level = int_arg(vm, &level, -1)?;
    let method = int_arg(vm, &method, z::Z_DEFLATED as i64)?;
    let wbits = int_arg(vm, &wbits, MAX_WBITS)?;
    let mem = int_arg(vm, &mem, DEF_MEM_LEVEL)?;
    let strategy = int_arg(vm, &strategy, 0)?;
    let zdict = match &zdict {
        Some(d) if !crate::types::none::is_none(d) => Some(bytes_like(d)?),
        _ => None,
    };
    let (mut s, err) = ZStream::new_deflate(level, method, wbits, mem, strategy);
    match err {
        z::Z_OK => {}
        z::Z_MEM_ERROR => {
            return Err(memory_error("Can't allocate memory for compression object"));
        }
        z::Z_STREAM_ERROR => return Err(value_error("Invalid initialization option")),
        _ => {
            return Err(zlib_error(
                Some(&s),
                err,
                "while creating compression object",
            ));
        }
    }
    if let Some(d) = zdict
        && s.set_dictionary(&d) != z::Z_OK
    {
        return Err(value_error("Invalid dictionary"));
    }
    Ok(crate::object::alloc(PyCompress {
        z: RefCell::new(Some(s)),
    }))
}

fn comp(o: &PyRef) -> PyResult<&PyCompress> {
    o.downcast::<PyCompress>()
        .ok_or_else(|| type_error("descriptor requires a 'zlib.Compress' object"))
}

/// Runs the deflate stream over `data` with `flush`, as CPython's
/// `Compress.compress`/`flush` loops do.
fn deflate_run(s: &mut ZStream, data: &[u8], flush: i32, what: &str) -> PyResult<(Vec<u8>, i32)> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let (err, not_full) = s.step(data, &mut pos, &mut out, DEF_BUF_SIZE as usize, flush);
        if err == z::Z_STREAM_ERROR {
            return Err(zlib_error(Some(s), err, what));
        }
        if not_full == 1 && pos >= data.len() {
            return Ok((out, err));
        }
        if err == z::Z_STREAM_END {
            return Ok((out, err));
        }
    }
}

fn c_compress(_: &Vm, a: Args<'_>) -> PyResult {
    let d = a.shift().one_arg("Compress.compress")?;
    let data = bytes_like(d)?;
    let c = comp(&a.args[0])?;
    let mut g = c.z.borrow_mut();
    let s = g
        .as_mut()
        .ok_or_else(|| zlib_error(None, z::Z_STREAM_ERROR, "while compressing data"))?;
    let (out, _) = deflate_run(s, &data, z::Z_NO_FLUSH, "while compressing data")?;
    Ok(PyBytes::new_ref(out))
}

fn c_flush(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.shift().range("flush", 0, 1)?;
    let mode = int_arg(vm, &args.first().cloned(), z::Z_FINISH as i64)?;
    let c = comp(&a.args[0])?;
    if mode == z::Z_NO_FLUSH {
        return Ok(PyBytes::new_ref(Vec::new()));
    }
    let mut g = c.z.borrow_mut();
    let s = g
        .as_mut()
        .ok_or_else(|| zlib_error(None, z::Z_STREAM_ERROR, "while flushing"))?;
    let (out, err) = deflate_run(s, &[], mode, "while flushing")?;
    if mode == z::Z_FINISH && err == z::Z_STREAM_END {
        s.end();
    } else if err != z::Z_OK && err != z::Z_BUF_ERROR && err != z::Z_STREAM_END {
        return Err(zlib_error(Some(s), err, "while flushing"));
    }
    Ok(PyBytes::new_ref(out))
}

fn c_copy(_: &Vm, a: Args<'_>) -> PyResult {
    let c = comp(&a.args[0])?;
    let copy = c.z.borrow_mut().as_mut().and_then(|s| s.copy());
    let s = copy.ok_or_else(|| value_error("Inconsistent stream state"))?;
    Ok(crate::object::alloc(PyCompress {
        z: RefCell::new(Some(s)),
    }))
}

static COMPRESS_METHODS: &[MethodDef] = &[
    MethodDef::method("compress", c_compress),
    MethodDef::method("flush", c_flush),
    MethodDef::method("copy", c_copy),
    MethodDef::method("__copy__", c_copy),
    MethodDef::method("__deepcopy__", c_copy),
];

// ---------------------------------------------------------- Decompress

crate::py_payload! {
    /// A `zlib.Decompress` object.
    pub struct PyDecompress {
        z: RefCell<Option<ZStream>>,
        unused_data: RefCell<Vec<u8>>,
        unconsumed_tail: RefCell<Vec<u8>>,
        eof: Cell<bool>,
        zdict: Option<Vec<u8>>,
    }
}

impl PyPayload for PyDecompress {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        DECOMPRESS_TYPE.get()
    }
}

fn f_decompressobj(vm: &Vm, a: Args<'_>) -> PyResult {
    let [wbits, zdict] = a.bind("decompressobj", ["wbits", "zdict"], 0, 0)?;
    let wbits = int_arg(vm, &wbits, MAX_WBITS)?;
    let zdict = match &zdict {
        Some(d) => Some(
            crate::modules::bufutil::try_bytes(d)
                .ok_or_else(|| type_error("zdict argument must support the buffer protocol"))?,
        ),
        None => None,
    };
    let (mut s, err) = ZStream::new_inflate(wbits);
    match err {
        z::Z_OK => {}
        z::Z_STREAM_ERROR => return Err(value_error("Invalid initialization option")),
        z::Z_MEM_ERROR => {
            return Err(memory_error(
                "Can't allocate memory for decompression object",
            ));
        }
        _ => {
            return Err(zlib_error(
                Some(&s),
                err,
                "while creating decompression object",
            ));
        }
    }
    if let Some(d) = &zdict
        && wbits < 0
    {
        let e = s.set_dictionary(d);
        if e != z::Z_OK {
            return Err(zlib_error(Some(&s), e, "while setting zdict"));
        }
    }
    Ok(crate::object::alloc(PyDecompress {
        z: RefCell::new(Some(s)),
        unused_data: RefCell::new(Vec::new()),
        unconsumed_tail: RefCell::new(Vec::new()),
        eof: Cell::new(false),
        zdict,
    }))
}

fn decomp(o: &PyRef) -> PyResult<&PyDecompress> {
    o.downcast::<PyDecompress>()
        .ok_or_else(|| type_error("descriptor requires a 'zlib.Decompress' object"))
}

/// The inflate loop shared by `decompress` and `flush`: at most `limit`
/// bytes of output (0 = no limit); returns the output and the last code.
fn inflate_run(
    d: &PyDecompress,
    s: &mut ZStream,
    data: &[u8],
    limit: usize,
    flush: i32,
    start_room: usize,
) -> PyResult<(Vec<u8>, i32)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut room = start_room.max(1);
    let mut err = z::Z_OK;
    'outer: loop {
        let (pos0, len0) = (pos, out.len());
        loop {
            if limit > 0 && out.len() >= limit {
                break 'outer;
            }
            let want = if limit > 0 {
                room.min(limit - out.len())
            } else {
                room
            };
            let (e, not_full) = s.step(data, &mut pos, &mut out, want, flush);
            err = e;
            if err == z::Z_NEED_DICT {
                let Some(zd) = &d.zdict else { break 'outer };
                let e = s.set_dictionary(zd);
                if e != z::Z_OK {
                    return Err(zlib_error(Some(s), e, "while setting zdict"));
                }
                continue;
            }
            if not_full == 1 {
                break;
            }
            room = room.saturating_mul(2).min(1 << 30);
        }
        let stuck = pos == pos0 && out.len() == len0;
        if (err != z::Z_OK && err != z::Z_BUF_ERROR) || pos >= data.len() || stuck {
            break;
        }
    }
    // Save what zlib did not consume.
    let rest = &data[pos..];
    // As CPython: at the end of the stream the rest is unused data, and the
    // tail is only rewritten if input is left over or it was not empty.
    let mut left_in = !rest.is_empty();
    if err == z::Z_STREAM_END {
        d.unused_data.borrow_mut().extend_from_slice(rest);
        left_in = false;
    }
    if left_in || !d.unconsumed_tail.borrow().is_empty() {
        *d.unconsumed_tail.borrow_mut() = rest.to_vec();
    }
    Ok((out, err))
}

fn d_decompress(vm: &Vm, a: Args<'_>) -> PyResult {
    let [data, max_length] = a.shift().bind("decompress", ["data", "max_length"], 1, 1)?;
    let data = bytes_like(&data.unwrap_or_else(crate::types::none::none))?;
    let max = match &max_length {
        Some(m) => crate::types::int::as_ssize(vm, m)?,
        None => 0,
    };
    if max < 0 {
        return Err(value_error("max_length must be non-negative"));
    }
    let d = decomp(&a.args[0])?;
    let mut g = d.z.borrow_mut();
    let s = g
        .as_mut()
        .ok_or_else(|| zlib_error(None, z::Z_STREAM_ERROR, "while decompressing data"))?;
    let (out, err) = inflate_run(
        d,
        s,
        &data,
        max as usize,
        z::Z_SYNC_FLUSH,
        DEF_BUF_SIZE as usize,
    )?;
    if err == z::Z_STREAM_END {
        d.eof.set(true);
    } else if err != z::Z_OK && err != z::Z_BUF_ERROR {
        return Err(zlib_error(Some(s), err, "while decompressing data"));
    }
    Ok(PyBytes::new_ref(out))
}

fn d_flush(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.shift().range("flush", 0, 1)?;
    let length = match args.first() {
        Some(l) => crate::types::int::as_ssize(vm, l)?,
        None => DEF_BUF_SIZE,
    };
    if length <= 0 {
        return Err(value_error("length must be greater than zero"));
    }
    let d = decomp(&a.args[0])?;
    let data = d.unconsumed_tail.borrow().clone();
    let mut g = d.z.borrow_mut();
    let Some(s) = g.as_mut().filter(|s| s.live) else {
        return Ok(PyBytes::new_ref(Vec::new()));
    };
    let (out, err) = inflate_run(d, s, &data, 0, z::Z_FINISH, length as usize)?;
    if err == z::Z_STREAM_END {
        d.eof.set(true);
        s.end();
    }
    Ok(PyBytes::new_ref(out))
}

fn d_copy(_: &Vm, a: Args<'_>) -> PyResult {
    let d = decomp(&a.args[0])?;
    let copy = d.z.borrow_mut().as_mut().and_then(|s| s.copy());
    let s = copy.ok_or_else(|| value_error("Inconsistent stream state"))?;
    Ok(crate::object::alloc(PyDecompress {
        z: RefCell::new(Some(s)),
        unused_data: RefCell::new(d.unused_data.borrow().clone()),
        unconsumed_tail: RefCell::new(d.unconsumed_tail.borrow().clone()),
        eof: Cell::new(d.eof.get()),
        zdict: d.zdict.clone(),
    }))
}

fn g_unused_data(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyBytes::new_ref(decomp(o)?.unused_data.borrow().clone()))
}

fn g_unconsumed_tail(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyBytes::new_ref(
        decomp(o)?.unconsumed_tail.borrow().clone(),
    ))
}

fn g_eof(_: &Vm, o: &PyRef) -> PyResult {
    Ok(py_bool(decomp(o)?.eof.get()))
}

static DECOMPRESS_METHODS: &[MethodDef] = &[
    MethodDef::method("decompress", d_decompress),
    MethodDef::method("flush", d_flush),
    MethodDef::method("copy", d_copy),
    MethodDef::method("__copy__", d_copy),
    MethodDef::method("__deepcopy__", d_copy),
];
static DECOMPRESS_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("unused_data", g_unused_data),
    GetSetDef::new("unconsumed_tail", g_unconsumed_tail),
    GetSetDef::new("eof", g_eof),
];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &ZLIB_ERROR,
            exception_spec("zlib.error", &crate::types::exceptions::EXCEPTION, None),
        ),
        (
            &COMPRESS_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(no_new),
                    ..Slots::EMPTY
                },
                methods: COMPRESS_METHODS,
                ..TypeSpec::new("zlib.Compress", Layout::of::<PyCompress>())
            },
        ),
        (
            &DECOMPRESS_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(no_new),
                    ..Slots::EMPTY
                },
                methods: DECOMPRESS_METHODS,
                getsets: DECOMPRESS_GETSETS,
                ..TypeSpec::new("zlib.Decompress", Layout::of::<PyDecompress>())
            },
        ),
    ]
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("adler32", f_adler32).with_doc("Compute an Adler-32 checksum of data."),
    MethodDef::method("compress", f_compress)
        .with_doc("Returns a bytes object containing compressed data."),
    MethodDef::method("compressobj", f_compressobj).with_doc("Return a compressor object."),
    MethodDef::method("crc32", f_crc32).with_doc("Compute a CRC-32 checksum of data."),
    MethodDef::method("decompress", f_decompress)
        .with_doc("Returns a bytes object containing the uncompressed data."),
    MethodDef::method("decompressobj", f_decompressobj).with_doc("Return a decompressor object."),
];

/// The module's integer constants, once.
const CONSTANTS: &[(&str, i64)] = &[
    ("MAX_WBITS", MAX_WBITS),
    ("DEFLATED", z::Z_DEFLATED as i64),
    ("DEF_MEM_LEVEL", DEF_MEM_LEVEL),
    ("DEF_BUF_SIZE", DEF_BUF_SIZE),
    ("Z_NO_COMPRESSION", z::Z_NO_COMPRESSION as i64),
    ("Z_BEST_SPEED", z::Z_BEST_SPEED as i64),
    ("Z_BEST_COMPRESSION", z::Z_BEST_COMPRESSION as i64),
    ("Z_DEFAULT_COMPRESSION", z::Z_DEFAULT_COMPRESSION as i64),
    ("Z_FILTERED", z::Z_FILTERED as i64),
    ("Z_HUFFMAN_ONLY", z::Z_HUFFMAN_ONLY as i64),
    ("Z_RLE", z::Z_RLE as i64),
    ("Z_FIXED", z::Z_FIXED as i64),
    ("Z_DEFAULT_STRATEGY", z::Z_DEFAULT_STRATEGY as i64),
    ("Z_NO_FLUSH", z::Z_NO_FLUSH as i64),
    ("Z_PARTIAL_FLUSH", z::Z_PARTIAL_FLUSH as i64),
    ("Z_SYNC_FLUSH", z::Z_SYNC_FLUSH as i64),
    ("Z_FULL_FLUSH", z::Z_FULL_FLUSH as i64),
    ("Z_FINISH", z::Z_FINISH as i64),
    ("Z_BLOCK", z::Z_BLOCK as i64),
    ("Z_TREES", z::Z_TREES as i64),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = crate::modules::modutil::new_module(
        "zlib",
        "The functions in this module allow compression and decompression using the\nzlib library, which is based on GNU zip.",
        FUNCTIONS,
    )?;
    for (name, v) in CONSTANTS {
        crate::modules::modutil::set(&m, name, int_from_i64(*v));
    }
    // SAFETY: zlibVersion returns a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(z::zlibVersion()) }
        .to_string_lossy()
        .into_owned();
    let v = crate::types::str::PyStr::new_ref(&version);
    crate::modules::modutil::set(&m, "ZLIB_VERSION", v.clone());
    crate::modules::modutil::set(&m, "ZLIB_RUNTIME_VERSION", v);
    crate::modules::modutil::set(&m, "error", ZLIB_ERROR.to_ref());
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let _vm = crate::vm::Vm::new(crate::vm::Config::default());
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        for wbits in [15, -15, 31, 12] {
            let c = compress_all(&data, 6, wbits).ok().unwrap_or_default();
            assert!(c.len() < data.len() / 10);
            let back = decompress_all(&c, if wbits == 31 { 47 } else { wbits }, 16).ok();
            assert_eq!(back.as_deref(), Some(&data[..]));
        }
        assert!(decompress_all(b"abc", 15, 10).is_err());
    }
}
