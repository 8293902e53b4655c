//! Unit tests of the matcher on code compiled by CPython 3.11's
//! `re._compiler` (the vectors below were generated with `python3`:
//! `[int(x) for x in _compiler._code(_parser.parse(p, 0), 0)]`, and the
//! expected spans are CPython's).  Every vector runs on the narrow path
//! (when the subject is ASCII) and on the wide (WTF-8) path.

use super::engine::State;
use super::prog::Prog;
use super::text::{Counter, Narrow, Text, Wide};

/// (pattern, code, groups, subject, mode, spans of groups 0..=groups; None: no match)
#[allow(clippy::type_complexity)]
pub const VECTORS: &[(&str, &[u32], usize, &str, &str, Option<&[(i64, i64)]>)] = &[
    (
        "a+b",
        &[
            14, 4, 0, 2, 4294967295, 24, 6, 1, 4294967295, 16, 97, 1, 16, 98, 1,
        ],
        0,
        "xaaab",
        "search",
        Some(&[(1, 5)]),
    ),
    (
        "(a|b)*c",
        &[
            14, 4, 0, 1, 4294967295, 23, 13, 0, 4294967295, 17, 0, 13, 5, 22, 97, 98, 0, 17, 1, 18,
            16, 99, 1,
        ],
        1,
        "ababc",
        "match",
        Some(&[(0, 5), (3, 4)]),
    ),
    (
        "(?<=a)b",
        &[14, 4, 0, 1, 1, 4, 5, 1, 16, 97, 1, 16, 98, 1],
        0,
        "ab",
        "search",
        Some(&[(1, 2)]),
    ),
    (
        "(\\w+)@(\\w+)",
        &[
            14, 4, 0, 3, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 1, 16,
            64, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 3, 1,
        ],
        2,
        "x joe@host",
        "search",
        Some(&[(2, 10), (2, 5), (6, 10)]),
    ),
    (
        "(?>a+)b",
        &[
            14, 4, 0, 2, 4294967295, 27, 9, 24, 6, 1, 4294967295, 16, 97, 1, 1, 16, 98, 1,
        ],
        0,
        "aaab",
        "search",
        Some(&[(0, 4)]),
    ),
    (
        "a++a",
        &[
            14, 4, 0, 2, 4294967295, 29, 6, 1, 4294967295, 16, 97, 1, 16, 97, 1,
        ],
        0,
        "aaa",
        "search",
        None,
    ),
    (
        "(a)?(?(1)b|c)",
        &[
            14, 4, 0, 1, 2, 23, 9, 0, 1, 17, 0, 16, 97, 17, 1, 18, 12, 0, 6, 16, 98, 15, 3, 16, 99,
            1,
        ],
        1,
        "c",
        "match",
        Some(&[(0, 1), (-1, -1)]),
    ),
    (
        "(?i)héllo",
        &[
            14, 4, 0, 5, 5, 40, 104, 40, 233, 40, 108, 40, 108, 40, 111, 1,
        ],
        0,
        "XX HÉLLO",
        "search",
        Some(&[(3, 8)]),
    ),
    (
        "x*",
        &[14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 120, 1, 1],
        0,
        "abc",
        "fullmatch",
        None,
    ),
    (
        "(a*)*b",
        &[
            14, 4, 0, 1, 4294967295, 23, 14, 0, 4294967295, 17, 0, 24, 6, 0, 4294967295, 16, 97, 1,
            17, 1, 18, 16, 98, 1,
        ],
        1,
        "aaaab",
        "match",
        Some(&[(0, 5), (4, 4)]),
    ),
    (
        "(?:(a)|b)*?c",
        &[
            14, 4, 0, 1, 4294967295, 23, 19, 0, 4294967295, 7, 9, 17, 0, 16, 97, 17, 1, 15, 7, 5,
            16, 98, 15, 2, 0, 19, 16, 99, 1,
        ],
        1,
        "abac",
        "match",
        Some(&[(0, 4), (2, 3)]),
    ),
    (
        "\\bfo+\\b",
        &[
            14, 4, 0, 2, 4294967295, 6, 10, 16, 102, 24, 6, 1, 4294967295, 16, 111, 1, 6, 10, 1,
        ],
        0,
        "a foo b",
        "search",
        Some(&[(2, 5)]),
    ),
    (
        "(a)\\1",
        &[14, 8, 1, 2, 2, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 11, 0, 1],
        1,
        "xaa",
        "search",
        Some(&[(1, 3), (1, 2)]),
    ),
    (
        "[^\\d\\s]+",
        &[
            14, 4, 0, 1, 4294967295, 24, 12, 1, 4294967295, 13, 7, 21, 8, 10, 8, 12, 0, 1, 1,
        ],
        0,
        "12 ab3",
        "search",
        Some(&[(3, 5)]),
    ),
    (
        "(?s).*$",
        &[14, 4, 0, 0, 4294967295, 24, 5, 0, 4294967295, 3, 1, 6, 5, 1],
        0,
        "é\nx",
        "match",
        Some(&[(0, 3)]),
    ),
    (
        "abc",
        &[
            14, 12, 3, 3, 3, 3, 3, 97, 98, 99, 0, 0, 0, 16, 97, 16, 98, 16, 99, 1,
        ],
        0,
        "xxabcx",
        "search",
        Some(&[(2, 5)]),
    ),
    (
        "(?m)^b",
        &[14, 4, 0, 1, 1, 6, 1, 16, 98, 1],
        0,
        "a\nb",
        "search",
        Some(&[(2, 3)]),
    ),
    (
        "(?:ab)*+ab",
        &[
            14, 4, 0, 2, 4294967295, 28, 7, 0, 4294967295, 16, 97, 16, 98, 1, 16, 97, 16, 98, 1,
        ],
        0,
        "abab",
        "match",
        None,
    ),
    (
        "(?<!é)x",
        &[14, 4, 0, 1, 1, 5, 5, 1, 16, 233, 1, 16, 120, 1],
        0,
        "éx ax",
        "search",
        Some(&[(4, 5)]),
    ),
    (
        "(a|ab)(c|bcd)(d*)",
        &[
            14, 8, 1, 2, 4294967295, 1, 0, 97, 0, 17, 0, 16, 97, 7, 3, 15, 7, 5, 16, 98, 15, 2, 0,
            17, 1, 17, 2, 7, 5, 16, 99, 15, 11, 9, 16, 98, 16, 99, 16, 100, 15, 2, 0, 17, 3, 17, 4,
            24, 6, 0, 4294967295, 16, 100, 1, 17, 5, 1,
        ],
        3,
        "abcd",
        "fullmatch",
        Some(&[(0, 4), (0, 1), (1, 4), (4, 4)]),
    ),
    (
        "<.*?>",
        &[
            14, 8, 1, 2, 4294967295, 1, 1, 60, 0, 16, 60, 26, 5, 0, 4294967295, 2, 1, 16, 62, 1,
        ],
        0,
        "a <b> <c>",
        "search",
        Some(&[(2, 5)]),
    ),
    (
        "x.{0,2}?y",
        &[
            14, 8, 1, 2, 4, 1, 1, 120, 0, 16, 120, 26, 5, 0, 2, 2, 1, 16, 121, 1,
        ],
        0,
        "x123y xy x1y",
        "search",
        Some(&[(6, 8)]),
    ),
    (
        "a[bc]*?c",
        &[
            14, 8, 1, 2, 4294967295, 1, 1, 97, 0, 16, 97, 26, 10, 0, 4294967295, 13, 5, 22, 98, 99,
            0, 1, 16, 99, 1,
        ],
        0,
        "abbbcc",
        "match",
        Some(&[(0, 5)]),
    ),
    (
        "a\\w*b",
        &[
            14, 8, 1, 2, 4294967295, 1, 1, 97, 0, 16, 97, 24, 9, 0, 4294967295, 13, 4, 8, 14, 0, 1,
            16, 98, 1,
        ],
        0,
        "aaxbxx",
        "match",
        Some(&[(0, 4)]),
    ),
    (
        "(?i)tHe",
        &[14, 4, 0, 3, 3, 40, 116, 40, 104, 40, 101, 1],
        0,
        "xx THE",
        "search",
        Some(&[(3, 6)]),
    ),
];

