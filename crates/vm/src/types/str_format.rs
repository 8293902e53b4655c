//! Text formatting: the format-spec mini-language (`format(x, spec)`,
//! f-strings, `str.__format__`), `str.format`/`format_map`, and the float
//! digit helpers used by printf-style `%` formatting (`str_percent.rs`).
//!
//! ## Format-spec API (shared with the number types)
//!
//! `parse_spec(spec, default_type, default_align, tyname) -> PyResult<Spec>`
//! parses `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`
//! exactly as CPython 3.11's `parse_internal_render_format_spec`: `0`
//! without an explicit fill sets the fill to `'0'` and, for numbers
//! (`default_align == '>'`), the alignment to `'='`; a missing type becomes
//! `default_type`; grouping is checked against the type ("Cannot specify
//! ',' with 's'.").  Errors carry CPython's messages, with `tyname` in
//! "Invalid format specifier ... for object of type 'T'".
//! `pad_spec(spec, sign, body, default_align)` applies fill/alignment/width
//! to a rendered value (`sign` goes before `=` padding).
//! `format_float_body(f, spec)` renders `|f|` for the types e/E/f/F/g/G/%
//! and returns `(negative, digits)`; `sign_str` gives the sign prefix.

use crate::args::Args;
use crate::error::{PyResult, key_error, type_error, value_error};
use crate::types::str::{PyStr, expect_str};
use crate::value::PyRef;
use crate::vm::Vm;

pub use crate::types::str_percent::{bytes_percent_format, percent_format};

/// A parsed format specification.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

/// Largest width/precision accepted (beyond: "Too many decimal digits").
const MAX_DIGITS_VALUE: usize = isize::MAX as usize;

/// Paddings beyond this cannot be allocated (CPython: MemoryError).
pub const MAX_PAD: usize = 1 << 31;

fn read_int(c: &[char], i: &mut usize) -> PyResult<Option<usize>> {
    let st = *i;
    let mut v: usize = 0;
    while *i < c.len() && c[*i].is_ascii_digit() {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(c[*i] as usize - '0' as usize))
            .filter(|&v| v <= MAX_DIGITS_VALUE)
            .ok_or_else(|| value_error("Too many decimal digits in format string"))?;
        *i += 1;
    }
    Ok(if *i > st { Some(v) } else { None })
}

/// The character as CPython shows it in messages (`'\x..'` if not printable ASCII).
fn shown(c: char) -> String {
    if (' '..='~').contains(&c) {
        c.to_string()
    } else {
        format!("\\x{:x}", c as u32)
    }
}

/// Parses a format spec (see the module documentation).
pub fn parse_spec(
    spec: &str,
    default_type: Option<char>,
    default_align: char,
    tyname: &str,
) -> PyResult<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec {
        ty: default_type,
        ..Spec::default()
    };
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = Some(c[0]);
        s.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        s.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        s.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        s.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if s.fill.is_none() && i < c.len() && c[i] == '0' {
        s.zero = true;
        s.fill = Some('0');
        if s.align.is_none() && default_align == '>' {
            s.align = Some('=');
        }
        i += 1;
    }
    s.width = read_int(&c, &mut i)?;
    if i < c.len() && c[i] == ',' {
        s.grouping = Some(',');
        i += 1;
        if i < c.len() && c[i] == '_' {
            return Err(value_error("Cannot specify both ',' and '_'."));
        }
    }
    if i < c.len() && c[i] == '_' {
        if s.grouping.is_some() {
            return Err(value_error("Cannot specify both ',' and '_'."));
        }
        s.grouping = Some('_');
        i += 1;
        if i < c.len() && c[i] == ',' {
            return Err(value_error("Cannot specify both ',' and '_'."));
        }
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        s.precision = read_int(&c, &mut i)?;
        if s.precision.is_none() {
            return Err(value_error("Format specifier missing precision"));
        }
    }
    if c.len() - i > 1 {
        return Err(value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{tyname}'"
        )));
    }
    if i < c.len() {
        s.ty = Some(c[i]);
    }
    if let Some(g) = s.grouping {
        let ok = match s.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !ok {
            let t = s.ty.map(shown).unwrap_or_default();
            return Err(value_error(format!("Cannot specify '{g}' with '{t}'.")));
        }
    }
    Ok(s)
}

/// "Unknown format code 'X' for object of type 'T'".
pub fn unknown_code(ty: char, tyname: &str) -> crate::error::PyErr {
    value_error(format!(
        "Unknown format code '{}' for object of type '{tyname}'",
        shown(ty)
    ))
}

