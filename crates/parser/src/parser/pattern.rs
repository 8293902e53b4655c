//! The `match` statement (PEP 634): the soft-keyword decision, case blocks
//! and the pattern grammar.

use super::expr::boxed;
use super::{PErr, PResult, Parser, Pos};
use crate::tokenize::TokKind as T;
use taipan_ast::*;

impl<'a> Parser<'a> {
    fn mkp(&self, kind: PatternKind, s: Pos) -> Pattern {
        Pattern {
            kind,
            loc: self.loc(s),
        }
    }

    /// `match` is a soft keyword: this is a match statement only if
    /// `match subject_expr ':' NEWLINE` parses.  Returns `None` (with the
    /// position restored) when it is not.
    pub fn try_match_stmt(
        &mut self,
        newline_after_subject: &mut Option<crate::tokenize::Token>,
    ) -> PResult<Option<Stmt>> {
        let s = self.start();
        let save = self.pos;
        let depth = self.depth;
        self.bump();
        let subject = (|| -> PResult<Expr> {
            let e = self.subject_expr()?;
            if !self.at(T::Colon) {
                return Err(self.invalid());
            }
            Ok(e)
        })();
        let subject = match subject {
            Ok(e) => e,
            Err(PErr::Syntax(_)) => {
                if self.at(T::Newline) {
                    *newline_after_subject = Some(self.tok());
                }
                self.pos = save;
                self.depth = depth;
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        self.bump();
        self.expect(T::Newline)?;
        if !self.eat(T::Indent) {
            let t = self.tok();
            return Err(PErr::Syntax(Box::new(super::SynErr {
                kind: SyntaxErrorKind::IndentationError,
                msg: format!(
                    "expected an indented block after 'match' statement on line {}",
                    s.lineno
                ),
                lineno: t.lineno,
                offset: t.col as i64 + 1,
                end_lineno: t.end_lineno,
                end_offset: t.end_col as i64 + 1,
                generic: false,
                text: None,
            })));
        }
        let mut cases = Vec::new();
        while self.at_soft("case") {
            cases.push(self.case_block()?);
        }
        if cases.is_empty() || !self.eat(T::Dedent) {
            return Err(self.invalid());
        }
        Ok(Some(Stmt {
            kind: StmtKind::Match {
                subject: boxed(subject),
                cases,
            },
            loc: self.loc(s),
        }))
    }

    fn subject_expr(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.star_named_expression()?;
        if self.at(T::Comma) {
            let mut elts = vec![first];
            while self.eat(T::Comma) {
                if self.at(T::Colon) {
                    break;
                }
                elts.push(self.star_named_expression()?);
            }
            return Ok(self.mk(
                ExprKind::Tuple {
                    elts,
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        if matches!(first.kind, ExprKind::Starred { .. }) {
            return Err(self.invalid());
        }
        Ok(first)
    }

    fn case_block(&mut self) -> PResult<MatchCase> {
        let kw = self.bump();
        let pattern = self.patterns()?;
        let guard = if self.eat(T::If) {
            Some(boxed(self.named_expression()?))
        } else {
            None
        };
        self.expect_colon()?;
        let body = self.case_body(kw.lineno)?;
        Ok(MatchCase {
            pattern,
            guard,
            body,
        })
    }

    fn case_body(&mut self, line: u32) -> PResult<Vec<Stmt>> {
        self.enter()?;
        let r = self.block("'case' statement", line);
        self.leave();
        r
    }

    /// `patterns: open_sequence_pattern | pattern`
    fn patterns(&mut self) -> PResult<Pattern> {
        let s = self.start();
        let first = self.maybe_star_pattern()?;
        if self.at(T::Comma) {
            let mut patterns = vec![first];
            while self.eat(T::Comma) {
                if self.at(T::Colon) || self.at(T::If) {
                    break;
                }
                patterns.push(self.maybe_star_pattern()?);
            }
            return Ok(self.mkp(PatternKind::MatchSequence { patterns }, s));
        }
        if matches!(first.kind, PatternKind::MatchStar { .. }) {
            return Ok(self.mkp(
                PatternKind::MatchSequence {
                    patterns: vec![first],
                },
                s,
            ));
        }
        Ok(first)
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at(T::Star) {
            let s = self.start();
            self.bump();
            let t = self.name_token()?;
            let n = self.ident(&t);
            let name = if n == "_" { None } else { Some(n) };
            return Ok(self.mkp(PatternKind::MatchStar { name }, s));
        }
        self.pattern()
    }

    /// `pattern: or_pattern ['as' NAME]`
    fn pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let r = self.pattern_inner();
        self.leave();
        r
    }

    fn pattern_inner(&mut self) -> PResult<Pattern> {
        let s = self.start();
        let p = self.or_pattern()?;
        if self.eat(T::As) {
            if !self.at(T::Name) {
                // invalid_as_pattern: `as` followed by a non-name expression.
                let (pos, depth) = (self.pos, self.depth);
                if let Ok(e) = self.expression() {
                    return Err(self.err_span(e.loc, "invalid pattern target"));
                }
                self.pos = pos;
                self.depth = depth;
                return Err(self.invalid());
            }
            let t = self.name_token()?;
            let n = self.ident(&t);
            if n == "_" {
                return Err(self.err_tok(&t, "cannot use '_' as a target"));
            }
            return Ok(self.mkp(
                PatternKind::MatchAs {
                    pattern: Some(Box::new(p)),
                    name: Some(n),
                },
                s,
            ));
        }
        Ok(p)
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let s = self.start();
        let first = self.closed_pattern()?;
        if !self.at(T::Vbar) {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(T::Vbar) {
            patterns.push(self.closed_pattern()?);
        }
        Ok(self.mkp(PatternKind::MatchOr { patterns }, s))
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let s = self.start();
        match self.kind() {
            T::None | T::True | T::False => {
                let t = self.bump();
                let value = match t.kind {
                    T::None => Constant::None,
                    T::True => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                Ok(self.mkp(PatternKind::MatchSingleton { value }, s))
            }
            T::Number | T::Minus | T::String => {
                let v = self.literal_expr()?;
                Ok(self.mkp(PatternKind::MatchValue { value: boxed(v) }, s))
            }
            T::Name => {
                let t = self.tok();
                let n = self.ident(&t);
                if !matches!(self.peek_kind(1), T::Dot | T::LPar | T::Equal) {
                    self.bump();
                    let name = if n == "_" { None } else { Some(n) };
                    return Ok(self.mkp(
                        PatternKind::MatchAs {
                            pattern: None,
                            name,
                        },
                        s,
                    ));
                }
                let cls = self.name_or_attr()?;
                if self.at(T::LPar) {
                    return self.class_pattern(cls, s);
                }
                if !matches!(cls.kind, ExprKind::Attribute { .. }) {
                    return Err(self.invalid());
                }
                Ok(self.mkp(PatternKind::MatchValue { value: boxed(cls) }, s))
            }
            T::LPar => {
                self.bump();
                if self.eat(T::RPar) {
                    return Ok(self.mkp(PatternKind::MatchSequence { patterns: vec![] }, s));
                }
                let first = self.maybe_star_pattern()?;
                if self.at(T::Comma) {
                    let mut patterns = vec![first];
                    while self.eat(T::Comma) {
                        if self.at(T::RPar) {
                            break;
                        }
                        patterns.push(self.maybe_star_pattern()?);
                    }
                    self.expect(T::RPar)?;
                    return Ok(self.mkp(PatternKind::MatchSequence { patterns }, s));
                }
                self.expect(T::RPar)?;
                if matches!(first.kind, PatternKind::MatchStar { .. }) {
                    return Ok(self.mkp(
                        PatternKind::MatchSequence {
                            patterns: vec![first],
                        },
                        s,
                    ));
                }
                Ok(first)
            }
            T::LSqb => {
                self.bump();
                let mut patterns = Vec::new();
                while !self.at(T::RSqb) {
                    patterns.push(self.maybe_star_pattern()?);
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                self.expect(T::RSqb)?;
                Ok(self.mkp(PatternKind::MatchSequence { patterns }, s))
            }
            T::LBrace => self.mapping_pattern(s),
            _ => Err(self.invalid()),
        }
    }

    /// `name_or_attr: NAME ('.' NAME)*`
    fn name_or_attr(&mut self) -> PResult<Expr> {
        let s = self.start();
        let t = self.name_token()?;
        let mut e = Expr {
            kind: ExprKind::Name {
                id: self.ident(&t),
                ctx: ExprContext::Load,
            },
            loc: Self::tok_loc(&t),
        };
        while self.eat(T::Dot) {
            let t = self.name_token()?;
            let attr = self.ident(&t);
            e = self.mk(
                ExprKind::Attribute {
                    value: boxed(e),
                    attr,
                    ctx: ExprContext::Load,
                },
                s,
            );
        }
        Ok(e)
    }

    /// Signed numbers, complex literals `a+bj`, strings (and f-strings, which
    /// the compiler rejects).
    fn literal_expr(&mut self) -> PResult<Expr> {
        let s = self.start();
        if self.at(T::String) {
            return self.strings();
        }
        let real = self.signed_number()?;
        if matches!(self.kind(), T::Plus | T::Minus) {
            let op = if self.bump().kind == T::Plus {
                Operator::Add
            } else {
                Operator::Sub
            };
            let ns = self.start();
            let t = self.expect(T::Number)?;
            let value = crate::numbers::parse_number(self.text(&t))
                .ok_or_else(|| self.err_tok(&t, "invalid number literal"))?;
            if !matches!(value, Constant::Complex { .. }) {
                return Err(self.err_tok(&t, "imaginary number required in complex literal"));
            }
            let imag = self.mk(ExprKind::Constant { value, kind: None }, ns);
            if !matches!(
                real.kind,
                ExprKind::Constant {
                    value: Constant::Int(_) | Constant::Float(_),
                    ..
                }
            ) && !matches!(&real.kind, ExprKind::UnaryOp { operand, .. } if matches!(operand.kind, ExprKind::Constant { value: Constant::Int(_) | Constant::Float(_), .. }))
            {
                return Err(self.err_span(real.loc, "real number required in complex literal"));
            }
            return Ok(self.mk(
                ExprKind::BinOp {
                    left: boxed(real),
                    op,
                    right: boxed(imag),
                },
                s,
            ));
        }
        Ok(real)
    }

    fn signed_number(&mut self) -> PResult<Expr> {
        let s = self.start();
        let neg = self.eat(T::Minus);
        let ns = self.start();
        let t = self.expect(T::Number)?;
        let value = crate::numbers::parse_number(self.text(&t))
            .ok_or_else(|| self.err_tok(&t, "invalid number literal"))?;
        let num = self.mk(ExprKind::Constant { value, kind: None }, ns);
        if neg {
            return Ok(self.mk(
                ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand: boxed(num),
                },
                s,
            ));
        }
        Ok(num)
    }

    fn mapping_pattern(&mut self, s: Pos) -> PResult<Pattern> {
        self.bump();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at(T::RBrace) {
            if self.eat(T::StarStar) {
                let t = self.name_token()?;
                if self.text(&t) == "_" {
                    return Err(self.err_tok(&t, "invalid syntax"));
                }
                rest = Some(self.ident(&t));
                self.eat(T::Comma);
                break;
            }
            let key = match self.kind() {
                T::None | T::True | T::False => {
                    let ks = self.start();
                    let t = self.bump();
                    let value = match t.kind {
                        T::None => Constant::None,
                        T::True => Constant::Bool(true),
                        _ => Constant::Bool(false),
                    };
                    self.mk(ExprKind::Constant { value, kind: None }, ks)
                }
                T::Name => {
                    let e = self.name_or_attr()?;
                    if !matches!(e.kind, ExprKind::Attribute { .. }) {
                        return Err(self.invalid());
                    }
                    e
                }
                _ => self.literal_expr()?,
            };
            self.expect(T::Colon)?;
            keys.push(key);
            patterns.push(self.pattern()?);
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.expect(T::RBrace)?;
        Ok(self.mkp(
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            },
            s,
        ))
    }

    fn class_pattern(&mut self, cls: Expr, s: Pos) -> PResult<Pattern> {
        self.bump();
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at(T::RPar) {
            if self.at(T::Name) && self.peek_kind(1) == T::Equal {
                let t = self.bump();
                self.bump();
                kwd_attrs.push(self.ident(&t));
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_attrs.is_empty() {
                    // Blame every positional pattern after the keywords.
                    let mut last = p.loc;
                    while self.at(T::Comma)
                        && !(self.peek_kind(1) == T::Name && self.peek_kind(2) == T::Equal)
                        && self.peek_kind(1) != T::RPar
                    {
                        self.bump();
                        match self.pattern() {
                            Ok(q) => last = q.loc,
                            Err(_) => break,
                        }
                    }
                    return Err(self.err_range(
                        p.loc,
                        last,
                        "positional patterns follow keyword patterns",
                    ));
                }
                patterns.push(p);
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.expect(T::RPar)?;
        Ok(self.mkp(
            PatternKind::MatchClass {
                cls: boxed(cls),
                patterns,
                kwd_attrs,
                kwd_patterns,
            },
            s,
        ))
    }
}
