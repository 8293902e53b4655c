//! Rust AST -> Python `ast` objects (CPython's `ast2obj`), for
//! `compile(..., PyCF_ONLY_AST)` and `ast.parse`.
//!
//! Every node becomes an instance of its class with its fields set in
//! `_fields` order, then its location attributes; optional fields that are
//! absent are set to None explicitly and lists are always lists, as CPython
//! does.  The simple-sum nodes (`Load()`, `Add()`, ...) are the shared
//! instances from [`State`].  Depth is limited like CPython's
//! ("maximum recursion depth exceeded during ast construction": three times
//! the recursion limit), so no tree can overflow the Rust stack.

use taipan_ast::*;

use super::State;
use super::nodes::K;
use crate::error::{PyResult, recursion_error};
use crate::types::int::{int_from_bigint, int_from_i64};
use crate::types::list::PyList;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// Converts a whole module/expression tree to Python objects.
pub fn mod_to_py(vm: &Vm, m: &Mod) -> PyResult {
    let st = super::state(vm)?;
    let limit = vm.recursion_limit().saturating_mul(3);
    let mut c = ToPy {
        st: &st,
        depth: vm.depth().saturating_mul(3),
        limit,
    };
    m.to_py(&mut c)
}

pub struct ToPy<'a> {
    st: &'a State,
    depth: usize,
    limit: usize,
}

impl ToPy<'_> {
    #[inline]
    fn enter(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(recursion_error(
                "maximum recursion depth exceeded during ast construction",
            ));
        }
        Ok(())
    }

    #[inline]
    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// A new instance of `k` with `vals` as its fields and `loc` as its
    /// location attributes.
    fn node(&self, k: K, vals: &[PyRef], loc: Option<&Loc>) -> PyResult {
        let t = &self.st.types[k as usize];
        let tt = t
            .as_type()
            .ok_or_else(|| crate::error::type_error("_ast: not a type"))?;
        let o = crate::object::alloc_as(tt, crate::types::object::PyBaseObject {});
        if let Some(attrs) = o.attrs() {
            debug_assert_eq!(vals.len(), self.st.field_names[k as usize].len());
            for (n, v) in self.st.field_names[k as usize].iter().zip(vals) {
                attrs.set(n, v.clone());
            }
            if let Some(l) = loc {
                let [a, b, c, d] = &self.st.loc_names;
                attrs.set(a, int_from_i64(l.lineno as i64));
                attrs.set(b, int_from_i64(l.col_offset as i64));
                attrs.set(c, int_from_i64(l.end_lineno as i64));
                attrs.set(d, int_from_i64(l.end_col_offset as i64));
            }
        }
        Ok(o)
    }

    fn singleton(&self, k: K) -> PyResult {
        self.st.singletons[k as usize]
            .clone()
            .ok_or_else(|| crate::error::type_error("_ast: missing singleton"))
    }
}

/// A Rust AST value that has a Python form.
pub trait ToPyObj {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult;
}

/// Builds node `$k` from field values in `_fields` order.
macro_rules! node {
    ($c:expr, $k:ident, $loc:expr; $($f:expr),* $(,)?) => {{
        let vals = [$( ($f).to_py($c)? ),*];
        $c.node(K::$k, &vals, $loc)
    }};
}

impl<T: ToPyObj> ToPyObj for Box<T> {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        (**self).to_py(c)
    }
}

impl<T: ToPyObj> ToPyObj for Option<T> {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        match self {
            Some(x) => x.to_py(c),
            None => Ok(none()),
        }
    }
}

impl<T: ToPyObj> ToPyObj for Vec<T> {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        let mut v = Vec::with_capacity(self.len());
        for x in self {
            v.push(x.to_py(c)?);
        }
        Ok(PyList::new_ref(v))
    }
}

impl ToPyObj for String {
    fn to_py(&self, _: &mut ToPy<'_>) -> PyResult {
        Ok(PyStr::new_ref(self))
    }
}

