//! Compiles every `.py` file of the installed CPython's standard library
//! (found with `python3 -c "import sysconfig; ..."`, or `TAIPAN_STDLIB`) and
//! checks that nothing panics, that every file the parser accepts compiles
//! (CPython compiles all of them), and that no code object has
//! inconsistent stack depths.  Prints the counts.

use std::path::{Path, PathBuf};
use std::process::Command;

use taipan_compiler::{CompileOptions, Mode, compile};

fn stdlib_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("TAIPAN_STDLIB") {
        return Some(PathBuf::from(p));
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let s = String::from_utf8(out.stdout).ok()?;
    let p = PathBuf::from(s.trim());
    if p.is_dir() { Some(p) } else { None }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name()
                .is_some_and(|n| n == "site-packages" || n == "__pycache__")
            {
                continue;
            }
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

#[test]
fn compile_stdlib() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("no CPython stdlib found; skipping");
        return;
    };
    let mut files = Vec::new();
    walk(&dir, &mut files);
    // The parser and compiler recurse; give them a big stack like the VM's main thread.
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let (mut parsed, mut compiled, mut parse_fail) = (0, 0, 0);
            let mut compile_time = std::time::Duration::ZERO;
            let mut bytes = 0usize;
            let mut failures = Vec::new();
            let mut mismatches = Vec::new();
            let opts = CompileOptions::default();
            for f in &files {
                let Ok(src) = std::fs::read(f) else { continue };
                let name = f.display().to_string();
                let module = match taipan_parser::parse(&src, &name, taipan_parser::Mode::Exec) {
                    Ok(m) => m,
                    Err(_) => {
                        parse_fail += 1;
                        continue;
                    }
                };
                parsed += 1;
                bytes += src.len();
                let t0 = std::time::Instant::now();
                let r = std::panic::catch_unwind(|| compile(&module, &name, Mode::Exec, &opts));
                compile_time += t0.elapsed();
                match r {
                    Ok(Ok(_)) => compiled += 1,
                    Ok(Err(e)) => failures.push(format!("{}: {:?}", name, e)),
                    Err(_) => failures.push(format!("{}: PANIC", name)),
                }
                if taipan_compiler::take_stack_depth_mismatch() {
                    mismatches.push(name);
                }
            }
            eprintln!(
                "compile time (AST -> code objects): {:.2?} for {:.1} MB of source",
                compile_time,
                bytes as f64 / 1e6
            );
            (
                files.len(),
                parsed,
                parse_fail,
                compiled,
                failures,
                mismatches,
            )
        })
        .expect("spawn");
    let (total, parsed, parse_fail, compiled, failures, mismatches) =
        handle.join().expect("no panic");
    eprintln!(
        "stdlib: {} files, {} parsed ({} rejected by the parser), {} compiled",
        total, parsed, parse_fail, compiled
    );
    for f in failures.iter().take(30) {
        eprintln!("  compile failure: {}", f);
    }
    for m in mismatches.iter().take(30) {
        eprintln!("  stack depth mismatch: {}", m);
    }
    // Files CPython itself rejects (lib2to3 test data, bad-syntax fixtures).
    let allowed = failures
        .iter()
        .filter(|f| f.contains("/test") || f.contains("lib2to3"))
        .count();
    assert!(
        failures.len() - allowed == 0,
        "{} stdlib files failed to compile",
        failures.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} files with stack depth mismatches",
        mismatches.len()
    );
}
