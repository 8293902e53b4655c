//! The methods shared by `bytes` and `bytearray` (CPython's
//! `bytes_methods.c` plus the clinic wrappers of both types).
//!
//! Every method reads its receiver's bytes once (a copy for `bytearray`, so
//! no borrow is held while Python code runs), works on plain `&[u8]`, and
//! builds results of the receiver's kind: `bytes` methods return `bytes`,
//! `bytearray` methods return `bytearray`.  The pure byte algorithms (find,
//! split, strip, case mapping, ...) are free functions at the top so `str`
//! can reuse the separator-based ones on its UTF-8 data.

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bool_::py_bool;
use crate::types::bytearray::PyByteArray;
use crate::types::bytes::{PyBytes, bytes_data};
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::none::is_none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

// ------------------------------------------------------------ pure helpers

/// ASCII whitespace as `bytes.isspace()` sees it.
#[inline]
pub fn is_byte_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// First occurrence of `needle` in `hay`.
pub fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle.len() {
        0 => Some(0),
        1 => hay.iter().position(|&b| b == needle[0]),
        n if n > hay.len() => None,
        n => {
            let first = needle[0];
            let mut i = 0;
            while i + n <= hay.len() {
                match hay[i..=hay.len() - n].iter().position(|&b| b == first) {
                    None => return None,
                    Some(p) => {
                        i += p;
                        if &hay[i..i + n] == needle {
                            return Some(i);
                        }
                        i += 1;
                    }
                }
            }
            None
        }
    }
}

/// Last occurrence of `needle` in `hay`.
pub fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}

/// Non-overlapping occurrences of a non-empty `needle`, at most `max`.
pub fn count_sub(hay: &[u8], needle: &[u8], max: usize) -> usize {
    if needle.is_empty() {
        return (hay.len() + 1).min(max);
    }
    let mut n = 0;
    let mut i = 0;
    while n < max {
        match find_sub(&hay[i..], needle) {
            Some(p) => {
                n += 1;
                i += p + needle.len();
            }
            None => break,
        }
    }
    n
}

/// `split(sep, maxsplit)` with a non-empty separator (maxsplit < 0: all).
pub fn split_sep<'a>(h: &'a [u8], sep: &[u8], maxsplit: i64) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut n = 0i64;
    while maxsplit < 0 || n < maxsplit {
        match find_sub(&h[i..], sep) {
            Some(p) => {
                out.push(&h[i..i + p]);
                i += p + sep.len();
                n += 1;
            }
            None => break,
        }
    }
    out.push(&h[i..]);
    out
}

/// `rsplit(sep, maxsplit)` with a non-empty separator.
pub fn rsplit_sep<'a>(h: &'a [u8], sep: &[u8], maxsplit: i64) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut end = h.len();
    let mut n = 0i64;
    while maxsplit < 0 || n < maxsplit {
        match rfind_sub(&h[..end], sep) {
            Some(p) => {
                out.push(&h[p + sep.len()..end]);
                end = p;
                n += 1;
            }
            None => break,
        }
    }
    out.push(&h[..end]);
    out.reverse();
    out
}

/// Whitespace `split(None, maxsplit)` over units where `space(i)` tells
/// whether the unit at `i` is whitespace; returns `(start, end)` ranges.
pub fn split_ws_ranges(
    n: usize,
    space: impl Fn(usize) -> bool,
    maxsplit: i64,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut k = 0i64;
    loop {
        while i < n && space(i) {
            i += 1;
        }
        if i >= n {
            break;
        }
        if maxsplit >= 0 && k >= maxsplit {
            // The remainder keeps its trailing whitespace.
            out.push((i, n));
            break;
        }
        let s = i;
        while i < n && !space(i) {
            i += 1;
        }
        out.push((s, i));
        k += 1;
    }
    out
}

/// Whitespace `rsplit(None, maxsplit)`; ranges in left-to-right order.
pub fn rsplit_ws_ranges(
    n: usize,
    space: impl Fn(usize) -> bool,
    maxsplit: i64,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut e = n;
    let mut k = 0i64;
    loop {
        while e > 0 && space(e - 1) {
            e -= 1;
        }
        if e == 0 {
            break;
        }
        if maxsplit >= 0 && k >= maxsplit {
            out.push((0, e));
            break;
        }
        let end = e;
        while e > 0 && !space(e - 1) {
            e -= 1;
        }
        out.push((e, end));
        k += 1;
    }
    out.reverse();
    out
}

