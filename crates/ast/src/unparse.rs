//! An expression unparser matching CPython 3.11's `ast.unparse` (Lib/ast.py
//! `_Unparser`), used for `from __future__ import annotations`, plus
//! Python-style `repr` of constants (used in messages and by `unparse`).
//!
//! Parentheses follow `ast.unparse`'s precedence scheme: every node is
//! printed knowing the precedence its parent requires, and is wrapped in
//! parentheses only when its own precedence is lower.

use crate::*;

/// `_Precedence` from Lib/ast.py (BOR == EXPR).
mod prec {
    pub const NAMED_EXPR: u8 = 1;
    pub const TUPLE: u8 = 2;
    pub const YIELD: u8 = 3;
    pub const TEST: u8 = 4;
    pub const OR: u8 = 5;
    pub const AND: u8 = 6;
    pub const NOT: u8 = 7;
    pub const CMP: u8 = 8;
    pub const EXPR: u8 = 9;
    pub const BOR: u8 = 9;
    pub const BXOR: u8 = 10;
    pub const BAND: u8 = 11;
    pub const SHIFT: u8 = 12;
    pub const ARITH: u8 = 13;
    pub const TERM: u8 = 14;
    pub const FACTOR: u8 = 15;
    pub const POWER: u8 = 16;
    pub const AWAIT: u8 = 17;
    pub const ATOM: u8 = 18;
}

const INFSTR: &str = "1e309";
const ALL_QUOTES: [&str; 4] = ["'", "\"", "\"\"\"", "'''"];
/// Deeper trees are elided rather than risking the Rust stack.
const MAX_DEPTH: u32 = 1000;

/// `ast.unparse(e)` for an expression.
pub fn unparse_expr(e: &Expr) -> Wtf8Buf {
    let mut u = Unparser {
        out: Wtf8Buf::new(),
        avoid_backslashes: false,
        depth: 0,
    };
    u.expr(e, prec::TEST);
    u.out
}

struct Unparser {
    out: Wtf8Buf,
    avoid_backslashes: bool,
    depth: u32,
}

fn binop_info(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => ("+", prec::ARITH),
        Operator::Sub => ("-", prec::ARITH),
        Operator::Mult => ("*", prec::TERM),
        Operator::MatMult => ("@", prec::TERM),
        Operator::Div => ("/", prec::TERM),
        Operator::Mod => ("%", prec::TERM),
        Operator::LShift => ("<<", prec::SHIFT),
        Operator::RShift => (">>", prec::SHIFT),
        Operator::BitOr => ("|", prec::BOR),
        Operator::BitXor => ("^", prec::BXOR),
        Operator::BitAnd => ("&", prec::BAND),
        Operator::FloorDiv => ("//", prec::TERM),
        Operator::Pow => ("**", prec::POWER),
    }
}

