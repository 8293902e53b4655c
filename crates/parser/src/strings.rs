//! String literals: prefixes, escape decoding (`\n`, `\x..`, `\u....`,
//! `\N{...}`, octal), implicit concatenation, and f-strings.
//!
//! f-strings follow CPython 3.11 (`Parser/string_parser.c`): the f-string is
//! one STRING token; its literal parts are decoded like normal strings and
//! each replacement field's expression text is re-tokenized as
//! `"(" + text + ")"` and parsed on its own, with token positions shifted to
//! where the text sits in the file.  That reproduces CPython's positions,
//! quirks included: literal parts and FormattedValue nodes span the whole
//! concatenated literal, a format spec's JoinedStr ends at the end of the
//! token holding it, and a tuple expression starts at its `{`.

use crate::parser::{PErr, PResult, Parser};
use crate::tokenize::{TokKind as T, Token};
use taipan_ast::*;
use taipan_common::Wtf8Buf;

/// What a string token's prefix says.
#[derive(Clone, Copy, Debug)]
struct Prefix {
    raw: bool,
    bytes: bool,
    fstr: bool,
    /// Lower-case `u` first (CPython's `kind='u'` test is case-sensitive).
    u: bool,
}

/// Splits a STRING token into prefix and the byte range of its body.
fn split_token(text: &str) -> (Prefix, usize, usize) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut p = Prefix {
        raw: false,
        bytes: false,
        fstr: false,
        u: b.first() == Some(&b'u'),
    };
    while i < b.len() && b[i] != b'\'' && b[i] != b'"' {
        match b[i].to_ascii_lowercase() {
            b'r' => p.raw = true,
            b'b' => p.bytes = true,
            b'f' => p.fstr = true,
            _ => {}
        }
        i += 1;
    }
    let q = b.get(i).copied().unwrap_or(b'"');
    let triple = b.len() >= i + 6 && b[i + 1] == q && b[i + 2] == q;
    let ql = if triple { 3 } else { 1 };
    let start = (i + ql).min(b.len());
    let end = b.len().saturating_sub(ql).max(start);
    (p, start, end)
}

/// A decoding error: message and the byte range within the body.
struct EscErr {
    msg: String,
}

fn hex_val(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// The DeprecationWarning text for an unknown escape `\\c`.
fn escape_warning_msg(c: char) -> String {
    format!("invalid escape sequence '\\{c}'")
}

/// The DeprecationWarning text for an octal escape above `\\377`.
fn octal_warning(digits: &str) -> String {
    format!("invalid octal escape sequence '\\{digits}'")
}

/// Decodes the escapes of a (non-raw) str body; `bad_escape` receives the
/// warning CPython 3.11 gives for the first invalid escape.
fn decode_str(
    body: &str,
    out: &mut Wtf8Buf,
    bad_escape: &mut Option<String>,
) -> Result<(), EscErr> {
    let b = body.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&body[run..i]);
        let esc_start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            // A lone trailing backslash (an f-string literal part before
            // `{`) stays a backslash, as CPython's "\\u005c" rewrite does.
            out.push_char('\\');
            run = i;
            break;
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push_char('\\'),
            b'\'' => out.push_char('\''),
            b'"' => out.push_char('"'),
            b'a' => out.push_char('\x07'),
            b'b' => out.push_char('\x08'),
            b'f' => out.push_char('\x0c'),
            b'n' => out.push_char('\n'),
            b'r' => out.push_char('\r'),
            b't' => out.push_char('\t'),
            b'v' => out.push_char('\x0b'),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                if v > 0o377 && bad_escape.is_none() {
                    *bad_escape = Some(octal_warning(&body[esc_start + 1..i]));
                }
                out.push_code_point(v);
            }
            b'x' | b'u' | b'U' => {
                let (n, name) = match c {
                    b'x' => (2, "\\xXX"),
                    b'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let mut v: u32 = 0;
                for k in 0..n {
                    match b.get(i + k).copied().and_then(hex_val) {
                        Some(d) => v = v * 16 + d,
                        None => {
                            return Err(EscErr {
                                msg: format!(
                                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: truncated {} escape",
                                    esc_start,
                                    i + k - 1,
                                    name
                                ),
                            });
                        }
                    }
                }
                i += n;
                if !out.push_code_point(v) {
                    return Err(EscErr {
                        msg: format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                            esc_start,
                            i - 1
                        ),
                    });
                }
            }
            b'N' => {
                let bad = |end: usize| EscErr {
                    msg: format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: malformed \\N character escape",
                        esc_start, end
                    ),
                };
                if b.get(i) != Some(&b'{') {
                    return Err(bad(i.saturating_sub(1)));
                }
                let Some(close) = body[i..].find('}') else {
                    return Err(bad(b.len() - 1));
                };
                let name = &body[i + 1..i + close];
                if name.is_empty() {
                    return Err(bad(i));
                }
                match lookup_name(name) {
                    Some(ch) => out.push_char(ch),
                    None => {
                        return Err(EscErr {
                            msg: format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: unknown Unicode character name",
                                esc_start,
                                i + close
                            ),
                        });
                    }
                }
                i += close + 1;
            }
            _ => {
                // Unknown escape: kept as is; CPython warns about the first
                // (not when a non-ASCII character follows the backslash: its
                // parser turns that backslash into `\u005c` first).
                out.push_char('\\');
                i -= 1;
                if bad_escape.is_none() && c.is_ascii() {
                    *bad_escape = Some(escape_warning_msg(c as char));
                }
            }
        }
        run = i;
    }
    out.push_str(&body[run..]);
    Ok(())
}