/// CPython's `ADJUST_INDICES`: clamps `start`/`end` (already integers) for
/// a sequence of length `len`; `start` may stay beyond `len`.
pub fn adjust_indices(start: i64, end: i64, len: usize) -> (i64, i64) {
    let len = len as i64;
    let end = if end > len {
        len
    } else if end < 0 {
        (end + len).max(0)
    } else {
        end
    };
    let start = if start < 0 {
        (start + len).max(0)
    } else {
        start
    };
    (start, end)
}

/// Parses optional `start`, `end` slice arguments (`None` = default).
pub fn slice_bounds(vm: &Vm, rest: &[PyRef]) -> PyResult<(i64, i64)> {
    let get = |o: Option<&PyRef>, d: i64| -> PyResult<i64> {
        match o {
            None => Ok(d),
            Some(x) if is_none(x) => Ok(d),
            Some(x) => {
                if !crate::types::int::is_int(x) && x.class().slots().nb_index.is_none() {
                    return Err(type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    ));
                }
                let i = crate::protocol::number::index(vm, x)?;
                Ok(crate::types::int::index_i64_opt(&i).unwrap_or(0))
            }
        }
    };
    Ok((get(rest.first(), 0)?, get(rest.get(1), i64::MAX)?))
}

fn title_bytes(d: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    d.iter()
        .map(|&c| {
            let r = if c.is_ascii_alphabetic() {
                if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            } else {
                c
            };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect()
}

fn istitle_bytes(d: &[u8]) -> bool {
    let mut prev_cased = false;
    let mut any = false;
    for &c in d {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    any
}

/// `expandtabs` over bytes (columns reset at `\n` and `\r`).
pub fn expand_tabs(d: &[u8], ts: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(d.len());
    let mut col = 0i64;
    for &c in d {
        match c {
            b'\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// `hex(sep, bytes_per_sep)` text of `d`.
pub fn hex_with_sep(d: &[u8], sep: Option<u8>, per: i64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(d.len() * 3);
    let n = d.len();
    let group = per.unsigned_abs() as usize;
    for (i, &b) in d.iter().enumerate() {
        if let Some(s) = sep
            && i > 0
            && group > 0
        {
            // Groups are counted from the right for positive `per`,
            // from the left for negative.
            let boundary = if per > 0 {
                (n - i).is_multiple_of(group)
            } else {
                i.is_multiple_of(group)
            };
            if boundary {
                out.push(s as char);
            }
        }
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// `bytes.fromhex(text)` (whitespace allowed between byte pairs).
pub fn from_hex(s: &PyStr) -> PyResult<Vec<u8>> {
    let cps: Vec<u32> = s.code_points().collect();
    let hexval = |c: u32| {
        char::from_u32(c)
            .and_then(|c| c.to_digit(16))
            .filter(|_| c < 128)
    };
    let err = |i: usize| {
        value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))
    };
    let mut out = Vec::with_capacity(cps.len() / 2);
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if c < 128 && is_byte_space(c as u8) {
            i += 1;
            continue;
        }
        let hi = hexval(c).ok_or_else(|| err(i))?;
        let lo = cps
            .get(i + 1)
            .and_then(|&c| hexval(c))
            .ok_or_else(|| err(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(out)
}

/// The count operand of sequence repetition (`s * n`): an int, or any
/// object with `__index__`; `None` means "not a count" (NotImplemented).
pub fn repeat_count(vm: &Vm, n: &PyRef) -> PyResult<Option<i64>> {
    if let Some(v) = crate::types::int::index_i64_opt(n) {
        return Ok(Some(v));
    }
    if n.class().slots().nb_index.is_some() {
        let i = crate::protocol::number::index(vm, n)?;
        return Ok(crate::types::int::index_i64_opt(&i));
    }
    Ok(None)
}

// ------------------------------------------------------------ plumbing

/// The receiver's bytes (a copy).
fn recv(a: &Args<'_>, name: &str) -> PyResult<(PyRef, Vec<u8>)> {
    let s = a
        .args
        .first()
        .ok_or_else(|| type_error(format!("descriptor '{name}' needs an argument")))?;
    if let Some(b) = s.downcast::<PyBytes>() {
        return Ok((s.clone(), b.data.clone()));
    }
    if let Some(b) = s.downcast::<PyByteArray>() {
        return Ok((s.clone(), b.data.borrow().clone()));
    }
    Err(type_error(format!(
        "descriptor '{name}' requires a 'bytes' object but received a '{}'",
        s.class().name()
    )))
}

fn is_bytearray(o: &PyRef) -> bool {
    o.downcast::<PyByteArray>().is_some()
}

/// The type's name for `type.method()` messages.
fn tname(o: &PyRef) -> &'static str {
    if is_bytearray(o) {
        "bytearray"
    } else {
        "bytes"
    }
}

/// A result of the receiver's kind.
fn make(like: &PyRef, data: Vec<u8>) -> PyRef {
    if is_bytearray(like) {
        PyByteArray::new_ref(data)
    } else {
        PyBytes::new_ref(data)
    }
}

/// A bytes-like argument or `a bytes-like object is required, not 'T'`.
pub fn buf_arg(o: &PyRef) -> PyResult<Vec<u8>> {
    bytes_data(o).ok_or_else(|| {
        type_error(format!(
            "a bytes-like object is required, not '{}'",
            o.class().name()
        ))
    })
}

/// A `sub` argument of find/count/index: bytes-like or an int byte.
fn sub_arg(vm: &Vm, o: &PyRef) -> PyResult<Vec<u8>> {
    if let Some(d) = bytes_data(o) {
        return Ok(d);
    }
    if crate::types::int::is_int(o) || o.class().slots().nb_index.is_some() {
        let i = crate::protocol::number::index(vm, o)?;
        let v = crate::types::int::index_i64_opt(&i).unwrap_or(-1);
        if !(0..256).contains(&v) {
            return Err(value_error("byte must be in range(0, 256)"));
        }
        return Ok(vec![v as u8]);
    }
    Err(type_error(format!(
        "argument should be integer or bytes-like object, not '{}'",
        o.class().name()
    )))
}

fn list_of(like: &PyRef, parts: Vec<&[u8]>) -> PyRef {
    PyList::new_ref(parts.into_iter().map(|p| make(like, p.to_vec())).collect())
}

fn maxsplit_arg(vm: &Vm, o: Option<PyRef>) -> PyResult<i64> {
    match o {
        Some(m) => crate::types::int::as_ssize(vm, &m),
        None => Ok(-1),
    }
}

// ------------------------------------------------------------ methods

macro_rules! noarg_map {
    ($($fname:ident, $name:literal, $f:expr;)*) => {$(
        pub fn $fname(_: &Vm, a: Args<'_>) -> PyResult {
            let (s, d) = recv(&a, $name)?;
            a.shift().no_args(&format!("{}.{}", tname(&s), $name))?;
            let f: fn(&[u8]) -> Vec<u8> = $f;
            Ok(make(&s, f(&d)))
        }
    )*};
}

noarg_map! {
    m_upper, "upper", |d| d.to_ascii_uppercase();
    m_lower, "lower", |d| d.to_ascii_lowercase();
    m_swapcase, "swapcase", |d| d.iter().map(|&c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }).collect();
    m_capitalize, "capitalize", |d| d.iter().enumerate().map(|(i, &c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect();
    m_title, "title", title_bytes;
}

macro_rules! noarg_pred {
    ($($fname:ident, $name:literal, $f:expr;)*) => {$(
        pub fn $fname(_: &Vm, a: Args<'_>) -> PyResult {
            let (s, d) = recv(&a, $name)?;
            a.shift().no_args(&format!("{}.{}", tname(&s), $name))?;
            let f: fn(&[u8]) -> bool = $f;
            Ok(py_bool(f(&d)))
        }
    )*};
}

noarg_pred! {
    m_isdigit, "isdigit", |d| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    m_isalpha, "isalpha", |d| !d.is_empty() && d.iter().all(u8::is_ascii_alphabetic);
    m_isalnum, "isalnum", |d| !d.is_empty() && d.iter().all(u8::is_ascii_alphanumeric);
    m_isspace, "isspace", |d| !d.is_empty() && d.iter().all(|&c| is_byte_space(c));
    m_isascii, "isascii", |d| d.is_ascii();
    m_isupper, "isupper", |d| d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase);
    m_islower, "islower", |d| d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase);
    m_istitle, "istitle", istitle_bytes;
}

fn strip_impl(a: Args<'_>, name: &str, left: bool, right: bool) -> PyResult {
    let (s, d) = recv(&a, name)?;
    let rest = a.shift().range(name, 0, 1)?;
    let chars = match rest.first() {
        None => None,
        Some(x) if is_none(x) => None,
        Some(x) => Some(buf_arg(x)?),
    };
    let keep = |c: &u8| match &chars {
        None => !is_byte_space(*c),
        Some(cs) => !cs.contains(c),
    };
    let mut lo = 0;
    let mut hi = d.len();
    if left {
        lo = d.iter().position(keep).unwrap_or(d.len());
    }
    if right {
        hi = d.iter().rposition(keep).map_or(lo, |p| p + 1).max(lo);
    }
    if lo == 0 && hi == d.len() && s.is_exact::<PyBytes>() {
        return Ok(s);
    }
    Ok(make(&s, d[lo..hi].to_vec()))
}
pub fn m_strip(_: &Vm, a: Args<'_>) -> PyResult {
    strip_impl(a, "strip", true, true)
}
pub fn m_lstrip(_: &Vm, a: Args<'_>) -> PyResult {
    strip_impl(a, "lstrip", true, false)
}
pub fn m_rstrip(_: &Vm, a: Args<'_>) -> PyResult {
    strip_impl(a, "rstrip", false, true)
}

fn split_impl(vm: &Vm, a: Args<'_>, name: &str, right: bool) -> PyResult {
    let (s, d) = recv(&a, name)?;
    let [sep, maxsplit] = a.shift().bind(name, ["sep", "maxsplit"], 0, 0)?;
    let maxsplit = maxsplit_arg(vm, maxsplit)?;
    match sep.filter(|x| !is_none(x)) {
        None => {
            let sp = |i: usize| is_byte_space(d[i]);
            let r = if right {
                rsplit_ws_ranges(d.len(), sp, maxsplit)
            } else {
                split_ws_ranges(d.len(), sp, maxsplit)
            };
            Ok(list_of(&s, r.into_iter().map(|(x, y)| &d[x..y]).collect()))
        }
        Some(sep) => {
            let sep = buf_arg(&sep)?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            let parts = if right {
                rsplit_sep(&d, &sep, maxsplit)
            } else {
                split_sep(&d, &sep, maxsplit)
            };
            Ok(list_of(&s, parts))
        }
    }
}
pub fn m_split(vm: &Vm, a: Args<'_>) -> PyResult {
    split_impl(vm, a, "split", false)
}
pub fn m_rsplit(vm: &Vm, a: Args<'_>) -> PyResult {
    split_impl(vm, a, "rsplit", true)
}

pub fn m_splitlines(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "splitlines")?;
    let [keepends] = a.shift().bind("splitlines", ["keepends"], 0, 0)?;
    let keep = match keepends {
        Some(k) => crate::types::int::as_ssize(vm, &k)? != 0,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < d.len() {
        let c = d[i];
        if c == b'\n' || c == b'\r' {
            let mut end = i + 1;
            if c == b'\r' && d.get(i + 1) == Some(&b'\n') {
                end += 1;
            }
            out.push(&d[start..if keep { end } else { i }]);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < d.len() {
        out.push(&d[start..]);
    }
    Ok(list_of(&s, out))
}

/// find/rfind/index/rindex: `Some(position)` or `None`.
/// Old-style argument count check (see `Args::old_style_count`), naming
/// the receiver's type.
fn old_range<'a>(a: &Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [PyRef]> {
    let ty = a
        .args
        .first()
        .map(|o| o.class().name().to_string())
        .unwrap_or_default();
    a.shift().old_style_count(&ty, name, min, max)
}

fn find_impl(vm: &Vm, a: Args<'_>, name: &str, right: bool) -> PyResult<Option<i64>> {
    let (_, d) = recv(&a, name)?;
    let rest = old_range(&a, name, 1, 3)?;
    let sub = sub_arg(vm, &rest[0])?;
    let (start, end) = slice_bounds(vm, &rest[1..])?;
    let (start, end) = adjust_indices(start, end, d.len());
    if end - start < sub.len() as i64 {
        return Ok(None);
    }
    let hay = &d[start as usize..end as usize];
    let p = if right {
        rfind_sub(hay, &sub)
    } else {
        find_sub(hay, &sub)
    };
    Ok(p.map(|p| p as i64 + start))
}
pub fn m_find(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(int_from_i64(find_impl(vm, a, "find", false)?.unwrap_or(-1)))
}
pub fn m_rfind(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(int_from_i64(find_impl(vm, a, "rfind", true)?.unwrap_or(-1)))
}
pub fn m_index(vm: &Vm, a: Args<'_>) -> PyResult {
    find_impl(vm, a, "index", false)?
        .map(int_from_i64)
        .ok_or_else(|| value_error("subsection not found"))
}
pub fn m_rindex(vm: &Vm, a: Args<'_>) -> PyResult {
    find_impl(vm, a, "rindex", true)?
        .map(int_from_i64)
        .ok_or_else(|| value_error("subsection not found"))
}

pub fn m_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, d) = recv(&a, "count")?;
    let rest = old_range(&a, "count", 1, 3)?;
    let sub = sub_arg(vm, &rest[0])?;
    let (start, end) = slice_bounds(vm, &rest[1..])?;
    let (start, end) = adjust_indices(start, end, d.len());
    if end - start < sub.len() as i64 {
        return Ok(int_from_i64(0));
    }
    Ok(int_from_i64(
        count_sub(&d[start as usize..end as usize], &sub, usize::MAX) as i64,
    ))
}

/// `replace` over bytes (shared by str on UTF-8 data for non-empty `old`).
pub fn replace_bytes(d: &[u8], old: &[u8], new: &[u8], count: i64) -> Vec<u8> {
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let mut out = Vec::with_capacity(d.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &c) in d.iter().enumerate() {
            if n < max {
                out.extend_from_slice(new);
                n += 1;
            }
            out.push(c);
            let _ = i;
        }
        if n < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    let mut n = 0;
    while n < max {
        match find_sub(&d[i..], old) {
            Some(p) => {
                out.extend_from_slice(&d[i..i + p]);
                out.extend_from_slice(new);
                i += p + old.len();
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&d[i..]);
    out
}

pub fn m_replace(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "replace")?;
    let rest = a.shift().range("replace", 2, 3)?;
    let old = buf_arg(&rest[0])?;
    let new = buf_arg(&rest[1])?;
    let count = match rest.get(2) {
        Some(c) => crate::types::int::as_ssize(vm, c)?,
        None => -1,
    };
    Ok(make(&s, replace_bytes(&d, &old, &new, count)))
}

fn affix_impl(vm: &Vm, a: Args<'_>, name: &str, end: bool) -> PyResult {
    let (_, d) = recv(&a, name)?;
    let rest = old_range(&a, name, 1, 3)?;
    let (start, stop) = slice_bounds(vm, &rest[1..])?;
    let (start, stop) = adjust_indices(start, stop, d.len());
    let test = |p: &[u8]| -> bool {
        if stop - (p.len() as i64) < start {
            return false;
        }
        let (st, sp) = (start as usize, stop as usize);
        if end {
            d[st..sp].ends_with(p)
        } else {
            d[st..sp].starts_with(p)
        }
    };
    if let Some(t) = rest[0].downcast::<PyTuple>() {
        for x in t.as_slice() {
            let p = bytes_data(x).ok_or_else(|| {
                type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    x.class().name()
                ))
            })?;
            if test(&p) {
                return Ok(py_bool(true));
            }
        }
        return Ok(py_bool(false));
    }
    let p = bytes_data(&rest[0]).ok_or_else(|| {
        type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            rest[0].class().name()
        ))
    })?;
    Ok(py_bool(test(&p)))
}
pub fn m_startswith(vm: &Vm, a: Args<'_>) -> PyResult {
    affix_impl(vm, a, "startswith", false)
}
pub fn m_endswith(vm: &Vm, a: Args<'_>) -> PyResult {
    affix_impl(vm, a, "endswith", true)
}

fn partition_impl(a: Args<'_>, name: &str, right: bool) -> PyResult {
    let (s, d) = recv(&a, name)?;
    let sep = a.shift().one_arg(&format!("{}.{name}", tname(&s)))?;
    let sep = buf_arg(sep)?;
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let pos = if right {
        rfind_sub(&d, &sep)
    } else {
        find_sub(&d, &sep)
    };
    let m = |x: &[u8]| make(&s, x.to_vec());
    Ok(PyTuple::new_ref(match pos {
        Some(p) => vec![m(&d[..p]), m(&sep), m(&d[p + sep.len()..])],
        None if right => vec![m(b""), m(b""), m(&d)],
        None => vec![m(&d), m(b""), m(b"")],
    }))
}
pub fn m_partition(_: &Vm, a: Args<'_>) -> PyResult {
    partition_impl(a, "partition", false)
}
pub fn m_rpartition(_: &Vm, a: Args<'_>) -> PyResult {
    partition_impl(a, "rpartition", true)
}

pub fn m_join(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "join")?;
    let it = a.shift().one_arg(&format!("{}.join", tname(&s)))?;
    let items = crate::protocol::iter::collect(vm, it)?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&d);
        }
        let xb = bytes_data(x).ok_or_else(|| {
            type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                x.class().name()
            ))
        })?;
        out.extend_from_slice(&xb);
    }
    Ok(make(&s, out))
}

