//! Taipan's tokenizer and parser for Python 3.11.
//!
//! `parse` / `parse_str` turn source into a `taipan_ast::Mod` with CPython
//! 3.11's node shapes and positions, or into a `FrontendError` carrying
//! CPython's SyntaxError message, class and location.  The pipeline is:
//! decode (PEP 263 cookie / BOM) -> normalize newlines -> `tokenize` (whole
//! file, see `tokenize.rs`) -> recursive-descent `parser` -> AST.  How
//! tokenizer errors and parser errors are ranked follows CPython's
//! `_PyPegen_set_syntax_error`: a tokenizer error anywhere in the file wins,
//! except "EOF inside brackets", which becomes "'(' was never closed" unless
//! the parser found a more specific error first.

mod decode;
mod numbers;
mod parser;
mod strings;
pub mod tokenize;
#[rustfmt::skip]
mod unicode_tables;

use parser::{PErr, Parser, SynErr};
use taipan_ast::{FrontendError, Mod, SyntaxErrorInfo, SyntaxErrorKind};
use tokenize::{TokErrorKind, TokKind, Token};

pub use decode::{Decoded, SourceKind, decode_source, decode_source_as};

/// What to parse, as `compile()`'s mode argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
    FuncType,
}

/// CPython 3.11's character-name lookup as `\N{...}` does it (case-insensitive,
/// aliases included, Unicode 14.0); `unicodedata.lookup` builds on it.
pub fn lookup_char_name(name: &str) -> Option<char> {
    strings::lookup_name(name)
}

/// Whether `upper` (an upper-case name) is a Unicode name alias CPython accepts.
pub fn is_char_name_alias(upper: &str) -> bool {
    unicode_tables::NAME_ALIASES
        .binary_search_by(|&(a, _)| a.cmp(upper))
        .is_ok()
}

pub(crate) fn is_printable(c: char) -> bool {
    taipan_ast::printable::is_printable(c)
}

/// Decodes source bytes (PEP 263 coding cookie on line 1 or 2, UTF-8 BOM,
/// default UTF-8) and parses, as `compile()` does.
pub fn parse(source: &[u8], filename: &str, mode: Mode) -> Result<Mod, FrontendError> {
    parse_source(
        source,
        filename,
        mode,
        SourceKind::String,
        ParseOptions::default(),
        &mut Vec::new(),
    )
}

/// Decodes and parses source bytes the way CPython's tokenizer for `kind`
/// does (see `SourceKind`), reporting compile-time warnings.
pub fn parse_source(
    source: &[u8],
    filename: &str,
    mode: Mode,
    kind: SourceKind,
    opts: ParseOptions,
    warnings: &mut Vec<ParseWarning>,
) -> Result<Mod, FrontendError> {
    let d = decode_source_as(source, filename, kind)?;
    if kind == SourceKind::File
        && let Some(p) = d.text.find('\0')
    {
        // The file tokenizer stops at the line holding the null byte and
        // shows that line up to it.
        let line_start = d.text[..p].rfind('\n').map_or(0, |i| i + 1);
        let lineno = d.text[..p].matches('\n').count() as u32 + 1;
        return Err(FrontendError::Syntax(SyntaxErrorInfo {
            kind: SyntaxErrorKind::SyntaxError,
            msg: "source code cannot contain null bytes".into(),
            filename: filename.to_owned(),
            lineno,
            offset: 0,
            end_lineno: lineno,
            end_offset: 0,
            text: Some(d.text[line_start..p].trim_end_matches('\r').to_owned()),
        }));
    }
    let mut incomplete = None;
    let r = parse_inner(
        &d.text,
        &d.bad,
        d.byte_offsets,
        filename,
        mode,
        opts,
        &mut incomplete,
        warnings,
    );
    finish_parse(r, incomplete, filename, opts, warnings)
}

/// Newlines normalized to `\n`, with the marks of undecodable bytes moved
/// along.
fn normalize_newlines(source: &str, bad: &[(usize, u8)]) -> (String, Vec<(usize, u8)>) {
    let mut out = String::with_capacity(source.len());
    let mut marks = Vec::with_capacity(bad.len());
    let mut bi = 0;
    let mut chars = source.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if bad.get(bi).is_some_and(|&(p, _)| p == i) {
            marks.push((out.len(), bad[bi].1));
            bi += 1;
        }
        if c == '\r' {
            if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    (out, marks)
}

/// Options of `compile()` that change parsing (CPython's `PyCF_*` flags).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// `PyCF_ALLOW_INCOMPLETE_INPUT`: a parse that fails only because the
    /// source ended too early reports SyntaxError("incomplete input") (used
    /// by `codeop` and the REPL to ask for more lines).
    pub allow_incomplete: bool,
    /// `PyCF_DONT_IMPLY_DEDENT`: in `Single` mode, a source that ends inside
    /// an indented block without a final newline does not close the block.
    pub dont_imply_dedent: bool,
}

