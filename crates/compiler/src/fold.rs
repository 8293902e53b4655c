//! AST-level constant folding, CPython 3.11's `Python/ast_opt.c`.
//!
//! Runs on an owned copy of the tree before the symbol table is built:
//! literal arithmetic (`2 * 3`, `-1`, `"a" * 3`), tuples of constants,
//! constant subscripts, `__debug__`, `not (a in b)` -> `a not in b`, and
//! list/set literals used as `in` operands or `for` iterables (which become
//! tuples / frozensets).  CPython's size limits are kept so that `"x" * 10**9`
//! is left for run time.  An operation that would raise (division by zero,
//! overflow) is simply not folded.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use taipan_ast::*;
use taipan_common::Wtf8Buf;

use crate::error::{CompileResult, MAX_DEPTH, recursion_error};

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;
const MAX_TOTAL_ITEMS: usize = 1024;

pub struct Folder {
    pub optimize: u8,
    pub future_annotations: bool,
    depth: u32,
}

impl Folder {
    pub fn new(optimize: u8, future_annotations: bool) -> Folder {
        Folder {
            optimize,
            future_annotations,
            depth: 0,
        }
    }

    pub fn fold_mod(&mut self, m: &mut Mod) -> CompileResult<()> {
        match m {
            Mod::Module { body, .. } | Mod::Interactive { body } => self.stmts(body),
            Mod::Expression { body } => self.expr(body),
            Mod::FunctionType { argtypes, returns } => {
                for e in argtypes {
                    self.expr(e)?;
                }
                self.expr(returns)
            }
        }
    }

    fn stmts(&mut self, body: &mut [Stmt]) -> CompileResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn exprs(&mut self, v: &mut [Expr]) -> CompileResult<()> {
        for e in v {
            self.expr(e)?;
        }
        Ok(())
    }

    fn annotation(&mut self, e: &mut Expr) -> CompileResult<()> {
        if self.future_annotations {
            Ok(())
        } else {
            self.expr(e)
        }
    }

    fn arguments(&mut self, a: &mut Arguments) -> CompileResult<()> {
        for arg in a
            .posonlyargs
            .iter_mut()
            .chain(a.args.iter_mut())
            .chain(a.kwonlyargs.iter_mut())
        {
            if let Some(ann) = &mut arg.annotation {
                self.annotation(ann)?;
            }
        }
        for arg in [&mut a.vararg, &mut a.kwarg].into_iter().flatten() {
            if let Some(ann) = &mut arg.annotation {
                self.annotation(ann)?;
            }
        }
        for d in a.kw_defaults.iter_mut().flatten() {
            self.expr(d)?;
        }
        self.exprs(&mut a.defaults)
    }

