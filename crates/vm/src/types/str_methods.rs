//! The methods of `str` (everything that is not a slot).
//!
//! Design.  Text is WTF-8; most methods either work on the bytes directly
//! (searching, splitting on a separator, replacing: UTF-8 is
//! self-synchronising, so a byte match of a whole encoded string is a
//! character match) or on a `Vec<u32>` of code points when they need
//! positions or per-character properties.  All-ASCII strings take byte
//! fast paths.  Character classes and the full case mappings (special
//! casing such as `'ß'.upper() == 'SS'`, titlecase digraphs, the final-sigma
//! rule of `lower()`) come from `unicode_data.rs`, generated from CPython
//! 3.11's own Unicode 14 database, so predicates and mappings agree with it
//! exactly.  Positions given by the user (`start`, `end`) are code point
//! indices, clamped with CPython's `ADJUST_INDICES` rules.

use taipan_common::Wtf8Buf;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bool_::py_bool;
use crate::types::bytes_methods::{
    adjust_indices, find_sub, rfind_sub, rsplit_ws_ranges, split_ws_ranges,
};
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::none::is_none;
use crate::types::str::{PyStr, expect_str};
use crate::types::tuple::PyTuple;
use crate::types::unicode_data as ud;
use crate::value::PyRef;
use crate::vm::Vm;

// ------------------------------------------------------------ Unicode data

#[inline]
fn in_ranges(t: &[(u32, u32)], c: u32) -> bool {
    t.binary_search_by(|&(a, b)| {
        if b < c {
            std::cmp::Ordering::Less
        } else if a > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

fn lookup_map(t: &'static [(u32, [u32; 3])], c: u32) -> Option<&'static [u32]> {
    let i = t.binary_search_by_key(&c, |e| e.0).ok()?;
    let m = &t[i].1;
    let n = m.iter().position(|&x| x == 0).unwrap_or(3);
    Some(&m[..n])
}

/// Character classes (CPython 3.11 / Unicode 14).
pub fn is_alpha(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_alphabetic()
    } else {
        in_ranges(ud::ALPHA, c)
    }
}
pub fn is_decimal(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_digit()
    } else {
        in_ranges(ud::DECIMAL, c)
    }
}
pub fn is_digit(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_digit()
    } else {
        in_ranges(ud::DIGIT, c)
    }
}
pub fn is_numeric(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_digit()
    } else {
        in_ranges(ud::NUMERIC, c)
    }
}
pub fn is_space(c: u32) -> bool {
    if c < 128 {
        matches!(c, 0x09..=0x0D | 0x1C..=0x20)
    } else {
        in_ranges(ud::SPACE, c)
    }
}
pub fn is_printable(c: u32) -> bool {
    if c < 128 {
        (0x20..0x7F).contains(&c)
    } else {
        in_ranges(ud::PRINTABLE, c)
    }
}
pub fn is_lower(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_lowercase()
    } else {
        in_ranges(ud::LOWER, c)
    }
}
pub fn is_upper(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_uppercase()
    } else {
        in_ranges(ud::UPPER, c)
    }
}
pub fn is_title(c: u32) -> bool {
    c >= 128 && in_ranges(ud::TITLE, c)
}
pub fn is_cased(c: u32) -> bool {
    is_lower(c) || is_upper(c) || is_title(c)
}
pub fn is_case_ignorable(c: u32) -> bool {
    in_ranges(ud::CASE_IGNORABLE, c)
}
pub fn is_xid_start(c: u32) -> bool {
    in_ranges(ud::XID_START, c)
}
pub fn is_xid_continue(c: u32) -> bool {
    in_ranges(ud::XID_CONTINUE, c)
}
/// Line boundaries of `str.splitlines`.
pub fn is_linebreak(c: u32) -> bool {
    matches!(c, 0x0A..=0x0D | 0x1C..=0x1E | 0x85 | 0x2028 | 0x2029)
}

/// The decimal value of a Unicode decimal digit (category Nd).
pub fn unicode_decimal(cp: u32) -> Option<u8> {
    if (0x30..=0x39).contains(&cp) {
        return Some((cp - 0x30) as u8);
    }
    ud::DECIMAL_VALUE
        .binary_search_by_key(&cp, |e| e.0)
        .ok()
        .map(|i| ud::DECIMAL_VALUE[i].1)
}

/// Python's `str.isspace()` for one character.
pub fn is_py_space(c: char) -> bool {
    is_space(c as u32)
}

