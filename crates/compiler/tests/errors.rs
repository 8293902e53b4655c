//! SyntaxErrors raised by the symbol table and code generator: message and
//! position must equal CPython 3.11's (the table was produced by running
//! each source through `python3 -c "compile(src, '<test>', 'exec')"`).
//! End positions of 0 mean CPython reports none.

use taipan_ast::FrontendError;
use taipan_compiler::{CompileOptions, Mode, compile};

const CASES: &[(&str, &str, u32, u32, u32, u32)] = &[
    (
        "def f(a):\n    global a\n",
        "name 'a' is parameter and global",
        2,
        5,
        2,
        13,
    ),
    (
        "def f():\n    x=1\n    global x\n",
        "name 'x' is assigned to before global declaration",
        3,
        5,
        3,
        13,
    ),
    (
        "def f():\n    print(x)\n    global x\n",
        "name 'x' is used prior to global declaration",
        3,
        5,
        3,
        13,
    ),
    (
        "nonlocal x\n",
        "nonlocal declaration not allowed at module level",
        1,
        1,
        1,
        11,
    ),
    (
        "def f():\n    nonlocal x\n",
        "no binding for nonlocal 'x' found",
        2,
        5,
        2,
        15,
    ),
    (
        "def f():\n    x=1\n    def g():\n        x=2\n        nonlocal x\n",
        "name 'x' is assigned to before nonlocal declaration",
        5,
        9,
        5,
        19,
    ),
    (
        "def f(a):\n    def g():\n        nonlocal a\n        global a\n",
        "name 'a' is nonlocal and global",
        3,
        9,
        3,
        19,
    ),
    (
        "def f(a):\n    nonlocal a\n",
        "name 'a' is parameter and nonlocal",
        2,
        5,
        2,
        15,
    ),
    (
        "[(x:=1) for x in y]\n",
        "assignment expression cannot rebind comprehension iteration variable 'x'",
        1,
        3,
        1,
        4,
    ),
    (
        "def f(a, a): pass\n",
        "duplicate argument 'a' in function definition",
        1,
        10,
        1,
        11,
    ),
    (
        "lambda a, a: 1\n",
        "duplicate argument 'a' in function definition",
        1,
        11,
        1,
        12,
    ),
    (
        "def f():\n    from m import *\n",
        "import * only allowed at module level",
        2,
        19,
        2,
        20,
    ),
    (
        "class C:\n    [(y:=1) for x in z]\n",
        "assignment expression within a comprehension cannot be used in a class body",
        2,
        7,
        2,
        8,
    ),
    (
        "[x for x in (y:=[1])]\n",
        "assignment expression cannot be used in a comprehension iterable expression",
        1,
        14,
        1,
        20,
    ),
    (
        "[i for i in range(5) if (j := 0) for j in range(5)]\n",
        "comprehension inner loop cannot rebind assignment expression target 'j'",
        1,
        38,
        1,
        39,
    ),
    (
        "def f():\n    x: int\n    global x\n",
        "annotated name 'x' can't be global",
        3,
        5,
        3,
        13,
    ),
    (
        "def f():\n    global x\n    x: int\n",
        "annotated name 'x' can't be global",
        3,
        5,
        3,
        11,
    ),
    ("yield 1\n", "'yield' outside function", 1, 1, 1, 8),
    ("return 1\n", "'return' outside function", 1, 1, 1, 9),
    ("await x\n", "'await' outside function", 1, 1, 1, 8),
    ("break\n", "'break' outside loop", 1, 1, 1, 6),
    ("continue\n", "'continue' not properly in loop", 1, 1, 1, 9),
    (
        "class C:\n    return 1\n",
        "'return' outside function",
        2,
        5,
        2,
        13,
    ),
    (
        "class C:\n    yield 1\n",
        "'yield' outside function",
        2,
        5,
        2,
        12,
    ),
    (
        "def f():\n    [(yield x) for x in y]\n",
        "'yield' inside list comprehension",
        2,
        7,
        2,
        14,
    ),
    (
        "def f():\n    try:\n        pass\n    except:\n        pass\n    except ValueError:\n        pass\n",
        "default 'except:' must be last",
        4,
        5,
        5,
        13,
    ),
    (
        "async def f():\n    yield 1\n    return 2\n",
        "'return' with value in async generator",
        3,
        5,
        3,
        13,
    ),
    (
        "async def f():\n    yield from x\n",
        "'yield from' inside async function",
        2,
        5,
        2,
        17,
    ),
    (
        "def f():\n    await x\n",
        "'await' outside async function",
        2,
        5,
        2,
        12,
    ),
    (
        "def f():\n    async with x: pass\n",
        "'async with' outside async function",
        2,
        5,
        2,
        23,
    ),
    (
        "def f():\n    async for x in y: pass\n",
        "'async for' outside async function",
        2,
        5,
        2,
        27,
    ),
    (
        "def f():\n    return [x async for x in y]\n",
        "asynchronous comprehension outside of an asynchronous function",
        2,
        12,
        2,
        32,
    ),
    ("f(a=1, a=2)\n", "keyword argument repeated: a", 1, 8, 1, 11),
    (
        "match x:\n    case a:\n        pass\n    case b:\n        pass\n",
        "name capture 'a' makes remaining patterns unreachable",
        2,
        10,
        2,
        11,
    ),
    (
        "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
        "wildcard makes remaining patterns unreachable",
        2,
        10,
        2,
        11,
    ),
    (
        "match x:\n    case [a, a]:\n        pass\n",
        "multiple assignments to name 'a' in pattern",
        2,
        14,
        2,
        15,
    ),
    (
        "match x:\n    case 1 | a:\n        pass\n",
        "alternative patterns bind different names",
        2,
        14,
        2,
        15,
    ),
    (
        "match x:\n    case [a] | [b]:\n        pass\n",
        "alternative patterns bind different names",
        2,
        17,
        2,
        18,
    ),
    (
        "match x:\n    case {'a': 1, 'a': 2}:\n        pass\n",
        "mapping pattern checks duplicate key ('a')",
        2,
        10,
        2,
        26,
    ),
    (
        "match x:\n    case C(a=1, a=2):\n        pass\n",
        "attribute name repeated in class pattern: a",
        2,
        19,
        2,
        20,
    ),
    (
        "def f():\n    try:\n        pass\n    except* E:\n        return\n",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        5,
        9,
        5,
        15,
    ),
    (
        "from __future__ import nonsense\n",
        "future feature nonsense is not defined",
        1,
        1,
        1,
        0,
    ),
    (
        "from __future__ import braces\n",
        "not a chance",
        1,
        1,
        1,
        0,
    ),
    (
        "x = 1\nfrom __future__ import annotations\n",
        "from __future__ imports must occur at the beginning of the file",
        2,
        1,
        2,
        35,
    ),
    (
        "a, *b, *c = d\n",
        "multiple starred expressions in assignment",
        1,
        1,
        1,
        10,
    ),
    (
        "def f():\n    x = 1\n    global x\n    nonlocal x\n",
        "name 'x' is assigned to before global declaration",
        3,
        5,
        3,
        13,
    ),
    (
        "from __future__ import annotations\ndef f() -> (yield): pass\n",
        "'yield expression' can not be used within an annotation",
        2,
        13,
        2,
        18,
    ),
    (
        "from __future__ import annotations\ndef f(a: (x := 1)): pass\n",
        "'named expression' can not be used within an annotation",
        2,
        11,
        2,
        17,
    ),
    (
        "from __future__ import annotations\nx: await y = 1\n",
        "'await expression' can not be used within an annotation",
        2,
        4,
        2,
        11,
    ),
    (
        "def f():\n    x = [i for i in range(3)]\n    return (yield from x)\nclass C:\n    def g(self):\n        nonlocal __x\n",
        "no binding for nonlocal '_C__x' found",
        6,
        9,
        6,
        21,
    ),
    (
        "def f(__debug__): pass\n",
        "cannot assign to __debug__",
        1,
        1,
        1,
        23,
    ),
    ("__debug__ = 1\n", "cannot assign to __debug__", 1, 1, 1, 10),
    ("del __debug__\n", "cannot delete __debug__", 1, 5, 1, 14),
    (
        "f(__debug__=1)\n",
        "cannot assign to __debug__",
        1,
        1,
        1,
        15,
    ),
    (
        "def f():\n    x = [*a for a in b]\n",
        "iterable unpacking cannot be used in comprehension",
        2,
        10,
        2,
        12,
    ),
    (
        "*a = b\n",
        "starred assignment target must be in a list or tuple",
        1,
        1,
        1,
        3,
    ),
    (
        "def f():\n    yield from x\n    [y async for y in z]\n",
        "asynchronous comprehension outside of an asynchronous function",
        3,
        5,
        3,
        25,
    ),
    (
        "async def f():\n    def g():\n        await x\n",
        "'await' outside async function",
        3,
        9,
        3,
        16,
    ),
    (
        "for x in y:\n    def f():\n        break\n",
        "'break' outside loop",
        3,
        9,
        3,
        14,
    ),
    (
        "try:\n    pass\nfinally:\n    continue\n",
        "'continue' not properly in loop",
        4,
        5,
        4,
        13,
    ),
    (
        "while 1:\n    class C:\n        break\n",
        "'break' outside loop",
        3,
        9,
        3,
        14,
    ),
    ("a = *b\n", "can't use starred expression here", 1, 5, 1, 7),
];

