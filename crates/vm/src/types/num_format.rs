//! `__format__` for `int`, `float` and `complex`: the format-spec
//! mini-language (`[[fill]align][sign][z][#][0][width][grouping][.precision][type]`)
//! with CPython 3.11's rules and error messages.
//!
//! Design.  The spec is parsed once into [`NumSpec`].  Every number is then
//! rendered as three pieces — a sign, a body of ASCII digits/letters and a
//! suffix (`%`) — and one routine does grouping, zero padding (where the
//! separators continue into the padding, as CPython does for `0=`/`0`
//! widths) and alignment.  Digits come from exact algorithms only: big-int
//! radix conversion for ints, Rust's correctly rounded fixed/exponent
//! formatting for floats (`{:.N}` and `{:.Ne}` round the exact binary value
//! half to even, like CPython's `dtoa`), and the shortest round-trip digits
//! (`float_repr_str`) for formats without a precision.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::error::{PyErr, PyResult, overflow_error, value_error};

/// A parsed format specification.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NumSpec {
    pub fill: char,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

/// Largest width or precision accepted (CPython: `PY_SSIZE_T_MAX`; we cap
/// lower so huge paddings fail cleanly instead of exhausting memory).
const MAX_WIDTH: usize = 1 << 30;

fn read_number(c: &[char], i: &mut usize) -> PyResult<Option<usize>> {
    let start = *i;
    let mut v: usize = 0;
    while *i < c.len() && c[*i].is_ascii_digit() {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(c[*i] as usize - '0' as usize))
            .filter(|&v| v <= MAX_WIDTH)
            .ok_or_else(|| value_error("Too many decimal digits in format string"))?;
        *i += 1;
    }
    Ok(if *i == start { None } else { Some(v) })
}

/// Parses `spec` for an object of type `tyname` (used in messages).
pub fn parse_num_spec(spec: &str, tyname: &str) -> PyResult<NumSpec> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = NumSpec {
        fill: ' ',
        ..NumSpec::default()
    };
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    let mut fill_given = false;
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = c[0];
        s.align = Some(c[1]);
        fill_given = true;
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
        if !fill_given {
            s.fill = '0';
        }
        if s.align.is_none() {
            s.align = Some('=');
        }
        i += 1;
    }
    s.width = read_number(&c, &mut i)?.unwrap_or(0);
    // `,` then `_` (either order is an error; a second `,` is left to be
    // read as the type, so ",," reports "Cannot specify ',' with ','.").
    let both = || value_error("Cannot specify both ',' and '_'.");
    if i < c.len() && c[i] == ',' {
        s.grouping = Some(',');
        i += 1;
    }
    if i < c.len() && c[i] == '_' {
        if s.grouping.is_some() {
            return Err(both());
        }
        s.grouping = Some('_');
        i += 1;
    }
    if i < c.len() && c[i] == ',' && s.grouping == Some('_') {
        return Err(both());
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        s.precision = Some(
            read_number(&c, &mut i)?
                .ok_or_else(|| value_error("Format specifier missing precision"))?,
        );
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
        let ty = s.ty.unwrap_or('d');
        let ok = match ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'F' | 'G' | '%' => true,
            'b' | 'o' | 'x' | 'X' => g == '_',
            _ => false,
        };
        if !ok && s.ty.is_some() {
            return Err(value_error(if (ty as u32) > 32 && (ty as u32) < 128 {
                format!("Cannot specify '{g}' with '{ty}'.")
            } else {
                format!("Cannot specify '{g}' with '\\x{:x}'.", ty as u32)
            }));
        }
    }
    Ok(s)
}

#[cold]
fn unknown_code(ty: char, tyname: &str) -> PyErr {
    value_error(format!(
        "Unknown format code '{ty}' for object of type '{tyname}'"
    ))
}

