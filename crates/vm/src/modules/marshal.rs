//! The `marshal` module: CPython's value serialisation format (version 4)
//! for the data types it covers: None, bools, Ellipsis, StopIteration,
//! int, float, complex, str, bytes, tuple, list, dict, set and frozenset.
//!
//! `importlib._bootstrap_external` imports `marshal` at its top level (it
//! reads and writes `.pyc` files with it), so `importlib` needs it.
//!
//! Differences from CPython, by design or not yet done:
//! - code objects are Taipan's own: type code `c` is followed by the
//!   record of `taipan_bytecode::serialize` (format id of the Taipan build,
//!   checksum, payload), which is also the body of Taipan's `.pyc` files.
//!   CPython's serialized code cannot be read (its bytecode is not ours):
//!   `loads` refuses it with `ValueError('bad marshal data (...)')`.
//! - `dumps` never emits the FLAG_REF/TYPE_REF back-references (CPython
//!   decides them from reference counts); the output is valid marshal data
//!   that CPython loads to equal values, but for shared or interned objects
//!   it is not byte-identical to CPython's.  `loads` accepts references.
//! - `load` reads the rest of the file and seeks back over what follows
//!   the value.

use num_bigint::{BigInt, Sign};

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bytes::PyBytes;
use crate::types::complex::PyComplex;
use crate::types::dict::PyDict;
use crate::types::float::PyFloat;
use crate::types::int::{IntVal, int_from_bigint, int_from_i64, int_val};
use crate::types::list::PyList;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

const VERSION: i64 = 4;
const FLAG_REF: u8 = 0x80;
/// Nesting limit (CPython's MAX_MARSHAL_STACK_DEPTH).
const MAX_DEPTH: usize = 2000;

fn unmarshallable() -> PyErr {
    value_error("unmarshallable object")
}

fn w_len(out: &mut Vec<u8>, n: usize) -> PyResult<()> {
    let n = i32::try_from(n).map_err(|_| unmarshallable())?;
    out.extend_from_slice(&n.to_le_bytes());
    Ok(())
}

fn w_obj(vm: &Vm, o: &PyRef, out: &mut Vec<u8>, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(value_error("object too deeply nested to marshal"));
    }
    if is_none(o) {
        out.push(b'N');
    } else if let Some(b) = crate::types::bool_::as_bool(o) {
        out.push(if b { b'T' } else { b'F' });
    } else if o.is(&crate::types::none::ellipsis()) {
        out.push(b'.');
    } else if o.is(&crate::types::exceptions::STOP_ITERATION.to_ref()) {
        out.push(b'S');
    } else if let Some(v) = int_val(o).filter(|_| crate::types::int::is_int(o)) {
        w_int(&v.to_bigint(), out, &v);
    } else if let Some(f) = o.downcast::<PyFloat>() {
        out.push(b'g');
        out.extend_from_slice(&f.value.to_le_bytes());
    } else if let Some(c) = o.downcast::<PyComplex>() {
        out.push(b'y');
        out.extend_from_slice(&c.re.to_le_bytes());
        out.extend_from_slice(&c.im.to_le_bytes());
    } else if let Some(s) = o.downcast::<PyStr>() {
        if s.is_ascii() {
            let b = s.to_string_lossy().into_bytes();
            if b.len() < 256 {
                out.push(b'z');
                out.push(b.len() as u8);
            } else {
                out.push(b'a');
                w_len(out, b.len())?;
            }
            out.extend_from_slice(&b);
        } else {
            // UTF-8 with lone surrogates passed through (surrogatepass).
            let mut b = Vec::new();
            for cp in s.code_points() {
                let mut buf = [0u8; 4];
                match char::from_u32(cp) {
                    Some(c) => b.extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
                    None => b.extend_from_slice(&[
                        0xE0 | (cp >> 12) as u8,
                        0x80 | ((cp >> 6) & 0x3F) as u8,
                        0x80 | (cp & 0x3F) as u8,
                    ]),
                }
            }
            out.push(b'u');
            w_len(out, b.len())?;
            out.extend_from_slice(&b);
        }
    } else if let Some(b) = o.downcast::<PyBytes>() {
        out.push(b's');
        w_len(out, b.as_bytes().len())?;
        out.extend_from_slice(b.as_bytes());
    } else if let Some(t) = o.downcast::<PyTuple>() {
        let items = t.as_slice();
        if items.len() < 256 {
            out.push(b')');
            out.push(items.len() as u8);
        } else {
            out.push(b'(');
            w_len(out, items.len())?;
        }
        for x in items {
            w_obj(vm, x, out, depth + 1)?;
        }
    } else if let Some(l) = o.downcast::<PyList>() {
        let items = l.to_vec();
        out.push(b'[');
        w_len(out, items.len())?;
        for x in &items {
            w_obj(vm, x, out, depth + 1)?;
        }
    } else if let Some(d) = o.downcast::<PyDict>() {
        out.push(b'{');
        for (k, v) in d.items() {
            w_obj(vm, &k, out, depth + 1)?;
            w_obj(vm, &v, out, depth + 1)?;
        }
        out.push(b'0');
    } else if let Some(s) = o.downcast::<crate::types::set::PySet>() {
        let frozen = o
            .class()
            .is_subtype(crate::types::set::FROZENSET_TYPE.get());
        let items = s.items();
        out.push(if frozen { b'>' } else { b'<' });
        w_len(out, items.len())?;
        for x in &items {
            w_obj(vm, x, out, depth + 1)?;
        }
    } else if let Some(c) = o.downcast::<crate::types::code::PyCode>() {
        out.push(b'c');
        let code = crate::types::code::code_for_serialization(vm, c)?;
        taipan_bytecode::serialize::write_record(&code, out);
    } else if let Some(b) = crate::types::buffer_hook(o) {
        out.push(b's');
        w_len(out, b.len())?;
        out.extend_from_slice(&b);
    } else {
        return Err(unmarshallable());
    }
    Ok(())
}

