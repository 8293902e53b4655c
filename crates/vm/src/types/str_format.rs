//! Text formatting: the format-spec mini-language (`format(x, spec)`,
//! f-strings, `int/float/str.__format__`), `str.format`/`format_map`, and
//! printf-style `%` formatting, with CPython's error messages.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::error::{PyResult, key_error, type_error, value_error};
use crate::types::dict::PyDict;
use crate::types::float::PyFloat;
use crate::types::int::{int_val, to_bigint};
use crate::types::none::is_none;
use crate::types::str::{PyStr, expect_str};
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

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

fn invalid(spec: &str, obj: &PyRef) -> crate::error::PyErr {
    value_error(format!("Invalid format specifier '{spec}' for object of type '{}'", obj.class().name()))
}

/// Parses `spec` (errors name the type of `obj`).
pub fn parse_spec(spec: &str, obj: &PyRef) -> PyResult<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
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
    if i < c.len() && c[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let st = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        s.width = Some(c[st..i].iter().collect::<String>().parse().map_err(|_| value_error("Too many decimal digits in format string"))?);
    }
    if i < c.len() && matches!(c[i], ',' | '_') {
        s.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let st = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return Err(value_error("Format specifier missing precision"));
        }
        s.precision = Some(c[st..i].iter().collect::<String>().parse().map_err(|_| value_error("Too many decimal digits in format string"))?);
    }
    if i < c.len() {
        s.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(invalid(spec, obj));
    }
    if s.zero && s.fill.is_none() && s.align.is_none() {
        s.fill = Some('0');
        s.align = Some('=');
    }
    Ok(s)
}

/// Pads `body` (with `sign` prefix already separated) per the spec.
fn pad(spec: &Spec, sign: &str, body: &str, default_align: char) -> String {
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

/// Inserts thousands separators every `group` digits of `digits`.
fn group_digits(digits: &str, sep: char, group: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / group);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i) % group == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// With `=` alignment and zero padding, grouping applies to the padding too.
fn zero_pad_grouped(spec: &Spec, sign: &str, digits: &str, sep: Option<char>, group: usize, suffix: &str) -> Option<String> {
    let width = spec.width?;
    if spec.fill != Some('0') || spec.align != Some('=') {
        return None;
    }
    let sep = sep?;
    let mut d = digits.to_string();
    loop {
        let g = group_digits(&d, sep, group);
        if sign.len() + g.len() + suffix.len() >= width {
            return Some(format!("{sign}{g}{suffix}"));
        }
        d.insert(0, '0');
    }
}

fn sign_str(neg: bool, spec: &Spec) -> &'static str {
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

/// `format(int, spec)`.
pub fn format_int(v: &BigInt, spec_text: &str, obj: &PyRef) -> PyResult<String> {
    let spec = parse_spec(spec_text, obj)?;
    let ty = spec.ty.unwrap_or('d');
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = v.to_f64().ok_or_else(|| crate::error::overflow_error("int too large to convert to float"))?;
            return format_float_spec(f, &spec, obj);
        }
        'd' | 'b' | 'o' | 'x' | 'X' | 'c' | 'n' => {}
        _ => {
            return Err(value_error(format!("Unknown format code '{ty}' for object of type '{}'", obj.class().name())));
        }
    }
    if spec.precision.is_some() {
        return Err(value_error("Precision not allowed in integer format specifier"));
    }
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if spec.alt {
            return Err(value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        let cp = v.to_u32().filter(|&c| c <= 0x10FFFF).ok_or_else(|| crate::error::overflow_error("%c arg not in range(0x110000)"))?;
        let s = char::from_u32(cp).map(String::from).unwrap_or_default();
        return Ok(pad(&spec, "", &s, '<'));
    }
    if let Some(g) = spec.grouping {
        if !matches!(ty, 'd' | 'b' | 'o' | 'x' | 'X') || (g == ',' && ty != 'd') {
            return Err(value_error(format!("Cannot specify '{g}' with '{ty}'.")));
        }
    }
    let neg = v.is_negative();
    let mag = v.abs();
    let (digits, prefix, group) = match ty {
        'b' => (mag.to_str_radix(2), "0b", 4),
        'o' => (mag.to_str_radix(8), "0o", 4),
        'x' => (mag.to_str_radix(16), "0x", 4),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X", 4),
        _ => (mag.to_string(), "", 3),
    };
    let sign = format!("{}{}", sign_str(neg, &spec), if spec.alt { prefix } else { "" });
    if let Some(s) = zero_pad_grouped(&spec, &sign, &digits, spec.grouping, group, "") {
        return Ok(s);
    }
    let body = match spec.grouping {
        Some(sep) => group_digits(&digits, sep, group),
        None => digits,
    };
    Ok(pad(&spec, &sign, &body, '>'))
}