/// Inserts `sep` every `group` digits from the right.
fn group_digits(digits: &str, sep: char, group: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / group + 1);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(group) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// Assembles `sign`, `prefix` (e.g. `0x`), the integer digits `int_digits`
/// (grouped), the rest of the number `rest` (fraction, exponent, `%`), and
/// pads to the spec's width.
fn assemble(
    spec: &NumSpec,
    sign: &str,
    prefix: &str,
    int_digits: &str,
    rest: &str,
    group: usize,
    default_align: char,
) -> String {
    let align = spec.align.unwrap_or(default_align);
    let lead = sign.chars().count() + prefix.len();
    let mut digits = match spec.grouping {
        Some(sep) if !int_digits.is_empty() => group_digits(int_digits, sep, group),
        _ => int_digits.to_string(),
    };
    // Zero padding with '=' fills with digits (and separators) after the sign.
    if align == '=' && spec.fill == '0' && int_digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        let target = spec.width.saturating_sub(lead + rest.chars().count());
        if digits.chars().count() < target {
            match spec.grouping {
                Some(sep) => {
                    let mut d = int_digits.to_string();
                    loop {
                        let g = group_digits(&d, sep, group);
                        if g.chars().count() >= target {
                            // A leading separator is replaced by a zero, as in CPython.
                            digits = if g.starts_with(sep) {
                                format!("0{g}")
                            } else {
                                g
                            };
                            break;
                        }
                        d.insert(0, '0');
                    }
                }
                None => digits = format!("{}{digits}", "0".repeat(target - digits.chars().count())),
            }
        }
        return format!("{sign}{prefix}{digits}{rest}");
    }
    let body_len = lead + digits.chars().count() + rest.chars().count();
    if body_len >= spec.width {
        return format!("{sign}{prefix}{digits}{rest}");
    }
    let n = spec.width - body_len;
    let fill = |k: usize| std::iter::repeat_n(spec.fill, k).collect::<String>();
    match align {
        '<' => format!("{sign}{prefix}{digits}{rest}{}", fill(n)),
        '^' => format!(
            "{}{sign}{prefix}{digits}{rest}{}",
            fill(n / 2),
            fill(n - n / 2)
        ),
        '=' => format!("{sign}{prefix}{}{digits}{rest}", fill(n)),
        _ => format!("{}{sign}{prefix}{digits}{rest}", fill(n)),
    }
}

fn sign_text(neg: bool, spec: &NumSpec) -> &'static str {
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

