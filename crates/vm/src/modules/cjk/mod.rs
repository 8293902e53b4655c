//! CPython's CJK codecs: the `_multibytecodec` machinery and the codec
//! modules (`_codecs_jp`, ...) that `encodings/shift_jis.py` & co. import.
//!
//! Design.  A codec is a pair of step functions over a whole buffer
//! ([`Codec`]): the encoder walks code points from `*pos`, appending bytes,
//! and the decoder walks bytes, appending code points; each stops at the
//! end ([`Stop::Done`]), at an unmappable span ([`Stop::Illegal`] with its
//! length, CPython's positive return values) or at a sequence cut short by
//! the end of the input ([`Stop::TooFew`], `MBERR_TOOFEW`).  State for the
//! stateful codecs (ISO-2022) is one `u64`, CPython's 8-byte
//! `MultibyteCodec_State`, which is also what `getstate()` exposes.
//!
//! [`run_encode`] / [`run_decode`] are CPython's `multibytecodec_encode`
//! and the decode loops, with its error protocol: "illegal multibyte
//! sequence" / "incomplete multibyte sequence", `strict`/`ignore`/`replace`
//! handled inline, any other name looked up through `_codecs.lookup_error`
//! and called with one exception object reused (start, end and reason
//! updated) for the whole call, as CPython does.  The Python-visible
//! classes (`MultibyteCodec`, the incremental and stream classes) are a
//! short Python prelude (`multibytecodec_prelude.py`) over these two entry
//! points, exposed as `_multibytecodec._encode` / `_decode`.
//!
//! Codecs CPython has and Taipan does not yet (the JIS X 0213 ones,
//! ISO-2022-JP-2/-3/-2004 and ISO-2022-KR, `johab`, Chinese) are listed
//! in `MODULES` and [`UNAVAILABLE`]: `getcodec` raises
//! `ImportError` for them, so `encodings` skips the module and the lookup
//! stays CPython's "unknown encoding" `LookupError` instead of a partial
//! table producing wrong bytes.

pub mod iso2022;
pub mod jp;
pub mod kr;

use taipan_common::Wtf8Buf;

use crate::args::Args;
use crate::error::{PyErr, PyResult, import_error, index_error, lookup_error, type_error};
use crate::modules::bufutil::bytes_like;
use crate::object::typeobj::MethodDef;
use crate::types::bytes::PyBytes;
use crate::types::int::{int_from_i64, to_i64};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil;

/// Where a codec step stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The whole input was consumed.
    Done,
    /// The next `n` input units cannot be converted.
    Illegal(usize),
    /// The input ends inside a sequence.
    TooFew,
}

/// Encoder step: `(text, pos, out, flush, state)`.
pub type EncodeFn = fn(&[u32], &mut usize, &mut Vec<u8>, bool, &mut u64) -> Stop;
/// Decoder step: `(data, pos, out, state)`.
pub type DecodeFn = fn(&[u8], &mut usize, &mut Wtf8Buf, &mut u64) -> Stop;
/// Encoder reset (ISO-2022's return to ASCII): appends bytes.
pub type ResetFn = fn(&mut Vec<u8>, &mut u64) -> Stop;
/// Decoder reset.
pub type DecResetFn = fn(&mut u64);

/// One codec: its name (CPython's `codec->encoding`) and step functions.
pub struct Codec {
    pub name: &'static str,
    pub encode: EncodeFn,
    pub decode: DecodeFn,
    pub encreset: Option<ResetFn>,
    pub decreset: Option<DecResetFn>,
    /// The state `encinit` / `decinit` give a new encoder / decoder.
    pub enc_init: u64,
    pub dec_init: u64,
}

impl Codec {
    pub const fn stateless(name: &'static str, encode: EncodeFn, decode: DecodeFn) -> Codec {
        Codec {
            name,
            encode,
            decode,
            encreset: None,
            decreset: None,
            enc_init: 0,
            dec_init: 0,
        }
    }
}