fn push_lower(out: &mut Vec<u32>, c: u32) {
    match lookup_map(ud::LOWER_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}
fn push_upper(out: &mut Vec<u32>, c: u32) {
    match lookup_map(ud::UPPER_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}
fn push_title(out: &mut Vec<u32>, c: u32) {
    match lookup_map(ud::TITLE_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => push_upper(out, c),
    }
}
fn push_fold(out: &mut Vec<u32>, c: u32) {
    match lookup_map(ud::FOLD_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => push_lower(out, c),
    }
}

/// Is the capital sigma at `i` word-final (Unicode's Final_Sigma)?
fn final_sigma(cps: &[u32], i: usize) -> bool {
    let mut j = i;
    let mut before = false;
    while j > 0 {
        j -= 1;
        let c = cps[j];
        if !is_case_ignorable(c) {
            before = is_cased(c);
            break;
        }
    }
    if !before {
        return false;
    }
    let mut k = i + 1;
    while k < cps.len() {
        let c = cps[k];
        if !is_case_ignorable(c) {
            return !is_cased(c);
        }
        k += 1;
    }
    true
}

/// Lowercases `cps[i]` into `out`, applying the final-sigma rule.
fn lower_at(out: &mut Vec<u32>, cps: &[u32], i: usize) {
    let c = cps[i];
    if c == 0x3A3 {
        out.push(if final_sigma(cps, i) { 0x3C2 } else { 0x3C3 });
    } else {
        push_lower(out, c);
    }
}

// ------------------------------------------------------------ plumbing

fn this<'a>(a: &Args<'a>, name: &str) -> PyResult<&'a PyStr> {
    let s = a.args.first().ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' of 'str' object needs an argument"
        ))
    })?;
    expect_str(s, "descriptor")
}

fn from_cps(cps: &[u32]) -> PyRef {
    let mut w = Wtf8Buf::with_capacity(cps.len());
    for &c in cps {
        w.push_code_point(c);
    }
    PyStr::from_wtf8_ref(w)
}

fn from_bytes(b: &[u8]) -> PyRef {
    PyStr::from_wtf8_ref(Wtf8Buf::from_bytes_unchecked(b.to_vec()))
}

/// Code point index of byte offset `off` in `s`.
fn cp_index(s: &PyStr, off: usize) -> i64 {
    if s.is_ascii() {
        return off as i64;
    }
    s.as_bytes()[..off]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count() as i64
}

/// `str` method argument that must be a str (`what` names it in the error).
fn str_arg<'a>(o: &'a PyRef, what: &str) -> PyResult<&'a PyStr> {
    o.downcast::<PyStr>()
        .ok_or_else(|| type_error(format!("{what} must be str, not {}", o.class().name())))
}

fn ssize(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    crate::types::int::as_ssize(vm, o)
}

/// Old-style argument count check: `find() takes at least 1 argument (0 given)`.
fn arg_count<'a>(a: &Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [PyRef]> {
    a.shift().old_style_count("str", name, min, max)
}

// ------------------------------------------------------------ case mapping

fn case_method(
    a: Args<'_>,
    name: &str,
    ascii: fn(&[u8]) -> Vec<u8>,
    full: fn(&[u32]) -> Vec<u32>,
) -> PyResult {
    let s = this(&a, name)?;
    a.shift().no_args(&format!("str.{name}"))?;
    if s.is_ascii() {
        return Ok(from_bytes(&ascii(s.as_bytes())));
    }
    let cps: Vec<u32> = s.code_points().collect();
    Ok(from_cps(&full(&cps)))
}