/// Parses already-decoded text (used by compile() on str and by the REPL).
pub fn parse_str(source: &str, filename: &str, mode: Mode) -> Result<Mod, FrontendError> {
    parse_str_with(source, filename, mode, ParseOptions::default())
}

/// Which warning class a compile-time warning belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningCategory {
    /// `DeprecationWarning` (invalid escape sequences in 3.11).
    Deprecation,
    /// `SyntaxWarning` (a number directly followed by a keyword: `1if x`).
    Syntax,
}

/// A warning CPython's parser would issue with `warnings.warn_explicit(
/// message, category, filename, lineno)`; the caller decides whether to show
/// it.  When the warning filters turn it into an exception of its category
/// (`-W error`), CPython raises `error` (a SyntaxError with the same message,
/// pointing at the literal) instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseWarning {
    pub category: WarningCategory,
    pub message: String,
    pub lineno: u32,
    pub error: SyntaxErrorInfo,
}

/// `parse_str` with compile() flags (see `ParseOptions`).
pub fn parse_str_with(
    source: &str,
    filename: &str,
    mode: Mode,
    opts: ParseOptions,
) -> Result<Mod, FrontendError> {
    parse_str_with_warnings(source, filename, mode, opts, &mut Vec::new())
}

/// `parse_str_with` that also reports compile-time warnings, in source order.
pub fn parse_str_with_warnings(
    source: &str,
    filename: &str,
    mode: Mode,
    opts: ParseOptions,
    warnings: &mut Vec<ParseWarning>,
) -> Result<Mod, FrontendError> {
    let mut incomplete = None;
    let r = parse_inner(
        source,
        &[],
        false,
        filename,
        mode,
        opts,
        &mut incomplete,
        warnings,
    );
    finish_parse(r, incomplete, filename, opts, warnings)
}

/// Orders the warnings and applies `allow_incomplete`.
fn finish_parse(
    r: Result<Mod, FrontendError>,
    incomplete: Option<(u32, u32)>,
    filename: &str,
    opts: ParseOptions,
    warnings: &mut [ParseWarning],
) -> Result<Mod, FrontendError> {
    warnings.sort_by_key(|w| w.lineno);
    match (r, incomplete) {
        (Err(FrontendError::Syntax(_)), Some((line, offset))) if opts.allow_incomplete => {
            Err(FrontendError::Syntax(SyntaxErrorInfo {
                kind: SyntaxErrorKind::SyntaxError,
                msg: "incomplete input".into(),
                filename: filename.to_owned(),
                lineno: line,
                offset,
                end_lineno: line,
                end_offset: offset as i32,
                text: None,
            }))
        }
        (r, _) => r,
    }
}

