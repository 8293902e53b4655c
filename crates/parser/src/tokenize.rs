//! The tokenizer: source text to a vector of tokens, following CPython 3.11's
//! `Parser/tokenizer.c` rule for rule (indentation with tabs/form feeds and the
//! tab-consistency check, implicit line joining inside brackets, backslash
//! continuations, string prefixes, numeric literal validation) and reporting
//! the same errors at the same places.
//!
//! Design: the whole file is tokenized up front into a `Vec<Token>`.  Tokens
//! carry byte offsets into the source plus line/column pairs, never owned
//! text, so tokenizing allocates only the vector.  CPython's parser pulls
//! tokens lazily, but on any syntax error it tokenizes the rest of the file
//! and lets a tokenizer error win, so tokenizing eagerly and reporting the
//! first tokenizer error (if any) gives the same answers.  The tokenizer stops
//! at its first error and returns the tokens it made so far together with the
//! error, so the parser can still decide between "unexpected EOF" style
//! messages and the tokenizer's own.
//!
//! Token kinds are defined once, in the `token_kinds!` table below: the enum,
//! the display text, the operator lookup and the keyword lookup all come from
//! it.

use crate::unicode_tables::{XID_CONTINUE, XID_START};

macro_rules! token_kinds {
    (
        special { $($sname:ident = $stext:literal),* $(,)? }
        operators { $($oname:ident = $otext:literal),* $(,)? }
        keywords { $($kname:ident = $ktext:literal),* $(,)? }
    ) => {
        /// Every kind of token.  Operators and keywords are one kind each.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum TokKind { $($sname,)* $($oname,)* $($kname,)* }

        impl TokKind {
            /// The kind's name (for special tokens) or its exact text.
            pub fn text(self) -> &'static str {
                match self { $(TokKind::$sname => $stext,)* $(TokKind::$oname => $otext,)* $(TokKind::$kname => $ktext,)* }
            }
            /// Operator or delimiter spelled exactly `s`.
            pub fn operator(s: &[u8]) -> Option<TokKind> {
                match s { $(x if x == $otext.as_bytes() => Some(TokKind::$oname),)* _ => None }
            }
            /// Hard keyword spelled exactly `s`.
            pub fn keyword(s: &str) -> Option<TokKind> {
                match s { $($ktext => Some(TokKind::$kname),)* _ => None }
            }
            pub fn is_keyword(self) -> bool {
                matches!(self, $(TokKind::$kname)|*)
            }
            pub fn is_operator(self) -> bool {
                matches!(self, $(TokKind::$oname)|*)
            }
        }
    };
}

token_kinds! {
    special {
        EndMarker = "ENDMARKER", Name = "NAME", Number = "NUMBER", String = "STRING",
        Newline = "NEWLINE", Indent = "INDENT", Dedent = "DEDENT",
        // ErrorOp: a character that is no token of Python (`$`, `?`, a lone `!`).
        ErrorOp = "OP",
    }
    operators {
        Ellipsis = "...", StarStarEq = "**=", SlashSlashEq = "//=", LShiftEq = "<<=", RShiftEq = ">>=",
        NotEq = "!=", EqEq = "==", LessEq = "<=", GreaterEq = ">=", Arrow = "->", ColonEq = ":=",
        PlusEq = "+=", MinusEq = "-=", StarEq = "*=", SlashEq = "/=", PercentEq = "%=", AmperEq = "&=",
        VbarEq = "|=", CircumflexEq = "^=", AtEq = "@=", LShift = "<<", RShift = ">>", StarStar = "**",
        SlashSlash = "//",
        LPar = "(", RPar = ")", LSqb = "[", RSqb = "]", LBrace = "{", RBrace = "}", Colon = ":",
        Comma = ",", Semi = ";", Plus = "+", Minus = "-", Star = "*", Slash = "/", Vbar = "|",
        Amper = "&", Less = "<", Greater = ">", Equal = "=", Dot = ".", Percent = "%", Tilde = "~",
        Circumflex = "^", At = "@",
    }
    keywords {
        False = "False", None = "None", True = "True", And = "and", As = "as", Assert = "assert",
        Async = "async", Await = "await", Break = "break", Class = "class", Continue = "continue",
        Def = "def", Del = "del", Elif = "elif", Else = "else", Except = "except", Finally = "finally",
        For = "for", From = "from", Global = "global", If = "if", Import = "import", In = "in",
        Is = "is", Lambda = "lambda", Nonlocal = "nonlocal", Not = "not", Or = "or", Pass = "pass",
        Raise = "raise", Return = "return", Try = "try", While = "while", With = "with", Yield = "yield",
    }
}