fn full_lower(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for i in 0..cps.len() {
        lower_at(&mut out, cps, i);
    }
    out
}
fn full_upper(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        push_upper(&mut out, c);
    }
    out
}
fn full_fold(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        push_fold(&mut out, c);
    }
    out
}
fn full_swapcase(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for (i, &c) in cps.iter().enumerate() {
        if is_upper(c) {
            lower_at(&mut out, cps, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}
fn full_capitalize(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for (i, &c) in cps.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            lower_at(&mut out, cps, i);
        }
    }
    out
}
fn full_title(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    let mut prev_cased = false;
    for (i, &c) in cps.iter().enumerate() {
        if prev_cased {
            lower_at(&mut out, cps, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}

fn ascii_title(d: &[u8]) -> Vec<u8> {
    let mut prev = false;
    d.iter()
        .map(|&c| {
            let r = if prev {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev = c.is_ascii_alphabetic();
            r
        })
        .collect()
}

fn m_upper(_: &Vm, a: Args<'_>) -> PyResult {
    case_method(a, "upper", |d| d.to_ascii_uppercase(), full_upper)
}
fn m_lower(_: &Vm, a: Args<'_>) -> PyResult {
    case_method(a, "lower", |d| d.to_ascii_lowercase(), full_lower)
}
fn m_casefold(_: &Vm, a: Args<'_>) -> PyResult {
    case_method(a, "casefold", |d| d.to_ascii_lowercase(), full_fold)
}
fn m_swapcase(_: &Vm, a: Args<'_>) -> PyResult {
    case_method(
        a,
        "swapcase",
        |d| {
            d.iter()
                .map(|&c| {
                    if c.is_ascii_uppercase() {
                        c.to_ascii_lowercase()
                    } else {
                        c.to_ascii_uppercase()
                    }
                })
                .collect()
        },
        full_swapcase,
    )
}
fn m_capitalize(_: &Vm, a: Args<'_>) -> PyResult {
    case_method(
        a,
        "capitalize",
        |d| {
            d.iter()
                .enumerate()
                .map(|(i, &c)| {
                    if i == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect()
        },
        full_capitalize,
    )
}
fn m_title(_: &Vm, a: Args<'_>) -> PyResult {
    case_method(a, "title", ascii_title, full_title)
}

// ------------------------------------------------------------ predicates

fn pred(a: Args<'_>, name: &str, empty: bool, f: fn(u32) -> bool) -> PyResult {
    let s = this(&a, name)?;
    a.shift().no_args(&format!("str.{name}"))?;
    if s.char_len() == 0 {
        return Ok(py_bool(empty));
    }
    if s.is_ascii() {
        return Ok(py_bool(s.as_bytes().iter().all(|&b| f(b as u32))));
    }
    Ok(py_bool(s.code_points().all(f)))
}

fn m_isdigit(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isdigit", false, is_digit)
}
fn m_isdecimal(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isdecimal", false, is_decimal)
}
fn m_isnumeric(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isnumeric", false, is_numeric)
}
fn m_isalpha(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isalpha", false, is_alpha)
}
fn m_isalnum(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isalnum", false, |c| {
        is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
    })
}
fn m_isspace(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isspace", false, is_space)
}
fn m_isascii(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isascii", true, |c| c < 128)
}
fn m_isprintable(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isprintable", true, is_printable)
}
fn m_isupper(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "isupper")?;
    a.shift().no_args("str.isupper")?;
    let mut cased = false;
    for c in s.code_points() {
        if is_lower(c) || is_title(c) {
            return Ok(py_bool(false));
        }
        cased |= is_upper(c);
    }
    Ok(py_bool(cased))
}
fn m_islower(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "islower")?;
    a.shift().no_args("str.islower")?;
    let mut cased = false;
    for c in s.code_points() {
        if is_upper(c) || is_title(c) {
            return Ok(py_bool(false));
        }
        cased |= is_lower(c);
    }
    Ok(py_bool(cased))
}
fn m_istitle(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "istitle")?;
    a.shift().no_args("str.istitle")?;
    let mut prev_cased = false;
    let mut any = false;
    for c in s.code_points() {
        if is_upper(c) || is_title(c) {
            if prev_cased {
                return Ok(py_bool(false));
            }
            prev_cased = true;
            any = true;
        } else if is_lower(c) {
            if !prev_cased {
                return Ok(py_bool(false));
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(py_bool(any))
}
fn m_isidentifier(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "isidentifier")?;
    a.shift().no_args("str.isidentifier")?;
    Ok(py_bool(is_identifier(s)))
}

/// `str.isidentifier()`.
pub fn is_identifier(s: &PyStr) -> bool {
    let mut it = s.code_points();
    match it.next() {
        Some(c) if c == '_' as u32 || is_xid_start(c) => it.all(is_xid_continue),
        _ => false,
    }
}

// ------------------------------------------------------------ strip / split

fn strip_impl(a: Args<'_>, name: &str, left: bool, right: bool) -> PyResult {
    let s = this(&a, name)?;
    let rest = a.shift().range(name, 0, 1)?;
    let chars: Option<Vec<u32>> = match rest.first() {
        None => None,
        Some(x) if is_none(x) => None,
        Some(x) => Some(
            x.downcast::<PyStr>()
                .ok_or_else(|| type_error(format!("{name} arg must be None or str")))?
                .code_points()
                .collect(),
        ),
    };
    let strip = |c: u32| match &chars {
        None => is_space(c),
        Some(cs) => cs.contains(&c),
    };
    if s.is_ascii() && chars.as_ref().is_none_or(|cs| cs.iter().all(|&c| c < 128)) {
        // Byte fast path.
        let d = s.as_bytes();
        let mut lo = 0;
        let mut hi = d.len();
        if left {
            while lo < hi && strip(d[lo] as u32) {
                lo += 1;
            }
        }
        if right {
            while hi > lo && strip(d[hi - 1] as u32) {
                hi -= 1;
            }
        }
        if lo == 0 && hi == d.len() && a.args[0].is_exact::<PyStr>() {
            return Ok(a.args[0].clone());
        }
        return Ok(from_bytes(&d[lo..hi]));
    }
    let cps: Vec<u32> = s.code_points().collect();
    let mut lo = 0;
    let mut hi = cps.len();
    if left {
        while lo < hi && strip(cps[lo]) {
            lo += 1;
        }
    }
    if right {
        while hi > lo && strip(cps[hi - 1]) {
            hi -= 1;
        }
    }
    if lo == 0 && hi == cps.len() && a.args[0].is_exact::<PyStr>() {
        return Ok(a.args[0].clone());
    }
    Ok(PyStr::from_wtf8_ref(s.substring(lo, hi)))
}
fn m_strip(_: &Vm, a: Args<'_>) -> PyResult {
    strip_impl(a, "strip", true, true)
}
fn m_lstrip(_: &Vm, a: Args<'_>) -> PyResult {
    strip_impl(a, "lstrip", true, false)
}
fn m_rstrip(_: &Vm, a: Args<'_>) -> PyResult {
    strip_impl(a, "rstrip", false, true)
}

fn split_impl(vm: &Vm, a: Args<'_>, name: &str, right: bool) -> PyResult {
    let s = this(&a, name)?;
    let [sep, maxsplit] = a.shift().bind(name, ["sep", "maxsplit"], 0, 0)?;
    let maxsplit = match maxsplit {
        Some(m) => ssize(vm, &m)?,
        None => -1,
    };
    match sep.filter(|x| !is_none(x)) {
        None if s.is_ascii() => {
            let d = s.as_bytes();
            let sp = |i: usize| is_space(d[i] as u32);
            let r = if right {
                rsplit_ws_ranges(d.len(), sp, maxsplit)
            } else {
                split_ws_ranges(d.len(), sp, maxsplit)
            };
            Ok(PyList::new_ref(
                r.into_iter().map(|(x, y)| from_bytes(&d[x..y])).collect(),
            ))
        }
        None => {
            let cps: Vec<u32> = s.code_points().collect();
            let sp = |i: usize| is_space(cps[i]);
            let r = if right {
                rsplit_ws_ranges(cps.len(), sp, maxsplit)
            } else {
                split_ws_ranges(cps.len(), sp, maxsplit)
            };
            Ok(PyList::new_ref(
                r.into_iter().map(|(x, y)| from_cps(&cps[x..y])).collect(),
            ))
        }
        Some(sep) => {
            let sep = str_arg(&sep, "must be str or None, not").map_err(|_| {
                type_error(format!("must be str or None, not {}", sep.class().name()))
            })?;
            if sep.char_len() == 0 {
                return Err(value_error("empty separator"));
            }
            let d = s.as_bytes();
            let parts = if right {
                crate::types::bytes_methods::rsplit_sep(d, sep.as_bytes(), maxsplit)
            } else {
                crate::types::bytes_methods::split_sep(d, sep.as_bytes(), maxsplit)
            };
            Ok(PyList::new_ref(parts.into_iter().map(from_bytes).collect()))
        }
    }
}
fn m_split(vm: &Vm, a: Args<'_>) -> PyResult {
    split_impl(vm, a, "split", false)
}
fn m_rsplit(vm: &Vm, a: Args<'_>) -> PyResult {
    split_impl(vm, a, "rsplit", true)
}

fn m_splitlines(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "splitlines")?;
    let [keepends] = a.shift().bind("splitlines", ["keepends"], 0, 0)?;
    let keep = match keepends {
        Some(k) => ssize(vm, &k)? != 0,
        None => false,
    };
    let cps: Vec<u32> = s.code_points().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if is_linebreak(c) {
            let mut end = i + 1;
            if c == 0x0D && cps.get(i + 1) == Some(&0x0A) {
                end += 1;
            }
            out.push(from_cps(&cps[start..if keep { end } else { i }]));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < cps.len() {
        out.push(from_cps(&cps[start..]));
    }
    Ok(PyList::new_ref(out))
}

fn m_join(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "join")?;
    let it = a.shift().one_arg("str.join")?;
    let items = crate::protocol::iter::collect(vm, it).map_err(|e| {
        if e.matches(&crate::types::exceptions::TYPE_ERROR) && it.class().slots().iter.is_none() {
            type_error("can only join an iterable")
        } else {
            e
        }
    })?;
    if items.len() == 1 && items[0].is_exact::<PyStr>() {
        return Ok(items[0].clone());
    }
    let mut out = Wtf8Buf::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_wtf8(s.as_wtf8());
        }
        let xs = x.downcast::<PyStr>().ok_or_else(|| {
            type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                x.class().name()
            ))
        })?;
        out.push_wtf8(xs.as_wtf8());
    }
    Ok(PyStr::from_wtf8_ref(out))
}

