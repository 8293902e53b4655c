//! The description of a syntax error as the parser and the compiler report
//! it.  The VM turns it into a Python `SyntaxError` (or subclass) object with
//! the same fields CPython fills in.

/// Which exception class to raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    pub fn class_name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A syntax error with CPython's fields.  `offset`/`end_offset` are 1-based
/// *character* columns (as CPython's `SyntaxError.offset`), `text` is the
/// offending source line including its trailing newline when the source
/// had one.  Zero means "not set" for the numeric fields; `end_offset` is
/// -1 where CPython reports -1 (errors at tokens without an end, such as an
/// INDENT, DEDENT or the end of input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxErrorInfo {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: i32,
    pub text: Option<String>,
}

/// `SyntaxErrorInfo::end_offset` for errors CPython raises with
/// `PyErr_SyntaxLocation` (`from __future__ import braces`): the exception's
/// args hold only the message, the location is set as attributes and
/// `end_offset` stays None.
pub const END_OFFSET_UNSET: i32 = i32::MIN;

/// Errors from the front end that are not syntax errors in CPython either.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrontendError {
    Syntax(SyntaxErrorInfo),
    /// Nesting too deep for the compiler (`RecursionError: maximum recursion
    /// depth exceeded during compilation`).
    Recursion(String),
    /// `MemoryError` (e.g. a too-deeply nested parser stack in CPython).
    Memory(String),
    /// A source-decoding problem (`SyntaxError` in CPython, but with a
    /// `UnicodeDecodeError`-derived message).  Line 0 means CPython's
    /// `(filename, 0, -1, None)` location.
    Decode(SyntaxErrorInfo),
    /// A `SyntaxError` carrying only a message (CPython gives no location:
    /// null bytes in a `compile()` string, a script's coding problems).
    Bare(String),
}
