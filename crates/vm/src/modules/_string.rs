//! The `_string` module: `formatter_parser` and
//! `formatter_field_name_split`, the two hooks `string.Formatter` uses to
//! walk `str.format` markup the way CPython's MarkupIterator /
//! FieldNameIterator do.
//!
//! Both return iterators.  The markup is scanned up front; items before a
//! syntax error are yielded first and the error is raised when iteration
//! reaches it, which is when CPython's lazy iterator raises it too.

use std::cell::{Cell, RefCell};

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::object::{Layout, Obj, PyPayload, PyType, StaticType, TypeSpec, slots::Slots};
use crate::types::bool_::py_bool;
use crate::types::int::int_from_bigint;
use crate::types::module::PyModule;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

crate::py_payload! {
    /// Pre-scanned items, a cursor, and the error that follows them.
    pub struct ScanIter { items: RefCell<Vec<PyRef>>, pos: Cell<usize>, err: RefCell<Option<String>> }
}

pub static FORMATTER_ITER_TYPE: StaticType = StaticType::new();
pub static FIELDNAME_ITER_TYPE: StaticType = StaticType::new();

impl PyPayload for ScanIter {
    fn class() -> &'static Obj<PyType> {
        FORMATTER_ITER_TYPE.get()
    }
}

fn si_iter(_: &Vm, o: &PyRef) -> PyResult {
    Ok(o.clone())
}

fn si_next(_: &Vm, o: &PyRef) -> PyResult<Option<PyRef>> {
    let s = o
        .downcast::<ScanIter>()
        .ok_or_else(|| type_error("expected formatter iterator"))?;
    let i = s.pos.get();
    if let Some(v) = s.items.borrow().get(i) {
        s.pos.set(i + 1);
        return Ok(Some(v.clone()));
    }
    match s.err.borrow_mut().take() {
        Some(e) => Err(value_error(e)),
        None => Ok(None),
    }
}

fn s(chars: &[char]) -> PyRef {
    PyStr::new_ref(&chars.iter().collect::<String>())
}

/// Scans one field after its `{`; returns (name, conversion, spec, next).
type Field = (Vec<char>, Option<char>, Vec<char>, usize);