// ------------------------------------------------------------ searching

/// The `(start, end)` code point window of find/count/startswith, clamped
/// with `ADJUST_INDICES` (start may exceed the length).
fn window(vm: &Vm, s: &PyStr, rest: &[PyRef]) -> PyResult<(i64, i64)> {
    let (start, end) = crate::types::bytes_methods::slice_bounds(vm, rest)?;
    Ok(adjust_indices(start, end, s.char_len()))
}

/// Byte range of a code point window (`0 <= start <= end <= len`).
fn byte_window(s: &PyStr, start: i64, end: i64) -> (usize, usize) {
    (s.byte_offset(start as usize), s.byte_offset(end as usize))
}

fn find_impl(vm: &Vm, a: Args<'_>, name: &str, right: bool) -> PyResult<Option<i64>> {
    let s = this(&a, name)?;
    let rest = arg_count(&a, name, 1, 3)?;
    let sub = str_arg(&rest[0], "must be str, not")
        .map_err(|_| type_error(format!("must be str, not {}", rest[0].class().name())))?;
    let (start, end) = window(vm, s, &rest[1..])?;
    if end - start < sub.char_len() as i64 {
        return Ok(None);
    }
    let (bs, be) = byte_window(s, start, end);
    let hay = &s.as_bytes()[bs..be];
    let p = if right {
        rfind_sub(hay, sub.as_bytes())
    } else {
        find_sub(hay, sub.as_bytes())
    };
    Ok(p.map(|p| cp_index(s, bs + p)))
}