/// Codec modules: (module name, codecs Taipan has, codecs CPython's module
/// also has that Taipan does not implement yet).
static MODULES: &[(&str, &[Codec], &[&str])] = &[
    (
        "_codecs_jp",
        jp::CODECS,
        &[
            "shift_jis_2004",
            "euc_jis_2004",
            "euc_jisx0213",
            "shift_jisx0213",
        ],
    ),
    ("_codecs_kr", kr::CODECS, &["johab"]),
    (
        "_codecs_iso2022",
        iso2022::CODECS,
        &[
            "iso2022_kr",
            "iso2022_jp_2",
            "iso2022_jp_2004",
            "iso2022_jp_3",
        ],
    ),
];

/// Codec names of CPython modules Taipan does not have at all yet; they
/// are not importable (see the module comment).
pub static UNAVAILABLE: &[&str] = &["_codecs_cn", "_codecs_tw", "_codecs_hk"];

fn find_codec(name: &str) -> Option<&'static Codec> {
    MODULES
        .iter()
        .flat_map(|(_, codecs, _)| codecs.iter())
        .find(|c| c.name == name)
}

const MBENC_FLUSH: i64 = 1;
const MBENC_RESET: i64 = 2;

/// How errors are handled: the three CPython handles inline, or a name to
/// look up when an error happens.
enum Errors<'a> {
    Strict,
    Ignore,
    Replace,
    Other(&'a str),
}

