//! The methods of `str` (everything that is not a slot).  Case mapping and
//! character classes use Rust's Unicode tables (close to Unicode 14; see
//! DEPENDENCIES.md for the known differences).

use taipan_common::Wtf8Buf;

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bool_::py_bool;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::none::is_none;
use crate::types::str::{PyStr, expect_str, find_bytes};
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// The decimal value of a Unicode decimal digit (category Nd).
pub fn unicode_decimal(cp: u32) -> Option<u8> {
    if (0x30..=0x39).contains(&cp) {
        return Some((cp - 0x30) as u8);
    }
    // Blocks of Nd digits start at code points ending in 0 (or 6 for a
    // few scripts); these ranges cover the common ones.
    const STARTS: &[u32] = &[
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50,
        0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0,
        0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x11066,
        0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    ];
    for &s in STARTS {
        if cp >= s && cp < s + 10 {
            return Some((cp - s) as u8);
        }
    }
    None
}

fn this<'a>(a: &Args<'a>, name: &str) -> PyResult<&'a PyStr> {
    let s = a.args.first().ok_or_else(|| type_error(format!("descriptor '{name}' of 'str' object needs an argument")))?;
    expect_str(s, "descriptor")
}

fn new_str(s: &str) -> PyRef {
    PyStr::new_ref(s)
}

fn wtf(s: &PyStr) -> String {
    s.to_string_lossy()
}

fn map_chars(a: Args<'_>, name: &str, f: impl Fn(&str) -> String) -> PyResult {
    let s = this(&a, name)?;
    a.shift().no_args(&format!("str.{name}"))?;
    Ok(new_str(&f(&wtf(s))))
}

fn m_upper(_: &Vm, a: Args<'_>) -> PyResult {
    map_chars(a, "upper", |s| s.to_uppercase())
}
fn m_lower(_: &Vm, a: Args<'_>) -> PyResult {
    map_chars(a, "lower", |s| s.to_lowercase())
}
fn m_casefold(_: &Vm, a: Args<'_>) -> PyResult {
    map_chars(a, "casefold", |s| s.to_lowercase().replace('ß', "ss"))
}
fn m_swapcase(_: &Vm, a: Args<'_>) -> PyResult {
    map_chars(a, "swapcase", |s| {
        s.chars()
            .map(|c| if c.is_uppercase() { c.to_lowercase().collect::<String>() } else { c.to_uppercase().collect() })
            .collect()
    })
}
fn m_capitalize(_: &Vm, a: Args<'_>) -> PyResult {
    map_chars(a, "capitalize", |s| {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
            None => String::new(),
        }
    })
}
fn m_title(_: &Vm, a: Args<'_>) -> PyResult {
    map_chars(a, "title", |s| {
        let mut out = String::new();
        let mut prev_cased = false;
        for c in s.chars() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = c.is_alphabetic() && (c.is_lowercase() || c.is_uppercase() || c.is_alphabetic());
            if !c.is_alphabetic() {
                prev_cased = false;
            }
        }
        out
    })
}

fn pred(a: Args<'_>, name: &str, empty: bool, f: impl Fn(char) -> bool) -> PyResult {
    let s = this(&a, name)?;
    a.shift().no_args(&format!("str.{name}"))?;
    let t = wtf(s);
    if t.is_empty() {
        return Ok(py_bool(empty));
    }
    Ok(py_bool(t.chars().all(f)))
}