/// `i` for 32-bit values, else `l` with 15-bit digits.
fn w_int(v: &BigInt, out: &mut Vec<u8>, small: &IntVal<'_>) {
    if let IntVal::Small(x) = small
        && let Ok(x) = i32::try_from(*x)
    {
        out.push(b'i');
        out.extend_from_slice(&x.to_le_bytes());
        return;
    }
    let (sign, mag) = v.to_u32_digits();
    let mut mag = num_bigint::BigUint::from_slice(&mag);
    let mut digits: Vec<u16> = Vec::new();
    let mask = num_bigint::BigUint::from(0x7FFFu32);
    while mag > num_bigint::BigUint::from(0u32) {
        let d = (&mag & &mask).to_u32_digits().first().copied().unwrap_or(0);
        digits.push(d as u16);
        mag >>= 15;
    }
    let n = digits.len() as i32;
    out.push(b'l');
    out.extend_from_slice(&(if sign == Sign::Minus { -n } else { n }).to_le_bytes());
    for d in digits {
        out.extend_from_slice(&d.to_le_bytes());
    }
}

fn dumps(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("dumps")?;
    let args = a.range("dumps", 1, 2)?;
    if let Some(v) = args.get(1) {
        crate::types::int::as_ssize(vm, v)?;
    }
    let mut out = Vec::new();
    w_obj(vm, &args[0], &mut out, 0)?;
    Ok(PyBytes::new_ref(out))
}

/// The reader state of `loads`.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    refs: Vec<Option<PyRef>>,
}

fn short() -> PyErr {
    crate::error::eof_error("marshal data too short")
}

