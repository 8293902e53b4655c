//! Expressions, from `expression` down to atoms, as in CPython 3.11's
//! `Grammar/python.gram`.  Binary operators use precedence climbing; every
//! other level is one function.  Node locations come from the first token of
//! the rule (`Pos`) and the last consumed token (`Parser::loc`).

use super::{PErr, PResult, Parser, Pos};
use crate::tokenize::TokKind as T;
use taipan_ast::*;

/// The binary operator a token spells, with its precedence (higher binds
/// tighter).  Defined once for the whole precedence-climbing loop.
fn binop(k: T) -> Option<(Operator, u8)> {
    Some(match k {
        T::Vbar => (Operator::BitOr, 1),
        T::Circumflex => (Operator::BitXor, 2),
        T::Amper => (Operator::BitAnd, 3),
        T::LShift => (Operator::LShift, 4),
        T::RShift => (Operator::RShift, 4),
        T::Plus => (Operator::Add, 5),
        T::Minus => (Operator::Sub, 5),
        T::Star => (Operator::Mult, 6),
        T::Slash => (Operator::Div, 6),
        T::SlashSlash => (Operator::FloorDiv, 6),
        T::Percent => (Operator::Mod, 6),
        T::At => (Operator::MatMult, 6),
        _ => return None,
    })
}

