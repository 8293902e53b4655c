//! `_sre`: the regular expression engine behind CPython 3.11's `re`
//! package.  `re._compiler` (pure Python, loaded from CPython's `Lib/`)
//! parses a pattern and compiles it to a list of code words; this module
//! turns that list into a `re.Pattern` whose methods run our own matcher
//! over it.
//!
//! Files: `constants.rs` (the code's numbers), `chars.rs` (character
//! classes and case mappings), `text.rs` (walking str/bytes subjects
//! without copying), `engine.rs` (the backtracking matcher and search),
//! `subject.rs` (subjects and the object-safe runner), `pattern.rs`,
//! `match_.rs` and `scanner.rs` (the Python types).

pub mod chars;
pub mod constants;
pub mod engine;
pub mod match_;
pub mod pattern;
pub mod prog;
pub mod scanner;
pub mod subject;
#[cfg(test)]
mod tests;
pub mod text;

use crate::args::Args;
use crate::error::{PyResult, overflow_error, type_error};
use crate::object::typeobj::MethodDef;
use crate::object::{StaticType, TypeSpec};
use crate::types::bool_::py_bool;
use crate::types::dict::PyDict;
use crate::types::int::{int_from_i64, to_bigint};
use crate::types::list::PyList;
use crate::types::none::is_none;
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use constants::{CODESIZE, MAGIC, MAXGROUPS, MAXREPEAT};
use pattern::{ProgBox, PyPattern};
use prog::Prog;

/// The type objects of this module.
pub(crate) fn types() -> Vec<(&'static StaticType, TypeSpec)> {
    let mut v = pattern::types();
    v.extend(match_::types());
    v.extend(scanner::types());
    v
}

/// A character code argument (`ascii_iscased(ch)` etc.): an int that fits
/// a C int.
fn char_arg(vm: &Vm, a: &Args<'_>, fname: &str) -> PyResult<u32> {
    let [ch] = a.bind(fname, ["character"], 1, 1)?;
    let ch = ch.unwrap_or_else(crate::types::none::none);
    if !crate::types::int::is_int(&ch) {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            ch.class().name()
        )));
    }
    let v = crate::types::int::as_ssize(vm, &ch)
        .ok()
        .filter(|v| i32::try_from(*v).is_ok())
        .ok_or_else(|| {
            overflow_error(
                if to_bigint(&ch).is_some_and(|b| b.sign() == num_bigint::Sign::Minus) {
                    "signed integer is less than minimum"
                } else {
                    "signed integer is greater than maximum"
                },
            )
        })?;
    Ok(v as i32 as u32)
}

fn f_getcodesize(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getcodesize")?;
    Ok(int_from_i64(CODESIZE))
}

fn f_ascii_iscased(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(py_bool(chars::ascii_iscased(char_arg(
        vm,
        &a,
        "ascii_iscased",
    )?)))
}

fn f_unicode_iscased(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(py_bool(chars::unicode_iscased(char_arg(
        vm,
        &a,
        "unicode_iscased",
    )?)))
}

fn f_ascii_tolower(vm: &Vm, a: Args<'_>) -> PyResult {
    let c = char_arg(vm, &a, "ascii_tolower")?;
    Ok(int_from_i64(chars::lower_ascii(c) as i32 as i64))
}

fn f_unicode_tolower(vm: &Vm, a: Args<'_>) -> PyResult {
    let c = char_arg(vm, &a, "unicode_tolower")?;
    Ok(int_from_i64(chars::lower_unicode(c) as i32 as i64))
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
fn f_compile(vm: &Vm, a: Args<'_>) -> PyResult {
    let [pattern, flags, code, groups, groupindex, indexgroup] = a.bind(
        "compile",
        [
            "pattern",
            "flags",
            "code",
            "groups",
            "groupindex",
            "indexgroup",
        ],
        0,
        6,
    )?;
    let none = crate::types::none::none;
    let pattern = pattern.unwrap_or_else(none);
    let flags = flags.unwrap_or_else(none);
    let code = code.unwrap_or_else(none);
    let groups = groups.unwrap_or_else(none);
    let groupindex = groupindex.unwrap_or_else(none);
    let indexgroup = indexgroup.unwrap_or_else(none);
    let flags_v = crate::types::int::as_ssize(vm, &flags)?;
    let Some(list) = code.downcast::<PyList>() else {
        return Err(type_error(format!(
            "compile() argument 'code' must be list, not {}",
            code.class().name()
        )));
    };
    let groups_v = crate::types::int::as_ssize(vm, &groups)?;
    if groupindex.downcast::<PyDict>().is_none() {
        return Err(type_error(format!(
            "compile() argument 'groupindex' must be dict, not {}",
            groupindex.class().name()
        )));
    }
    if indexgroup.downcast::<PyTuple>().is_none() {
        return Err(type_error(format!(
            "compile() argument 'indexgroup' must be tuple, not {}",
            indexgroup.class().name()
        )));
    }
    let items = list.to_vec();
    let mut words = Vec::with_capacity(items.len());
    for it in &items {
        let v = to_bigint(it).ok_or_else(|| {
            type_error(format!(
                "an integer is required (got type {})",
                it.class().name()
            ))
        })?;
        let w = u32::try_from(&v)
            .map_err(|_| overflow_error("regular expression code size limit exceeded"))?;
        words.push(w);
    }
    let isbytes = if is_none(&pattern) {
        -1
    } else {
        i32::from(subject::Subject::new(&pattern)?.is_bytes())
    };
    let groups_u = usize::try_from(groups_v).unwrap_or(0);
    let gi = if groupindex
        .downcast::<PyDict>()
        .is_some_and(|d| !d.is_empty())
    {
        groupindex.clone()
    } else {
        crate::types::none::none()
    };
    Ok(crate::object::alloc(PyPattern {
        pattern,
        flags: flags_v as u32,
        prog: ProgBox(Prog::new(words, groups_u)),
        groups: groups_u,
        groupindex: gi,
        indexgroup,
        isbytes,
    }))
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("compile", f_compile),
    MethodDef::method("getcodesize", f_getcodesize),
    MethodDef::method("ascii_iscased", f_ascii_iscased),
    MethodDef::method("unicode_iscased", f_unicode_iscased),
    MethodDef::method("ascii_tolower", f_ascii_tolower),
    MethodDef::method("unicode_tolower", f_unicode_tolower),
];

pub fn make_module(_vm: &Vm) -> PyResult {
    let m = super::modutil::new_module("_sre", "", FUNCTIONS)?;
    if let Some(md) = m.downcast::<crate::types::module::PyModule>() {
        md.set_attr("__doc__", crate::types::none::none());
    }
    let set = |k: &str, v: PyRef| super::modutil::set(&m, k, v);
    set("MAGIC", int_from_i64(MAGIC));
    set("CODESIZE", int_from_i64(CODESIZE));
    set("MAXREPEAT", int_from_i64(MAXREPEAT as i64));
    set("MAXGROUPS", int_from_i64(MAXGROUPS));
    set(
        "copyright",
        PyStr::new_ref(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "),
    );
    Ok(m)
}