fn m_isdigit(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isdigit", false, |c| unicode_decimal(c as u32).is_some() || matches!(c, '²' | '³' | '¹' | '⁰'..='⁹' | '₀'..='₉' | '①'..='⑨'))
}
fn m_isdecimal(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isdecimal", false, |c| unicode_decimal(c as u32).is_some())
}
fn m_isnumeric(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isnumeric", false, |c| c.is_numeric())
}
fn m_isalpha(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isalpha", false, |c| c.is_alphabetic() && !c.is_numeric())
}
fn m_isalnum(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isalnum", false, |c| c.is_alphanumeric())
}
fn m_isspace(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isspace", false, is_py_space)
}
fn m_isascii(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isascii", true, |c| c.is_ascii())
}
fn m_isprintable(_: &Vm, a: Args<'_>) -> PyResult {
    pred(a, "isprintable", true, |c| {
        let cp = c as u32;
        if cp < 0x7F { cp >= 0x20 } else { crate::types::str::is_printable(cp) }
    })
}
fn m_isupper(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "isupper")?;
    let t = wtf(s);
    Ok(py_bool(t.chars().any(|c| c.is_uppercase()) && !t.chars().any(|c| c.is_lowercase())))
}
fn m_islower(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "islower")?;
    let t = wtf(s);
    Ok(py_bool(t.chars().any(|c| c.is_lowercase()) && !t.chars().any(|c| c.is_uppercase())))
}
fn m_istitle(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "istitle")?;
    let t = wtf(s);
    let mut prev_cased = false;
    let mut any = false;
    for c in t.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return Ok(py_bool(false));
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
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
    let t = wtf(s);
    let mut ch = t.chars();
    let ok = match ch.next() {
        Some(c) if c == '_' || c.is_alphabetic() => ch.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    };
    Ok(py_bool(ok))
}

/// Python's `str.isspace()` for one character.
pub fn is_py_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f' | '\u{85}' | '\u{a0}')
        || (c as u32 > 0x7f && c.is_whitespace())
}

fn strip_arg(a: &Args<'_>, name: &str) -> PyResult<Option<String>> {
    let rest = a.shift();
    let args = rest.range(name, 0, 1)?;
    match args.first() {
        None => Ok(None),
        Some(x) if is_none(x) => Ok(None),
        Some(x) => Ok(Some(
            x.downcast::<PyStr>()
                .ok_or_else(|| type_error(format!("{name} arg must be None or str")))?
                .to_string_lossy(),
        )),
    }
}

fn do_strip(a: Args<'_>, name: &str, left: bool, right: bool) -> PyResult {
    let s = this(&a, name)?;
    let chars = strip_arg(&a, name)?;
    let t = wtf(s);
    let f = |c: char| match &chars {
        None => is_py_space(c),
        Some(cs) => cs.contains(c),
    };
    let mut r: &str = &t;
    if left {
        r = r.trim_start_matches(f);
    }
    if right {
        r = r.trim_end_matches(f);
    }
    Ok(new_str(r))
}
fn m_strip(_: &Vm, a: Args<'_>) -> PyResult {
    do_strip(a, "strip", true, true)
}
fn m_lstrip(_: &Vm, a: Args<'_>) -> PyResult {
    do_strip(a, "lstrip", true, false)
}
fn m_rstrip(_: &Vm, a: Args<'_>) -> PyResult {
    do_strip(a, "rstrip", false, true)
}

fn split_impl(vm: &Vm, a: Args<'_>, name: &str, right: bool) -> PyResult {
    let s = this(&a, name)?;
    let [sep, maxsplit] = a.shift().bind(name, ["sep", "maxsplit"], 0, 0)?;
    let maxsplit = match maxsplit {
        Some(m) => crate::types::int::as_ssize(vm, &m)?,
        None => -1,
    };
    let t = wtf(s);
    let mut out: Vec<String> = Vec::new();
    match sep.filter(|x| !is_none(x)) {
        None => {
            let words: Vec<&str> = t.split(is_py_space).filter(|w| !w.is_empty()).collect();
            if maxsplit < 0 || (words.len() as i64) <= maxsplit {
                out = words.into_iter().map(String::from).collect();
            } else if !right {
                // split at most maxsplit times from the left, keep remainder
                let mut rest = t.trim_start_matches(is_py_space);
                for _ in 0..maxsplit {
                    let end = rest.find(is_py_space).unwrap_or(rest.len());
                    out.push(rest[..end].to_string());
                    rest = rest[end..].trim_start_matches(is_py_space);
                }
                if !rest.is_empty() {
                    out.push(rest.to_string());
                }
            } else {
                let mut rest = t.trim_end_matches(is_py_space);
                for _ in 0..maxsplit {
                    let start = rest.rfind(is_py_space).map(|i| i + rest[i..].chars().next().map_or(1, |c| c.len_utf8())).unwrap_or(0);
                    out.push(rest[start..].to_string());
                    rest = rest[..start].trim_end_matches(is_py_space);
                }
                if !rest.is_empty() {
                    out.push(rest.to_string());
                }
                out.reverse();
            }
        }
        Some(sep) => {
            let sep = sep
                .downcast::<PyStr>()
                .ok_or_else(|| type_error(format!("must be str or None, not {}", sep.class().name())))?
                .to_string_lossy();
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            if maxsplit < 0 {
                out = t.split(sep.as_str()).map(String::from).collect();
            } else if !right {
                out = t.splitn(maxsplit as usize + 1, sep.as_str()).map(String::from).collect();
            } else {
                out = t.rsplitn(maxsplit as usize + 1, sep.as_str()).map(String::from).collect();
                out.reverse();
            }
        }
    }
    Ok(PyList::new_ref(out.iter().map(|w| new_str(w)).collect()))
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
        Some(k) => crate::protocol::object::is_true(vm, &k)?,
        None => false,
    };
    let t = wtf(s);
    let mut out = Vec::new();
    let mut start = 0;
    let b: Vec<(usize, char)> = t.char_indices().collect();
    let mut i = 0;
    while i < b.len() {
        let (pos, c) = b[i];
        let is_break = matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}');
        if is_break {
            let mut end = pos + c.len_utf8();
            if c == '\r' && i + 1 < b.len() && b[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            out.push(new_str(if keep { &t[start..end] } else { &t[start..pos] }));
            start = end;
        }
        i += 1;
    }
    if start < t.len() {
        out.push(new_str(&t[start..]));
    }
    Ok(PyList::new_ref(out))
}

