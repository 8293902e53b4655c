//! The AST validator CPython runs on trees that come from Python objects
//! (`Python/ast.c`, `_PyAST_Validate`), on Taipan's Rust AST: expression
//! contexts, non-empty bodies and lists, consistent list lengths, capture
//! names and the shape of patterns.  It walks the whole tree in CPython's
//! order so the first problem found is the one CPython reports; recursion
//! is counted ("maximum recursion depth exceeded during compilation").
//! Checks the Rust AST cannot express afterwards (constant types) were
//! made while converting (`from_py.rs`).

use taipan_ast::*;

use crate::error::{PyErr, PyResult, recursion_error, type_error, value_error};
use crate::vm::Vm;

/// Validates a module converted from Python objects.
pub fn validate_mod(vm: &Vm, m: &Mod) -> PyResult<()> {
    let v = V { vm };
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => v.stmts(body),
        Mod::Expression { body } => v.expr(body, ExprContext::Load),
        Mod::FunctionType { argtypes, returns } => {
            v.exprs(argtypes, ExprContext::Load)?;
            v.expr(returns, ExprContext::Load)
        }
    }
}

struct V<'a> {
    vm: &'a Vm,
}

#[cold]
fn err(msg: impl Into<String>) -> PyErr {
    value_error(msg.into())
}

fn ctx_name(c: ExprContext) -> &'static str {
    match c {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    }
}

/// `None`, `True` and `False` cannot be identifiers.
fn name(id: &str) -> PyResult<()> {
    if matches!(id, "None" | "True" | "False") {
        return Err(err(format!(
            "identifier field can't represent '{id}' constant"
        )));
    }
    Ok(())
}

fn capture(id: &str) -> PyResult<()> {
    if id == "_" {
        return Err(err("can't capture name '_' in patterns"));
    }
    name(id)
}

fn nonempty<T>(v: &[T], what: &str, owner: &str) -> PyResult<()> {
    if v.is_empty() {
        return Err(err(format!("empty {what} on {owner}")));
    }
    Ok(())
}

/// CPython's `VALIDATE_POSITIONS` (positions are C ints stored as `u32`).
fn positions(l: &Loc) -> PyResult<()> {
    let (lineno, col) = (l.lineno as i32, l.col_offset as i32);
    let (end_lineno, end_col) = (l.end_lineno as i32, l.end_col_offset as i32);
    if lineno > end_lineno {
        return Err(err(format!(
            "AST node line range ({lineno}, {end_lineno}) is not valid"
        )));
    }
    if (lineno < 0 && end_lineno != lineno) || (col < 0 && col != end_col) {
        return Err(err(format!(
            "AST node column range ({col}, {end_col}) for line range ({lineno}, {end_lineno}) is not valid"
        )));
    }
    if lineno == end_lineno && col > end_col {
        return Err(err(format!(
            "line {lineno}, column {col}-{end_col} is not a valid range"
        )));
    }
    Ok(())
}