fn m_find(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(int_from_i64(find_impl(vm, a, "find", false)?.unwrap_or(-1)))
}
fn m_rfind(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(int_from_i64(find_impl(vm, a, "rfind", true)?.unwrap_or(-1)))
}
fn m_index(vm: &Vm, a: Args<'_>) -> PyResult {
    find_impl(vm, a, "index", false)?
        .map(int_from_i64)
        .ok_or_else(|| value_error("substring not found"))
}
fn m_rindex(vm: &Vm, a: Args<'_>) -> PyResult {
    find_impl(vm, a, "rindex", true)?
        .map(int_from_i64)
        .ok_or_else(|| value_error("substring not found"))
}

fn m_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "count")?;
    let rest = arg_count(&a, "count", 1, 3)?;
    let sub = str_arg(&rest[0], "must be str, not")
        .map_err(|_| type_error(format!("must be str, not {}", rest[0].class().name())))?;
    let (start, end) = window(vm, s, &rest[1..])?;
    if end - start < sub.char_len() as i64 {
        return Ok(int_from_i64(0));
    }
    if sub.char_len() == 0 {
        return Ok(int_from_i64(end - start + 1));
    }
    let (bs, be) = byte_window(s, start, end);
    Ok(int_from_i64(crate::types::bytes_methods::count_sub(
        &s.as_bytes()[bs..be],
        sub.as_bytes(),
        usize::MAX,
    ) as i64))
}

fn m_replace(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "replace")?;
    let rest = a.shift().range("replace", 2, 3)?;
    let old = str_arg(&rest[0], "replace() argument 1")?;
    let new = str_arg(&rest[1], "replace() argument 2")?;
    let count = match rest.get(2) {
        Some(c) => ssize(vm, c)?,
        None => -1,
    };
    if count == 0 || (old.char_len() > s.char_len()) {
        return Ok(same_or_copy(&a.args[0], s));
    }
    if old.char_len() == 0 {
        // Insert `new` before every character and at the end.
        let max = if count < 0 {
            usize::MAX
        } else {
            count as usize
        };
        let mut out = Wtf8Buf::new();
        let mut n = 0;
        for c in s.code_points() {
            if n < max {
                out.push_wtf8(new.as_wtf8());
                n += 1;
            }
            out.push_code_point(c);
        }
        if n < max {
            out.push_wtf8(new.as_wtf8());
        }
        return Ok(PyStr::from_wtf8_ref(out));
    }
    if find_sub(s.as_bytes(), old.as_bytes()).is_none() {
        return Ok(same_or_copy(&a.args[0], s));
    }
    Ok(from_bytes(&crate::types::bytes_methods::replace_bytes(
        s.as_bytes(),
        old.as_bytes(),
        new.as_bytes(),
        count,
    )))
}

fn same_or_copy(o: &PyRef, s: &PyStr) -> PyRef {
    if o.is_exact::<PyStr>() {
        o.clone()
    } else {
        PyStr::from_wtf8_ref(s.as_wtf8().clone())
    }
}

fn affix_impl(vm: &Vm, a: Args<'_>, name: &str, end: bool) -> PyResult {
    let s = this(&a, name)?;
    let rest = arg_count(&a, name, 1, 3)?;
    let (start, stop) = window(vm, s, &rest[1..])?;
    let test = |p: &PyStr| -> bool {
        if stop - (p.char_len() as i64) < start {
            return false;
        }
        let (bs, be) = byte_window(s, start, stop);
        let hay = &s.as_bytes()[bs..be];
        if end {
            hay.ends_with(p.as_bytes())
        } else {
            hay.starts_with(p.as_bytes())
        }
    };
    if let Some(t) = rest[0].downcast::<PyTuple>() {
        for x in t.as_slice() {
            let p = x.downcast::<PyStr>().ok_or_else(|| {
                type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    x.class().name()
                ))
            })?;
            if test(p) {
                return Ok(py_bool(true));
            }
        }
        return Ok(py_bool(false));
    }
    let p = rest[0].downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            rest[0].class().name()
        ))
    })?;
    Ok(py_bool(test(p)))
}
fn m_startswith(vm: &Vm, a: Args<'_>) -> PyResult {
    affix_impl(vm, a, "startswith", false)
}
fn m_endswith(vm: &Vm, a: Args<'_>) -> PyResult {
    affix_impl(vm, a, "endswith", true)
}