fn m_join(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "join")?;
    let it = a.shift().one_arg("str.join")?;
    let items = crate::protocol::iter::collect(vm, it)?;
    let mut out = Wtf8Buf::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_wtf8(s.as_wtf8());
        }
        let xs = x.downcast::<PyStr>().ok_or_else(|| {
            type_error(format!("sequence item {i}: expected str instance, {} found", x.class().name()))
        })?;
        out.push_wtf8(xs.as_wtf8());
    }
    Ok(PyStr::from_wtf8_ref(out))
}

/// Parses optional `start`/`end` arguments into a code point range.
fn range_args(vm: &Vm, s: &PyStr, rest: &[PyRef]) -> PyResult<(usize, usize)> {
    let n = s.char_len() as i64;
    let norm = |v: i64| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let get = |o: Option<&PyRef>, d: i64| -> PyResult<i64> {
        match o {
            None => Ok(d),
            Some(x) if is_none(x) => Ok(d),
            Some(x) => Ok(norm(crate::types::int::index_for(vm, x, "slice indices must be integers or None or have an __index__ method")?)),
        }
    };
    let start = get(rest.first(), 0)?;
    let end = get(rest.get(1), n)?;
    Ok((start as usize, end as usize))
}

fn find_impl(vm: &Vm, a: Args<'_>, name: &str, right: bool) -> PyResult<Option<i64>> {
    let s = this(&a, name)?;
    let rest = a.shift().range(name, 1, 3)?;
    let sub = rest[0]
        .downcast::<PyStr>()
        .ok_or_else(|| type_error(format!("must be str, not {}", rest[0].class().name())))?;
    let (start, end) = range_args(vm, s, &rest[1..])?;
    if start > end {
        return Ok(None);
    }
    if end - start < sub.char_len() {
        return Ok(None);
    }
    let hay = s.substring(start, end);
    let hb = hay.as_bytes();
    let nb = sub.as_bytes();
    let pos = if right {
        if nb.is_empty() {
            Some(hb.len())
        } else {
            hb.windows(nb.len()).rposition(|w| w == nb)
        }
    } else {
        find_bytes(hb, nb)
    };
    Ok(pos.map(|p| start as i64 + hb[..p].iter().filter(|&&b| (b & 0xC0) != 0x80).count() as i64))
}

fn m_find(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(int_from_i64(find_impl(vm, a, "find", false)?.unwrap_or(-1)))
}
fn m_rfind(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(int_from_i64(find_impl(vm, a, "rfind", true)?.unwrap_or(-1)))
}
fn m_index(vm: &Vm, a: Args<'_>) -> PyResult {
    find_impl(vm, a, "index", false)?.map(int_from_i64).ok_or_else(|| value_error("substring not found"))
}
fn m_rindex(vm: &Vm, a: Args<'_>) -> PyResult {
    find_impl(vm, a, "rindex", true)?.map(int_from_i64).ok_or_else(|| value_error("substring not found"))
}