/// Rust's `{:e}` to Python's exponent style (`1.5e+02`).
fn fix_exp(s: &str, upper: bool) -> String {
    let (m, e) = s.split_once('e').unwrap_or((s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}{}{}{:02}", if upper { 'E' } else { 'e' }, if e < 0 { '-' } else { '+' }, e.abs())
}

fn strip_zeros(s: &str) -> String {
    if let Some((m, e)) = s.split_once(['e', 'E']) {
        let exp_char = if s.contains('E') { 'E' } else { 'e' };
        let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
        return format!("{m}{exp_char}{e}");
    }
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s.to_string() }
}

/// The digits of `|f|` in general format with `p` significant digits.
fn general(f: f64, p: usize, alt: bool, upper: bool) -> String {
    let p = p.max(1);
    let e = format!("{:.*e}", p - 1, f);
    let exp: i32 = e.split_once('e').and_then(|(_, x)| x.parse().ok()).unwrap_or(0);
    let s = if exp >= -4 && exp < p as i32 {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, f)
    } else {
        fix_exp(&e, upper)
    };
    if alt {
        if !s.contains('.') && !s.contains(['e', 'E']) {
            return format!("{s}.");
        }
        s
    } else {
        strip_zeros(&s)
    }
}

/// `format(float, spec)` with a parsed spec.
pub fn format_float_spec(f: f64, spec: &Spec, obj: &PyRef) -> PyResult<String> {
    let ty = spec.ty;
    if let Some(t) = ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n') {
            return Err(value_error(format!("Unknown format code '{t}' for object of type '{}'", obj.class().name())));
        }
    }
    if let Some(g) = spec.grouping {
        if ty == Some('n') {
            return Err(value_error(format!("Cannot specify '{g}' with 'n'.")));
        }
    }
    let neg = f.is_sign_negative() && !(spec.z && f == 0.0);
    let a = f.abs();
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let mut suffix = "";
    let body = if a.is_nan() {
        if upper { "NAN".to_string() } else { "nan".to_string() }
    } else if a.is_infinite() {
        if upper { "INF".to_string() } else { "inf".to_string() }
    } else {
        match ty {
            Some('f' | 'F') => format!("{:.*}", spec.precision.unwrap_or(6), a),
            Some('e' | 'E') => fix_exp(&format!("{:.*e}", spec.precision.unwrap_or(6), a), upper),
            Some('g' | 'G' | 'n') => general(a, spec.precision.unwrap_or(6), spec.alt, upper),
            Some('%') => {
                suffix = "%";
                format!("{:.*}", spec.precision.unwrap_or(6), a * 100.0)
            }
            _ => match spec.precision {
                None => {
                    let r = crate::types::float::float_repr_str(a);
                    r
                }
                Some(p) => {
                    let s = general(a, p, spec.alt, false);
                    if s.contains(['.', 'e']) { s } else { format!("{s}.0") }
                }
            },
        }
    };
    let body = if spec.alt && matches!(ty, Some('f' | 'F' | 'e' | 'E' | '%')) && !body.contains('.') && a.is_finite() {
        match body.find(['e', 'E']) {
            Some(i) => format!("{}.{}", &body[..i], &body[i..]),
            None => format!("{body}."),
        }
    } else {
        body
    };
    let sign = sign_str(neg, spec);
    let (intpart, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (body[..i].to_string(), body[i..].to_string()),
        None => (body.clone(), String::new()),
    };
    let rest = format!("{rest}{suffix}");
    if a.is_finite() {
        if let Some(s) = zero_pad_grouped(spec, sign, &intpart, spec.grouping, 3, &rest) {
            return Ok(s);
        }
    }
    let body = match spec.grouping {
        Some(sep) if a.is_finite() => format!("{}{rest}", group_digits(&intpart, sep, 3)),
        _ => format!("{intpart}{rest}"),
    };
    let mut sp = spec.clone();
    if !a.is_finite() && sp.fill == Some('0') && sp.zero {
        sp.fill = Some(' ');
    }
    Ok(pad(&sp, sign, &body, '>'))
}

