//! Differential tests of the numeric types and the `math` module against
//! CPython 3.11: `testdata/num_cases.txt` (made by `gen_num_cases.py`)
//! lists operations with CPython's `repr` of the result or its exception.

use crate::protocol::object as proto;
use crate::types::complex::complex_ref;
use crate::types::float::{float_ref, parse_hex_float};
use crate::types::int::int_from_bigint;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::{Config, Vm};
use taipan_bytecode::{BinaryOp, CompareOp};

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn decode(arg: &str) -> PyRef {
    let (k, v) = arg.split_once(':').unwrap_or(("", ""));
    let hf = |t: &str| parse_hex_float(t).unwrap_or(f64::NAN);
    match k {
        "i" => int_from_bigint(v.parse().unwrap_or_default()),
        "f" => float_ref(hf(v)),
        "c" => {
            let (r, i) = v.split_once(',').unwrap_or(("0", "0"));
            complex_ref(hf(r), hf(i))
        }
        "s" => PyStr::new_ref(&unescape(v)),
        "T" => crate::types::bool_::py_bool(true),
        "F" => crate::types::bool_::py_bool(false),
        _ => crate::types::none::none(),
    }
}

fn binop(vm: &Vm, op: &str, a: &PyRef, b: &PyRef) -> crate::PyResult {
    let cmp = |c| proto::rich_compare(vm, a, b, c);
    let bin = |o| crate::protocol::number::binary_op(vm, a, b, o);
    match op {
        "+" => bin(BinaryOp::Add),
        "-" => bin(BinaryOp::Subtract),
        "*" => bin(BinaryOp::Multiply),
        "/" => bin(BinaryOp::TrueDivide),
        "//" => bin(BinaryOp::FloorDivide),
        "%" => bin(BinaryOp::Remainder),
        "**" => bin(BinaryOp::Power),
        "<<" => bin(BinaryOp::Lshift),
        ">>" => bin(BinaryOp::Rshift),
        "&" => bin(BinaryOp::And),
        "|" => bin(BinaryOp::Or),
        "^" => bin(BinaryOp::Xor),
        "==" => cmp(CompareOp::Eq),
        "!=" => cmp(CompareOp::Ne),
        "<" => cmp(CompareOp::Lt),
        "<=" => cmp(CompareOp::Le),
        ">" => cmp(CompareOp::Gt),
        _ => cmp(CompareOp::Ge),
    }
}

fn run(vm: &Vm, math: &PyRef, op: &str, args: &[PyRef]) -> crate::PyResult {
    let (kind, name) = op.split_once(':').unwrap_or(("", ""));
    match kind {
        "bin" => binop(vm, name, &args[0], &args[1]),
        "meth" => {
            let m = proto::get_attr_str(vm, &args[0], name)?;
            crate::protocol::call::call_pos(vm, &m, &args[1..])
        }
        _ => {
            let f = if let Some(n) = name.strip_prefix("cmath.") {
                let cm = crate::modules::cmath::make_module(vm)?;
                proto::get_attr_str(vm, &cm, n)?
            } else if let Some(n) = name.strip_prefix("math.") {
                proto::get_attr_str(vm, math, n)?
            } else if let Some((t, m)) = name.split_once('.') {
                let b = vm.builtins_dict();
                let d = b.downcast::<crate::types::dict::PyDict>().unwrap();
                let t = d.get_item(vm, &PyStr::new_ref(t))?.unwrap();
                proto::get_attr_str(vm, &t, m)?
            } else {
                let b = vm.builtins_dict();
                let d = b.downcast::<crate::types::dict::PyDict>().unwrap();
                d.get_item(vm, &PyStr::new_ref(name))?.unwrap()
            };
            crate::protocol::call::call_pos(vm, &f, args)
        }
    }
}

#[test]
fn numbers_against_cpython() {
    let vm = Vm::new(Config::default());
    let math = crate::modules::math::make_module(&vm).unwrap();
    let data = include_str!("testdata/num_cases.txt");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in data.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        if parts.len() < 2 {
            continue;
        }
        n += 1;
        let op = parts[0];
        let want = unescape(parts[parts.len() - 1]);
        let args: Vec<PyRef> = parts[1..parts.len() - 1]
            .iter()
            .map(|a| decode(a))
            .collect();
        let got = match run(&vm, &math, op, &args) {
            Ok(r) => match proto::repr_string(&vm, &r) {
                Ok(s) => s,
                Err(e) => format!(
                    "!{}: {}",
                    e.value().class().name(),
                    proto::str_string(&vm, e.value()).unwrap_or_default()
                ),
            },
            Err(e) => format!(
                "!{}: {}",
                e.value().class().name(),
                proto::str_string(&vm, e.value()).unwrap_or_default()
            ),
        };
        if got != want {
            failures.push(format!("{line}\n    got {got}"));
        }
    }
    let shown: Vec<&String> = failures.iter().take(400).collect();
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
