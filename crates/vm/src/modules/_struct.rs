//! The `_struct` module (what `Lib/struct.py` re-exports): converting
//! between Python values and C structs packed in bytes.
//!
//! A format string is compiled once into a [`Layout`]: a list of [`Code`]s,
//! each a format character with its byte offset, item size and repeat
//! count (`'s'` and `'p'` are one item of `count` bytes; `'x'` only moves
//! the offset).  The first character picks the [`Mode`]: `@` (default)
//! native sizes and alignment, `=`/`<` little-endian standard sizes, `>`/`!`
//! big-endian standard sizes.  Packing walks the codes writing each value;
//! unpacking reads them back.
//!
//! CPython's error messages depend on which C packer a code ends up with
//! (its `native_table`, and the little-endian table that borrows the native
//! packers wherever the sizes agree); [`int_rule`] reproduces that choice
//! as data, so `struct.pack('<h', 99999)` says "short format requires ..."
//! while `struct.pack('>h', 99999)` says "'h' format requires ...", as in
//! CPython on a little-endian 64-bit machine.
//!
//! Module-level functions cache compiled formats (up to 100, like CPython;
//! `_clearcache()` empties the cache).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use num_traits::ToPrimitive;

use crate::args::Args;
use crate::error::{PyErr, PyResult, overflow_error, type_error};
use crate::modules::bufutil::{WritableBuf, bytes_like, exception_spec};
use crate::object::typeobj::{GetSetDef, MethodDef, flags};
use crate::object::{Layout as ObjLayout, Obj, PyPayload, PyType, StaticType, TypeSpec};
use crate::object::{Trace, Visit, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::bytearray::PyByteArray;
use crate::types::bytes::PyBytes;
use crate::types::float::float_ref;
use crate::types::int::{int_from_i64, int_from_u64, is_int};
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

pub static STRUCT_ERROR: StaticType = StaticType::new();
pub static STRUCT_TYPE: StaticType = StaticType::new();
pub static UNPACK_ITER_TYPE: StaticType = StaticType::new();

#[cold]
fn err(msg: impl Into<String>) -> PyErr {
    PyErr::new_msg(&STRUCT_ERROR, msg)
}

/// Byte order and size/alignment rules of a format.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Mode {
    #[default]
    Native,
    Little,
    Big,
}

/// One compiled format item.
#[derive(Clone, Copy, Debug)]
pub struct Code {
    pub ch: u8,
    pub offset: usize,
    /// Item size (for `s`/`p`: the whole field).
    pub size: usize,
    /// How many items (1 for `s`/`p`).
    pub repeat: usize,
}

/// A compiled format string.
#[derive(Debug, Default)]
pub struct Layout {
    pub mode: Mode,
    pub codes: Vec<Code>,
    pub size: usize,
    /// Number of Python values packed/unpacked.
    pub nitems: usize,
    /// The format as given (for `Struct.format`).
    pub format: String,
}

impl Trace for Layout {
    fn trace(&self, _: &mut Visit<'_>) {}
}

/// Size of a format character in `mode`, or `None` if it is not valid there.
fn item_size(mode: Mode, c: u8) -> Option<usize> {
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        b'l' | b'L' => {
            if mode == Mode::Native {
                8
            } else {
                4
            }
        }
        b'n' | b'N' | b'P' if mode == Mode::Native => 8,
        _ => return None,
    })
}