/// `format(int, spec)`; `tyname` is the object's type name for messages.
pub fn format_int(v: &BigInt, spec_text: &str, tyname: &str) -> PyResult<String> {
    let spec = parse_num_spec(spec_text, tyname)?;
    let ty = spec.ty.unwrap_or('d');
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = crate::types::int::bigint_to_f64(v)
                .ok_or_else(|| overflow_error("int too large to convert to float"))?;
            return format_float_parsed(f, &spec, tyname);
        }
        'd' | 'b' | 'o' | 'x' | 'X' | 'c' | 'n' => {}
        _ => return Err(unknown_code(ty, tyname)),
    }
    if spec.precision.is_some() {
        return Err(value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.z {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(value_error(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alt {
            return Err(value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let cp = v
            .to_i64()
            .ok_or_else(|| overflow_error("Python int too large to convert to C long"))?;
        let ch = u32::try_from(cp)
            .ok()
            .filter(|&c| c <= 0x10FFFF)
            .ok_or_else(|| overflow_error("%c arg not in range(0x110000)"))?;
        let s = char::from_u32(ch)
            .map(String::from)
            .unwrap_or_else(|| lone_surrogate_placeholder(ch));
        return Ok(assemble(&spec, "", "", "", &s, 3, '<'));
    }
    let neg = v.is_negative();
    let mag = v.abs();
    let (digits, prefix, group) = match ty {
        'b' => (mag.to_str_radix(2), "0b", 4),
        'o' => (mag.to_str_radix(8), "0o", 4),
        'x' => (mag.to_str_radix(16), "0x", 4),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X", 4),
        _ => (
            crate::types::int::int_to_decimal(&crate::types::int::IntVal::Big(&mag))?,
            "",
            3,
        ),
    };
    let prefix = if spec.alt { prefix } else { "" };
    Ok(assemble(
        &spec,
        sign_text(neg, &spec),
        prefix,
        &digits,
        "",
        group,
        '>',
    ))
}

/// Lone surrogates cannot live in a Rust `String`; `format(0xD800, 'c')` is
/// rare enough that a replacement character is acceptable here.
#[cold]
fn lone_surrogate_placeholder(_cp: u32) -> String {
    "\u{FFFD}".to_string()
}

/// `format(float, spec)`.
pub fn format_float(f: f64, spec_text: &str, tyname: &str) -> PyResult<String> {
    let spec = parse_num_spec(spec_text, tyname)?;
    format_float_parsed(f, &spec, tyname)
}

/// Python-style exponent: at least two digits, explicit sign.
fn py_exp(e: i32, upper: bool) -> String {
    format!(
        "{}{}{:02}",
        if upper { 'E' } else { 'e' },
        if e < 0 { '-' } else { '+' },
        e.unsigned_abs()
    )
}

/// Precisions above this are written as this many digits plus zeros: a
/// finite double's exact decimal expansion has at most 1074 fraction
/// digits and 767 significant digits (and Rust's formatter panics on
/// precisions past `u16::MAX`).
const EXACT_DIGITS: usize = 1100;

/// `x` in fixed notation with `prec` fraction digits, correctly rounded
/// (half to even on the exact binary value), for any `prec`.
pub fn fixed(x: f64, prec: usize) -> String {
    if prec <= EXACT_DIGITS || !x.is_finite() {
        return format!("{:.*}", prec.min(EXACT_DIGITS), x);
    }
    let mut s = format!("{:.*}", EXACT_DIGITS, x);
    s.extend(std::iter::repeat_n('0', prec - EXACT_DIGITS));
    s
}

/// `x` in Rust's exponent notation (`1.50e3`) with `prec` fraction digits,
/// correctly rounded, for any `prec`.
pub fn scientific(x: f64, prec: usize) -> String {
    if prec <= EXACT_DIGITS || !x.is_finite() {
        return format!("{:.*e}", prec.min(EXACT_DIGITS), x);
    }
    let s = format!("{:.*e}", EXACT_DIGITS, x);
    match s.split_once('e') {
        Some((m, e)) => format!("{m}{}e{e}", "0".repeat(prec - EXACT_DIGITS)),
        None => s,
    }
}

/// `|f|` in exponent notation with `prec` fraction digits: (mantissa, exp).
fn exp_parts(a: f64, prec: usize) -> (String, i32) {
    let s = scientific(a, prec);
    match s.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse().unwrap_or(0)),
        None => (s, 0),
    }
}

/// `|f|` formatted finite, non-negative, by type; returns the text without
/// sign (digits, '.', exponent, '%').
fn float_body(a: f64, ty: Option<char>, precision: Option<usize>, alt: bool) -> String {
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    match ty {
        Some('f' | 'F') => {
            let s = fixed(a, precision.unwrap_or(6));
            if alt && !s.contains('.') {
                format!("{s}.")
            } else {
                s
            }
        }
        Some('%') => {
            let s = fixed(a * 100.0, precision.unwrap_or(6));
            let s = if alt && !s.contains('.') {
                format!("{s}.")
            } else {
                s
            };
            format!("{s}%")
        }
        Some('e' | 'E') => {
            let (m, e) = exp_parts(a, precision.unwrap_or(6));
            let m = if alt && !m.contains('.') {
                format!("{m}.")
            } else {
                m
            };
            format!("{m}{}", py_exp(e, upper))
        }
        Some('g' | 'G' | 'n') => general(a, precision.unwrap_or(6), alt, upper, false),
        _ => match precision {
            None => {
                let r = crate::types::float::float_repr_str(a);
                if alt { add_dot(r) } else { r }
            }
            Some(p) => general(a, p, alt, false, true),
        },
    }
}

/// The alternate form's mandatory decimal point (`1.e+16`, `5.`).
fn add_dot(r: String) -> String {
    if r.contains('.') {
        return r;
    }
    match r.find(['e', 'E']) {
        Some(i) => format!("{}.{}", &r[..i], &r[i..]),
        None => format!("{r}."),
    }
}

/// `%g`-style formatting with `p` significant digits; `add_dot_0` is the
/// no-type variant that keeps at least one fractional digit.
fn general(a: f64, p: usize, alt: bool, upper: bool, add_dot_0: bool) -> String {
    let p = p.max(1);
    let (m, exp) = exp_parts(a, p - 1);
    // Like CPython: with the no-type variant, exponent form starts one
    // position earlier (decpt > precision - 1).
    let limit = if add_dot_0 { p as i32 - 1 } else { p as i32 };
    let mut s = if exp >= -4 && exp < limit {
        fixed(a, (p as i32 - 1 - exp) as usize)
    } else {
        let m = if !alt && m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            m
        };
        let m = if alt && !m.contains('.') {
            format!("{m}.")
        } else {
            m
        };
        return format!("{m}{}", py_exp(exp, upper));
    };
    if !alt && s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if alt && !s.contains('.') {
        s.push('.');
    }
    if add_dot_0 && !s.contains('.') {
        s.push_str(".0");
    }
    s
}

/// `format(float, spec)` with a parsed spec (also used for ints with float
/// types and for each part of a complex).
pub fn format_float_parsed(f: f64, spec: &NumSpec, tyname: &str) -> PyResult<String> {
    if let Some(t) = spec.ty
        && !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n')
    {
        return Err(unknown_code(t, tyname));
    }
    if let (Some(g), Some('n')) = (spec.grouping, spec.ty) {
        return Err(value_error(format!("Cannot specify '{g}' with 'n'.")));
    }
    let (sign, body) = float_sign_body(f, spec);
    Ok(split_and_assemble(spec, sign, &body))
}

fn float_sign_body(f: f64, spec: &NumSpec) -> (&'static str, String) {
    let a = f.abs();
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    let body = if a.is_nan() {
        if upper {
            "NAN".to_string()
        } else {
            "nan".to_string()
        }
    } else if a.is_infinite() {
        if upper {
            "INF".to_string()
        } else {
            "inf".to_string()
        }
    } else {
        float_body(a, spec.ty, spec.precision, spec.alt)
    };
    let body = if !a.is_finite() && spec.ty == Some('%') {
        format!("{body}%")
    } else {
        body
    };
    let mut neg = f.is_sign_negative() && !f.is_nan();
    if neg && spec.z && a.is_finite() && body.bytes().all(|b| !(b'1'..=b'9').contains(&b)) {
        neg = false;
    }
    (sign_text(neg, spec), body)
}

/// Splits a float body into leading integer digits and the rest, then pads.
fn split_and_assemble(spec: &NumSpec, sign: &str, body: &str) -> String {
    let cut = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (int_digits, rest) = body.split_at(cut);
    if int_digits.is_empty() {
        // inf/nan: no grouping; zero padding still fills with '0'.
        let mut sp = spec.clone();
        sp.grouping = None;
        return assemble(&sp, sign, "", "", rest, 3, '>');
    }
    assemble(spec, sign, "", int_digits, rest, 3, '>')
}

/// `format(complex, spec)`.
pub fn format_complex(re: f64, im: f64, spec_text: &str, tyname: &str) -> PyResult<String> {
    let spec = parse_num_spec(spec_text, tyname)?;
    if let Some(t) = spec.ty
        && !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n')
    {
        return Err(unknown_code(t, tyname));
    }
    if spec.zero && spec.fill == '0' {
        return Err(value_error(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if spec.align == Some('=') {
        return Err(value_error(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    if let (Some(g), Some('n')) = (spec.grouping, spec.ty) {
        return Err(value_error(format!("Cannot specify '{g}' with 'n'.")));
    }
    // With no type: like repr (real part omitted when it is +0, parentheses).
    let bare = spec.ty.is_none();
    let skip_re = bare && re == 0.0 && re.is_sign_positive();
    let part_spec = |sign: Option<char>| NumSpec {
        fill: ' ',
        align: None,
        width: 0,
        zero: false,
        sign,
        ty: if bare && spec.precision.is_some() {
            Some('g')
        } else {
            spec.ty
        },
        alt: spec.alt && !(bare && spec.precision.is_none()),
        ..spec.clone()
    };
    let strip_dot0 = |s: String| {
        if bare && spec.precision.is_none() {
            let s = s.strip_suffix(".0").map(String::from).unwrap_or(s);
            let s = match s.find("e") {
                Some(i) if s[..i].ends_with(".0") => format!("{}{}", &s[..i - 2], &s[i..]),
                _ => s,
            };
            if spec.alt && s.bytes().any(|b| b.is_ascii_digit()) {
                add_dot(s)
            } else {
                s
            }
        } else {
            s
        }
    };
    let (rs, rb) = float_sign_body(re, &part_spec(spec.sign));
    let (is, ib) = float_sign_body(im, &part_spec(Some('+')));
    let rb = strip_dot0(rb);
    let ib = strip_dot0(ib);
    let group = |b: &str| -> String {
        let cut = b.find(|c: char| !c.is_ascii_digit()).unwrap_or(b.len());
        match spec.grouping {
            Some(sep) if cut > 0 => format!("{}{}", group_digits(&b[..cut], sep, 3), &b[cut..]),
            _ => b.to_string(),
        }
    };
    let text = if skip_re {
        let is = if im.is_sign_negative() && !im.is_nan() {
            "-"
        } else {
            sign_text(false, &part_spec(spec.sign))
        };
        let is = if spec.z && is == "-" && ib.bytes().all(|b| !(b'1'..=b'9').contains(&b)) {
            ""
        } else {
            is
        };
        format!("{is}{}j", group(&ib))
    } else {
        let body = format!("{rs}{}{is}{}j", group(&rb), group(&ib));
        if bare { format!("({body})") } else { body }
    };
    let mut sp = spec.clone();
    sp.grouping = None;
    Ok(assemble(&sp, "", "", "", &text, 3, '>'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases generated by CPython 3.11 (`testdata/format_cases.txt`:
    /// kind, value, spec, expected result or `!Error: message`).
    #[test]
    fn against_cpython() {
        let data = include_str!("testdata/format_cases.txt");
        let mut failures = Vec::new();
        let mut n = 0;
        let vm = crate::vm::Vm::new(crate::vm::Config::default());
        for line in data.lines() {
            let parts: Vec<&str> = line.splitn(4, '\t').collect();
            let [kind, value, spec, want] = parts[..] else {
                continue;
            };
            n += 1;
            let got = match kind {
                "i" => format_int(&value.parse::<BigInt>().unwrap(), spec, "int"),
                "f" => format_float(
                    crate::types::float::parse_hex_float(value).unwrap_or(f64::NAN),
                    spec,
                    "float",
                ),
                _ => {
                    let (r, i) = value.split_once(',').unwrap();
                    let r = crate::types::float::parse_hex_float(r).unwrap_or(f64::NAN);
                    let i = crate::types::float::parse_hex_float(i).unwrap_or(f64::NAN);
                    format_complex(r, i, spec, "complex")
                }
            };
            let got = match got {
                Ok(s) => s,
                Err(e) => format!(
                    "!{}: {}",
                    e.value().class().name(),
                    crate::protocol::object::str_string(&vm, e.value()).unwrap_or_default()
                ),
            };
            if got != want {
                failures.push(format!(
                    "{kind} {value} {spec:?}: got {got:?}, want {want:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {n} failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
