//! `taipan-astdump [--attrs] FILE...`: parses each file with Taipan's parser
//! and prints `==> PATH` followed by `ast.dump(...)` of the tree (or
//! `SyntaxError: msg (line N, offset M)`), so a script can compare many files
//! against CPython in one process (see tests/parser/compare_lib.py).

use std::io::Write;
use taipan_ast::FrontendError;
use taipan_parser::{Mode, parse};

fn main() {
    let mut attrs = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--attrs" {
            attrs = true;
        } else {
            files.push(a);
        }
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
        match parse(&src, &f, Mode::Exec) {
            Ok(m) => {
                let _ = writeln!(out, "{}", taipan_ast::dump::dump(&m, attrs));
            }
            Err(FrontendError::Syntax(e)) | Err(FrontendError::Decode(e)) => {
                let _ = writeln!(
                    out,
                    "{}: {} (line {}, offset {})",
                    e.kind.class_name(),
                    e.msg,
                    e.lineno,
                    e.offset
                );
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