impl Layout {
    /// Compiles `fmt` (ASCII, no NUL), raising `struct.error` like CPython.
    pub fn compile(fmt: &[u8]) -> PyResult<Layout> {
        let (mode, body) = match fmt.first() {
            Some(b'@') => (Mode::Native, &fmt[1..]),
            Some(b'=' | b'<') => (Mode::Little, &fmt[1..]),
            Some(b'>' | b'!') => (Mode::Big, &fmt[1..]),
            _ => (Mode::Native, fmt),
        };
        let overflow = || err("total struct size too long");
        let mut codes = Vec::new();
        let mut size: usize = 0;
        let mut nitems = 0usize;
        let mut i = 0;
        while i < body.len() {
            let mut c = body[i];
            i += 1;
            if c.is_ascii_whitespace() || c == 0x0b {
                continue;
            }
            let num = if c.is_ascii_digit() {
                let mut n = (c - b'0') as usize;
                loop {
                    match body.get(i) {
                        Some(d) if d.is_ascii_digit() => {
                            n = n
                                .checked_mul(10)
                                .and_then(|n| n.checked_add((d - b'0') as usize))
                                .filter(|&n| n <= isize::MAX as usize)
                                .ok_or_else(overflow)?;
                            i += 1;
                        }
                        Some(&d) => {
                            c = d;
                            i += 1;
                            break;
                        }
                        None => {
                            return Err(err("repeat count given without format specifier"));
                        }
                    }
                }
                n
            } else {
                1
            };
            let isz = item_size(mode, c).ok_or_else(|| err("bad char in struct format"))?;
            if mode == Mode::Native && isz > 1 && size > 0 {
                let extra = (isz - 1) - (size - 1) % isz;
                size = size.checked_add(extra).ok_or_else(overflow)?;
            }
            match c {
                b's' | b'p' => {
                    codes.push(Code {
                        ch: c,
                        offset: size,
                        size: num,
                        repeat: 1,
                    });
                    nitems += 1;
                }
                b'x' => {}
                _ => {
                    if num > 0 {
                        codes.push(Code {
                            ch: c,
                            offset: size,
                            size: isz,
                            repeat: num,
                        });
                    }
                    nitems += num;
                }
            }
            let add = num.checked_mul(isz).ok_or_else(overflow)?;
            size = size
                .checked_add(add)
                .filter(|&s| s <= isize::MAX as usize)
                .ok_or_else(overflow)?;
        }
        Ok(Layout {
            mode,
            codes,
            size,
            nitems,
            format: String::from_utf8_lossy(fmt).into_owned(),
        })
    }

    /// Packs `args` (exactly `nitems` values) into `out` (`size` bytes).
    pub fn pack(&self, vm: &Vm, args: &[PyRef], out: &mut [u8]) -> PyResult<()> {
        let mut vals = args.iter();
        for code in &self.codes {
            match code.ch {
                b's' | b'p' => {
                    let v = vals.next().ok_or_else(|| err("missing value"))?;
                    let data = if let Some(b) = v.downcast::<PyBytes>() {
                        b.as_bytes().to_vec()
                    } else if let Some(b) = v.downcast::<PyByteArray>() {
                        b.to_vec()
                    } else {
                        return Err(err(format!(
                            "argument for '{}' must be a bytes object",
                            code.ch as char
                        )));
                    };
                    let field = &mut out[code.offset..code.offset + code.size];
                    if code.ch == b's' {
                        let n = data.len().min(code.size);
                        field[..n].copy_from_slice(&data[..n]);
                    } else if code.size > 0 {
                        let n = data.len().min(code.size - 1);
                        field[1..1 + n].copy_from_slice(&data[..n]);
                        field[0] = n.min(255) as u8;
                    }
                }
                _ => {
                    for k in 0..code.repeat {
                        let v = vals.next().ok_or_else(|| err("missing value"))?;
                        let at = code.offset + k * code.size;
                        let field = &mut out[at..at + code.size];
                        self.pack_one(vm, code.ch, v, field).map_err(|e| {
                            if is_int(v) && e.matches(&crate::types::exceptions::OVERFLOW_ERROR) {
                                err("int too large to convert")
                            } else {
                                e
                            }
                        })?;
                    }
                }
            }
        }
        Ok(())
    }

    fn put_uint(&self, field: &mut [u8], bits: u64) {
        let n = field.len();
        if self.mode == Mode::Big {
            field.copy_from_slice(&bits.to_be_bytes()[8 - n..]);
        } else {
            field.copy_from_slice(&bits.to_le_bytes()[..n]);
        }
    }

    fn get_uint(&self, field: &[u8]) -> u64 {
        let mut b = [0u8; 8];
        let n = field.len().min(8);
        if self.mode == Mode::Big {
            b[8 - n..].copy_from_slice(&field[..n]);
            u64::from_be_bytes(b)
        } else {
            b[..n].copy_from_slice(&field[..n]);
            u64::from_le_bytes(b)
        }
    }