impl ToPyObj for u32 {
    fn to_py(&self, _: &mut ToPy<'_>) -> PyResult {
        Ok(int_from_i64(*self as i64))
    }
}

impl ToPyObj for i32 {
    fn to_py(&self, _: &mut ToPy<'_>) -> PyResult {
        Ok(int_from_i64(*self as i64))
    }
}

impl ToPyObj for Constant {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        Ok(match self {
            Constant::None => none(),
            Constant::Bool(b) => crate::types::bool_::py_bool(*b),
            Constant::Ellipsis => crate::types::none::ellipsis(),
            Constant::Int(i) => int_from_bigint(i.clone()),
            Constant::Float(f) => crate::types::float::float_ref(*f),
            Constant::Complex { real, imag } => crate::types::complex_new(*real, *imag),
            Constant::Str(s) => PyStr::from_wtf8_ref(s.clone()),
            Constant::Bytes(b) => crate::types::bytes::PyBytes::new_ref(b.clone()),
            Constant::Tuple(items) => {
                let v: PyResult<Vec<PyRef>> = items.iter().map(|x| x.to_py(c)).collect();
                PyTuple::new_ref(v?)
            }
            Constant::FrozenSet(items) => {
                let v: PyResult<Vec<PyRef>> = items.iter().map(|x| x.to_py(c)).collect();
                crate::types::set::frozenset_from_consts(v?)
            }
        })
    }
}

impl ToPyObj for ExprContext {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.singleton(match self {
            ExprContext::Load => K::Load,
            ExprContext::Store => K::Store,
            ExprContext::Del => K::Del,
        })
    }
}

impl ToPyObj for BoolOp {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.singleton(match self {
            BoolOp::And => K::And,
            BoolOp::Or => K::Or,
        })
    }
}

impl ToPyObj for Operator {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.singleton(match self {
            Operator::Add => K::Add,
            Operator::Sub => K::Sub,
            Operator::Mult => K::Mult,
            Operator::MatMult => K::MatMult,
            Operator::Div => K::Div,
            Operator::Mod => K::Mod,
            Operator::Pow => K::Pow,
            Operator::LShift => K::LShift,
            Operator::RShift => K::RShift,
            Operator::BitOr => K::BitOr,
            Operator::BitXor => K::BitXor,
            Operator::BitAnd => K::BitAnd,
            Operator::FloorDiv => K::FloorDiv,
        })
    }
}

impl ToPyObj for UnaryOp {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.singleton(match self {
            UnaryOp::Invert => K::Invert,
            UnaryOp::Not => K::Not,
            UnaryOp::UAdd => K::UAdd,
            UnaryOp::USub => K::USub,
        })
    }
}

impl ToPyObj for CmpOp {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.singleton(match self {
            CmpOp::Eq => K::Eq,
            CmpOp::NotEq => K::NotEq,
            CmpOp::Lt => K::Lt,
            CmpOp::LtE => K::LtE,
            CmpOp::Gt => K::Gt,
            CmpOp::GtE => K::GtE,
            CmpOp::Is => K::Is,
            CmpOp::IsNot => K::IsNot,
            CmpOp::In => K::In,
            CmpOp::NotIn => K::NotIn,
        })
    }
}

impl ToPyObj for Mod {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.enter()?;
        let r = match self {
            Mod::Module { body, type_ignores } => node!(c, Module, None; body, type_ignores),
            Mod::Interactive { body } => node!(c, Interactive, None; body),
            Mod::Expression { body } => node!(c, Expression, None; body),
            Mod::FunctionType { argtypes, returns } => {
                node!(c, FunctionType, None; argtypes, returns)
            }
        };
        c.leave();
        r
    }
}

impl ToPyObj for TypeIgnore {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        node!(c, TypeIgnore, None; self.lineno, self.tag)
    }
}

impl ToPyObj for Stmt {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.enter()?;
        let r = stmt_to_py(self, c);
        c.leave();
        r
    }
}

