//! Unit tests of the whole front end: trees (compared through `dump`),
//! SyntaxError messages/locations checked against CPython 3.11, depth limits,
//! and a no-panic test over mutated real source files.

use super::*;

fn d(src: &str) -> String {
    match parse_str(src, "<test>", Mode::Exec) {
        Ok(m) => taipan_ast::dump::dump(&m, false),
        Err(e) => format!("ERR {e:?}"),
    }
}

/// (class, msg, lineno, offset) of the error for `src`.
fn err(src: &str) -> (String, String, u32, u32) {
    match parse_str(src, "<test>", Mode::Exec) {
        Err(FrontendError::Syntax(e)) => {
            (e.kind.class_name().to_owned(), e.msg, e.lineno, e.offset)
        }
        other => ("none".into(), format!("{other:?}"), 0, 0),
    }
}

fn run_big_stack(f: impl FnOnce() + Send + 'static) {
    // The limits are designed for an 8 MB stack (the main thread's usual size).
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn simple_trees() {
    assert_eq!(
        d("x = 1\n"),
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"
    );
    assert_eq!(
        d("f'{x!r:>{w}}'"),
        "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, \
         format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), \
         conversion=-1)]))]))], type_ignores=[])"
    );
    assert_eq!(
        d("match x:\n case [1, *r] if r: pass\n"),
        "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchSequence(patterns=[\
         MatchValue(value=Constant(value=1)), MatchStar(name='r')]), guard=Name(id='r', ctx=Load()), body=[Pass()])])], \
         type_ignores=[])"
    );
    // `match` is only a keyword where a match statement parses.
    assert!(d("match = 1\nmatch.x(2)\n").starts_with("Module(body=[Assign"));
    assert_eq!(
        taipan_ast::dump::dump(&parse_str("1 + 2j", "<t>", Mode::Eval).unwrap(), true),
        "Expression(body=BinOp(left=Constant(value=1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), \
         op=Add(), right=Constant(value=2j, lineno=1, col_offset=4, end_lineno=1, end_col_offset=6), lineno=1, \
         col_offset=0, end_lineno=1, end_col_offset=6))"
    );
}

#[test]
fn positions_of_groups() {
    // `(a) + b`: the BinOp starts at the parenthesis, `a` after it.
    let m = parse_str("(a) + b", "<t>", Mode::Eval).unwrap();
    let s = taipan_ast::dump::dump(&m, true);
    assert!(s.starts_with(
        "Expression(body=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=1,"
    ));
    assert!(s.ends_with("lineno=1, col_offset=0, end_lineno=1, end_col_offset=7))"));
}

#[test]
fn error_messages() {
    let cases: &[(&str, &str, &str, u32, u32)] = &[
        (
            "f() = 1",
            "SyntaxError",
            "cannot assign to function call here. Maybe you meant '==' instead of '='?",
            1,
            1,
        ),
        (
            "x = f() = 1",
            "SyntaxError",
            "cannot assign to function call",
            1,
            5,
        ),
        (
            "(a, 1) = 2",
            "SyntaxError",
            "cannot assign to literal",
            1,
            5,
        ),
        (
            "a + 1 += 1",
            "SyntaxError",
            "'expression' is an illegal expression for augmented assignment",
            1,
            1,
        ),
        ("  x", "IndentationError", "unexpected indent", 1, 2),
        (
            "if x:\npass",
            "IndentationError",
            "expected an indented block after 'if' statement on line 1",
            2,
            1,
        ),
        (
            "if x:\n  a\n b",
            "IndentationError",
            "unindent does not match any outer indentation level",
            3,
            3,
        ),
        (
            "if x:\n\ta\n        b",
            "TabError",
            "inconsistent use of tabs and spaces in indentation",
            3,
            1,
        ),
        ("def f(:\n pass", "SyntaxError", "invalid syntax", 1, 7),
        (
            "print \"x\"",
            "SyntaxError",
            "Missing parentheses in call to 'print'. Did you mean print(...)?",
            1,
            1,
        ),
        (
            "f(a b)",
            "SyntaxError",
            "invalid syntax. Perhaps you forgot a comma?",
            1,
            3,
        ),
        ("f(a, b", "SyntaxError", "'(' was never closed", 1, 2),
        (
            "x = [1, 2)",
            "SyntaxError",
            "closing parenthesis ')' does not match opening parenthesis '['",
            1,
            10,
        ),
        (")", "SyntaxError", "unmatched ')'", 1, 1),
        (
            "x = \"abc",
            "SyntaxError",
            "unterminated string literal (detected at line 1)",
            1,
            5,
        ),
        (
            "x = \"\"\"ab\n\nc",
            "SyntaxError",
            "unterminated triple-quoted string literal (detected at line 3)",
            1,
            5,
        ),
        ("x = 1abc", "SyntaxError", "invalid decimal literal", 1, 5),
        ("x = 0x", "SyntaxError", "invalid hexadecimal literal", 1, 6),
        (
            "a€b = 1",
            "SyntaxError",
            "invalid character '€' (U+20AC)",
            1,
            2,
        ),
        (
            "a\u{a0}= 1",
            "SyntaxError",
            "invalid non-printable character U+00A0",
            1,
            2,
        ),
        ("f\"{x\"", "SyntaxError", "f-string: expecting '}'", 1, 6),
        (
            "def f(a=1, b): pass",
            "SyntaxError",
            "non-default argument follows default argument",
            1,
            12,
        ),
        (
            "f(a=1, b)",
            "SyntaxError",
            "positional argument follows keyword argument",
            1,
            9,
        ),
        ("for x in y", "SyntaxError", "expected ':'", 1, 11),
        ("x = 1 +", "SyntaxError", "invalid syntax", 1, 8),
        (
            "x = yield = 3",
            "SyntaxError",
            "assignment to yield expression not possible",
            1,
            5,
        ),
        (
            "x = {1: 2, 3}",
            "SyntaxError",
            "':' expected after dictionary key",
            1,
            12,
        ),
        (
            "'a' b'b'",
            "SyntaxError",
            "cannot mix bytes and nonbytes literals",
            1,
            9,
        ),
        (
            "x = 1 \\\n",
            "SyntaxError",
            "unexpected EOF while parsing",
            1,
            8,
        ),
        (
            "x = \\ 1",
            "SyntaxError",
            "unexpected character after line continuation character",
            1,
            6,
        ),
        (
            "try:\n  pass\n",
            "SyntaxError",
            "expected 'except' or 'finally' block",
            2,
            7,
        ),
        (
            "\tif x:\n        pass",
            "IndentationError",
            "unexpected indent",
            1,
            1,
        ),
    ];
    for &(src, class, msg, line, off) in cases {
        assert_eq!(
            err(src),
            (class.to_owned(), msg.to_owned(), line, off),
            "{src:?}"
        );
    }
}

#[test]
fn nesting_limits() {
    run_big_stack(|| {
        let e = |s: String| parse_str(&s, "<t>", Mode::Exec).err();
        assert_eq!(
            e("-".repeat(100_000) + "1"),
            Some(FrontendError::Memory(String::new()))
        );
        assert_eq!(
            e("not ".repeat(10_000) + "x"),
            Some(FrontendError::Memory(String::new()))
        );
        assert!(
            matches!(e("(".repeat(1000)), Some(FrontendError::Syntax(s)) if s.msg == "too many nested parentheses" && s.offset == 201)
        );
        assert!(
            matches!(e("[".repeat(300) + &"]".repeat(300)), Some(FrontendError::Syntax(s)) if s.msg == "too many nested parentheses")
        );
        assert!(matches!(
            e("a.".repeat(200_000) + "b"),
            Some(FrontendError::Recursion(_))
        ));
        assert!(matches!(
            e("1".to_owned() + &"+1".repeat(200_000)),
            Some(FrontendError::Recursion(_))
        ));
        // Deep but allowed trees are built and dropped without overflow.
        assert_eq!(e("-".repeat(5000) + "1"), None);
        assert_eq!(e("lambda:".repeat(2900) + "1"), None);
        assert_eq!(e("(".repeat(200) + &")".repeat(200)), None);
        assert_eq!(e("x".to_owned() + &"[0]".repeat(5000)), None);
        let nested_ifs: String = (0..99)
            .map(|i| " ".repeat(i) + "if 1:\n")
            .collect::<String>()
            + &" ".repeat(99)
            + "pass\n";
        assert_eq!(e(nested_ifs), None);
        // Right at the depth limit, in every recursive form: an error or a
        // tree, but no stack overflow.
        for src in [
            "1 if 2 else ".repeat(6100) + "3",
            "-".repeat(6100) + "1",
            "not ".repeat(6100) + "1",
            "lambda:".repeat(6100) + "1",
            "2".to_owned() + &"**2".repeat(6100),
            "await ".repeat(6100) + "x",
            "x := ".repeat(3000) + "1",
            "*".repeat(6100) + "a = 1",
            "match x:\n case ".to_owned() + &"[".repeat(199) + &"]".repeat(199) + ": pass\n",
            "f'{".to_owned() + &"(".repeat(199) + "1" + &")".repeat(199) + "}'",
        ] {
            let _ = e(src);
        }
    });
}

/// Feeds truncations and byte mutations of real source files (this crate's
/// own sources and CPython's Lib when present) to the parser: every input
/// must give Ok or Err, never a panic.  `TAIPAN_FUZZ_ITERS` / `TAIPAN_FUZZ_FILES`
/// scale it up for a longer run.
#[test]
fn mutations_never_panic() {
    run_big_stack(|| {
        let env = |k: &str, d: usize| {
            std::env::var(k)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(d)
        };
        let n_files = env("TAIPAN_FUZZ_FILES", 25);
        let iters = env("TAIPAN_FUZZ_ITERS", 40);
        let mut files: Vec<Vec<u8>> = Vec::new();
        for dir in [
            concat!(env!("CARGO_MANIFEST_DIR"), "/src"),
            "/usr/lib/python3.11",
            "/root/.pyenv/versions/3.11.7/lib/python3.11",
        ] {
            if let Ok(rd) = std::fs::read_dir(dir) {
                let mut names: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
                names.sort();
                for p in names
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|x| x == "py" || x == "rs"))
                    .take(n_files)
                {
                    if let Ok(b) = std::fs::read(&p) {
                        files.push(b);
                    }
                }
            }
        }
        files.push(b"def f(a, *, b=1, **k):\n    return [x async for x in y if (z := x)]\nmatch p:\n case {1: _, **r}: pass\n".to_vec());
        let mut seed: u64 = 0x9E3779B97F4A7C15;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let specials = b"()[]{}:;,.'\"\\\n\t #=*@f{}-+!$\x00\xff";
        for src in &files {
            for _ in 0..iters {
                let mut m = src.clone();
                for _ in 0..(1 + rnd() % 3) {
                    let n = m.len().max(1);
                    match rnd() % 4 {
                        0 => m.truncate((rnd() as usize) % n),
                        1 => {
                            let i = (rnd() as usize) % n;
                            if i < m.len() {
                                m[i] = specials[(rnd() as usize) % specials.len()];
                            }
                        }
                        2 => {
                            let i = (rnd() as usize) % n;
                            if i < m.len() {
                                m.insert(i, specials[(rnd() as usize) % specials.len()]);
                            }
                        }
                        _ => {
                            let i = (rnd() as usize) % n;
                            let j = (i + (rnd() as usize) % 64).min(m.len());
                            if i < j {
                                m.drain(i..j);
                            }
                        }
                    }
                }
                let _ = parse(&m, "<fuzz>", Mode::Exec);
            }
        }
    });
}