impl V<'_> {
    fn enter(&self) -> PyResult<crate::vm::DepthGuard<'_>> {
        self.vm
            .enter_native_call()
            .map_err(|_| recursion_error("maximum recursion depth exceeded during compilation"))
    }

    fn stmts(&self, v: &[Stmt]) -> PyResult<()> {
        v.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&self, v: &[Expr], ctx: ExprContext) -> PyResult<()> {
        v.iter().try_for_each(|e| self.expr(e, ctx))
    }

    fn opt(&self, e: &Option<Box<Expr>>) -> PyResult<()> {
        match e {
            Some(e) => self.expr(e, ExprContext::Load),
            None => Ok(()),
        }
    }

    fn body(&self, v: &[Stmt], owner: &str) -> PyResult<()> {
        nonempty(v, "body", owner)?;
        self.stmts(v)
    }

    fn keywords(&self, v: &[Keyword]) -> PyResult<()> {
        v.iter()
            .try_for_each(|k| self.expr(&k.value, ExprContext::Load))
    }

    fn args(&self, v: &[Arg]) -> PyResult<()> {
        v.iter().try_for_each(|a| {
            positions(&a.loc)?;
            self.opt(&a.annotation)
        })
    }

    fn arguments(&self, a: &Arguments) -> PyResult<()> {
        self.args(&a.posonlyargs)?;
        self.args(&a.args)?;
        if let Some(v) = &a.vararg {
            self.opt(&v.annotation)?;
        }
        self.args(&a.kwonlyargs)?;
        if let Some(k) = &a.kwarg {
            self.opt(&k.annotation)?;
        }
        if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
            return Err(err("more positional defaults than args on arguments"));
        }
        if a.kw_defaults.len() != a.kwonlyargs.len() {
            return Err(err(
                "length of kwonlyargs is not the same as kw_defaults on arguments",
            ));
        }
        self.exprs(&a.defaults, ExprContext::Load)?;
        a.kw_defaults
            .iter()
            .flatten()
            .try_for_each(|e| self.expr(e, ExprContext::Load))
    }

    fn comprehension(&self, gens: &[Comprehension]) -> PyResult<()> {
        if gens.is_empty() {
            return Err(err("comprehension with no generators"));
        }
        for g in gens {
            self.expr(&g.target, ExprContext::Store)?;
            self.expr(&g.iter, ExprContext::Load)?;
            self.exprs(&g.ifs, ExprContext::Load)?;
        }
        Ok(())
    }

    fn expr(&self, e: &Expr, ctx: ExprContext) -> PyResult<()> {
        positions(&e.loc)?;
        let _g = self.enter()?;
        use ExprContext::Load;
        let actual = match &e.kind {
            ExprKind::Attribute { ctx, .. }
            | ExprKind::Subscript { ctx, .. }
            | ExprKind::Starred { ctx, .. }
            | ExprKind::List { ctx, .. }
            | ExprKind::Tuple { ctx, .. } => Some(*ctx),
            ExprKind::Name { id, ctx } => {
                name(id)?;
                Some(*ctx)
            }
            _ => {
                if ctx != Load {
                    return Err(err(format!(
                        "expression which can't be assigned to in {} context",
                        ctx_name(ctx)
                    )));
                }
                None
            }
        };
        if let Some(a) = actual
            && a != ctx
        {
            return Err(err(format!(
                "expression must have {} context but has {} instead",
                ctx_name(ctx),
                ctx_name(a)
            )));
        }
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                if values.len() < 2 {
                    return Err(err("BoolOp with less than 2 values"));
                }
                self.exprs(values, Load)
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left, Load)?;
                self.expr(right, Load)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand, Load),
            ExprKind::Lambda { args, body } => {
                self.arguments(args)?;
                self.expr(body, Load)
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test, Load)?;
                self.expr(body, Load)?;
                self.expr(orelse, Load)
            }
            ExprKind::Dict { keys, values } => {
                if keys.len() != values.len() {
                    return Err(err("Dict doesn't have the same number of keys as values"));
                }
                keys.iter().flatten().try_for_each(|k| self.expr(k, Load))?;
                self.exprs(values, Load)
            }
            ExprKind::Set { elts } => self.exprs(elts, Load),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(generators)?;
                self.expr(elt, Load)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.comprehension(generators)?;
                self.expr(key, Load)?;
                self.expr(value, Load)
            }
            ExprKind::Yield { value } => self.opt(value),
            ExprKind::YieldFrom { value } | ExprKind::Await { value } => self.expr(value, Load),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                if comparators.is_empty() {
                    return Err(err("Compare with no comparators"));
                }
                if comparators.len() != ops.len() {
                    return Err(err(
                        "Compare has a different number of comparators and operands",
                    ));
                }
                self.exprs(comparators, Load)?;
                self.expr(left, Load)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func, Load)?;
                self.exprs(args, Load)?;
                self.keywords(keywords)
            }
            ExprKind::Constant { .. } | ExprKind::Name { .. } => Ok(()),
            ExprKind::JoinedStr { values } => self.exprs(values, Load),
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value, Load)?;
                self.opt(format_spec)
            }
            ExprKind::Attribute { value, .. } => self.expr(value, Load),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(slice, Load)?;
                self.expr(value, Load)
            }
            ExprKind::Starred { value, .. } => self.expr(value, ctx),
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts, ctx),
            ExprKind::NamedExpr { target, value } => {
                if !matches!(target.kind, ExprKind::Name { .. }) {
                    return Err(type_error("NamedExpr target must be a Name"));
                }
                self.expr(value, Load)
            }
        }
    }

    fn stmt(&self, s: &Stmt) -> PyResult<()> {
        positions(&s.loc)?;
        let _g = self.enter()?;
        use ExprContext::{Del, Load, Store};
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                let owner = if matches!(s.kind, StmtKind::FunctionDef(_)) {
                    "FunctionDef"
                } else {
                    "AsyncFunctionDef"
                };
                self.body(&f.body, owner)?;
                self.arguments(&f.args)?;
                self.exprs(&f.decorator_list, Load)?;
                self.opt(&f.returns)
            }
            StmtKind::ClassDef(c) => {
                self.body(&c.body, "ClassDef")?;
                self.exprs(&c.bases, Load)?;
                self.keywords(&c.keywords)?;
                self.exprs(&c.decorator_list, Load)
            }
            StmtKind::Return { value } => self.opt(value),
            StmtKind::Delete { targets } => {
                nonempty(targets, "targets", "Delete")?;
                self.exprs(targets, Del)
            }
            StmtKind::Assign { targets, value, .. } => {
                nonempty(targets, "targets", "Assign")?;
                self.exprs(targets, Store)?;
                self.expr(value, Load)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, Store)?;
                self.expr(value, Load)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if *simple != 0 && !matches!(target.kind, ExprKind::Name { .. }) {
                    return Err(type_error("AnnAssign with simple non-Name target"));
                }
                self.expr(target, Store)?;
                self.opt(value)?;
                self.expr(annotation, Load)
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(&f.target, Store)?;
                self.expr(&f.iter, Load)?;
                let owner = if matches!(s.kind, StmtKind::For(_)) {
                    "For"
                } else {
                    "AsyncFor"
                };
                self.body(&f.body, owner)?;
                self.stmts(&f.orelse)
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test, Load)?;
                self.body(body, "While")?;
                self.stmts(orelse)
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test, Load)?;
                self.body(body, "If")?;
                self.stmts(orelse)
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                let owner = if matches!(s.kind, StmtKind::With(_)) {
                    "With"
                } else {
                    "AsyncWith"
                };
                nonempty(&w.items, "items", owner)?;
                for it in &w.items {
                    self.expr(&it.context_expr, Load)?;
                    if let Some(v) = &it.optional_vars {
                        self.expr(v, Store)?;
                    }
                }
                self.body(&w.body, owner)
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject, Load)?;
                nonempty(cases, "cases", "Match")?;
                for c in cases {
                    self.pattern(&c.pattern, false)?;
                    self.opt(&c.guard)?;
                    self.body(&c.body, "match_case")?;
                }
                Ok(())
            }
            StmtKind::Raise { exc, cause } => match exc {
                Some(e) => {
                    self.expr(e, Load)?;
                    self.opt(cause)
                }
                None if cause.is_some() => Err(err("Raise with cause but no exception")),
                None => Ok(()),
            },
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                let owner = if matches!(s.kind, StmtKind::Try(_)) {
                    "Try"
                } else {
                    "TryStar"
                };
                self.body(&t.body, owner)?;
                if t.handlers.is_empty() && t.finalbody.is_empty() {
                    return Err(err(format!(
                        "{owner} has neither except handlers nor finalbody"
                    )));
                }
                if t.handlers.is_empty() && !t.orelse.is_empty() {
                    return Err(err(format!("{owner} has orelse but no except handlers")));
                }
                for h in &t.handlers {
                    if owner == "Try" {
                        positions(&h.loc)?;
                    }
                    self.opt(&h.type_)?;
                    self.body(&h.body, "ExceptHandler")?;
                }
                self.stmts(&t.finalbody)?;
                self.stmts(&t.orelse)
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test, Load)?;
                self.opt(msg)
            }
            StmtKind::Import { names } => nonempty(names, "names", "Import"),
            StmtKind::ImportFrom { names, .. } => nonempty(names, "names", "ImportFrom"),
            StmtKind::Global { names } => nonempty(names, "names", "Global"),
            StmtKind::Nonlocal { names } => nonempty(names, "names", "Nonlocal"),
            StmtKind::Expr { value } => self.expr(value, Load),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
        }
    }

    /// A literal pattern's value: numbers, strings, bytes, negated numbers,
    /// complex literals, attribute lookups (and f-strings, which the
    /// compiler rejects).
    fn match_value(&self, e: &Expr) -> PyResult<()> {
        self.expr(e, ExprContext::Load)?;
        let ok = match &e.kind {
            ExprKind::Constant { value, .. } => {
                if matches!(
                    value,
                    Constant::Int(_)
                        | Constant::Float(_)
                        | Constant::Complex { .. }
                        | Constant::Str(_)
                        | Constant::Bytes(_)
                ) {
                    return Ok(());
                }
                return Err(err("unexpected constant inside of a literal pattern"));
            }
            ExprKind::Attribute { .. } | ExprKind::JoinedStr { .. } => true,
            ExprKind::UnaryOp { .. } => literal_negative(e, true, true),
            ExprKind::BinOp { .. } => literal_complex(e),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(err(
                "patterns may only match literals and attribute lookups",
            ))
        }
    }

    fn patterns(&self, v: &[Pattern], star_ok: bool) -> PyResult<()> {
        v.iter().try_for_each(|p| self.pattern(p, star_ok))
    }

    fn pattern(&self, p: &Pattern, star_ok: bool) -> PyResult<()> {
        positions(&p.loc)?;
        let _g = self.enter()?;
        match &p.kind {
            PatternKind::MatchValue { value } => self.match_value(value),
            PatternKind::MatchSingleton { value } => match value {
                Constant::None | Constant::Bool(_) => Ok(()),
                _ => Err(err("MatchSingleton can only contain True, False and None")),
            },
            PatternKind::MatchSequence { patterns } => self.patterns(patterns, true),
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                if keys.len() != patterns.len() {
                    return Err(err(
                        "MatchMapping doesn't have the same number of keys as patterns",
                    ));
                }
                if let Some(r) = rest {
                    capture(r)?;
                }
                for k in keys {
                    if let ExprKind::Constant {
                        value: Constant::None | Constant::Bool(_),
                        ..
                    } = k.kind
                    {
                        continue;
                    }
                    self.match_value(k)?;
                }
                self.patterns(patterns, false)
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                if kwd_attrs.len() != kwd_patterns.len() {
                    return Err(err(
                        "MatchClass doesn't have the same number of keyword attributes as patterns",
                    ));
                }
                self.expr(cls, ExprContext::Load)?;
                let mut c: &Expr = cls;
                loop {
                    match &c.kind {
                        ExprKind::Name { .. } => break,
                        ExprKind::Attribute { value, .. } => c = value,
                        _ => {
                            return Err(err(
                                "MatchClass cls field can only contain Name or Attribute nodes.",
                            ));
                        }
                    }
                }
                kwd_attrs.iter().try_for_each(|a| name(a))?;
                self.patterns(patterns, false)?;
                self.patterns(kwd_patterns, false)
            }
            PatternKind::MatchStar { name } => {
                if !star_ok {
                    return Err(err("can't use MatchStar here"));
                }
                match name {
                    Some(n) => capture(n),
                    None => Ok(()),
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(n) = name {
                    capture(n)?;
                }
                match pattern {
                    None => Ok(()),
                    Some(_) if name.is_none() => Err(err(
                        "MatchAs must specify a target name if a pattern is given",
                    )),
                    Some(p) => self.pattern(p, false),
                }
            }
            PatternKind::MatchOr { patterns } => {
                if patterns.len() < 2 {
                    return Err(err("MatchOr requires at least 2 patterns"));
                }
                self.patterns(patterns, false)
            }
        }
    }
}

fn literal_number(e: &Expr, real: bool, imag: bool) -> bool {
    match &e.kind {
        ExprKind::Constant { value, .. } => match value {
            Constant::Int(_) | Constant::Float(_) => real,
            Constant::Complex { .. } => imag,
            _ => false,
        },
        _ => false,
    }
}

fn literal_negative(e: &Expr, real: bool, imag: bool) -> bool {
    match &e.kind {
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => literal_number(operand, real, imag),
        _ => false,
    }
}

fn literal_complex(e: &Expr) -> bool {
    let ExprKind::BinOp { left, op, right } = &e.kind else {
        return false;
    };
    if !matches!(op, Operator::Add | Operator::Sub) {
        return false;
    }
    let left_ok = match &left.kind {
        ExprKind::Constant { .. } => literal_number(left, true, false),
        ExprKind::UnaryOp { .. } => literal_negative(left, true, false),
        _ => false,
    };
    left_ok && literal_number(right, false, true)
}