fn pad_args(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(usize, u8)> {
    let rest = a.shift().range(name, 1, 2)?;
    let w = crate::types::int::as_ssize(vm, &rest[0])?.max(0) as usize;
    let fill = match rest.get(1) {
        None => b' ',
        Some(f) => {
            let ok = f
                .downcast::<PyBytes>()
                .map(|b| b.data.clone())
                .or_else(|| f.downcast::<PyByteArray>().map(|b| b.data.borrow().clone()));
            match ok {
                Some(v) if v.len() == 1 => v[0],
                _ => {
                    return Err(type_error(format!(
                        "{name}() argument 2 must be a byte string of length 1, not {}",
                        f.class().name()
                    )));
                }
            }
        }
    };
    Ok((w, fill))
}

fn padded(s: &PyRef, d: &[u8], left: usize, right: usize, fill: u8) -> PyRef {
    let mut out = Vec::with_capacity(d.len() + left + right);
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(d);
    out.extend(std::iter::repeat_n(fill, right));
    make(s, out)
}

fn same_or_copy(s: &PyRef, d: Vec<u8>) -> PyRef {
    if s.is_exact::<PyBytes>() {
        s.clone()
    } else {
        make(s, d)
    }
}

pub fn m_center(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "center")?;
    let (w, fill) = pad_args(vm, &a, "center")?;
    if w <= d.len() {
        return Ok(same_or_copy(&s, d));
    }
    let marg = w - d.len();
    let left = marg / 2 + (marg & w & 1);
    Ok(padded(&s, &d, left, marg - left, fill))
}
pub fn m_ljust(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "ljust")?;
    let (w, fill) = pad_args(vm, &a, "ljust")?;
    if w <= d.len() {
        return Ok(same_or_copy(&s, d));
    }
    Ok(padded(&s, &d, 0, w - d.len(), fill))
}
pub fn m_rjust(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "rjust")?;
    let (w, fill) = pad_args(vm, &a, "rjust")?;
    if w <= d.len() {
        return Ok(same_or_copy(&s, d));
    }
    Ok(padded(&s, &d, w - d.len(), 0, fill))
}
pub fn m_zfill(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "zfill")?;
    let [w] = a.shift().exact::<1>("zfill")?;
    let w = crate::types::int::as_ssize(vm, w)?.max(0) as usize;
    if w <= d.len() {
        return Ok(same_or_copy(&s, d));
    }
    let fill = w - d.len();
    let mut out = Vec::with_capacity(w);
    let body = match d.first() {
        Some(&c @ (b'+' | b'-')) => {
            out.push(c);
            &d[1..]
        }
        _ => &d[..],
    };
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(body);
    Ok(make(&s, out))
}