impl<'a> Errors<'a> {
    fn of(name: &'a str) -> Errors<'a> {
        match name {
            "strict" => Errors::Strict,
            "ignore" => Errors::Ignore,
            "replace" => Errors::Replace,
            _ => Errors::Other(name),
        }
    }
}

fn reason_size(stop: Stop, remaining: usize) -> (&'static str, usize) {
    match stop {
        Stop::Illegal(n) => ("illegal multibyte sequence", n),
        _ => ("incomplete multibyte sequence", remaining),
    }
}

/// Creates the call's exception object, or updates the cached one.
fn exception(
    vm: &Vm,
    cache: &mut Option<PyRef>,
    ty: &'static crate::object::StaticType,
    make: impl FnOnce() -> Vec<PyRef>,
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<PyRef> {
    if let Some(e) = cache {
        let set =
            |k: &str, v: PyRef| crate::protocol::object::set_attr(vm, e, &PyStr::intern(k), &v);
        set("start", int_from_i64(start as i64))?;
        set("end", int_from_i64(end as i64))?;
        set("reason", PyStr::new_ref(reason))?;
        return Ok(e.clone());
    }
    let mut args = make();
    args.push(int_from_i64(start as i64));
    args.push(int_from_i64(end as i64));
    args.push(PyStr::new_ref(reason));
    let e = PyErr::new_args(ty, args).into_value();
    *cache = Some(e.clone());
    Ok(e)
}

/// Calls the registered handler `name` with `exc`; returns the replacement
/// object and the position (checked against `len`, negatives from the end).
fn call_handler(
    vm: &Vm,
    name: &str,
    exc: &PyRef,
    len: usize,
    want_str_only: bool,
) -> PyResult<(PyRef, usize)> {
    let codecs = crate::interp::import::import_module(vm, "_codecs")?;
    let lookup = crate::protocol::object::get_attr_str(vm, &codecs, "lookup_error")?;
    let handler = crate::protocol::call::call_pos(vm, &lookup, &[PyStr::new_ref(name)])?;
    let r = crate::protocol::call::call_pos(vm, &handler, &[exc.clone()])?;
    let bad = || {
        type_error(if want_str_only {
            "decoding error handler must return (str, int) tuple"
        } else {
            "encoding error handler must return (str, int) tuple"
        })
    };
    let t = r.downcast::<PyTuple>().ok_or_else(bad)?;
    let [rep, pos] = t.as_slice() else {
        return Err(bad());
    };
    let is_str = rep.downcast::<PyStr>().is_some();
    if !(is_str || (!want_str_only && rep.downcast::<PyBytes>().is_some()))
        || !crate::types::int::is_int(pos)
    {
        return Err(bad());
    }
    let mut p = to_i64(pos).unwrap_or(-1);
    if p < 0 && to_i64(pos).is_some() {
        p += len as i64;
    }
    if p < 0 || p as usize > len {
        return Err(index_error(format!(
            "position {p} from error handler out of bounds"
        )));
    }
    Ok((rep.clone(), p as usize))
}

/// CPython's `multibytecodec_encode`: encodes `text` (the str object, for
/// the exception) whose code points are `cps`; returns the bytes and how
/// many code points were consumed (less than all only when a sequence is
/// incomplete and `flags` lacks FLUSH).
pub fn run_encode(
    vm: &Vm,
    codec: &Codec,
    state: &mut u64,
    text: &PyRef,
    cps: &[u32],
    errors: &str,
    flags: i64,
) -> PyResult<(Vec<u8>, usize)> {
    let mut out = Vec::with_capacity(cps.len() * 2 + 16);
    if cps.is_empty() && flags & MBENC_RESET == 0 {
        return Ok((out, 0));
    }
    let flush = flags & MBENC_FLUSH != 0;
    let errs = Errors::of(errors);
    let mut exc = None;
    let mut pos = 0;
    while pos < cps.len() {
        let r = (codec.encode)(cps, &mut pos, &mut out, flush, state);
        if r == Stop::Done || (r == Stop::TooFew && !flush) {
            break;
        }
        encode_error(
            vm, codec, state, text, cps, &errs, r, &mut pos, &mut out, &mut exc,
        )?;
        if r == Stop::TooFew {
            break;
        }
    }
    if flags & MBENC_RESET != 0
        && let Some(reset) = codec.encreset
    {
        loop {
            let r = reset(&mut out, state);
            if r == Stop::Done {
                break;
            }
            encode_error(
                vm, codec, state, text, cps, &errs, r, &mut pos, &mut out, &mut exc,
            )?;
        }
    }
    Ok((out, pos))
}

#[cold]
#[allow(clippy::too_many_arguments)]
fn encode_error(
    vm: &Vm,
    codec: &Codec,
    state: &mut u64,
    text: &PyRef,
    cps: &[u32],
    errs: &Errors<'_>,
    r: Stop,
    pos: &mut usize,
    out: &mut Vec<u8>,
    exc: &mut Option<PyRef>,
) -> PyResult<()> {
    // CPython reports an incomplete sequence's size as the position reached.
    let (reason, esize) = reason_size(r, *pos);
    match errs {
        Errors::Ignore | Errors::Replace => {
            if let Errors::Replace = errs {
                let mut p = 0;
                let mut rep = Vec::new();
                if (codec.encode)(&[b'?' as u32], &mut p, &mut rep, false, state) == Stop::Done {
                    out.extend_from_slice(&rep);
                } else {
                    out.push(b'?');
                }
            }
            *pos += esize;
            return Ok(());
        }
        _ => {}
    }
    let (start, end) = (*pos, *pos + esize);
    let e = exception(
        vm,
        exc,
        &crate::types::exceptions::UNICODE_ENCODE_ERROR,
        || vec![PyStr::new_ref(codec.name), text.clone()],
        start,
        end,
        reason,
    )?;
    let Errors::Other(name) = errs else {
        return Err(PyErr::from_instance(e));
    };
    let (rep, newpos) = call_handler(vm, name, &e, cps.len(), false)?;
    if let Some(s) = rep.downcast::<PyStr>() {
        let rcps: Vec<u32> = s.code_points().collect();
        let (b, _) = run_encode(vm, codec, state, &rep, &rcps, "strict", MBENC_FLUSH)?;
        out.extend_from_slice(&b);
    } else if let Some(b) = rep.downcast::<PyBytes>() {
        out.extend_from_slice(b.as_bytes());
    }
    *pos = newpos;
    Ok(())
}

/// How a decode call treats the end of the input.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DecodeMode {
    /// `MultibyteCodec.decode`: an incomplete sequence is an error.
    Whole,
    /// Incremental, more input may follow: stop before it.
    Partial,
    /// Incremental, final: stop, then report what is left as incomplete.
    Final,
}

/// Decodes `data`; returns the text and the number of bytes consumed (the
/// rest is the caller's pending buffer).
fn run_decode(
    vm: &Vm,
    codec: &Codec,
    state: &mut u64,
    data: &[u8],
    errors: &str,
    mode: DecodeMode,
) -> PyResult<(Wtf8Buf, usize)> {
    let mut out = Wtf8Buf::with_capacity(data.len());
    let errs = Errors::of(errors);
    let mut exc = None;
    let mut pos = 0;
    while pos < data.len() {
        let r = (codec.decode)(data, &mut pos, &mut out, state);
        if r == Stop::Done || (r == Stop::TooFew && mode != DecodeMode::Whole) {
            break;
        }
        decode_error(vm, codec, data, &errs, r, &mut pos, &mut out, &mut exc)?;
    }
    if mode == DecodeMode::Final && pos < data.len() {
        decode_error(
            vm,
            codec,
            data,
            &errs,
            Stop::TooFew,
            &mut pos,
            &mut out,
            &mut exc,
        )?;
    }
    Ok((out, pos))
}

#[cold]
#[allow(clippy::too_many_arguments)]
fn decode_error(
    vm: &Vm,
    codec: &Codec,
    data: &[u8],
    errs: &Errors<'_>,
    r: Stop,
    pos: &mut usize,
    out: &mut Wtf8Buf,
    exc: &mut Option<PyRef>,
) -> PyResult<()> {
    let (reason, esize) = reason_size(r, data.len() - *pos);
    match errs {
        Errors::Ignore | Errors::Replace => {
            if let Errors::Replace = errs {
                out.push_code_point(0xFFFD);
            }
            *pos += esize;
            return Ok(());
        }
        _ => {}
    }
    let e = exception(
        vm,
        exc,
        &crate::types::exceptions::UNICODE_DECODE_ERROR,
        || vec![PyStr::new_ref(codec.name), PyBytes::new_ref(data.to_vec())],
        *pos,
        *pos + esize,
        reason,
    )?;
    let Errors::Other(name) = errs else {
        return Err(PyErr::from_instance(e));
    };
    let (rep, newpos) = call_handler(vm, name, &e, data.len(), true)?;
    if let Some(s) = rep.downcast::<PyStr>() {
        out.push_wtf8(s.as_wtf8());
    }
    *pos = newpos;
    Ok(())
}

// ---------------------------------------------------------- the modules

fn codec_arg(o: &PyRef) -> PyResult<&'static Codec> {
    let name = o
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    find_codec(&name).ok_or_else(|| lookup_error("no such codec is supported."))
}