fn m_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "count")?;
    let rest = a.shift().range("count", 1, 3)?;
    let sub = rest[0]
        .downcast::<PyStr>()
        .ok_or_else(|| type_error(format!("must be str, not {}", rest[0].class().name())))?;
    let (start, end) = range_args(vm, s, &rest[1..])?;
    if start > end {
        return Ok(int_from_i64(0));
    }
    let hay = s.substring(start, end);
    if sub.char_len() == 0 {
        return Ok(int_from_i64((end - start) as i64 + 1));
    }
    let (hb, nb) = (hay.as_bytes(), sub.as_bytes());
    let mut c = 0;
    let mut i = 0;
    while let Some(p) = find_bytes(&hb[i..], nb) {
        c += 1;
        i += p + nb.len();
    }
    Ok(int_from_i64(c))
}

fn m_replace(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "replace")?;
    let rest = a.shift().range("replace", 2, 3)?;
    let old = expect_str(&rest[0], "replace() argument 1")?;
    let new = expect_str(&rest[1], "replace() argument 2")?;
    let count = match rest.get(2) {
        Some(c) => crate::types::int::as_ssize(vm, c)?,
        None => -1,
    };
    let (hb, ob, nb) = (s.as_bytes(), old.as_bytes(), new.as_bytes());
    let mut out: Vec<u8> = Vec::with_capacity(hb.len());
    let mut n = 0i64;
    if ob.is_empty() {
        // insert `new` between characters
        let t = wtf(s);
        let mut first = true;
        for ch in t.chars() {
            if count < 0 || n < count {
                out.extend_from_slice(nb);
                n += 1;
            }
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            first = false;
        }
        let _ = first;
        if count < 0 || n < count {
            out.extend_from_slice(nb);
        }
        return Ok(PyStr::from_wtf8_ref(Wtf8Buf::from_bytes_unchecked(out)));
    }
    let mut i = 0;
    while count < 0 || n < count {
        match find_bytes(&hb[i..], ob) {
            Some(p) => {
                out.extend_from_slice(&hb[i..i + p]);
                out.extend_from_slice(nb);
                i += p + ob.len();
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&hb[i..]);
    Ok(PyStr::from_wtf8_ref(Wtf8Buf::from_bytes_unchecked(out)))
}

fn affix_impl(vm: &Vm, a: Args<'_>, name: &str, end: bool) -> PyResult {
    let s = this(&a, name)?;
    let rest = a.shift().range(name, 1, 3)?;
    let (start, stop) = range_args(vm, s, &rest[1..])?;
    let hay = if start <= stop { s.substring(start, stop) } else { Wtf8Buf::new() };
    let check = |x: &PyRef| -> PyResult<bool> {
        let p = x.downcast::<PyStr>().ok_or_else(|| {
            type_error(format!("tuple for {name} must only contain str, not {}", x.class().name()))
        })?;
        if start > s.char_len() {
            return Ok(false);
        }
        Ok(if end { hay.as_bytes().ends_with(p.as_bytes()) } else { hay.as_bytes().starts_with(p.as_bytes()) })
    };
    if let Some(t) = rest[0].downcast::<PyTuple>() {
        for x in t.as_slice() {
            if check(x)? {
                return Ok(py_bool(true));
            }
        }
        return Ok(py_bool(false));
    }
    if rest[0].downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            rest[0].class().name()
        )));
    }
    Ok(py_bool(check(&rest[0])?))
}
fn m_startswith(vm: &Vm, a: Args<'_>) -> PyResult {
    affix_impl(vm, a, "startswith", false)
}
fn m_endswith(vm: &Vm, a: Args<'_>) -> PyResult {
    affix_impl(vm, a, "endswith", true)
}

