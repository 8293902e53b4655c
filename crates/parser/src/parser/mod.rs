//! The recursive-descent parser: shared machinery (token cursor, positions,
//! errors, depth limits).  The grammar itself lives in `expr.rs`, `stmt.rs`,
//! `args.rs` (parameters and call arguments), `target.rs` (assignment
//! targets) and `pattern.rs` (match patterns).
//!
//! Design notes:
//! - The parser works on the token vector the tokenizer made; a position is
//!   an index, so backtracking (needed only in a few places: `with (...)`,
//!   the `match` soft keyword, lambda/genexp look-ahead) is a saved index.
//! - Node positions follow CPython's rule exactly: a node starts at the first
//!   token of the grammar rule that made it and ends at the last
//!   non-whitespace token consumed (`_PyPegen_get_last_nonnwhitespace_token`),
//!   so `(a) + b` starts at the parenthesis while `a` starts after it.
//! - Depth: every recursive entry point calls `enter()`; above `MAX_DEPTH`
//!   the parse fails with `MemoryError` (CPython's parser stack limit), and
//!   left-recursive chains (`a.b.c...`, `1+1+...`) count into the same
//!   budget, failing with `RecursionError` like CPython's compiler.  This
//!   bounds the depth of every tree we build, so dropping a tree can never
//!   overflow the stack either (the bound is `MAX_DEPTH` nested nodes, a few
//!   hundred bytes of native stack each, well under 8 MB).  Measured: trees
//!   5,900 deep in every recursive form (unary, `not`, `**`, conditional
//!   expressions, attribute/operator chains; lambdas up to ~2,950) parse,
//!   dump and drop on an 8 MB stack in both dev (opt-level 1) and release
//!   builds; `tests::nesting_limits` checks this on an 8 MB thread.

mod args;
mod expr;
mod pattern;
mod stmt;
mod target;

use crate::tokenize::{TokKind, Token};
use taipan_ast::{Loc, SyntaxErrorKind};

/// Maximum nesting (in parser "levels"); CPython's MAXSTACK is 6000.
pub const MAX_DEPTH: u32 = 6000;

/// A parse failure before it is turned into a `FrontendError`.
#[derive(Debug)]
pub enum PErr {
    Syntax(Box<SynErr>),
    Memory,
    Recursion,
}

/// A syntax error with CPython's location convention: `offset`/`end_offset`
/// are 1-based *byte* offsets (CPython's `col_offset + 1`), converted to
/// characters when the error is reported.  `generic` marks plain
/// "invalid syntax" errors that other errors may override.
#[derive(Debug)]
pub struct SynErr {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub lineno: u32,
    pub offset: i64,
    pub end_lineno: u32,
    pub end_offset: i64,
    pub generic: bool,
    /// The source line to report, when it is not the file's own line (errors
    /// inside f-string replacement fields report the re-parsed `(expr)`).
    pub text: Option<String>,
}

pub type PResult<T> = Result<T, PErr>;

#[derive(Clone, Copy, Debug)]
pub struct Pos {
    pub lineno: u32,
    pub col: u32,
}

