//! Assignment, deletion and loop targets.  Targets are parsed as ordinary
//! expressions of the right level and then re-labelled `Store`/`Del` by
//! `set_context`, which also rejects what cannot be assigned to with
//! CPython's "cannot assign to ..." messages.

use super::{PResult, Parser};
use crate::tokenize::TokKind as T;
use taipan_ast::*;

/// CPython's `_PyPegen_get_expr_name`: how error messages name an expression.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The first sub-expression that cannot be a target (CPython's
/// `_PyPegen_get_invalid_target`), or `None` if `e` is a valid target.
pub fn invalid_target(e: &Expr, del: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().find_map(|x| invalid_target(x, del))
        }
        ExprKind::Starred { value, .. } => {
            if del {
                Some(e)
            } else {
                invalid_target(value, del)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            // `for x in y` parsed as a comparison: blame the left side
            // when it is the invalid part (CPython does the same).
            if !del && matches!(ops.first(), Some(CmpOp::In)) {
                if let Some(x) = invalid_target(left, del) {
                    return Some(x);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

impl<'a> Parser<'a> {
    /// Relabels a target expression with `ctx`, or fails with
    /// "cannot assign to X" / "cannot delete X".
    pub fn set_context(&self, e: &mut Expr, ctx: ExprContext) -> PResult<()> {
        match &mut e.kind {
            ExprKind::Name { ctx: c, .. }
            | ExprKind::Attribute { ctx: c, .. }
            | ExprKind::Subscript { ctx: c, .. } => {
                *c = ctx;
                Ok(())
            }
            ExprKind::Starred { value, ctx: c } if ctx != ExprContext::Del => {
                *c = ctx;
                self.set_context(value, ctx)
            }
            ExprKind::List { elts, ctx: c } | ExprKind::Tuple { elts, ctx: c } => {
                *c = ctx;
                for x in elts.iter_mut() {
                    self.set_context(x, ctx)?;
                }
                Ok(())
            }
            _ => {
                let bad = invalid_target(e, ctx == ExprContext::Del).unwrap_or(e);
                let verb = if ctx == ExprContext::Del {
                    "delete"
                } else {
                    "assign to"
                };
                Err(self.err_span(bad.loc, format!("cannot {} {}", verb, expr_name(bad))))
            }
        }
    }

    /// `star_targets` (for loops, comprehensions, with-items): a
    /// comma-separated list of `*`-able primaries, as a Store target.
    pub fn star_targets(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.star_target()?;
        let mut e = if self.at(T::Comma) {
            let mut elts = vec![first];
            while self.eat(T::Comma) {
                if !(self.starts_expression() || self.at(T::Star)) {
                    break;
                }
                elts.push(self.star_target()?);
            }
            self.mk(
                ExprKind::Tuple {
                    elts,
                    ctx: ExprContext::Load,
                },
                s,
            )
        } else {
            first
        };
        self.set_context(&mut e, ExprContext::Store)?;
        Ok(e)
    }

    fn star_target(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            let s = self.start();
            self.bump();
            if self.at(T::Star) {
                return Err(self.invalid());
            }
            self.enter()?;
            let v = self.star_target();
            self.leave();
            let v = v?;
            return Ok(self.mk(
                ExprKind::Starred {
                    value: Box::new(v),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        self.target_primary()
    }

    /// A target element: a primary (name, attribute, subscript, or a
    /// parenthesized/bracketed target list).
    fn target_primary(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.primary();
        self.leave();
        r
    }

    /// `del_targets`
    pub fn del_targets(&mut self) -> PResult<Vec<Expr>> {
        let mut out = Vec::new();
        loop {
            if self.at(T::Star) {
                let s = self.start();
                self.bump();
                let v = self.target_primary()?;
                let e = self.mk(
                    ExprKind::Starred {
                        value: Box::new(v),
                        ctx: ExprContext::Del,
                    },
                    s,
                );
                return Err(self.err_span(e.loc, "cannot delete starred"));
            }
            let mut e = self.target_primary()?;
            self.set_context(&mut e, ExprContext::Del)?;
            out.push(e);
            if !self.eat(T::Comma) {
                break;
            }
            if !self.starts_expression() {
                break;
            }
        }
        Ok(out)
    }
}