/// One token.  `start..end` are byte offsets into the source; columns are
/// byte offsets within their line (CPython's `col_offset`).  For INDENT and
/// DEDENT tokens the span is empty and sits at the start of the line's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub start: u32,
    pub end: u32,
    pub lineno: u32,
    pub col: u32,
    pub end_lineno: u32,
    pub end_col: u32,
}

/// A tokenizer error, positioned the way CPython positions it (byte offsets
/// into the source; converted to character offsets when reported).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokError {
    pub kind: TokErrorKind,
    pub msg: String,
    pub lineno: u32,
    /// CPython's `offset`, in bytes: the reported (character) offset is the
    /// number of characters in the first `offset` bytes of the line.  Zero or
    /// negative values are reported as they are.
    pub offset: i64,
    pub end_lineno: u32,
    pub end_offset: i64,
    /// True for errors CPython's tokenizer raises itself (`text` is the raw
    /// line); false for those the parser raises from the tokenizer's state
    /// (`text` gets the final newline, `end_offset` is 0).
    pub raw_text: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokErrorKind {
    Syntax,
    Indentation,
    Tab,
    /// End of file inside brackets: the parser reports "'(' was never closed".
    EofInBrackets,
    /// Backslash continuation at end of file.
    EofAfterContinuation,
}

/// An open bracket: its character and where it is.
#[derive(Clone, Copy, Debug)]
pub struct OpenParen {
    pub ch: u8,
    pub lineno: u32,
    pub col: u32,
}

/// The result of tokenizing: the tokens made (always ending in ENDMARKER
/// when `error` is `None`) and the first error.
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub error: Option<TokError>,
    /// Brackets still open at the end (for "'(' was never closed").
    pub open_parens: Vec<OpenParen>,
    /// SyntaxWarnings (line, byte column, message): a number directly
    /// followed by a keyword.
    pub warnings: Vec<(u32, u32, String)>,
}

const TABSIZE: u32 = 8;
const MAXINDENT: usize = 100;
const MAXLEVEL: usize = 200;

struct Tokenizer<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    lineno: u32,
    line_start: usize,
    indents: Vec<(u32, u32)>,
    parens: Vec<OpenParen>,
    at_bol: bool,
    toks: Vec<Token>,
    warnings: Vec<(u32, u32, String)>,
    /// Undecodable bytes of the source (see `decode::Decoded`).
    bad: &'a [(usize, u8)],
}

/// Tokenizes `src` (already decoded; newlines already normalized to `\n`).
pub fn tokenize(src: &str) -> Tokens {
    tokenize_marked(src, &[])
}

/// `tokenize` for a source with undecodable bytes marked (see
/// `decode::Decoded`): a name containing one is CPython's decode error.
pub fn tokenize_marked(src: &str, bad: &[(usize, u8)]) -> Tokens {
    let mut t = Tokenizer {
        bad,
        src: src.as_bytes(),
        pos: 0,
        lineno: 1,
        line_start: 0,
        indents: vec![(0, 0)],
        parens: Vec::new(),
        at_bol: true,
        warnings: Vec::new(),
        toks: Vec::with_capacity(src.len() / 6 + 16),
        text: src,
    };
    let error = t.run().err();
    Tokens {
        tokens: t.toks,
        error,
        open_parens: t.parens,
        warnings: t.warnings,
    }
}

pub(crate) fn in_ranges(table: &[(u32, u32)], c: u32) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '_'
    } else {
        in_ranges(XID_START, c as u32)
    }
}

pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(XID_CONTINUE, c as u32)
    }
}

#[inline]
fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 128
}