fn bad(what: &str) -> PyErr {
    value_error(format!("bad marshal data ({what})"))
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> PyResult<&[u8]> {
        let end = self.pos.checked_add(n).ok_or_else(short)?;
        let s = self.data.get(self.pos..end).ok_or_else(short)?;
        self.pos = end;
        Ok(s)
    }
    fn byte(&mut self) -> PyResult<u8> {
        Ok(self.take(1)?[0])
    }
    fn i32(&mut self) -> PyResult<i32> {
        let b = self.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f64(&mut self) -> PyResult<f64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }
    fn len(&mut self, what: &str) -> PyResult<usize> {
        let n = self.i32()?;
        usize::try_from(n).map_err(|_| bad(&format!("{what} size out of range")))
    }
    fn text_float(&mut self) -> PyResult<f64> {
        let n = self.byte()? as usize;
        let s = String::from_utf8_lossy(self.take(n)?).into_owned();
        crate::types::float::parse_float(&s).ok_or_else(|| bad("float"))
    }

    fn object(&mut self, vm: &Vm, depth: usize) -> PyResult {
        if depth > MAX_DEPTH {
            return Err(value_error("recursion limit exceeded"));
        }
        let code = match self.data.get(self.pos) {
            Some(c) => *c,
            None => return Err(crate::error::eof_error("EOF read where object expected")),
        };
        self.pos += 1;
        let flag = code & FLAG_REF != 0;
        let slot = if flag {
            self.refs.push(None);
            Some(self.refs.len() - 1)
        } else {
            None
        };
        let v = self.value(vm, code & !FLAG_REF, depth)?;
        if let Some(i) = slot
            && let Some(r) = self.refs.get_mut(i)
        {
            *r = Some(v.clone());
        }
        Ok(v)
    }

    fn items(&mut self, vm: &Vm, n: usize, depth: usize) -> PyResult<Vec<PyRef>> {
        let mut v = Vec::with_capacity(n.min(self.data.len()));
        for _ in 0..n {
            v.push(self.object(vm, depth + 1)?);
        }
        Ok(v)
    }

    fn value(&mut self, vm: &Vm, code: u8, depth: usize) -> PyResult {
        Ok(match code {
            b'N' => none(),
            b'T' => crate::types::bool_::py_bool(true),
            b'F' => crate::types::bool_::py_bool(false),
            b'.' => crate::types::none::ellipsis(),
            b'S' => crate::types::exceptions::STOP_ITERATION.to_ref(),
            b'c' => {
                let rest = self.data.get(self.pos..).unwrap_or_default();
                match taipan_bytecode::serialize::read_record(rest) {
                    Ok((code, used)) => {
                        self.pos += used;
                        crate::types::code::PyCode::new_ref(std::sync::Arc::new(code))
                    }
                    Err(why) if why.contains("short") || why.contains("truncated") => {
                        return Err(short());
                    }
                    Err(why) => return Err(bad(why)),
                }
            }
            b'i' => int_from_i64(self.i32()? as i64),
            b'l' => {
                let n = self.i32()?;
                let count = n.unsigned_abs() as usize;
                let mut mag = num_bigint::BigUint::from(0u32);
                let raw = self.take(count.checked_mul(2).ok_or_else(short)?)?.to_vec();
                for (i, d) in raw.chunks_exact(2).enumerate().rev() {
                    let d = u16::from_le_bytes([d[0], d[1]]);
                    if d > 0x7FFF || (i + 1 == count && d == 0) {
                        return Err(bad("digit out of range in long"));
                    }
                    mag = (mag << 15u32) + num_bigint::BigUint::from(d);
                }
                let sign = if n < 0 { Sign::Minus } else { Sign::Plus };
                int_from_bigint(BigInt::from_biguint(sign, mag))
            }
            b'g' => crate::types::float::float_ref(self.f64()?),
            b'f' => crate::types::float::float_ref(self.text_float()?),
            b'y' => {
                let re = self.f64()?;
                crate::types::complex::complex_ref(re, self.f64()?)
            }
            b'x' => {
                let re = self.text_float()?;
                crate::types::complex::complex_ref(re, self.text_float()?)
            }
            b's' => {
                let n = self.len("bytes object")?;
                PyBytes::new_ref(self.take(n)?.to_vec())
            }
            b'z' | b'Z' => {
                let n = self.byte()? as usize;
                ascii(self.take(n)?)?
            }
            b'a' | b'A' => {
                let n = self.len("string")?;
                ascii(self.take(n)?)?
            }
            b'u' | b't' => {
                let n = self.len("string")?;
                let raw = self.take(n)?.to_vec();
                let s = crate::protocol::call::call_method(
                    vm,
                    &PyBytes::new_ref(raw),
                    "decode",
                    &[PyStr::new_ref("utf-8"), PyStr::new_ref("surrogatepass")],
                )?;
                s
            }
            b')' => {
                let n = self.byte()? as usize;
                PyTuple::new_ref(self.items(vm, n, depth)?)
            }
            b'(' => {
                let n = self.len("tuple")?;
                PyTuple::new_ref(self.items(vm, n, depth)?)
            }
            b'[' => {
                let n = self.len("list")?;
                PyList::new_ref(self.items(vm, n, depth)?)
            }
            b'{' => {
                let d = PyDict::new_ref();
                loop {
                    if self.data.get(self.pos) == Some(&b'0') {
                        self.pos += 1;
                        break;
                    }
                    let k = self.object(vm, depth + 1)?;
                    let v = self.object(vm, depth + 1)?;
                    crate::protocol::object::set_item(vm, &d, &k, &v)?;
                }
                d
            }
            b'<' | b'>' => {
                let n = self.len("set")?;
                let items = PyList::new_ref(self.items(vm, n, depth)?);
                let name = if code == b'<' { "set" } else { "frozenset" };
                let t = crate::types::dict::PyDict::get_rust_str(
                    vm.builtins_dict()
                        .downcast::<PyDict>()
                        .ok_or_else(|| type_error("builtins"))?,
                    name,
                )
                .ok_or_else(|| type_error("builtins"))?;
                crate::protocol::call::call_pos(vm, &t, &[items])?
            }
            b'r' => {
                let i = self.i32()?;
                usize::try_from(i)
                    .ok()
                    .and_then(|i| self.refs.get(i).cloned().flatten())
                    .ok_or_else(|| bad("invalid reference"))?
            }
            _ => return Err(bad("unknown type code")),
        })
    }
}