fn run<T: Text>(t: T, prog: &Prog, mode: &str, nchars: usize) -> Option<Vec<(i64, i64)>> {
    let len = t.bytes().len();
    let mut st = State::new(t, prog, 0, len);
    let ok = match mode {
        "search" => st.search(),
        "fullmatch" => {
            st.match_all = true;
            st.do_match()
        }
        _ => st.do_match(),
    }
    .expect("engine error");
    if !ok {
        return None;
    }
    let b = t.bytes();
    let conv = |u: usize| Counter::new(0, 0).to_char(b, u) as i64;
    let mut out = vec![(conv(st.start), conv(st.ptr))];
    for g in 1..=prog.groups {
        out.push(match st.group_span(g) {
            Some((s, e)) => (conv(s), conv(e)),
            None => (-1, -1),
        });
    }
    assert!(out.iter().all(|&(a, _)| a <= nchars as i64));
    Some(out)
}

#[test]
fn cpython_vectors() {
    for &(pat, code, groups, subject, mode, want) in VECTORS {
        let prog = Prog::new(code.to_vec(), groups);
        let want = want.map(|w| w.to_vec());
        let n = subject.chars().count();
        if subject.is_ascii() {
            let got = run(Narrow(subject.as_bytes()), &prog, mode, n);
            assert_eq!(got, want, "narrow {pat:?} on {subject:?}");
        }
        let got = run(Wide(subject.as_bytes()), &prog, mode, n);
        assert_eq!(got, want, "wide {pat:?} on {subject:?}");
    }
}

#[test]
fn deep_backtracking_uses_no_rust_stack() {
    // (a|b)*c over 200k characters: one frame per repetition, all on the heap.
    let (_, code, groups, ..) = VECTORS[1];
    let prog = Prog::new(code.to_vec(), groups);
    let mut s = "ab".repeat(100_000);
    s.push('c');
    let got = run(Narrow(s.as_bytes()), &prog, "match", s.len());
    assert_eq!(got.map(|v| v[0]), Some((0, s.len() as i64)));
}

#[test]
fn malformed_code_is_an_error_not_a_panic() {
    for code in [
        &[99u32][..],
        &[17, 7, 1],
        &[19],
        &[7, 3, 16],
        &[24, 1000, 0, 5],
    ] {
        let prog = Prog::new(code.to_vec(), 0);
        let mut st = State::new(Narrow(b"abc"), &prog, 0, 3);
        let _ = st.do_match();
        let _ = st.search();
    }
}