/// `format(str, spec)`.
pub fn format_str_spec(_vm: &Vm, s: &PyRef, spec_text: &str) -> PyResult {
    let st = expect_str(s, "format")?;
    if spec_text.is_empty() {
        return crate::protocol::object::str(_vm, s);
    }
    let spec = parse_spec(spec_text, s)?;
    if let Some(t) = spec.ty {
        if t != 's' {
            return Err(value_error(format!("Unknown format code '{t}' for object of type '{}'", s.class().name())));
        }
    }
    if spec.sign.is_some() {
        return Err(value_error("Sign not allowed in string format specifier"));
    }
    if spec.alt {
        return Err(value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == Some('=') {
        return Err(value_error("'=' alignment not allowed in string format specifier"));
    }
    if let Some(g) = spec.grouping {
        return Err(value_error(format!("Cannot specify '{g}' with 's'.")));
    }
    let mut text = st.to_string_lossy();
    if let Some(p) = spec.precision {
        text = text.chars().take(p).collect();
    }
    Ok(PyStr::new_ref(&pad(&spec, "", &text, '<')))
}

/// `int.__format__`.
pub fn int_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, spec] = a.exact::<2>("__format__")?;
    let spec = expect_str(spec, "format spec")?.to_string_lossy();
    if spec.is_empty() {
        return crate::protocol::object::str(vm, s);
    }
    let v = to_bigint(s).ok_or_else(|| type_error("int.__format__ needs an int"))?;
    Ok(PyStr::new_ref(&format_int(&v, &spec, s)?))
}

/// `float.__format__`.
pub fn float_format(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, spec] = a.exact::<2>("__format__")?;
    let spec = expect_str(spec, "format spec")?.to_string_lossy();
    if spec.is_empty() {
        return crate::protocol::object::str(vm, s);
    }
    let f = s.downcast::<PyFloat>().map(|f| f.value).ok_or_else(|| type_error("float.__format__ needs a float"))?;
    let sp = parse_spec(&spec, s)?;
    Ok(PyStr::new_ref(&format_float_spec(f, &sp, s)?))
}

/// `format(value, spec)`.
pub fn format(vm: &Vm, value: &PyRef, spec: &PyRef) -> PyResult {
    if value.is_exact::<PyStr>() && spec.downcast::<PyStr>().is_some_and(|s| s.char_len() == 0) {
        return Ok(value.clone());
    }
    let r = match crate::protocol::call::call_special(vm, value, "__format__", std::slice::from_ref(spec))? {
        Some(r) => r,
        None => return Err(type_error(format!("Type {} doesn't define __format__", value.class().name()))),
    };
    if r.downcast::<PyStr>().is_none() {
        return Err(type_error(format!("__format__ must return a str, not {}", r.class().name())));
    }
    Ok(r)
}

// ---------------------------------------------------------------- str.format