/// Pads `sign` + `body` per the spec's fill, alignment and width.
pub fn pad_spec(spec: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let fill = spec.fill.unwrap_or(' ');
    let align = spec.align.unwrap_or(default_align);
    let len = sign.chars().count() + body.chars().count();
    let width = spec.width.unwrap_or(0);
    if len >= width {
        return format!("{sign}{body}");
    }
    let n = width - len;
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

/// The sign prefix for a value.
pub fn sign_str(neg: bool, spec: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// Rust's `{:e}` to Python's exponent style (`1.5e+02`).
fn fix_exp(s: &str, upper: bool) -> String {
    let (m, e) = s.split_once('e').unwrap_or((s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!(
        "{m}{}{}{:02}",
        if upper { 'E' } else { 'e' },
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

fn strip_zeros(s: &str) -> String {
    if let Some((m, e)) = s.split_once(['e', 'E']) {
        let exp_char = if s.contains('E') { 'E' } else { 'e' };
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        return format!("{m}{exp_char}{e}");
    }
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// `|f|` in general format with `p` significant digits.
fn general(f: f64, p: usize, alt: bool, upper: bool) -> String {
    let p = p.max(1);
    let e = crate::types::num_format::scientific(f, p - 1);
    let exp: i32 = e
        .split_once('e')
        .and_then(|(_, x)| x.parse().ok())
        .unwrap_or(0);
    let s = if exp >= -4 && exp < p as i32 {
        crate::types::num_format::fixed(f, (p as i32 - 1 - exp).max(0) as usize)
    } else {
        fix_exp(&e, upper)
    };
    if alt {
        if !s.contains('.') {
            return match s.find(['e', 'E']) {
                Some(i) => format!("{}.{}", &s[..i], &s[i..]),
                None => format!("{s}."),
            };
        }
        s
    } else {
        strip_zeros(&s)
    }
}

/// Renders `|f|` for the float presentation types `e E f F g G %`
/// (precision defaults to 6); returns `(is_negative, text)`.
pub fn format_float_body(f: f64, spec: &Spec) -> (bool, String) {
    let neg = f.is_sign_negative() && !(spec.z && f == 0.0) && !f.is_nan();
    let a = f.abs();
    let ty = spec.ty.unwrap_or('g');
    let upper = matches!(ty, 'E' | 'F' | 'G');
    let p = spec.precision.unwrap_or(6);
    if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        let t = if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        };
        return (neg, if ty == '%' { format!("{t}%") } else { t });
    }
    let alt_dot = |s: String| -> String {
        if spec.alt && !s.contains('.') {
            match s.find(['e', 'E']) {
                Some(i) => format!("{}.{}", &s[..i], &s[i..]),
                None => format!("{s}."),
            }
        } else {
            s
        }
    };
    let body = match ty {
        'f' | 'F' => alt_dot(crate::types::num_format::fixed(a, p)),
        'e' | 'E' => alt_dot(fix_exp(&crate::types::num_format::scientific(a, p), upper)),
        '%' => {
            let s = alt_dot(crate::types::num_format::fixed(a * 100.0, p));
            format!("{s}%")
        }
        _ => general(a, p, spec.alt, upper),
    };
    (neg, body)
}

/// `format(str, spec)`.
pub fn format_str_spec(vm: &Vm, s: &PyRef, spec_text: &str) -> PyResult {
    let st = expect_str(s, "format")?;
    if spec_text.is_empty() {
        return crate::protocol::object::str(vm, s);
    }
    let tyname = s.class().name();
    let spec = parse_spec(spec_text, Some('s'), '<', &tyname)?;
    if let Some(t) = spec.ty
        && t != 's'
    {
        return Err(unknown_code(t, &tyname));
    }
    if spec.sign.is_some() {
        return Err(value_error("Sign not allowed in string format specifier"));
    }
    if spec.z {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alt {
        return Err(value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if spec.align == Some('=') {
        return Err(value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    if spec.width.unwrap_or(0) > MAX_PAD {
        return Err(crate::error::memory_error(""));
    }
    let n = st.char_len();
    let keep = spec.precision.map_or(n, |p| p.min(n));
    let width = spec.width.unwrap_or(0);
    if keep == n && width <= n && s.is_exact::<PyStr>() {
        return Ok(s.clone());
    }
    let body = st.substring(0, keep);
    let fill = spec.fill.unwrap_or(' ');
    let pad = width.saturating_sub(keep);
    let (l, r) = match spec.align.unwrap_or('<') {
        '>' => (pad, 0),
        '^' => (pad / 2, pad - pad / 2),
        _ => (0, pad),
    };
    let mut out = taipan_common::Wtf8Buf::with_capacity(body.len_bytes() + pad);
    for _ in 0..l {
        out.push_char(fill);
    }
    out.push_wtf8(&body);
    for _ in 0..r {
        out.push_char(fill);
    }
    Ok(PyStr::from_wtf8_ref(out))
}

/// `format(value, spec)`.
pub fn format(vm: &Vm, value: &PyRef, spec: &PyRef) -> PyResult {
    if value.is_exact::<PyStr>() && spec.downcast::<PyStr>().is_some_and(|s| s.char_len() == 0) {
        return Ok(value.clone());
    }
    let r = match crate::protocol::call::call_special(
        vm,
        value,
        "__format__",
        std::slice::from_ref(spec),
    )? {
        Some(r) => r,
        None => {
            return Err(type_error(format!(
                "Type {} doesn't define __format__",
                value.class().name()
            )));
        }
    };
    if r.downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "__format__ must return a str, not {}",
            r.class().name()
        )));
    }
    Ok(r)
}

// ---------------------------------------------------------------- str.format

enum Source<'a> {
    Args(Args<'a>),
    Map(&'a PyRef),
}

/// Automatic (`{}`) versus manual (`{0}`) field numbering, shared by the
/// nested replacement fields of format specs.
#[derive(Default)]
struct Numbering {
    auto: Option<usize>,
    manual: bool,
}

fn lookup_field(vm: &Vm, src: &Source<'_>, name: &[char], num: &mut Numbering) -> PyResult {
    let end = name
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(name.len());
    let first: String = name[..end].iter().collect();
    let positional = |idx: usize| -> PyResult {
        match src {
            Source::Args(a) => a.positional().get(idx).cloned().ok_or_else(|| {
                crate::error::index_error(format!(
                    "Replacement index {idx} out of range for positional args tuple"
                ))
            }),
            Source::Map(_) => Err(value_error("Format string contains positional fields")),
        }
    };
    let mut obj = if first.is_empty() {
        if num.manual {
            return Err(value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        let i = num.auto.get_or_insert(0);
        let idx = *i;
        *i += 1;
        positional(idx)?
    } else if first.bytes().all(|b| b.is_ascii_digit()) {
        if num.auto.is_some() {
            return Err(value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        num.manual = true;
        // CPython parses a Py_ssize_t: past isize::MAX is a ValueError.
        let idx: i64 = first
            .parse()
            .map_err(|_| value_error("Too many decimal digits in format string"))?;
        positional(idx as usize)?
    } else {
        match src {
            Source::Args(a) => a
                .kwargs()
                .find(|(k, _)| {
                    k.downcast::<PyStr>().and_then(|s| s.as_str()) == Some(first.as_str())
                })
                .map(|(_, v)| v.clone())
                .ok_or_else(|| key_error(PyStr::new_ref(&first)))?,
            Source::Map(m) => crate::protocol::object::get_item(vm, m, &PyStr::new_ref(&first))?,
        }
    };
    let mut i = end;
    while i < name.len() {
        if name[i] == '.' {
            let st = i + 1;
            let mut e = st;
            while e < name.len() && name[e] != '.' && name[e] != '[' {
                e += 1;
            }
            if e == st {
                return Err(value_error("Empty attribute in format string"));
            }
            let attr: String = name[st..e].iter().collect();
            obj = crate::protocol::object::get_attr_str(vm, &obj, &attr)?;
            i = e;
        } else if name[i] == '[' {
            let st = i + 1;
            let e = st
                + name[st..]
                    .iter()
                    .position(|&c| c == ']')
                    .ok_or_else(|| value_error("Missing ']' in format string"))?;
            if e == st {
                return Err(value_error("Empty attribute in format string"));
            }
            let key: String = name[st..e].iter().collect();
            let k = if key.bytes().all(|b| b.is_ascii_digit()) {
                crate::types::int::int_from_i64(
                    key.parse::<i64>()
                        .map_err(|_| value_error("Too many decimal digits in format string"))?,
                )
            } else {
                PyStr::new_ref(&key)
            };
            obj = crate::protocol::object::get_item(vm, &obj, &k)?;
            i = e + 1;
            if i < name.len() && name[i] != '.' && name[i] != '[' {
                return Err(value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        } else {
            return Err(value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(obj)
}

/// One replacement field: `{name!conv:spec}` split into its parts; `pos`
/// is just after the opening brace; returns the parts and the position
/// after the closing brace.
/// A scanned replacement field: name, conversion, spec, next position.
type Field = (Vec<char>, Option<char>, Vec<char>, usize);

fn scan_field(c: &[char], mut pos: usize) -> PyResult<Field> {
    let unmatched = || value_error("unmatched '{' in format spec");
    let name_start = pos;
    // Field name: up to '!', ':' or '}', skipping [...] keys.
    loop {
        match c.get(pos) {
            None => return Err(value_error("expected '}' before end of string")),
            Some('[') => {
                while pos < c.len() && c[pos] != ']' {
                    pos += 1;
                }
                if pos >= c.len() {
                    return Err(value_error("expected '}' before end of string"));
                }
                pos += 1;
            }
            Some('{') => return Err(value_error("unexpected '{' in field name")),
            Some('!' | ':' | '}') => break,
            Some(_) => pos += 1,
        }
    }
    let name = c[name_start..pos].to_vec();
    let mut conv = None;
    if c[pos] == '!' {
        let cv = *c.get(pos + 1).ok_or_else(unmatched)?;
        conv = Some(cv);
        pos += 2;
        match c.get(pos) {
            None => return Err(unmatched()),
            Some(':' | '}') => {}
            Some(_) => return Err(value_error("expected ':' after conversion specifier")),
        }
    }
    let mut spec = Vec::new();
    if c[pos] == ':' {
        pos += 1;
        let st = pos;
        let mut depth = 1;
        loop {
            match c.get(pos) {
                None => return Err(unmatched()),
                Some('{') => depth += 1,
                Some('}') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            pos += 1;
        }
        spec = c[st..pos].to_vec();
    }
    // c[pos] is the closing brace.
    Ok((name, conv, spec, pos + 1))
}

fn do_format(
    vm: &Vm,
    c: &[char],
    src: &Source<'_>,
    depth: usize,
    num: &mut Numbering,
) -> PyResult<String> {
    if depth == 0 {
        return Err(value_error("Max string recursion exceeded"));
    }
    let mut out = String::with_capacity(c.len());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '{' => {
                if c.get(i + 1) == Some(&'{') {
                    out.push('{');
                    i += 2;
                    continue;
                }
                if i + 1 >= c.len() {
                    return Err(value_error("Single '{' encountered in format string"));
                }
                let (name, conv, spec, next) = scan_field(c, i + 1)?;
                i = next;
                let obj = lookup_field(vm, src, &name, num)?;
                let obj = match conv {
                    None => obj,
                    Some('s') => crate::protocol::object::str(vm, &obj)?,
                    Some('r') => crate::protocol::object::repr(vm, &obj)?,
                    Some('a') => crate::builtins::ascii_of(vm, &obj)?,
                    Some(x) => {
                        let shown = if (' '..='~').contains(&x) {
                            x.to_string()
                        } else {
                            format!("\\x{:x}", x as u32)
                        };
                        return Err(value_error(format!("Unknown conversion specifier {shown}")));
                    }
                };
                let spec: String = if spec.contains(&'{') {
                    do_format(vm, &spec, src, depth - 1, num)?
                } else {
                    spec.iter().collect()
                };
                let r = format(vm, &obj, &PyStr::new_ref(&spec))?;
                out.push_str(&crate::protocol::object::str_string(vm, &r)?);
            }
            '}' => {
                if c.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(value_error("Single '}' encountered in format string"));
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(vm: &Vm, s: &PyRef, a: Args<'_>) -> PyResult {
    let fmt: Vec<char> = expect_str(s, "descriptor")?
        .to_string_lossy()
        .chars()
        .collect();
    Ok(PyStr::new_ref(&do_format(
        vm,
        &fmt,
        &Source::Args(a),
        2,
        &mut Numbering::default(),
    )?))
}

/// `str.format_map(mapping)`.
pub fn str_format_map(vm: &Vm, s: &PyRef, m: &PyRef) -> PyResult {
    let fmt: Vec<char> = expect_str(s, "descriptor")?
        .to_string_lossy()
        .chars()
        .collect();
    Ok(PyStr::new_ref(&do_format(
        vm,
        &fmt,
        &Source::Map(m),
        2,
        &mut Numbering::default(),
    )?))
}