pub fn m_expandtabs(vm: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "expandtabs")?;
    let [ts] = a.shift().bind("expandtabs", ["tabsize"], 0, 0)?;
    let ts = match ts {
        Some(t) => crate::types::int::as_ssize(vm, &t)?,
        None => 8,
    };
    Ok(make(&s, expand_tabs(&d, ts)))
}

pub fn m_removeprefix(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "removeprefix")?;
    let p = buf_arg(a.shift().one_arg(&format!("{}.removeprefix", tname(&s)))?)?;
    match d.strip_prefix(p.as_slice()) {
        Some(r) if !p.is_empty() => Ok(make(&s, r.to_vec())),
        _ => Ok(same_or_copy(&s, d)),
    }
}
pub fn m_removesuffix(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "removesuffix")?;
    let p = buf_arg(a.shift().one_arg(&format!("{}.removesuffix", tname(&s)))?)?;
    match d.strip_suffix(p.as_slice()) {
        Some(r) if !p.is_empty() => Ok(make(&s, r.to_vec())),
        _ => Ok(same_or_copy(&s, d)),
    }
}

pub fn m_hex(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, d) = recv(&a, "hex")?;
    let [sep, per] = a.shift().bind("hex", ["sep", "bytes_per_sep"], 0, 0)?;
    Ok(PyStr::new_ref(&hex_method(
        vm,
        &d,
        sep.as_ref(),
        per.as_ref(),
    )?))
}

