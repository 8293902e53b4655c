//! `ast.dump(tree, include_attributes=...)` in CPython 3.11's exact text
//! format, used to compare Taipan's parser with CPython's node for node.
//!
//! Rules reproduced from `Lib/ast.py`: fields in `_fields` order as
//! `name=value`; an optional field (`?` in the ASDL) whose value is None is
//! left out; lists are always shown (`[]` when empty); attributes
//! (`lineno, col_offset, end_lineno, end_col_offset`) follow the fields when
//! asked for; constants use Python's `repr()` (quote choice and escapes for
//! str/bytes, shortest round-trip repr for floats, complex repr).

use crate::printable::is_printable_cp;
use crate::*;

/// `ast.dump(m, include_attributes=...)`.
pub fn dump(m: &Mod, include_attributes: bool) -> String {
    let mut w = W {
        out: String::with_capacity(4096),
        attrs: include_attributes,
        first: true,
    };
    match m {
        Mod::Module { body, type_ignores } => {
            w.open("Module");
            w.key("body");
            w.stmts(body);
            w.key("type_ignores");
            w.list(type_ignores, |w, t| {
                w.open("TypeIgnore");
                w.key("lineno");
                w.raw(&t.lineno.to_string());
                w.key("tag");
                w.str_repr_plain(&t.tag);
                w.close();
            });
            w.close();
        }
        Mod::Interactive { body } => {
            w.open("Interactive");
            w.key("body");
            w.stmts(body);
            w.close();
        }
        Mod::Expression { body } => {
            w.open("Expression");
            w.key("body");
            w.expr(body);
            w.close();
        }
        Mod::FunctionType { argtypes, returns } => {
            w.open("FunctionType");
            w.key("argtypes");
            w.exprs(argtypes);
            w.key("returns");
            w.expr(returns);
            w.close();
        }
    }
    w.out
}

struct W {
    out: String,
    attrs: bool,
    first: bool,
}