    fn stmt(&mut self, s: &mut Stmt) -> CompileResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(recursion_error());
        }
        let r = self.stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &mut Stmt) -> CompileResult<()> {
        match &mut s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.arguments(&mut f.args)?;
                self.stmts(&mut f.body)?;
                self.exprs(&mut f.decorator_list)?;
                if let Some(r) = &mut f.returns {
                    self.annotation(r)?;
                }
            }
            StmtKind::ClassDef(c) => {
                self.exprs(&mut c.bases)?;
                for k in &mut c.keywords {
                    self.expr(&mut k.value)?;
                }
                self.stmts(&mut c.body)?;
                self.exprs(&mut c.decorator_list)?;
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(target)?;
                self.annotation(annotation)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(&mut f.target)?;
                self.expr(&mut f.iter)?;
                self.stmts(&mut f.body)?;
                self.stmts(&mut f.orelse)?;
                fold_iter(&mut f.iter);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                for item in &mut w.items {
                    self.expr(&mut item.context_expr)?;
                    if let Some(v) = &mut item.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.stmts(&mut w.body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for c in cases {
                    self.pattern(&mut c.pattern)?;
                    if let Some(g) = &mut c.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&mut c.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                for e in [exc, cause].into_iter().flatten() {
                    self.expr(e)?;
                }
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.stmts(&mut t.body)?;
                for h in &mut t.handlers {
                    if let Some(ty) = &mut h.type_ {
                        self.expr(ty)?;
                    }
                    self.stmts(&mut h.body)?;
                }
                self.stmts(&mut t.orelse)?;
                self.stmts(&mut t.finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Import { .. }
            | StmtKind::ImportFrom { .. }
            | StmtKind::Global { .. }
            | StmtKind::Nonlocal { .. }
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn pattern(&mut self, p: &mut Pattern) -> CompileResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(recursion_error());
        }
        match &mut p.kind {
            PatternKind::MatchValue { value } => self.expr(value)?,
            PatternKind::MatchSingleton { .. } | PatternKind::MatchStar { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                for q in patterns {
                    self.pattern(q)?;
                }
            }
            PatternKind::MatchMapping { keys, patterns, .. } => {
                self.exprs(keys)?;
                for q in patterns {
                    self.pattern(q)?;
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                for q in patterns.iter_mut().chain(kwd_patterns.iter_mut()) {
                    self.pattern(q)?;
                }
            }
            PatternKind::MatchAs { pattern, .. } => {
                if let Some(q) = pattern {
                    self.pattern(q)?;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn comprehensions(&mut self, gens: &mut [Comprehension]) -> CompileResult<()> {
        for g in gens {
            self.expr(&mut g.target)?;
            self.expr(&mut g.iter)?;
            self.exprs(&mut g.ifs)?;
            fold_iter(&mut g.iter);
        }
        Ok(())
    }

    pub fn expr(&mut self, e: &mut Expr) -> CompileResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(recursion_error());
        }
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &mut Expr) -> CompileResult<()> {
        let new: Option<Constant> = match &mut e.kind {
            ExprKind::BoolOp { values, .. } => {
                self.exprs(values)?;
                None
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(target)?;
                self.expr(value)?;
                None
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                if let (
                    Operator::Mod,
                    ExprKind::Constant {
                        value: Constant::Str(fmt),
                        ..
                    },
                    ExprKind::Tuple { elts, .. },
                ) = (*op, &left.kind, &mut right.kind)
                {
                    if !elts
                        .iter()
                        .any(|x| matches!(x.kind, ExprKind::Starred { .. }))
                        && let Some(values) = optimize_format(fmt, elts)
                    {
                        e.kind = ExprKind::JoinedStr { values };
                    }
                    return Ok(());
                }
                match (&left.kind, &right.kind) {
                    (ExprKind::Constant { value: l, .. }, ExprKind::Constant { value: r, .. }) => {
                        fold_binop(l, *op, r)
                    }
                    _ => None,
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                if *op == UnaryOp::Not
                    && let ExprKind::Compare { ops, .. } = &mut operand.kind
                    && ops.len() == 1
                {
                    let neg = match ops[0] {
                        CmpOp::Is => Some(CmpOp::IsNot),
                        CmpOp::IsNot => Some(CmpOp::Is),
                        CmpOp::In => Some(CmpOp::NotIn),
                        CmpOp::NotIn => Some(CmpOp::In),
                        _ => None,
                    };
                    if let Some(n) = neg {
                        ops[0] = n;
                        let inner = std::mem::replace(
                            &mut operand.kind,
                            ExprKind::Constant {
                                value: Constant::None,
                                kind: None,
                            },
                        );
                        e.loc = operand.loc;
                        e.kind = inner;

                        return Ok(());
                    }
                }
                match &operand.kind {
                    ExprKind::Constant { value, .. } => fold_unary(*op, value),
                    _ => None,
                }
            }
            ExprKind::Lambda { args, body } => {
                self.arguments(args)?;
                self.expr(body)?;
                None
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
                None
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
                None
            }
            ExprKind::Set { elts } => {
                self.exprs(elts)?;
                None
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt)?;
                self.comprehensions(generators)?;
                None
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.expr(key)?;
                self.expr(value)?;
                self.comprehensions(generators)?;
                None
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => {
                self.expr(value)?;
                None
            }
            ExprKind::Yield { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                None
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
                if let (Some(op), Some(last)) = (ops.last(), comparators.last_mut())
                    && matches!(op, CmpOp::In | CmpOp::NotIn)
                {
                    fold_iter(last);
                }
                None
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&mut k.value)?;
                }
                None
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                if let Some(f) = format_spec {
                    self.expr(f)?;
                }
                None
            }
            ExprKind::JoinedStr { values } => {
                self.exprs(values)?;
                None
            }
            ExprKind::Constant { .. } => None,
            ExprKind::Attribute { value, .. } => {
                self.expr(value)?;
                None
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.expr(value)?;
                self.expr(slice)?;
                match (&value.kind, &slice.kind, ctx) {
                    (
                        ExprKind::Constant { value: v, .. },
                        ExprKind::Constant { value: i, .. },
                        ExprContext::Load,
                    ) => fold_subscript(v, i),
                    _ => None,
                }
            }
            ExprKind::Starred { value, .. } => {
                self.expr(value)?;
                None
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                }
                None
            }
            ExprKind::Name { id, ctx } => {
                if *ctx == ExprContext::Load && id == "__debug__" {
                    Some(Constant::Bool(self.optimize == 0))
                } else {
                    None
                }
            }
            ExprKind::List { elts, .. } => {
                self.exprs(elts)?;
                None
            }
            ExprKind::Tuple { elts, ctx } => {
                self.exprs(elts)?;
                if *ctx == ExprContext::Load {
                    const_tuple(elts).map(Constant::Tuple)
                } else {
                    None
                }
            }
        };
        if let Some(c) = new {
            e.kind = ExprKind::Constant {
                value: c,
                kind: None,
            };
        }
        Ok(())
    }
}

/// 3.11's `optimize_format`: `"%s, %r" % (a, b)` becomes `f"{a!s}, {b!r}"`
/// when every conversion is a simple `%s`/`%r`/`%a` (with optional width
/// and precision) and the counts match.  Takes the tuple's items on success.
fn optimize_format(fmt: &Wtf8Buf, elts: &mut Vec<Expr>) -> Option<Vec<Expr>> {
    let cps: Vec<u32> = fmt.code_points().collect();
    let mut pos = 0;
    let mut parts: Vec<Result<Wtf8Buf, (u32, Option<String>)>> = Vec::new();
    let mut cnt = 0;
    loop {
        // Literal run, with %% collapsed.
        let mut lit = Wtf8Buf::new();
        let start = pos;
        while pos < cps.len() {
            if cps[pos] != '%' as u32 {
                lit.push_code_point(cps[pos]);
                pos += 1;
            } else if pos + 1 < cps.len() && cps[pos + 1] == '%' as u32 {
                lit.push_char('%');
                pos += 2;
            } else {
                break;
            }
        }
        if pos > start {
            parts.push(Ok(lit));
        }
        if pos >= cps.len() {
            break;
        }
        if cnt >= elts.len() {
            return None;
        }
        pos += 1; // '%'
        let spec = parse_simple_format(&cps, &mut pos)?;
        cnt += 1;
        parts.push(Err(spec));
    }
    if cnt < elts.len() {
        return None;
    }
    let mut items = std::mem::take(elts).into_iter();
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        match p {
            Ok(s) => out.push(Expr {
                kind: ExprKind::Constant {
                    value: Constant::Str(s),
                    kind: None,
                },
                loc: Loc::default(),
            }),
            Err((conv, spec)) => {
                let arg = items.next()?;
                let loc = arg.loc;
                let format_spec = spec.map(|s| {
                    Box::new(Expr {
                        kind: ExprKind::Constant {
                            value: Constant::Str(Wtf8Buf::from_str(&s)),
                            kind: None,
                        },
                        loc: Loc::default(),
                    })
                });
                out.push(Expr {
                    kind: ExprKind::FormattedValue {
                        value: Box::new(arg),
                        conversion: conv as i32,
                        format_spec,
                    },
                    loc,
                });
            }
        }
    }
    Some(out)
}

/// Parses flags/width/precision/conversion after a `%`; returns the
/// conversion character and the equivalent format spec.
fn parse_simple_format(cps: &[u32], pos: &mut usize) -> Option<(u32, Option<String>)> {
    const MAXDIGITS: u32 = 3;
    let mut p = *pos;
    let mut next = || -> Option<u32> {
        let c = *cps.get(p)?;
        p += 1;
        Some(c)
    };
    let mut ljust = false;
    let mut ch;
    loop {
        ch = next()?;
        match char::from_u32(ch) {
            Some('-') => ljust = true,
            Some('+' | ' ' | '#' | '0') => {}
            _ => break,
        }
    }
    let digit = |c: u32| (('0' as u32)..=('9' as u32)).contains(&c);
    let mut width: i64 = -1;
    if digit(ch) {
        width = 0;
        let mut digits = 0;
        while digit(ch) {
            width = width * 10 + (ch - '0' as u32) as i64;
            ch = next()?;
            digits += 1;
            if digits >= MAXDIGITS {
                return None;
            }
        }
    }
    let mut prec: i64 = -1;
    if ch == '.' as u32 {
        ch = next()?;
        prec = 0;
        let mut digits = 0;
        while digit(ch) {
            prec = prec * 10 + (ch - '0' as u32) as i64;
            ch = next()?;
            digits += 1;
            if digits >= MAXDIGITS {
                return None;
            }
        }
    }
    // Only the flags CPython's fast path understands change nothing else.
    let conv = char::from_u32(ch)?;
    if !matches!(conv, 's' | 'r' | 'a') {
        return None;
    }
    *pos = p;
    let mut spec = String::new();
    if !ljust && width > 0 {
        spec.push('>');
    }
    if width >= 0 {
        spec.push_str(&width.to_string());
    }
    if prec >= 0 {
        spec.push_str(&format!(".{}", prec));
    }
    Some((ch, if spec.is_empty() { None } else { Some(spec) }))
}

fn const_tuple(elts: &[Expr]) -> Option<Vec<Constant>> {
    let mut out = Vec::with_capacity(elts.len());
    for e in elts {
        match &e.kind {
            ExprKind::Constant { value, .. } => out.push(value.clone()),
            _ => return None,
        }
    }
    Some(out)
}

/// `for x in [a, b]` / `x in [a, b]`: a list becomes a tuple, a constant
/// list a constant tuple, a constant set a frozenset.
fn fold_iter(e: &mut Expr) {
    match &mut e.kind {
        ExprKind::List { elts, ctx } => {
            if elts
                .iter()
                .any(|x| matches!(x.kind, ExprKind::Starred { .. }))
            {
                return;
            }
            if let Some(t) = const_tuple(elts) {
                e.kind = ExprKind::Constant {
                    value: Constant::Tuple(t),
                    kind: None,
                };
            } else {
                let elts = std::mem::take(elts);
                let ctx = *ctx;
                e.kind = ExprKind::Tuple { elts, ctx };
            }
        }
        ExprKind::Set { elts } => {
            if let Some(t) = const_tuple(elts) {
                e.kind = ExprKind::Constant {
                    value: Constant::FrozenSet(dedup_set(t)),
                    kind: None,
                };
            }
        }
        _ => {}
    }
}

/// Removes duplicates (by Python equality of constants) keeping the first.
pub fn dedup_set(items: Vec<Constant>) -> Vec<Constant> {
    let mut out: Vec<Constant> = Vec::with_capacity(items.len());
    for it in items {
        if !out.iter().any(|o| const_py_eq(o, &it)) {
            out.push(it);
        }
    }
    out
}

/// Python `==` between two constants, as far as a set/dict key would see it.
pub fn const_py_eq(a: &Constant, b: &Constant) -> bool {
    use Constant::*;
    match (num_value(a), num_value(b)) {
        (Some(x), Some(y)) => return x == y,
        (Option::None, Option::None) => {}
        _ => return false,
    }
    match (a, b) {
        (None, None) | (Ellipsis, Ellipsis) => true,
        (Str(x), Str(y)) => x == y,
        (Bytes(x), Bytes(y)) => x == y,
        (Tuple(x), Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| const_py_eq(p, q))
        }
        (FrozenSet(x), FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| const_py_eq(p, q)))
        }
        _ => false,
    }
}