    fn pack_one(&self, vm: &Vm, c: u8, v: &PyRef, field: &mut [u8]) -> PyResult<()> {
        match c {
            b'c' => match v.downcast::<PyBytes>() {
                Some(b) if b.as_bytes().len() == 1 => field[0] = b.as_bytes()[0],
                _ => return Err(err("char format requires a bytes object of length 1")),
            },
            b'?' => field[0] = crate::protocol::object::is_true(vm, v)? as u8,
            b'e' | b'f' | b'd' => {
                let x = crate::protocol::number::to_f64(vm, v)
                    .map_err(|_| err("required argument is not a float"))?;
                let bits = match c {
                    b'd' => x.to_bits(),
                    b'f' => {
                        let y = x as f32;
                        if self.mode != Mode::Native && y.is_infinite() && x.is_finite() {
                            return Err(overflow_error("float too large to pack with f format"));
                        }
                        y.to_bits() as u64
                    }
                    _ => pack_half(x)? as u64,
                };
                self.put_uint(field, bits);
            }
            _ => {
                let bits = int_bits(vm, self.mode, c, v)?;
                self.put_uint(field, bits);
            }
        }
        Ok(())
    }

    /// Unpacks `data` (exactly `size` bytes) into a tuple.
    pub fn unpack(&self, data: &[u8]) -> PyRef {
        let mut out = Vec::with_capacity(self.nitems);
        for code in &self.codes {
            match code.ch {
                b's' => out.push(PyBytes::new_ref(
                    data[code.offset..code.offset + code.size].to_vec(),
                )),
                b'p' => {
                    let f = &data[code.offset..code.offset + code.size];
                    let v = match f.split_first() {
                        Some((&n, rest)) => rest[..(n as usize).min(rest.len())].to_vec(),
                        None => Vec::new(),
                    };
                    out.push(PyBytes::new_ref(v));
                }
                _ => {
                    for k in 0..code.repeat {
                        let at = code.offset + k * code.size;
                        out.push(self.unpack_one(code.ch, &data[at..at + code.size]));
                    }
                }
            }
        }
        PyTuple::new_ref(out)
    }

    fn unpack_one(&self, c: u8, field: &[u8]) -> PyRef {
        let u = self.get_uint(field);
        let signed = |u: u64| {
            let sh = 64 - 8 * field.len() as u32;
            ((u << sh) as i64) >> sh
        };
        match c {
            b'c' => PyBytes::new_ref(field.to_vec()),
            b'?' => py_bool(u != 0),
            b'e' => float_ref(unpack_half(u as u16)),
            b'f' => float_ref(f32::from_bits(u as u32) as f64),
            b'd' => float_ref(f64::from_bits(u)),
            b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => int_from_i64(signed(u)),
            _ => int_from_u64(u),
        }
    }
}

/// How CPython range-checks an integer code (see the module comment).
enum IntRule {
    /// `long` conversion, then an optional range with its message.
    Long(Option<(i64, i64, String)>),
    /// `unsigned long` conversion, then an optional maximum with its message.
    ULong(Option<(u64, String)>),
    /// Converted as a whole (`_PyLong_AsByteArray`): overflow is an
    /// `OverflowError`, reported as "int too large to convert".
    Whole(bool),
}

fn int_rule(mode: Mode, c: u8) -> IntRule {
    let range = |lo: i64, hi: i64, msg: &str| IntRule::Long(Some((lo, hi, msg.to_string())));
    let quoted = |lo: i64, hi: i64| {
        IntRule::Long(Some((
            lo,
            hi,
            format!("'{}' format requires {lo} <= number <= {hi}", c as char),
        )))
    };
    let uquoted = |hi: u64| {
        IntRule::ULong(Some((
            hi,
            format!("'{}' format requires 0 <= number <= {hi}", c as char),
        )))
    };
    // The native packers (also used by '<'/'=' where the sizes agree).
    let native = |c: u8| match c {
        b'b' => range(-128, 127, "byte format requires -128 <= number <= 127"),
        b'B' => range(0, 255, "ubyte format requires 0 <= number <= 255"),
        b'h' => range(
            -32768,
            32767,
            "short format requires -32768 <= number <= 32767",
        ),
        b'H' => range(0, 65535, "ushort format requires 0 <= number <= 65535"),
        b'i' => quoted(i32::MIN as i64, i32::MAX as i64),
        b'I' => uquoted(u32::MAX as u64),
        b'l' | b'q' | b'n' => IntRule::Long(None),
        b'P' => IntRule::Whole(true),
        _ => IntRule::ULong(None),
    };
    match (mode, c) {
        (_, b'b' | b'B') | (Mode::Native, _) => native(c),
        (Mode::Little, b'l') => quoted(i32::MIN as i64, i32::MAX as i64),
        (Mode::Little, b'L') => uquoted(u32::MAX as u64),
        (Mode::Little, _) => native(c),
        (Mode::Big, b'h') => quoted(-32768, 32767),
        (Mode::Big, b'i' | b'l') => quoted(i32::MIN as i64, i32::MAX as i64),
        (Mode::Big, b'H') => uquoted(65535),
        (Mode::Big, b'I' | b'L') => uquoted(u32::MAX as u64),
        (Mode::Big, b'q') => IntRule::Whole(true),
        (Mode::Big, _) => IntRule::Whole(false),
    }
}