/// Where sub-parsers (f-string expressions) place their errors.
pub struct Parser<'a> {
    pub src: &'a str,
    pub toks: &'a [Token],
    pub pos: usize,
    pub depth: u32,
    /// True while parsing the expression inside an f-string replacement field.
    pub in_fstring: bool,
    /// The furthest token index the parser has moved to (for "incomplete
    /// input": did the parser get to the end of the source?).
    pub furthest: usize,
    /// Compile-time warnings found so far (invalid escape sequences), each
    /// with the SyntaxError that replaces it when it is made an error.
    pub warnings: Vec<(crate::WarningCategory, SynErr)>,
    /// Undecodable bytes of the source (see `decode::Decoded`).
    pub bad: &'a [(usize, u8)],
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a str, toks: &'a [Token]) -> Self {
        Parser {
            src,
            toks,
            pos: 0,
            depth: 0,
            in_fstring: false,
            furthest: 0,
            warnings: Vec::new(),
            bad: &[],
        }
    }

    #[inline]
    pub fn tok(&self) -> Token {
        match self.toks.get(self.pos) {
            Some(t) => *t,
            None => self.eof_tok(),
        }
    }

    #[cold]
    fn eof_tok(&self) -> Token {
        self.toks.last().copied().unwrap_or(Token {
            kind: TokKind::EndMarker,
            start: 0,
            end: 0,
            lineno: 1,
            col: 0,
            end_lineno: 1,
            end_col: 0,
        })
    }

    #[inline]
    pub fn kind(&self) -> TokKind {
        match self.toks.get(self.pos) {
            Some(t) => t.kind,
            None => TokKind::EndMarker,
        }
    }

    #[inline]
    pub fn peek_kind(&self, n: usize) -> TokKind {
        match self.toks.get(self.pos + n) {
            Some(t) => t.kind,
            None => TokKind::EndMarker,
        }
    }

    pub fn peek_tok(&self, n: usize) -> Token {
        match self.toks.get(self.pos + n) {
            Some(t) => *t,
            None => self.eof_tok(),
        }
    }

    #[inline]
    pub fn at(&self, k: TokKind) -> bool {
        self.kind() == k
    }

    #[inline]
    pub fn bump(&mut self) -> Token {
        let t = self.tok();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        if self.pos > self.furthest {
            self.furthest = self.pos;
        }
        t
    }

    #[inline]
    pub fn eat(&mut self, k: TokKind) -> bool {
        if self.kind() == k {
            self.pos += 1;
            if self.pos > self.furthest {
                self.furthest = self.pos;
            }
            true
        } else {
            false
        }
    }

    /// Text of a token.
    #[inline]
    pub fn text(&self, t: &Token) -> &'a str {
        self.src.get(t.start as usize..t.end as usize).unwrap_or("")
    }

    /// True if the current token is the NAME `word` (soft keywords).
    pub fn at_soft(&self, word: &str) -> bool {
        let t = self.tok();
        t.kind == TokKind::Name && self.text(&t) == word
    }

    #[inline]
    pub fn start(&self) -> Pos {
        let t = self.tok();
        Pos {
            lineno: t.lineno,
            col: t.col,
        }
    }

    /// End of the last consumed non-whitespace token.
    pub fn last_end(&self) -> (u32, u32) {
        let mut i = self.pos;
        while i > 0 {
            i -= 1;
            if let Some(t) = self.toks.get(i)
                && !matches!(
                    t.kind,
                    TokKind::Newline | TokKind::Indent | TokKind::Dedent | TokKind::EndMarker
                )
            {
                return (t.end_lineno, t.end_col);
            }
        }
        (1, 0)
    }

    #[inline]
    pub fn loc(&self, s: Pos) -> Loc {
        let (el, ec) = self.last_end();
        Loc {
            lineno: s.lineno,
            col_offset: s.col,
            end_lineno: el,
            end_col_offset: ec,
        }
    }

    pub fn tok_loc(t: &Token) -> Loc {
        Loc {
            lineno: t.lineno,
            col_offset: t.col,
            end_lineno: t.end_lineno,
            end_col_offset: t.end_col,
        }
    }

    // ----- depth -----

    #[inline]
    pub fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PErr::Memory);
        }
        Ok(())
    }

    #[inline]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Counts one more level of a left-recursive chain (see module docs).
    #[inline]
    pub fn chain(&mut self, n: &mut u32) -> PResult<()> {
        *n += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PErr::Recursion);
        }
        Ok(())
    }

    // ----- errors -----

    /// Error at a token's location (RAISE_SYNTAX_ERROR_KNOWN_LOCATION).
    #[cold]
    pub fn err_tok(&self, t: &Token, msg: impl Into<String>) -> PErr {
        self.err_span(
            Loc {
                lineno: t.lineno,
                col_offset: t.col,
                end_lineno: t.end_lineno,
                end_col_offset: t.end_col,
            },
            msg,
        )
    }

    /// Error spanning a node (RAISE_SYNTAX_ERROR_KNOWN_RANGE / LOCATION).
    #[cold]
    pub fn err_span(&self, l: Loc, msg: impl Into<String>) -> PErr {
        PErr::Syntax(Box::new(SynErr {
            kind: SyntaxErrorKind::SyntaxError,
            msg: msg.into(),
            lineno: l.lineno,
            offset: l.col_offset as i64 + 1,
            end_lineno: l.end_lineno,
            end_offset: l.end_col_offset as i64 + 1,
            generic: false,
            text: None,
        }))
    }

    /// Error from `a` start to `b` end.
    #[cold]
    pub fn err_range(&self, a: Loc, b: Loc, msg: impl Into<String>) -> PErr {
        self.err_span(
            Loc {
                lineno: a.lineno,
                col_offset: a.col_offset,
                end_lineno: b.end_lineno,
                end_col_offset: b.end_col_offset,
            },
            msg,
        )
    }

    /// The generic "invalid syntax" at the current token.
    #[cold]
    pub fn invalid(&self) -> PErr {
        let t = self.tok();
        if t.kind == TokKind::Indent || t.kind == TokKind::Dedent {
            let msg = if t.kind == TokKind::Indent {
                "unexpected indent"
            } else {
                "unexpected unindent"
            };
            return PErr::Syntax(Box::new(SynErr {
                kind: SyntaxErrorKind::IndentationError,
                msg: msg.into(),
                lineno: t.lineno,
                offset: t.col as i64,
                end_lineno: t.lineno,
                end_offset: -1,
                generic: true,
                text: None,
            }));
        }
        let mut e = self.err_tok(&t, "invalid syntax");
        if let PErr::Syntax(s) = &mut e {
            s.generic = true;
        }
        e
    }

    /// Expects token `k`; "expected ':'" style for a few, else invalid syntax.
    pub fn expect(&mut self, k: TokKind) -> PResult<Token> {
        if self.kind() == k {
            return Ok(self.bump());
        }
        Err(self.invalid())
    }

    /// A ':' that is not a forced token in CPython's grammar: "expected ':'"
    /// only when the line ends there, else the generic error.
    pub fn expect_colon(&mut self) -> PResult<Token> {
        if self.kind() == TokKind::Colon {
            return Ok(self.bump());
        }
        if self.kind() == TokKind::Newline {
            let t = self.tok();
            return Err(self.err_tok(&t, "expected ':'"));
        }
        Err(self.invalid())
    }

    /// A forced ':' (`&&':'` in CPython's grammar): "expected ':'" at the
    /// current token whatever it is.
    pub fn expect_colon_forced(&mut self) -> PResult<Token> {
        if self.kind() == TokKind::Colon {
            return Ok(self.bump());
        }
        if self.kind() == TokKind::Indent || self.kind() == TokKind::Dedent {
            return Err(self.invalid());
        }
        let t = self.tok();
        Err(self.err_tok(&t, "expected ':'"))
    }

    pub fn name_token(&mut self) -> PResult<Token> {
        if self.kind() == TokKind::Name {
            Ok(self.bump())
        } else {
            Err(self.invalid())
        }
    }

    /// The identifier of a NAME token, NFKC-normalized when not ASCII.
    pub fn ident(&self, t: &Token) -> String {
        let s = self.text(t);
        if s.is_ascii() {
            s.to_owned()
        } else {
            use unicode_normalization::UnicodeNormalization;
            s.nfkc().collect()
        }
    }
}