/// `hex(sep=..., bytes_per_sep=1)` shared with memoryview.
pub fn hex_method(vm: &Vm, d: &[u8], sep: Option<&PyRef>, per: Option<&PyRef>) -> PyResult<String> {
    let per = match per {
        Some(p) => crate::types::int::as_ssize(vm, p)?,
        None => 1,
    };
    let sep = match sep {
        None => None,
        Some(s) => {
            let v: Vec<u32> = if let Some(st) = s.downcast::<PyStr>() {
                st.code_points().collect()
            } else if let Some(b) = bytes_data(s) {
                b.iter().map(|&x| x as u32).collect()
            } else {
                return Err(type_error(format!(
                    "object of type '{}' has no len()",
                    s.class().name()
                )));
            };
            if v.len() != 1 {
                return Err(value_error("sep must be length 1."));
            }
            if v[0] > 127 {
                return Err(value_error("sep must be ASCII."));
            }
            Some(v[0] as u8)
        }
    };
    Ok(hex_with_sep(d, sep, per))
}

pub fn m_fromhex(vm: &Vm, a: Args<'_>) -> PyResult {
    let cls = a
        .args
        .first()
        .ok_or_else(|| type_error("fromhex needs a class"))?
        .clone();
    let s = a.shift().one_arg("fromhex")?;
    let st = s.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "fromhex() argument must be str, not {}",
            s.class().name()
        ))
    })?;
    let data = from_hex(st)?;
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("fromhex needs a class"))?;
    if std::ptr::eq(t, crate::types::bytes::BYTES_TYPE.get()) {
        return Ok(PyBytes::new_ref(data));
    }
    if std::ptr::eq(t, crate::types::bytearray::BYTEARRAY_TYPE.get()) {
        return Ok(PyByteArray::new_ref(data));
    }
    let base = if crate::types::bytearray::is_bytearray_type(t) {
        PyByteArray::new_ref(data)
    } else {
        PyBytes::new_ref(data)
    };
    crate::protocol::call::call_pos(vm, &cls, &[base])
}