/// The integer value of `v` for an integer code (`__index__` allowed).
fn int_value(vm: &Vm, v: &PyRef) -> PyResult<Option<i128>> {
    let i = if is_int(v) {
        v.clone()
    } else if v.class().slots().nb_index.is_some() {
        crate::protocol::number::index(vm, v)?
    } else {
        return Err(err("required argument is not an integer"));
    };
    Ok(crate::types::int::to_bigint(&i).and_then(|b| b.to_i128()))
}

/// The two's-complement bits of `v` packed with code `c`.
fn int_bits(vm: &Vm, mode: Mode, c: u8, v: &PyRef) -> PyResult<u64> {
    let x = int_value(vm, v)?;
    let range_err = || err("argument out of range");
    match int_rule(mode, c) {
        IntRule::Long(r) => {
            let x = x
                .filter(|x| i64::try_from(*x).is_ok())
                .ok_or_else(range_err)? as i64;
            if let Some((lo, hi, msg)) = r
                && (x < lo || x > hi)
            {
                return Err(err(msg));
            }
            Ok(x as u64)
        }
        IntRule::ULong(r) => {
            let x = x
                .filter(|x| u64::try_from(*x).is_ok())
                .ok_or_else(range_err)? as u64;
            if let Some((hi, msg)) = r
                && x > hi
            {
                return Err(err(msg));
            }
            Ok(x)
        }
        IntRule::Whole(signed) => {
            let ok = x.filter(|&x| {
                if signed && c == b'q' {
                    i64::try_from(x).is_ok()
                } else if signed {
                    i64::try_from(x).is_ok() || u64::try_from(x).is_ok()
                } else {
                    u64::try_from(x).is_ok()
                }
            });
            ok.map(|x| x as u64)
                .ok_or_else(|| err("int too large to convert"))
        }
    }
}

/// IEEE 754 half precision from a double, rounding half to even
/// (`PyFloat_Pack2`); NaNs become the quiet NaN of their sign.
pub fn pack_half(x: f64) -> PyResult<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Ok(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Ok(sign | 0x7c00);
    }
    let a = x.abs();
    if a == 0.0 {
        return Ok(sign);
    }
    // a = m * 2^e with 0.5 <= m < 1, so the unbiased exponent is e - 1.
    let mut e = (a.log2().floor() as i32).max(-14);
    // Correct any rounding in log2 near powers of two.
    while e > -14 && a < 2f64.powi(e) {
        e -= 1;
    }
    while a >= 2f64.powi(e + 1) {
        e += 1;
    }
    let mut r = (a * 2f64.powi(10 - e)).round_ties_even() as u32;
    if r >= 2048 {
        r /= 2;
        e += 1;
    }
    if e > 15 {
        return Err(overflow_error("float too large to pack with e format"));
    }
    if r < 1024 {
        // Subnormal (e == -14), or rounded up into the smallest normal.
        return Ok(sign | r as u16);
    }
    Ok(sign | (((e + 15) as u16) << 10) | (r - 1024) as u16)
}