/// CPython's `\N{...}` lookup: names compare case-insensitively with exact
/// spacing, aliases (NameAliases.txt) count, and the algorithmic names
/// (`HANGUL SYLLABLE ...`, `CJK UNIFIED IDEOGRAPH-...`) must be upper-case.
pub(crate) fn lookup_name(name: &str) -> Option<char> {
    if name.is_empty() || name.len() > 256 || !name.is_ascii() {
        return None;
    }
    let up = name.to_ascii_uppercase();
    if let Ok(i) =
        crate::unicode_tables::NAME_ALIASES.binary_search_by(|&(a, _)| a.cmp(up.as_str()))
    {
        return crate::unicode_tables::NAME_ALIASES
            .get(i)
            .and_then(|&(_, cp)| char::from_u32(cp));
    }
    let algorithmic =
        up.starts_with("HANGUL SYLLABLE ") || up.starts_with("CJK UNIFIED IDEOGRAPH-");
    if algorithmic && up != name {
        return None;
    }
    let c = unicode_names2::character(&up)?;
    // The crate also accepts loose spellings ("LATINSMALLLETTERA"): insist
    // on the exact name.
    let exact = unicode_names2::name(c)?.to_string();
    // The crate may know newer characters than CPython 3.11's Unicode 14.
    let known = crate::tokenize::in_ranges(crate::unicode_tables::ASSIGNED, c as u32);
    (exact == up && known).then_some(c)
}

/// Decodes a bytes body (raw or not); non-ASCII characters are an error.
fn decode_bytes(
    body: &str,
    raw: bool,
    out: &mut Vec<u8>,
    bad_escape: &mut Option<String>,
) -> Result<(), EscErr> {
    if !body.is_ascii() {
        return Err(EscErr {
            msg: "bytes can only contain ASCII literal characters".into(),
        });
    }
    let b = body.as_bytes();
    if raw {
        out.extend_from_slice(b);
        return Ok(());
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = b.get(i) else {
            return Err(EscErr {
                msg: "(value error) Trailing \\ in string".into(),
            });
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                if v > 0o377 && bad_escape.is_none() {
                    *bad_escape = Some(octal_warning(&body[i - 3..i]));
                }
                out.push((v & 0xFF) as u8);
            }
            b'x' => {
                match (
                    b.get(i).copied().and_then(hex_val),
                    b.get(i + 1).copied().and_then(hex_val),
                ) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => {
                        return Err(EscErr {
                            msg: format!("(value error) invalid \\x escape at position {}", i - 2),
                        });
                    }
                }
                i += 2;
            }
            _ => {
                out.push(b'\\');
                i -= 1;
                if bad_escape.is_none() {
                    *bad_escape = Some(escape_warning_msg(e as char));
                }
            }
        }
    }
    Ok(())
}

/// Accumulates the parts of an f-string (CPython's FstringParser).
struct FParts {
    last: Wtf8Buf,
    values: Vec<Expr>,
}

