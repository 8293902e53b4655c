//! Call arguments (`f(a, *b, k=c, **d)`, a lone generator argument) and
//! parameter lists of `def` and `lambda`, with CPython's ordering rules and
//! messages.

use super::expr::boxed;
use super::{PResult, Parser, Pos};
use crate::tokenize::TokKind as T;
use taipan_ast::*;

impl<'a> Parser<'a> {
    /// Parses `( [arguments] )` after `func`; the current token is `(`.
    pub fn call(&mut self, func: Expr, s: Pos) -> PResult<Expr> {
        let lpar = self.start();
        self.bump();
        let (args, keywords) = self.arguments(Some(lpar))?;
        let last = if self.at(T::RPar) {
            None
        } else {
            self.last_arg_expr(&args, &keywords)
        };
        self.expect_close(T::RPar, last.as_ref())?;
        Ok(self.mk(
            ExprKind::Call {
                func: boxed(func),
                args,
                keywords,
            },
            s,
        ))
    }

    /// Call arguments up to (not including) the closing parenthesis.
    /// `genexp_start` is the `(` position: a sole generator argument spans
    /// the call's parentheses, as in CPython.
    pub fn arguments(&mut self, genexp_start: Option<Pos>) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_kw_unpack = false;
        while !self.at(T::RPar) {
            let s = self.start();
            if self.at(T::Star) {
                let star = self.bump();
                let v = self.expression()?;
                let e = self.mk(
                    ExprKind::Starred {
                        value: boxed(v),
                        ctx: ExprContext::Load,
                    },
                    s,
                );
                if seen_kw_unpack {
                    return Err(self.err_tok(
                        &star,
                        "iterable argument unpacking follows keyword argument unpacking",
                    ));
                }
                args.push(e);
            } else if self.at(T::StarStar) {
                self.bump();
                let v = self.expression()?;
                seen_kw_unpack = true;
                keywords.push(Keyword {
                    arg: None,
                    value: v,
                    loc: self.loc(s),
                });
            } else if matches!(self.kind(), T::True | T::False | T::None)
                && self.peek_kind(1) == T::Equal
            {
                let t = self.bump();
                let eq = self.tok();
                let msg = format!("cannot assign to {}", self.text(&t));
                return Err(self.err_range(Self::tok_loc(&t), Self::tok_loc(&eq), msg));
            } else if self.at(T::Name) && self.peek_kind(1) == T::Equal {
                let t = self.bump();
                let eq = self.bump();
                let v = self.expression()?;
                if self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For) {
                    return Err(self.err_range(
                        Self::tok_loc(&t),
                        Self::tok_loc(&eq),
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    ));
                }
                keywords.push(Keyword {
                    arg: Some(self.ident(&t)),
                    value: v,
                    loc: self.loc(s),
                });
            } else {
                let e = self.named_expression()?;
                if self.at(T::Equal) {
                    let eq = self.tok();
                    return Err(self.err_range(
                        e.loc,
                        Self::tok_loc(&eq),
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                    ));
                }
                if self.at(T::For) || (self.at(T::Async) && self.peek_kind(1) == T::For) {
                    if genexp_start.is_none() {
                        return Err(self.invalid());
                    }
                    let generators = self.comp_for()?;
                    let only = args.is_empty() && keywords.is_empty() && self.at(T::RPar);
                    if only && let Some(gs) = genexp_start {
                        // Include the closing parenthesis in the span.
                        let close = self.tok();
                        let loc = Loc {
                            lineno: gs.lineno,
                            col_offset: gs.col,
                            end_lineno: close.end_lineno,
                            end_col_offset: close.end_col,
                        };
                        args.push(Expr {
                            kind: ExprKind::GeneratorExp {
                                elt: boxed(e),
                                generators,
                            },
                            loc,
                        });
                        continue;
                    }
                    let g = self.mk(
                        ExprKind::GeneratorExp {
                            elt: boxed(e),
                            generators,
                        },
                        s,
                    );
                    return Err(self.err_span(g.loc, "Generator expression must be parenthesized"));
                }
                if !keywords.is_empty() {
                    let msg = if seen_kw_unpack {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    let t = self.tok();
                    return Err(self.err_tok(&t, msg));
                }
                args.push(e);
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        Ok((args, keywords))
    }

    /// Parameters of `def` (up to `)`) or `lambda` (up to `:`).
    pub fn parameters(&mut self, is_lambda: bool) -> PResult<Arguments> {
        let close = if is_lambda { T::Colon } else { T::RPar };
        let mut a = Arguments::default();
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut seen_default = false;
        while !self.at(close) {
            if self.at(T::Slash) {
                let t = self.bump();
                if seen_slash {
                    return Err(self.err_tok(&t, "/ may appear only once"));
                }
                if seen_star {
                    return Err(self.err_tok(&t, "/ must be ahead of *"));
                }
                if a.args.is_empty() {
                    if self.at(T::Comma) {
                        return Err(self.err_tok(&t, "at least one argument must precede /"));
                    }
                    return Err(self.err_tok(&t, "invalid syntax"));
                }
                seen_slash = true;
                a.posonlyargs = std::mem::take(&mut a.args);
                if self.at(T::Star) {
                    let t = self.tok();
                    return Err(self.err_tok(&t, "expected comma between / and *"));
                }
            } else if self.at(T::Star) {
                let t = self.bump();
                if seen_star {
                    return Err(self.err_tok(&t, "* argument may appear only once"));
                }
                seen_star = true;
                if self.at(T::Comma) || self.at(close) {
                    // Bare `*`: keyword-only marker; needs a named argument after.
                    if self.at(close)
                        || matches!(self.peek_kind(1), k if k == close || k == T::StarStar)
                    {
                        if is_lambda {
                            // CPython reports this one at the token that follows.
                            let after = if self.at(T::Comma) {
                                self.peek_tok(1)
                            } else {
                                self.tok()
                            };
                            return Err(self.err_tok(&after, "named arguments must follow bare *"));
                        }
                        return Err(self.err_tok(&t, "named arguments must follow bare *"));
                    }
                } else {
                    let arg = self.param(is_lambda, true)?;
                    if self.at(T::Equal) {
                        let e = self.tok();
                        return Err(
                            self.err_tok(&e, "var-positional argument cannot have default value")
                        );
                    }
                    a.vararg = Some(Box::new(arg));
                }
            } else if self.at(T::StarStar) {
                self.bump();
                let arg = self.param(is_lambda, false)?;
                if self.at(T::Equal) {
                    let e = self.tok();
                    return Err(self.err_tok(&e, "var-keyword argument cannot have default value"));
                }
                a.kwarg = Some(Box::new(arg));
                self.eat(T::Comma);
                if !self.at(close) {
                    let t = self.tok();
                    return Err(self.err_tok(&t, "arguments cannot follow var-keyword argument"));
                }
                break;
            } else if self.at(T::LPar) {
                // `def f((a, b))`: Python 2 tuple parameters.
                let lp = self.tok();
                let mut i = 1;
                while self.peek_kind(i) == T::Name
                    && matches!(self.peek_kind(i + 1), T::Comma | T::RPar)
                {
                    i += if self.peek_kind(i + 1) == T::Comma {
                        2
                    } else {
                        1
                    };
                    if self.peek_kind(i) == T::RPar {
                        break;
                    }
                }
                if i > 1 && self.peek_kind(i) == T::RPar {
                    let rp = self.peek_tok(i);
                    let msg = if is_lambda {
                        "Lambda expression parameters cannot be parenthesized"
                    } else {
                        "Function parameters cannot be parenthesized"
                    };
                    return Err(self.err_range(Self::tok_loc(&lp), Self::tok_loc(&rp), msg));
                }
                return Err(self.invalid());
            } else {
                let arg = self.param(is_lambda, false)?;
                let default = if self.at(T::Equal) {
                    let eq = self.bump();
                    if self.at(T::Comma) || self.at(close) {
                        return Err(self.err_tok(&eq, "expected default value expression"));
                    }
                    Some(self.expression()?)
                } else {
                    None
                };
                if seen_star {
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None if seen_default => {
                            return Err(self.err_span(
                                arg.loc,
                                "non-default argument follows default argument",
                            ));
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        Ok(a)
    }

    /// The last argument parsed (for the missing-comma diagnostic).
    fn last_arg_expr(&self, args: &[Expr], keywords: &[Keyword]) -> Option<Expr> {
        let a = args.last();
        let k = keywords.last().map(|k| &k.value);
        match (a, k) {
            (Some(a), Some(k)) => Some(
                if (a.loc.lineno, a.loc.col_offset) > (k.loc.lineno, k.loc.col_offset) {
                    a.clone()
                } else {
                    k.clone()
                },
            ),
            (Some(a), None) => Some(a.clone()),
            (None, Some(k)) => Some(k.clone()),
            (None, None) => None,
        }
    }

    fn param(&mut self, is_lambda: bool, star: bool) -> PResult<Arg> {
        let s = self.start();
        let t = self.name_token()?;
        let arg = self.ident(&t);
        let annotation = if !is_lambda && self.eat(T::Colon) {
            if star && self.at(T::Star) {
                let ss = self.start();
                self.bump();
                let v = self.expression()?;
                Some(boxed(self.mk(
                    ExprKind::Starred {
                        value: boxed(v),
                        ctx: ExprContext::Load,
                    },
                    ss,
                )))
            } else {
                Some(boxed(self.expression()?))
            }
        } else {
            None
        };
        Ok(Arg {
            arg,
            annotation,
            type_comment: None,
            loc: self.loc(s),
        })
    }

    /// `lambdef: 'lambda' [lambda_params] ':' expression`
    pub fn lambdef(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        let args = self.parameters(true)?;
        self.expect(T::Colon)?;
        self.enter()?;
        let body = self.expression();
        self.leave();
        let body = body?;
        Ok(self.mk(
            ExprKind::Lambda {
                args: Box::new(args),
                body: boxed(body),
            },
            s,
        ))
    }
}