/// A double from IEEE 754 half precision bits.
pub fn unpack_half(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    let mag = match e {
        0 => f * 2f64.powi(-24),
        31 => {
            if f == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        _ => (1.0 + f / 1024.0) * 2f64.powi(e - 15),
    };
    sign * mag
}

// ---------------------------------------------------------------- caching

const MAX_CACHE: usize = 100;

static CACHE: crate::runtime::gil::GilLazy<RefCell<HashMap<(bool, Vec<u8>), Rc<Layout>>>> =
    crate::runtime::gil::GilLazy::new(|| RefCell::new(HashMap::new()));

/// The format bytes of a `str`/`bytes` format argument, and whether it
/// was bytes.
fn format_bytes(fmt: &PyRef) -> PyResult<(bool, Vec<u8>)> {
    let (is_bytes, raw) = if let Some(b) = fmt.downcast::<PyBytes>() {
        (true, b.as_bytes().to_vec())
    } else if fmt.downcast::<PyStr>().is_some() {
        (false, crate::types::bytes::encode(fmt, "ascii", "strict")?)
    } else {
        return Err(type_error(format!(
            "Struct() argument 1 must be a str or bytes object, not {}",
            fmt.class().name()
        )));
    };
    if raw.contains(&0) {
        return Err(err("embedded null character"));
    }
    Ok((is_bytes, raw))
}

/// The compiled layout of a format argument, through the cache.
fn cached(fmt: &PyRef) -> PyResult<Rc<Layout>> {
    if let Some(s) = fmt.downcast::<PyStruct>() {
        return Ok(s.layout.borrow().clone());
    }
    let key = format_bytes(fmt)?;
    if let Some(l) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(l);
    }
    let l = Rc::new(Layout::compile(&key.1)?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_CACHE {
            HashMap::clear(&mut c);
        }
        c.insert(key, l.clone());
    });
    Ok(l)
}

// ------------------------------------------------------------ operations

fn do_pack(vm: &Vm, l: &Layout, vals: &[PyRef], fname: &str) -> PyResult {
    if vals.len() != l.nitems {
        return Err(err(format!(
            "{fname} expected {} items for packing (got {})",
            l.nitems,
            vals.len()
        )));
    }
    let mut out = vec![0u8; l.size];
    l.pack(vm, vals, &mut out)?;
    Ok(PyBytes::new_ref(out))
}

fn do_unpack(l: &Layout, buf: &PyRef) -> PyResult {
    let data = bytes_like(buf)?;
    if data.len() != l.size {
        return Err(err(format!("unpack requires a buffer of {} bytes", l.size)));
    }
    Ok(l.unpack(&data))
}

fn do_unpack_from(vm: &Vm, l: &Layout, buf: &PyRef, offset: Option<&PyRef>) -> PyResult {
    let data = bytes_like(buf)?;
    let mut off = match offset {
        Some(o) => crate::types::int::as_ssize(vm, o)?,
        None => 0,
    };
    let n = data.len() as i64;
    if off < 0 {
        if off + n < 0 {
            return Err(err(format!(
                "offset {off} out of range for {n}-byte buffer"
            )));
        }
        if off + (l.size as i64) > 0 {
            return Err(err(format!(
                "not enough data to unpack {} bytes at offset {off}",
                l.size
            )));
        }
        off += n;
    }
    if n - off < l.size as i64 {
        return Err(err(format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {off} (actual buffer size is {n})",
            l.size as i64 + off,
            l.size
        )));
    }
    let off = off as usize;
    Ok(l.unpack(&data[off..off + l.size]))
}

fn do_pack_into(vm: &Vm, l: &Layout, args: &[PyRef]) -> PyResult {
    let Some(buf) = args.first() else {
        return Err(err("pack_into expected buffer argument"));
    };
    let Some(off) = args.get(1) else {
        return Err(err("pack_into expected offset argument"));
    };
    let vals = &args[2..];
    if vals.len() != l.nitems {
        return Err(err(format!(
            "pack_into expected {} items for packing (got {})",
            l.nitems,
            vals.len()
        )));
    }
    let w = WritableBuf::of(vm, buf)?;
    let mut off =
        crate::types::int::index_for(vm, off, "'{}' object cannot be interpreted as an integer")?;
    let n = w.len(vm)? as i64;
    if off < 0 {
        if off + n < 0 {
            return Err(err(format!(
                "offset {off} out of range for {n}-byte buffer"
            )));
        }
        if off + (l.size as i64) > 0 {
            return Err(err(format!(
                "no space to pack {} bytes at offset {off}",
                l.size
            )));
        }
        off += n;
    }
    if n - off < l.size as i64 {
        return Err(err(format!(
            "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {off} (actual buffer size is {n})",
            l.size as i64 + off,
            l.size
        )));
    }
    let mut out = vec![0u8; l.size];
    l.pack(vm, vals, &mut out)?;
    w.write(vm, off as usize, &out)?;
    Ok(none())
}