fn stmt_to_py(s: &Stmt, c: &mut ToPy<'_>) -> PyResult {
    let l = Some(&s.loc);
    match &s.kind {
        StmtKind::FunctionDef(f) => node!(c, FunctionDef, l;
            f.name, f.args, f.body, f.decorator_list, f.returns, f.type_comment),
        StmtKind::AsyncFunctionDef(f) => node!(c, AsyncFunctionDef, l;
            f.name, f.args, f.body, f.decorator_list, f.returns, f.type_comment),
        StmtKind::ClassDef(d) => node!(c, ClassDef, l;
            d.name, d.bases, d.keywords, d.body, d.decorator_list),
        StmtKind::Return { value } => node!(c, Return, l; value),
        StmtKind::Delete { targets } => node!(c, Delete, l; targets),
        StmtKind::Assign {
            targets,
            value,
            type_comment,
        } => node!(c, Assign, l; targets, value, type_comment),
        StmtKind::AugAssign { target, op, value } => node!(c, AugAssign, l; target, op, value),
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            simple,
        } => node!(c, AnnAssign, l; target, annotation, value, simple),
        StmtKind::For(f) => node!(c, For, l; f.target, f.iter, f.body, f.orelse, f.type_comment),
        StmtKind::AsyncFor(f) => node!(c, AsyncFor, l;
            f.target, f.iter, f.body, f.orelse, f.type_comment),
        StmtKind::While { test, body, orelse } => node!(c, While, l; test, body, orelse),
        StmtKind::If { test, body, orelse } => node!(c, If, l; test, body, orelse),
        StmtKind::With(w) => node!(c, With, l; w.items, w.body, w.type_comment),
        StmtKind::AsyncWith(w) => node!(c, AsyncWith, l; w.items, w.body, w.type_comment),
        StmtKind::Match { subject, cases } => node!(c, Match, l; subject, cases),
        StmtKind::Raise { exc, cause } => node!(c, Raise, l; exc, cause),
        StmtKind::Try(t) => node!(c, Try, l; t.body, t.handlers, t.orelse, t.finalbody),
        StmtKind::TryStar(t) => node!(c, TryStar, l; t.body, t.handlers, t.orelse, t.finalbody),
        StmtKind::Assert { test, msg } => node!(c, Assert, l; test, msg),
        StmtKind::Import { names } => node!(c, Import, l; names),
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => node!(c, ImportFrom, l; module, names, level),
        StmtKind::Global { names } => node!(c, Global, l; names),
        StmtKind::Nonlocal { names } => node!(c, Nonlocal, l; names),
        StmtKind::Expr { value } => node!(c, Expr, l; value),
        StmtKind::Pass => node!(c, Pass, l;),
        StmtKind::Break => node!(c, Break, l;),
        StmtKind::Continue => node!(c, Continue, l;),
    }
}

impl ToPyObj for Expr {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.enter()?;
        let r = expr_to_py(self, c);
        c.leave();
        r
    }
}