#[derive(PartialEq)]
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn num_value(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(BigInt::from(*b as u8))),
        Constant::Int(i) => Some(Num::Int(i.clone())),
        Constant::Float(f) => {
            // Normalise integral floats so 1 == 1.0.
            if f.fract() == 0.0 && f.abs() < 1e300 {
                return Some(Num::Int(float_to_bigint(*f)));
            }
            Some(Num::Float(*f))
        }
        Constant::Complex { real, imag } => {
            if *imag == 0.0 {
                num_value(&Constant::Float(*real))
            } else {
                Some(Num::Complex(*real, *imag))
            }
        }
        _ => None,
    }
}

fn float_to_bigint(f: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(f).unwrap_or_default()
}

fn as_int(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Int(i) => Some(i.clone()),
        Constant::Bool(b) => Some(BigInt::from(*b as u8)),
        _ => None,
    }
}

fn int_to_f64(i: &BigInt) -> Option<f64> {
    let f = i.to_f64()?;
    if f.is_finite() { Some(f) } else { None }
}

fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        _ => int_to_f64(&as_int(c)?),
    }
}

fn as_complex(c: &Constant) -> Option<(f64, f64)> {
    match c {
        Constant::Complex { real, imag } => Some((*real, *imag)),
        _ => Some((as_float(c)?, 0.0)),
    }
}