fn do_iter_unpack(l: Rc<Layout>, buf: &PyRef) -> PyResult {
    if l.size == 0 {
        return Err(err("cannot iteratively unpack with a struct of length 0"));
    }
    let data = bytes_like(buf)?;
    if data.len() % l.size != 0 {
        return Err(err(format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            l.size
        )));
    }
    Ok(crate::object::alloc(PyUnpackIter {
        layout: l,
        data,
        pos: std::cell::Cell::new(0),
    }))
}

// ------------------------------------------------------------ Struct type

crate::py_payload! {
    /// A `Struct` object: a compiled format.
    pub struct PyStruct { layout: RefCell<Rc<Layout>> }
}

impl PyPayload for PyStruct {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        STRUCT_TYPE.get()
    }
}

fn this(o: &PyRef) -> PyResult<Rc<Layout>> {
    o.downcast::<PyStruct>()
        .map(|s| s.layout.borrow().clone())
        .ok_or_else(|| {
            type_error(format!(
                "descriptor requires a '_struct.Struct' object but received a '{}'",
                o.class().name()
            ))
        })
}

fn struct_new(_: &Vm, cls: &PyRef, _a: Args<'_>) -> PyResult {
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("Struct.__new__(X): X is not a type object"))?;
    let empty = Rc::new(Layout::compile(b"")?);
    Ok(crate::object::alloc_as(
        t,
        PyStruct {
            layout: RefCell::new(empty),
        },
    ))
}

fn struct_init(_: &Vm, o: &PyRef, a: Args<'_>) -> PyResult<()> {
    let [fmt] = a.bind("Struct", ["format"], 0, 1)?;
    let fmt =
        fmt.ok_or_else(|| type_error("Struct() missing required argument 'format' (pos 1)"))?;
    let (_, raw) = format_bytes(&fmt)?;
    let l = Layout::compile(&raw)?;
    if let Some(s) = o.downcast::<PyStruct>() {
        *s.layout.borrow_mut() = Rc::new(l);
    }
    Ok(())
}

fn s_pack(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("pack")?;
    let l = this(&a.args[0])?;
    do_pack(vm, &l, &a.args[1..], "pack")
}

fn s_pack_into(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("pack_into")?;
    let l = this(&a.args[0])?;
    do_pack_into(vm, &l, &a.args[1..])
}

fn s_unpack(_: &Vm, a: Args<'_>) -> PyResult {
    let b = a.shift().one_arg("Struct.unpack")?;
    let l = this(&a.args[0])?;
    do_unpack(&l, b)
}

fn s_unpack_from(vm: &Vm, a: Args<'_>) -> PyResult {
    let [buf, off] = a.shift().bind("unpack_from", ["buffer", "offset"], 0, 1)?;
    let l = this(&a.args[0])?;
    let buf =
        buf.ok_or_else(|| type_error("unpack_from() missing required argument 'buffer' (pos 1)"))?;
    do_unpack_from(vm, &l, &buf, off.as_ref())
}

fn s_iter_unpack(_: &Vm, a: Args<'_>) -> PyResult {
    let b = a.shift().one_arg("Struct.iter_unpack")?;
    let l = this(&a.args[0])?;
    do_iter_unpack(l, b)
}

fn s_sizeof(_: &Vm, a: Args<'_>) -> PyResult {
    a.shift().no_args("__sizeof__")?;
    let l = this(&a.args[0])?;
    Ok(int_from_i64((64 + 32 * (l.codes.len() + 1)) as i64 - 8))
}

fn g_format(_: &Vm, o: &PyRef) -> PyResult {
    Ok(PyStr::new_ref(&this(o)?.format))
}

fn g_size(_: &Vm, o: &PyRef) -> PyResult {
    Ok(int_from_i64(this(o)?.size as i64))
}