fn pad_args(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(usize, char)> {
    let rest = a.shift().range(name, 1, 2)?;
    let w = crate::types::int::as_ssize(vm, &rest[0])?.max(0) as usize;
    let fill = match rest.get(1) {
        None => ' ',
        Some(f) => {
            let fs = f.downcast::<PyStr>().ok_or_else(|| {
                type_error(format!("{name}() argument 2 must be str, not {}", f.class().name()))
            })?;
            if fs.char_len() != 1 {
                return Err(type_error("The fill character must be exactly one character long"));
            }
            fs.to_string_lossy().chars().next().unwrap_or(' ')
        }
    };
    Ok((w, fill))
}

fn pad(s: &PyStr, left: usize, right: usize, fill: char) -> PyRef {
    let mut out = String::new();
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(&wtf(s));
    out.extend(std::iter::repeat_n(fill, right));
    new_str(&out)
}

fn m_center(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "center")?;
    let (w, fill) = pad_args(vm, &a, "center")?;
    let n = s.char_len();
    if w <= n {
        return Ok(a.args[0].clone());
    }
    let marg = w - n;
    let left = marg / 2 + (marg & w & 1);
    Ok(pad(s, left, marg - left, fill))
}
fn m_ljust(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "ljust")?;
    let (w, fill) = pad_args(vm, &a, "ljust")?;
    let n = s.char_len();
    Ok(if w <= n { a.args[0].clone() } else { pad(s, 0, w - n, fill) })
}
fn m_rjust(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "rjust")?;
    let (w, fill) = pad_args(vm, &a, "rjust")?;
    let n = s.char_len();
    Ok(if w <= n { a.args[0].clone() } else { pad(s, w - n, 0, fill) })
}
fn m_zfill(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "zfill")?;
    let [w] = a.shift().exact::<1>("zfill")?;
    let w = crate::types::int::as_ssize(vm, w)?.max(0) as usize;
    let t = wtf(s);
    let n = s.char_len();
    if w <= n {
        return Ok(a.args[0].clone());
    }
    let (sign, body) = match t.chars().next() {
        Some(c @ ('+' | '-')) => (Some(c), &t[1..]),
        _ => (None, &t[..]),
    };
    let mut out = String::new();
    if let Some(c) = sign {
        out.push(c);
    }
    out.extend(std::iter::repeat_n('0', w - n));
    out.push_str(body);
    Ok(new_str(&out))
}

fn partition_impl(a: Args<'_>, name: &str, right: bool) -> PyResult {
    let s = this(&a, name)?;
    let sep = a.shift().one_arg(&format!("str.{name}"))?;
    let sep = sep.downcast::<PyStr>().ok_or_else(|| type_error(format!("must be str, not {}", sep.class().name())))?;
    if sep.char_len() == 0 {
        return Err(value_error("empty separator"));
    }
    let t = wtf(s);
    let st = sep.to_string_lossy();
    let pos = if right { t.rfind(&st) } else { t.find(&st) };
    Ok(PyTuple::new_ref(match pos {
        Some(p) => vec![new_str(&t[..p]), new_str(&st), new_str(&t[p + st.len()..])],
        None if right => vec![new_str(""), new_str(""), new_str(&t)],
        None => vec![new_str(&t), new_str(""), new_str("")],
    }))
}
fn m_partition(_: &Vm, a: Args<'_>) -> PyResult {
    partition_impl(a, "partition", false)
}
fn m_rpartition(_: &Vm, a: Args<'_>) -> PyResult {
    partition_impl(a, "rpartition", true)
}

fn m_encode(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a.args.first().ok_or_else(|| type_error("descriptor 'encode' of 'str' object needs an argument"))?;
    let [enc, err] = a.shift().bind("encode", ["encoding", "errors"], 0, 0)?;
    let get = |o: Option<PyRef>, d: &str, what: &str| -> PyResult<String> {
        match o {
            None => Ok(d.into()),
            Some(x) => x
                .downcast::<PyStr>()
                .map(|s| s.to_string_lossy())
                .ok_or_else(|| type_error(format!("encode() argument '{what}' must be str, not {}", x.class().name()))),
        }
    };
    let enc = get(enc, "utf-8", "encoding")?;
    let err = get(err, "strict", "errors")?;
    Ok(crate::types::bytes::PyBytes::new_ref(crate::types::bytes::encode(s, &enc, &err)?))
}

