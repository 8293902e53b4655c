//! Serialized code objects: the body of Taipan's bytecode cache files
//! (`__pycache__/NAME.taipan-311.pyc`) and of `marshal.dumps(code)`.
//!
//! # Format
//!
//! A serialized code object is a *record*: an 8-byte format id, an 8-byte
//! checksum, a 4-byte payload length (all little-endian) and the payload.
//! The format id ([`FORMAT_ID`]) is a hash of the sources of the crates that
//! decide what bytecode means (ast, parser, compiler, bytecode), computed by
//! `build.rs`: a record written by a Taipan built from other sources is
//! refused, never run.  The checksum (FNV-1a over the payload) catches
//! corrupt and truncated files.  The payload is the `CodeObject` tree with
//! every integer as an unsigned LEB128 varint and every string as a varint
//! length and its bytes; constants carry a one-byte tag, nested code
//! objects are constants.
//!
//! Reading never trusts the data: every length is checked against what is
//! left, nesting is bounded, strings must be valid, every instruction must
//! be a real opcode (no specialized or compiler-only forms) whose argument
//! is in range for its kind (constant, name, local, jump target), exception
//! table entries must point inside the code, and nothing may follow the
//! payload.  Any failure is an `Err` with a short reason.

use std::sync::Arc;

use num_bigint::{BigInt, Sign};
use taipan_common::Wtf8Buf;

use crate::code::{CodeFlags, CodeObject, Constant, ExceptionEntry, Position};
use crate::opcode::{ArgKind, Instr, Opcode};

/// Identifies the bytecode format of this build (see the module comment).
pub const FORMAT_ID: u64 = parse_u64(env!("TAIPAN_CODE_FORMAT_ID"));

const fn parse_u64(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut i = 0;
    let mut v: u64 = 0;
    while i < b.len() {
        v = v.wrapping_mul(10).wrapping_add((b[i] - b'0') as u64);
        i += 1;
    }
    v
}

/// Size of the record header (format id, checksum, payload length).
pub const RECORD_HEADER: usize = 20;
/// Deepest nesting of constants and code objects accepted when reading.
const MAX_DEPTH: usize = 1000;

/// FNV-1a, 64 bits.
pub fn checksum(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Appends the record of `code` to `out`.
pub fn write_record(code: &CodeObject, out: &mut Vec<u8>) {
    let mut payload = Vec::with_capacity(256);
    write_code(code, &mut payload);
    out.extend_from_slice(&FORMAT_ID.to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&payload);
}

/// Reads one record from the start of `data`; returns the code object and
/// the number of bytes used.
pub fn read_record(data: &[u8]) -> Result<(CodeObject, usize), &'static str> {
    if data.len() < RECORD_HEADER {
        return Err("code record too short");
    }
    let word = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&data[i..i + 8]);
        u64::from_le_bytes(b)
    };
    if word(0) != FORMAT_ID {
        return Err("code from another Taipan build");
    }
    let mut lb = [0u8; 4];
    lb.copy_from_slice(&data[16..20]);
    let len = u32::from_le_bytes(lb) as usize;
    let payload = data
        .get(RECORD_HEADER..RECORD_HEADER + len)
        .ok_or("code record truncated")?;
    if checksum(payload) != word(8) {
        return Err("code record checksum mismatch");
    }
    let mut r = Reader {
        data: payload,
        pos: 0,
    };
    let code = r.code(0)?;
    if r.pos != payload.len() {
        return Err("trailing data in code record");
    }
    Ok((code, RECORD_HEADER + len))
}

fn w_uint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn w_bytes(out: &mut Vec<u8>, b: &[u8]) {
    w_uint(out, b.len() as u64);
    out.extend_from_slice(b);
}