static STRUCT_METHODS: &[MethodDef] = &[
    MethodDef::method("iter_unpack", s_iter_unpack),
    MethodDef::method("pack", s_pack),
    MethodDef::method("pack_into", s_pack_into),
    MethodDef::method("unpack", s_unpack),
    MethodDef::method("unpack_from", s_unpack_from),
    MethodDef::method("__sizeof__", s_sizeof),
];
static STRUCT_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("format", g_format),
    GetSetDef::new("size", g_size),
];

// ------------------------------------------------------- unpack_iterator

crate::py_payload! {
    /// The iterator of `iter_unpack`.
    pub struct PyUnpackIter {
        layout: Rc<Layout>,
        data: Vec<u8>,
        pos: std::cell::Cell<usize>,
    }
}

impl Trace for Rc<Layout> {
    fn trace(&self, _: &mut Visit<'_>) {}
}

impl PyPayload for PyUnpackIter {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        UNPACK_ITER_TYPE.get()
    }
}

fn ui_new(_: &Vm, _cls: &PyRef, _a: Args<'_>) -> PyResult {
    Err(type_error(
        "cannot create '_struct.unpack_iterator' instances",
    ))
}

fn ui_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn ui_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let Some(it) = o.downcast::<PyUnpackIter>() else {
        return Ok(None);
    };
    let p = it.pos.get();
    let sz = it.layout.size;
    if p + sz > it.data.len() {
        return Ok(None);
    }
    it.pos.set(p + sz);
    Ok(Some(it.layout.unpack(&it.data[p..p + sz])))
}

fn ui_length_hint(_: &Vm, a: Args<'_>) -> PyResult {
    let n = a.args[0].downcast::<PyUnpackIter>().map_or(0, |it| {
        (it.data.len() - it.pos.get()) / it.layout.size.max(1)
    });
    Ok(int_from_i64(n as i64))
}

static UI_METHODS: &[MethodDef] = &[MethodDef::method("__length_hint__", ui_length_hint)];

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![
        (
            &STRUCT_ERROR,
            exception_spec("struct.error", &crate::types::exceptions::EXCEPTION, None),
        ),
        (
            &STRUCT_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(struct_new),
                    init: Some(struct_init),
                    ..Slots::EMPTY
                },
                methods: STRUCT_METHODS,
                getsets: STRUCT_GETSETS,
                flags: flags::BASETYPE,
                doc: Some(STRUCT_DOC),
                ..TypeSpec::new("_struct.Struct", ObjLayout::of::<PyStruct>())
            },
        ),
        (
            &UNPACK_ITER_TYPE,
            TypeSpec {
                slots: Slots {
                    new: Some(ui_new),
                    iter: Some(ui_iter),
                    iternext: Some(ui_next),
                    ..Slots::EMPTY
                },
                methods: UI_METHODS,
                ..TypeSpec::new("_struct.unpack_iterator", ObjLayout::of::<PyUnpackIter>())
            },
        ),
    ]
}

const STRUCT_DOC: &str = "Struct(fmt) --> compiled struct object\n\n";

// ------------------------------------------------------ module functions

fn first_format<'a>(a: &Args<'a>) -> PyResult<(&'a PyRef, Rc<Layout>)> {
    let fmt = a
        .args
        .first()
        .ok_or_else(|| type_error("missing format argument"))?;
    Ok((fmt, cached(fmt)?))
}

fn f_pack(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("pack")?;
    let (_, l) = first_format(&a)?;
    do_pack(vm, &l, &a.args[1..], "pack")
}

fn f_pack_into(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("pack_into")?;
    let (_, l) = first_format(&a)?;
    do_pack_into(vm, &l, &a.args[1..])
}

fn f_unpack(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("unpack")?;
    let [fmt, buf] = a.exact::<2>("unpack")?;
    do_unpack(&*cached(fmt)?, buf)
}

fn f_unpack_from(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fmt, buf, off] = a.bind("unpack_from", ["format", "buffer", "offset"], 1, 2)?;
    let (Some(fmt), Some(buf)) = (fmt, buf) else {
        return Err(type_error("unpack_from() missing required argument"));
    };
    do_unpack_from(vm, &*cached(&fmt)?, &buf, off.as_ref())
}

fn f_iter_unpack(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("iter_unpack")?;
    let [fmt, buf] = a.exact::<2>("iter_unpack")?;
    do_iter_unpack(cached(fmt)?, buf)
}

