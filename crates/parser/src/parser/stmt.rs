//! Statements: simple statements (assignments in all their forms, imports,
//! `del`, `return`, ...) and compound statements with their blocks, plus the
//! start rules for the four modes.

use super::expr::boxed;
use super::{PErr, PResult, Parser, Pos};
use crate::tokenize::TokKind as T;
use taipan_ast::*;

fn aug_op(k: T) -> Option<Operator> {
    Some(match k {
        T::PlusEq => Operator::Add,
        T::MinusEq => Operator::Sub,
        T::StarEq => Operator::Mult,
        T::AtEq => Operator::MatMult,
        T::SlashEq => Operator::Div,
        T::PercentEq => Operator::Mod,
        T::AmperEq => Operator::BitAnd,
        T::VbarEq => Operator::BitOr,
        T::CircumflexEq => Operator::BitXor,
        T::LShiftEq => Operator::LShift,
        T::RShiftEq => Operator::RShift,
        T::StarStarEq => Operator::Pow,
        T::SlashSlashEq => Operator::FloorDiv,
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    fn st(&self, kind: StmtKind, s: Pos) -> Stmt {
        Stmt {
            kind,
            loc: self.loc(s),
        }
    }

    /// `file: [statements] ENDMARKER`
    pub fn file(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        while !self.at(T::EndMarker) {
            self.statement(&mut body)?;
        }
        Ok(body)
    }

    /// `eval: expressions NEWLINE* ENDMARKER`
    pub fn eval_input(&mut self) -> PResult<Expr> {
        let e = self.expressions()?;
        while self.eat(T::Newline) {}
        if !self.at(T::EndMarker) {
            return Err(self.invalid());
        }
        Ok(e)
    }

    /// `interactive: statement_newline`
    pub fn interactive(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if self.at(T::Newline) || self.at(T::EndMarker) {
            return Ok(body);
        }
        let compound = !self.statement_kind_is_simple();
        self.statement(&mut body)?;
        while self.eat(T::Newline) {}
        if !self.at(T::EndMarker) {
            if compound {
                return Err(self.invalid());
            }
            // CPython's bad_single_statement: more code after the statement.
            let i = self.pos.saturating_sub(1);
            let t = self.toks.get(i).copied().unwrap_or_else(|| self.tok());
            return Err(self.err_tok(
                &t,
                "multiple statements found while compiling a single statement",
            ));
        }
        Ok(body)
    }

    /// Does the current statement start a simple (one-line) statement?
    fn statement_kind_is_simple(&self) -> bool {
        match self.kind() {
            T::Def | T::At | T::Class | T::If | T::While | T::For | T::Try | T::With => false,
            T::Async => !matches!(self.peek_kind(1), T::Def | T::For | T::With),
            T::Name if self.at_soft("match") => false,
            _ => true,
        }
    }

    /// `func_type: '(' [type_expressions] ')' '->' expression NEWLINE* ENDMARKER`
    pub fn func_type(&mut self) -> PResult<(Vec<Expr>, Expr)> {
        self.expect(T::LPar)?;
        let mut argtypes = Vec::new();
        while !self.at(T::RPar) {
            if self.eat(T::Star) || self.eat(T::StarStar) {
                // `*args` / `**kwargs` types are just expressions here.
            }
            argtypes.push(self.expression()?);
            if !self.eat(T::Comma) {
                break;
            }
            if self.at(T::RPar) {
                // No trailing comma in type_expressions.
                return Err(self.invalid());
            }
        }
        self.expect(T::RPar)?;
        self.expect(T::Arrow)?;
        let r = self.expression()?;
        while self.eat(T::Newline) {}
        if !self.at(T::EndMarker) {
            return Err(self.invalid());
        }
        Ok((argtypes, r))
    }

    /// One statement (a compound statement or a line of simple ones),
    /// appended to `out`.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let s = self.start();
        match self.kind() {
            T::Def | T::At | T::Class | T::If | T::While | T::For | T::Try | T::With => {
                let st = self.compound(s)?;
                out.push(st);
                Ok(())
            }
            T::Async if matches!(self.peek_kind(1), T::Def | T::For | T::With) => {
                let st = self.compound(s)?;
                out.push(st);
                Ok(())
            }
            T::Name if self.at_soft("match") => {
                let mut newline_after_subject = None;
                if let Some(st) = self.try_match_stmt(&mut newline_after_subject)? {
                    out.push(st);
                    return Ok(());
                }
                self.simple_stmts(out)
                    .map_err(|e| match newline_after_subject {
                        // invalid_match_stmt: `match subject NEWLINE`.
                        Some(t) if matches!(e, PErr::Syntax(_)) => self.err_tok(&t, "expected ':'"),
                        _ => e,
                    })
            }
            T::Indent | T::Dedent => Err(self.invalid()),
            T::Async => {
                // Not followed by def/for/with: CPython fails at the next token.
                self.bump();
                Err(self.invalid())
            }
            _ => self.simple_stmts(out),
        }
    }

    fn compound(&mut self, s: Pos) -> PResult<Stmt> {
        self.enter()?;
        let r = match self.kind() {
            T::Def => self.funcdef(s, Vec::new(), false),
            T::At => self.decorated(),
            T::Class => self.classdef(s, Vec::new()),
            T::If => self.if_stmt(),
            T::While => self.while_stmt(),
            T::For => self.for_stmt(s, false),
            T::Try => self.try_stmt(),
            T::With => self.with_stmt(s, false),
            T::Async => {
                self.bump();
                match self.kind() {
                    T::Def => self.funcdef(s, Vec::new(), true),
                    T::For => self.for_stmt(s, true),
                    _ => self.with_stmt(s, true),
                }
            }
            _ => Err(self.invalid()),
        };
        self.leave();
        r
    }

    /// `simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE`
    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let st = self.simple_stmt()?;
            out.push(st);
            if self.eat(T::Semi) {
                if self.at(T::Newline) {
                    break;
                }
                continue;
            }
            break;
        }
        if !self.eat(T::Newline) {
            return Err(self.invalid());
        }
        Ok(())
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let kind = match self.kind() {
            T::Pass => {
                self.bump();
                StmtKind::Pass
            }
            T::Break => {
                self.bump();
                StmtKind::Break
            }
            T::Continue => {
                self.bump();
                StmtKind::Continue
            }
            T::Return => {
                self.bump();
                let value = if self.starts_expression() || self.at(T::Star) {
                    Some(boxed(self.star_expressions()?))
                } else {
                    None
                };
                StmtKind::Return { value }
            }
            T::Raise => {
                self.bump();
                if self.starts_expression() {
                    let exc = self.expression()?;
                    let cause = if self.eat(T::From) {
                        Some(boxed(self.expression()?))
                    } else {
                        None
                    };
                    StmtKind::Raise {
                        exc: Some(boxed(exc)),
                        cause,
                    }
                } else {
                    StmtKind::Raise {
                        exc: None,
                        cause: None,
                    }
                }
            }
            T::Global | T::Nonlocal => {
                let is_global = self.at(T::Global);
                self.bump();
                let mut names = Vec::new();
                loop {
                    let t = self.name_token()?;
                    names.push(self.ident(&t));
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                if is_global {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            T::Del => {
                self.bump();
                let after_del = self.pos;
                let targets = match self.del_targets() {
                    Ok(t) if matches!(self.kind(), T::Semi | T::Newline) => t,
                    r => {
                        // invalid_del_stmt: `del` star_expressions with a bad target.
                        let first_err = r.err();
                        self.pos = after_del;
                        if let Ok(e) = self.star_expressions()
                            && let Some(bad) = super::target::invalid_target(&e, true)
                        {
                            return Err(self.err_span(
                                bad.loc,
                                format!("cannot delete {}", super::target::expr_name(bad)),
                            ));
                        }
                        return Err(first_err.unwrap_or_else(|| self.invalid()));
                    }
                };
                StmtKind::Delete { targets }
            }
            T::Assert => {
                self.bump();
                let test = self.expression()?;
                let msg = if self.eat(T::Comma) {
                    Some(boxed(self.expression()?))
                } else {
                    None
                };
                StmtKind::Assert {
                    test: boxed(test),
                    msg,
                }
            }
            T::Import => {
                self.bump();
                let mut names = Vec::new();
                loop {
                    let a = self.alias(true)?;
                    names.push(a);
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                StmtKind::Import { names }
            }
            T::From => return self.import_from(),
            _ => return self.expr_or_assign_stmt(),
        };
        Ok(self.st(kind, s))
    }

    /// `dotted_as_name` / `import_from_as_name`.
    fn alias(&mut self, dotted: bool) -> PResult<Alias> {
        let s = self.start();
        let t = self.name_token()?;
        let mut name = self.ident(&t);
        if dotted {
            while self.eat(T::Dot) {
                let t = self.name_token()?;
                name.push('.');
                name.push_str(&self.ident(&t));
            }
        }
        let asname = if self.eat(T::As) {
            let t = self.name_token()?;
            Some(self.ident(&t))
        } else {
            None
        };
        Ok(Alias {
            name,
            asname,
            loc: self.loc(s),
        })
    }

    fn import_from(&mut self) -> PResult<Stmt> {
        let s = self.start();
        self.bump();
        let mut level = 0u32;
        loop {
            match self.kind() {
                T::Dot => level += 1,
                T::Ellipsis => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if self.at(T::Name) {
            let t = self.bump();
            let mut m = self.ident(&t);
            while self.eat(T::Dot) {
                let t = self.name_token()?;
                m.push('.');
                m.push_str(&self.ident(&t));
            }
            Some(m)
        } else {
            if level == 0 {
                return Err(self.invalid());
            }
            None
        };
        self.expect(T::Import)?;
        let mut names = Vec::new();
        if self.at(T::Star) {
            let t = self.bump();
            names.push(Alias {
                name: "*".into(),
                asname: None,
                loc: Self::tok_loc(&t),
            });
        } else if self.eat(T::LPar) {
            loop {
                names.push(self.alias(false)?);
                if !self.eat(T::Comma) {
                    break;
                }
                if self.at(T::RPar) {
                    break;
                }
            }
            self.expect(T::RPar)?;
        } else {
            loop {
                names.push(self.alias(false)?);
                if !self.eat(T::Comma) {
                    break;
                }
                if self.at(T::Newline) {
                    break;
                }
            }
            if matches!(self.kind(), T::Newline)
                && self.toks.get(self.pos.wrapping_sub(1)).map(|t| t.kind) == Some(T::Comma)
            {
                let t = self.tok();
                return Err(self.err_tok(
                    &t,
                    "trailing comma not allowed without surrounding parentheses",
                ));
            }
        }
        Ok(self.st(
            StmtKind::ImportFrom {
                module,
                names,
                level,
            },
            s,
        ))
    }

    /// Expression statements and every kind of assignment.
    fn expr_or_assign_stmt(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let start_pos = self.pos;
        let first_is_paren = self.at(T::LPar);
        let first = if self.at(T::Yield) {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        match self.kind() {
            T::Equal => {
                // `first = ...`: CPython's invalid_named_expression looks at an
                // invalid first target before anything else.
                if super::target::invalid_target(&first, false).is_some() || is_yield(&first) {
                    let yield_in_parens = is_yield(&first) && first_is_paren;
                    if (self.eq_candidate(&first, start_pos) || yield_in_parens)
                        && self.eq_followed_by_bitwise_or()
                    {
                        return Err(self.err_span(
                            first.loc,
                            format!(
                                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                                super::target::expr_name(&first)
                            ),
                        ));
                    }
                }
                let mut targets = vec![first];
                if let Err(e) = self.check_target(targets.last_mut()) {
                    return Err(self.tuple_element_named_error(start_pos).unwrap_or(e));
                }
                let value;
                loop {
                    self.bump();
                    let e = if self.at(T::Yield) {
                        self.yield_expr()?
                    } else {
                        self.star_expressions()?
                    };
                    if self.at(T::Equal) {
                        targets.push(e);
                        if let Err(e) = self.check_target(targets.last_mut()) {
                            return Err(self.tuple_element_named_error(start_pos).unwrap_or(e));
                        }
                        continue;
                    }
                    value = e;
                    break;
                }
                Ok(self.st(
                    StmtKind::Assign {
                        targets,
                        value: boxed(value),
                        type_comment: None,
                    },
                    s,
                ))
            }
            T::Colon => {
                // Annotated assignment.
                let colon = self.tok();
                let mut target = first;
                match &target.kind {
                    ExprKind::Name { .. }
                    | ExprKind::Attribute { .. }
                    | ExprKind::Subscript { .. } => {}
                    ExprKind::Tuple { elts, .. } => {
                        // Unparenthesized: CPython points at the first element.
                        let loc = match elts.first() {
                            Some(f)
                                if (f.loc.lineno, f.loc.col_offset)
                                    == (target.loc.lineno, target.loc.col_offset) =>
                            {
                                f.loc
                            }
                            _ => target.loc,
                        };
                        return Err(
                            self.err_span(loc, "only single target (not tuple) can be annotated")
                        );
                    }
                    ExprKind::List { .. } => {
                        return Err(self.err_span(
                            target.loc,
                            "only single target (not list) can be annotated",
                        ));
                    }
                    _ => {
                        let _ = colon;
                        return Err(self.err_span(target.loc, "illegal target for annotation"));
                    }
                }
                self.bump();
                let annotation = self.expression()?;
                let value = if self.eat(T::Equal) {
                    Some(boxed(if self.at(T::Yield) {
                        self.yield_expr()?
                    } else {
                        self.star_expressions()?
                    }))
                } else {
                    None
                };
                let simple =
                    (matches!(target.kind, ExprKind::Name { .. }) && !first_is_paren) as u32;
                self.set_context(&mut target, ExprContext::Store)?;
                Ok(self.st(
                    StmtKind::AnnAssign {
                        target: boxed(target),
                        annotation: boxed(annotation),
                        value,
                        simple,
                    },
                    s,
                ))
            }
            k if aug_op(k).is_some() => {
                let op = aug_op(k).unwrap_or(Operator::Add);
                let mut target = first;
                if !matches!(
                    target.kind,
                    ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                ) {
                    return Err(self.err_span(
                        target.loc,
                        format!(
                            "'{}' is an illegal expression for augmented assignment",
                            super::target::expr_name(&target)
                        ),
                    ));
                }
                self.bump();
                let value = if self.at(T::Yield) {
                    self.yield_expr()?
                } else {
                    self.star_expressions()?
                };
                self.set_context(&mut target, ExprContext::Store)?;
                Ok(self.st(
                    StmtKind::AugAssign {
                        target: boxed(target),
                        op,
                        value: boxed(value),
                    },
                    s,
                ))
            }
            _ => {
                if !matches!(self.kind(), T::Newline | T::Semi) {
                    return Err(self.stmt_tail_error(&first));
                }
                Ok(self.st(
                    StmtKind::Expr {
                        value: boxed(first),
                    },
                    s,
                ))
            }
        }
    }

    /// Validates and relabels one assignment target as soon as its `=` is
    /// seen (so `x = 1 = 2 =` blames the literal, like CPython).
    fn check_target(&self, t: Option<&mut Expr>) -> PResult<()> {
        let Some(t) = t else { return Ok(()) };
        if is_yield(t) {
            return Err(self.err_span(t.loc, "assignment to yield expression not possible"));
        }
        self.set_context(t, ExprContext::Store)
    }

    /// CPython's invalid_assignment `a=star_named_expression ','
    /// star_named_expressions* ':'` alternative, reached when an assignment
    /// has an invalid target: parsing the later elements of a leading
    /// unparenthesized tuple as named expressions can hit
    /// invalid_named_expression (`a, b = c, d = f() = 1` blames `b = c`).
    #[cold]
    fn tuple_element_named_error(&mut self, start: usize) -> Option<PErr> {
        let (pos, depth) = (self.pos, self.depth);
        self.pos = start;
        let r = self.tuple_named_scan();
        self.pos = pos;
        self.depth = depth;
        r
    }

    fn tuple_named_scan(&mut self) -> Option<PErr> {
        self.star_named_expression().ok()?;
        if !self.eat(T::Comma) {
            return None;
        }
        loop {
            if self.at(T::Star) {
                self.star_named_expression().ok()?;
            } else {
                let el_start = self.pos;
                if let Ok(a) = self.bitwise_or()
                    && self.at(T::Equal)
                {
                    self.bump();
                    let b = self.bitwise_or().ok()?;
                    if matches!(self.kind(), T::Equal | T::ColonEq) {
                        return None;
                    }
                    if matches!(a.kind, ExprKind::Name { .. }) {
                        return Some(self.err_range(
                            a.loc,
                            b.loc,
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        ));
                    }
                    if self.eq_candidate(&a, el_start) {
                        return Some(self.err_span(
                            a.loc,
                            format!(
                                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                                super::target::expr_name(&a)
                            ),
                        ));
                    }
                    return None;
                }
                self.pos = el_start;
                self.named_expression().ok()?;
            }
            if !self.eat(T::Comma) || !(self.starts_expression() || self.at(T::Star)) {
                return None;
            }
        }
    }

    /// At `=`: does a `bitwise_or` follow that is not itself followed by
    /// `=` or `:=`?  (The `b='=' bitwise_or !('='|':=')` part of CPython's
    /// invalid_named_expression.)
    fn eq_followed_by_bitwise_or(&mut self) -> bool {
        let (pos, depth) = (self.pos, self.depth);
        self.bump();
        let ok = self.bitwise_or().is_ok() && !matches!(self.kind(), T::Equal | T::ColonEq);
        self.pos = pos;
        self.depth = depth;
        ok
    }

    /// The error for an expression statement followed by something
    /// unexpected (`print "x"`, `f(a b)` style mistakes).
    #[cold]
    fn stmt_tail_error(&self, first: &Expr) -> PErr {
        if let ExprKind::Name { id, .. } = &first.kind
            && (id == "print" || id == "exec")
            && self.starts_expression()
        {
            let msg = format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?");
            // The range ends at the end of the statement's last token.
            let mut end = self.tok();
            let mut i = self.pos;
            while let Some(t) = self.toks.get(i) {
                if matches!(t.kind, T::Newline | T::EndMarker | T::Semi) {
                    break;
                }
                end = *t;
                i += 1;
            }
            return self.err_range(first.loc, Self::tok_loc(&end), msg);
        }
        self.invalid()
    }

    /// `block: NEWLINE INDENT statements DEDENT | simple_stmts`
    pub(super) fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if self.eat(T::Newline) {
            if !self.eat(T::Indent) {
                let t = self.tok();
                return Err(PErr::Syntax(Box::new(super::SynErr {
                    kind: SyntaxErrorKind::IndentationError,
                    msg: format!("expected an indented block after {what} on line {line}"),
                    lineno: t.lineno,
                    offset: t.col as i64 + 1,
                    end_lineno: t.end_lineno,
                    end_offset: t.end_col as i64 + 1,
                    generic: false,
                    text: None,
                })));
            }
            while !self.at(T::Dedent) && !self.at(T::EndMarker) {
                self.statement(&mut body)?;
            }
            if !self.eat(T::Dedent) {
                // Only possible when the end of input implied no DEDENT.
                return Err(self.invalid());
            }
        } else {
            if matches!(self.kind(), T::EndMarker) {
                return Err(self.invalid());
            }
            self.simple_stmts(&mut body)?;
        }
        Ok(body)
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat(T::At) {
            // `'@' named_expression NEWLINE`, with the `=`-for-`==` hints.
            decorators.push(self.cond_expression()?);
            self.expect(T::Newline)?;
        }
        let s = self.start();
        match self.kind() {
            T::Def => self.funcdef(s, decorators, false),
            T::Async if self.peek_kind(1) == T::Def => {
                self.bump();
                self.funcdef(s, decorators, true)
            }
            T::Class => self.classdef(s, decorators),
            _ => Err(self.invalid()),
        }
    }

    fn funcdef(&mut self, s: Pos, decorator_list: Vec<Expr>, is_async: bool) -> PResult<Stmt> {
        let def = self.bump();
        let t = self.name_token()?;
        let name = self.ident(&t);
        if !self.at(T::LPar) {
            let t = self.tok();
            return Err(self.err_tok(&t, "expected '('"));
        }
        self.bump();
        let args = self.parameters(false)?;
        self.expect_close(T::RPar, None)?;
        let returns = if self.at(T::Arrow) {
            // `['->' expression] &&':'`: when the annotation does not parse,
            // the optional part is dropped and the forced ':' fails at '->'.
            let arrow = self.bump();
            match self.expression() {
                Ok(e) => Some(boxed(e)),
                Err(PErr::Syntax(se)) if se.generic => {
                    return Err(self.err_tok(&arrow, "expected ':'"));
                }
                Err(e) => return Err(e),
            }
        } else {
            None
        };
        self.expect_colon_forced()?;
        let what = "function definition".to_string();
        let body = self.block(&what, def.lineno)?;
        let f = FunctionDef {
            name,
            args: Box::new(args),
            body,
            decorator_list,
            returns,
            type_comment: None,
        };
        Ok(self.st(
            if is_async {
                StmtKind::AsyncFunctionDef(f)
            } else {
                StmtKind::FunctionDef(f)
            },
            s,
        ))
    }

    fn classdef(&mut self, s: Pos, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let kw = self.bump();
        let t = self.name_token()?;
        let name = self.ident(&t);
        let (bases, keywords) = if self.eat(T::LPar) {
            let r = self.arguments(None)?;
            self.expect_close(T::RPar, None)?;
            r
        } else {
            (Vec::new(), Vec::new())
        };
        self.expect_colon()?;
        let body = self.block("class definition", kw.lineno)?;
        Ok(self.st(
            StmtKind::ClassDef(ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            }),
            s,
        ))
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let kw = self.bump();
        let test = self.cond_expression()?;
        self.expect_colon()?;
        let what = if kw.kind == T::If {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let body = self.block(what, kw.lineno)?;
        let orelse = if self.at(T::Elif) {
            vec![self.if_stmt()?]
        } else if self.at(T::Else) {
            let e = self.bump();
            self.expect_colon_forced()?;
            self.block("'else' statement", e.lineno)?
        } else {
            Vec::new()
        };
        Ok(self.st(
            StmtKind::If {
                test: boxed(test),
                body,
                orelse,
            },
            s,
        ))
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let kw = self.bump();
        let test = self.cond_expression()?;
        self.expect_colon()?;
        let body = self.block("'while' statement", kw.lineno)?;
        let orelse = self.else_block()?;
        Ok(self.st(
            StmtKind::While {
                test: boxed(test),
                body,
                orelse,
            },
            s,
        ))
    }

    /// `named_expression` of an if/elif/while test, with CPython's
    /// `invalid_named_expression` diagnostics for `=` used as `==`.
    fn cond_expression(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let e = self.named_expression()?;
        if self.at(T::Equal) && self.eq_candidate(&e, start) {
            let (pos, depth) = (self.pos, self.depth);
            self.bump();
            let b = self.bitwise_or();
            let follow = self.kind();
            self.pos = pos;
            self.depth = depth;
            if let Ok(b) = b
                && !matches!(follow, T::Equal | T::ColonEq)
            {
                if matches!(e.kind, ExprKind::Name { .. }) {
                    return Err(self.err_range(
                        e.loc,
                        b.loc,
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    ));
                }
                return Err(self.err_span(
                    e.loc,
                    format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        super::target::expr_name(&e)
                    ),
                ));
            }
        }
        Ok(e)
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.at(T::Else) {
            let e = self.bump();
            self.expect_colon_forced()?;
            return self.block("'else' statement", e.lineno);
        }
        Ok(Vec::new())
    }

    fn for_stmt(&mut self, s: Pos, is_async: bool) -> PResult<Stmt> {
        let kw = self.bump();
        let target = self.star_targets()?;
        if !self.eat(T::In) {
            return Err(self.invalid());
        }
        let iter = self.star_expressions()?;
        self.expect_colon()?;
        let body = self.block("'for' statement", kw.lineno)?;
        let orelse = self.else_block()?;
        let f = For {
            target: boxed(target),
            iter: boxed(iter),
            body,
            orelse,
            type_comment: None,
        };
        Ok(self.st(
            if is_async {
                StmtKind::AsyncFor(f)
            } else {
                StmtKind::For(f)
            },
            s,
        ))
    }

    fn with_stmt(&mut self, s: Pos, is_async: bool) -> PResult<Stmt> {
        let kw = self.bump();
        let mut items = None;
        if self.at(T::LPar) {
            // Try `with ( item, ... ) :` first; fall back to an expression.
            let save = self.pos;
            let depth = self.depth;
            self.bump();
            let r = (|| -> PResult<Vec<WithItem>> {
                let mut v = Vec::new();
                loop {
                    v.push(self.with_item()?);
                    if !self.eat(T::Comma) {
                        break;
                    }
                    if self.at(T::RPar) {
                        break;
                    }
                }
                self.expect(T::RPar)?;
                if !self.at(T::Colon) {
                    return Err(self.invalid());
                }
                Ok(v)
            })();
            match r {
                Ok(v) => items = Some(v),
                Err(PErr::Syntax(_)) => {
                    self.pos = save;
                    self.depth = depth;
                }
                Err(e) => return Err(e),
            }
        }
        let items = match items {
            Some(v) => v,
            None => {
                let mut v = Vec::new();
                loop {
                    v.push(self.with_item()?);
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                v
            }
        };
        self.expect_colon()?;
        let body = self.block("'with' statement", kw.lineno)?;
        let w = With {
            items,
            body,
            type_comment: None,
        };
        Ok(self.st(
            if is_async {
                StmtKind::AsyncWith(w)
            } else {
                StmtKind::With(w)
            },
            s,
        ))
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat(T::As) {
            let mut t = self.with_target()?;
            self.set_context(&mut t, ExprContext::Store)?;
            Some(boxed(t))
        } else {
            None
        };
        Ok(WithItem {
            context_expr,
            optional_vars,
        })
    }

    /// `star_target` of a with item (a single target, possibly a
    /// parenthesized tuple).
    fn with_target(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            let s = self.start();
            self.bump();
            let v = self.with_target()?;
            return Ok(self.mk(
                ExprKind::Starred {
                    value: boxed(v),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        self.primary()
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let kw = self.bump();
        self.expect_colon_forced()?;
        let body = self.block("'try' statement", kw.lineno)?;
        let mut handlers = Vec::new();
        let mut star = None;
        while self.at(T::Except) {
            let hs = self.start();
            let ekw = self.bump();
            let star_tok = self.tok();
            let is_star = self.eat(T::Star);
            match star {
                None => star = Some(is_star),
                Some(prev) if prev != is_star => {
                    let msg = "cannot have both 'except' and 'except*' on the same 'try'";
                    if is_star {
                        return Err(self.err_range(
                            Self::tok_loc(&ekw),
                            Self::tok_loc(&star_tok),
                            msg,
                        ));
                    }
                    return Err(self.err_tok(&ekw, msg));
                }
                _ => {}
            }
            let (type_, name) = if self.at(T::Colon) || self.at(T::Newline) {
                let t = self.tok();
                if is_star {
                    return Err(self.err_tok(&t, "expected one or more exception types"));
                }
                if self.at(T::Newline) {
                    return Err(self.err_tok(&t, "expected ':'"));
                }
                (None, None)
            } else {
                let ts = self.start();
                let t = self.expression()?;
                if self.at(T::Comma) {
                    // `except A, B:` (Python 2 style) is an error in 3.x.
                    let mut elts = vec![t];
                    while self.eat(T::Comma) {
                        if self.at(T::Colon) || self.at(T::As) {
                            break;
                        }
                        elts.push(self.expression()?);
                    }
                    let tup = self.mk(
                        ExprKind::Tuple {
                            elts,
                            ctx: ExprContext::Load,
                        },
                        ts,
                    );
                    if self.eat(T::As) {
                        self.name_token()?;
                    }
                    if !self.at(T::Colon) {
                        return Err(self.invalid());
                    }
                    // RAISE_SYNTAX_ERROR_STARTING_FROM: ends where the tokenizer is.
                    let colon = self.tok();
                    let mut e =
                        self.err_span(tup.loc, "multiple exception types must be parenthesized");
                    if let PErr::Syntax(se) = &mut e {
                        se.end_lineno = colon.end_lineno;
                        se.end_offset = colon.end_col as i64;
                    }
                    return Err(e);
                }
                let name = if self.eat(T::As) {
                    let n = self.name_token()?;
                    Some(self.ident(&n))
                } else {
                    None
                };
                (Some(boxed(t)), name)
            };
            self.expect_colon()?;
            let what = if is_star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            let hbody = self.block(what, ekw.lineno)?;
            handlers.push(ExceptHandler {
                type_,
                name,
                body: hbody,
                loc: self.loc(hs),
            });
        }
        let orelse = if !handlers.is_empty() {
            self.else_block()?
        } else {
            Vec::new()
        };
        let finalbody = if self.at(T::Finally) {
            let f = self.bump();
            self.expect_colon_forced()?;
            self.block("'finally' statement", f.lineno)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            let mut i = self.pos;
            while i > 0
                && matches!(
                    self.toks.get(i - 1).map(|t| t.kind),
                    Some(T::Dedent | T::Indent)
                )
            {
                i -= 1;
            }
            let t = self
                .toks
                .get(i.saturating_sub(1))
                .copied()
                .unwrap_or_else(|| self.tok());
            let mut e = self.err_tok(&t, "expected 'except' or 'finally' block");
            if let PErr::Syntax(se) = &mut e {
                se.end_offset = -1;
            }
            return Err(e);
        }
        let t = Try {
            body,
            handlers,
            orelse,
            finalbody,
        };
        Ok(self.st(
            if star == Some(true) {
                StmtKind::TryStar(t)
            } else {
                StmtKind::Try(t)
            },
            s,
        ))
    }
}

fn is_yield(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. })
}

/// Could `e` be the `a=bitwise_or` of CPython's `invalid_named_expression`
/// (not a tuple/list/genexp display, not True/None/False, not a
/// lower-precedence expression)?
impl Parser<'_> {
    /// Would CPython's `invalid_named_expression` consider `e` (parsed from
    /// token `start`) for "cannot assign to X here. Maybe you meant '=='"?
    /// Its `bitwise_or` yields a comparison, boolean, conditional, lambda,
    /// named expression, `not`, `True`/`None`/`False` only when they are
    /// wrapped in parentheses; a parenthesized tuple or generator starts at
    /// its own parenthesis and stays excluded.
    fn eq_candidate(&self, e: &Expr, start: usize) -> bool {
        let wrapped = self.toks.get(start).is_some_and(|t| {
            t.kind == T::LPar && (e.loc.lineno, e.loc.col_offset) > (t.lineno, t.col)
        });
        wrapped || maybe_eq_candidate(e)
    }
}

fn maybe_eq_candidate(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Tuple { .. }
            | ExprKind::List { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::Starred { .. }
            | ExprKind::Yield { .. }
            | ExprKind::YieldFrom { .. }
            | ExprKind::Constant {
                value: Constant::Bool(_) | Constant::None,
                ..
            }
    ) && !matches!(
        e.kind,
        ExprKind::UnaryOp {
            op: UnaryOp::Not,
            ..
        }
    )
}