/// The parse proper; sets `incomplete` to the place to report "incomplete
/// input" when a failure is only due to the source ending early.
#[allow(clippy::too_many_arguments)]
fn parse_inner(
    source: &str,
    bad: &[(usize, u8)],
    byte_offsets: bool,
    filename: &str,
    mode: Mode,
    opts: ParseOptions,
    incomplete: &mut Option<(u32, u32)>,
    warnings: &mut Vec<ParseWarning>,
) -> Result<Mod, FrontendError> {
    let (norm, moved): (std::borrow::Cow<'_, str>, Option<Vec<(usize, u8)>>) =
        if source.contains('\r') {
            let (s, b) = normalize_newlines(source, bad);
            (s.into(), Some(b))
        } else {
            (source.into(), None)
        };
    let src: &str = &norm;
    let bad: &[(usize, u8)] = moved.as_deref().unwrap_or(bad);
    let ctx = ErrCtx {
        src,
        filename,
        byte_offsets,
        bad,
    };
    if src.contains('\0') {
        // compile()'s wording (no location); a script's null byte is
        // reported by `parse_source` before this.
        return Err(FrontendError::Bare(
            "source code string cannot contain null bytes".into(),
        ));
    }
    let toks = tokenize::tokenize_marked(src, bad);
    for (lineno, col, message) in toks.warnings {
        // The tokenizer's own error: the line as it is, offset = end offset
        // = the column where the keyword starts.
        let se = SynErr {
            kind: SyntaxErrorKind::SyntaxError,
            msg: message,
            lineno,
            offset: col as i64,
            end_lineno: lineno,
            end_offset: col as i64,
            generic: false,
            text: line_text(src, lineno).map(str::to_owned),
        };
        push_warning(warnings, &ctx, WarningCategory::Syntax, se, true);
    }
    let mut tokens = toks.tokens;
    let mut unclosed = None;
    if let Some(e) = toks.error {
        match e.kind {
            TokErrorKind::EofInBrackets => {
                *incomplete = Some(last_token_end(&tokens));
                unclosed = toks.open_parens.last().copied();
                // Let the parser run up to a synthetic end marker.
                let (line, col) = end_position(src);
                tokens.push(Token {
                    kind: TokKind::EndMarker,
                    start: src.len() as u32,
                    end: src.len() as u32,
                    lineno: line,
                    col,
                    end_lineno: line,
                    end_col: col,
                });
            }
            _ => {
                // CPython reports a generic error at an INDENT/DEDENT token
                // met before the tokenizer error without looking further.
                if let Some(ie) = error_before(src, &tokens, e.raw_text) {
                    return Err(make_error(&ctx, ie, false));
                }
                let triple = e.msg.starts_with("unterminated triple-quoted");
                if triple
                    || (e.msg.starts_with("unterminated string literal")
                        && line_text(src, e.lineno).is_some_and(|t| !t.ends_with('\n')))
                {
                    // The string runs to the end of the source.
                    *incomplete = Some((e.lineno, e.offset.max(0) as u32));
                }
                let kind = match e.kind {
                    TokErrorKind::Indentation => SyntaxErrorKind::IndentationError,
                    TokErrorKind::Tab => SyntaxErrorKind::TabError,
                    _ => SyntaxErrorKind::SyntaxError,
                };
                let raw = e.raw_text;
                return Err(make_error(
                    &ctx,
                    SynErr {
                        kind,
                        msg: e.msg,
                        lineno: e.lineno,
                        offset: e.offset,
                        end_lineno: e.end_lineno,
                        end_offset: if e.kind == TokErrorKind::EofAfterContinuation {
                            -1
                        } else {
                            e.end_offset
                        },
                        generic: false,
                        // The tokenizer's own errors show the line as it is.
                        text: if e.raw_text {
                            line_text(src, e.lineno).map(|t| {
                                if triple { t.trim_end_matches('\n') } else { t }.to_owned()
                            })
                        } else {
                            None
                        },
                    },
                    raw,
                ));
            }
        }
    }
    if matches!(mode, Mode::Eval | Mode::Single)
        && tokens.iter().all(|t| t.kind == TokKind::EndMarker)
    {
        // Nothing to parse: CPython reports line 0 for empty input, else line 1.
        let line = if src.is_empty() { 0 } else { 1 };
        return Err(FrontendError::Syntax(SyntaxErrorInfo {
            kind: SyntaxErrorKind::SyntaxError,
            msg: "invalid syntax".into(),
            filename: filename.to_owned(),
            lineno: line,
            offset: 0,
            end_lineno: line,
            end_offset: 0,
            text: None,
        }));
    }
    if mode == Mode::Single && opts.dont_imply_dedent && !src.ends_with('\n') {
        // The block stays open: drop the DEDENTs the end of input implied.
        let n = tokens.len();
        let dedents = tokens[..n.saturating_sub(1)]
            .iter()
            .rev()
            .take_while(|t| t.kind == TokKind::Dedent)
            .count();
        tokens.drain(n - 1 - dedents..n - 1);
    }
    let mut p = Parser::new(src, &tokens);
    p.bad = bad;
    let result = match mode {
        Mode::Exec => p.file().map(|body| Mod::Module {
            body,
            type_ignores: Vec::new(),
        }),
        Mode::Eval => p
            .eval_input()
            .map(|e| Mod::Expression { body: Box::new(e) }),
        Mode::Single => p.interactive().map(|body| Mod::Interactive { body }),
        Mode::FuncType => p.func_type().map(|(argtypes, r)| Mod::FunctionType {
            argtypes,
            returns: Box::new(r),
        }),
    };
    for (category, se) in std::mem::take(&mut p.warnings) {
        push_warning(warnings, &ctx, category, se, false);
    }
    if result.is_err() {
        // Did the parser get to the end of the source?
        let reached = p.furthest.max(p.pos);
        let ws = |t: &Token| {
            matches!(
                t.kind,
                TokKind::Newline | TokKind::Indent | TokKind::Dedent | TokKind::EndMarker
            )
        };
        if tokens
            .get(reached..)
            .is_some_and(|rest| rest.iter().all(ws))
            && incomplete.is_none()
        {
            *incomplete = Some(last_token_end(&tokens));
        }
    }
    let err = match result {
        Ok(m) if unclosed.is_none() => return Ok(m),
        Ok(_) => None,
        Err(e) => Some(e),
    };
    match err {
        Some(PErr::Memory) => Err(FrontendError::Memory(String::new())),
        Some(PErr::Recursion) => Err(FrontendError::Recursion(
            "maximum recursion depth exceeded during compilation".into(),
        )),
        Some(PErr::Syntax(se)) => {
            if let Some(open) = unclosed {
                let at_end = p.pos + 1 >= tokens.len();
                if se.generic && (at_end || se.lineno > open.lineno) {
                    return Err(make_error(&ctx, unclosed_error(src, open), false));
                }
            }
            let mut se = *se;
            if at_implicit_eof_newline(src, &tokens, mode, &se) {
                // Eval/single input gets no implicit NEWLINE in CPython: the
                // error lands on ENDMARKER, which it reports at offset 0.
                se.offset = 0;
                se.end_offset = 0;
            }
            // Errors of an f-string's re-parsed expression (their own text)
            // come from a parser over a str: characters.
            let chars = se.text.is_some();
            Err(make_error(&ctx, se, chars))
        }
        None => match unclosed {
            Some(open) => Err(make_error(&ctx, unclosed_error(src, open), false)),
            None => Err(FrontendError::Memory(String::new())),
        },
    }
}

/// Parses the tokens made before a tokenizer error and returns the parser's
/// error if it comes first in CPython's ranking.  Errors the tokenizer
/// raises itself (`raw`) win over any parser error except a generic one at
/// an INDENT/DEDENT token; errors the parser raises from the tokenizer's
/// state (line continuation, indentation) only count if the parser gets to
/// them, as CPython's full-source re-tokenization ignores them.
#[cold]
fn error_before(src: &str, tokens: &[Token], raw: bool) -> Option<SynErr> {
    let last = tokens.last()?;
    let mut toks = tokens.to_vec();
    toks.push(Token {
        kind: TokKind::EndMarker,
        start: last.end,
        end: last.end,
        ..*last
    });
    let mut p = Parser::new(src, &toks);
    match p.file() {
        Err(PErr::Syntax(se)) if p.pos + 1 < toks.len() => {
            let indent = se.generic && se.kind == SyntaxErrorKind::IndentationError;
            if indent || !raw { Some(*se) } else { None }
        }
        _ => None,
    }
}

fn unclosed_error(src: &str, open: tokenize::OpenParen) -> SynErr {
    SynErr {
        kind: SyntaxErrorKind::SyntaxError,
        msg: format!("'{}' was never closed", open.ch as char),
        lineno: open.lineno,
        offset: open.col as i64 + 1,
        end_lineno: open.lineno,
        end_offset: 0,
        generic: false,
        text: line_text(src, open.lineno).map(|t| {
            // CPython shows the newline only when the bracket is on the last line.
            let t = t.trim_end_matches('\n');
            let last_line = src
                .trim_end_matches('\n')
                .bytes()
                .filter(|&b| b == b'\n')
                .count() as u32
                + 1;
            if open.lineno >= last_line {
                format!("{t}\n")
            } else {
                t.to_owned()
            }
        }),
    }
}

/// (line, end column) of the last real token, for "incomplete input".
fn last_token_end(tokens: &[Token]) -> (u32, u32) {
    tokens
        .iter()
        .rev()
        .find(|t| {
            !matches!(
                t.kind,
                TokKind::Newline | TokKind::Indent | TokKind::Dedent | TokKind::EndMarker
            )
        })
        .map_or((1, 0), |t| (t.end_lineno, t.end_col))
}

fn end_position(src: &str) -> (u32, u32) {
    let line = src.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let col = src.len() - src.rfind('\n').map_or(0, |i| i + 1);
    (line, col as u32)
}

/// The text of line `lineno` (1-based), with its newline.
fn line_text(src: &str, lineno: u32) -> Option<&str> {
    if lineno == 0 {
        return None;
    }
    let mut start = 0;
    for _ in 1..lineno {
        start += src.get(start..)?.find('\n')? + 1;
    }
    let rest = src.get(start..)?;
    let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    Some(&rest[..end])
}

/// CPython's `_PyPegen_byte_offset_to_character_offset`: characters in the
/// first `off` bytes of `line` (a cut character counts as one).
fn char_offset(line: &str, off: i64) -> i64 {
    if off <= 0 {
        return off;
    }
    let b = line.as_bytes();
    let off = off as usize;
    if off > b.len() {
        return line.chars().count() as i64 + 1;
    }
    let full = String::from_utf8_lossy(&b[..off]);
    full.chars().count() as i64
}

/// True if `se` is a generic "invalid syntax" at the NEWLINE this tokenizer
/// implies at the end of eval/single input that lacks a final newline.
fn at_implicit_eof_newline(src: &str, tokens: &[Token], mode: Mode, se: &SynErr) -> bool {
    if !matches!(mode, Mode::Eval | Mode::Single)
        || !se.generic
        || se.msg != "invalid syntax"
        || src.ends_with('\n')
        || src.ends_with('\r')
    {
        return false;
    }
    tokens.iter().rev().any(|t| {
        t.kind == TokKind::Newline
            && t.start == t.end
            && t.start as usize == src.len()
            && t.lineno == se.lineno
            && i64::from(t.col) + 1 == se.offset
    })
}

/// Records a warning (once: backtracking may parse a literal twice).
fn push_warning(
    warnings: &mut Vec<ParseWarning>,
    ctx: &ErrCtx<'_>,
    category: WarningCategory,
    se: SynErr,
    from_tokenizer: bool,
) {
    let message = se.msg.clone();
    let lineno = se.lineno;
    let FrontendError::Syntax(error) = make_error(ctx, se, from_tokenizer) else {
        return;
    };
    let w = ParseWarning {
        category,
        message,
        lineno,
        error,
    };
    if !warnings.contains(&w) {
        warnings.push(w);
    }
}

/// What converting an error needs to know about the parse.
struct ErrCtx<'a> {
    src: &'a str,
    filename: &'a str,
    /// UTF-8 bytes without an encoding (see `Decoded::byte_offsets`).
    byte_offsets: bool,
    /// Undecodable bytes, each a 3-byte U+FFFD in `src` but one byte in
    /// the source CPython measures offsets in.
    bad: &'a [(usize, u8)],
}