#[test]
fn compiler_errors_match_cpython() {
    let mut failures = Vec::new();
    for &(src, msg, line, off, end_line, end_off) in CASES {
        let result = taipan_parser::parse(src.as_bytes(), "<test>", taipan_parser::Mode::Exec)
            .and_then(|m| compile(&m, "<test>", Mode::Exec, &CompileOptions::default()));
        let got = match result {
            Err(FrontendError::Syntax(e)) => e,
            other => {
                failures.push(format!(
                    "{:?}: expected SyntaxError {:?}, got {:?}",
                    src,
                    msg,
                    other.map(|_| ())
                ));
                continue;
            }
        };
        let pos_ok = got.lineno == line
            && got.offset == off
            && (end_line == 0 || got.end_lineno == end_line)
            && (end_off == 0 || i64::from(got.end_offset) == i64::from(end_off));
        if got.msg != msg || !pos_ok {
            failures.push(format!(
                "{:?}:\n  expected {:?} at {}:{}-{}:{}\n  got      {:?} at {}:{}-{}:{}",
                src,
                msg,
                line,
                off,
                end_line,
                end_off,
                got.msg,
                got.lineno,
                got.offset,
                got.end_lineno,
                got.end_offset
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // Built directly (the parser has its own limits): a chain of 100k
    // additions and a tower of 100k nested s.
    use taipan_ast::*;
    let loc = Loc {
        lineno: 1,
        col_offset: 0,
        end_lineno: 1,
        end_col_offset: 1,
    };
    let name = |s: &str| Expr {
        kind: ExprKind::Name {
            id: s.into(),
            ctx: ExprContext::Load,
        },
        loc,
    };
    let mut e = name("a");
    for _ in 0..100_000 {
        e = Expr {
            kind: ExprKind::BinOp {
                left: Box::new(e),
                op: Operator::Add,
                right: Box::new(name("b")),
            },
            loc,
        };
    }
    let m = Mod::Expression { body: Box::new(e) };
    let r = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let r = compile(&m, "<deep>", Mode::Eval, &CompileOptions::default());
            // Dropping a 100k-deep tree recurses too; leak it on purpose.
            std::mem::forget(m);
            r
        })
        .expect("spawn")
        .join()
        .expect("compiler must not overflow a 2 MiB stack");
    assert!(
        matches!(r, Err(FrontendError::Recursion(_))),
        "{:?}",
        r.map(|_| ())
    );
    // Just under the limit, every pass (symtable, folding, clone, code
    // generation, assembly) must fit in a 2 MiB stack.
    let near = (taipan_compiler::MAX_DEPTH - 10) as usize;
    let mut e = name("a");
    for _ in 0..near {
        e = Expr {
            kind: ExprKind::BinOp {
                left: Box::new(e),
                op: Operator::Add,
                right: Box::new(name("b")),
            },
            loc,
        };
    }
    let expr_module = Mod::Module {
        body: vec![Stmt {
            kind: StmtKind::Expr { value: Box::new(e) },
            loc,
        }],
        type_ignores: vec![],
    };
    let mut body = vec![Stmt {
        kind: StmtKind::Pass,
        loc,
    }];
    for _ in 0..near {
        body = vec![Stmt {
            kind: StmtKind::If {
                test: Box::new(name("c")),
                body,
                orelse: vec![],
            },
            loc,
        }];
    }
    let stmt_module = Mod::Module {
        body,
        type_ignores: vec![],
    };
    for m in [expr_module, stmt_module] {
        let r = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let r = compile(&m, "<near>", Mode::Exec, &CompileOptions::default()).map(|_| ());
                std::mem::forget(m);
                r
            })
            .expect("spawn")
            .join()
            .expect("no stack overflow just under the limit");
        assert!(r.is_ok(), "{:?}", r);
    }

    // Moderate nesting still compiles.

    let mut e = name("a");
    for _ in 0..200 {
        e = Expr {
            kind: ExprKind::BinOp {
                left: Box::new(e),
                op: Operator::Add,
                right: Box::new(name("b")),
            },
            loc,
        };
    }
    let m = Mod::Expression { body: Box::new(e) };
    assert!(compile(&m, "<ok>", Mode::Eval, &CompileOptions::default()).is_ok());
}

#[test]
fn valid_programs_compile() {
    for src in [
        "class C:\n    def f(self):\n        nonlocal __class__\n",
        "def f():\n    lambda: (yield)\n",
        "def f():\n    (x for x in (yield))\n",
        "import a.b as c\nfrom . import *\n",
        "async def f():\n    return [x async for x in y], (await z for z in w)\n",
        "def f():\n    x = 1\n    class C:\n        y = x\n        def g(self):\n            return x\n",
    ] {
        let m = taipan_parser::parse_str(src, "<ok>", taipan_parser::Mode::Exec).expect("parses");
        let r = compile(&m, "<ok>", Mode::Exec, &CompileOptions::default());
        assert!(r.is_ok(), "{:?}: {:?}", src, r.map(|_| ()));
    }
}
