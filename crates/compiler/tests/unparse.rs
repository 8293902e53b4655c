//! `taipan_ast::unparse::unparse_expr` against CPython 3.11's
//! `ast.unparse` (expected strings produced by python3), plus the
//! annotation strings stored under `from __future__ import annotations`.

use taipan_ast::Mod;

const CASES: &[(&str, &str)] = &[
    ("int", "int"),
    ("list[int]", "list[int]"),
    ("dict[str, int | None]", "dict[str, int | None]"),
    ("Callable[[int], str]", "Callable[[int], str]"),
    ("tuple[int, ...]", "tuple[int, ...]"),
    ("a.b.c", "a.b.c"),
    ("'quoted'", "'quoted'"),
    ("\"dq\"", "'dq'"),
    ("1 + 2 * 3", "1 + 2 * 3"),
    ("(1 + 2) * 3", "(1 + 2) * 3"),
    ("-x ** 2", "-x ** 2"),
    ("(-x) ** 2", "(-x) ** 2"),
    ("x ** -y", "x ** (-y)"),
    ("not a and b or c", "not a and b or c"),
    ("a if b else c", "a if b else c"),
    ("lambda: 1", "lambda: 1"),
    ("lambda x, *a, k=1, **kw: x", "lambda x, *a, k=1, **kw: x"),
    ("[x for x in y if x]", "[x for x in y if x]"),
    ("{k: v for k, v in z}", "{k: v for k, v in z}"),
    ("{1, 2}", "{1, 2}"),
    ("{}", "{}"),
    ("{'a': 1, **b}", "{'a': 1, **b}"),
    ("(1,)", "(1,)"),
    ("()", "()"),
    ("a[1:2, ::3]", "a[1:2, ::3]"),
    ("a[b, c]", "a[b, c]"),
    ("f(*a, **k, x=1)", "f(*a, **k, x=1)"),
    ("(x := 1)", "(x := 1)"),
    ("await y", "await y"),
    ("f'{x!r:>{w}} and {y}'", "f'{x!r:>{w}} and {y}'"),
    ("b'bytes'", "b'bytes'"),
    ("1.5e300", "1.5e+300"),
    ("1e400", "1e309"),
    ("3j", "3j"),
    ("1 < 2 <= 3", "1 < 2 <= 3"),
    ("a is not b", "a is not b"),
    ("a not in b", "a not in b"),
    ("~a", "~a"),
    ("+a", "+a"),
    ("...", "..."),
    ("None", "None"),
    ("True", "True"),
    ("x @ y", "x @ y"),
    ("a // b % c", "a // b % c"),
    ("a << b >> c", "a << b >> c"),
    ("a | b ^ c & d", "a | b ^ c & d"),
    ("(yield)", "(yield)"),
    ("a[:]", "a[:]"),
    ("'\\n'", "'\\n'"),
    ("'it\\'s'", "\"it's\""),
    ("f'{a}' 'b'", "f'{a}b'"),
    ("[*a, *b]", "[*a, *b]"),
    ("(a, b)", "(a, b)"),
    ("a, b", "(a, b)"),
];

#[test]
fn unparse_matches_cpython() {
    let mut failures = Vec::new();
    for &(src, expected) in CASES {
        let m = taipan_parser::parse_str(src, "<u>", taipan_parser::Mode::Eval).expect("parses");
        let Mod::Expression { body } = &m else {
            panic!("eval mode gives an Expression")
        };
        let got = taipan_ast::unparse::unparse_expr(body).to_string_lossy();
        if got != expected {
            failures.push(format!("{:?}: expected {:?}, got {:?}", src, expected, got));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn future_annotations_become_strings() {
    use taipan_bytecode::Constant;
    let src =
        "from __future__ import annotations\ndef f(a: dict[str, int | None]) -> x ** -y: pass\n";
    let m = taipan_parser::parse_str(src, "<a>", taipan_parser::Mode::Exec).expect("parses");
    let code =
        taipan_compiler::compile(&m, "<a>", taipan_compiler::Mode::Exec, &Default::default())
            .expect("compiles");
    let mut strings = Vec::new();
    for c in &code.consts {
        if let Constant::Tuple(items) = c {
            for i in items {
                if let Constant::Str(s) = i {
                    strings.push(s.to_string_lossy());
                }
            }
        }
    }
    assert!(
        strings.contains(&"dict[str, int | None]".to_string()),
        "{:?}",
        strings
    );
    assert!(strings.contains(&"x ** (-y)".to_string()), "{:?}", strings);
}