fn nbits(i: &BigInt) -> u64 {
    i.bits()
}

/// Python truthiness of a constant.
pub fn truthy(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Ellipsis => true,
        Constant::Int(i) => !i.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
    }
}

fn fold_unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    match op {
        UnaryOp::Not => Some(Constant::Bool(!truthy(v))),
        UnaryOp::USub => match v {
            Constant::Float(f) => Some(Constant::Float(-f)),
            Constant::Complex { real, imag } => Some(Constant::Complex {
                real: -real,
                imag: -imag,
            }),
            _ => Some(Constant::Int(-as_int(v)?)),
        },
        UnaryOp::UAdd => match v {
            Constant::Float(_) | Constant::Complex { .. } => Some(v.clone()),
            _ => Some(Constant::Int(as_int(v)?)),
        },
        UnaryOp::Invert => Some(Constant::Int(!as_int(v)?)),
    }
}

fn check_complexity(items: &[Constant], mut limit: isize) -> isize {
    for it in items {
        if let Constant::Tuple(t) | Constant::FrozenSet(t) = it {
            limit -= t.len() as isize;
            limit = check_complexity(t, limit);
            if limit < 0 {
                return limit;
            }
        }
    }
    limit
}

fn is_int(c: &Constant) -> bool {
    matches!(c, Constant::Int(_) | Constant::Bool(_))
}

