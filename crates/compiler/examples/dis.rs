//! Prints Taipan's disassembly of a Python file: `cargo run --example dis -- FILE [exec|eval|single]`.

use taipan_compiler::{CompileOptions, Mode, compile};

/// One line per instruction: `name index lineno end_lineno col end_col`
/// (None for missing values), then nested code objects.
fn print_positions(code: &taipan_bytecode::CodeObject) {
    let show = |v: u32, missing: u32| {
        if v == missing {
            "None".to_string()
        } else {
            v.to_string()
        }
    };
    for (i, p) in code.positions.iter().enumerate() {
        if code.code[i].op_byte() == taipan_bytecode::Opcode::EXTENDED_ARG as u8 {
            continue;
        }
        println!(
            "{} {} {} {} {} {}",
            code.name,
            i,
            show(p.lineno, 0),
            show(p.end_lineno, 0),
            show(p.col, u32::MAX),
            show(p.end_col, u32::MAX)
        );
    }
    for c in &code.consts {
        if let taipan_bytecode::Constant::Code(inner) = c {
            print_positions(inner);
        }
    }
}

/// One line per code object with its metadata, for comparison with CPython.
fn print_meta(code: &taipan_bytecode::CodeObject) {
    let v: Vec<&str> = code.varnames().collect();
    let c: Vec<&str> = code.cellvars().collect();
    let f: Vec<&str> = code.freevars().collect();
    println!(
        "{} {} stack={} flags={:#x} args={}/{}/{} varnames={:?} cellvars={:?} freevars={:?} names={:?} qualname={}",
        code.name,
        code.firstlineno,
        code.stacksize,
        code.flags.0,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        v,
        c,
        f,
        code.names,
        code.qualname
    );
    for k in &code.consts {
        if let taipan_bytecode::Constant::Code(inner) = k {
            print_meta(inner);
        }
    }
}

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
        Ok(code) => {
            if std::env::var("DIS_META").is_ok() {
                print_meta(&code);
            } else if std::env::var("DIS_POSITIONS").is_ok() {
                print_positions(&code);
            } else {
                print!("{}", taipan_bytecode::dis::disassemble(&code));
            }
        }
        Err(e) => {
            println!("{:?}", e);
            std::process::exit(1);
        }
    }
}