fn partition_impl(a: Args<'_>, name: &str, right: bool) -> PyResult {
    let s = this(&a, name)?;
    let sep = a.shift().one_arg(&format!("str.{name}"))?;
    let sep = sep
        .downcast::<PyStr>()
        .ok_or_else(|| type_error(format!("must be str, not {}", sep.class().name())))?;
    if sep.char_len() == 0 {
        return Err(value_error("empty separator"));
    }
    let d = s.as_bytes();
    let sb = sep.as_bytes();
    let pos = if right {
        rfind_sub(d, sb)
    } else {
        find_sub(d, sb)
    };
    let empty = || PyStr::intern("");
    let whole = || same_or_copy(&a.args[0], s);
    Ok(PyTuple::new_ref(match pos {
        Some(p) => vec![
            from_bytes(&d[..p]),
            from_bytes(sb),
            from_bytes(&d[p + sb.len()..]),
        ],
        None if right => vec![empty(), empty(), whole()],
        None => vec![whole(), empty(), empty()],
    }))
}
fn m_partition(_: &Vm, a: Args<'_>) -> PyResult {
    partition_impl(a, "partition", false)
}
fn m_rpartition(_: &Vm, a: Args<'_>) -> PyResult {
    partition_impl(a, "rpartition", true)
}

// ------------------------------------------------------------ padding

fn pad_args(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(usize, u32)> {
    let rest = a.shift().range(name, 1, 2)?;
    let w = ssize(vm, &rest[0])?.max(0) as usize;
    let fill = match rest.get(1) {
        None => ' ' as u32,
        Some(f) => {
            let fs = f.downcast::<PyStr>().ok_or_else(|| {
                type_error(format!(
                    "The fill character must be a unicode character, not {}",
                    f.class().name()
                ))
            })?;
            if fs.char_len() != 1 {
                return Err(type_error(
                    "The fill character must be exactly one character long",
                ));
            }
            fs.char_at(0).unwrap_or(' ' as u32)
        }
    };
    Ok((w, fill))
}

fn padded(s: &PyStr, left: usize, right: usize, fill: u32) -> PyRef {
    let mut out = Wtf8Buf::with_capacity(s.as_bytes().len() + left + right);
    for _ in 0..left {
        out.push_code_point(fill);
    }
    out.push_wtf8(s.as_wtf8());
    for _ in 0..right {
        out.push_code_point(fill);
    }
    PyStr::from_wtf8_ref(out)
}

fn m_center(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "center")?;
    let (w, fill) = pad_args(vm, &a, "center")?;
    let n = s.char_len();
    if w <= n {
        return Ok(same_or_copy(&a.args[0], s));
    }
    let marg = w - n;
    let left = marg / 2 + (marg & w & 1);
    Ok(padded(s, left, marg - left, fill))
}
fn m_ljust(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "ljust")?;
    let (w, fill) = pad_args(vm, &a, "ljust")?;
    let n = s.char_len();
    Ok(if w <= n {
        same_or_copy(&a.args[0], s)
    } else {
        padded(s, 0, w - n, fill)
    })
}
fn m_rjust(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "rjust")?;
    let (w, fill) = pad_args(vm, &a, "rjust")?;
    let n = s.char_len();
    Ok(if w <= n {
        same_or_copy(&a.args[0], s)
    } else {
        padded(s, w - n, 0, fill)
    })
}
fn m_zfill(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "zfill")?;
    let [w] = a.shift().exact::<1>("zfill")?;
    let w = ssize(vm, w)?.max(0) as usize;
    let n = s.char_len();
    if w <= n {
        return Ok(same_or_copy(&a.args[0], s));
    }
    let d = s.as_bytes();
    let mut out = Wtf8Buf::with_capacity(w + d.len());
    let body = match d.first() {
        Some(&c @ (b'+' | b'-')) => {
            out.push_char(c as char);
            &d[1..]
        }
        _ => d,
    };
    for _ in 0..w - n {
        out.push_char('0');
    }
    out.push_wtf8(&Wtf8Buf::from_bytes_unchecked(body.to_vec()));
    Ok(PyStr::from_wtf8_ref(out))
}

