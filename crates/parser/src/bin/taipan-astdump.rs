//! `taipan-astdump [--attrs] FILE...`: parses each file with Taipan's parser
//! and prints `==> PATH` followed by `ast.dump(...)` of the tree (or
//! `SyntaxError: msg (line N, offset M)`), so a script can compare many files
//! against CPython in one process (see tests/parser/compare_lib.py).
//! `--bench` parses the files without printing and reports MB/s;
//! `--mode=eval|single|func_type` picks the start rule;
//! `--full-errors` adds end positions and the text line to error reports.

use std::io::Write;
use taipan_ast::FrontendError;
use taipan_parser::{Mode, parse};

fn main() {
    let mut attrs = false;
    let mut bench = false;
    let mut full_errors = false;
    let mut mode = Mode::Exec;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--attrs" {
            attrs = true;
        } else if let Some(m) = a.strip_prefix("--mode=") {
            mode = match m {
                "eval" => Mode::Eval,
                "single" => Mode::Single,
                "func_type" => Mode::FuncType,
                _ => Mode::Exec,
            };
        } else if a == "--full-errors" {
            full_errors = true;
        } else if a == "--bench" {
            bench = true;
        } else {
            files.push(a);
        }
    }
    if bench {
        // `--bench`: parse every file (no dump) and report throughput.
        let srcs: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
        let bytes: usize = srcs.iter().map(|s| s.len()).sum();
        let t = std::time::Instant::now();
        let mut ok = 0;
        for (s, f) in srcs.iter().zip(&files) {
            if parse(s, f, Mode::Exec).is_ok() {
                ok += 1;
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{} files ({} ok), {:.1} MB in {:.3} s: {:.1} MB/s",
            srcs.len(),
            ok,
            bytes as f64 / 1e6,
            secs,
            bytes as f64 / 1e6 / secs
        );
        return;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for f in files {
        let _ = writeln!(out, "==> {f}");
        let src = match std::fs::read(&f) {
            Ok(s) => s,
            Err(e) => {
                let _ = writeln!(out, "IOError: {e}");
                continue;
            }
        };
        match parse(&src, &f, mode) {
            Ok(m) => {
                let _ = writeln!(out, "{}", taipan_ast::dump::dump(&m, attrs));
            }
            Err(FrontendError::Syntax(e)) | Err(FrontendError::Decode(e)) => {
                if full_errors {
                    let _ = writeln!(
                        out,
                        "{}: {} (line {}, offset {}, end {}:{}, text {})",
                        e.kind.class_name(),
                        e.msg,
                        e.lineno,
                        e.offset,
                        e.end_lineno,
                        e.end_offset,
                        quote(e.text.as_deref().unwrap_or(""))
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "{}: {} (line {}, offset {})",
                        e.kind.class_name(),
                        e.msg,
                        e.lineno,
                        e.offset
                    );
                }
            }
            Err(FrontendError::Bare(m)) => {
                let _ = writeln!(out, "SyntaxError: {m}");
            }
            Err(FrontendError::Memory(_)) => {
                let _ = writeln!(out, "MemoryError");
            }
            Err(FrontendError::Recursion(m)) => {
                let _ = writeln!(out, "RecursionError: {m}");
            }
        }
    }
}

/// JSON-style quoting (as Python's `json.dumps(..., ensure_ascii=False)`).
fn quote(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}
