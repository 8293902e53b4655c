//! Computes `TAIPAN_CODE_FORMAT_ID`: a hash of the sources of every crate
//! that decides what a compiled code object contains (ast, parser,
//! compiler, bytecode).  Serialized code (`__pycache__/*.taipan-311.pyc`)
//! records it, and a cache file written by a Taipan built from other
//! sources is never loaded: its bytecode could mean something else.

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let crates = here.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut files = Vec::new();
    for c in ["ast", "parser", "compiler", "bytecode"] {
        let src = crates.join(c).join("src");
        println!("cargo:rerun-if-changed={}", src.display());
        collect(&src, &mut files);
    }
    files.sort();
    // FNV-1a, 64 bits: a build identifier, not a security measure.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        let rel = f.strip_prefix(&crates).unwrap_or(f);
        let data = std::fs::read(f).unwrap_or_default();
        for b in rel.to_string_lossy().bytes().chain(data) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=TAIPAN_CODE_FORMAT_ID={h}");
}