impl W {
    fn open(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push('(');
        self.first = true;
    }
    fn close(&mut self) {
        self.out.push(')');
        self.first = false;
    }
    fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push_str(", ");
        }
        self.first = false;
        self.out.push_str(k);
        self.out.push('=');
    }
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn unit(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("()");
    }
    fn list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut W, &T)) {
        self.out.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            f(self, x);
        }
        self.out.push(']');
        self.first = false;
    }
    fn loc(&mut self, l: &Loc) {
        if self.attrs {
            self.key("lineno");
            self.raw(&l.lineno.to_string());
            self.key("col_offset");
            self.raw(&l.col_offset.to_string());
            self.key("end_lineno");
            self.raw(&l.end_lineno.to_string());
            self.key("end_col_offset");
            self.raw(&l.end_col_offset.to_string());
        }
    }
    fn ident(&mut self, s: &str) {
        self.str_repr_plain(s);
    }
    fn opt_ident(&mut self, k: &str, s: &Option<String>) {
        if let Some(s) = s {
            self.key(k);
            self.ident(s);
        }
    }
    fn opt_expr(&mut self, k: &str, e: &Option<Box<Expr>>) {
        if let Some(e) = e {
            self.key(k);
            self.expr(e);
        }
    }
    fn stmts(&mut self, v: &[Stmt]) {
        self.list(v, |w, s| w.stmt(s));
    }
    fn exprs(&mut self, v: &[Expr]) {
        self.list(v, |w, e| w.expr(e));
    }
    fn ctx(&mut self, c: ExprContext) {
        self.key("ctx");
        self.unit(match c {
            ExprContext::Load => "Load",
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
        });
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.open(if matches!(s.kind, StmtKind::FunctionDef(_)) {
                    "FunctionDef"
                } else {
                    "AsyncFunctionDef"
                });
                self.key("name");
                self.ident(&f.name);
                self.key("args");
                self.arguments(&f.args);
                self.key("body");
                self.stmts(&f.body);
                self.key("decorator_list");
                self.exprs(&f.decorator_list);
                self.opt_expr("returns", &f.returns);
                self.opt_ident("type_comment", &f.type_comment);
            }
            StmtKind::ClassDef(c) => {
                self.open("ClassDef");
                self.key("name");
                self.ident(&c.name);
                self.key("bases");
                self.exprs(&c.bases);
                self.key("keywords");
                self.list(&c.keywords, |w, k| w.keyword(k));
                self.key("body");
                self.stmts(&c.body);
                self.key("decorator_list");
                self.exprs(&c.decorator_list);
            }
            StmtKind::Return { value } => {
                self.open("Return");
                self.opt_expr("value", value);
            }
            StmtKind::Delete { targets } => {
                self.open("Delete");
                self.key("targets");
                self.exprs(targets);
            }
            StmtKind::Assign {
                targets,
                value,
                type_comment,
            } => {
                self.open("Assign");
                self.key("targets");
                self.exprs(targets);
                self.key("value");
                self.expr(value);
                self.opt_ident("type_comment", type_comment);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.open("AugAssign");
                self.key("target");
                self.expr(target);
                self.key("op");
                self.unit(operator_name(*op));
                self.key("value");
                self.expr(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                self.open("AnnAssign");
                self.key("target");
                self.expr(target);
                self.key("annotation");
                self.expr(annotation);
                self.opt_expr("value", value);
                self.key("simple");
                self.raw(&simple.to_string());
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.open(if matches!(s.kind, StmtKind::For(_)) {
                    "For"
                } else {
                    "AsyncFor"
                });
                self.key("target");
                self.expr(&f.target);
                self.key("iter");
                self.expr(&f.iter);
                self.key("body");
                self.stmts(&f.body);
                self.key("orelse");
                self.stmts(&f.orelse);
                self.opt_ident("type_comment", &f.type_comment);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.open(if matches!(s.kind, StmtKind::While { .. }) {
                    "While"
                } else {
                    "If"
                });
                self.key("test");
                self.expr(test);
                self.key("body");
                self.stmts(body);
                self.key("orelse");
                self.stmts(orelse);
            }
            StmtKind::With(wi) | StmtKind::AsyncWith(wi) => {
                self.open(if matches!(s.kind, StmtKind::With(_)) {
                    "With"
                } else {
                    "AsyncWith"
                });
                self.key("items");
                self.list(&wi.items, |w, it| {
                    w.open("withitem");
                    w.key("context_expr");
                    w.expr(&it.context_expr);
                    w.opt_expr("optional_vars", &it.optional_vars);
                    w.close();
                });
                self.key("body");
                self.stmts(&wi.body);
                self.opt_ident("type_comment", &wi.type_comment);
            }
            StmtKind::Match { subject, cases } => {
                self.open("Match");
                self.key("subject");
                self.expr(subject);
                self.key("cases");
                self.list(cases, |w, c| {
                    w.open("match_case");
                    w.key("pattern");
                    w.pattern(&c.pattern);
                    w.opt_expr("guard", &c.guard);
                    w.key("body");
                    w.stmts(&c.body);
                    w.close();
                });
            }
            StmtKind::Raise { exc, cause } => {
                self.open("Raise");
                self.opt_expr("exc", exc);
                self.opt_expr("cause", cause);
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.open(if matches!(s.kind, StmtKind::Try(_)) {
                    "Try"
                } else {
                    "TryStar"
                });
                self.key("body");
                self.stmts(&t.body);
                self.key("handlers");
                self.list(&t.handlers, |w, h| {
                    w.open("ExceptHandler");
                    w.opt_expr("type", &h.type_);
                    w.opt_ident("name", &h.name);
                    w.key("body");
                    w.stmts(&h.body);
                    w.loc(&h.loc);
                    w.close();
                });
                self.key("orelse");
                self.stmts(&t.orelse);
                self.key("finalbody");
                self.stmts(&t.finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.open("Assert");
                self.key("test");
                self.expr(test);
                self.opt_expr("msg", msg);
            }
            StmtKind::Import { names } => {
                self.open("Import");
                self.key("names");
                self.list(names, |w, a| w.alias(a));
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.open("ImportFrom");
                self.opt_ident("module", module);
                self.key("names");
                self.list(names, |w, a| w.alias(a));
                self.key("level");
                self.raw(&level.to_string());
            }
            StmtKind::Global { names } | StmtKind::Nonlocal { names } => {
                self.open(if matches!(s.kind, StmtKind::Global { .. }) {
                    "Global"
                } else {
                    "Nonlocal"
                });
                self.key("names");
                self.list(names, |w, n| w.ident(n));
            }
            StmtKind::Expr { value } => {
                self.open("Expr");
                self.key("value");
                self.expr(value);
            }
            StmtKind::Pass => self.open("Pass"),
            StmtKind::Break => self.open("Break"),
            StmtKind::Continue => self.open("Continue"),
        }
        self.loc(&s.loc);
        self.close();
    }

    fn alias(&mut self, a: &Alias) {
        self.open("alias");
        self.key("name");
        self.ident(&a.name);
        self.opt_ident("asname", &a.asname);
        self.loc(&a.loc);
        self.close();
    }

    fn keyword(&mut self, k: &Keyword) {
        self.open("keyword");
        self.opt_ident("arg", &k.arg);
        self.key("value");
        self.expr(&k.value);
        self.loc(&k.loc);
        self.close();
    }

    fn arg(&mut self, a: &Arg) {
        self.open("arg");
        self.key("arg");
        self.ident(&a.arg);
        self.opt_expr("annotation", &a.annotation);
        self.opt_ident("type_comment", &a.type_comment);
        self.loc(&a.loc);
        self.close();
    }

    fn arguments(&mut self, a: &Arguments) {
        self.open("arguments");
        self.key("posonlyargs");
        self.list(&a.posonlyargs, |w, x| w.arg(x));
        self.key("args");
        self.list(&a.args, |w, x| w.arg(x));
        if let Some(v) = &a.vararg {
            self.key("vararg");
            self.arg(v);
        }
        self.key("kwonlyargs");
        self.list(&a.kwonlyargs, |w, x| w.arg(x));
        self.key("kw_defaults");
        self.list(&a.kw_defaults, |w, d| match d {
            Some(e) => w.expr(e),
            None => w.raw("None"),
        });
        if let Some(v) = &a.kwarg {
            self.key("kwarg");
            self.arg(v);
        }
        self.key("defaults");
        self.exprs(&a.defaults);
        self.close();
    }

    fn comprehensions(&mut self, gens: &[Comprehension]) {
        self.list(gens, |w, c| {
            w.open("comprehension");
            w.key("target");
            w.expr(&c.target);
            w.key("iter");
            w.expr(&c.iter);
            w.key("ifs");
            w.exprs(&c.ifs);
            w.key("is_async");
            w.raw(&c.is_async.to_string());
            w.close();
        });
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                self.open("BoolOp");
                self.key("op");
                self.unit(if *op == BoolOp::And { "And" } else { "Or" });
                self.key("values");
                self.exprs(values);
            }
            ExprKind::NamedExpr { target, value } => {
                self.open("NamedExpr");
                self.key("target");
                self.expr(target);
                self.key("value");
                self.expr(value);
            }
            ExprKind::BinOp { left, op, right } => {
                self.open("BinOp");
                self.key("left");
                self.expr(left);
                self.key("op");
                self.unit(operator_name(*op));
                self.key("right");
                self.expr(right);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.open("UnaryOp");
                self.key("op");
                self.unit(match op {
                    UnaryOp::Invert => "Invert",
                    UnaryOp::Not => "Not",
                    UnaryOp::UAdd => "UAdd",
                    UnaryOp::USub => "USub",
                });
                self.key("operand");
                self.expr(operand);
            }
            ExprKind::Lambda { args, body } => {
                self.open("Lambda");
                self.key("args");
                self.arguments(args);
                self.key("body");
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.open("IfExp");
                self.key("test");
                self.expr(test);
                self.key("body");
                self.expr(body);
                self.key("orelse");
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                self.open("Dict");
                self.key("keys");
                self.list(keys, |w, k| match k {
                    Some(e) => w.expr(e),
                    None => w.raw("None"),
                });
                self.key("values");
                self.exprs(values);
            }
            ExprKind::Set { elts } => {
                self.open("Set");
                self.key("elts");
                self.exprs(elts);
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.open(match e.kind {
                    ExprKind::ListComp { .. } => "ListComp",
                    ExprKind::SetComp { .. } => "SetComp",
                    _ => "GeneratorExp",
                });
                self.key("elt");
                self.expr(elt);
                self.key("generators");
                self.comprehensions(generators);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.open("DictComp");
                self.key("key");
                self.expr(key);
                self.key("value");
                self.expr(value);
                self.key("generators");
                self.comprehensions(generators);
            }
            ExprKind::Await { value } => {
                self.open("Await");
                self.key("value");
                self.expr(value);
            }
            ExprKind::Yield { value } => {
                self.open("Yield");
                self.opt_expr("value", value);
            }
            ExprKind::YieldFrom { value } => {
                self.open("YieldFrom");
                self.key("value");
                self.expr(value);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.open("Compare");
                self.key("left");
                self.expr(left);
                self.key("ops");
                self.list(ops, |w, o| {
                    w.unit(match o {
                        CmpOp::Eq => "Eq",
                        CmpOp::NotEq => "NotEq",
                        CmpOp::Lt => "Lt",
                        CmpOp::LtE => "LtE",
                        CmpOp::Gt => "Gt",
                        CmpOp::GtE => "GtE",
                        CmpOp::Is => "Is",
                        CmpOp::IsNot => "IsNot",
                        CmpOp::In => "In",
                        CmpOp::NotIn => "NotIn",
                    })
                });
                self.key("comparators");
                self.exprs(comparators);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.open("Call");
                self.key("func");
                self.expr(func);
                self.key("args");
                self.exprs(args);
                self.key("keywords");
                self.list(keywords, |w, k| w.keyword(k));
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.open("FormattedValue");
                self.key("value");
                self.expr(value);
                self.key("conversion");
                self.raw(&conversion.to_string());
                self.opt_expr("format_spec", format_spec);
            }
            ExprKind::JoinedStr { values } => {
                self.open("JoinedStr");
                self.key("values");
                self.exprs(values);
            }
            ExprKind::Constant { value, kind } => {
                self.open("Constant");
                self.key("value");
                let mut s = String::new();
                constant_repr(value, &mut s);
                self.raw(&s);
                self.opt_ident("kind", kind);
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.open("Attribute");
                self.key("value");
                self.expr(value);
                self.key("attr");
                self.ident(attr);
                self.ctx(*ctx);
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.open("Subscript");
                self.key("value");
                self.expr(value);
                self.key("slice");
                self.expr(slice);
                self.ctx(*ctx);
            }
            ExprKind::Starred { value, ctx } => {
                self.open("Starred");
                self.key("value");
                self.expr(value);
                self.ctx(*ctx);
            }
            ExprKind::Name { id, ctx } => {
                self.open("Name");
                self.key("id");
                self.ident(id);
                self.ctx(*ctx);
            }
            ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
                self.open(if matches!(e.kind, ExprKind::List { .. }) {
                    "List"
                } else {
                    "Tuple"
                });
                self.key("elts");
                self.exprs(elts);
                self.ctx(*ctx);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.open("Slice");
                self.opt_expr("lower", lower);
                self.opt_expr("upper", upper);
                self.opt_expr("step", step);
            }
        }
        self.loc(&e.loc);
        self.close();
    }

    fn patterns(&mut self, v: &[Pattern]) {
        self.list(v, |w, p| w.pattern(p));
    }

    fn pattern(&mut self, p: &Pattern) {
        match &p.kind {
            PatternKind::MatchValue { value } => {
                self.open("MatchValue");
                self.key("value");
                self.expr(value);
            }
            PatternKind::MatchSingleton { value } => {
                self.open("MatchSingleton");
                self.key("value");
                let mut s = String::new();
                constant_repr(value, &mut s);
                self.raw(&s);
            }
            PatternKind::MatchSequence { patterns } => {
                self.open("MatchSequence");
                self.key("patterns");
                self.patterns(patterns);
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.open("MatchMapping");
                self.key("keys");
                self.exprs(keys);
                self.key("patterns");
                self.patterns(patterns);
                self.opt_ident("rest", rest);
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                self.open("MatchClass");
                self.key("cls");
                self.expr(cls);
                self.key("patterns");
                self.patterns(patterns);
                self.key("kwd_attrs");
                self.list(kwd_attrs, |w, n| w.ident(n));
                self.key("kwd_patterns");
                self.patterns(kwd_patterns);
            }
            PatternKind::MatchStar { name } => {
                self.open("MatchStar");
                self.opt_ident("name", name);
            }
            PatternKind::MatchAs { pattern, name } => {
                self.open("MatchAs");
                if let Some(p) = pattern {
                    self.key("pattern");
                    self.pattern(p);
                }
                self.opt_ident("name", name);
            }
            PatternKind::MatchOr { patterns } => {
                self.open("MatchOr");
                self.key("patterns");
                self.patterns(patterns);
            }
        }
        self.loc(&p.loc);
        self.close();
    }

    fn str_repr_plain(&mut self, s: &str) {
        let mut out = String::new();
        str_repr(
            s.chars().map(|c| c as u32),
            s.contains('\''),
            s.contains('"'),
            &mut out,
        );
        self.out.push_str(&out);
    }
}

fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

/// Python's `repr()` of a constant.
pub fn constant_repr(c: &Constant, out: &mut String) {
    match c {
        Constant::None => out.push_str("None"),
        Constant::Bool(true) => out.push_str("True"),
        Constant::Bool(false) => out.push_str("False"),
        Constant::Ellipsis => out.push_str("Ellipsis"),
        Constant::Int(i) => out.push_str(&i.to_string()),
        Constant::Float(f) => out.push_str(&float_repr(*f)),
        Constant::Complex { real, imag } => {
            if *real == 0.0 && real.is_sign_positive() {
                out.push_str(&format_r(*imag, false));
                out.push('j');
            } else {
                out.push('(');
                out.push_str(&format_r(*real, false));
                let im = format_r(*imag, false);
                if !im.starts_with('-') {
                    out.push('+');
                }
                out.push_str(&im);
                out.push_str("j)");
            }
        }
        Constant::Str(s) => {
            let b = s.as_bytes();
            str_repr(s.code_points(), b.contains(&b'\''), b.contains(&b'"'), out);
        }
        Constant::Bytes(b) => bytes_repr(b, out),
        Constant::Tuple(items) => {
            out.push('(');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                constant_repr(x, out);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Constant::FrozenSet(items) => {
            if items.is_empty() {
                out.push_str("frozenset()");
                return;
            }
            out.push_str("frozenset({");
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                constant_repr(x, out);
            }
            out.push_str("})");
        }
    }
}