impl FParts {
    fn flush(&mut self, loc: Loc, kind: &Option<String>) {
        if !self.last.is_empty() {
            let s = std::mem::take(&mut self.last);
            self.values.push(Expr {
                kind: ExprKind::Constant {
                    value: Constant::Str(s),
                    kind: kind.clone(),
                },
                loc,
            });
        }
    }
}

impl<'a> Parser<'a> {
    /// One or more adjacent STRING tokens.
    pub fn strings(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.pos;
        while self.at(T::String) {
            self.bump();
        }
        let toks: &'a [Token] = self.toks.get(first..self.pos).unwrap_or(&[]);
        let loc = self.loc(s);
        let (Some(ft), Some(lt)) = (toks.first(), toks.last()) else {
            return Err(self.invalid());
        };
        let (p0, _, _) = split_token(self.text(ft));
        let any_f = toks.iter().any(|t| split_token(self.text(t)).0.fstr);
        let mut saw_bytes = false;
        let mut saw_str = false;
        for t in toks {
            let (p, _, _) = split_token(self.text(t));
            if p.bytes {
                saw_bytes = true;
            } else {
                saw_str = true;
            }
        }
        if saw_bytes && saw_str {
            let _ = lt;
            return Err(self.str_err("cannot mix bytes and nonbytes literals".into()));
        }
        if saw_bytes {
            let mut out = Vec::new();
            for t in toks {
                let text = self.text(t);
                let (p, bs, be) = split_token(text);
                let mut bad = None;
                decode_bytes(&text[bs..be], p.raw, &mut out, &mut bad).map_err(|e| {
                    // Non-ASCII is reported at the literal itself.
                    if e.msg.starts_with("bytes can only") {
                        self.err_tok(t, e.msg)
                    } else {
                        self.str_err(e.msg)
                    }
                })?;
                self.escape_warning(t, bad);
            }
            return Ok(Expr {
                kind: ExprKind::Constant {
                    value: Constant::Bytes(out),
                    kind: None,
                },
                loc,
            });
        }
        let kind = if p0.u { Some("u".to_owned()) } else { None };
        if !any_f {
            let mut out = Wtf8Buf::new();
            for t in toks {
                let text = self.text(t);
                let (p, bs, be) = split_token(text);
                let body = &text[bs..be];
                let whole = p.raw || !body.contains('\\');
                if let Some(msg) = self.bad_literal(t.start as usize + bs, body, whole) {
                    return Err(self.str_err(msg));
                }
                if whole {
                    out.push_str(body);
                } else {
                    let mut bad = None;
                    decode_str(body, &mut out, &mut bad).map_err(|e| self.str_err(e.msg))?;
                    self.escape_warning(t, bad);
                }
            }
            return Ok(Expr {
                kind: ExprKind::Constant {
                    value: Constant::Str(out),
                    kind,
                },
                loc,
            });
        }
        let mut parts = FParts {
            last: Wtf8Buf::new(),
            values: Vec::new(),
        };
        for t in toks {
            let text = self.text(t);
            let (p, bs, be) = split_token(text);
            if !p.fstr {
                let body = &text[bs..be];
                let whole = p.raw || !body.contains('\\');
                if let Some(msg) = self.bad_literal(t.start as usize + bs, body, whole) {
                    return Err(self.str_err(msg));
                }
                if p.raw {
                    parts.last.push_str(body);
                } else {
                    let mut bad = None;
                    decode_str(body, &mut parts.last, &mut bad).map_err(|e| self.str_err(e.msg))?;
                    self.escape_warning(t, bad);
                }
                continue;
            }
            let mut i = bs;
            self.fstring_parse(t, text, &mut i, be, p.raw, 0, loc, &kind, &mut parts)?;
        }
        parts.flush(loc, &kind);
        Ok(Expr {
            kind: ExprKind::JoinedStr {
                values: parts.values,
            },
            loc,
        })
    }

    /// Errors found while processing literals are reported, like CPython's
    /// RAISE_SYNTAX_ERROR, at the token after the string(s).
    #[cold]
    fn ferr(&self, _t: &Token, msg: &str) -> PErr {
        self.str_err(msg.to_owned())
    }