/// Which string prefixes CPython accepts (any case, any order).
fn is_string_prefix(p: &[u8]) -> bool {
    let (mut r, mut b, mut u, mut f) = (0, 0, 0, 0);
    for &c in p {
        match c.to_ascii_lowercase() {
            b'r' => r += 1,
            b'b' => b += 1,
            b'u' => u += 1,
            b'f' => f += 1,
            _ => return false,
        }
    }
    if r > 1 || b > 1 || u > 1 || f > 1 {
        return false;
    }
    if u == 1 {
        return p.len() == 1;
    }
    !(b == 1 && f == 1)
}

impl<'a> Tokenizer<'a> {
    #[inline]
    fn peek(&self) -> u8 {
        self.src.get(self.pos).copied().unwrap_or(0)
    }
    #[inline]
    fn peek_at(&self, i: usize) -> u8 {
        self.src.get(self.pos + i).copied().unwrap_or(0)
    }
    #[inline]
    fn at_eof(&self) -> bool {
        self.pos >= self.src.len()
    }
    fn col_of(&self, off: usize) -> u32 {
        (off - self.line_start) as u32
    }

    fn push(&mut self, kind: TokKind, start: usize, start_line: u32, start_col: u32) {
        self.toks.push(Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
            lineno: start_line,
            col: start_col,
            end_lineno: self.lineno,
            end_col: self.col_of(self.pos),
        });
    }

    #[cold]
    fn err_at(
        &self,
        kind: TokErrorKind,
        msg: impl Into<String>,
        lineno: u32,
        col: i64,
    ) -> TokError {
        TokError {
            kind,
            msg: msg.into(),
            lineno,
            offset: col,
            end_lineno: lineno,
            end_offset: col,
            raw_text: kind == TokErrorKind::Syntax,
        }
    }

    /// Error at the current position (CPython's `syntaxerror(tok, ...)`:
    /// offset is the current column, end the same).
    #[cold]
    fn err_here(&self, msg: impl Into<String>) -> TokError {
        let col = self.col_of(self.pos) as i64;
        self.err_at(TokErrorKind::Syntax, msg, self.lineno, col)
    }

    fn newline(&mut self) {
        // Consumes a '\n' at self.pos.
        self.pos += 1;
        self.lineno += 1;
        self.line_start = self.pos;
    }

    fn run(&mut self) -> Result<(), TokError> {
        loop {
            if self.at_bol {
                self.at_bol = false;
                if self.indentation()? {
                    continue;
                }
            }
            // Skip spaces, tabs, form feeds.
            while matches!(self.peek(), b' ' | b'\t' | 0x0C) {
                self.pos += 1;
            }
            let start = self.pos;
            let start_line = self.lineno;
            let start_col = self.col_of(start);
            if self.at_eof() {
                return self.finish();
            }
            let c = self.peek();
            match c {
                b'#' => {
                    while !self.at_eof() && self.peek() != b'\n' {
                        self.pos += 1;
                    }
                    continue;
                }
                b'\n' => {
                    if self.parens.is_empty() && !self.last_is_newline_or_start() {
                        self.pos += 1;
                        self.toks.push(Token {
                            kind: TokKind::Newline,
                            start: start as u32,
                            end: self.pos as u32,
                            lineno: start_line,
                            col: start_col,
                            end_lineno: start_line,
                            end_col: start_col,
                        });
                        self.pos -= 1;
                    }
                    self.newline();
                    if self.parens.is_empty() {
                        self.at_bol = true;
                    }
                    continue;
                }
                b'\\' => {
                    if self.peek_at(1) != b'\n' && self.pos + 1 < self.src.len() {
                        // CPython reports one past the character after the backslash.
                        self.pos += 1;
                        let c = std::str::from_utf8(&self.src[self.pos..])
                            .ok()
                            .and_then(|s| s.chars().next());
                        self.pos += c.map_or(0, |c| c.len_utf8());
                        return Err(self.cont_err());
                    }
                    let (bs_line, bs_off) = (self.lineno, self.col_of(self.pos) as i64 + 2);
                    self.pos += 1;
                    if self.at_eof() {
                        // A backslash ending the file (CPython adds the newline).
                        return Err(self.err_at(
                            TokErrorKind::EofAfterContinuation,
                            "unexpected EOF while parsing",
                            bs_line,
                            bs_off,
                        ));
                    }
                    self.newline();
                    if self.at_eof() {
                        return Err(self.err_at(
                            TokErrorKind::EofAfterContinuation,
                            "unexpected EOF while parsing",
                            bs_line,
                            bs_off,
                        ));
                    }
                    continue;
                }
                _ => {}
            }
            if c.is_ascii_alphabetic() || c == b'_' || c >= 128 {
                while is_ident_byte(self.peek()) {
                    self.pos += 1;
                }
                let q = self.peek();
                if (q == b'"' || q == b'\'') && is_string_prefix(&self.src[start..self.pos]) {
                    self.string(start, start_line, start_col)?;
                    continue;
                }
                let word = &self.src[start..self.pos];
                if word.iter().any(|&b| b >= 128) {
                    self.verify_identifier(start)?;
                }
                // Keywords are 2..=8 ASCII letters starting with a lower-case
                // letter or F/N/T; skip the lookup for everything else.
                let kind = if (2..=8).contains(&word.len())
                    && matches!(word[0], b'a'..=b'y' | b'F' | b'N' | b'T')
                {
                    self.text
                        .get(start..self.pos)
                        .and_then(TokKind::keyword)
                        .unwrap_or(TokKind::Name)
                } else {
                    TokKind::Name
                };
                self.push(kind, start, start_line, start_col);
                continue;
            }
            if c.is_ascii_digit() || (c == b'.' && self.peek_at(1).is_ascii_digit()) {
                self.number(start, start_line, start_col)?;
                continue;
            }
            if c == b'"' || c == b'\'' {
                self.string(start, start_line, start_col)?;
                continue;
            }
            // Operators: longest match of three, two, one characters.
            let kind = self.operator();
            let kind = match kind {
                Some(k) => k,
                None => {
                    // One unknown character (possibly multi-byte: cannot be, since
                    // bytes >= 128 start identifiers).
                    self.pos += 1;
                    TokKind::ErrorOp
                }
            };
            match kind {
                TokKind::LPar | TokKind::LSqb | TokKind::LBrace => {
                    if self.parens.len() >= MAXLEVEL {
                        return Err(self.err_here("too many nested parentheses"));
                    }
                    self.parens.push(OpenParen {
                        ch: c,
                        lineno: start_line,
                        col: start_col,
                    });
                }
                TokKind::RPar | TokKind::RSqb | TokKind::RBrace => {
                    let Some(open) = self.parens.pop() else {
                        return Err(self.err_here(format!("unmatched '{}'", c as char)));
                    };
                    let want = match open.ch {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if want != c {
                        let msg = if open.lineno != start_line {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                c as char, open.ch as char, open.lineno
                            )
                        } else {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as char, open.ch as char
                            )
                        };
                        return Err(self.err_here(msg));
                    }
                }
                _ => {}
            }
            self.push(kind, start, start_line, start_col);
        }
    }

    /// Longest-match operator at the current position (advancing past it).
    #[inline]
    fn operator(&mut self) -> Option<TokKind> {
        let c = self.peek();
        let c1 = self.peek_at(1);
        let c2 = self.peek_at(2);
        use TokKind as K;
        let (k, n) = match (c, c1, c2) {
            (b'.', b'.', b'.') => (K::Ellipsis, 3),
            (b'*', b'*', b'=') => (K::StarStarEq, 3),
            (b'/', b'/', b'=') => (K::SlashSlashEq, 3),
            (b'<', b'<', b'=') => (K::LShiftEq, 3),
            (b'>', b'>', b'=') => (K::RShiftEq, 3),
            (b'!', b'=', _) => (K::NotEq, 2),
            (b'=', b'=', _) => (K::EqEq, 2),
            (b'<', b'=', _) => (K::LessEq, 2),
            (b'>', b'=', _) => (K::GreaterEq, 2),
            (b'-', b'>', _) => (K::Arrow, 2),
            (b':', b'=', _) => (K::ColonEq, 2),
            (b'+', b'=', _) => (K::PlusEq, 2),
            (b'-', b'=', _) => (K::MinusEq, 2),
            (b'*', b'=', _) => (K::StarEq, 2),
            (b'/', b'=', _) => (K::SlashEq, 2),
            (b'%', b'=', _) => (K::PercentEq, 2),
            (b'&', b'=', _) => (K::AmperEq, 2),
            (b'|', b'=', _) => (K::VbarEq, 2),
            (b'^', b'=', _) => (K::CircumflexEq, 2),
            (b'@', b'=', _) => (K::AtEq, 2),
            (b'<', b'<', _) => (K::LShift, 2),
            (b'>', b'>', _) => (K::RShift, 2),
            (b'*', b'*', _) => (K::StarStar, 2),
            (b'/', b'/', _) => (K::SlashSlash, 2),
            _ => {
                let k = TokKind::operator(std::slice::from_ref(&c))?;
                (k, 1)
            }
        };
        debug_assert_eq!(
            TokKind::operator(&self.src[self.pos..self.pos + n]),
            Some(k)
        );
        self.pos += n;
        Some(k)
    }

    fn last_is_newline_or_start(&self) -> bool {
        match self.toks.last() {
            None => true,
            Some(t) => matches!(t.kind, TokKind::Newline | TokKind::Indent | TokKind::Dedent),
        }
    }

    /// At end of input: implicit NEWLINE, DEDENTs, ENDMARKER.
    fn finish(&mut self) -> Result<(), TokError> {
        if !self.parens.is_empty() {
            return Err(self.err_at(
                TokErrorKind::EofInBrackets,
                "unexpected EOF while parsing",
                self.lineno,
                0,
            ));
        }
        let col = self.col_of(self.pos);
        if !self.last_is_newline_or_start() {
            self.toks.push(Token {
                kind: TokKind::Newline,
                start: self.pos as u32,
                end: self.pos as u32,
                lineno: self.lineno,
                col,
                end_lineno: self.lineno,
                end_col: col,
            });
        }
        let (line, c) = if col == 0 {
            (self.lineno, 0)
        } else {
            (self.lineno + 1, 0)
        };
        while self.indents.len() > 1 {
            self.indents.pop();
            self.toks.push(Token {
                kind: TokKind::Dedent,
                start: self.pos as u32,
                end: self.pos as u32,
                lineno: line,
                col: c,
                end_lineno: line,
                end_col: c,
            });
        }
        self.toks.push(Token {
            kind: TokKind::EndMarker,
            start: self.pos as u32,
            end: self.pos as u32,
            lineno: line,
            col: c,
            end_lineno: line,
            end_col: c,
        });
        Ok(())
    }

    /// Measures the indentation at the beginning of a line and emits
    /// INDENT/DEDENT tokens.  Returns true when the line was blank (only
    /// whitespace/comment) and has been consumed entirely.
    fn indentation(&mut self) -> Result<bool, TokError> {
        let (mut col, mut altcol) = (0u32, 0u32);
        loop {
            match self.peek() {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / TABSIZE + 1) * TABSIZE;
                    altcol += 1;
                }
                0x0C => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        let c = self.peek();
        if c == b'#' || c == b'\n' {
            // Blank line: skip to (and past) its newline.
            while !self.at_eof() && self.peek() != b'\n' {
                self.pos += 1;
            }
            if !self.at_eof() {
                self.newline();
                self.at_bol = true;
                return Ok(true);
            }
            // A comment on the last line without newline: EOF follows.
            return Ok(false);
        }
        if self.at_eof() {
            // EOF: dedents are produced by finish().
            return Ok(false);
        }
        if !self.parens.is_empty() {
            return Ok(false);
        }
        let line = self.lineno;
        let tcol = self.col_of(self.pos);
        let &(top, alttop) = self.indents.last().unwrap_or(&(0, 0));
        if col == top {
            if altcol != alttop {
                return Err(self.tab_error());
            }
        } else if col > top {
            if self.indents.len() >= MAXINDENT {
                let mut e = self.err_at(
                    TokErrorKind::Indentation,
                    "too many levels of indentation",
                    line,
                    1,
                );
                e.end_offset = 0;
                return Err(e);
            }
            if altcol <= alttop {
                return Err(self.tab_error());
            }
            self.indents.push((col, altcol));
            self.toks.push(Token {
                kind: TokKind::Indent,
                start: self.pos as u32,
                end: self.pos as u32,
                lineno: line,
                col: tcol,
                end_lineno: line,
                end_col: tcol,
            });
        } else {
            while self.indents.len() > 1 && self.indents.last().is_some_and(|t| col < t.0) {
                self.indents.pop();
                self.toks.push(Token {
                    kind: TokKind::Dedent,
                    start: self.pos as u32,
                    end: self.pos as u32,
                    lineno: line,
                    col: tcol,
                    end_lineno: line,
                    end_col: tcol,
                });
            }
            let &(top, alttop) = self.indents.last().unwrap_or(&(0, 0));
            if col != top {
                let _ = tcol;
                let line_end = self.src[self.pos..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(self.src.len() + 1, |i| self.pos + i + 1);
                return Err(TokError {
                    kind: TokErrorKind::Indentation,
                    msg: "unindent does not match any outer indentation level".into(),
                    lineno: line,
                    offset: (line_end - self.line_start) as i64,
                    end_lineno: line,
                    end_offset: -1,
                    raw_text: false,
                });
            }
            if altcol != alttop {
                return Err(self.tab_error());
            }
        }
        Ok(false)
    }

    #[cold]
    fn cont_err(&self) -> TokError {
        let mut e = self.err_here("unexpected character after line continuation character");
        e.raw_text = false;
        e.end_offset = 0;
        e
    }

    #[cold]
    fn tab_error(&self) -> TokError {
        TokError {
            kind: TokErrorKind::Tab,
            msg: "inconsistent use of tabs and spaces in indentation".into(),
            lineno: self.lineno,
            offset: 1,
            end_lineno: self.lineno,
            end_offset: 0,
            raw_text: false,
        }
    }

    #[cold]
    fn verify_identifier(&mut self, start: usize) -> Result<(), TokError> {
        if let Some(msg) = crate::decode::region_error(self.text, self.bad, start, self.pos) {
            // CPython decodes the whole name first; the error has no end.
            let mut e = self.err_at(
                TokErrorKind::Syntax,
                msg,
                self.lineno,
                (self.pos - self.line_start) as i64,
            );
            e.end_offset = -1;
            e.raw_text = false;
            return Err(e);
        }
        let s = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        let mut off = start;
        for (i, ch) in s.chars().enumerate() {
            let ok = if i == 0 {
                is_xid_start(ch)
            } else {
                is_xid_continue(ch)
            };
            if !ok {
                // CPython points just past the offending character.
                let end = off + ch.len_utf8();
                let col = (end - self.line_start) as i64;
                let msg = if crate::is_printable(ch) {
                    format!("invalid character '{}' (U+{:04X})", ch, ch as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                };
                return Err(self.err_at(TokErrorKind::Syntax, msg, self.lineno, col));
            }
            off += ch.len_utf8();
        }
        Ok(())
    }

    /// Scans a string literal whose prefix (if any) starts at `start`; the
    /// current position is at the opening quote.
    fn string(&mut self, start: usize, start_line: u32, start_col: u32) -> Result<(), TokError> {
        let q = self.peek();
        let triple = self.peek_at(1) == q && self.peek_at(2) == q;
        self.pos += if triple { 3 } else { 1 };
        let line_start_saved = self.line_start;
        loop {
            if self.at_eof() {
                let msg = if triple {
                    format!(
                        "unterminated triple-quoted string literal (detected at line {})",
                        self.lineno
                    )
                } else {
                    format!(
                        "unterminated string literal (detected at line {})",
                        self.lineno
                    )
                };
                let _ = line_start_saved;
                return Err(self.err_at(
                    TokErrorKind::Syntax,
                    msg,
                    start_line,
                    start_col as i64 + 1,
                ));
            }
            let c = self.peek();
            if c == q {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.peek_at(1) == q && self.peek_at(2) == q {
                    self.pos += 3;
                    break;
                }
                self.pos += 1;
            } else if c == b'\\' {
                self.pos += 1;
                if self.at_eof() {
                    continue;
                }
                if self.peek() == b'\n' {
                    self.newline();
                } else {
                    self.pos += 1;
                }
            } else if c == b'\n' {
                if !triple {
                    let msg = format!(
                        "unterminated string literal (detected at line {})",
                        self.lineno
                    );
                    return Err(self.err_at(
                        TokErrorKind::Syntax,
                        msg,
                        start_line,
                        start_col as i64 + 1,
                    ));
                }
                self.newline();
            } else {
                self.pos += 1;
            }
        }
        self.push(TokKind::String, start, start_line, start_col);
        Ok(())
    }

    fn digits(&mut self, ok: impl Fn(u8) -> bool) -> Result<bool, TokError> {
        // Reads digits with single underscores between them; returns whether
        // any digit was read.  Errors like CPython's tok_decimal_tail.
        let mut any = false;
        loop {
            while ok(self.peek()) {
                self.pos += 1;
                any = true;
            }
            if self.peek() != b'_' {
                break;
            }
            self.pos += 1;
            if !ok(self.peek()) {
                return Err(self.err_here("invalid decimal literal"));
            }
        }
        Ok(any)
    }

    /// CPython's `verify_end_of_number`: a number directly followed by a
    /// name character is an error (except the keywords that may follow).
    fn verify_end(&mut self, kind: &str) -> Result<(), TokError> {
        let c = self.peek();
        // `1if x else y`, `1and x`, `0x1for ...`: CPython 3.11 only checks that
        // a keyword's letters follow, and warns (SyntaxWarning).
        let kw_ok = |t: &Self, word: &[u8]| t.src.get(t.pos..t.pos + word.len()) == Some(word);
        if c == b'a' && kw_ok(self, b"and")
            || c == b'e' && kw_ok(self, b"else")
            || c == b'f' && kw_ok(self, b"for")
            || c == b'i' && matches!(self.peek_at(1), b'f' | b'n' | b's')
            || c == b'n' && kw_ok(self, b"not")
            || c == b'o' && kw_ok(self, b"or")
        {
            let col = (self.pos - self.line_start) as u32;
            self.warnings
                .push((self.lineno, col, format!("invalid {kind} literal")));
            return Ok(());
        }
        if is_ident_byte(c) {
            // CPython advances over the offending character first.
            let ch_len = std::str::from_utf8(&self.src[self.pos..])
                .ok()
                .and_then(|s| s.chars().next())
                .map_or(1, |ch| ch.len_utf8());
            let _ = ch_len;
            return Err(self.err_here(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    fn number(&mut self, start: usize, start_line: u32, start_col: u32) -> Result<(), TokError> {
        let c = self.peek();
        if c == b'0' {
            let n = self.peek_at(1).to_ascii_lowercase();
            if n == b'x' || n == b'o' || n == b'b' {
                self.pos += 2;
                let (ok, name): (fn(u8) -> bool, &str) = match n {
                    b'x' => (|b: u8| b.is_ascii_hexdigit(), "hexadecimal"),
                    b'o' => (|b: u8| (b'0'..=b'7').contains(&b), "octal"),
                    _ => (|b: u8| b == b'0' || b == b'1', "binary"),
                };
                loop {
                    if self.peek() == b'_' {
                        self.pos += 1;
                    }
                    if !ok(self.peek()) {
                        if n != b'x' && self.peek().is_ascii_digit() {
                            let d = self.peek();
                            self.pos += 1;
                            return Err(self.err_here(format!(
                                "invalid digit '{}' in {} literal",
                                d as char, name
                            )));
                        }
                        return Err(self.err_here(format!("invalid {name} literal")));
                    }
                    while ok(self.peek()) {
                        self.pos += 1;
                    }
                    if self.peek() != b'_' {
                        break;
                    }
                }
                if n != b'x' && self.peek().is_ascii_digit() {
                    let d = self.peek();
                    self.pos += 1;
                    return Err(
                        self.err_here(format!("invalid digit '{}' in {} literal", d as char, name))
                    );
                }
                self.verify_end(name)?;
                self.push(TokKind::Number, start, start_line, start_col);
                return Ok(());
            }
        }
        let mut is_float = false;
        if c == b'.' {
            self.pos += 1;
            self.digits(|b| b.is_ascii_digit())?;
            is_float = true;
        } else {
            self.digits(|b| b.is_ascii_digit())?;
            if self.peek() == b'.' {
                self.pos += 1;
                is_float = true;
                self.digits(|b| b.is_ascii_digit())?;
            }
        }
        let mut is_exp = false;
        if self.peek() == b'e' || self.peek() == b'E' {
            let save = self.pos;
            self.pos += 1;
            if self.peek() == b'+' || self.peek() == b'-' {
                self.pos += 1;
                if !self.peek().is_ascii_digit() {
                    return Err(self.err_here("invalid decimal literal"));
                }
            } else if !self.peek().is_ascii_digit() {
                // "1e" followed by non-digit: back up, let verify_end complain.
                self.pos = save;
                self.verify_end("decimal")?;
                self.push(TokKind::Number, start, start_line, start_col);
                return Ok(());
            }
            self.digits(|b| b.is_ascii_digit())?;
            is_exp = true;
        }
        if self.peek() == b'j' || self.peek() == b'J' {
            self.pos += 1;
            self.verify_end("imaginary")?;
        } else {
            if !is_float && !is_exp {
                // Leading zeros check.
                let text = &self.src[start..self.pos];
                if text.len() > 1 && text[0] == b'0' && text.iter().any(|&b| b != b'0' && b != b'_')
                {
                    let zeros = text
                        .iter()
                        .position(|&b| b != b'0' && b != b'_')
                        .unwrap_or(0);
                    return Err(TokError {
                        kind: TokErrorKind::Syntax,
                        msg: "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                        lineno: start_line,
                        offset: start_col as i64 + 1,
                        end_lineno: self.lineno,
                        end_offset: (start_col as usize + zeros + 1) as i64, raw_text: true });
                }
            }
            self.verify_end("decimal")?;
        }
        self.push(TokKind::Number, start, start_line, start_col);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<TokKind> {
        tokenize(s).tokens.iter().map(|t| t.kind).collect()
    }

    #[test]
    fn basic_tokens() {
        use TokKind::*;
        assert_eq!(
            kinds("x = 1\n"),
            vec![Name, Equal, Number, Newline, EndMarker]
        );
        assert_eq!(
            kinds("if x:\n  y\n"),
            vec![
                If, Name, Colon, Newline, Indent, Name, Newline, Dedent, EndMarker
            ]
        );
        assert_eq!(
            kinds("a **= b // c"),
            vec![Name, StarStarEq, Name, SlashSlash, Name, Newline, EndMarker]
        );
        assert_eq!(
            kinds("(1,\n 2)"),
            vec![LPar, Number, Comma, Number, RPar, Newline, EndMarker]
        );
        assert_eq!(
            kinds("rb'x' f\"y\" u'z'"),
            vec![String, String, String, Newline, EndMarker]
        );
        assert_eq!(
            kinds("1if x else 2"),
            vec![Number, If, Name, Else, Number, Newline, EndMarker]
        );
    }

    #[test]
    fn errors() {
        let e = |s: &str| tokenize(s).error.map(|e| e.msg).unwrap_or_default();
        assert_eq!(e("x = 1abc"), "invalid decimal literal");
        assert_eq!(e("x = 0x"), "invalid hexadecimal literal");
        assert_eq!(e("x = 0o8"), "invalid digit '8' in octal literal");
        assert_eq!(
            e("'abc"),
            "unterminated string literal (detected at line 1)"
        );
        assert_eq!(
            e("'''abc\n\n"),
            "unterminated triple-quoted string literal (detected at line 3)"
        );
        assert_eq!(e("a€b"), "invalid character '€' (U+20AC)");
        assert_eq!(e(")"), "unmatched ')'");
        assert_eq!(
            e("(]"),
            "closing parenthesis ']' does not match opening parenthesis '('"
        );
        assert_eq!(e(&"(".repeat(300)), "too many nested parentheses");
        assert_eq!(
            e("if x:\n  a\n b\n"),
            "unindent does not match any outer indentation level"
        );
        assert_eq!(
            e("if x:\n\ta\n        b\n"),
            "inconsistent use of tabs and spaces in indentation"
        );
    }
}
