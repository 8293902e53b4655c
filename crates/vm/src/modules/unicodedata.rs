//! The `unicodedata` module: CPython 3.11's Unicode 14.0.0 character database
//! (`category`, `bidirectional`, `combining`, `east_asian_width`, `mirrored`,
//! `decomposition`, `decimal`/`digit`/`numeric`, `name`/`lookup`,
//! `normalize`/`is_normalized`) and its `ucd_3_2_0` view (an instance of
//! `unicodedata.UCD` answering as Unicode 3.2.0, which IDNA/stringprep use).
//!
//! Design.  The facts live in `unicodedata_tables.rs`, generated from CPython
//! 3.11's own `unicodedata` by `crates/vm/tools/gen_unicodedata.py`, which
//! checks its compressed form against CPython for every code point:
//! - the per-character property record (category, bidi class, combining
//!   class, east-asian width, mirrored) is one of 249 distinct records; the
//!   code space is stored as the start of each run of equal records (~4,700
//!   runs), looked up by binary search;
//! - decompositions are rows of (first code point, run length, tag, mapping),
//!   where a run advances a one-code-point mapping along with the code point;
//! - numeric values are runs of consecutive values with a kind (decimal /
//!   digit / numeric only);
//! - names come from the `unicode_names2` crate (names never change once
//!   assigned), restricted to the code points CPython 3.11 names (`NAMED`),
//!   with named sequences and name aliases for `lookup`;
//! - Unicode 3.2.0 is a delta: the 3.2-assigned ranges and the few
//!   properties that changed since, with CPython's fixed answers for code
//!   points 3.2 did not assign (category 'Cn', bidi '', width 'F', ...).
//!
//! Normalization follows UAX #15: full (canonical or compatibility)
//! decomposition with algorithmic Hangul syllables, canonical ordering by
//! combining class (stable), then for NFC/NFKC canonical composition with
//! the blocking rule; the composition pairs are the two-code-point canonical
//! decompositions minus the exclusions the generator found.  In 3.2 mode,
//! code points 3.2 did not assign are not decomposed and five corrected
//! mappings apply (as CPython does); composition uses the 14.0 pairs.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyResult, key_error, type_error, value_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::descriptors::builtin_function;
use crate::types::float::float_ref;
use crate::types::int::int_from_i64;
use crate::types::module::PyModule;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;
use taipan_common::wtf8::Wtf8Buf;

use super::unicodedata_tables as t;

crate::py_payload! {
    /// A `unicodedata.UCD` object: the database of one Unicode version.
    pub struct PyUcd { v32: bool }
}
pub static UCD_TYPE: StaticType = StaticType::new();
impl PyPayload for PyUcd {
    const GC: bool = false;
    fn class() -> &'static Obj<PyType> {
        UCD_TYPE.get()
    }
}

// ------------------------------------------------------------ table lookups

/// The index of the last row whose start is `<= cp` (rows sorted by start).
fn row_at<T>(rows: &[T], cp: u32, start: impl Fn(&T) -> u32) -> Option<usize> {
    rows.partition_point(|r| start(r) <= cp).checked_sub(1)
}

fn in_ranges(rs: &[(u32, u32)], cp: u32) -> bool {
    row_at(rs, cp, |r| r.0).is_some_and(|i| rs.get(i).is_some_and(|r| cp <= r.1))
}

fn delta<T: Copy>(rows: &[(u32, T)], cp: u32) -> Option<T> {
    rows.binary_search_by_key(&cp, |r| r.0)
        .ok()
        .and_then(|i| rows.get(i))
        .map(|r| r.1)
}

/// (category, bidi, combining, east asian width, mirrored) indexes for `cp`.
fn record(cp: u32) -> (u8, u8, u8, u8, u8) {
    let run = row_at(t::RUN_STARTS, cp, |&s| s).unwrap_or(0);
    let rec = t::RUN_RECORDS.get(run).copied().unwrap_or(0);
    t::RECORDS
        .get(rec as usize)
        .copied()
        .unwrap_or((0, 0, 0, 0, 0))
}

fn assigned_3_2(cp: u32) -> bool {
    in_ranges(t::ASSIGNED_3_2, cp)
}

fn name_of(list: &'static [&'static str], i: u8) -> &'static str {
    list.get(i as usize).copied().unwrap_or("")
}

