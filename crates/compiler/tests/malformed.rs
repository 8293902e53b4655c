//! ASTs that the parser never produces but `compile(ast_object, ...)` can
//! receive from Python code: the compiler must answer with an error (or
//! compile something), never panic.

use taipan_ast::*;
use taipan_compiler::{CompileOptions, Mode, compile};

fn loc() -> Loc {
    Loc {
        lineno: 1,
        col_offset: 0,
        end_lineno: 1,
        end_col_offset: 1,
    }
}
fn ex(kind: ExprKind) -> Expr {
    Expr { kind, loc: loc() }
}
fn st(kind: StmtKind) -> Stmt {
    Stmt { kind, loc: loc() }
}
fn name(id: &str, ctx: ExprContext) -> Expr {
    ex(ExprKind::Name { id: id.into(), ctx })
}
fn c(i: i64) -> Expr {
    ex(ExprKind::Constant {
        value: Constant::Int(i.into()),
        kind: None,
    })
}
fn module(body: Vec<Stmt>) -> Mod {
    Mod::Module {
        body,
        type_ignores: vec![],
    }
}
fn expr_stmt(e: Expr) -> Stmt {
    st(StmtKind::Expr { value: Box::new(e) })
}

#[test]
fn malformed_trees_do_not_panic() {
    use ExprContext::*;
    let func = |body: Vec<Stmt>, args: Arguments| {
        st(StmtKind::FunctionDef(FunctionDef {
            name: "f".into(),
            args: Box::new(args),
            body,
            decorator_list: vec![],
            returns: None,
            type_comment: None,
        }))
    };
    let arg = |n: &str| Arg {
        arg: n.into(),
        annotation: None,
        type_comment: None,
        loc: loc(),
    };
    let cases: Vec<Mod> = vec![
        module(vec![expr_stmt(ex(ExprKind::Compare {
            left: Box::new(c(1)),
            ops: vec![CmpOp::Lt, CmpOp::Lt],
            comparators: vec![c(2)],
        }))]),
        module(vec![st(StmtKind::If {
            test: Box::new(ex(ExprKind::Compare {
                left: Box::new(c(1)),
                ops: vec![CmpOp::Lt, CmpOp::Lt, CmpOp::Lt],
                comparators: vec![],
            })),
            body: vec![],
            orelse: vec![],
        })]),
        module(vec![expr_stmt(ex(ExprKind::Dict {
            keys: vec![None, Some(c(1))],
            values: vec![c(1)],
        }))]),
        module(vec![expr_stmt(ex(ExprKind::BinOp {
            left: Box::new(name("x", Store)),
            op: Operator::Add,
            right: Box::new(name("y", Del)),
        }))]),
        module(vec![expr_stmt(ex(ExprKind::Starred {
            value: Box::new(c(1)),
            ctx: Load,
        }))]),
        module(vec![expr_stmt(ex(ExprKind::Slice {
            lower: None,
            upper: None,
            step: None,
        }))]),
        module(vec![expr_stmt(ex(ExprKind::BoolOp {
            op: BoolOp::And,
            values: vec![],
        }))]),
        module(vec![st(StmtKind::If {
            test: Box::new(ex(ExprKind::BoolOp {
                op: BoolOp::Or,
                values: vec![],
            })),
            body: vec![],
            orelse: vec![],
        })]),
        module(vec![func(vec![], Arguments::default())]),
        module(vec![func(
            vec![st(StmtKind::Return { value: None })],
            Arguments {
                args: vec![arg("a")],
                defaults: vec![c(1), c(2), c(3)],
                kw_defaults: vec![None, None],
                ..Default::default()
            },
        )]),
        module(vec![st(StmtKind::Return {
            value: Some(Box::new(c(1))),
        })]),
        module(vec![expr_stmt(ex(ExprKind::Await {
            value: Box::new(c(1)),
        }))]),
        module(vec![expr_stmt(ex(ExprKind::FormattedValue {
            value: Box::new(c(1)),
            conversion: 7,
            format_spec: None,
        }))]),
        module(vec![st(StmtKind::With(With {
            items: vec![],
            body: vec![],
            type_comment: None,
        }))]),
        module(vec![st(StmtKind::Try(Try {
            body: vec![],
            handlers: vec![],
            orelse: vec![],
            finalbody: vec![],
        }))]),
        module(vec![st(StmtKind::ImportFrom {
            module: None,
            names: vec![],
            level: 0,
        })]),
        module(vec![st(StmtKind::Assign {
            targets: vec![c(1)],
            value: Box::new(c(2)),
            type_comment: None,
        })]),
        module(vec![st(StmtKind::Delete {
            targets: vec![c(1), name("x", Load)],
        })]),
        module(vec![st(StmtKind::AugAssign {
            target: Box::new(c(1)),
            op: Operator::Add,
            value: Box::new(c(1)),
        })]),
        module(vec![st(StmtKind::Match {
            subject: Box::new(c(1)),
            cases: vec![],
        })]),
        module(vec![st(StmtKind::Match {
            subject: Box::new(c(1)),
            cases: vec![MatchCase {
                pattern: Pattern {
                    kind: PatternKind::MatchMapping {
                        keys: vec![c(1)],
                        patterns: vec![],
                        rest: None,
                    },
                    loc: loc(),
                },
                guard: None,
                body: vec![],
            }],
        })]),
        module(vec![expr_stmt(ex(ExprKind::ListComp {
            elt: Box::new(c(1)),
            generators: vec![],
        }))]),
        module(vec![expr_stmt(ex(ExprKind::Tuple {
            elts: vec![
                ex(ExprKind::Starred {
                    value: Box::new(name("a", Store)),
                    ctx: Store
                });
                2
            ],
            ctx: Store,
        }))]),
        Mod::Expression {
            body: Box::new(ex(ExprKind::Yield { value: None })),
        },
        Mod::FunctionType {
            argtypes: vec![],
            returns: Box::new(c(1)),
        },
        Mod::Interactive { body: vec![] },
        module(vec![st(StmtKind::Break), st(StmtKind::Continue)]),
        module(vec![st(StmtKind::Nonlocal {
            names: vec!["x".into()],
        })]),
    ];
    for (i, m) in cases.iter().enumerate() {
        for mode in [Mode::Exec, Mode::Eval, Mode::Single] {
            let r = std::panic::catch_unwind(|| {
                compile(m, "<malformed>", mode, &CompileOptions::default())
            });
            assert!(r.is_ok(), "case {} panicked", i);
            let _ = taipan_compiler::take_stack_depth_mismatch();
        }
    }
}