fn ascii(b: &[u8]) -> PyResult {
    // Bytes >= 0x80 are Latin-1 code points in CPython's ASCII decoder path.
    let s: String = b.iter().map(|&c| c as char).collect();
    Ok(PyStr::new_ref(&s))
}

fn loads(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("loads")?;
    let data = match o.downcast::<PyBytes>() {
        Some(b) => b.as_bytes().to_vec(),
        None => crate::types::buffer_hook(o).ok_or_else(|| {
            type_error(format!(
                "a bytes-like object is required, not '{}'",
                o.class().name()
            ))
        })?,
    };
    let mut r = Reader {
        data: &data,
        pos: 0,
        refs: Vec::new(),
    };
    r.object(vm, 0)
}

/// `dump(value, file[, version])`: `file.write(dumps(value))`.
fn dump(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_kwargs("dump")?;
    let args = a.range("dump", 2, 3)?;
    if let Some(v) = args.get(2) {
        crate::types::int::as_ssize(vm, v)?;
    }
    let mut out = Vec::new();
    w_obj(vm, &args[0], &mut out, 0)?;
    crate::protocol::call::call_method(vm, &args[1], "write", &[PyBytes::new_ref(out)])?;
    Ok(none())
}

/// `load(file)`: reads the rest of `file`, decodes one value, and seeks
/// back over what follows it, so consecutive `load`s read consecutive
/// values (CPython reads only what it needs; a file here must be seekable
/// when more than one value follows).
fn load(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = a.one_arg("load")?;
    let got = crate::protocol::call::call_method(vm, f, "read", &[])?;
    let data = match got.downcast::<PyBytes>() {
        Some(b) => b.as_bytes().to_vec(),
        None => crate::types::buffer_hook(&got).ok_or_else(|| {
            type_error(format!(
                "file.read() returned not bytes but {}",
                got.class().name()
            ))
        })?,
    };
    let mut r = Reader {
        data: &data,
        pos: 0,
        refs: Vec::new(),
    };
    let v = r.object(vm, 0)?;
    let extra = data.len() - r.pos;
    if extra > 0 {
        let back = int_from_i64(-(extra as i64));
        crate::protocol::call::call_method(vm, f, "seek", &[back, int_from_i64(1)])?;
    }
    Ok(v)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("dumps", dumps),
    MethodDef::method("loads", loads),
    MethodDef::method("dump", dump),
    MethodDef::method("load", load),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = crate::modules::modutil::new_module(
        "marshal",
        "This module contains functions that can read and write Python values in\na binary format. The format is specific to Python, but independent of\nmachine architecture issues.",
        FUNCTIONS,
    )?;
    crate::modules::modutil::set(&m, "version", int_from_i64(VERSION));
    Ok(m)
}