fn m_expandtabs(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "expandtabs")?;
    let [ts] = a.shift().bind("expandtabs", ["tabsize"], 0, 0)?;
    let ts = match ts {
        Some(t) => ssize(vm, &t)?,
        None => 8,
    };
    if s.is_ascii() {
        return Ok(from_bytes(&crate::types::bytes_methods::expand_tabs(
            s.as_bytes(),
            ts,
        )));
    }
    let mut out = Wtf8Buf::new();
    let mut col = 0i64;
    for c in s.code_points() {
        match c {
            0x09 => {
                if ts > 0 {
                    let n = ts - col % ts;
                    for _ in 0..n {
                        out.push_char(' ');
                    }
                    col += n;
                }
            }
            0x0A | 0x0D => {
                out.push_code_point(c);
                col = 0;
            }
            _ => {
                out.push_code_point(c);
                col += 1;
            }
        }
    }
    Ok(PyStr::from_wtf8_ref(out))
}

fn m_removeprefix(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "removeprefix")?;
    let p = a.shift().one_arg("str.removeprefix")?;
    let p = str_arg(p, "removeprefix() argument")?;
    match s.as_bytes().strip_prefix(p.as_bytes()) {
        Some(r) if !p.as_bytes().is_empty() => Ok(from_bytes(r)),
        _ => Ok(same_or_copy(&a.args[0], s)),
    }
}
fn m_removesuffix(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "removesuffix")?;
    let p = a.shift().one_arg("str.removesuffix")?;
    let p = str_arg(p, "removesuffix() argument")?;
    match s.as_bytes().strip_suffix(p.as_bytes()) {
        Some(r) if !p.as_bytes().is_empty() => Ok(from_bytes(r)),
        _ => Ok(same_or_copy(&a.args[0], s)),
    }
}

// ------------------------------------------------------------ other

fn m_encode(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'encode' of 'str' object needs an argument"))?;
    this(&a, "encode")?;
    let [enc, err] = a.shift().bind("encode", ["encoding", "errors"], 0, 0)?;
    let enc = crate::types::bytes::arg_str(enc.as_ref(), "utf-8", "encode() argument 'encoding'")?;
    let err = crate::types::bytes::arg_str(err.as_ref(), "strict", "encode() argument 'errors'")?;
    crate::types::codecs::encode_to_bytes(vm, s, &enc, &err)
}

fn m_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'format' of 'str' object needs an argument"))?;
    crate::types::str_format::str_format(vm, s, a.shift())
}

fn m_format_map(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor 'format_map' of 'str' object needs an argument"))?;
    let m = a.shift().one_arg("str.format_map")?;
    crate::types::str_format::str_format_map(vm, s, m)
}

fn m_dunder_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error("descriptor '__format__' of 'str' object needs an argument"))?;
    this(&a, "__format__")?;
    let [spec] = a.shift().exact::<1>("__format__")?;
    let spec = str_arg(spec, "__format__() argument")?;
    crate::types::str_format::format_str_spec(vm, s, &spec.to_string_lossy())
}

fn m_getnewargs(_: &Vm, a: Args<'_>) -> PyResult {
    let st = this(&a, "__getnewargs__")?;
    a.shift().no_args("str.__getnewargs__")?;
    Ok(PyTuple::new_ref(vec![PyStr::from_wtf8_ref(
        st.as_wtf8().clone(),
    )]))
}

fn m_sizeof(_: &Vm, a: Args<'_>) -> PyResult {
    let st = this(&a, "__sizeof__")?;
    a.shift().no_args("str.__sizeof__")?;
    let max = st.code_points().max().unwrap_or(0);
    let (unit, base) = if max < 128 {
        (1, 49)
    } else if max < 256 {
        (1, 73)
    } else if max < 0x10000 {
        (2, 74)
    } else {
        (4, 76)
    };
    Ok(int_from_i64(base + (unit * st.char_len()) as i64))
}

fn m_maketrans(vm: &Vm, a: Args<'_>) -> PyResult {
    let rest = a.range("maketrans", 1, 3)?;
    let d = crate::types::dict::PyDict::new_ref();
    let dd = d
        .downcast::<crate::types::dict::PyDict>()
        .ok_or_else(|| type_error("dict"))?;
    if rest.len() == 1 {
        let src = rest[0]
            .downcast::<crate::types::dict::PyDict>()
            .ok_or_else(|| {
                type_error("if you give only one argument to maketrans it must be a dict")
            })?;
        for (k, v) in src.items() {
            let key = match k.downcast::<PyStr>() {
                Some(ks) if ks.char_len() == 1 => int_from_i64(ks.char_at(0).unwrap_or(0) as i64),
                Some(_) => {
                    return Err(value_error(
                        "string keys in translate table must be of length 1",
                    ));
                }
                None if crate::types::int::is_int(&k) => k.clone(),
                None => {
                    return Err(type_error(
                        "keys in translate table must be strings or integers",
                    ));
                }
            };
            dd.set_item(vm, key, v)?;
        }
    } else {
        let x = str_arg(&rest[0], "maketrans() argument 1")?;
        let y = str_arg(&rest[1], "maketrans() argument 2")?;
        if x.char_len() != y.char_len() {
            return Err(value_error(
                "the first two maketrans arguments must have equal length",
            ));
        }
        for (c1, c2) in x.code_points().zip(y.code_points()) {
            dd.set_item(vm, int_from_i64(c1 as i64), int_from_i64(c2 as i64))?;
        }
        if let Some(z) = rest.get(2) {
            let z = str_arg(z, "maketrans() argument 3")?;
            for c in z.code_points() {
                dd.set_item(vm, int_from_i64(c as i64), crate::types::none::none())?;
            }
        }
    }
    Ok(d)
}