fn write_code(c: &CodeObject, out: &mut Vec<u8>) {
    for v in [
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.stacksize,
        c.flags.0,
        c.firstlineno,
    ] {
        w_uint(out, u64::from(v));
    }
    for s in [&c.filename, &c.name, &c.qualname] {
        w_bytes(out, s.as_bytes());
    }
    w_uint(out, c.code.len() as u64);
    for i in &c.code {
        w_uint(out, u64::from(i.0));
    }
    w_uint(out, c.consts.len() as u64);
    for k in &c.consts {
        write_const(k, out);
    }
    w_uint(out, c.names.len() as u64);
    for n in &c.names {
        w_bytes(out, n.as_bytes());
    }
    w_uint(out, c.localsplusnames.len() as u64);
    for n in &c.localsplusnames {
        w_bytes(out, n.as_bytes());
    }
    out.extend_from_slice(&c.localspluskinds);
    w_uint(out, c.positions.len() as u64);
    for p in &c.positions {
        for v in [p.lineno, p.end_lineno, p.col, p.end_col] {
            w_uint(out, u64::from(v));
        }
    }
    w_uint(out, c.exceptiontable.len() as u64);
    for e in &c.exceptiontable {
        for v in [e.start, e.end, e.target, e.depth] {
            w_uint(out, u64::from(v));
        }
        out.push(u8::from(e.lasti));
    }
}

fn write_const(k: &Constant, out: &mut Vec<u8>) {
    match k {
        Constant::None => out.push(b'N'),
        Constant::Bool(true) => out.push(b'T'),
        Constant::Bool(false) => out.push(b'F'),
        Constant::Ellipsis => out.push(b'.'),
        Constant::Int(i) => {
            let (sign, mag) = i.to_bytes_le();
            out.push(if sign == Sign::Minus { b'j' } else { b'i' });
            w_bytes(out, &mag);
        }
        Constant::Float(f) => {
            out.push(b'g');
            out.extend_from_slice(&f.to_le_bytes());
        }
        Constant::Complex { real, imag } => {
            out.push(b'y');
            out.extend_from_slice(&real.to_le_bytes());
            out.extend_from_slice(&imag.to_le_bytes());
        }
        Constant::Str(s) => {
            out.push(b's');
            w_bytes(out, s.as_bytes());
        }
        Constant::Bytes(b) => {
            out.push(b'b');
            w_bytes(out, b);
        }
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            out.push(if matches!(k, Constant::Tuple(_)) {
                b't'
            } else {
                b'z'
            });
            w_uint(out, items.len() as u64);
            for x in items {
                write_const(x, out);
            }
        }
        Constant::Code(c) => {
            out.push(b'c');
            write_code(c, out);
        }
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

const SHORT: &str = "code record too short";

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, &'static str> {
        let b = *self.data.get(self.pos).ok_or(SHORT)?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&[u8], &'static str> {
        let end = self.pos.checked_add(n).ok_or(SHORT)?;
        let s = self.data.get(self.pos..end).ok_or(SHORT)?;
        self.pos = end;
        Ok(s)
    }

    fn uint(&mut self) -> Result<u64, &'static str> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("bad varint in code record")
    }

    fn u32(&mut self) -> Result<u32, &'static str> {
        u32::try_from(self.uint()?).map_err(|_| "number out of range in code record")
    }

    /// A count of items that each take at least one byte.
    fn count(&mut self) -> Result<usize, &'static str> {
        let n = self.uint()?;
        if n > (self.data.len() - self.pos) as u64 {
            return Err(SHORT);
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, &'static str> {
        let n = self.count()?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| "bad string in code record")
    }

    fn f64(&mut self) -> Result<f64, &'static str> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(f64::from_le_bytes(b))
    }

    fn code(&mut self, depth: usize) -> Result<CodeObject, &'static str> {
        if depth > MAX_DEPTH {
            return Err("code record nested too deeply");
        }
        let argcount = self.u32()?;
        let posonlyargcount = self.u32()?;
        let kwonlyargcount = self.u32()?;
        let stacksize = self.u32()?;
        let flags = CodeFlags(self.u32()?);
        let firstlineno = self.u32()?;
        let filename = self.string()?;
        let name = self.string()?;
        let qualname = self.string()?;
        let n = self.count()?;
        let mut code = Vec::with_capacity(n);
        for _ in 0..n {
            code.push(Instr(self.u32()?));
        }
        let n = self.count()?;
        let mut consts = Vec::with_capacity(n);
        for _ in 0..n {
            consts.push(self.constant(depth + 1)?);
        }
        let n = self.count()?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(self.string()?);
        }
        let n = self.count()?;
        let mut localsplusnames = Vec::with_capacity(n);
        for _ in 0..n {
            localsplusnames.push(self.string()?);
        }
        let localspluskinds = self.take(n)?.to_vec();
        let n = self.count()?;
        let mut positions = Vec::with_capacity(n);
        for _ in 0..n {
            positions.push(Position {
                lineno: self.u32()?,
                end_lineno: self.u32()?,
                col: self.u32()?,
                end_col: self.u32()?,
            });
        }
        let n = self.count()?;
        let mut exceptiontable = Vec::with_capacity(n);
        for _ in 0..n {
            exceptiontable.push(ExceptionEntry {
                start: self.u32()?,
                end: self.u32()?,
                target: self.u32()?,
                depth: self.u32()?,
                lasti: self.byte()? != 0,
            });
        }
        let c = CodeObject {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            stacksize,
            flags,
            code,
            consts,
            names,
            localsplusnames,
            localspluskinds,
            filename,
            name,
            qualname,
            firstlineno,
            positions,
            exceptiontable,
        };
        validate(&c)?;
        Ok(c)
    }

    fn constant(&mut self, depth: usize) -> Result<Constant, &'static str> {
        if depth > MAX_DEPTH {
            return Err("code record nested too deeply");
        }
        Ok(match self.byte()? {
            b'N' => Constant::None,
            b'T' => Constant::Bool(true),
            b'F' => Constant::Bool(false),
            b'.' => Constant::Ellipsis,
            t @ (b'i' | b'j') => {
                let n = self.count()?;
                let mag = self.take(n)?;
                let sign = if t == b'j' { Sign::Minus } else { Sign::Plus };
                Constant::Int(BigInt::from_bytes_le(sign, mag))
            }
            b'g' => Constant::Float(self.f64()?),
            b'y' => Constant::Complex {
                real: self.f64()?,
                imag: self.f64()?,
            },
            b's' => {
                let n = self.count()?;
                let b = self.take(n)?.to_vec();
                if !is_wtf8(&b) {
                    return Err("bad string in code record");
                }
                Constant::Str(Wtf8Buf::from_bytes_unchecked(b))
            }
            b'b' => {
                let n = self.count()?;
                Constant::Bytes(self.take(n)?.to_vec())
            }
            t @ (b't' | b'z') => {
                let n = self.count()?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.constant(depth + 1)?);
                }
                if t == b't' {
                    Constant::Tuple(items)
                } else {
                    Constant::FrozenSet(items)
                }
            }
            b'c' => Constant::Code(Arc::new(self.code(depth + 1)?)),
            _ => return Err("bad constant in code record"),
        })
    }
}