fn cmpop_str(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

impl Unparser {
    fn w(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn open_if(&mut self, cond: bool, s: &str) {
        if cond {
            self.w(s);
        }
    }

    fn expr(&mut self, e: &Expr, p: u8) {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.w("...");
        } else {
            self.expr_inner(e, p);
        }
        self.depth -= 1;
    }

    fn items(&mut self, elts: &[Expr], p: u8) {
        if elts.len() == 1 {
            self.expr(&elts[0], p);
            self.w(",");
        } else {
            for (i, x) in elts.iter().enumerate() {
                if i > 0 {
                    self.w(", ");
                }
                self.expr(x, p);
            }
        }
    }

    fn expr_inner(&mut self, e: &Expr, p: u8) {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                let paren = prec::NAMED_EXPR < p;
                self.open_if(paren, "(");
                self.expr(target, prec::ATOM);
                self.w(" := ");
                self.expr(value, prec::ATOM);
                self.open_if(paren, ")");
            }
            ExprKind::Yield { value } => {
                let paren = prec::YIELD < p;
                self.open_if(paren, "(");
                self.w("yield");
                if let Some(v) = value {
                    self.w(" ");
                    self.expr(v, prec::ATOM);
                }
                self.open_if(paren, ")");
            }
            ExprKind::YieldFrom { value } => {
                let paren = prec::YIELD < p;
                self.open_if(paren, "(");
                self.w("yield from ");
                self.expr(value, prec::ATOM);
                self.open_if(paren, ")");
            }
            ExprKind::Await { value } => {
                let paren = prec::AWAIT < p;
                self.open_if(paren, "(");
                self.w("await ");
                self.expr(value, prec::ATOM);
                self.open_if(paren, ")");
            }
            ExprKind::JoinedStr { values } => self.joined_str(values),
            ExprKind::FormattedValue { .. } => {
                // Only meaningful inside a JoinedStr; print as one.
                self.joined_str(std::slice::from_ref(e));
            }
            ExprKind::Name { id, .. } => self.w(id),
            ExprKind::Constant { value, kind } => match value {
                Constant::Tuple(items) => {
                    self.w("(");
                    if items.len() == 1 {
                        self.write_constant(&items[0]);
                        self.w(",");
                    } else {
                        for (i, c) in items.iter().enumerate() {
                            if i > 0 {
                                self.w(", ");
                            }
                            self.write_constant(c);
                        }
                    }
                    self.w(")");
                }
                Constant::Ellipsis => self.w("..."),
                _ => {
                    if kind.as_deref() == Some("u") {
                        self.w("u");
                    }
                    self.write_constant(value);
                }
            },
            ExprKind::List { elts, .. } => {
                self.w("[");
                for (i, x) in elts.iter().enumerate() {
                    if i > 0 {
                        self.w(", ");
                    }
                    self.expr(x, prec::TEST);
                }
                self.w("]");
            }
            ExprKind::ListComp { elt, generators } => {
                self.w("[");
                self.expr(elt, prec::TEST);
                self.generators(generators);
                self.w("]");
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.w("(");
                self.expr(elt, prec::TEST);
                self.generators(generators);
                self.w(")");
            }
            ExprKind::SetComp { elt, generators } => {
                self.w("{");
                self.expr(elt, prec::TEST);
                self.generators(generators);
                self.w("}");
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.w("{");
                self.expr(key, prec::TEST);
                self.w(": ");
                self.expr(value, prec::TEST);
                self.generators(generators);
                self.w("}");
            }
            ExprKind::IfExp { test, body, orelse } => {
                let paren = prec::TEST < p;
                self.open_if(paren, "(");
                self.expr(body, prec::TEST + 1);
                self.w(" if ");
                self.expr(test, prec::TEST + 1);
                self.w(" else ");
                self.expr(orelse, prec::TEST);
                self.open_if(paren, ")");
            }
            ExprKind::Set { elts } => {
                if elts.is_empty() {
                    self.w("{*()}");
                } else {
                    self.w("{");
                    for (i, x) in elts.iter().enumerate() {
                        if i > 0 {
                            self.w(", ");
                        }
                        self.expr(x, prec::TEST);
                    }
                    self.w("}");
                }
            }
            ExprKind::Dict { keys, values } => {
                self.w("{");
                for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                    if i > 0 {
                        self.w(", ");
                    }
                    match k {
                        None => {
                            self.w("**");
                            self.expr(v, prec::EXPR);
                        }
                        Some(k) => {
                            self.expr(k, prec::TEST);
                            self.w(": ");
                            self.expr(v, prec::TEST);
                        }
                    }
                }
                self.w("}");
            }
            ExprKind::Tuple { elts, .. } => {
                let paren = elts.is_empty() || p > prec::TUPLE;
                self.open_if(paren, "(");
                self.items(elts, prec::TEST);
                self.open_if(paren, ")");
            }
            ExprKind::UnaryOp { op, operand } => {
                let (s, opp) = match op {
                    UnaryOp::Invert => ("~", prec::FACTOR),
                    UnaryOp::Not => ("not", prec::NOT),
                    UnaryOp::UAdd => ("+", prec::FACTOR),
                    UnaryOp::USub => ("-", prec::FACTOR),
                };
                let paren = opp < p;
                self.open_if(paren, "(");
                self.w(s);
                if opp != prec::FACTOR {
                    self.w(" ");
                }
                self.expr(operand, opp);
                self.open_if(paren, ")");
            }
            ExprKind::BinOp { left, op, right } => {
                let (s, opp) = binop_info(*op);
                let paren = opp < p;
                self.open_if(paren, "(");
                let (lp, rp) = if *op == Operator::Pow {
                    (opp + 1, opp)
                } else {
                    (opp, opp + 1)
                };
                self.expr(left, lp);
                self.w(" ");
                self.w(s);
                self.w(" ");
                self.expr(right, rp);
                self.open_if(paren, ")");
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let paren = prec::CMP < p;
                self.open_if(paren, "(");
                self.expr(left, prec::CMP + 1);
                for (o, c) in ops.iter().zip(comparators) {
                    self.w(" ");
                    self.w(cmpop_str(*o));
                    self.w(" ");
                    self.expr(c, prec::CMP + 1);
                }
                self.open_if(paren, ")");
            }
            ExprKind::BoolOp { op, values } => {
                let (s, mut opp) = match op {
                    BoolOp::And => (" and ", prec::AND),
                    BoolOp::Or => (" or ", prec::OR),
                };
                let paren = opp < p;
                self.open_if(paren, "(");
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        self.w(s);
                    }
                    opp += 1;
                    self.expr(v, opp);
                }
                self.open_if(paren, ")");
            }
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value, prec::ATOM);
                if let ExprKind::Constant {
                    value: Constant::Int(_),
                    ..
                } = &value.kind
                {
                    self.w(" ");
                }
                self.w(".");
                self.w(attr);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func, prec::ATOM);
                self.w("(");
                let mut comma = false;
                for a in args {
                    if comma {
                        self.w(", ");
                    }
                    comma = true;
                    self.expr(a, prec::TEST);
                }
                for k in keywords {
                    if comma {
                        self.w(", ");
                    }
                    comma = true;
                    match &k.arg {
                        None => self.w("**"),
                        Some(n) => {
                            self.w(n);
                            self.w("=");
                        }
                    }
                    self.expr(&k.value, prec::TEST);
                }
                self.w(")");
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value, prec::ATOM);
                self.w("[");
                match &slice.kind {
                    ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                        self.items(elts, prec::TEST)
                    }
                    _ => self.expr(slice, prec::TEST),
                }
                self.w("]");
            }
            ExprKind::Starred { value, .. } => {
                self.w("*");
                self.expr(value, prec::EXPR);
            }
            ExprKind::Slice { lower, upper, step } => {
                if let Some(l) = lower {
                    self.expr(l, prec::TEST);
                }
                self.w(":");
                if let Some(u) = upper {
                    self.expr(u, prec::TEST);
                }
                if let Some(s) = step {
                    self.w(":");
                    self.expr(s, prec::TEST);
                }
            }
            ExprKind::Lambda { args, body } => {
                let paren = prec::TEST < p;
                self.open_if(paren, "(");
                self.w("lambda");
                let saved = std::mem::take(&mut self.out);
                self.arguments(args);
                let argtext = std::mem::replace(&mut self.out, saved);
                if !argtext.is_empty() {
                    self.w(" ");
                    self.out.push_wtf8(&argtext);
                }
                self.w(": ");
                self.expr(body, prec::TEST);
                self.open_if(paren, ")");
            }
        }
    }

    fn generators(&mut self, gens: &[Comprehension]) {
        for g in gens {
            self.w(if g.is_async != 0 {
                " async for "
            } else {
                " for "
            });
            self.expr(&g.target, prec::TUPLE);
            self.w(" in ");
            self.expr(&g.iter, prec::TEST + 1);
            for c in &g.ifs {
                self.w(" if ");
                self.expr(c, prec::TEST + 1);
            }
        }
    }

    fn arg(&mut self, a: &Arg) {
        self.w(&a.arg);
        if let Some(ann) = &a.annotation {
            self.w(": ");
            self.expr(ann, prec::TEST);
        }
    }

    fn arguments(&mut self, a: &Arguments) {
        let mut first = true;
        let all: Vec<&Arg> = a.posonlyargs.iter().chain(&a.args).collect();
        let nodefault = all.len().saturating_sub(a.defaults.len());
        for (i, arg) in all.iter().enumerate() {
            if first {
                first = false;
            } else {
                self.w(", ");
            }
            self.arg(arg);
            if let Some(d) = i.checked_sub(nodefault).and_then(|k| a.defaults.get(k)) {
                self.w("=");
                self.expr(d, prec::TEST);
            }

            if i + 1 == a.posonlyargs.len() {
                self.w(", /");
            }
        }
        if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
            if first {
                first = false;
            } else {
                self.w(", ");
            }
            self.w("*");
            if let Some(v) = &a.vararg {
                self.w(&v.arg);
                if let Some(ann) = &v.annotation {
                    self.w(": ");
                    self.expr(ann, prec::TEST);
                }
            }
        }
        for (arg, d) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
            self.w(", ");
            self.arg(arg);
            if let Some(d) = d {
                self.w("=");
                self.expr(d, prec::TEST);
            }
        }
        if let Some(k) = &a.kwarg {
            if !first {
                self.w(", ");
            }
            self.w("**");
            self.w(&k.arg);
            if let Some(ann) = &k.annotation {
                self.w(": ");
                self.expr(ann, prec::TEST);
            }
        }
    }

    fn write_constant(&mut self, c: &Constant) {
        match c {
            Constant::Float(_) | Constant::Complex { .. } => {
                let r = constant_repr(c);
                let r = r
                    .replace("inf", INFSTR)
                    .replace("nan", &format!("({}-{})", INFSTR, INFSTR));
                self.w(&r);
            }
            Constant::Str(s) if self.avoid_backslashes => {
                let (body, quotes) = str_literal_helper(s, &ALL_QUOTES, false);
                let q = quotes.first().copied().unwrap_or("'");
                self.w(q);
                self.out.push_wtf8(&body);
                self.w(q);
            }
            Constant::Ellipsis => self.w("..."),
            _ => {
                let r = constant_repr_wtf8(c);
                self.out.push_wtf8(&r);
            }
        }
    }

    fn fstring_inner(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::JoinedStr { values } => {
                for v in values {
                    self.fstring_inner(v);
                }
            }
            ExprKind::Constant {
                value: Constant::Str(s),
                ..
            } => {
                let mut out = Wtf8Buf::new();
                for cp in s.code_points() {
                    match cp {
                        0x7b => out.push_str("{{"),
                        0x7d => out.push_str("}}"),
                        _ => {
                            out.push_code_point(cp);
                        }
                    }
                }
                self.out.push_wtf8(&out);
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.w("{");
                let mut inner = Unparser {
                    out: Wtf8Buf::new(),
                    avoid_backslashes: true,
                    depth: self.depth,
                };
                inner.expr(value, prec::TEST + 1);
                if inner.out.as_bytes().first() == Some(&b'{') {
                    self.w(" ");
                }
                self.out.push_wtf8(&inner.out);
                if *conversion != -1 {
                    self.w("!");
                    if let Some(ch) = char::from_u32(*conversion as u32) {
                        self.out.push_char(ch);
                    }
                }
                if let Some(spec) = format_spec {
                    self.w(":");
                    self.fstring_inner(spec);
                }
                self.w("}");
            }
            _ => {}
        }
    }

    fn joined_str(&mut self, values: &[Expr]) {
        self.w("f");
        if self.avoid_backslashes {
            let saved = std::mem::take(&mut self.out);
            for v in values {
                self.fstring_inner(v);
            }
            let body = std::mem::replace(&mut self.out, saved);
            let (body, quotes) = str_literal_helper(&body, &ALL_QUOTES, false);
            let q = quotes.first().copied().unwrap_or("'");
            self.w(q);
            self.out.push_wtf8(&body);
            self.w(q);
            return;
        }
        let mut quote_types: Vec<&'static str> = ALL_QUOTES.to_vec();
        let mut parts = Wtf8Buf::new();
        for v in values {
            let saved = std::mem::take(&mut self.out);
            self.fstring_inner(v);
            let piece = std::mem::replace(&mut self.out, saved);
            let is_const = matches!(v.kind, ExprKind::Constant { .. });
            let (escaped, q) = str_literal_helper(&piece, &quote_types, is_const);
            quote_types = q;
            parts.push_wtf8(&escaped);
        }
        let q = quote_types.first().copied().unwrap_or("'");
        self.w(q);
        self.out.push_wtf8(&parts);
        self.w(q);
    }
}