    /// The decode error of a literal part holding undecodable bytes, as
    /// CPython finds it: decoding the part at once when it is raw or has no
    /// escapes (`whole`), else each run of non-ASCII bytes on its own (the
    /// way `decode_unicode_with_escapes` goes).
    fn bad_literal(&self, start: usize, part: &str, whole: bool) -> Option<String> {
        let end = start + part.len();
        if !crate::decode::has_bad(self.bad, start, end) {
            return None;
        }
        if whole {
            return crate::decode::region_error(self.src, self.bad, start, end);
        }
        let b = part.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] < 0x80 {
                i += 1;
                continue;
            }
            let run = i;
            while i < b.len() && b[i] >= 0x80 {
                i += 1;
            }
            if let Some(m) = crate::decode::region_error(self.src, self.bad, start + run, start + i)
            {
                return Some(m);
            }
        }
        None
    }

    /// CPython's warn_invalid_escape_sequence (a DeprecationWarning in 3.11).
    /// The SyntaxError that replaces it under `-W error` points at the whole
    /// string token.
    fn escape_warning(&mut self, t: &Token, bad: Option<String>) {
        if let Some(msg) = bad
            && let PErr::Syntax(se) = self.err_tok(t, msg)
        {
            self.warnings
                .push((crate::WarningCategory::Deprecation, *se));
        }
    }

    #[cold]
    fn str_err(&self, msg: String) -> PErr {
        let t = self.tok();
        self.err_tok(&t, msg)
    }

    /// Parses f-string body text `text[*i..end]` (of token `t`) into
    /// `parts`, stopping at the end or (in a format spec) at the `}` that
    /// closes the replacement field.
    #[allow(clippy::too_many_arguments)]
    fn fstring_parse(
        &mut self,
        t: &Token,
        text: &str,
        i: &mut usize,
        end: usize,
        raw: bool,
        level: u32,
        whole: Loc,
        kind: &Option<String>,
        parts: &mut FParts,
    ) -> PResult<()> {
        let b = text.as_bytes();
        loop {
            // Literal part.
            let lit_start = *i;
            let mut s = *i;
            let lit_end;
            let resume;
            loop {
                if s >= end {
                    lit_end = end;
                    resume = end;
                    break;
                }
                let mut ch = b[s];
                s += 1;
                if !raw && ch == b'\\' && s < end {
                    ch = b[s];
                    s += 1;
                    if ch == b'N' {
                        if s < end && b[s] == b'{' {
                            s += 1;
                            while s < end {
                                let c = b[s];
                                s += 1;
                                if c == b'}' {
                                    break;
                                }
                            }
                        }
                        continue;
                    }
                }
                if ch == b'{' || ch == b'}' {
                    if level == 0 {
                        if s < end && b[s] == ch {
                            // Doubled brace: literal ends after one of them.
                            lit_end = s;
                            resume = s + 1;
                            break;
                        }
                        if ch == b'}' {
                            return Err(self.ferr(t, "f-string: single '}' is not allowed"));
                        }
                    }
                    lit_end = s - 1;
                    resume = s - 1;
                    break;
                }
            }
            let lit = &text[lit_start..lit_end];
            if let Some(msg) = self.bad_literal(t.start as usize + lit_start, lit, raw) {
                return Err(self.str_err(msg));
            }
            if !lit.is_empty() {
                if raw || !lit.contains('\\') {
                    parts.last.push_str(lit);
                } else {
                    let mut bad = None;
                    decode_str(lit, &mut parts.last, &mut bad).map_err(|e| self.str_err(e.msg))?;
                    self.escape_warning(t, bad);
                }
            }
            *i = resume;
            if *i >= end {
                return Ok(());
            }
            if resume == lit_end + 1 {
                // Doubled brace consumed; keep scanning literals.
                continue;
            }
            if b[*i] == b'}' {
                // End of a format spec (level > 0).
                return Ok(());
            }
            // A replacement field at `{`.
            if level >= 2 {
                return Err(self.ferr(t, "f-string: expressions nested too deeply"));
            }
            self.fstring_field(t, text, i, end, raw, level, whole, kind, parts)?;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn fstring_field(
        &mut self,
        t: &Token,
        text: &str,
        i: &mut usize,
        end: usize,
        raw: bool,
        level: u32,
        whole: Loc,
        kind: &Option<String>,
        parts: &mut FParts,
    ) -> PResult<()> {
        let b = text.as_bytes();
        let brace = *i;
        *i += 1;
        let expr_start = *i;
        let mut quote: u8 = 0;
        let mut triple = false;
        let mut stack: Vec<u8> = Vec::new();
        while *i < end {
            let ch = b[*i];
            if ch == b'\\' {
                return Err(self.ferr(t, "f-string expression part cannot include a backslash"));
            }
            if quote != 0 {
                if ch == quote {
                    if triple {
                        if *i + 2 < end && b[*i + 1] == ch && b[*i + 2] == ch {
                            *i += 3;
                            quote = 0;
                            continue;
                        }
                    } else {
                        quote = 0;
                    }
                }
                *i += 1;
                continue;
            }
            if ch == b'\'' || ch == b'"' {
                if *i + 2 < end && b[*i + 1] == ch && b[*i + 2] == ch {
                    triple = true;
                    *i += 3;
                } else {
                    triple = false;
                    *i += 1;
                }
                quote = ch;
                continue;
            }
            if ch == b'[' || ch == b'{' || ch == b'(' {
                if stack.len() >= 200 {
                    return Err(self.ferr(t, "f-string: too many nested parenthesis"));
                }
                stack.push(ch);
                *i += 1;
                continue;
            }
            if ch == b'#' {
                return Err(self.ferr(t, "f-string expression part cannot include '#'"));
            }
            if stack.is_empty() && matches!(ch, b'!' | b':' | b'}' | b'=' | b'>' | b'<') {
                if *i + 1 < end {
                    let next = b[*i + 1];
                    if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        *i += 2;
                        continue;
                    }
                }
                if ch == b'>' || ch == b'<' {
                    *i += 1;
                    continue;
                }
                break;
            }
            if ch == b']' || ch == b'}' || ch == b')' {
                let Some(open) = stack.pop() else {
                    return Err(self.ferr(t, &format!("f-string: unmatched '{}'", ch as char)));
                };
                let ok = matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                if !ok {
                    return Err(self.ferr(
                        t,
                        &format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        ),
                    ));
                }
            }
            *i += 1;
        }
        let expr_end = *i;
        if quote != 0 {
            return Err(self.ferr(t, "f-string: unterminated string"));
        }
        if let Some(&open) = stack.last() {
            return Err(self.ferr(t, &format!("f-string: unmatched '{}'", open as char)));
        }
        if *i >= end {
            return Err(self.ferr(t, "f-string: expecting '}'"));
        }
        let expr_text = &text[expr_start..expr_end];
        let value = self.fstring_compile_expr(t, text, brace, expr_text)?;
        let mut debug_text = None;
        if b[*i] == b'=' {
            *i += 1;
            while *i < end && matches!(b[*i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                *i += 1;
            }
            if *i >= end {
                return Err(self.ferr(t, "f-string: expecting '}'"));
            }
            debug_text = Some(&text[expr_start..*i]);
        }
        let mut conversion = -1;
        if b[*i] == b'!' {
            *i += 1;
            if *i >= end {
                return Err(self.ferr(t, "f-string: expecting '}'"));
            }
            let c = b[*i];
            *i += 1;
            if !matches!(c, b's' | b'r' | b'a') {
                return Err(self.ferr(
                    t,
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                ));
            }
            conversion = c as i32;
        }
        let mut format_spec = None;
        if *i < end && b[*i] == b':' {
            *i += 1;
            if *i >= end {
                return Err(self.ferr(t, "f-string: expecting '}'"));
            }
            let mut sub = FParts {
                last: Wtf8Buf::new(),
                values: Vec::new(),
            };
            self.fstring_parse(t, text, i, end, raw, level + 1, whole, kind, &mut sub)?;
            // CPython finishes a format spec with (t, t) as first/last token.
            let spec_loc = Self::tok_loc(t);
            sub.flush(spec_loc, &None);
            format_spec = Some(Box::new(Expr {
                kind: ExprKind::JoinedStr { values: sub.values },
                loc: spec_loc,
            }));
        }
        if *i >= end || b[*i] != b'}' {
            return Err(self.ferr(t, "f-string: expecting '}'"));
        }
        *i += 1;
        if let Some(dt) = debug_text {
            parts.last.push_str(dt);
            if format_spec.is_none() && conversion == -1 {
                conversion = b'r' as i32;
            }
        }
        parts.flush(whole, kind);
        parts.values.push(Expr {
            kind: ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            },
            loc: whole,
        });
        Ok(())
    }

    /// Parses the expression text of a replacement field, positioned where
    /// CPython 3.11 positions it.
    fn fstring_compile_expr(
        &mut self,
        t: &Token,
        text: &str,
        brace: usize,
        expr: &str,
    ) -> PResult<Expr> {
        if expr
            .bytes()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
        {
            return Err(self.ferr(t, "f-string: empty expression not allowed"));
        }
        // CPython's fstring_find_expr_location.
        let tb = text.as_bytes();
        let mut newline_after_brace = true;
        for &c in &tb[brace + 1..] {
            if c == b'}' || c == b'\n' {
                break;
            }
            if c != b' ' && c != b'\t' && c != 0x0c {
                newline_after_brace = false;
                break;
            }
        }
        let mut cols: u32 = 0;
        if !newline_after_brace {
            let mut st = brace;
            while st > 0 && tb[st] != b'\n' {
                st -= 1;
            }
            cols = (brace - st) as u32;
            if tb[st] == b'\n' {
                cols -= 1;
            }
        }
        let lines = tb[..brace].iter().filter(|&&c| c == b'\n').count() as u32;
        let base_line = t.lineno + lines;
        let base_col = if lines != 0 { cols } else { t.col + cols };

        let mut src = String::with_capacity(expr.len() + 2);
        src.push('(');
        src.push_str(expr);
        src.push(')');
        let toks = crate::tokenize::tokenize(&src);
        if let Some(e) = toks.error {
            return Err(self.err_tok(t, format!("f-string: {}", e.msg)));
        }
        let mut tv = toks.tokens;
        for tk in tv.iter_mut() {
            if tk.lineno == 1 {
                tk.col += base_col;
            }
            if tk.end_lineno == 1 {
                tk.end_col += base_col;
            }
            tk.lineno += base_line - 1;
            tk.end_lineno += base_line - 1;
        }
        let mut sub = Parser::new(&src, &tv);
        sub.depth = self.depth;
        sub.in_fstring = true;
        let r = (|sub: &mut Parser<'_>| -> PResult<Expr> {
            let e = sub.star_expressions()?;
            while sub.eat(T::Newline) {}
            if !sub.at(T::EndMarker) {
                return Err(sub.invalid());
            }
            Ok(e)
        })(&mut sub);
        self.warnings.append(&mut sub.warnings);
        match r {
            Ok(e) => Ok(e),
            Err(PErr::Syntax(mut se)) => {
                // CPython reports these relative to the re-parsed "(expr)".
                se.msg = format!("f-string: {}", se.msg);
                let sub_line = se.lineno.saturating_sub(base_line) as usize;
                if se.lineno == base_line {
                    se.offset -= base_col as i64;
                    if se.end_lineno == base_line && se.end_offset > 0 {
                        se.end_offset -= base_col as i64;
                    }
                }
                let line = src.split('\n').nth(sub_line).unwrap_or("");
                se.text = Some(format!("{line}\n"));
                Err(PErr::Syntax(se))
            }
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> String {
        let mut o = Wtf8Buf::new();
        assert!(decode_str(s, &mut o, &mut None).is_ok());
        o.to_string_lossy()
    }

    #[test]
    fn escapes() {
        assert_eq!(dec(r"a\nb"), "a\nb");
        assert_eq!(dec(r"\x41\u00e9\U0001F600"), "Aé😀");
        assert_eq!(dec(r"\101\0"), "A\0");
        assert_eq!(dec(r"\N{EURO SIGN}"), "€");
        assert_eq!(dec(r"\q"), "\\q");
        assert_eq!(
            dec(r"\N{BYTE ORDER MARK}\N{lf}\N{latin small letter a}"),
            "\u{feff}\na"
        );
        assert_eq!(dec(r"\N{CJK UNIFIED IDEOGRAPH-4E00}"), "\u{4e00}");
        for bad in [
            r"\N{LATINSMALLLETTERA}",
            r"\N{LATIN SMALL LETTER  A}",
            r"\N{cjk unified ideograph-4e00}",
        ] {
            assert!(
                decode_str(bad, &mut Wtf8Buf::new(), &mut None).is_err(),
                "{bad}"
            );
        }
        let mut b = Vec::new();
        assert!(decode_bytes(r"\xff\n", false, &mut b, &mut None).is_ok());
        assert_eq!(b, vec![0xff, b'\n']);
    }
}