fn category(cp: u32, v32: bool) -> &'static str {
    if v32 {
        if !assigned_3_2(cp) {
            return "Cn";
        }
        if let Some(c) = delta(t::CATEGORY_3_2, cp) {
            return name_of(t::CATEGORIES, c);
        }
    }
    name_of(t::CATEGORIES, record(cp).0)
}

fn bidirectional(cp: u32, v32: bool) -> &'static str {
    if v32 {
        if !assigned_3_2(cp) {
            return "";
        }
        if let Some(c) = delta(t::BIDI_3_2, cp) {
            return name_of(t::BIDI_NAMES, c);
        }
    }
    name_of(t::BIDI_NAMES, record(cp).1)
}

/// The canonical combining class (14.0 data; normalization uses it in both
/// modes, as CPython does).
pub fn combining_class(cp: u32) -> u8 {
    if cp < 0x300 {
        return 0;
    }
    record(cp).2
}

fn east_asian_width(cp: u32, v32: bool) -> &'static str {
    if v32 {
        if !assigned_3_2(cp) {
            return "F";
        }
        if let Some(c) = delta(t::EAW_3_2, cp) {
            return name_of(t::EAW_NAMES, c);
        }
    }
    name_of(t::EAW_NAMES, record(cp).3)
}

fn mirrored(cp: u32, v32: bool) -> u8 {
    if v32 {
        if !assigned_3_2(cp) {
            return 0;
        }
        if let Some(m) = delta(t::MIRRORED_3_2, cp) {
            return m;
        }
    }
    record(cp).4
}

/// The decomposition mapping of `cp`: its tag index (0 = canonical) and code
/// points, from the table (Hangul syllables are not in it).
fn decomp(cp: u32) -> Option<(u8, Vec<u32>)> {
    if cp < 0xA0 {
        return None;
    }
    let i = row_at(t::DECOMP, cp, |r| r.0)?;
    let &(start, extra, tag, body) = t::DECOMP.get(i)?;
    let off = cp - start;
    if off > extra as u32 {
        return None;
    }
    let mut cps: Vec<u32> = body
        .split(' ')
        .filter_map(|h| u32::from_str_radix(h, 16).ok())
        .collect();
    if off > 0
        && let Some(first) = cps.first_mut()
    {
        *first += off;
    }
    Some((tag, cps))
}

/// (value numerator, denominator, kind) with kind 2 decimal, 1 digit, 0 numeric.
fn numeric_value(cp: u32) -> Option<(i64, u32, u8)> {
    let i = row_at(t::NUMERIC, cp, |r| r.0)?;
    let &(start, end, num, den, kind) = t::NUMERIC.get(i)?;
    (cp <= end).then(|| (num + (cp - start) as i64, den, kind))
}

fn decimal(cp: u32, v32: bool) -> Option<i64> {
    if v32 {
        if !assigned_3_2(cp) {
            return None;
        }
        if let Some(d) = delta(t::DECIMAL_3_2, cp) {
            return (d != 255).then_some(d as i64);
        }
    }
    numeric_value(cp).filter(|v| v.2 == 2).map(|v| v.0)
}

fn digit(cp: u32) -> Option<i64> {
    numeric_value(cp).filter(|v| v.2 >= 1).map(|v| v.0)
}

fn numeric(cp: u32, v32: bool) -> Option<f64> {
    if v32 {
        if !assigned_3_2(cp) {
            return None;
        }
        if let Some(d) = delta(t::DECIMAL_3_2, cp) {
            return (d != 255).then_some(d as f64);
        }
    }
    numeric_value(cp).map(|(n, d, _)| n as f64 / d as f64)
}

fn char_name(cp: u32, v32: bool) -> Option<String> {
    if !in_ranges(t::NAMED, cp) || (v32 && !assigned_3_2(cp)) {
        return None;
    }
    let c = char::from_u32(cp)?;
    unicode_names2::name(c).map(|n| n.to_string())
}