/// Lib/ast.py `_str_literal_helper`: escapes a string for a literal,
/// returning the text and the quote styles that can enclose it.
fn str_literal_helper(
    s: &Wtf8Buf,
    quote_types: &[&'static str],
    escape_ws: bool,
) -> (Wtf8Buf, Vec<&'static str>) {
    let mut esc = Wtf8Buf::new();
    for cp in s.code_points() {
        if !escape_ws && (cp == 0x0a || cp == 0x09) {
            esc.push_code_point(cp);
        } else if cp == 0x5c || !is_printable(cp) {
            push_unicode_escape(&mut esc, cp);
        } else {
            esc.push_code_point(cp);
        }
    }
    let text = esc.to_string_lossy();
    let mut possible: Vec<&'static str> = quote_types.to_vec();
    if text.contains('\n') {
        possible.retain(|q| q.len() == 3);
    }
    possible.retain(|q| !text.contains(q));
    if possible.is_empty() {
        let r = str_repr(s);
        let rs = r.to_string_lossy();
        let first = rs.chars().next().unwrap_or('\'');
        let quote = quote_types
            .iter()
            .copied()
            .find(|q| q.starts_with(first))
            .unwrap_or("'");
        let inner = &rs[1..rs.len().saturating_sub(1)];
        return (Wtf8Buf::from_str(inner), vec![quote]);
    }
    if let Some(last) = text.chars().last() {
        // Stable sort: quotes whose char equals the last char go last.
        possible.sort_by_key(|q| q.starts_with(last));
        if possible[0].starts_with(last) {
            let mut t: String = text[..text.len() - last.len_utf8()].to_string();
            t.push('\\');
            t.push(last);
            return (Wtf8Buf::from_str(&t), possible);
        }
    }
    (esc, possible)
}

fn push_unicode_escape(out: &mut Wtf8Buf, cp: u32) {
    match cp {
        0x5c => out.push_str("\\\\"),
        0x09 => out.push_str("\\t"),
        0x0a => out.push_str("\\n"),
        0x0d => out.push_str("\\r"),
        c if c < 0x100 => out.push_str(&format!("\\x{:02x}", c)),
        c if c < 0x10000 => out.push_str(&format!("\\u{:04x}", c)),
        c => out.push_str(&format!("\\U{:08x}", c)),
    }
}

/// `str.isprintable()` for one code point (CPython 3.11's tables).
pub fn is_printable(cp: u32) -> bool {
    crate::printable::is_printable_cp(cp)
}

/// `repr(str)`.
pub fn str_repr(s: &Wtf8Buf) -> Wtf8Buf {
    let bytes = s.as_bytes();
    let has_single = bytes.contains(&b'\'');
    let has_double = bytes.contains(&b'"');
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = Wtf8Buf::new();
    out.push_char(quote);
    for cp in s.code_points() {
        match cp {
            0x5c => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0a => out.push_str("\\n"),
            0x0d => out.push_str("\\r"),
            c if c == quote as u32 => {
                out.push_char('\\');
                out.push_char(quote);
            }
            c if c < 0x20 || c == 0x7f => out.push_str(&format!("\\x{:02x}", c)),
            c if c < 0x7f => {
                out.push_code_point(c);
            }
            c if !is_printable(c) => push_unicode_escape(&mut out, c),
            c => {
                out.push_code_point(c);
            }
        }
    }
    out.push_char(quote);
    out
}

/// `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let has_single = b.contains(&b'\'');
    let has_double = b.contains(&b'"');
    let quote = if has_single && !has_double {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(float)`: shortest round-trip digits, Python's exponent rules.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // `{:e}` gives the shortest round-trip digits as d.ddde±x.
    let s = format!("{:e}", f);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        // Fixed notation.
        let point = exp + 1; // digits before the decimal point
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{}{}", sign, body)
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits.clone()
        };
        format!(
            "{}{}e{}{:02}",
            sign,
            m,
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

/// Float repr as used inside complex reprs (`1.0` prints as `1`).
fn complex_part(f: f64) -> String {
    let r = float_repr(f);
    r.strip_suffix(".0").map(|s| s.to_string()).unwrap_or(r)
}

fn constant_repr_wtf8(c: &Constant) -> Wtf8Buf {
    match c {
        Constant::Str(s) => str_repr(s),
        _ => Wtf8Buf::from_str(&constant_repr(c)),
    }
}

/// `repr()` of a constant, as Python prints it.
pub fn constant_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { real, imag } => {
            if *real == 0.0 && real.is_sign_positive() {
                format!("{}j", complex_part(*imag))
            } else {
                let im = complex_part(*imag);
                let sign = if im.starts_with('-') { "" } else { "+" };
                format!("({}{}{}j)", complex_part(*real), sign, im)
            }
        }
        Constant::Str(s) => str_repr(s).to_string_lossy(),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(constant_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) => {
            if items.is_empty() {
                "frozenset()".into()
            } else {
                let parts: Vec<String> = items.iter().map(constant_repr).collect();
                format!("frozenset({{{}}})", parts.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats() {
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1.5e-5), "1.5e-05");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(123456.789), "123456.789");
        assert_eq!(float_repr(-2.5), "-2.5");
        assert_eq!(float_repr(1e22), "1e+22");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(
            constant_repr(&Constant::Complex {
                real: 0.0,
                imag: 2.0
            }),
            "2j"
        );
        assert_eq!(
            constant_repr(&Constant::Complex {
                real: 1.0,
                imag: -2.5
            }),
            "(1-2.5j)"
        );
    }

    #[test]
    fn strings() {
        assert_eq!(
            str_repr(&Wtf8Buf::from_str("a'b")).to_string_lossy(),
            "\"a'b\""
        );
        assert_eq!(
            str_repr(&Wtf8Buf::from_str("a\nb")).to_string_lossy(),
            "'a\\nb'"
        );
        assert_eq!(bytes_repr(b"a\x00'"), "b\"a\\x00'\"");
    }
}