fn str_arg(o: &PyRef) -> PyResult<String> {
    o.downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .ok_or_else(|| type_error("errors must be a string"))
}

fn state_arg(o: &PyRef) -> u64 {
    to_i64(o).unwrap_or(0) as u64
}

fn state_ref(s: u64) -> PyRef {
    crate::types::int::int_from_u64(s)
}

/// `_encode(codec, text, errors, flags, state)` ->
/// `(bytes, consumed, state)`.
fn mb_encode(vm: &Vm, a: Args<'_>) -> PyResult {
    let [c, text, errors, flags, state] = a.exact::<5>("_encode")?;
    let codec = codec_arg(c)?;
    let s = text
        .downcast::<PyStr>()
        .ok_or_else(|| type_error("couldn't convert the object to str."))?;
    let cps: Vec<u32> = s.code_points().collect();
    let mut st = state_arg(state);
    let flags = to_i64(flags).unwrap_or(0);
    let (b, n) = run_encode(vm, codec, &mut st, text, &cps, &str_arg(errors)?, flags)?;
    Ok(PyTuple::new_ref(vec![
        PyBytes::new_ref(b),
        int_from_i64(n as i64),
        state_ref(st),
    ]))
}

/// `_decode(codec, data, errors, mode, state)` -> `(str, consumed, state)`;
/// mode 0: whole input, 1: incremental, 2: incremental and final.
fn mb_decode(vm: &Vm, a: Args<'_>) -> PyResult {
    let [c, data, errors, mode, state] = a.exact::<5>("_decode")?;
    let codec = codec_arg(c)?;
    let data = bytes_like(data)?;
    let mode = match to_i64(mode) {
        Some(1) => DecodeMode::Partial,
        Some(2) => DecodeMode::Final,
        _ => DecodeMode::Whole,
    };
    let mut st = state_arg(state);
    let (s, n) = run_decode(vm, codec, &mut st, &data, &str_arg(errors)?, mode)?;
    Ok(PyTuple::new_ref(vec![
        PyStr::from_wtf8_ref(s),
        int_from_i64(n as i64),
        state_ref(st),
    ]))
}