fn f_calcsize(_: &Vm, a: Args<'_>) -> PyResult {
    let fmt = a.one_arg("_struct.calcsize")?;
    Ok(int_from_i64(cached(fmt)?.size as i64))
}

fn f_clearcache(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("_clearcache")?;
    CACHE.with(|c| HashMap::clear(&mut c.borrow_mut()));
    Ok(none())
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("pack", f_pack)
        .with_doc("pack(format, v1, v2, ...) -> bytes\n\nReturn a bytes object containing the values v1, v2, ... packed according\nto the format string.  See help(struct) for more on format strings."),
    MethodDef::method("pack_into", f_pack_into),
    MethodDef::method("unpack", f_unpack),
    MethodDef::method("unpack_from", f_unpack_from),
    MethodDef::method("iter_unpack", f_iter_unpack),
    MethodDef::method("calcsize", f_calcsize)
        .with_doc("Return size in bytes of the struct described by the format string."),
    MethodDef::method("_clearcache", f_clearcache).with_doc("Clear the internal cache."),
];

const MODULE_DOC: &str = "Functions to convert between Python values and C structs.
Python bytes objects are used to hold the data representing the C struct
and also as format strings (explained below) to describe the layout of data
in the C struct.

The optional first format char indicates byte order, size and alignment:
  @: native order, size & alignment (default)
  =: native order, std. size & alignment
  <: little-endian, std. size & alignment
  >: big-endian, std. size & alignment
  !: same as >

The remaining chars indicate types of args and must match exactly;
these can be preceded by a decimal repeat count:
  x: pad byte (no data); c:char; b:signed byte; B:unsigned byte;
  ?: _Bool (requires C99; if not available, char is used instead)
  h:short; H:unsigned short; i:int; I:unsigned int;
  l:long; L:unsigned long; f:float; d:double; e:half-float.
Special cases (preceding decimal count indicates length):
  s:string (array of char); p: pascal string (with count byte).
Special cases (only available in native format):
  n:ssize_t; N:size_t;
  P:an integer type that is wide enough to hold a pointer.
Special case (not in native mode unless 'long long' in platform C):
  q:long long; Q:unsigned long long
Whitespace between formats is ignored.

The variable struct.error is an exception raised on errors.
";

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = crate::modules::modutil::new_module("_struct", MODULE_DOC, FUNCTIONS)?;
    crate::modules::modutil::set(&m, "Struct", STRUCT_TYPE.to_ref());
    crate::modules::modutil::set(&m, "error", STRUCT_ERROR.to_ref());
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_alignment() {
        let size = |f: &str| Layout::compile(f.as_bytes()).map(|l| l.size).ok();
        assert_eq!(size("ci"), Some(8));
        assert_eq!(size("cq"), Some(16));
        assert_eq!(size("<cq"), Some(9));
        assert_eq!(size("c0i"), Some(4));
        assert_eq!(size("0i"), Some(0));
        assert_eq!(size("PnNe?"), Some(27));
        assert_eq!(size(" i i "), Some(8));
        assert_eq!(size("<l"), Some(4));
        assert_eq!(size("3"), None);
        assert_eq!(size("<n"), None);
        assert_eq!(size("99999999999999999999i"), None);
    }

    #[test]
    fn half_floats() {
        // Errors are Python exception objects: they need the types.
        let _vm = crate::vm::Vm::new(crate::vm::Config::default());
        assert_eq!(pack_half(1.0).ok(), Some(0x3c00));
        assert_eq!(pack_half(65504.0).ok(), Some(0x7bff));
        assert_eq!(pack_half(65519.0).ok(), Some(0x7bff));
        assert!(pack_half(65520.0).is_err());
        assert_eq!(pack_half(5.960464477539063e-08).ok(), Some(1));
        assert_eq!(pack_half(1e-8).ok(), Some(0));
        assert_eq!(pack_half(-0.0).ok(), Some(0x8000));
        assert_eq!(pack_half(6.097555160522461e-05).ok(), Some(0x03ff));
        assert_eq!(unpack_half(0x3c00), 1.0);
        assert_eq!(unpack_half(1), 5.960464477539063e-08);
        for h in 0..0x7c00u16 {
            assert_eq!(pack_half(unpack_half(h)).ok(), Some(h));
        }
    }
}