/// `lookup`: a character name, alias or (14.0 only) named sequence.
fn lookup_name(name: &str, v32: bool) -> Option<Wtf8Buf> {
    let mut out = Wtf8Buf::new();
    if let Some(c) = taipan_parser::lookup_char_name(name) {
        let upper = name.to_ascii_uppercase();
        let alias = taipan_parser::is_char_name_alias(&upper);
        let cp = c as u32;
        let ok = if alias {
            !v32
        } else {
            in_ranges(t::NAMED, cp) && (!v32 || assigned_3_2(cp))
        };
        if ok {
            out.push_char(c);
            return Some(out);
        }
        return None;
    }
    if v32 {
        return None;
    }
    let upper = name.to_ascii_uppercase();
    let i = t::NAMED_SEQUENCES
        .binary_search_by(|&(n, _)| n.cmp(upper.as_str()))
        .ok()?;
    out.push_str(t::NAMED_SEQUENCES.get(i)?.1);
    Some(out)
}

// ------------------------------------------------------------ normalization

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Nfc,
    Nfkc,
    Nfd,
    Nfkd,
}

impl Form {
    fn parse(s: &str) -> Option<Form> {
        Some(match s {
            "NFC" => Form::Nfc,
            "NFKC" => Form::Nfkc,
            "NFD" => Form::Nfd,
            "NFKD" => Form::Nfkd,
            _ => return None,
        })
    }
    fn compat(self) -> bool {
        matches!(self, Form::Nfkc | Form::Nfkd)
    }
    fn composes(self) -> bool {
        matches!(self, Form::Nfc | Form::Nfkc)
    }
}

/// Appends the full decomposition of `cp` to `out`.
fn decompose_into(cp: u32, compat: bool, v32: bool, out: &mut Vec<u32>) {
    let mut stack = vec![cp];
    while let Some(c) = stack.pop() {
        if (S_BASE..S_BASE + S_COUNT).contains(&c) {
            let s = c - S_BASE;
            out.push(L_BASE + s / N_COUNT);
            out.push(V_BASE + (s % N_COUNT) / T_COUNT);
            if s % T_COUNT != 0 {
                out.push(T_BASE + s % T_COUNT);
            }
            continue;
        }
        if v32 {
            if !assigned_3_2(c) {
                out.push(c);
                continue;
            }
            if let Some(fixed) = delta(t::NORMALIZATION_3_2, c) {
                stack.push(fixed);
                continue;
            }
        }
        match decomp(c) {
            Some((tag, cps)) if tag == 0 || compat => stack.extend(cps.iter().rev()),
            _ => out.push(c),
        }
    }
}

/// Canonical ordering: a stable sort of each run of non-starters by class.
fn canonical_order(v: &mut [u32]) {
    let mut i = 0;
    while i < v.len() {
        if combining_class(v[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < v.len() && combining_class(v[i]) != 0 {
            i += 1;
        }
        if let Some(run) = v.get_mut(start..i) {
            run.sort_by_key(|&c| combining_class(c));
        }
    }
}

fn composition_pairs() -> &'static HashMap<(u32, u32), u32> {
    static PAIRS: OnceLock<HashMap<(u32, u32), u32>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut m = HashMap::new();
        for &(start, extra, tag, body) in t::DECOMP {
            if tag != 0 || extra != 0 || t::COMPOSITION_EXCLUSIONS.binary_search(&start).is_ok() {
                continue;
            }
            let cps: Vec<u32> = body
                .split(' ')
                .filter_map(|h| u32::from_str_radix(h, 16).ok())
                .collect();
            if let [a, b] = cps[..] {
                m.insert((a, b), start);
            }
        }
        m
    })
}

fn compose_pair(a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE) % T_COUNT == 0
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return Some(a + (b - T_BASE));
    }
    composition_pairs().get(&(a, b)).copied()
}

/// Canonical composition of a canonically ordered, decomposed sequence.
fn compose(v: Vec<u32>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(v.len());
    let mut starter: Option<usize> = None;
    let mut last_cc: u8 = 0;
    for c in v {
        let cc = combining_class(c);
        if let Some(si) = starter {
            let adjacent = out.len() == si + 1;
            if (adjacent || (last_cc != 0 && last_cc < cc))
                && let Some(&s) = out.get(si)
                && let Some(comp) = compose_pair(s, c)
            {
                if let Some(slot) = out.get_mut(si) {
                    *slot = comp;
                }
                continue;
            }
        }
        if cc == 0 {
            starter = Some(out.len());
        }
        last_cc = cc;
        out.push(c);
    }
    out
}