impl ErrCtx<'_> {
    /// Byte offset `off` (1-based) on line `lineno` of `src`, counted in
    /// the original source's bytes instead.
    fn original_offset(&self, lineno: u32, off: i64) -> i64 {
        if self.bad.is_empty() || off <= 0 {
            return off;
        }
        let Some(line) = line_text(self.src, lineno) else {
            return off;
        };
        let start = line.as_ptr() as usize - self.src.as_ptr() as usize;
        let end = start + (off as usize).saturating_sub(1);
        let a = self.bad.partition_point(|&(p, _)| p < start);
        let b = self.bad.partition_point(|&(p, _)| p < end);
        off - 2 * (b - a) as i64
    }
}

/// Converts a parser error to its reported form.  CPython 3.11 measures
/// offsets in bytes of the source and converts them to characters (of the
/// line as decoded) only when its tokenizer has an encoding (a coding
/// cookie, a BOM, or `str` input): for plain UTF-8 bytes (`byte_offsets`)
/// the parser's errors keep byte offsets.  Errors the tokenizer raises
/// itself (`chars`) always count characters.
fn make_error(ctx: &ErrCtx<'_>, e: SynErr, chars: bool) -> FrontendError {
    let src = ctx.src;
    let explicit_text = e.text.is_some();
    let text = match &e.text {
        Some(t) => Some(t.as_str()),
        None => line_text(src, e.lineno),
    };
    let keep = ctx.byte_offsets && !chars;
    let conv = |t: Option<&str>, line: u32, off: i64| {
        // The tokenizer counts the characters of its line directly; the
        // parser's byte offsets count undecodable bytes as one byte.
        let off = if chars {
            off
        } else {
            ctx.original_offset(line, off)
        };
        match t {
            Some(t) if !keep => char_offset(t, off),
            _ => off,
        }
    };
    let offset = conv(text, e.lineno, e.offset);
    let end_offset = if e.end_lineno == e.lineno {
        conv(text, e.end_lineno, e.end_offset)
    } else {
        conv(line_text(src, e.end_lineno), e.end_lineno, e.end_offset)
    };
    FrontendError::Syntax(SyntaxErrorInfo {
        kind: e.kind,
        msg: e.msg,
        filename: ctx.filename.to_owned(),
        lineno: e.lineno,
        offset: offset.max(0) as u32,
        end_lineno: e.end_lineno,
        end_offset: end_offset.clamp(-1, i32::MAX as i64) as i32,
        // CPython's tokenizer adds the final newline a file may lack.
        text: text.map(|t| {
            if explicit_text || t.ends_with('\n') {
                t.to_owned()
            } else {
                format!("{t}\n")
            }
        }),
    })
}

#[cfg(test)]
mod tests;