fn scan_field(c: &[char], mut pos: usize) -> Result<Field, String> {
    let eos = || "expected '}' before end of string".to_string();
    let unmatched = || "unmatched '{' in format spec".to_string();
    let start = pos;
    loop {
        match c.get(pos) {
            None => return Err(eos()),
            Some('[') => {
                while pos < c.len() && c[pos] != ']' {
                    pos += 1;
                }
                if pos >= c.len() {
                    return Err(eos());
                }
                pos += 1;
            }
            Some('{') => return Err("unexpected '{' in field name".into()),
            Some('!' | ':' | '}') => break,
            Some(_) => pos += 1,
        }
    }
    let name = c[start..pos].to_vec();
    let mut conv = None;
    if c.get(pos) == Some(&'!') {
        let cv = *c.get(pos + 1).ok_or_else(unmatched)?;
        conv = Some(cv);
        pos += 2;
        match c.get(pos) {
            None => return Err(unmatched()),
            Some(':' | '}') => {}
            Some(_) => return Err("expected ':' after conversion specifier".into()),
        }
    }
    let mut spec = Vec::new();
    if c.get(pos) == Some(&':') {
        pos += 1;
        let st = pos;
        let mut depth = 1;
        loop {
            match c.get(pos) {
                None => return Err(unmatched()),
                Some('{') => depth += 1,
                Some('}') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            pos += 1;
        }
        spec = c[st..pos].to_vec();
    }
    Ok((name, conv, spec, pos + 1))
}

/// The `(literal, field_name, format_spec, conversion)` tuples of `c`.
fn parse_markup(c: &[char]) -> (Vec<PyRef>, Option<String>) {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let lit_start = i;
        let mut lit_end;
        let mut field = false;
        loop {
            lit_end = i;
            match c.get(i) {
                None => break,
                Some('{') if c.get(i + 1) == Some(&'{') => {
                    lit_end = i + 1;
                    i += 2;
                    break;
                }
                Some('}') if c.get(i + 1) == Some(&'}') => {
                    lit_end = i + 1;
                    i += 2;
                    break;
                }
                Some('{') => {
                    if i + 1 >= c.len() {
                        return (out, Some("Single '{' encountered in format string".into()));
                    }
                    field = true;
                    i += 1;
                    break;
                }
                Some('}') => {
                    return (out, Some("Single '}' encountered in format string".into()));
                }
                Some(_) => i += 1,
            }
        }
        let lit = s(&c[lit_start..lit_end]);
        if !field {
            out.push(PyTuple::new_ref(vec![lit, none(), none(), none()]));
            continue;
        }
        match scan_field(c, i) {
            Ok((name, conv, spec, next)) => {
                i = next;
                let conv = conv.map_or_else(none, |ch| PyStr::new_ref(&ch.to_string()));
                out.push(PyTuple::new_ref(vec![lit, s(&name), s(&spec), conv]));
            }
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}

fn scan_iter(ty: &StaticType, items: Vec<PyRef>, err: Option<String>) -> PyRef {
    crate::object::alloc_as(
        ty.get(),
        ScanIter {
            items: RefCell::new(items),
            pos: Cell::new(0),
            err: RefCell::new(err),
        },
    )
}

fn expect_text(o: &PyRef) -> PyResult<Vec<char>> {
    let st = o
        .downcast::<PyStr>()
        .ok_or_else(|| type_error(format!("expected str, got {}", o.class().name())))?;
    Ok(st
        .code_points()
        .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
        .collect())
}

fn formatter_parser(_: &Vm, a: Args<'_>) -> PyResult {
    let x = a.one_arg("formatter_parser")?;
    let c = expect_text(x)?;
    let (items, err) = parse_markup(&c);
    Ok(scan_iter(&FORMATTER_ITER_TYPE, items, err))
}

/// An attribute name or index key: an int when all digits.
fn key_obj(k: &[char]) -> PyRef {
    if !k.is_empty() && k.iter().all(|c| c.is_ascii_digit()) {
        let text: String = k.iter().collect();
        if let Ok(v) = text.parse::<num_bigint::BigInt>() {
            return int_from_bigint(v);
        }
    }
    s(k)
}

fn split_rest(c: &[char]) -> (Vec<PyRef>, Option<String>) {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '.' => {
                let st = i + 1;
                let mut j = st;
                while j < c.len() && c[j] != '.' && c[j] != '[' {
                    j += 1;
                }
                if j == st {
                    return (out, Some("Empty attribute in format string".into()));
                }
                out.push(PyTuple::new_ref(vec![py_bool(true), s(&c[st..j])]));
                i = j;
            }
            '[' => {
                let st = i + 1;
                let mut j = st;
                while j < c.len() && c[j] != ']' {
                    j += 1;
                }
                if j >= c.len() {
                    return (out, Some("Missing ']' in format string".into()));
                }
                if j == st {
                    return (out, Some("Empty attribute in format string".into()));
                }
                out.push(PyTuple::new_ref(vec![py_bool(false), key_obj(&c[st..j])]));
                i = j + 1;
                if i < c.len() && c[i] != '.' && c[i] != '[' {
                    return (
                        out,
                        Some("Only '.' or '[' may follow ']' in format field specifier".into()),
                    );
                }
            }
            _ => {
                return (
                    out,
                    Some("Only '.' or '[' may follow ']' in format field specifier".into()),
                );
            }
        }
    }
    (out, None)
}

fn formatter_field_name_split(_: &Vm, a: Args<'_>) -> PyResult {
    let x = a.one_arg("formatter_field_name_split")?;
    let c = expect_text(x)?;
    let first_end = c
        .iter()
        .position(|&ch| ch == '.' || ch == '[')
        .unwrap_or(c.len());
    let first = key_obj(&c[..first_end]);
    let (items, err) = split_rest(&c[first_end..]);
    Ok(PyTuple::new_ref(vec![
        first,
        scan_iter(&FIELDNAME_ITER_TYPE, items, err),
    ]))
}

pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    let slots = Slots {
        iter: Some(si_iter),
        iternext: Some(si_next),
        ..Slots::EMPTY
    };
    vec![
        (
            &FORMATTER_ITER_TYPE,
            TypeSpec {
                slots,
                ..TypeSpec::new("formatteriterator", Layout::of::<ScanIter>())
            },
        ),
        (
            &FIELDNAME_ITER_TYPE,
            TypeSpec {
                slots,
                ..TypeSpec::new("fieldnameiterator", Layout::of::<ScanIter>())
            },
        ),
    ]
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("formatter_parser", formatter_parser)
        .with_doc("parse the argument as a format string"),
    MethodDef::method("formatter_field_name_split", formatter_field_name_split)
        .with_doc("split the argument as a field name"),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = PyModule::new_ref("_string", Some("string helper module"));
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    for f in FUNCTIONS {
        md.set_attr(
            f.name,
            crate::types::descriptors::builtin_function(f, Some(m.clone())),
        );
    }
    Ok(m)
}