/// Whether `b` is UTF-8 in which lone surrogates (`ED A0..BF xx`) are
/// allowed: the representation of `str`.
fn is_wtf8(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (n, lo, hi) = match c {
            0x00..=0x7f => {
                i += 1;
                continue;
            }
            0xc2..=0xdf => (1, 0x80, 0xbf),
            0xe0 => (2, 0xa0, 0xbf),
            0xe1..=0xef => (2, 0x80, 0xbf),
            0xf0 => (3, 0x90, 0xbf),
            0xf1..=0xf3 => (3, 0x80, 0xbf),
            0xf4 => (3, 0x80, 0x8f),
            _ => return false,
        };
        let Some(rest) = b.get(i + 1..i + 1 + n) else {
            return false;
        };
        if !(lo..=hi).contains(&rest[0]) || rest[1..].iter().any(|&x| !(0x80..=0xbf).contains(&x)) {
            return false;
        }
        i += 1 + n;
    }
    true
}

/// Checks what the interpreter relies on without checking again.
fn validate(c: &CodeObject) -> Result<(), &'static str> {
    let n = c.code.len();
    if n == 0 {
        return Err("empty code in code record");
    }
    if c.positions.len() != n || c.localspluskinds.len() != c.localsplusnames.len() {
        return Err("inconsistent code record");
    }
    let total_args = c.argcount as u64
        + c.kwonlyargcount as u64
        + u64::from(c.flags.has(CodeFlags::VARARGS))
        + u64::from(c.flags.has(CodeFlags::VARKEYWORDS));
    if c.posonlyargcount > c.argcount || total_args > c.localsplusnames.len() as u64 {
        return Err("bad argument counts in code record");
    }
    for i in 0..n {
        let (op, arg) = c.decode(i).ok_or("bad opcode in code record")?;
        if op.is_specialized() || op.is_pseudo() {
            return Err("bad opcode in code record");
        }
        let limit = match op.arg_kind() {
            ArgKind::Const => c.consts.len(),
            ArgKind::Name => c.names.len(),
            ArgKind::GlobalName => {
                if (arg >> 1) as usize >= c.names.len() {
                    return Err("bad argument in code record");
                }
                continue;
            }
            ArgKind::Local => c.localsplusnames.len(),
            ArgKind::Jump => n,
            _ => continue,
        };
        if arg as usize >= limit {
            return Err("bad argument in code record");
        }
    }
    if c.code[n - 1].op_byte() == Opcode::EXTENDED_ARG as u8 {
        return Err("bad opcode in code record");
    }
    for e in &c.exceptiontable {
        if e.start > e.end || e.end as usize > n || e.target as usize >= n {
            return Err("bad exception table in code record");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opcode::Opcode;

    fn sample() -> CodeObject {
        let inner = CodeObject {
            argcount: 1,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 1,
            flags: CodeFlags(CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS),
            code: vec![
                Instr::new(Opcode::LOAD_FAST, 0),
                Instr::new(Opcode::RETURN_VALUE, 0),
            ],
            consts: vec![],
            names: vec![],
            localsplusnames: vec!["x".into()],
            localspluskinds: vec![crate::code::local_kind::LOCAL],
            filename: "f.py".into(),
            name: "f".into(),
            qualname: "f".into(),
            firstlineno: 1,
            positions: vec![Position::default(); 2],
            exceptiontable: vec![],
        };
        CodeObject {
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 2,
            flags: CodeFlags(0),
            code: vec![
                Instr::new(Opcode::LOAD_CONST, 0),
                Instr::new(Opcode::RETURN_VALUE, 0),
            ],
            consts: vec![
                Constant::Tuple(vec![
                    Constant::Int(BigInt::from(-123456789012345678i64) * 1000),
                    Constant::Float(1.5),
                    Constant::Str(Wtf8Buf::from_bytes_unchecked(b"h\xc3\xa9".to_vec())),
                    Constant::FrozenSet(vec![Constant::Bytes(b"ab".to_vec())]),
                    Constant::Complex {
                        real: 0.0,
                        imag: -2.0,
                    },
                    Constant::None,
                    Constant::Ellipsis,
                    Constant::Bool(true),
                ]),
                Constant::Code(Arc::new(inner)),
            ],
            names: vec!["a".into()],
            localsplusnames: vec![],
            localspluskinds: vec![],
            filename: "f.py".into(),
            name: "<module>".into(),
            qualname: "<module>".into(),
            firstlineno: 1,
            positions: vec![
                Position {
                    lineno: 1,
                    end_lineno: 1,
                    col: 0,
                    end_col: u32::MAX,
                };
                2
            ],
            exceptiontable: vec![ExceptionEntry {
                start: 0,
                end: 1,
                target: 1,
                depth: 0,
                lasti: true,
            }],
        }
    }

    #[test]
    fn round_trip() {
        let c = sample();
        let mut out = Vec::new();
        write_record(&c, &mut out);
        let (back, used) = read_record(&out).unwrap();
        assert_eq!(used, out.len());
        assert_eq!(back.consts, c.consts);
        assert_eq!(back.code, c.code);
        assert_eq!(back.positions, c.positions);
        assert_eq!(back.exceptiontable, c.exceptiontable);
    }

    #[test]
    fn every_truncation_and_flip_is_refused() {
        let mut out = Vec::new();
        write_record(&sample(), &mut out);
        for n in 0..out.len() {
            assert!(read_record(&out[..n]).is_err(), "truncated at {n}");
        }
        for i in 0..out.len() {
            let mut bad = out.clone();
            bad[i] ^= 0x10;
            // A flip in the length field may still leave a readable prefix
            // only if the checksum matches, which FNV makes vanishingly rare.
            assert!(read_record(&bad).is_err(), "flip at {i}");
        }
    }

    #[test]
    fn bad_arguments_are_refused_even_with_a_good_checksum() {
        let mut c = sample();
        c.code[0] = Instr::new(Opcode::LOAD_CONST, 7);
        let mut out = Vec::new();
        write_record(&c, &mut out);
        assert!(read_record(&out).is_err());
    }
}