fn normalize_cps(form: Form, input: impl Iterator<Item = u32>, v32: bool) -> Vec<u32> {
    let mut v = Vec::new();
    for cp in input {
        decompose_into(cp, form.compat(), v32, &mut v);
    }
    canonical_order(&mut v);
    if form.composes() { compose(v) } else { v }
}

/// `unicodedata.normalize(form, s)` on code points (also used by other
/// modules that need NFKC, e.g. identifiers).
pub fn normalize_str(form: &str, s: &PyStr, v32: bool) -> Option<Wtf8Buf> {
    let f = Form::parse(form)?;
    let mut out = Wtf8Buf::new();
    for cp in normalize_cps(f, s.code_points(), v32) {
        out.push_code_point(cp);
    }
    Some(out)
}

// ------------------------------------------------------------ arguments

fn char_arg(o: &PyRef, fname: &str, argnum: bool) -> PyResult<u32> {
    let what = if argnum { "argument 1" } else { "argument" };
    if let Some(s) = o.downcast::<PyStr>()
        && s.char_len() == 1
        && let Some(cp) = s.code_points().next()
    {
        return Ok(cp);
    }
    Err(type_error(format!(
        "{fname}() {what} must be a unicode character, not {}",
        crate::error::type_name(o)
    )))
}

fn str_arg<'a>(o: &'a PyRef, fname: &str, n: usize) -> PyResult<&'a PyStr> {
    o.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "{fname}() argument {n} must be str, not {}",
            crate::error::type_name(o)
        ))
    })
}

/// Splits off `self` for UCD methods: (v32, remaining args, qualified name).
fn split_self<'a>(a: &Args<'a>, method: bool, name: &str) -> PyResult<(bool, Args<'a>, String)> {
    if method {
        let s = a
            .args
            .first()
            .ok_or_else(|| type_error(format!("descriptor '{name}' needs an argument")))?;
        let v32 = s
            .downcast::<PyUcd>()
            .ok_or_else(|| {
                type_error(format!(
                    "descriptor '{name}' for 'unicodedata.UCD' objects doesn't apply to a '{}' object",
                    crate::error::type_name(s)
                ))
            })?
            .v32;
        Ok((v32, a.shift(), format!("UCD.{name}")))
    } else {
        Ok((
            false,
            Args::new(a.args, a.kwnames),
            format!("unicodedata.{name}"),
        ))
    }
}

// ------------------------------------------------------------ the functions

fn one_char_fn(a: Args<'_>, method: bool, name: &str, f: impl Fn(u32, bool) -> PyRef) -> PyResult {
    let (v32, a, qual) = split_self(&a, method, name)?;
    let c = a.one_arg(&qual)?;
    Ok(f(char_arg(c, name, false)?, v32))
}

fn do_category(a: Args<'_>, m: bool) -> PyResult {
    one_char_fn(a, m, "category", |c, v| PyStr::intern(category(c, v)))
}
fn do_bidirectional(a: Args<'_>, m: bool) -> PyResult {
    one_char_fn(a, m, "bidirectional", |c, v| {
        PyStr::intern(bidirectional(c, v))
    })
}
fn do_combining(a: Args<'_>, m: bool) -> PyResult {
    one_char_fn(a, m, "combining", |c, v| {
        int_from_i64(if v && !assigned_3_2(c) {
            0
        } else {
            combining_class(c) as i64
        })
    })
}
fn do_east_asian_width(a: Args<'_>, m: bool) -> PyResult {
    one_char_fn(a, m, "east_asian_width", |c, v| {
        PyStr::intern(east_asian_width(c, v))
    })
}
fn do_mirrored(a: Args<'_>, m: bool) -> PyResult {
    one_char_fn(a, m, "mirrored", |c, v| int_from_i64(mirrored(c, v) as i64))
}
fn do_decomposition(a: Args<'_>, m: bool) -> PyResult {
    one_char_fn(a, m, "decomposition", |c, v| {
        if v && !assigned_3_2(c) {
            return PyStr::new_ref("");
        }
        let Some((tag, cps)) = decomp(c) else {
            return PyStr::new_ref("");
        };
        let mut s = String::new();
        if tag != 0 {
            s.push_str(name_of(t::DECOMP_TAGS, tag));
        }
        for cp in cps {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&format!("{cp:04X}"));
        }
        PyStr::new_ref(&s)
    })
}