fn expr_to_py(e: &Expr, c: &mut ToPy<'_>) -> PyResult {
    let l = Some(&e.loc);
    match &e.kind {
        ExprKind::BoolOp { op, values } => node!(c, BoolOp, l; op, values),
        ExprKind::NamedExpr { target, value } => node!(c, NamedExpr, l; target, value),
        ExprKind::BinOp { left, op, right } => node!(c, BinOp, l; left, op, right),
        ExprKind::UnaryOp { op, operand } => node!(c, UnaryOp, l; op, operand),
        ExprKind::Lambda { args, body } => node!(c, Lambda, l; args, body),
        ExprKind::IfExp { test, body, orelse } => node!(c, IfExp, l; test, body, orelse),
        ExprKind::Dict { keys, values } => node!(c, Dict, l; keys, values),
        ExprKind::Set { elts } => node!(c, Set, l; elts),
        ExprKind::ListComp { elt, generators } => node!(c, ListComp, l; elt, generators),
        ExprKind::SetComp { elt, generators } => node!(c, SetComp, l; elt, generators),
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => node!(c, DictComp, l; key, value, generators),
        ExprKind::GeneratorExp { elt, generators } => node!(c, GeneratorExp, l; elt, generators),
        ExprKind::Await { value } => node!(c, Await, l; value),
        ExprKind::Yield { value } => node!(c, Yield, l; value),
        ExprKind::YieldFrom { value } => node!(c, YieldFrom, l; value),
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => node!(c, Compare, l; left, ops, comparators),
        ExprKind::Call {
            func,
            args,
            keywords,
        } => node!(c, Call, l; func, args, keywords),
        ExprKind::FormattedValue {
            value,
            conversion,
            format_spec,
        } => node!(c, FormattedValue, l; value, conversion, format_spec),
        ExprKind::JoinedStr { values } => node!(c, JoinedStr, l; values),
        ExprKind::Constant { value, kind } => node!(c, Constant, l; value, kind),
        ExprKind::Attribute { value, attr, ctx } => node!(c, Attribute, l; value, attr, ctx),
        ExprKind::Subscript { value, slice, ctx } => node!(c, Subscript, l; value, slice, ctx),
        ExprKind::Starred { value, ctx } => node!(c, Starred, l; value, ctx),
        ExprKind::Name { id, ctx } => node!(c, Name, l; id, ctx),
        ExprKind::List { elts, ctx } => node!(c, List, l; elts, ctx),
        ExprKind::Tuple { elts, ctx } => node!(c, Tuple, l; elts, ctx),
        ExprKind::Slice { lower, upper, step } => node!(c, Slice, l; lower, upper, step),
    }
}

impl ToPyObj for Pattern {
    fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
        c.enter()?;
        let l = Some(&self.loc);
        let r = match &self.kind {
            PatternKind::MatchValue { value } => node!(c, MatchValue, l; value),
            PatternKind::MatchSingleton { value } => node!(c, MatchSingleton, l; value),
            PatternKind::MatchSequence { patterns } => node!(c, MatchSequence, l; patterns),
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => node!(c, MatchMapping, l; keys, patterns, rest),
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => node!(c, MatchClass, l; cls, patterns, kwd_attrs, kwd_patterns),
            PatternKind::MatchStar { name } => node!(c, MatchStar, l; name),
            PatternKind::MatchAs { pattern, name } => node!(c, MatchAs, l; pattern, name),
            PatternKind::MatchOr { patterns } => node!(c, MatchOr, l; patterns),
        };
        c.leave();
        r
    }
}

/// Products and single-constructor sums: depth-counted like the others.
macro_rules! product_to_py {
    ($ty:ty, $k:ident, $loc:ident; $($f:ident),*) => {
        impl ToPyObj for $ty {
            fn to_py(&self, c: &mut ToPy<'_>) -> PyResult {
                c.enter()?;
                let r = node!(c, $k, product_to_py!(@loc self $loc); $(self.$f),*);
                c.leave();
                r
            }
        }
    };
    (@loc $s:ident loc) => { Some(&$s.loc) };
    (@loc $s:ident none) => { None };
}

product_to_py!(Comprehension, comprehension, none; target, iter, ifs, is_async);
product_to_py!(ExceptHandler, ExceptHandler, loc; type_, name, body);
product_to_py!(Arguments, arguments, none;
    posonlyargs, args, vararg, kwonlyargs, kw_defaults, kwarg, defaults);
product_to_py!(Arg, arg, loc; arg, annotation, type_comment);
product_to_py!(Keyword, keyword, loc; arg, value);
product_to_py!(Alias, alias, loc; name, asname);
product_to_py!(WithItem, withitem, none; context_expr, optional_vars);
product_to_py!(MatchCase, match_case, none; pattern, guard, body);
