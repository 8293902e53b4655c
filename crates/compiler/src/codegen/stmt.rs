//! Statements: assignments, control flow, try/with, imports, function and
//! class definitions (CPython 3.11 `compiler_visit_stmt` and friends).

use taipan_ast::*;
use taipan_bytecode::{BinaryOp, Constant, Opcode};
use taipan_common::Wtf8Buf;

use super::{Compiler, FBlock, FBlockKind, NO_BLOCK, UnitKind};
use crate::error::CompileResult;
use crate::symtable::mangle;

/// Above this many items a display or call is built incrementally
/// (CPython's `STACK_USE_GUIDELINE`).
pub(crate) const STACK_USE_GUIDELINE: usize = 30;

pub(crate) fn docstring(body: &[Stmt]) -> Option<&Wtf8Buf> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr { value }) => match &value.kind {
            ExprKind::Constant {
                value: taipan_ast::Constant::Str(s),
                ..
            } => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Does the body contain an annotated assignment (not inside nested scopes)?
pub(crate) fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For(f) | StmtKind::AsyncFor(f) => find_ann(&f.body) || find_ann(&f.orelse),
        StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
            find_ann(body) || find_ann(orelse)
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => find_ann(&w.body),
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            find_ann(&t.body)
                || find_ann(&t.orelse)
                || find_ann(&t.finalbody)
                || t.handlers.iter().any(|h| find_ann(&h.body))
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// Module and class bodies: `SETUP_ANNOTATIONS`, docstring, statements.
    pub fn compile_body(&mut self, body: &'a [Stmt]) -> CompileResult<()> {
        if self.ur().kind == UnitKind::Module
            && let Some(first) = body.first()
        {
            self.set_loc(first.loc);
        }
        if find_ann(body) {
            self.emit(Opcode::SETUP_ANNOTATIONS);
        }
        let mut rest = body;
        if self.opts.optimize < 2
            && let Some(doc) = docstring(body)
            && let StmtKind::Expr { value } = &body[0].kind
        {
            self.set_loc(body[0].loc);
            self.set_loc(value.loc);
            self.load_const(Constant::Str(doc.clone()));
            self.unset_loc();
            self.nameop("__doc__", ExprContext::Store)?;
            rest = &body[1..];
        }
        self.visit_stmts(rest)
    }

    pub fn visit_stmts(&mut self, body: &'a [Stmt]) -> CompileResult<()> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    pub fn visit_stmt(&mut self, s: &'a Stmt) -> CompileResult<()> {
        self.enter_depth()?;
        self.set_loc(s.loc);
        let r = self.visit_stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn visit_stmt_inner(&mut self, s: &'a Stmt) -> CompileResult<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.compile_function(s, f, false),
            StmtKind::AsyncFunctionDef(f) => self.compile_function(s, f, true),
            StmtKind::ClassDef(c) => self.compile_class(s, c),
            StmtKind::Return { value } => self.compile_return(s, value.as_deref()),
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value, .. } => {
                self.visit_expr(value)?;
                let n = targets.len();
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit_arg(Opcode::COPY, 1);
                    }
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => {
                self.compile_augassign(s, target, *op, value)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.compile_annassign(target, annotation, value.as_deref(), *simple != 0),
            StmtKind::For(f) => self.compile_for(f),
            StmtKind::AsyncFor(f) => self.compile_async_for(f),
            StmtKind::While { test, body, orelse } => self.compile_while(s, test, body, orelse),
            StmtKind::If { test, body, orelse } => {
                let end = self.new_block();
                let next = if orelse.is_empty() {
                    end
                } else {
                    self.new_block()
                };
                self.jump_if(test, next, false)?;
                self.visit_stmts(body)?;
                if !orelse.is_empty() {
                    self.emit_jump_noline(Opcode::JUMP, end);
                    self.use_next_block(next);
                    self.visit_stmts(orelse)?;
                }
                self.use_next_block(end);
                Ok(())
            }
            StmtKind::With(w) => self.compile_with(s, w, 0),
            StmtKind::AsyncWith(w) => self.compile_async_with(s, w, 0),
            StmtKind::Match { subject, cases } => self.compile_match(subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                    n += 1;
                    if let Some(c) = cause {
                        self.visit_expr(c)?;
                        n += 1;
                    }
                }
                self.emit_arg(Opcode::RAISE_VARARGS, n);
                Ok(())
            }
            StmtKind::Try(t) => {
                if !t.finalbody.is_empty() {
                    self.compile_try_finally(t, false)
                } else {
                    self.compile_try_except(t)
                }
            }
            StmtKind::TryStar(t) => {
                if !t.finalbody.is_empty() {
                    self.compile_try_finally(t, true)
                } else {
                    self.compile_try_star_except(t)
                }
            }
            StmtKind::Assert { test, msg } => {
                if self.opts.optimize > 0 {
                    return Ok(());
                }
                if matches!(&test.kind, ExprKind::Tuple { elts, .. } if !elts.is_empty()) {
                    self.warn("assertion is always true, perhaps remove parentheses?".into());
                }
                let end = self.new_block();

                self.jump_if(test, end, true)?;
                self.emit(Opcode::LOAD_ASSERTION_ERROR);
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                    self.emit_arg(Opcode::CALL, 0);
                }
                self.emit_arg(Opcode::RAISE_VARARGS, 1);
                self.use_next_block(end);
                Ok(())
            }
            StmtKind::Import { names } => self.compile_import(names),
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.compile_from_import(s, module.as_deref(), names, *level),
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => Ok(()),
            StmtKind::Expr { value } => {
                if self.interactive && self.units.len() <= 1 {
                    self.visit_expr(value)?;
                    self.emit(Opcode::PRINT_EXPR);
                    return Ok(());
                }
                if matches!(value.kind, ExprKind::Constant { .. }) {
                    self.emit(Opcode::NOP);
                    return Ok(());
                }
                self.visit_expr(value)?;
                // The location stays unset for what follows, as in CPython.
                self.unset_loc();
                self.emit(Opcode::POP_TOP);
                Ok(())
            }
            StmtKind::Pass => {
                self.emit(Opcode::NOP);
                Ok(())
            }
            StmtKind::Break => {
                self.emit(Opcode::NOP);
                let Some(lp) = self.unwind_fblock_stack(false, true)? else {
                    return self.error_at("'break' outside loop", s.loc);
                };
                self.unwind_fblock(&lp, false)?;
                self.emit_jump(Opcode::JUMP, lp.exit);
                Ok(())
            }
            StmtKind::Continue => {
                self.emit(Opcode::NOP);
                let Some(lp) = self.unwind_fblock_stack(false, true)? else {
                    return self.error_at("'continue' not properly in loop", s.loc);
                };
                self.emit_jump(Opcode::JUMP, lp.block);
                Ok(())
            }
        }
    }

    // ---- unwinding (break / continue / return) ----

    pub fn unwind_fblock(&mut self, f: &FBlock<'a>, preserve_tos: bool) -> CompileResult<()> {
        match &f.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_TOP);
            }
            FBlockKind::TryExcept => self.emit(Opcode::POP_BLOCK),
            FBlockKind::FinallyTry(body) => {
                self.emit(Opcode::POP_BLOCK);
                if preserve_tos {
                    self.push_fblock(FBlockKind::PopValue, NO_BLOCK, NO_BLOCK)?;
                }
                self.visit_stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                self.unset_loc();
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_TOP);
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_BLOCK);
                self.emit(Opcode::POP_EXCEPT);
            }
            FBlockKind::With(loc) | FBlockKind::AsyncWith(loc) => {
                self.set_loc(*loc);
                self.emit(Opcode::POP_BLOCK);
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.call_exit_with_nones();
                if matches!(f.kind, FBlockKind::AsyncWith(_)) {
                    self.emit_arg(Opcode::GET_AWAITABLE, 2);
                    self.load_none();
                    self.add_yield_from(true);
                }
                self.emit(Opcode::POP_TOP);
                self.unset_loc();
            }
            FBlockKind::HandlerCleanup(name) => {
                if name.is_some() {
                    self.emit(Opcode::POP_BLOCK);
                }
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_BLOCK);
                self.emit(Opcode::POP_EXCEPT);
                if let Some(n) = name {
                    self.load_none();
                    self.nameop(n, ExprContext::Store)?;
                    self.nameop(n, ExprContext::Del)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_TOP);
            }
        }
        Ok(())
    }

    /// Unwinds frame blocks up to (not including) the innermost loop if
    /// `want_loop`, else all of them; returns that loop.
    pub fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        want_loop: bool,
    ) -> CompileResult<Option<FBlock<'a>>> {
        let Some(top) = self.ur().fblocks.last().cloned() else {
            return Ok(None);
        };
        if matches!(top.kind, FBlockKind::ExceptionGroupHandler) {
            return self
                .error("'break', 'continue' and 'return' cannot appear in an except* block");
        }
        if want_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.u().fblocks.pop();
        let r = self
            .unwind_fblock(&top, preserve_tos)
            .and_then(|_| self.unwind_fblock_stack(preserve_tos, want_loop));
        self.u().fblocks.push(top);
        r
    }

    fn compile_return(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CompileResult<()> {
        let preserve_tos = matches!(value, Some(v) if !matches!(v.kind, ExprKind::Constant { .. }));
        if self.scope_kind() != crate::symtable::ScopeKind::Function {
            return self.error_at("'return' outside function", s.loc);
        }
        if value.is_some() && self.is_async_generator_scope() {
            return self.error_at("'return' with value in async generator", s.loc);
        }
        if preserve_tos {
            if let Some(v) = value {
                self.visit_expr(v)?;
            }
        } else if let Some(v) = value {
            self.set_loc(v.loc);
            self.emit(Opcode::NOP);
        }
        if value.is_none_or(|v| v.loc.lineno != s.loc.lineno) {
            self.set_loc(s.loc);
            self.emit(Opcode::NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match value {
            None => self.load_none(),
            Some(v) if !preserve_tos => {
                if let ExprKind::Constant { value: c, .. } = &v.kind {
                    self.load_const(super::convert_const(c));
                }
            }
            _ => {}
        }
        self.emit(Opcode::RETURN_VALUE);
        Ok(())
    }

    // ---- assignments ----

    fn compile_augassign(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        op: Operator,
        value: &'a Expr,
    ) -> CompileResult<()> {
        self.set_loc(target.loc);
        match &target.kind {
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                self.visit_expr(obj)?;
                self.emit_arg(Opcode::COPY, 1);
                self.update_start_location_to_match_attr(target.loc, attr);
                self.emit_name(Opcode::LOAD_ATTR, attr);
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                self.visit_expr(obj)?;
                self.visit_expr(slice)?;
                self.emit_arg(Opcode::COPY, 2);
                self.emit_arg(Opcode::COPY, 2);
                self.emit(Opcode::BINARY_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Load)?,
            _ => return self.error_at("illegal expression for augmented assignment", target.loc),
        }
        self.set_loc(s.loc);
        self.visit_expr(value)?;
        self.emit_arg(Opcode::BINARY_OP, inplace_op(op) as u32);
        self.set_loc(target.loc);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.update_start_location_to_match_attr(target.loc, attr);
                self.emit_arg(Opcode::SWAP, 2);
                self.emit_name(Opcode::STORE_ATTR, attr);
            }

            ExprKind::Subscript { .. } => {
                self.emit_arg(Opcode::SWAP, 3);
                self.emit_arg(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Store)?,
            _ => {}
        }
        Ok(())
    }

    fn check_ann_expr(&mut self, e: &'a Expr) -> CompileResult<()> {
        self.visit_expr(e)?;
        self.emit(Opcode::POP_TOP);
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &'a Expr) -> CompileResult<()> {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.check_ann_expr(x)?;
                }
                Ok(())
            }
            ExprKind::Tuple { elts, .. } => {
                for x in elts {
                    self.check_ann_subscr(x)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }

    /// Pushes an annotation's value: the expression, or its source text
    /// under `from __future__ import annotations`.
    pub fn visit_annexpr(&mut self, e: &'a Expr) -> CompileResult<()> {
        if self.future_annotations {
            let text = taipan_ast::unparse::unparse_expr(e);
            self.load_const(Constant::Str(text));
            Ok(())
        } else {
            self.visit_expr(e)
        }
    }

    fn compile_annassign(
        &mut self,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> CompileResult<()> {
        if let Some(v) = value {
            self.visit_expr(v)?;
            self.visit_expr(target)?;
        }
        match &target.kind {
            ExprKind::Name { id, .. } => {
                if id == "__debug__" {
                    return self.error_at("cannot assign to __debug__", target.loc);
                }
                if simple && matches!(self.ur().kind, UnitKind::Module | UnitKind::Class) {
                    self.visit_annexpr(annotation)?;
                    self.emit_name_raw(Opcode::LOAD_NAME, "__annotations__");
                    let mangled = mangle(self.ur().private.as_deref(), id);
                    self.load_str(&mangled);
                    self.emit(Opcode::STORE_SUBSCR);
                }
            }
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                if attr == "__debug__" {
                    return self.error_at("cannot assign to __debug__", target.loc);
                }
                if value.is_none() {
                    self.check_ann_expr(obj)?;
                }
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                if value.is_none() {
                    self.check_ann_expr(obj)?;
                    self.check_ann_subscr(slice)?;
                }
            }
            _ => return self.error_at("invalid node type for annotated assignment", target.loc),
        }
        if !simple
            && !self.future_annotations
            && matches!(self.ur().kind, UnitKind::Module | UnitKind::Class)
        {
            self.check_ann_expr(annotation)?;
        }
        Ok(())
    }

    // ---- loops ----

    fn compile_for(&mut self, f: &'a For) -> CompileResult<()> {
        let start = self.new_block();
        let body = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.push_fblock(FBlockKind::ForLoop, start, end)?;
        self.visit_expr(&f.iter)?;
        self.emit(Opcode::GET_ITER);
        self.use_next_block(start);
        self.emit_jump(Opcode::FOR_ITER, cleanup);
        self.use_next_block(body);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.unset_loc();
        self.emit_jump(Opcode::JUMP, start);
        self.use_next_block(cleanup);
        self.pop_fblock();
        self.visit_stmts(&f.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compile_async_for(&mut self, f: &'a For) -> CompileResult<()> {
        if self.ur().kind != UnitKind::AsyncFunction {
            return self.error("'async for' outside async function");
        }
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.visit_expr(&f.iter)?;
        self.emit(Opcode::GET_AITER);
        self.use_next_block(start);
        self.push_fblock(FBlockKind::ForLoop, start, end)?;
        self.emit_jump(Opcode::SETUP_FINALLY, except);
        self.emit(Opcode::GET_ANEXT);
        self.load_none();
        self.add_yield_from(true);
        self.emit(Opcode::POP_BLOCK);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.unset_loc();
        self.emit_jump(Opcode::JUMP, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.set_loc(f.iter.loc);
        self.emit(Opcode::END_ASYNC_FOR);
        self.visit_stmts(&f.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compile_while(
        &mut self,
        s: &'a Stmt,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CompileResult<()> {
        let lp = self.new_block();
        let bodyb = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_next_block(lp);
        self.push_fblock(FBlockKind::WhileLoop, lp, end)?;
        self.jump_if(test, anchor, false)?;
        self.use_next_block(bodyb);
        self.visit_stmts(body)?;
        self.set_loc(s.loc);
        // CPython re-tests at the bottom with a backward conditional jump;
        // our conditional jumps carry no backward variant, so the loop closes
        // with a JUMP_BACKWARD (where the VM checks the eval breaker and counts
        // hotness) after a forward exit test.
        self.jump_if(test, anchor, false)?;
        self.emit_jump_noline(Opcode::JUMP, bodyb);
        self.pop_fblock();
        self.use_next_block(anchor);
        self.visit_stmts(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    // ---- try ----

    /// `COPY 3; POP_EXCEPT; RERAISE 1`.
    fn pop_except_and_reraise(&mut self) {
        self.emit_arg(Opcode::COPY, 3);
        self.emit(Opcode::POP_EXCEPT);
        self.emit_arg(Opcode::RERAISE, 1);
    }

    fn compile_try_finally(&mut self, t: &'a Try, star: bool) -> CompileResult<()> {
        let body = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.emit_jump(Opcode::SETUP_FINALLY, end);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::FinallyTry(&t.finalbody), body, end)?;
        if !t.handlers.is_empty() {
            if star {
                self.compile_try_star_except(t)?;
            } else {
                self.compile_try_except(t)?;
            }
        } else {
            self.visit_stmts(&t.body)?;
        }
        self.emit_noline(Opcode::POP_BLOCK);
        self.pop_fblock();
        self.visit_stmts(&t.finalbody)?;
        self.emit_jump_noline(Opcode::JUMP, exit);
        self.use_next_block(end);
        self.unset_loc();
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::FinallyEnd, end, NO_BLOCK)?;
        self.visit_stmts(&t.finalbody)?;
        self.pop_fblock();
        self.emit_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        Ok(())
    }

    fn compile_try_except(&mut self, t: &'a Try) -> CompileResult<()> {
        let body = self.new_block();
        let mut except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.emit_jump(Opcode::SETUP_FINALLY, except);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::TryExcept, body, NO_BLOCK)?;
        self.visit_stmts(&t.body)?;
        self.pop_fblock();
        self.emit_noline(Opcode::POP_BLOCK);
        self.visit_stmts(&t.orelse)?;
        self.emit_jump_noline(Opcode::JUMP, end);
        let n = t.handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::ExceptionHandler, NO_BLOCK, NO_BLOCK)?;
        for (i, h) in t.handlers.iter().enumerate() {
            self.set_loc(h.loc);
            if h.type_.is_none() && i + 1 < n {
                return self.error_at("default 'except:' must be last", h.loc);
            }
            except = self.new_block();
            if let Some(ty) = &h.type_ {
                self.visit_expr(ty)?;
                self.emit(Opcode::CHECK_EXC_MATCH);
                self.emit_jump(Opcode::POP_JUMP_IF_FALSE, except);
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_block();
                let cleanup_body = self.new_block();
                self.nameop(name, ExprContext::Store)?;
                self.emit_jump(Opcode::SETUP_CLEANUP, cleanup_end);
                self.use_next_block(cleanup_body);
                self.push_fblock(
                    FBlockKind::HandlerCleanup(Some(name)),
                    cleanup_body,
                    NO_BLOCK,
                )?;
                self.visit_stmts(&h.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.emit(Opcode::POP_BLOCK);
                self.emit(Opcode::POP_BLOCK);
                self.emit(Opcode::POP_EXCEPT);
                self.load_none();
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
                self.emit_jump(Opcode::JUMP, end);
                self.use_next_block(cleanup_end);
                self.unset_loc();
                self.load_none();
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
                self.emit_arg(Opcode::RERAISE, 1);
            } else {
                let cleanup_body = self.new_block();
                self.emit(Opcode::POP_TOP);
                self.use_next_block(cleanup_body);
                self.push_fblock(FBlockKind::HandlerCleanup(None), cleanup_body, NO_BLOCK)?;
                self.visit_stmts(&h.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.emit(Opcode::POP_BLOCK);
                self.emit(Opcode::POP_EXCEPT);
                self.emit_jump(Opcode::JUMP, end);
            }
            self.use_next_block(except);
        }
        self.unset_loc();
        self.pop_fblock();
        self.emit_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(end);
        Ok(())
    }

    fn compile_try_star_except(&mut self, t: &'a Try) -> CompileResult<()> {
        let body = self.new_block();
        let mut except = self.new_block();
        let orelse = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.emit_jump(Opcode::SETUP_FINALLY, except);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::TryExcept, body, NO_BLOCK)?;
        self.visit_stmts(&t.body)?;
        self.pop_fblock();
        self.emit_noline(Opcode::POP_BLOCK);
        self.emit_jump_noline(Opcode::JUMP, orelse);
        let n = t.handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::ExceptionGroupHandler, NO_BLOCK, NO_BLOCK)?;
        for (i, h) in t.handlers.iter().enumerate() {
            self.set_loc(h.loc);
            except = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                self.emit_arg(Opcode::COPY, 1);
                self.emit_arg(Opcode::BUILD_LIST, 0);
                self.emit_arg(Opcode::SWAP, 2);
            }
            if let Some(ty) = &h.type_ {
                self.visit_expr(ty)?;
                self.emit(Opcode::CHECK_EG_MATCH);
                self.emit_arg(Opcode::COPY, 1);
                self.emit_jump(Opcode::POP_JUMP_IF_NONE, no_match);
            }
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            match &h.name {
                Some(name) => self.nameop(name, ExprContext::Store)?,
                None => self.emit(Opcode::POP_TOP),
            }
            self.emit_jump(Opcode::SETUP_CLEANUP, cleanup_end);
            self.use_next_block(cleanup_body);
            self.push_fblock(
                FBlockKind::HandlerCleanup(h.name.as_deref()),
                cleanup_body,
                NO_BLOCK,
            )?;
            self.visit_stmts(&h.body)?;
            self.pop_fblock();
            self.unset_loc();
            self.emit(Opcode::POP_BLOCK);
            if let Some(name) = &h.name {
                self.load_none();
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            self.emit_jump(Opcode::JUMP, except);
            self.use_next_block(cleanup_end);
            self.unset_loc();
            if let Some(name) = &h.name {
                self.load_none();
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            self.emit_arg(Opcode::LIST_APPEND, 3);
            self.emit(Opcode::POP_TOP);
            self.emit_jump(Opcode::JUMP, except_with_error);
            self.use_next_block(except);
            self.emit(Opcode::NOP);
            self.emit_jump(Opcode::JUMP, except_with_error);
            self.use_next_block(no_match);
            self.emit(Opcode::POP_TOP);
            self.use_next_block(except_with_error);
            if i + 1 == n {
                self.emit_arg(Opcode::LIST_APPEND, 1);
                self.emit_jump(Opcode::JUMP, reraise_star);
            }
        }
        self.unset_loc();
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_next_block(reraise_star);
        self.emit(Opcode::PREP_RERAISE_STAR);
        self.emit_arg(Opcode::COPY, 1);
        self.emit_jump(Opcode::POP_JUMP_IF_NOT_NONE, reraise);
        self.emit(Opcode::POP_TOP);
        self.emit(Opcode::POP_BLOCK);
        self.emit(Opcode::POP_EXCEPT);
        self.emit_jump(Opcode::JUMP, end);
        self.use_next_block(reraise);
        self.emit(Opcode::POP_BLOCK);
        self.emit_arg(Opcode::SWAP, 2);
        self.emit(Opcode::POP_EXCEPT);
        self.emit_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(orelse);
        self.visit_stmts(&t.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    // ---- with ----

    pub fn call_exit_with_nones(&mut self) {
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit_arg(Opcode::CALL, 2);
    }

    fn with_except_finish(&mut self, cleanup: usize) {
        self.unset_loc();
        let exit = self.new_block();
        self.emit_jump(Opcode::POP_JUMP_IF_TRUE, exit);
        self.emit_arg(Opcode::RERAISE, 2);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        self.emit(Opcode::POP_TOP);
        self.emit(Opcode::POP_BLOCK);
        self.emit(Opcode::POP_EXCEPT);
        self.emit(Opcode::POP_TOP);
        self.emit(Opcode::POP_TOP);
    }

    fn compile_with(&mut self, s: &'a Stmt, w: &'a With, pos: usize) -> CompileResult<()> {
        let Some(item) = w.items.get(pos) else {
            return self.error_at("empty with statement", s.loc);
        };
        let block = self.new_block();
        let fin = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.emit(Opcode::BEFORE_WITH);
        self.emit_jump(Opcode::SETUP_WITH, fin);
        self.use_next_block(block);
        self.push_fblock(FBlockKind::With(s.loc), block, fin)?;
        match &item.optional_vars {
            Some(v) => self.visit_expr(v)?,
            None => self.emit(Opcode::POP_TOP),
        }
        if pos + 1 == w.items.len() {
            self.visit_stmts(&w.body)?;
        } else {
            self.compile_with(s, w, pos + 1)?;
        }
        self.unset_loc();
        self.emit(Opcode::POP_BLOCK);
        self.pop_fblock();
        self.set_loc(s.loc);
        self.call_exit_with_nones();
        self.emit(Opcode::POP_TOP);
        self.emit_jump(Opcode::JUMP, exit);
        self.use_next_block(fin);
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.emit(Opcode::WITH_EXCEPT_START);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    fn compile_async_with(&mut self, s: &'a Stmt, w: &'a With, pos: usize) -> CompileResult<()> {
        if self.ur().kind != UnitKind::AsyncFunction {
            return self.error("'async with' outside async function");
        }
        let Some(item) = w.items.get(pos) else {
            return self.error_at("empty with statement", s.loc);
        };
        let block = self.new_block();
        let fin = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.emit(Opcode::BEFORE_ASYNC_WITH);
        self.emit_arg(Opcode::GET_AWAITABLE, 1);
        self.load_none();
        self.add_yield_from(true);
        self.emit_jump(Opcode::SETUP_WITH, fin);
        self.use_next_block(block);
        self.push_fblock(FBlockKind::AsyncWith(s.loc), block, fin)?;
        match &item.optional_vars {
            Some(v) => self.visit_expr(v)?,
            None => self.emit(Opcode::POP_TOP),
        }
        if pos + 1 == w.items.len() {
            self.visit_stmts(&w.body)?;
        } else {
            self.compile_async_with(s, w, pos + 1)?;
        }
        self.pop_fblock();
        self.emit(Opcode::POP_BLOCK);
        self.set_loc(s.loc);
        self.call_exit_with_nones();
        self.emit_arg(Opcode::GET_AWAITABLE, 2);
        self.load_none();
        self.add_yield_from(true);
        self.emit(Opcode::POP_TOP);
        self.emit_jump(Opcode::JUMP, exit);
        self.use_next_block(fin);
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.emit(Opcode::WITH_EXCEPT_START);
        self.emit_arg(Opcode::GET_AWAITABLE, 2);
        self.load_none();
        self.add_yield_from(true);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    // ---- imports ----

    fn compile_import(&mut self, names: &'a [Alias]) -> CompileResult<()> {
        for a in names {
            self.load_int(0);
            self.load_none();
            self.emit_name(Opcode::IMPORT_NAME, &a.name);
            match &a.asname {
                Some(asname) => {
                    let parts: Vec<&str> = a.name.split('.').collect();
                    if parts.len() > 1 {
                        for (i, attr) in parts[1..].iter().enumerate() {
                            self.emit_name_raw(Opcode::IMPORT_FROM, attr);
                            if i + 2 < parts.len() {
                                self.emit_arg(Opcode::SWAP, 2);
                                self.emit(Opcode::POP_TOP);
                            }
                        }
                        self.nameop(asname, ExprContext::Store)?;
                        self.emit(Opcode::POP_TOP);
                    } else {
                        self.nameop(asname, ExprContext::Store)?;
                    }
                }
                None => {
                    let first = a.name.split('.').next().unwrap_or("");
                    self.nameop(first, ExprContext::Store)?;
                }
            }
        }
        Ok(())
    }

    fn compile_from_import(
        &mut self,
        s: &'a Stmt,
        module: Option<&str>,
        names: &'a [Alias],
        level: u32,
    ) -> CompileResult<()> {
        self.load_int(level as i64);
        if s.loc.lineno > self.future_lineno && module == Some("__future__") {
            return self.error_at(
                "from __future__ imports must occur at the beginning of the file",
                s.loc,
            );
        }
        let tuple = names
            .iter()
            .map(|a| Constant::Str(Wtf8Buf::from_str(&a.name)))
            .collect();
        self.load_const(Constant::Tuple(tuple));
        self.emit_name(Opcode::IMPORT_NAME, module.unwrap_or(""));
        for (i, a) in names.iter().enumerate() {
            if i == 0 && a.name.starts_with('*') {
                self.emit(Opcode::IMPORT_STAR);
                return Ok(());
            }
            self.emit_name(Opcode::IMPORT_FROM, &a.name);
            let store = a.asname.as_deref().unwrap_or(&a.name);
            self.nameop(store, ExprContext::Store)?;
        }
        self.emit(Opcode::POP_TOP);
        Ok(())
    }

    // ---- definitions ----

    fn check_debug_args(&self, args: &Arguments) -> CompileResult<()> {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs);
        for a in all
            .chain(args.vararg.as_deref())
            .chain(args.kwarg.as_deref())
        {
            if a.arg == "__debug__" {
                return self.error("cannot assign to __debug__");
            }
        }
        Ok(())
    }

    /// Defaults tuple and kw-defaults dict; returns the MAKE_FUNCTION flags.
    pub fn default_arguments(&mut self, args: &'a Arguments) -> CompileResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.visit_expr(d)?;
            }
            self.emit_arg(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
            flags |= 0x01;
        }
        let mut keys = Vec::new();
        for (arg, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = d {
                let mangled = mangle(self.ur().private.as_deref(), &arg.arg);
                keys.push(Constant::Str(Wtf8Buf::from_str(&mangled)));
                self.visit_expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::Tuple(keys));
            self.emit_arg(Opcode::BUILD_CONST_KEY_MAP, n);
            flags |= 0x02;
        }
        Ok(flags)
    }

    fn visit_argannotation(
        &mut self,
        id: &str,
        ann: Option<&'a Expr>,
        n: &mut u32,
    ) -> CompileResult<()> {
        let Some(ann) = ann else { return Ok(()) };
        let mangled = mangle(self.ur().private.as_deref(), id);
        self.load_str(&mangled);
        if self.future_annotations {
            self.visit_annexpr(ann)?;
        } else if let ExprKind::Starred { value, .. } = &ann.kind {
            self.visit_expr(value)?;
            self.emit_arg(Opcode::UNPACK_SEQUENCE, 1);
        } else {
            self.visit_expr(ann)?;
        }
        *n += 2;
        Ok(())
    }

    fn visit_annotations(
        &mut self,
        args: &'a Arguments,
        returns: Option<&'a Expr>,
    ) -> CompileResult<bool> {
        let mut n = 0;
        for a in args.args.iter().chain(&args.posonlyargs) {
            self.visit_argannotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        if let Some(v) = &args.vararg {
            self.visit_argannotation(&v.arg, v.annotation.as_deref(), &mut n)?;
        }
        for a in &args.kwonlyargs {
            self.visit_argannotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        if let Some(k) = &args.kwarg {
            self.visit_argannotation(&k.arg, k.annotation.as_deref(), &mut n)?;
        }
        self.visit_argannotation("return", returns, &mut n)?;
        if n > 0 {
            self.emit_arg(Opcode::BUILD_TUPLE, n);
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn apply_decorators(&mut self, decos: &'a [Expr]) {
        let saved = self.ur().loc;
        for d in decos.iter().rev() {
            self.set_loc(d.loc);
            self.emit_arg(Opcode::CALL, 0);
        }
        self.u().loc = saved;
    }

    fn compile_function(
        &mut self,
        s: &'a Stmt,
        f: &'a FunctionDef,
        is_async: bool,
    ) -> CompileResult<()> {
        self.check_debug_args(&f.args)?;
        for d in &f.decorator_list {
            self.visit_expr(d)?;
        }
        let firstlineno = f
            .decorator_list
            .first()
            .map(|d| d.loc.lineno)
            .unwrap_or(s.loc.lineno);
        let mut flags = self.default_arguments(&f.args)?;
        if self.visit_annotations(&f.args, f.returns.as_deref())? {
            flags |= 0x04;
        }
        let Some(scope) = self.st.lookup_node(s) else {
            return self.error_at("compiler: missing symbol table entry", s.loc);
        };
        let kind = if is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.enter_scope(&f.name, kind, scope, firstlineno);
        let doc = if self.opts.optimize < 2 {
            docstring(&f.body)
        } else {
            None
        };
        match doc {
            Some(d) => self.u().add_const(Constant::Str(d.clone())),
            None => self.u().add_const(Constant::None),
        };
        {
            let u = self.u();
            u.argcount = (f.args.posonlyargs.len() + f.args.args.len()) as u32;
            u.posonlyargcount = f.args.posonlyargs.len() as u32;
            u.kwonlyargcount = f.args.kwonlyargs.len() as u32;
        }
        let start = if doc.is_some() { 1 } else { 0 };
        let r = self.visit_stmts(&f.body[start..]);
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        let code = self.finish_unit(true)?;
        self.make_closure(code, flags)?;
        self.apply_decorators(&f.decorator_list);
        self.nameop(&f.name, ExprContext::Store)
    }

    fn compile_class(&mut self, s: &'a Stmt, c: &'a ClassDef) -> CompileResult<()> {
        for d in &c.decorator_list {
            self.visit_expr(d)?;
        }
        let firstlineno = c
            .decorator_list
            .first()
            .map(|d| d.loc.lineno)
            .unwrap_or(s.loc.lineno);
        let Some(scope) = self.st.lookup_node(s) else {
            return self.error_at("compiler: missing symbol table entry", s.loc);
        };
        self.enter_scope(&c.name, UnitKind::Class, scope, firstlineno);
        self.u().private = Some(c.name.clone());
        let r = (|| -> CompileResult<()> {
            self.nameop("__name__", ExprContext::Load)?;
            self.nameop("__module__", ExprContext::Store)?;
            let q = self.ur().qualname.clone();
            self.load_str(&q);
            self.nameop("__qualname__", ExprContext::Store)?;
            self.compile_body(&c.body)?;
            self.unset_loc();
            if self.st.scopes[scope].needs_class_closure {
                let idx = self.ur().cellvars.get("__class__").unwrap_or(0);
                self.emit_arg(Opcode::LOAD_CLOSURE, idx);
                self.emit_arg(Opcode::COPY, 1);
                self.nameop("__classcell__", ExprContext::Store)?;
            } else {
                self.load_none();
            }
            self.emit(Opcode::RETURN_VALUE);
            Ok(())
        })();
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        let code = self.finish_unit(true)?;
        self.set_loc(s.loc);
        self.emit(Opcode::PUSH_NULL);
        self.emit(Opcode::LOAD_BUILD_CLASS);
        self.make_closure(code, 0)?;
        self.load_str(&c.name);
        self.call_helper(2, &c.bases, &c.keywords)?;
        self.apply_decorators(&c.decorator_list);
        self.nameop(&c.name, ExprContext::Store)
    }
}

pub(crate) fn inplace_op(op: Operator) -> BinaryOp {
    match op {
        Operator::Add => BinaryOp::InplaceAdd,
        Operator::Sub => BinaryOp::InplaceSubtract,
        Operator::Mult => BinaryOp::InplaceMultiply,
        Operator::MatMult => BinaryOp::InplaceMatrixMultiply,
        Operator::Div => BinaryOp::InplaceTrueDivide,
        Operator::Mod => BinaryOp::InplaceRemainder,
        Operator::Pow => BinaryOp::InplacePower,
        Operator::LShift => BinaryOp::InplaceLshift,
        Operator::RShift => BinaryOp::InplaceRshift,
        Operator::BitOr => BinaryOp::InplaceOr,
        Operator::BitXor => BinaryOp::InplaceXor,
        Operator::BitAnd => BinaryOp::InplaceAnd,
        Operator::FloorDiv => BinaryOp::InplaceFloorDivide,
    }
}

pub(crate) fn binary_op(op: Operator) -> BinaryOp {
    match op {
        Operator::Add => BinaryOp::Add,
        Operator::Sub => BinaryOp::Subtract,
        Operator::Mult => BinaryOp::Multiply,
        Operator::MatMult => BinaryOp::MatrixMultiply,
        Operator::Div => BinaryOp::TrueDivide,
        Operator::Mod => BinaryOp::Remainder,
        Operator::Pow => BinaryOp::Power,
        Operator::LShift => BinaryOp::Lshift,
        Operator::RShift => BinaryOp::Rshift,
        Operator::BitOr => BinaryOp::Or,
        Operator::BitXor => BinaryOp::Xor,
        Operator::BitAnd => BinaryOp::And,
        Operator::FloorDiv => BinaryOp::FloorDivide,
    }
}