/// `_encreset(codec, state)` -> `(bytes, state)`: what an incremental
/// encoder's `reset()` would emit (discarded by CPython, kept for ISO-2022).
fn mb_encreset(_vm: &Vm, a: Args<'_>) -> PyResult {
    let [c, state] = a.exact::<2>("_encreset")?;
    let codec = codec_arg(c)?;
    let mut st = state_arg(state);
    let mut out = Vec::new();
    if let Some(reset) = codec.encreset
        && reset(&mut out, &mut st) != Stop::Done
    {
        return Err(crate::error::runtime_error("internal codec error"));
    }
    Ok(PyTuple::new_ref(vec![PyBytes::new_ref(out), state_ref(st)]))
}

/// `_initstate(codec)` -> `(encoder state, decoder state)` of a new
/// encoder / decoder (CPython's `encinit` / `decinit`).
fn mb_initstate(_vm: &Vm, a: Args<'_>) -> PyResult {
    let [c] = a.exact::<1>("_initstate")?;
    let codec = codec_arg(c)?;
    Ok(PyTuple::new_ref(vec![
        state_ref(codec.enc_init),
        state_ref(codec.dec_init),
    ]))
}

/// `_decreset(codec, state)` -> state (CPython's `decreset`).
fn mb_decreset(_vm: &Vm, a: Args<'_>) -> PyResult {
    let [c, state] = a.exact::<2>("_decreset")?;
    let codec = codec_arg(c)?;
    let mut st = state_arg(state);
    if let Some(reset) = codec.decreset {
        reset(&mut st);
    }
    Ok(state_ref(st))
}

static MBC_FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("_initstate", mb_initstate),
    MethodDef::method("_decreset", mb_decreset),
    MethodDef::method("_encode", mb_encode),
    MethodDef::method("_decode", mb_decode),
    MethodDef::method("_encreset", mb_encreset),
];

const PRELUDE: &str = include_str!("multibytecodec_prelude.py");

/// The `_multibytecodec` module.
pub fn make_multibytecodec(vm: &Vm) -> PyResult {
    let m = modutil::new_module("_multibytecodec", "", MBC_FUNCTIONS)?;
    modutil::run_prelude(vm, &m, "<_multibytecodec>", PRELUDE)?;
    Ok(m)
}