fn seq_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str(s) => Some(s.char_len()),
        Constant::Bytes(b) => Some(b.len()),
        Constant::Tuple(t) | Constant::FrozenSet(t) => Some(t.len()),
        _ => None,
    }
}

fn repeat(seq: &Constant, n: &BigInt) -> Option<Constant> {
    let size = seq_len(seq)?;
    let n = n.to_i64()?;
    if size > 0 {
        let limit = match seq {
            Constant::Str(_) | Constant::Bytes(_) => MAX_STR_SIZE,
            _ => MAX_COLLECTION_SIZE,
        };
        if n < 0 || n as u64 > (limit / size) as u64 {
            return None;
        }
        if let Constant::Tuple(t) = seq
            && n > 0
            && check_complexity(t, (MAX_TOTAL_ITEMS as i64 / n) as isize) < 0
        {
            return None;
        }
    }
    let n = n.max(0) as usize;
    Some(match seq {
        Constant::Str(s) => {
            let mut out = Wtf8Buf::new();
            for _ in 0..n {
                out.push_wtf8(s);
            }
            Constant::Str(out)
        }
        Constant::Bytes(b) => Constant::Bytes(b.repeat(n)),
        Constant::Tuple(t) => Constant::Tuple((0..n).flat_map(|_| t.iter().cloned()).collect()),
        _ => return None,
    })
}

fn py_floor_div_mod(a: &BigInt, b: &BigInt) -> Option<(BigInt, BigInt)> {
    use num_integer::Integer;
    if b.is_zero() {
        return None;
    }
    Some(a.div_mod_floor(b))
}

fn float_divmod(vx: f64, wx: f64) -> Option<(f64, f64)> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    Some((floordiv, m))
}

fn finite(f: f64) -> Option<Constant> {
    if f.is_finite() {
        Some(Constant::Float(f))
    } else {
        None
    }
}

