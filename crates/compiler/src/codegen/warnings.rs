//! The `SyntaxWarning`s CPython 3.11's compiler emits: `is` with a literal,
//! an always-true `assert (x, msg)`, and calls/subscripts of literals that
//! suggest a missing comma (`[1, 2] [0]`, `(1, 2) (3, 4)`).

use taipan_ast::{CmpOp, Constant, Expr, ExprKind};

use super::Compiler;

/// CPython's `infer_type`: the type name of a literal-ish expression.
fn infer_type(e: &Expr) -> Option<&'static str> {
    Some(match &e.kind {
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::List { .. } | ExprKind::ListComp { .. } => "list",
        ExprKind::Dict { .. } | ExprKind::DictComp { .. } => "dict",
        ExprKind::Set { .. } | ExprKind::SetComp { .. } => "set",
        ExprKind::GeneratorExp { .. } => "generator",
        ExprKind::Lambda { .. } => "function",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "str",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "NoneType",
            Constant::Bool(_) => "bool",
            Constant::Ellipsis => "ellipsis",
            Constant::Int(_) => "int",
            Constant::Float(_) => "float",
            Constant::Complex { .. } => "complex",
            Constant::Str(_) => "str",
            Constant::Bytes(_) => "bytes",
            Constant::Tuple(_) => "tuple",
            Constant::FrozenSet(_) => "frozenset",
        },
        _ => return None,
    })
}

fn is_arg_ok_for_is(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant { value, .. } => {
            matches!(
                value,
                Constant::None | Constant::Bool(_) | Constant::Ellipsis
            )
        }
        _ => true,
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn check_compare(&mut self, left: &Expr, ops: &[CmpOp], comparators: &[Expr]) {
        let mut l = is_arg_ok_for_is(left);
        for (op, c) in ops.iter().zip(comparators) {
            let r = is_arg_ok_for_is(c);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (!l || !r) {
                let msg = if *op == CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                };
                self.warn(msg.into());
                return;
            }
            l = r;
        }
    }

    pub(crate) fn check_caller(&mut self, func: &Expr) {
        let literal = matches!(
            func.kind,
            ExprKind::Constant { .. }
                | ExprKind::Tuple { .. }
                | ExprKind::List { .. }
                | ExprKind::ListComp { .. }
                | ExprKind::Dict { .. }
                | ExprKind::DictComp { .. }
                | ExprKind::Set { .. }
                | ExprKind::SetComp { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::JoinedStr { .. }
                | ExprKind::FormattedValue { .. }
        );
        if literal && let Some(t) = infer_type(func) {
            self.warn(format!(
                "'{}' object is not callable; perhaps you missed a comma?",
                t
            ));
        }
    }

    pub(crate) fn check_subscript(&mut self, value: &Expr, index: &Expr) {
        let not_subscriptable = match &value.kind {
            ExprKind::Constant { value: v, .. } => matches!(
                v,
                Constant::None
                    | Constant::Ellipsis
                    | Constant::Bool(_)
                    | Constant::Int(_)
                    | Constant::Float(_)
                    | Constant::Complex { .. }
                    | Constant::FrozenSet(_)
            ),
            ExprKind::Set { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Lambda { .. } => true,
            _ => false,
        };
        if not_subscriptable {
            if let Some(t) = infer_type(value) {
                self.warn(format!(
                    "'{}' object is not subscriptable; perhaps you missed a comma?",
                    t
                ));
            }
            return;
        }
        // check_index
        let Some(index_type) = infer_type(index) else {
            return;
        };
        if matches!(index_type, "int" | "bool") {
            return;
        }
        let indexable = match &value.kind {
            ExprKind::Constant { value: v, .. } => {
                matches!(
                    v,
                    Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_)
                )
            }
            ExprKind::Tuple { .. }
            | ExprKind::List { .. }
            | ExprKind::ListComp { .. }
            | ExprKind::JoinedStr { .. }
            | ExprKind::FormattedValue { .. } => true,
            _ => false,
        };
        if indexable && let Some(t) = infer_type(value) {
            self.warn(format!(
                "{} indices must be integers or slices, not {}; perhaps you missed a comma?",
                t, index_type
            ));
        }
    }
}