pub fn m_maketrans(_: &Vm, a: Args<'_>) -> PyResult {
    let rest = a.exact::<2>("maketrans")?;
    let f = buf_arg(&rest[0])?;
    let t = buf_arg(&rest[1])?;
    if f.len() != t.len() {
        return Err(value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (x, y) in f.iter().zip(&t) {
        table[*x as usize] = *y;
    }
    Ok(PyBytes::new_ref(table))
}

pub fn m_translate(_: &Vm, a: Args<'_>) -> PyResult {
    let (s, d) = recv(&a, "translate")?;
    let [table, delete] = a.shift().bind("translate", ["table", "delete"], 1, 1)?;
    let table = match table {
        Some(t) if !is_none(&t) => {
            let v = buf_arg(&t)?;
            if v.len() != 256 {
                return Err(value_error("translation table must be 256 characters long"));
            }
            Some(v)
        }
        _ => None,
    };
    let del = match delete {
        Some(x) => buf_arg(&x)?,
        None => Vec::new(),
    };
    let mut out = Vec::with_capacity(d.len());
    for &c in &d {
        if del.contains(&c) {
            continue;
        }
        out.push(match &table {
            Some(t) => t[c as usize],
            None => c,
        });
    }
    Ok(make(&s, out))
}

pub fn m_decode(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, d) = recv(&a, "decode")?;
    let [enc, err] = a.shift().bind("decode", ["encoding", "errors"], 0, 0)?;
    let enc = crate::types::bytes::arg_str(enc.as_ref(), "utf-8", "decode() argument 'encoding'")?;
    let err = crate::types::bytes::arg_str(err.as_ref(), "strict", "decode() argument 'errors'")?;
    crate::types::codecs::decode_to_str(vm, &d, &enc, &err)
}

/// The methods of `bytes` and `bytearray` (a macro so both tables can add
/// their own rows).
#[macro_export]
macro_rules! bytes_common_methods {
    ($($extra:expr),* $(,)?) => {
        &[
            MethodDef::method("capitalize", $crate::types::bytes_methods::m::capitalize),
            MethodDef::method("center", $crate::types::bytes_methods::m::center),
            MethodDef::method("count", $crate::types::bytes_methods::m::count),
            MethodDef::method("decode", $crate::types::bytes_methods::m::decode),
            MethodDef::method("endswith", $crate::types::bytes_methods::m::endswith),
            MethodDef::method("expandtabs", $crate::types::bytes_methods::m::expandtabs),
            MethodDef::method("find", $crate::types::bytes_methods::m::find),
            MethodDef::classmethod("fromhex", $crate::types::bytes_methods::m::fromhex),
            MethodDef::method("hex", $crate::types::bytes_methods::m::hex),
            MethodDef::method("index", $crate::types::bytes_methods::m::index),
            MethodDef::method("isalnum", $crate::types::bytes_methods::m::isalnum),
            MethodDef::method("isalpha", $crate::types::bytes_methods::m::isalpha),
            MethodDef::method("isascii", $crate::types::bytes_methods::m::isascii),
            MethodDef::method("isdigit", $crate::types::bytes_methods::m::isdigit),
            MethodDef::method("islower", $crate::types::bytes_methods::m::islower),
            MethodDef::method("isspace", $crate::types::bytes_methods::m::isspace),
            MethodDef::method("istitle", $crate::types::bytes_methods::m::istitle),
            MethodDef::method("isupper", $crate::types::bytes_methods::m::isupper),
            MethodDef::method("join", $crate::types::bytes_methods::m::join),
            MethodDef::method("ljust", $crate::types::bytes_methods::m::ljust),
            MethodDef::method("lower", $crate::types::bytes_methods::m::lower),
            MethodDef::method("lstrip", $crate::types::bytes_methods::m::lstrip),
            MethodDef::staticmethod("maketrans", $crate::types::bytes_methods::m::maketrans),
            MethodDef::method("partition", $crate::types::bytes_methods::m::partition),
            MethodDef::method("removeprefix", $crate::types::bytes_methods::m::removeprefix),
            MethodDef::method("removesuffix", $crate::types::bytes_methods::m::removesuffix),
            MethodDef::method("replace", $crate::types::bytes_methods::m::replace),
            MethodDef::method("rfind", $crate::types::bytes_methods::m::rfind),
            MethodDef::method("rindex", $crate::types::bytes_methods::m::rindex),
            MethodDef::method("rjust", $crate::types::bytes_methods::m::rjust),
            MethodDef::method("rpartition", $crate::types::bytes_methods::m::rpartition),
            MethodDef::method("rsplit", $crate::types::bytes_methods::m::rsplit),
            MethodDef::method("rstrip", $crate::types::bytes_methods::m::rstrip),
            MethodDef::method("split", $crate::types::bytes_methods::m::split),
            MethodDef::method("splitlines", $crate::types::bytes_methods::m::splitlines),
            MethodDef::method("startswith", $crate::types::bytes_methods::m::startswith),
            MethodDef::method("strip", $crate::types::bytes_methods::m::strip),
            MethodDef::method("swapcase", $crate::types::bytes_methods::m::swapcase),
            MethodDef::method("title", $crate::types::bytes_methods::m::title),
            MethodDef::method("translate", $crate::types::bytes_methods::m::translate),
            MethodDef::method("upper", $crate::types::bytes_methods::m::upper),
            MethodDef::method("zfill", $crate::types::bytes_methods::m::zfill),
            $($extra,)*
        ]
    };
}

/// The method functions under their Python names (for the table macro).
pub mod m {
    pub use super::{
        m_capitalize as capitalize, m_center as center, m_count as count, m_decode as decode,
        m_endswith as endswith, m_expandtabs as expandtabs, m_find as find, m_fromhex as fromhex,
        m_hex as hex, m_index as index, m_isalnum as isalnum, m_isalpha as isalpha,
        m_isascii as isascii, m_isdigit as isdigit, m_islower as islower, m_isspace as isspace,
        m_istitle as istitle, m_isupper as isupper, m_join as join, m_ljust as ljust,
        m_lower as lower, m_lstrip as lstrip, m_maketrans as maketrans, m_partition as partition,
        m_removeprefix as removeprefix, m_removesuffix as removesuffix, m_replace as replace,
        m_rfind as rfind, m_rindex as rindex, m_rjust as rjust, m_rpartition as rpartition,
        m_rsplit as rsplit, m_rstrip as rstrip, m_split as split, m_splitlines as splitlines,
        m_startswith as startswith, m_strip as strip, m_swapcase as swapcase, m_title as title,
        m_translate as translate, m_upper as upper, m_zfill as zfill,
    };
}

#[allow(dead_code)]
fn _keep(_: MethodDef) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting() {
        assert_eq!(
            split_sep(b"a,b,,c", b",", -1),
            vec![&b"a"[..], b"b", b"", b"c"]
        );
        assert_eq!(rsplit_sep(b"a,b,,c", b",", 1), vec![&b"a,b,"[..], b"c"]);
        let d = b"  a b  c ";
        let r = split_ws_ranges(d.len(), |i| d[i] == b' ', 1);
        assert_eq!(r, vec![(2, 3), (4, 9)]);
        let r = rsplit_ws_ranges(d.len(), |i| d[i] == b' ', 1);
        assert_eq!(r, vec![(0, 5), (7, 8)]);
    }

    #[test]
    fn hex_groups() {
        assert_eq!(hex_with_sep(&[1, 2, 3], Some(b':'), 2), "01:0203");
        assert_eq!(hex_with_sep(&[1, 2, 3], Some(b':'), -2), "0102:03");
        assert_eq!(adjust_indices(-2, i64::MAX, 5), (3, 5));
        assert_eq!(count_sub(b"aaaa", b"aa", usize::MAX), 2);
        assert_eq!(replace_bytes(b"ab", b"", b"-", -1), b"-a-b-".to_vec());
    }
}