pub fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl<'a> Parser<'a> {
    #[inline]
    pub fn mk(&self, kind: ExprKind, s: Pos) -> Expr {
        Expr {
            kind,
            loc: self.loc(s),
        }
    }

    /// `expressions: expression (',' expression)* [',']`
    pub fn expressions(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.expression()?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if !self.starts_expression() {
                break;
            }
            elts.push(self.expression()?);
        }
        Ok(self.mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    /// `star_expressions`: like `expressions` but elements may be `*x`.
    pub fn star_expressions(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.star_expression()?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if !self.starts_expression() && !self.at(T::Star) {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(self.mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    pub fn star_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            let s = self.start();
            self.bump();
            let v = self.bitwise_or()?;
            return Ok(self.mk(
                ExprKind::Starred {
                    value: boxed(v),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        self.expression()
    }

    pub fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            let s = self.start();
            self.bump();
            let v = self.bitwise_or()?;
            return Ok(self.mk(
                ExprKind::Starred {
                    value: boxed(v),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        self.named_expression()
    }

    /// Could the current token begin an expression?
    pub fn starts_expression(&self) -> bool {
        matches!(
            self.kind(),
            T::Name
                | T::Number
                | T::String
                | T::LPar
                | T::LSqb
                | T::LBrace
                | T::Minus
                | T::Plus
                | T::Tilde
                | T::Not
                | T::Await
                | T::Lambda
                | T::True
                | T::False
                | T::None
                | T::Ellipsis
        )
    }

    /// `named_expression: NAME ':=' expression | expression !':='`
    pub fn named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Name) && self.peek_kind(1) == T::ColonEq {
            let s = self.start();
            let t = self.bump();
            self.bump();
            let id = self.ident(&t);
            let target = Expr {
                kind: ExprKind::Name {
                    id,
                    ctx: ExprContext::Store,
                },
                loc: Self::tok_loc(&t),
            };
            let value = self.expression()?;
            return Ok(self.mk(
                ExprKind::NamedExpr {
                    target: boxed(target),
                    value: boxed(value),
                },
                s,
            ));
        }
        let e = self.expression()?;
        if self.at(T::ColonEq) {
            return Err(self.err_span(
                e.loc,
                format!(
                    "cannot use assignment expressions with {}",
                    super::target::expr_name(&e)
                ),
            ));
        }
        Ok(e)
    }

    pub fn expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.expression_inner();
        self.leave();
        r
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        if self.at(T::Lambda) {
            return self.lambdef();
        }
        let s = self.start();
        let body = self.disjunction()?;
        if self.at(T::If) {
            self.bump();
            let test = self.disjunction()?;
            if !self.eat(T::Else) {
                if self.at(T::Colon) {
                    return Err(self.invalid());
                }
                return Err(self.err_range(
                    body.loc,
                    test.loc,
                    "expected 'else' after 'if' expression",
                ));
            }
            let orelse = self.expression()?;
            return Ok(self.mk(
                ExprKind::IfExp {
                    test: boxed(test),
                    body: boxed(body),
                    orelse: boxed(orelse),
                },
                s,
            ));
        }
        Ok(body)
    }

    pub fn disjunction(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.conjunction()?;
        if !self.at(T::Or) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat(T::Or) {
            values.push(self.conjunction()?);
        }
        Ok(self.mk(
            ExprKind::BoolOp {
                op: BoolOp::Or,
                values,
            },
            s,
        ))
    }

    fn conjunction(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.inversion()?;
        if !self.at(T::And) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat(T::And) {
            values.push(self.inversion()?);
        }
        Ok(self.mk(
            ExprKind::BoolOp {
                op: BoolOp::And,
                values,
            },
            s,
        ))
    }

    fn inversion(&mut self) -> PResult<Expr> {
        if self.at(T::Not) {
            let s = self.start();
            self.bump();
            self.enter()?;
            let operand = self.inversion();
            self.leave();
            let operand = operand?;
            return Ok(self.mk(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: boxed(operand),
                },
                s,
            ));
        }
        self.comparison()
    }

    fn comp_op(&mut self) -> Option<CmpOp> {
        let op = match self.kind() {
            T::EqEq => CmpOp::Eq,
            T::NotEq => CmpOp::NotEq,
            T::Less => CmpOp::Lt,
            T::LessEq => CmpOp::LtE,
            T::Greater => CmpOp::Gt,
            T::GreaterEq => CmpOp::GtE,
            T::In => CmpOp::In,
            T::Not if self.peek_kind(1) == T::In => {
                self.bump();
                CmpOp::NotIn
            }
            T::Is if self.peek_kind(1) == T::Not => {
                self.bump();
                CmpOp::IsNot
            }
            T::Is => CmpOp::Is,
            _ => return None,
        };
        self.bump();
        Some(op)
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let s = self.start();
        let left = self.bitwise_or()?;
        let Some(op) = self.comp_op() else {
            return Ok(left);
        };
        let mut ops = vec![op];
        let mut comparators = vec![self.bitwise_or()?];
        while let Some(op) = self.comp_op() {
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        Ok(self.mk(
            ExprKind::Compare {
                left: boxed(left),
                ops,
                comparators,
            },
            s,
        ))
    }

    pub fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let s = self.start();
        let mut left = self.factor()?;
        let mut n = 0;
        while let Some((op, prec)) = binop(self.kind()) {
            if prec < min_prec {
                break;
            }
            self.bump();
            let right = if prec < 6 {
                self.binary(prec + 1)?
            } else {
                self.factor()?
            };
            self.chain(&mut n)?;
            left = self.mk(
                ExprKind::BinOp {
                    left: boxed(left),
                    op,
                    right: boxed(right),
                },
                s,
            );
        }
        self.depth -= n;
        Ok(left)
    }

    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.kind() {
            T::Plus => UnaryOp::UAdd,
            T::Minus => UnaryOp::USub,
            T::Tilde => UnaryOp::Invert,
            _ => return self.power(),
        };
        let s = self.start();
        self.bump();
        self.enter()?;
        let operand = self.factor();
        self.leave();
        let operand = operand?;
        Ok(self.mk(
            ExprKind::UnaryOp {
                op,
                operand: boxed(operand),
            },
            s,
        ))
    }

    fn power(&mut self) -> PResult<Expr> {
        let s = self.start();
        let left = if self.at(T::Await) {
            self.bump();
            self.enter()?;
            let v = self.primary();
            self.leave();
            let v = v?;
            self.mk(ExprKind::Await { value: boxed(v) }, s)
        } else {
            self.primary()?
        };
        if self.at(T::StarStar) {
            self.bump();
            self.enter()?;
            let right = self.factor();
            self.leave();
            let right = right?;
            return Ok(self.mk(
                ExprKind::BinOp {
                    left: boxed(left),
                    op: Operator::Pow,
                    right: boxed(right),
                },
                s,
            ));
        }
        Ok(left)
    }

    pub fn primary(&mut self) -> PResult<Expr> {
        let s = self.start();
        let mut e = self.atom()?;
        let mut n = 0;
        loop {
            match self.kind() {
                T::Dot => {
                    self.bump();
                    let t = self.name_token()?;
                    let attr = self.ident(&t);
                    self.chain(&mut n)?;
                    e = self.mk(
                        ExprKind::Attribute {
                            value: boxed(e),
                            attr,
                            ctx: ExprContext::Load,
                        },
                        s,
                    );
                }
                T::LPar => {
                    self.chain(&mut n)?;
                    e = self.call(e, s)?;
                }
                T::LSqb => {
                    self.bump();
                    let slice = self.slices()?;
                    self.expect_close(T::RSqb, Some(&slice))?;
                    self.chain(&mut n)?;
                    e = self.mk(
                        ExprKind::Subscript {
                            value: boxed(e),
                            slice: boxed(slice),
                            ctx: ExprContext::Load,
                        },
                        s,
                    );
                }
                _ => break,
            }
        }
        self.depth -= n;
        Ok(e)
    }

    /// `slices: slice !',' | ','.(slice | starred_expression)+ [',']`
    fn slices(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.slice_item()?;
        if !self.at(T::Comma) && !matches!(first.kind, ExprKind::Starred { .. }) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if self.at(T::RSqb) {
                break;
            }
            elts.push(self.slice_item()?);
        }
        Ok(self.mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    fn slice_item(&mut self) -> PResult<Expr> {
        let s = self.start();
        if self.at(T::Star) {
            self.bump();
            let v = self.expression()?;
            return Ok(self.mk(
                ExprKind::Starred {
                    value: boxed(v),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        let lower = if self.at(T::Colon) {
            None
        } else {
            Some(self.named_expression()?)
        };
        if !self.at(T::Colon) {
            return match lower {
                Some(e) => Ok(e),
                None => Err(self.invalid()),
            };
        }
        self.bump();
        let upper = if matches!(self.kind(), T::Colon | T::Comma | T::RSqb) {
            None
        } else {
            Some(self.expression()?)
        };
        let step = if self.eat(T::Colon) {
            if matches!(self.kind(), T::Comma | T::RSqb) {
                None
            } else {
                Some(self.expression()?)
            }
        } else {
            None
        };
        Ok(self.mk(
            ExprKind::Slice {
                lower: lower.map(boxed),
                upper: upper.map(boxed),
                step: step.map(boxed),
            },
            s,
        ))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = self.tok();
        let s = self.start();
        let kind = match t.kind {
            T::Name => {
                self.bump();
                ExprKind::Name {
                    id: self.ident(&t),
                    ctx: ExprContext::Load,
                }
            }
            T::True | T::False | T::None => {
                self.bump();
                let value = match t.kind {
                    T::True => Constant::Bool(true),
                    T::False => Constant::Bool(false),
                    _ => Constant::None,
                };
                ExprKind::Constant { value, kind: None }
            }
            T::Ellipsis => {
                self.bump();
                ExprKind::Constant {
                    value: Constant::Ellipsis,
                    kind: None,
                }
            }
            T::Number => {
                self.bump();
                let value = crate::numbers::parse_number(self.text(&t))
                    .ok_or_else(|| self.err_tok(&t, "invalid number literal"))?;
                ExprKind::Constant { value, kind: None }
            }
            T::String => return self.strings(),
            T::LPar => return self.paren_atom(),
            T::LSqb => return self.list_atom(),
            T::LBrace => return self.brace_atom(),
            _ => return Err(self.invalid()),
        };
        Ok(self.mk(kind, s))
    }

    fn paren_atom(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        if self.eat(T::RPar) {
            return Ok(self.mk(
                ExprKind::Tuple {
                    elts: vec![],
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        if self.at(T::StarStar) {
            let ss = self.bump();
            if self.expression().is_ok() && self.at(T::RPar) {
                return Err(self.err_tok(&ss, "cannot use double starred expression here"));
            }
            return Err(self.invalid());
        }
        if self.at(T::Yield) {
            let y = self.yield_expr()?;
            self.expect(T::RPar)?;
            return Ok(y);
        }
        let first = self.star_named_expression()?;
        if self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.err_span(
                    first.loc,
                    "iterable unpacking cannot be used in comprehension",
                ));
            }
            let generators = self.comp_for()?;
            self.expect(T::RPar)?;
            return Ok(self.mk(
                ExprKind::GeneratorExp {
                    elt: boxed(first),
                    generators,
                },
                s,
            ));
        }
        if self.at(T::Comma) {
            let mut elts = vec![first];
            while self.eat(T::Comma) {
                if self.at(T::RPar) {
                    break;
                }
                elts.push(self.star_named_expression()?);
            }
            self.expect_close(T::RPar, elts.last())?;
            return Ok(self.mk(
                ExprKind::Tuple {
                    elts,
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        if matches!(first.kind, ExprKind::Starred { .. }) && self.at(T::RPar) {
            return Err(self.err_span(first.loc, "cannot use starred expression here"));
        }
        self.expect_close(T::RPar, Some(&first))?;
        Ok(first)
    }

    /// Expects a closing bracket; a missing comma between two expressions
    /// gets CPython's "Perhaps you forgot a comma?".
    pub fn expect_close(&mut self, k: T, last: Option<&Expr>) -> PResult<()> {
        if self.eat(k) {
            return Ok(());
        }
        match last {
            Some(a) => Err(self.comma_error(a)),
            None => Err(self.invalid()),
        }
    }

    /// CPython's `invalid_expression`: inside brackets, an expression `a`
    /// directly followed by another expression `b` is a missing comma.
    #[cold]
    pub fn comma_error(&mut self, a: &Expr) -> PErr {
        let generic = self.invalid();
        if !self.starts_expression() || self.at(T::Not) {
            return generic;
        }
        match &a.kind {
            ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred { .. }
            | ExprKind::NamedExpr { .. } => {
                return generic;
            }
            ExprKind::Name { id, .. }
                if (self.at(T::String)
                    || id == "print"
                    || id == "exec"
                    || id == "match"
                    || id == "case"
                    || id == "_") =>
            {
                return generic;
            }
            _ => {}
        }
        let (pos, depth) = (self.pos, self.depth);
        let b = self.expression();
        self.pos = pos;
        self.depth = depth;
        match b {
            Ok(b) => self.err_range(a.loc, b.loc, "invalid syntax. Perhaps you forgot a comma?"),
            Err(_) => generic,
        }
    }

    fn list_atom(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        if self.eat(T::RSqb) {
            return Ok(self.mk(
                ExprKind::List {
                    elts: vec![],
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        let first = self.star_named_expression()?;
        if self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.err_span(
                    first.loc,
                    "iterable unpacking cannot be used in comprehension",
                ));
            }
            let generators = self.comp_for()?;
            self.expect(T::RSqb)?;
            return Ok(self.mk(
                ExprKind::ListComp {
                    elt: boxed(first),
                    generators,
                },
                s,
            ));
        }
        let mut elts = vec![first];
        while self.at(T::Comma) {
            let comma = self.bump();
            if self.at(T::RSqb) {
                break;
            }
            if self.at_comp_for() {
                return Err(self.comprehension_target_error(&elts, &comma));
            }
            elts.push(self.star_named_expression()?);
        }
        if elts.len() > 1 && self.at_comp_for() {
            let comma = self.tok();
            return Err(self.comprehension_target_error(&elts, &comma));
        }
        self.expect_close(T::RSqb, elts.last())?;
        Ok(self.mk(
            ExprKind::List {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    fn at_comp_for(&self) -> bool {
        self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For)
    }

    /// `[a, b for ...]`: CPython's "did you forget parentheses around the
    /// comprehension target?" (range to the last element, or to the comma).
    #[cold]
    fn comprehension_target_error(&self, elts: &[Expr], comma: &crate::tokenize::Token) -> PErr {
        let first = elts.first().map_or(Self::tok_loc(comma), |e| e.loc);
        let end = if elts.len() > 1 {
            elts.last().map_or(Self::tok_loc(comma), |e| e.loc)
        } else {
            Self::tok_loc(comma)
        };
        self.err_range(
            first,
            end,
            "did you forget parentheses around the comprehension target?",
        )
    }

    fn brace_atom(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        if self.eat(T::RBrace) {
            return Ok(self.mk(
                ExprKind::Dict {
                    keys: vec![],
                    values: vec![],
                },
                s,
            ));
        }
        if self.at(T::StarStar) {
            return self.dict_rest(s, None);
        }
        let first = self.star_named_expression()?;
        if self.at(T::Colon) && !matches!(first.kind, ExprKind::Starred { .. }) {
            return self.dict_rest(s, Some(first));
        }
        if self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.err_span(
                    first.loc,
                    "iterable unpacking cannot be used in comprehension",
                ));
            }
            let generators = self.comp_for()?;
            self.expect(T::RBrace)?;
            return Ok(self.mk(
                ExprKind::SetComp {
                    elt: boxed(first),
                    generators,
                },
                s,
            ));
        }
        let mut elts = vec![first];
        while self.at(T::Comma) {
            let comma = self.bump();
            if self.at(T::RBrace) {
                break;
            }
            if self.at_comp_for() {
                return Err(self.comprehension_target_error(&elts, &comma));
            }
            elts.push(self.star_named_expression()?);
        }
        if elts.len() > 1 && self.at_comp_for() {
            let comma = self.tok();
            return Err(self.comprehension_target_error(&elts, &comma));
        }
        self.expect_close(T::RBrace, elts.last())?;
        Ok(self.mk(ExprKind::Set { elts }, s))
    }

    /// The rest of a dict display or dict comprehension after `{` (and the
    /// first key, when it was already parsed).
    fn dict_rest(&mut self, s: Pos, first_key: Option<Expr>) -> PResult<Expr> {
        let mut keys = Vec::new();
        let mut values = Vec::new();
        let mut pending = first_key;
        loop {
            if let Some(k) = pending.take() {
                if !self.at(T::Colon) {
                    // invalid_kvpair: reported at the key's last character.
                    let mut e = self.err_span(k.loc, "':' expected after dictionary key");
                    if let PErr::Syntax(se) = &mut e {
                        se.lineno = k.loc.end_lineno;
                        se.offset = k.loc.end_col_offset as i64;
                        se.end_lineno = k.loc.end_lineno;
                        se.end_offset = 0;
                    }
                    return Err(e);
                }
                let colon = self.bump();
                if matches!(self.kind(), T::RBrace | T::Comma) {
                    return Err(
                        self.err_tok(&colon, "expression expected after dictionary key and ':'")
                    );
                }
                if self.at(T::Star) {
                    // STARTING_FROM the star, ending where the tokenizer is.
                    let star = self.bump();
                    let _ = self.bitwise_or();
                    let t = self.tok();
                    let mut e = self.err_tok(
                        &star,
                        "cannot use a starred expression in a dictionary value",
                    );
                    if let PErr::Syntax(se) = &mut e {
                        se.end_lineno = t.end_lineno;
                        se.end_offset = t.end_col as i64;
                    }
                    return Err(e);
                }
                let v = self.expression()?;
                if keys.is_empty()
                    && (self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For))
                {
                    let generators = self.comp_for()?;
                    self.expect(T::RBrace)?;
                    return Ok(self.mk(
                        ExprKind::DictComp {
                            key: boxed(k),
                            value: boxed(v),
                            generators,
                        },
                        s,
                    ));
                }
                keys.push(Some(k));
                values.push(v);
            } else if self.at(T::StarStar) {
                let star = self.bump();
                let v = self.bitwise_or()?;
                if self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For) {
                    return Err(
                        self.err_tok(&star, "dict unpacking cannot be used in dict comprehension")
                    );
                }
                keys.push(None);
                values.push(v);
            } else {
                let k = self.expression()?;
                pending = Some(k);
                continue;
            }
            if !self.eat(T::Comma) {
                break;
            }
            if self.at(T::RBrace) {
                break;
            }
        }
        self.expect_close(T::RBrace, values.last())?;
        Ok(self.mk(ExprKind::Dict { keys, values }, s))
    }

    /// `for_if_clauses`
    pub fn comp_for(&mut self) -> PResult<Vec<Comprehension>> {
        let mut out = Vec::new();
        loop {
            let is_async = if self.at(T::Async) && self.peek_kind(1) == T::For {
                self.bump();
                1
            } else {
                0
            };
            if !self.eat(T::For) {
                if is_async == 1 {
                    return Err(self.invalid());
                }
                break;
            }
            let target = self.star_targets()?;
            if !self.eat(T::In) {
                return Err(self.invalid());
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat(T::If) {
                ifs.push(self.disjunction()?);
            }
            out.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
            if !(self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For)) {
                break;
            }
        }
        Ok(out)
    }

    /// `yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]`
    pub fn yield_expr(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.expect(T::Yield)?;
        if self.eat(T::From) {
            let v = self.expression()?;
            return Ok(self.mk(ExprKind::YieldFrom { value: boxed(v) }, s));
        }
        let value = if self.starts_expression() || self.at(T::Star) {
            Some(boxed(self.star_expressions()?))
        } else {
            None
        };
        Ok(self.mk(ExprKind::Yield { value }, s))
    }
}