/// decimal / digit / numeric / name: `(chr[, default])`.
fn with_default(
    a: Args<'_>,
    m: bool,
    name: &str,
    err: &str,
    f: impl Fn(u32, bool) -> Option<PyRef>,
) -> PyResult {
    let (v32, a, _) = split_self(&a, m, name)?;
    let args = a.range(name, 1, 2)?;
    let c = char_arg(&args[0], name, true)?;
    match f(c, v32) {
        Some(r) => Ok(r),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(value_error(err.to_string())),
        },
    }
}

fn do_decimal(a: Args<'_>, m: bool) -> PyResult {
    with_default(a, m, "decimal", "not a decimal", |c, v| {
        decimal(c, v).map(int_from_i64)
    })
}
fn do_digit(a: Args<'_>, m: bool) -> PyResult {
    with_default(a, m, "digit", "not a digit", |c, _| {
        digit(c).map(int_from_i64)
    })
}
fn do_numeric(a: Args<'_>, m: bool) -> PyResult {
    with_default(a, m, "numeric", "not a numeric character", |c, v| {
        numeric(c, v).map(float_ref)
    })
}
fn do_name(a: Args<'_>, m: bool) -> PyResult {
    with_default(a, m, "name", "no such name", |c, v| {
        char_name(c, v).map(|n| PyStr::new_ref(&n))
    })
}

fn do_lookup(a: Args<'_>, m: bool) -> PyResult {
    let (v32, a, qual) = split_self(&a, m, "lookup")?;
    let arg = a.one_arg(&qual)?;
    let name: String = if let Some(s) = arg.downcast::<PyStr>() {
        s.to_string_lossy()
    } else if let Some(b) = crate::types::bytes::bytes_data(arg) {
        String::from_utf8_lossy(&b).into_owned()
    } else {
        return Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            crate::error::type_name(arg)
        )));
    };
    if name.len() > 256 {
        return Err(key_error(PyStr::new_ref("name too long")));
    }
    match lookup_name(&name, v32) {
        Some(s) => Ok(PyStr::from_wtf8_ref(s)),
        None => Err(key_error(PyStr::new_ref(&format!(
            "undefined character name '{name}'"
        )))),
    }
}

fn norm_args<'a>(a: &Args<'a>, m: bool, name: &str) -> PyResult<(bool, Form, &'a PyRef)> {
    let (v32, a, _) = split_self(a, m, name)?;
    let [form, s] = a.exact::<2>(name)?;
    let form = str_arg(form, name, 1)?;
    str_arg(s, name, 2)?;
    let f = form
        .as_str()
        .and_then(Form::parse)
        .ok_or_else(|| value_error("invalid normalization form"))?;
    Ok((v32, f, s))
}

fn normalized(f: Form, s: &PyStr, v32: bool) -> Option<Wtf8Buf> {
    // Fast path: ASCII is invariant under every form.
    if s.is_ascii() {
        return None;
    }
    let mut out = Wtf8Buf::new();
    let cps = normalize_cps(f, s.code_points(), v32);
    if cps.iter().copied().eq(s.code_points()) {
        return None;
    }
    for cp in cps {
        out.push_code_point(cp);
    }
    Some(out)
}

fn do_normalize(a: Args<'_>, m: bool) -> PyResult {
    let (v32, f, s) = norm_args(&a, m, "normalize")?;
    let ps = s.downcast::<PyStr>().ok_or_else(|| type_error("str"))?;
    Ok(match normalized(f, ps, v32) {
        Some(w) => PyStr::from_wtf8_ref(w),
        None => s.clone(),
    })
}

fn do_is_normalized(a: Args<'_>, m: bool) -> PyResult {
    let (v32, f, s) = norm_args(&a, m, "is_normalized")?;
    let ps = s.downcast::<PyStr>().ok_or_else(|| type_error("str"))?;
    Ok(py_bool(normalized(f, ps, v32).is_none()))
}

