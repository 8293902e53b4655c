//! Prints Taipan's disassembly of a Python file: `cargo run --example dis -- FILE [exec|eval|single]`.

use taipan_compiler::{CompileOptions, Mode, compile};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: dis FILE [exec|eval|single]");
        std::process::exit(2);
    };
    let (pmode, mode) = match args.get(2).map(|s| s.as_str()) {
        Some("eval") => (taipan_parser::Mode::Eval, Mode::Eval),
        Some("single") => (taipan_parser::Mode::Single, Mode::Single),
        _ => (taipan_parser::Mode::Exec, Mode::Exec),
    };
    let src = match std::fs::read(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}: {}", path, e);
            std::process::exit(1);
        }
    };
    let result = taipan_parser::parse(&src, path, pmode)
        .and_then(|m| compile(&m, path, mode, &CompileOptions::default()));
    match result {
        Ok(code) => print!("{}", taipan_bytecode::dis::disassemble(&code)),
        Err(e) => {
            println!("{:?}", e);
            std::process::exit(1);
        }
    }
}
