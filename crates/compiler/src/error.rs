//! Error construction shared by the symbol table and the code generator.

use taipan_ast::{FrontendError, Loc, SyntaxErrorInfo, SyntaxErrorKind};

pub type CompileResult<T> = Result<T, FrontendError>;

/// Maximum nesting of statements/expressions/patterns any recursive walker
/// in this crate accepts before giving up with CPython's `RecursionError`
/// message.  Chosen so that the deepest walk stays well within a 2 MiB
/// thread stack even in unoptimised builds.
pub const MAX_DEPTH: u32 = 900;

pub fn recursion_error() -> FrontendError {
    FrontendError::Recursion("maximum recursion depth exceeded during compilation".into())
}

/// A `SyntaxError` at `loc` (offsets are 1-based, as CPython reports them).
pub fn syntax_error(filename: &str, msg: String, loc: Loc) -> FrontendError {
    FrontendError::Syntax(SyntaxErrorInfo {
        kind: SyntaxErrorKind::SyntaxError,
        msg,
        filename: filename.to_string(),
        lineno: loc.lineno,
        offset: loc.col_offset + 1,
        end_lineno: loc.end_lineno,
        end_offset: loc.end_col_offset.wrapping_add(1) as i32,
        text: None,
    })
}