/// Python's `repr(str)`.
pub fn str_repr(
    cps: impl Iterator<Item = u32>,
    has_single: bool,
    has_double: bool,
    out: &mut String,
) {
    let quote = if has_single && !has_double { '"' } else { '\'' };
    out.push(quote);
    for c in cps {
        match c {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if c == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            _ if c < 0x20 || c == 0x7F => out.push_str(&format!("\\x{c:02x}")),
            _ if c < 0x7F => out.push(c as u8 as char),
            _ if is_printable_cp(c) => out.push(char::from_u32(c).unwrap_or('\u{FFFD}')),
            _ if c <= 0xFF => out.push_str(&format!("\\x{c:02x}")),
            _ if c <= 0xFFFF => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    out.push(quote);
}

/// Python's `repr(bytes)`.
pub fn bytes_repr(b: &[u8], out: &mut String) {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote as u8 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7E => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
}

/// Python's `repr(float)`.
pub fn float_repr(f: f64) -> String {
    format_r(f, true)
}

/// CPython's `PyOS_double_to_string(x, 'r', 0, flags)`; `add_dot_0` is
/// `Py_DTSF_ADD_DOT_0` (used by float repr, not by complex repr).
pub fn format_r(f: f64, add_dot_0: bool) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let neg = f.is_sign_negative();
    if f == 0.0 {
        let z = if add_dot_0 { "0.0" } else { "0" };
        return if neg { format!("-{z}") } else { z.into() };
    }
    // Shortest round-trip digits and decimal point position from ryu.
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(f.abs());
    let (mant, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let (int_part, frac_part) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let mut digits: String = format!("{int_part}{frac_part}");
    let mut decpt = int_part.len() as i32 + exp;
    let lead = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..lead);
    decpt -= lead as i32;
    while digits.ends_with('0') {
        digits.pop();
    }
    if digits.is_empty() {
        digits.push('0');
    }
    let nd = digits.len() as i32;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if nd > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", e.abs()));
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..(-decpt) {
            out.push('0');
        }
        out.push_str(&digits);
    } else if decpt >= nd {
        out.push_str(&digits);
        for _ in 0..(decpt - nd) {
            out.push('0');
        }
        if add_dot_0 {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_reprs() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123.456, "123.456"),
            (-2.5, "-2.5"),
            (1e300, "1e+300"),
            (f64::INFINITY, "inf"),
            (0.0, "0.0"),
            (12345678901234567890.0, "1.2345678901234567e+19"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "{f}");
        }
        assert_eq!(format_r(2.0, false), "2");
    }

    #[test]
    fn str_reprs() {
        let r = |s: &str| {
            let mut o = String::new();
            str_repr(
                s.chars().map(|c| c as u32),
                s.contains('\''),
                s.contains('"'),
                &mut o,
            );
            o
        };
        assert_eq!(r("a'b"), "\"a'b\"");
        assert_eq!(r("a'\"b"), "'a\\'\"b'");
        assert_eq!(r("\n\x00\u{a0}é\u{300}"), "'\\n\\x00\\xa0é\u{300}'");
        let mut o = String::new();
        bytes_repr(b"\x00'a\xff", &mut o);
        assert_eq!(o, "b\"\\x00'a\\xff\"");
    }
}
