//! Text-in/text-out tests: every `tests/dis/NAME.py` is parsed, compiled
//! and disassembled, and the listing must equal `tests/dis/NAME.dis`.
//! Regenerate the expected files with `UPDATE_DIS=1 cargo test -p
//! taipan-compiler --test dis_listings` (and review the diff).
//!
//! A first-line comment may set the mode (`# mode: single` / `# mode: eval`)
//! or the optimisation level (`# optimize: 2`).

use std::path::PathBuf;

use taipan_compiler::{CompileOptions, Mode, compile};

fn listing(path: &std::path::Path) -> String {
    let src = std::fs::read_to_string(path).expect("read test source");
    let first = src.lines().next().unwrap_or("");
    let (mut pmode, mut mode) = (taipan_parser::Mode::Exec, Mode::Exec);
    let mut opts = CompileOptions::default();
    if let Some(m) = first.strip_prefix("# mode: ") {
        match m.trim() {
            "single" => (pmode, mode) = (taipan_parser::Mode::Single, Mode::Single),
            "eval" => (pmode, mode) = (taipan_parser::Mode::Eval, Mode::Eval),
            _ => {}
        }
    }
    if let Some(o) = first.strip_prefix("# optimize: ") {
        opts.optimize = o.trim().parse().unwrap_or(0);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let module = taipan_parser::parse(src.as_bytes(), &name, pmode).expect("test source parses");
    match compile(&module, &name, mode, &opts) {
        Ok(code) => {
            assert!(
                !taipan_compiler::take_stack_depth_mismatch(),
                "{}: stack depth mismatch",
                name
            );
            taipan_bytecode::dis::disassemble(&code)
        }
        Err(e) => format!("error: {:?}\n", e),
    }
}

#[test]
fn dis_listings() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dis");
    let update = std::env::var("UPDATE_DIS").is_ok_and(|v| v == "1");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/dis exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let mut failures = Vec::new();
    for p in &paths {
        let got = listing(p);
        let expected_path = p.with_extension("dis");
        if update {
            std::fs::write(&expected_path, &got).expect("write expected listing");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!(
                "{}:\n{}",
                p.display(),
                first_difference(&expected, &got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "listings differ (UPDATE_DIS=1 regenerates):\n{}",
        failures.join("\n")
    );
}

fn first_difference(expected: &str, got: &str) -> String {
    for (i, (e, g)) in expected.lines().zip(got.lines()).enumerate() {
        if e != g {
            return format!("  line {}:\n  expected: {}\n  got:      {}", i + 1, e, g);
        }
    }
    format!(
        "  lengths differ: expected {} lines, got {}",
        expected.lines().count(),
        got.lines().count()
    )
}