/// Random "token soup" from Python fragments, in all four modes: never a panic.
#[test]
fn token_soup_never_panics() {
    run_big_stack(|| {
        let frags: &[&str] = &[
            "x",
            "y",
            "_",
            "match",
            "case",
            "async",
            "await",
            "lambda",
            "def",
            "class",
            "if",
            "elif",
            "else",
            "for",
            "in",
            "not",
            "is",
            "and",
            "or",
            "while",
            "try",
            "except",
            "except*",
            "finally",
            "with",
            "as",
            "from",
            "import",
            "yield",
            "return",
            "del",
            "global",
            "nonlocal",
            "pass",
            "raise",
            "None",
            "True",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            ";",
            ".",
            "...",
            "=",
            ":=",
            "==",
            "+",
            "-",
            "*",
            "**",
            "/",
            "//",
            "@",
            "|",
            "&",
            "^",
            "~",
            "<",
            ">",
            "->",
            "+=",
            "\n",
            "\n    ",
            "\n\t",
            "\\\n",
            "1",
            "0x1f",
            "1_0",
            "1.5e3j",
            "09",
            "'s'",
            "\"t\"",
            "b'x'",
            "rb'\\x'",
            "'''m\nl'''",
            "f'{x}'",
            "f'{x!r:>{y}}'",
            "f'{'",
            "f'}'",
            "f'{x=}'",
            "u'\\N{EURO SIGN}'",
            "'\\x4'",
            "#c",
            " ",
            "€",
            "\u{a0}",
        ];
        let mut seed: u64 = 0x2545F4914F6CDD1D;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let n = std::env::var("TAIPAN_FUZZ_ITERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000usize);
        for _ in 0..n {
            let len = 1 + rnd() % 40;
            let mut src = String::new();
            for _ in 0..len {
                src.push_str(frags[(rnd() as usize) % frags.len()]);
                if rnd() % 3 == 0 {
                    src.push(' ');
                }
            }
            for mode in [Mode::Exec, Mode::Eval, Mode::Single, Mode::FuncType] {
                let _ = parse_str(&src, "<soup>", mode);
            }
        }
    });
}

/// Every case of tests/parser/compare_errors.py against CPython 3.11's
/// verdict (testdata/syntax_errors.txt, made by gen_error_goldens.py).
#[test]
fn syntax_error_goldens() {
    let data = include_str!("testdata/syntax_errors.txt");
    let known: [&str; 0] = [];
    let mut bad = Vec::new();
    for line in data.lines() {
        let Some((hex, verdict)) = line.split_once('\t') else {
            continue;
        };
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect();
        let src = String::from_utf8(bytes).unwrap_or_default();
        if known.contains(&src.as_str()) {
            continue;
        }
        let got = match parse_str(&src, "<golden>", Mode::Exec) {
            Ok(_) => "OK".to_owned(),
            Err(FrontendError::Syntax(e)) => format!(
                "{}|{}|{}|{}|{}|{}",
                e.kind.class_name(),
                e.lineno,
                e.offset,
                e.end_lineno,
                e.end_offset,
                e.msg
            ),
            Err(e) => format!("{e:?}"),
        };
        if got != verdict {
            bad.push(format!("{src:?}\n   want {verdict}\n   got  {got}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// compile(src, '<i>', 'single', PyCF_ALLOW_INCOMPLETE_INPUT | PyCF_DONT_IMPLY_DEDENT)
/// as CPython 3.11 answers it (what `codeop` and the REPL rely on).
#[test]
fn incomplete_input() {
    let opts = ParseOptions {
        allow_incomplete: true,
        dont_imply_dedent: true,
    };
    let cases: &[(&str, &str)] = &[
        ("if x:", "incomplete input 1 5"),
        ("if x:\n  pass", "incomplete input 2 6"),
        ("if x:\n  pass\n", "ok"),
        ("if x:\n  pass\n\n", "ok"),
        ("x = (1,", "incomplete input 1 7"),
        ("x = 1 +", "incomplete input 1 7"),
        ("x = 1", "ok"),
        ("x = 1\n", "ok"),
        ("\"\"\"abc", "incomplete input 1 1"),
        ("\"abc", "incomplete input 1 1"),
        ("def f():\n  return 1\n", "ok"),
        ("@dec", "incomplete input 1 4"),
        ("for x in y:\n  pass\nelse:", "incomplete input 3 5"),
        ("x = [1,\n2]", "ok"),
        ("class A:\n  def f(self):\n    pass\n", "ok"),
        ("print(1))", "unmatched ')' 1 9"),
        ("1 +* 2", "invalid syntax 1 4"),
        ("try:\n  pass\nexcept:\n  pass\n", "ok"),
        ("match x:\n  case 1:\n    pass\n", "ok"),
        ("x = f'{", "incomplete input 1 5"),
        ("lambda:", "incomplete input 1 7"),
        ("x.", "incomplete input 1 2"),
        ("import", "incomplete input 1 6"),
    ];
    for &(src, want) in cases {
        let got = match parse_str_with(src, "<i>", Mode::Single, opts) {
            Ok(_) => "ok".to_owned(),
            Err(FrontendError::Syntax(e)) => format!("{} {} {}", e.msg, e.lineno, e.offset),
            Err(e) => format!("{e:?}"),
        };
        assert_eq!(got, want, "{src:?}");
    }
}

/// testdata/corpus.py (every statement and expression form, f-string and
/// literal corner cases) must dump exactly as CPython 3.11 dumped it
/// (testdata/corpus.dump, from tests/parser/gen_corpus_dump.py).
#[test]
fn corpus_matches_cpython_dump() {
    let src = include_str!("testdata/corpus.py");
    let want = include_str!("testdata/corpus.dump").trim_end();
    let m = parse_str(src, "corpus.py", Mode::Exec).expect("corpus parses");
    let got = taipan_ast::dump::dump(&m, true);
    if got != want {
        let i = got
            .bytes()
            .zip(want.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(want.len()));
        let lo = i.saturating_sub(200);
        panic!(
            "differs at byte {i}:\n got: {}\nwant: {}",
            &got[lo..(i + 200).min(got.len())],
            &want[lo..(i + 200).min(want.len())]
        );
    }
}

/// Compile-time warnings as CPython 3.11 issues them (`python3 -W always`).
#[test]
fn warnings() {
    let src = "x = \"a\\d\"\ny = b\"\\q\"\nz = 1if 1else 2\nw = f\"\\d{x}\"\nv = \"\"\"\n\\d\"\"\"\nok = r\"\\d\"\n";
    let mut w = Vec::new();
    assert!(
        parse_str_with_warnings(src, "w.py", Mode::Exec, ParseOptions::default(), &mut w).is_ok()
    );
    let got: Vec<String> = w
        .iter()
        .map(|w| format!("{}:{:?}:{}", w.lineno, w.category, w.message))
        .collect();
    assert_eq!(
        got,
        [
            "1:Deprecation:invalid escape sequence '\\d'",
            "2:Deprecation:invalid escape sequence '\\q'",
            "3:Syntax:invalid decimal literal",
            "3:Syntax:invalid decimal literal",
            "4:Deprecation:invalid escape sequence '\\d'",
            "5:Deprecation:invalid escape sequence '\\d'",
        ]
    );
}
