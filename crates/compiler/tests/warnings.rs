//! `SyntaxWarning`s from `compile_with_warnings` against CPython 3.11's
//! (table produced by compiling each source under
//! `warnings.catch_warnings(record=True)`).

use taipan_compiler::{CompileOptions, Mode, compile_with_warnings};

const CASES: &[(&str, &[(&str, u32)])] = &[
    (
        "x is 1\n",
        &[("\"is\" with a literal. Did you mean \"==\"?", 1)],
    ),
    (
        "x is not ()\n",
        &[("\"is not\" with a literal. Did you mean \"!=\"?", 1)],
    ),
    (
        "1 is x is None\n",
        &[("\"is\" with a literal. Did you mean \"==\"?", 1)],
    ),
    (
        "assert (x, 'msg')\n",
        &[("assertion is always true, perhaps remove parentheses?", 1)],
    ),
    (
        "(1, 2)(3)\n",
        &[(
            "'tuple' object is not callable; perhaps you missed a comma?",
            1,
        )],
    ),
    ("[1][x]\n", &[]),
    (
        "5[0]\n",
        &[(
            "'int' object is not subscriptable; perhaps you missed a comma?",
            1,
        )],
    ),
    (
        "'abc'['x']\n",
        &[(
            "str indices must be integers or slices, not str; perhaps you missed a comma?",
            1,
        )],
    ),
    (
        "[1, 2] ['a']\n",
        &[(
            "list indices must be integers or slices, not str; perhaps you missed a comma?",
            1,
        )],
    ),
    (
        "f'{x}'()\n",
        &[(
            "'str' object is not callable; perhaps you missed a comma?",
            1,
        )],
    ),
    (
        "if x is 'a': pass\n",
        &[("\"is\" with a literal. Did you mean \"==\"?", 1)],
    ),
    ("x is None\n", &[]),
    (
        "{1}[0]\n",
        &[(
            "'set' object is not subscriptable; perhaps you missed a comma?",
            1,
        )],
    ),
    (
        "(x for x in y)[0]\n",
        &[(
            "'generator' object is not subscriptable; perhaps you missed a comma?",
            1,
        )],
    ),
    ("x[1]\n", &[]),
];

#[test]
fn warnings_match_cpython() {
    let mut failures = Vec::new();
    for &(src, expected) in CASES {
        let m = taipan_parser::parse_str(src, "<w>", taipan_parser::Mode::Exec).expect("parses");
        let (_, ws) = compile_with_warnings(&m, "<w>", Mode::Exec, &CompileOptions::default())
            .expect("compiles");
        let got: Vec<(String, u32)> = ws.into_iter().map(|w| (w.msg, w.lineno)).collect();
        let want: Vec<(String, u32)> = expected.iter().map(|(m, l)| (m.to_string(), *l)).collect();
        if got != want {
            failures.push(format!("{:?}: expected {:?}, got {:?}", src, want, got));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