fn fold_binop(l: &Constant, op: Operator, r: &Constant) -> Option<Constant> {
    use Constant as C;
    // Sequences first.
    match (op, l, r) {
        (Operator::Add, C::Str(a), C::Str(b)) => {
            let mut s = a.clone();
            s.push_wtf8(b);
            return Some(C::Str(s));
        }
        (Operator::Add, C::Bytes(a), C::Bytes(b)) => {
            let mut s = a.clone();
            s.extend_from_slice(b);
            return Some(C::Bytes(s));
        }
        (Operator::Add, C::Tuple(a), C::Tuple(b)) => {
            let mut s = a.clone();
            s.extend(b.iter().cloned());
            return Some(C::Tuple(s));
        }
        (Operator::Mult, _, _) if is_int(l) && seq_len(r).is_some() => {
            return repeat(r, &as_int(l)?);
        }
        (Operator::Mult, _, _) if is_int(r) && seq_len(l).is_some() => {
            return repeat(l, &as_int(r)?);
        }
        _ => {}
    }
    if seq_len(l).is_some() || seq_len(r).is_some() {
        return None;
    }
    if matches!(l, C::None | C::Ellipsis) || matches!(r, C::None | C::Ellipsis) {
        return None;
    }
    // bool & | ^ bool stays a bool (`True & False` is `False`, not `0`).
    if let (C::Bool(a), C::Bool(b)) = (l, r) {
        match op {
            Operator::BitAnd => return Some(C::Bool(*a & *b)),
            Operator::BitOr => return Some(C::Bool(*a | *b)),
            Operator::BitXor => return Some(C::Bool(*a ^ *b)),
            _ => {}
        }
    }
    if let (Some(a), Some(b)) = (as_int(l), as_int(r)) {
        return fold_int(&a, op, &b);
    }
    if matches!(l, C::Complex { .. }) || matches!(r, C::Complex { .. }) {
        let (ar, ai) = as_complex(l)?;
        let (br, bi) = as_complex(r)?;
        let (re, im) = match op {
            Operator::Add => (ar + br, ai + bi),
            Operator::Sub => (ar - br, ai - bi),
            Operator::Mult => (ar * br - ai * bi, ar * bi + ai * br),
            Operator::Div => complex_div(ar, ai, br, bi)?,
            _ => return None,
        };
        return Some(C::Complex { real: re, imag: im });
    }
    let a = as_float(l)?;
    let b = as_float(r)?;
    match op {
        // Float +, -, * overflow to inf silently in Python.
        Operator::Add => Some(C::Float(a + b)),
        Operator::Sub => Some(C::Float(a - b)),
        Operator::Mult => Some(C::Float(a * b)),

        Operator::Div => {
            if b == 0.0 {
                None
            } else {
                finite(a / b)
            }
        }
        Operator::FloorDiv => finite(float_divmod(a, b)?.0),
        Operator::Mod => finite(float_divmod(a, b)?.1),
        Operator::Pow => float_pow(a, b),
        _ => None,
    }
}