enum Source<'a> {
    Args(Args<'a>),
    Map(&'a PyRef),
}

fn lookup_field(vm: &Vm, src: &Source<'_>, name: &str, auto: &mut Option<usize>, manual: &mut bool) -> PyResult {
    // Split first part from .attr / [key] chain.
    let end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..end];
    let mut obj = if first.is_empty() {
        if *manual {
            return Err(value_error("cannot switch from manual field specification to automatic field numbering"));
        }
        let i = auto.get_or_insert(0);
        let idx = *i;
        *i += 1;
        match src {
            Source::Args(a) => a
                .positional()
                .get(idx)
                .cloned()
                .ok_or_else(|| crate::error::index_error(format!("Replacement index {idx} out of range for positional args tuple")))?,
            Source::Map(_) => return Err(value_error("Format string contains positional fields")),
        }
    } else if let Ok(idx) = first.parse::<usize>() {
        if auto.is_some() {
            return Err(value_error("cannot switch from automatic field numbering to manual field specification"));
        }
        *manual = true;
        match src {
            Source::Args(a) => a
                .positional()
                .get(idx)
                .cloned()
                .ok_or_else(|| crate::error::index_error(format!("Replacement index {idx} out of range for positional args tuple")))?,
            Source::Map(_) => return Err(value_error("Format string contains positional fields")),
        }
    } else {
        match src {
            Source::Args(a) => a
                .kwargs()
                .find(|(k, _)| k.downcast::<PyStr>().and_then(|s| s.as_str()) == Some(first))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| key_error(PyStr::new_ref(first)))?,
            Source::Map(m) => crate::protocol::object::get_item(vm, m, &PyStr::new_ref(first))?,
        }
    };
    let mut rest = &name[end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let e = r.find(['.', '[']).unwrap_or(r.len());
            if e == 0 {
                return Err(value_error("Empty attribute in format string"));
            }
            obj = crate::protocol::object::get_attr_str(vm, &obj, &r[..e])?;
            rest = &r[e..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let e = r.find(']').ok_or_else(|| value_error("Missing ']' in format string"))?;
            let key = &r[..e];
            let k = match key.parse::<i64>() {
                Ok(i) => crate::types::int::int_from_i64(i),
                Err(_) => PyStr::new_ref(key),
            };
            obj = crate::protocol::object::get_item(vm, &obj, &k)?;
            rest = &r[e + 1..];
        } else {
            return Err(value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(obj)
}

fn do_format(vm: &Vm, fmt: &str, src: &Source<'_>, depth: usize) -> PyResult<String> {
    if depth > 2 {
        return Err(value_error("Max string recursion exceeded"));
    }
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut auto: Option<usize> = None;
    let mut manual = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // find matching close brace (allow nesting in spec)
            let mut j = i + 1;
            let mut level = 1;
            while j < chars.len() {
                match chars[j] {
                    '{' => level += 1,
                    '}' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(value_error(if level > 1 { "expected '}' before end of string" } else { "Single '{' encountered in format string" }));
            }
            let field: String = chars[i + 1..j].iter().collect();
            i = j + 1;
            // split name!conv:spec
            let (mut name, mut conv, mut spec) = (field.as_str(), None, "");
            let mut bracket = false;
            let mut cut = None;
            for (k, ch) in field.char_indices() {
                match ch {
                    '[' => bracket = true,
                    ']' => bracket = false,
                    '!' | ':' if !bracket => {
                        cut = Some(k);
                        break;
                    }
                    _ => {}
                }
            }
            if let Some(k) = cut {
                name = &field[..k];
                let tail = &field[k..];
                if let Some(t) = tail.strip_prefix('!') {
                    let mut tc = t.chars();
                    let cv = tc.next().ok_or_else(|| value_error("end of string while looking for conversion specifier"))?;
                    conv = Some(cv);
                    let after = tc.as_str();
                    if let Some(s) = after.strip_prefix(':') {
                        spec = s;
                    } else if !after.is_empty() {
                        return Err(value_error("expected ':' after conversion specifier"));
                    }
                } else if let Some(s) = tail.strip_prefix(':') {
                    spec = s;
                }
            }
            let obj = lookup_field(vm, src, name, &mut auto, &mut manual)?;
            let obj = match conv {
                None => obj,
                Some('s') => crate::protocol::object::str(vm, &obj)?,
                Some('r') => crate::protocol::object::repr(vm, &obj)?,
                Some('a') => crate::builtins::ascii_of(vm, &obj)?,
                Some(x) => return Err(value_error(format!("Unknown conversion specifier {x}"))),
            };
            let spec = if spec.contains('{') { do_format(vm, spec, src, depth + 1)? } else { spec.to_string() };
            let r = format(vm, &obj, &PyStr::new_ref(&spec))?;
            out.push_str(&crate::protocol::object::str_string(vm, &r)?);
        } else if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(vm: &Vm, s: &PyRef, a: Args<'_>) -> PyResult {
    let fmt = expect_str(s, "descriptor")?.to_string_lossy();
    Ok(PyStr::new_ref(&do_format(vm, &fmt, &Source::Args(a), 0)?))
}

/// `str.format_map(mapping)`.
pub fn str_format_map(vm: &Vm, s: &PyRef, m: &PyRef) -> PyResult {
    let fmt = expect_str(s, "descriptor")?.to_string_lossy();
    Ok(PyStr::new_ref(&do_format(vm, &fmt, &Source::Map(m), 0)?))
}

// ---------------------------------------------------------------- %-format

/// `fmt % args`.
pub fn percent_format(vm: &Vm, fmt: &PyRef, args: &PyRef) -> PyResult {
    let f = expect_str(fmt, "format")?.to_string_lossy();
    let chars: Vec<char> = f.chars().collect();
    let tuple_args: Option<Vec<PyRef>> = args.downcast::<PyTuple>().map(|t| t.as_slice().to_vec());
    let is_mapping = tuple_args.is_none()
        && args.downcast::<PyStr>().is_none()
        && args.class().slots().mp_getitem.is_some()
        && args.downcast::<crate::types::list::PyList>().is_none()
        && !crate::types::bytes::is_bytes_like(args);
    let items: Vec<PyRef> = tuple_args.clone().unwrap_or_else(|| vec![args.clone()]);
    let mut ai = 0usize;
    let mut out = String::new();
    let mut i = 0;
    let mut used_mapping = false;
    let next_arg = |ai: &mut usize| -> PyResult<PyRef> {
        let v = items.get(*ai).cloned().ok_or_else(|| type_error("not enough arguments for format string"))?;
        *ai += 1;
        Ok(v)
    };
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i >= chars.len() {
            return Err(value_error("incomplete format"));
        }
        let mut key_obj: Option<PyRef> = None;
        if chars[i] == '(' {
            let mut depth = 1;
            let ks = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                if chars[i] == '(' {
                    depth += 1;
                } else if chars[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(value_error("incomplete format key"));
            }
            let key: String = chars[ks..i - 1].iter().collect();
            if !is_mapping {
                return Err(type_error("format requires a mapping"));
            }
            used_mapping = true;
            key_obj = Some(crate::protocol::object::get_item(vm, args, &PyStr::new_ref(&key))?);
        }
        let mut spec = Spec::default();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            match chars[i] {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                '#' => spec.alt = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        if i < chars.len() && chars[i] == '*' {
            let w = next_arg(&mut ai)?;
            let w = crate::types::int::to_i64(&w).ok_or_else(|| type_error("* wants int"))?;
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let ws = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i > ws {
                spec.width = chars[ws..i].iter().collect::<String>().parse().ok();
            }
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = next_arg(&mut ai)?;
                spec.precision = Some(crate::types::int::to_i64(&p).ok_or_else(|| type_error("* wants int"))?.max(0) as usize);
                i += 1;
            } else {
                let ps = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                spec.precision = Some(chars[ps..i].iter().collect::<String>().parse().unwrap_or(0));
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(value_error("incomplete format"));
        }
        let conv = chars[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match key_obj.take() {
            Some(v) => v,
            None => next_arg(&mut ai)?,
        };
        if spec.zero && spec.align != Some('<') {
            spec.fill = Some('0');
            spec.align = Some('=');
        }
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = match conv {
                    's' => crate::protocol::object::str_string(vm, &v)?,
                    'r' => crate::protocol::object::repr_string(vm, &v)?,
                    _ => crate::protocol::object::str_string(vm, &crate::builtins::ascii_of(vm, &v)?)?,
                };
                let s: String = match spec.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                let mut sp = spec.clone();
                if sp.align == Some('=') {
                    sp.align = None;
                    sp.fill = None;
                }
                pad(&sp, "", &s, '>')
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let iv = if let Some(fl) = v.downcast::<PyFloat>() {
                    if matches!(conv, 'x' | 'X' | 'o') {
                        return Err(type_error(format!("%{conv} format: an integer is required, not float")));
                    }
                    to_bigint(&crate::types::float::float_to_int(fl.value)?)
                } else if int_val(&v).is_some() {
                    to_bigint(&v)
                } else if matches!(conv, 'x' | 'X' | 'o') && v.class().slots().nb_index.is_some() {
                    to_bigint(&crate::protocol::number::index(vm, &v)?)
                } else if v.class().slots().nb_int.is_some() && !matches!(conv, 'x' | 'X' | 'o') {
                    to_bigint(&crate::protocol::number::to_int(vm, &v)?)
                } else {
                    return Err(type_error(if matches!(conv, 'x' | 'X' | 'o') {
                        format!("%{conv} format: an integer is required, not {}", v.class().name())
                    } else {
                        format!("%{conv} format: a real number is required, not {}", v.class().name())
                    }));
                };
                let iv = iv.unwrap_or_default();
                let neg = iv.is_negative();
                let mag = iv.abs();
                let mut digits = match conv {
                    'x' => mag.to_str_radix(16),
                    'X' => mag.to_str_radix(16).to_uppercase(),
                    'o' => mag.to_str_radix(8),
                    _ => mag.to_string(),
                };
                if let Some(p) = spec.precision {
                    while digits.len() < p {
                        digits.insert(0, '0');
                    }
                }
                let prefix = if spec.alt {
                    match conv {
                        'x' => "0x",
                        'X' => "0X",
                        'o' => "0o",
                        _ => "",
                    }
                } else {
                    ""
                };
                let sign = format!("{}{prefix}", sign_str(neg, &spec));
                pad(&spec, &sign, &digits, '>')
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let fv = crate::protocol::number::to_f64(vm, &v).map_err(|_| {
                    type_error(format!("%{conv} format: a real number is required, not {}", v.class().name()))
                })?;
                let mut sp = spec.clone();
                sp.ty = Some(conv);
                if sp.precision.is_none() {
                    sp.precision = Some(6);
                }
                format_float_spec(fv, &sp, &v)?
            }
            'c' => {
                let s = if let Some(st) = v.downcast::<PyStr>() {
                    if st.char_len() != 1 {
                        return Err(type_error("%c requires int or char"));
                    }
                    st.to_string_lossy()
                } else {
                    let cp = crate::types::int::to_i64(&v).ok_or_else(|| type_error("%c requires int or char"))?;
                    if !(0..=0x10FFFF).contains(&cp) {
                        return Err(crate::error::overflow_error("%c arg not in range(0x110000)"));
                    }
                    char::from_u32(cp as u32).map(String::from).unwrap_or_default()
                };
                let mut sp = spec.clone();
                if sp.align == Some('=') {
                    sp.align = None;
                    sp.fill = None;
                }
                pad(&sp, "", &s, '>')
            }
            other => {
                return Err(value_error(format!(
                    "unsupported format character '{other}' ({:#x}) at index {}",
                    other as u32,
                    i - 1
                )));
            }
        };
        let _ = start;
        out.push_str(&piece);
    }
    if !used_mapping && tuple_args.is_some() && ai < items.len() {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    if tuple_args.is_none() && !is_mapping && ai == 0 && !items.is_empty() {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    let _ = is_none;
    let _ = PyDict::default;
    let _ = Zero::zero as fn() -> BigInt;
    Ok(PyStr::new_ref(&out))
}