/// `getcodec(name)` of a codec module: a `MultibyteCodec` made by
/// `_multibytecodec.__create_codec`, as CPython's modules do.
fn getcodec(vm: &Vm, module: &str, a: Args<'_>) -> PyResult {
    let o = a.one_arg("getcodec")?;
    let name = o
        .downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .ok_or_else(|| {
            type_error(format!(
                "getcodec() argument must be str, not {}",
                o.class().name()
            ))
        })?;
    let Some((_, codecs, missing)) = MODULES.iter().find(|(m, _, _)| *m == module) else {
        return Err(lookup_error("no such codec is supported."));
    };
    if missing.contains(&name.as_str()) {
        return Err(import_error(format!(
            "{module}: codec '{name}' is not implemented in Taipan"
        )));
    }
    if !codecs.iter().any(|c| c.name == name) {
        return Err(lookup_error("no such codec is supported."));
    }
    let mbc = crate::interp::import::import_module(vm, "_multibytecodec")?;
    let entry = crate::protocol::object::get_attr_str(vm, &mbc, "_CodecEntry")?;
    let entry = crate::protocol::call::call_pos(vm, &entry, &[PyStr::new_ref(&name)])?;
    let create = crate::protocol::object::get_attr_str(vm, &mbc, "__create_codec")?;
    crate::protocol::call::call_pos(vm, &create, &[entry])
}

fn getcodec_jp(vm: &Vm, a: Args<'_>) -> PyResult {
    getcodec(vm, "_codecs_jp", a)
}

static JP_FUNCTIONS: &[MethodDef] = &[MethodDef::method("getcodec", getcodec_jp)];

/// The `_codecs_jp` module.
pub fn make_codecs_jp(_vm: &Vm) -> PyResult {
    modutil::new_module("_codecs_jp", "", JP_FUNCTIONS)
}

fn getcodec_kr(vm: &Vm, a: Args<'_>) -> PyResult {
    getcodec(vm, "_codecs_kr", a)
}

static KR_FUNCTIONS: &[MethodDef] = &[MethodDef::method("getcodec", getcodec_kr)];

/// The `_codecs_kr` module.
pub fn make_codecs_kr(_vm: &Vm) -> PyResult {
    modutil::new_module("_codecs_kr", "", KR_FUNCTIONS)
}

fn getcodec_iso2022(vm: &Vm, a: Args<'_>) -> PyResult {
    getcodec(vm, "_codecs_iso2022", a)
}

static ISO2022_FUNCTIONS: &[MethodDef] = &[MethodDef::method("getcodec", getcodec_iso2022)];

/// The `_codecs_iso2022` module.
pub fn make_codecs_iso2022(_vm: &Vm) -> PyResult {
    modutil::new_module("_codecs_iso2022", "", ISO2022_FUNCTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(name: &str, s: &str) -> (Vec<u8>, Stop) {
        let c = find_codec(name).unwrap();
        let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
        let (mut pos, mut out, mut st) = (0, Vec::new(), 0);
        let r = (c.encode)(&cps, &mut pos, &mut out, true, &mut st);
        (out, r)
    }

    fn dec(name: &str, d: &[u8]) -> (String, Stop) {
        let c = find_codec(name).unwrap();
        let (mut pos, mut out, mut st) = (0, Wtf8Buf::new(), 0);
        let r = (c.decode)(d, &mut pos, &mut out, &mut st);
        (out.to_string_lossy(), r)
    }

    #[test]
    fn japanese_basics() {
        assert_eq!(enc("shift_jis", "\u{3053}"), (vec![0x82, 0xB1], Stop::Done));
        assert_eq!(enc("euc_jp", "\u{3053}"), (vec![0xA4, 0xB3], Stop::Done));
        assert_eq!(enc("shift_jis", "\u{2460}").1, Stop::Illegal(1));
        assert_eq!(enc("cp932", "\u{2460}"), (vec![0x87, 0x40], Stop::Done));
        assert_eq!(
            dec("shift_jis", &[0x81, 0x60]),
            ("\u{301C}".into(), Stop::Done)
        );
        assert_eq!(dec("cp932", &[0x81, 0x60]), ("\u{FF5E}".into(), Stop::Done));
        assert_eq!(dec("euc_jp", &[0x8F, 0xA2, 0xB7]), ("~".into(), Stop::Done));
        assert_eq!(dec("shift_jis", &[0x81]).1, Stop::TooFew);
        assert_eq!(dec("shift_jis", &[0x87, 0x40]).1, Stop::Illegal(1));
    }
}