fn m_expandtabs(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "expandtabs")?;
    let [ts] = a.shift().bind("expandtabs", ["tabsize"], 0, 0)?;
    let ts = match ts {
        Some(t) => crate::types::int::as_ssize(vm, &t)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in wtf(s).chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(new_str(&out))
}

fn m_removeprefix(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "removeprefix")?;
    let p = a.shift().one_arg("str.removeprefix")?;
    let p = expect_str(p, "removeprefix() argument")?;
    match s.as_bytes().strip_prefix(p.as_bytes()) {
        Some(r) => Ok(PyStr::from_wtf8_ref(Wtf8Buf::from_bytes_unchecked(r.to_vec()))),
        None => Ok(a.args[0].clone()),
    }
}
fn m_removesuffix(_: &Vm, a: Args<'_>) -> PyResult {
    let s = this(&a, "removesuffix")?;
    let p = a.shift().one_arg("str.removesuffix")?;
    let p = expect_str(p, "removesuffix() argument")?;
    match s.as_bytes().strip_suffix(p.as_bytes()) {
        Some(r) if !p.as_bytes().is_empty() => Ok(PyStr::from_wtf8_ref(Wtf8Buf::from_bytes_unchecked(r.to_vec()))),
        _ => Ok(a.args[0].clone()),
    }
}

fn m_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a.args.first().ok_or_else(|| type_error("descriptor 'format' of 'str' object needs an argument"))?;
    crate::types::str_format::str_format(vm, s, a.shift())
}

fn m_format_map(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, m] = a.exact::<2>("format_map")?;
    crate::types::str_format::str_format_map(vm, s, m)
}

fn m_dunder_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, spec] = a.exact::<2>("__format__")?;
    let spec = expect_str(spec, "format spec")?;
    crate::types::str_format::format_str_spec(vm, s, &spec.to_string_lossy())
}

fn m_getnewargs(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__getnewargs__")?;
    let st = expect_str(s, "descriptor")?;
    Ok(PyTuple::new_ref(vec![PyStr::from_wtf8_ref(st.as_wtf8().clone())]))
}

fn m_sizeof(_: &Vm, a: Args<'_>) -> PyResult {
    let [s] = a.exact::<1>("__sizeof__")?;
    let st = expect_str(s, "descriptor")?;
    Ok(int_from_i64(49 + st.char_len() as i64))
}

fn m_maketrans(vm: &Vm, a: Args<'_>) -> PyResult {
    let rest = a.range("maketrans", 1, 3)?;
    let d = crate::types::dict::PyDict::default();
    if rest.len() == 1 {
        let src = rest[0]
            .downcast::<crate::types::dict::PyDict>()
            .ok_or_else(|| type_error("if you give only one argument to maketrans it must be a dict"))?;
        for (k, v) in src.items() {
            let key = match k.downcast::<PyStr>() {
                Some(ks) if ks.char_len() == 1 => int_from_i64(ks.char_at(0).unwrap_or(0) as i64),
                Some(_) => return Err(value_error("string keys in translate table must be of length 1")),
                None => k.clone(),
            };
            d.set_item(vm, key, v)?;
        }
    } else {
        let x = expect_str(&rest[0], "maketrans() argument 1")?;
        let y = expect_str(&rest[1], "maketrans() argument 2")?;
        if x.char_len() != y.char_len() {
            return Err(value_error("the first two maketrans arguments must have equal length"));
        }
        for (c1, c2) in x.code_points().zip(y.code_points()) {
            d.set_item(vm, int_from_i64(c1 as i64), int_from_i64(c2 as i64))?;
        }
        if let Some(z) = rest.get(2) {
            let z = expect_str(z, "maketrans() argument 3")?;
            for c in z.code_points() {
                d.set_item(vm, int_from_i64(c as i64), crate::types::none::none())?;
            }
        }
    }
    Ok(crate::object::alloc(d))
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
                } else if let Some(i) = crate::types::int::to_i64(&v) {
                    if !(0..=0x10FFFF).contains(&i) {
                        return Err(value_error("character mapping must be in range(0x110000)"));
                    }
                    out.push_code_point(i as u32);
                } else {
                    return Err(type_error("character mapping must return integer, None or str"));
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
