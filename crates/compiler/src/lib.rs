//! Symbol tables and code generation: `taipan_ast::Mod` -> `CodeObject`.
//!
//! Pipeline (CPython 3.11's `_PyAST_Compile`): `__future__` scan ->
//! AST constant folding (`fold`) -> symbol table (`symtable`) -> code
//! generation into a CFG of pseudo-instructions (`codegen`) -> assembly
//! (`assemble`: CFG optimisation, stack depth, exception table, line table).
//! The design note (blocks/labels, exception table, deliberate differences
//! from CPython) is at the top of `codegen/mod.rs`.
//!
//! Testing: `cargo test -p taipan-compiler` runs unit tests, the
//! `tests/dis/*.py` -> `*.dis` listings (`UPDATE_DIS=1` regenerates), the
//! CPython error/warning/unparse tables, malformed-AST and nesting tests, and
//! compiles the whole installed stdlib.  `tools/compare_stdlib.py
//! code|positions|meta` compares instruction listings, `co_positions()` and
//! code-object metadata with CPython 3.11 over the stdlib (build the `dis`
//! example first); `tools/cpython_dis.py FILE` prints CPython's code in
//! Taipan's listing format for a single file.

mod assemble;
mod codegen;
mod error;
mod fold;
pub mod symtable;

use taipan_ast::{FrontendError, Loc, Mod, StmtKind};
use taipan_bytecode::CodeObject;

pub use error::MAX_DEPTH;

/// What kind of source `compile` is given (`compile()`'s mode argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    /// Interactive: expression statements print their value (`PRINT_EXPR`).
    Single,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CompileOptions {
    /// `-O` level: 1 strips asserts and makes `__debug__` False, 2 also strips docstrings.
    pub optimize: u8,
    /// Inherited `from __future__ import annotations`.
    pub future_annotations: bool,
    /// `compile(..., dont_inherit=True)`: recorded for the caller's benefit.
    pub dont_inherit: bool,
}

const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Scans the leading `from __future__ import ...` statements (CPython's
/// `future.c`).  Returns (annotations feature, line of the last future import).
fn scan_future(module: &Mod, filename: &str) -> Result<(bool, u32), FrontendError> {
    let body = match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => body,
        _ => return Ok((false, 0)),
    };
    let mut annotations = false;
    let mut lineno = 0;
    let mut done = false;
    let mut prev_line = 0;
    for (i, s) in body.iter().enumerate() {
        if done && s.loc.lineno > prev_line {
            break;
        }
        prev_line = s.loc.lineno;
        match &s.kind {
            StmtKind::ImportFrom {
                module: Some(m),
                names,
                ..
            } if m == "__future__" => {
                if done {
                    return Err(error::syntax_error(
                        filename,
                        "from __future__ imports must occur at the beginning of the file".into(),
                        s.loc,
                    ));
                }
                for a in names {
                    if a.name == "annotations" {
                        annotations = true;
                    } else if a.name == "braces" {
                        return Err(future_error(filename, "not a chance".into(), s.loc));
                    } else if !FUTURE_FEATURES.contains(&a.name.as_str()) {
                        return Err(future_error(
                            filename,
                            format!("future feature {} is not defined", a.name),
                            s.loc,
                        ));
                    }
                }
                lineno = s.loc.lineno;
            }
            StmtKind::Expr { value }
                if i == 0
                    && matches!(
                        value.kind,
                        taipan_ast::ExprKind::Constant {
                            value: taipan_ast::Constant::Str(_),
                            ..
                        }
                    ) => {}
            _ => done = true,
        }
    }
    Ok((annotations, lineno))
}

/// CPython reports future-feature errors with `PyErr_SyntaxLocation` at
/// the statement start: no end offset, the location only in attributes.
fn future_error(filename: &str, msg: String, l: Loc) -> FrontendError {
    let mut e = error::syntax_error(filename, msg, l);
    if let FrontendError::Syntax(info) = &mut e {
        info.end_lineno = l.lineno;
        info.end_offset = taipan_ast::END_OFFSET_UNSET;
    }
    e
}

/// Compiles a module, expression or interactive statement to a code object.
pub fn compile(
    module: &Mod,
    filename: &str,
    mode: Mode,
    opts: &CompileOptions,
) -> Result<CodeObject, FrontendError> {
    compile_with_warnings(module, filename, mode, opts).map(|(code, _)| code)
}

/// A `SyntaxWarning` the compiler found.  CPython issues these through
/// `warnings.warn_explicit(msg, SyntaxWarning, filename, lineno)` and, when
/// the filter turns them into errors, raises `SyntaxError(msg)` at this
/// position instead.  Offsets are 1-based like `SyntaxError.offset`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileWarning {
    pub msg: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
}

/// Like [`compile`], also returning the `SyntaxWarning`s to report.
pub fn compile_with_warnings(
    module: &Mod,
    filename: &str,
    mode: Mode,
    opts: &CompileOptions,
) -> Result<(CodeObject, Vec<CompileWarning>), FrontendError> {
    let (fa, future_lineno) = scan_future(module, filename)?;
    let future_annotations = fa || opts.future_annotations;
    // The symbol table pass is a complete walk with a depth limit: run it on
    // the caller's tree first so that a too-deep tree is rejected before
    // anything recursive without a limit (the clone below) touches it.
    symtable::build(module, filename, future_annotations)?;
    let mut m = module.clone();

    fold::Folder::new(opts.optimize, future_annotations).fold_mod(&mut m)?;
    let st = symtable::build(&m, filename, future_annotations)?;
    codegen::compile_mod(
        &m,
        st,
        filename,
        mode,
        opts,
        future_annotations,
        future_lineno,
    )
}

/// True if the last compilation on this thread found inconsistent stack
/// depths (a compiler bug); cleared by the call.  Used by tests.
#[doc(hidden)]
pub fn take_stack_depth_mismatch() -> bool {
    assemble::STACK_DEPTH_MISMATCH.with(|m| m.replace(false))
}