fn complex_div(ar: f64, ai: f64, br: f64, bi: f64) -> Option<(f64, f64)> {
    let abs_br = br.abs();
    let abs_bi = bi.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = bi / br;
        let denom = br + bi * ratio;
        Some(((ar + ai * ratio) / denom, (ai - ar * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        Some(((ar * ratio + ai) / denom, (ai * ratio - ar) / denom))
    } else {
        None
    }
}

fn float_pow(a: f64, b: f64) -> Option<Constant> {
    if !a.is_finite() || !b.is_finite() {
        return None;
    }
    if a == 0.0 && b < 0.0 {
        return None;
    }
    if a < 0.0 && b.fract() != 0.0 {
        return None; // complex result
    }
    finite(a.powf(b))
}

fn fold_int(a: &BigInt, op: Operator, b: &BigInt) -> Option<Constant> {
    let r = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => {
            if !a.is_zero() && !b.is_zero() && nbits(a) + nbits(b) > MAX_INT_SIZE {
                return None;
            }
            a * b
        }
        Operator::FloorDiv => py_floor_div_mod(a, b)?.0,
        Operator::Mod => py_floor_div_mod(a, b)?.1,
        Operator::Div => {
            if b.is_zero() {
                return None;
            }
            let (x, y) = (a.to_i64()?, b.to_i64()?);
            const LIM: i64 = 1 << 53;
            if x.abs() > LIM || y.abs() > LIM {
                return None;
            }
            return finite(x as f64 / y as f64);
        }
        Operator::Pow => {
            if b.is_negative() {
                let (x, y) = (int_to_f64(a)?, int_to_f64(b)?);
                return float_pow(x, y);
            }
            if !a.is_zero() && !b.is_zero() {
                let e = b.to_u64()?;
                if nbits(a) > MAX_INT_SIZE / e.max(1) {
                    return None;
                }
                return Some(Constant::Int(num_traits::pow::Pow::pow(a, e)));
            }
            if b.is_zero() {
                BigInt::from(1)
            } else {
                BigInt::zero()
            }
        }
        Operator::LShift => {
            if b.is_negative() {
                return None;
            }
            if a.is_zero() {
                BigInt::zero()
            } else {
                let s = b.to_u64()?;
                if s > MAX_INT_SIZE || nbits(a) > MAX_INT_SIZE - s {
                    return None;
                }
                a << s
            }
        }
        Operator::RShift => {
            if b.is_negative() {
                return None;
            }
            match b.to_u64() {
                Some(s) if s < 1 << 20 => a >> s,
                _ => {
                    if a.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        Operator::BitAnd => a & b,
        Operator::BitOr => a | b,
        Operator::BitXor => a ^ b,
        Operator::MatMult => return None,
    };
    Some(Constant::Int(r))
}

fn fold_subscript(v: &Constant, i: &Constant) -> Option<Constant> {
    let idx = as_int(i)?.to_i64()?;
    let len = seq_len(v)? as i64;
    let k = if idx < 0 { idx + len } else { idx };
    if k < 0 || k >= len {
        return None;
    }
    let k = k as usize;
    match v {
        Constant::Str(s) => {
            let cp = s.code_points().nth(k)?;
            let mut out = Wtf8Buf::new();
            out.push_code_point(cp);
            Some(Constant::Str(out))
        }
        Constant::Bytes(b) => Some(Constant::Int(BigInt::from(b[k]))),
        Constant::Tuple(t) => Some(t[k].clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(i: i64) -> Constant {
        Constant::Int(BigInt::from(i))
    }

    #[test]
    fn arithmetic() {
        assert_eq!(
            fold_binop(&int(7), Operator::FloorDiv, &int(-2)),
            Some(int(-4))
        );
        assert_eq!(fold_binop(&int(7), Operator::Mod, &int(-2)), Some(int(-1)));
        assert_eq!(fold_binop(&int(1), Operator::Div, &int(0)), None);
        assert_eq!(fold_binop(&int(2), Operator::Pow, &int(200)), None);
        assert_eq!(fold_binop(&int(2), Operator::Pow, &int(64)).is_some(), true);
        assert_eq!(fold_binop(&int(1), Operator::LShift, &int(-1)), None);
        assert_eq!(
            fold_binop(&Constant::Float(-7.5), Operator::Mod, &int(2)),
            Some(Constant::Float(0.5))
        );
        assert_eq!(
            fold_binop(&Constant::Float(7.0), Operator::FloorDiv, &int(-2)),
            Some(Constant::Float(-4.0))
        );
        assert_eq!(
            fold_unary(UnaryOp::Invert, &Constant::Bool(true)),
            Some(int(-2))
        );
        let s = Constant::Str(Wtf8Buf::from_str("ab"));
        assert_eq!(
            fold_binop(&s, Operator::Mult, &int(3)),
            Some(Constant::Str(Wtf8Buf::from_str("ababab")))
        );
        assert_eq!(fold_binop(&s, Operator::Mult, &int(5000)), None);
        assert_eq!(fold_binop(&s, Operator::Mod, &int(1)), None);
        assert_eq!(
            fold_binop(
                &int(1),
                Operator::Add,
                &Constant::Complex {
                    real: 0.0,
                    imag: 2.0
                }
            ),
            Some(Constant::Complex {
                real: 1.0,
                imag: 2.0
            })
        );
        assert!(const_py_eq(&int(1), &Constant::Float(1.0)));
        assert!(const_py_eq(&int(1), &Constant::Bool(true)));
        assert!(!const_py_eq(
            &int(1),
            &Constant::Str(Wtf8Buf::from_str("1"))
        ));
    }
}