macro_rules! both {
    ($($f:ident => $m:ident, $u:ident;)*) => {
        $(
            fn $m(_: &Vm, a: Args<'_>) -> PyResult { $f(a, false) }
            fn $u(_: &Vm, a: Args<'_>) -> PyResult { $f(a, true) }
        )*
    };
}
both! {
    do_category => m_category, u_category;
    do_bidirectional => m_bidirectional, u_bidirectional;
    do_combining => m_combining, u_combining;
    do_east_asian_width => m_east_asian_width, u_east_asian_width;
    do_mirrored => m_mirrored, u_mirrored;
    do_decomposition => m_decomposition, u_decomposition;
    do_decimal => m_decimal, u_decimal;
    do_digit => m_digit, u_digit;
    do_numeric => m_numeric, u_numeric;
    do_name => m_name, u_name;
    do_lookup => m_lookup, u_lookup;
    do_normalize => m_normalize, u_normalize;
    do_is_normalized => m_is_normalized, u_is_normalized;
}

const DOC_CATEGORY: &str = "Returns the general category assigned to the character chr as string.";
const DOC_BIDI: &str = "Returns the bidirectional class assigned to the character chr as string.\n\nIf no such value is defined, an empty string is returned.";
const DOC_COMBINING: &str = "Returns the canonical combining class assigned to the character chr as integer.\n\nReturns 0 if no combining class is defined.";
const DOC_EAW: &str = "Returns the east asian width assigned to the character chr as string.";
const DOC_MIRRORED: &str = "Returns the mirrored property assigned to the character chr as integer.\n\nReturns 1 if the character has been identified as a \"mirrored\"\ncharacter in bidirectional text, 0 otherwise.";
const DOC_DECOMP: &str = "Returns the character decomposition mapping assigned to the character chr as string.\n\nAn empty string is returned in case no such mapping is defined.";
const DOC_DECIMAL: &str = "Converts a Unicode character into its equivalent decimal value.\n\nReturns the decimal value assigned to the character chr as integer.\nIf no such value is defined, default is returned, or, if not given,\nValueError is raised.";
const DOC_DIGIT: &str = "Converts a Unicode character into its equivalent digit value.\n\nReturns the digit value assigned to the character chr as integer.\nIf no such value is defined, default is returned, or, if not given,\nValueError is raised.";
const DOC_NUMERIC: &str = "Converts a Unicode character into its equivalent numeric value.\n\nReturns the numeric value assigned to the character chr as float.\nIf no such value is defined, default is returned, or, if not given,\nValueError is raised.";
const DOC_NAME: &str = "Returns the name assigned to the character chr as a string.\n\nIf no name is defined, default is returned, or, if not given,\nValueError is raised.";
const DOC_LOOKUP: &str = "Look up character by name.\n\nIf a character with the given name is found, return the\ncorresponding character.  If not found, KeyError is raised.";
const DOC_NORMALIZE: &str = "Return the normal form 'form' for the Unicode string unistr.\n\nValid values for form are 'NFC', 'NFKC', 'NFD', and 'NFKD'.";
const DOC_IS_NORMALIZED: &str = "Return whether the Unicode string unistr is in the normal form 'form'.\n\nValid values for form are 'NFC', 'NFKC', 'NFD', and 'NFKD'.";

/// The table of (name, module function, UCD method, doc).
type Fnp = fn(&Vm, Args<'_>) -> PyResult;
static FUNCS: &[(&str, Fnp, Fnp, &str)] = &[
    ("decimal", m_decimal, u_decimal, DOC_DECIMAL),
    ("digit", m_digit, u_digit, DOC_DIGIT),
    ("numeric", m_numeric, u_numeric, DOC_NUMERIC),
    ("category", m_category, u_category, DOC_CATEGORY),
    ("bidirectional", m_bidirectional, u_bidirectional, DOC_BIDI),
    ("combining", m_combining, u_combining, DOC_COMBINING),
    ("mirrored", m_mirrored, u_mirrored, DOC_MIRRORED),
    (
        "east_asian_width",
        m_east_asian_width,
        u_east_asian_width,
        DOC_EAW,
    ),
    (
        "decomposition",
        m_decomposition,
        u_decomposition,
        DOC_DECOMP,
    ),
    (
        "is_normalized",
        m_is_normalized,
        u_is_normalized,
        DOC_IS_NORMALIZED,
    ),
    ("normalize", m_normalize, u_normalize, DOC_NORMALIZE),
    ("name", m_name, u_name, DOC_NAME),
    ("lookup", m_lookup, u_lookup, DOC_LOOKUP),
];

static MODULE_FUNCS: OnceLock<Vec<MethodDef>> = OnceLock::new();
static UCD_METHODS: OnceLock<Vec<MethodDef>> = OnceLock::new();

fn module_funcs() -> &'static [MethodDef] {
    MODULE_FUNCS.get_or_init(|| {
        FUNCS
            .iter()
            .map(|&(n, f, _, d)| MethodDef::method(n, f).with_doc(d))
            .collect()
    })
}

fn ucd_methods() -> &'static [MethodDef] {
    UCD_METHODS.get_or_init(|| {
        FUNCS
            .iter()
            .map(|&(n, _, u, d)| MethodDef::method(n, u).with_doc(d))
            .collect()
    })
}

fn g_unidata_version(_: &Vm, o: &PyRef) -> PyResult {
    let v32 = o.downcast::<PyUcd>().is_some_and(|u| u.v32);
    Ok(PyStr::new_ref(if v32 { "3.2.0" } else { "14.0.0" }))
}

static GETSETS: &[GetSetDef] = &[GetSetDef::new("unidata_version", g_unidata_version)];

fn ucd_new(_: &Vm, _: &PyRef, _: Args<'_>) -> PyResult {
    Err(type_error("cannot create 'unicodedata.UCD' instances"))
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    vec![(
        &UCD_TYPE,
        TypeSpec {
            slots: Slots {
                new: Some(ucd_new),
                ..Slots::EMPTY
            },
            methods: ucd_methods(),
            getsets: GETSETS,
            doc: None,
            ..TypeSpec::new("unicodedata.UCD", Layout::of::<PyUcd>())
        },
    )]
}

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref(
        "unicodedata",
        Some(
            "This module provides access to the Unicode Character Database which\n\
             defines character properties for all Unicode characters. The data in\n\
             this database is based on the UnicodeData.txt file version\n\
             14.0.0 which is publicly available from ftp://ftp.unicode.org/.\n\n\
             The module uses the same names and symbols as defined by the\n\
             UnicodeData File Format 14.0.0.",
        ),
    );
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    for f in module_funcs() {
        md.set_attr(f.name, builtin_function(f, Some(m.clone())));
    }
    md.set_attr("unidata_version", PyStr::new_ref("14.0.0"));
    md.set_attr("UCD", UCD_TYPE.to_ref());
    md.set_attr("ucd_3_2_0", crate::object::alloc(PyUcd { v32: true }));
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_decompositions() {
        assert_eq!(category('A' as u32, false), "Lu");
        assert_eq!(category(0x1F600, true), "Cn");
        assert_eq!(bidirectional('(' as u32, false), "ON");
        assert_eq!(mirrored('(' as u32, false), 1);
        assert_eq!(combining_class(0x301), 230);
        assert_eq!(decomp(0xC0), Some((0, vec![0x41, 0x300])));
        assert_eq!(
            decomp(0xFF21),
            Some((decomp(0xFF21).map_or(0, |d| d.0), vec![0x41]))
        );
        assert_eq!(numeric(0x2155, false), Some(0.2));
        assert_eq!(decimal('7' as u32, false), Some(7));
        assert_eq!(digit(0xB2), Some(2));
        assert_eq!(decimal(0xB2, false), None);
    }

    #[test]
    fn normalization_forms() {
        let nfc = |v: &[u32]| normalize_cps(Form::Nfc, v.iter().copied(), false);
        let nfd = |v: &[u32]| normalize_cps(Form::Nfd, v.iter().copied(), false);
        assert_eq!(nfd(&[0xC5]), vec![0x41, 0x30A]);
        assert_eq!(nfc(&[0x41, 0x30A]), vec![0xC5]);
        assert_eq!(nfc(&[0x1100, 0x1161, 0x11A8]), vec![0xAC01]);
        assert_eq!(nfd(&[0xAC01]), vec![0x1100, 0x1161, 0x11A8]);
        // Canonical ordering: dot below (220) before acute (230).
        assert_eq!(nfd(&[0x61, 0x301, 0x323]), vec![0x61, 0x323, 0x301]);
        assert_eq!(nfc(&[0x212B]), vec![0xC5]);
        let nfkc = normalize_cps(Form::Nfkc, [0xFB01].into_iter(), false);
        assert_eq!(nfkc, vec![0x66, 0x69]);
    }
}
