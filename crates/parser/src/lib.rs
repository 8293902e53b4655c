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

pub use decode::decode_source;

/// What to parse, as `compile()`'s mode argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
    FuncType,
}

pub(crate) fn is_printable(c: char) -> bool {
    taipan_ast::printable::is_printable(c)
}

/// Decodes source bytes (PEP 263 coding cookie on line 1 or 2, UTF-8 BOM,
/// default UTF-8) and parses.
pub fn parse(source: &[u8], filename: &str, mode: Mode) -> Result<Mod, FrontendError> {
    let text = decode_source(source, filename)?;
    parse_str(&text, filename, mode)
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
    let r = parse_inner(source, filename, mode, opts, &mut incomplete, warnings);
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
fn parse_inner(
    source: &str,
    filename: &str,
    mode: Mode,
    opts: ParseOptions,
    incomplete: &mut Option<(u32, u32)>,
    warnings: &mut Vec<ParseWarning>,
) -> Result<Mod, FrontendError> {
    let norm: std::borrow::Cow<'_, str> = if source.contains('\r') {
        source.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        source.into()
    };
    let src: &str = &norm;
    if src.contains('\0') {
        // compile()'s wording; CPython's file runner says "source code cannot
        // contain null bytes" with line 1.
        return Err(FrontendError::Syntax(SyntaxErrorInfo {
            kind: SyntaxErrorKind::SyntaxError,
            msg: "source code string cannot contain null bytes".into(),
            filename: filename.to_owned(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        }));
    }
    let toks = tokenize::tokenize(src);
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
        push_warning(warnings, src, filename, WarningCategory::Syntax, se);
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
                    return Err(make_error(src, filename, ie));
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
                return Err(make_error(
                    src,
                    filename,
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
        push_warning(warnings, src, filename, category, se);
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
                    return Err(make_error(src, filename, unclosed_error(src, open)));
                }
            }
            let mut se = *se;
            if at_implicit_eof_newline(src, &tokens, mode, &se) {
                // Eval/single input gets no implicit NEWLINE in CPython: the
                // error lands on ENDMARKER, which it reports at offset 0.
                se.offset = 0;
                se.end_offset = 0;
            }
            Err(make_error(src, filename, se))
        }
        None => match unclosed {
            Some(open) => Err(make_error(src, filename, unclosed_error(src, open))),
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
    src: &str,
    filename: &str,
    category: WarningCategory,
    se: SynErr,
) {
    let message = se.msg.clone();
    let lineno = se.lineno;
    let FrontendError::Syntax(error) = make_error(src, filename, se) else {
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

fn make_error(src: &str, filename: &str, e: SynErr) -> FrontendError {
    let explicit_text = e.text.is_some();
    let text = match &e.text {
        Some(t) => Some(t.as_str()),
        None => line_text(src, e.lineno),
    };
    let offset = text.map_or(e.offset, |t| char_offset(t, e.offset));
    let end_offset = if e.end_lineno == e.lineno {
        text.map_or(e.end_offset, |t| char_offset(t, e.end_offset))
    } else {
        line_text(src, e.end_lineno).map_or(e.end_offset, |t| char_offset(t, e.end_offset))
    };
    FrontendError::Syntax(SyntaxErrorInfo {
        kind: e.kind,
        msg: e.msg,
        filename: filename.to_owned(),
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