fn m_translate(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "translate")?;
    let table = a.shift().one_arg("str.translate")?;
    let mut out = Wtf8Buf::new();
    for cp in s.code_points() {
        match crate::protocol::object::get_item(vm, table, &int_from_i64(cp as i64)) {
            Ok(v) => {
                if is_none(&v) {
                    continue;
                }
                if let Some(vs) = v.downcast::<PyStr>() {
                    out.push_wtf8(vs.as_wtf8());
                } else if crate::types::int::is_int(&v) {
                    match crate::types::int::to_i64(&v) {
                        Some(i) if (0..=0x10FFFF).contains(&i) => {
                            out.push_code_point(i as u32);
                        }
                        _ => {
                            return Err(value_error(
                                "character mapping must be in range(0x110000)",
                            ));
                        }
                    }
                } else {
                    return Err(type_error(
                        "character mapping must return integer, None or str",
                    ));
                }
            }
            Err(e) if e.matches(&crate::types::exceptions::LOOKUP_ERROR) => {
                out.push_code_point(cp);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(PyStr::from_wtf8_ref(out))
}

pub static METHODS: &[MethodDef] = &[
    MethodDef::method("upper", m_upper),
    MethodDef::method("lower", m_lower),
    MethodDef::method("casefold", m_casefold),
    MethodDef::method("swapcase", m_swapcase),
    MethodDef::method("capitalize", m_capitalize),
    MethodDef::method("title", m_title),
    MethodDef::method("isdigit", m_isdigit),
    MethodDef::method("isdecimal", m_isdecimal),
    MethodDef::method("isnumeric", m_isnumeric),
    MethodDef::method("isalpha", m_isalpha),
    MethodDef::method("isalnum", m_isalnum),
    MethodDef::method("isspace", m_isspace),
    MethodDef::method("isascii", m_isascii),
    MethodDef::method("isprintable", m_isprintable),
    MethodDef::method("isupper", m_isupper),
    MethodDef::method("islower", m_islower),
    MethodDef::method("istitle", m_istitle),
    MethodDef::method("isidentifier", m_isidentifier),
    MethodDef::method("strip", m_strip),
    MethodDef::method("lstrip", m_lstrip),
    MethodDef::method("rstrip", m_rstrip),
    MethodDef::method("split", m_split),
    MethodDef::method("rsplit", m_rsplit),
    MethodDef::method("splitlines", m_splitlines),
    MethodDef::method("join", m_join),
    MethodDef::method("find", m_find),
    MethodDef::method("rfind", m_rfind),
    MethodDef::method("index", m_index),
    MethodDef::method("rindex", m_rindex),
    MethodDef::method("count", m_count),
    MethodDef::method("replace", m_replace),
    MethodDef::method("startswith", m_startswith),
    MethodDef::method("endswith", m_endswith),
    MethodDef::method("center", m_center),
    MethodDef::method("ljust", m_ljust),
    MethodDef::method("rjust", m_rjust),
    MethodDef::method("zfill", m_zfill),
    MethodDef::method("partition", m_partition),
    MethodDef::method("rpartition", m_rpartition),
    MethodDef::method("encode", m_encode),
    MethodDef::method("expandtabs", m_expandtabs),
    MethodDef::method("removeprefix", m_removeprefix),
    MethodDef::method("removesuffix", m_removesuffix),
    MethodDef::method("format", m_format),
    MethodDef::method("format_map", m_format_map),
    MethodDef::method("__format__", m_dunder_format),
    MethodDef::method("__getnewargs__", m_getnewargs),
    MethodDef::method("__sizeof__", m_sizeof),
    MethodDef::staticmethod("maketrans", m_maketrans),
    MethodDef::method("translate", m_translate),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_tables() {
        let mut v = Vec::new();
        push_upper(&mut v, 'ß' as u32);
        assert_eq!(v, vec!['S' as u32, 'S' as u32]);
        v.clear();
        push_title(&mut v, 'ǆ' as u32);
        assert_eq!(v, vec!['ǅ' as u32]);
        let s: Vec<u32> = "AΣ Σ".chars().map(|c| c as u32).collect();
        let l: String = full_lower(&s)
            .into_iter()
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(l, "aς σ");
        assert!(is_space(0x3000) && !is_space(0x200B));
        assert_eq!(unicode_decimal(0x0663), Some(3));
        assert!(is_title(0x1C5) && !is_upper(0x1C5));
    }
}
