//! `BaseExceptionGroup` / `ExceptionGroup` (PEP 654) and the two runtime
//! helpers behind `except*`: `CHECK_EG_MATCH` (match an exception against
//! an `except*` clause) and `PREP_RERAISE_STAR` (combine what the clauses
//! raised and re-raised into the one exception that leaves the statement).
//!
//! Semantics follow CPython 3.11's `Objects/exceptions.c`:
//! * `split`/`subgroup` validate the matcher once (a type, a tuple of types,
//!   or a callable that is not a type), then recurse: a group that matches
//!   as a whole is returned as is; otherwise its members are split and the
//!   matching / non-matching parts are rebuilt with `derive()`, copying the
//!   original's traceback, cause, context and a *copy* of its notes.
//! * `except*` re-raising keeps the original group's shape: the exceptions a
//!   clause re-raised unchanged (same notes, traceback, cause and context
//!   as the original group) are identified by the *identity* of their leaf
//!   exceptions and projected back onto the original group; exceptions
//!   raised anew are collected next to it in a fresh `ExceptionGroup("")`.

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::{GetSetDef, MethodDef};
use crate::protocol::object as proto;
use crate::types::exceptions::{
    BASE_EXCEPTION, BASE_EXCEPTION_GROUP, EXCEPTION, EXCEPTION_GROUP, PyBaseException,
};
use crate::types::list::PyList;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

fn is_group(e: &PyRef) -> bool {
    e.class().is_subtype(BASE_EXCEPTION_GROUP.get())
}

/// `(message, exceptions)` of a group instance.
fn parts(e: &PyRef) -> Option<(PyRef, PyRef)> {
    let x = e.downcast::<PyBaseException>()?;
    x.group
        .borrow()
        .as_ref()
        .map(|b| (b.0.clone(), b.1.clone()))
}

/// The member exceptions of a group (empty for anything else).
pub fn members(e: &PyRef) -> Vec<PyRef> {
    parts(e)
        .and_then(|(_, t)| t.downcast::<PyTuple>().map(|t| t.as_slice().to_vec()))
        .unwrap_or_default()
}

/// CPython's `PySequence_Check`: indexable and not a dict.
fn is_sequence(o: &PyRef) -> bool {
    o.class().slots().mp_getitem.is_some()
        && !o.class().is_subtype(crate::types::dict::DICT_TYPE.get())
}

pub(crate) fn group_new(vm: &Vm, cls: &PyRef, a: Args<'_>) -> PyResult {
    let pos = a.positional();
    let [msg, excs] = pos else {
        return Err(type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            pos.len()
        )));
    };
    if msg.downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            msg.class().name()
        )));
    }
    if !is_sequence(excs) {
        return Err(type_error(
            "second argument (exceptions) must be a sequence",
        ));
    }
    let items = crate::protocol::iter::collect(vm, excs)?;
    if items.is_empty() {
        return Err(value_error(
            "second argument (exceptions) must be a non-empty sequence",
        ));
    }
    let mut nested_base = false;
    for (i, x) in items.iter().enumerate() {
        if x.downcast::<PyBaseException>().is_none() {
            return Err(value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !x.class().is_subtype(EXCEPTION.get()) {
            nested_base = true;
        }
    }
    let t = cls
        .as_type()
        .ok_or_else(|| type_error("BaseExceptionGroup.__new__(X): X is not a type object"))?;
    let mut cls = cls.clone();
    if std::ptr::eq(t, EXCEPTION_GROUP.get()) {
        if nested_base {
            return Err(type_error(
                "Cannot nest BaseExceptions in an ExceptionGroup",
            ));
        }
    } else if std::ptr::eq(t, BASE_EXCEPTION_GROUP.get()) {
        if !nested_base {
            cls = EXCEPTION_GROUP.to_ref();
        }
    } else if nested_base && t.is_subtype(EXCEPTION.get()) {
        return Err(type_error(format!(
            "Cannot nest BaseExceptions in '{}'",
            t.name()
        )));
    }
    let e = crate::types::exceptions::exc_new_pub(vm, &cls, a)?;
    if let Some(x) = e.downcast::<PyBaseException>() {
        *x.group.borrow_mut() = Some(Box::new((msg.clone(), PyTuple::new_ref(items))));
    }
    Ok(e)
}

pub(crate) fn group_str(vm: &Vm, o: &PyRef) -> PyResult {
    let (msg, excs) = parts(o).unwrap_or_else(|| (PyStr::intern(""), PyTuple::new_ref(vec![])));
    let msg = proto::str_string(vm, &msg)?;
    let n = excs.downcast::<PyTuple>().map(|t| t.len()).unwrap_or(0);
    Ok(PyStr::new_ref(&format!(
        "{msg} ({n} sub-exception{})",
        if n == 1 { "" } else { "s" }
    )))
}

fn m_derive(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, excs] = a.exact::<2>("derive")?;
    let msg = parts(s).map(|p| p.0).unwrap_or_else(|| PyStr::intern(""));
    let ctor = BASE_EXCEPTION_GROUP.to_ref();
    crate::protocol::call::call_pos(vm, &ctor, &[msg, excs.clone()])
}

/// How `split`/`subgroup` (and `except*` re-raising) test a leaf.
enum Matcher<'a> {
    ByType(&'a PyRef),
    Predicate(&'a PyRef),
    /// Leaf identity (the addresses of the exceptions to keep).
    Ids(&'a std::collections::HashSet<usize>),
}

fn matcher(value: &PyRef) -> PyResult<Matcher<'_>> {
    let is_exc_class = |x: &PyRef| {
        x.as_type()
            .is_some_and(|t| t.is_subtype(BASE_EXCEPTION.get()))
    };
    if value.as_type().is_none() && crate::protocol::call::callable(value) {
        return Ok(Matcher::Predicate(value));
    }
    if is_exc_class(value) {
        return Ok(Matcher::ByType(value));
    }
    if value.is_exact::<PyTuple>()
        && let Some(t) = value.downcast::<PyTuple>()
        && t.as_slice().iter().all(is_exc_class)
    {
        return Ok(Matcher::ByType(value));
    }
    Err(type_error(
        "expected a function, exception type or tuple of exception types",
    ))
}

fn check_match(vm: &Vm, m: &Matcher<'_>, e: &PyRef) -> PyResult<bool> {
    match m {
        Matcher::ByType(t) => crate::interp::ops::exc::exc_matches(vm, e, t),
        Matcher::Predicate(f) => {
            let r = crate::protocol::call::call_pos(vm, f, std::slice::from_ref(e))?;
            proto::is_true(vm, &r)
        }
        Matcher::Ids(ids) => Ok(ids.contains(&(e.bits()))),
    }
}

/// `orig.derive(excs)` with `orig`'s traceback, cause, context and a copy of
/// its notes; None when `excs` is empty.
fn subset(vm: &Vm, orig: &PyRef, excs: Vec<PyRef>) -> PyResult<Option<PyRef>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let eg = crate::protocol::call::call_method(vm, orig, "derive", &[PyList::new_ref(excs)])?;
    if !is_group(&eg) {
        return Err(type_error(
            "derive must return an instance of BaseExceptionGroup",
        ));
    }
    if let (Some(src), Some(dst)) = (
        orig.downcast::<PyBaseException>(),
        eg.downcast::<PyBaseException>(),
    ) {
        let tb = src.traceback.borrow().clone();
        if tb.is_some() {
            *dst.traceback.borrow_mut() = tb;
        }
        *dst.context.borrow_mut() = src.context.borrow().clone();
        *dst.cause.borrow_mut() = src.cause.borrow().clone();
        dst.suppress_context.set(true);
    }
    if let Some(notes) = proto::lookup_attr(vm, orig, "__notes__")?
        && is_sequence(&notes)
    {
        let copy = PyList::new_ref(crate::protocol::iter::collect(vm, &notes)?);
        proto::set_attr(vm, &eg, &PyStr::intern("__notes__"), &copy)?;
    }
    Ok(Some(eg))
}

/// CPython's `exceptiongroup_split_recursive`: (match, rest).
fn split_rec(
    vm: &Vm,
    e: &PyRef,
    m: &Matcher<'_>,
    construct_rest: bool,
) -> PyResult<(Option<PyRef>, Option<PyRef>)> {
    if check_match(vm, m, e)? {
        return Ok((Some(e.clone()), None));
    }
    if !is_group(e) {
        return Ok((None, construct_rest.then(|| e.clone())));
    }
    let (mut ms, mut rs) = (Vec::new(), Vec::new());
    {
        let _g = vm.enter_native_call_for(" in exceptiongroup_split_recursive")?;
        for x in members(e) {
            let (a, b) = split_rec(vm, &x, m, construct_rest)?;
            ms.extend(a);
            rs.extend(b);
        }
    }
    let matched = subset(vm, e, ms)?;
    let rest = if construct_rest {
        subset(vm, e, rs)?
    } else {
        None
    };
    Ok((matched, rest))
}

fn m_split(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, cond] = a.exact::<2>("split")?;
    let m = matcher(cond)?;
    let (mt, r) = split_rec(vm, s, &m, true)?;
    Ok(PyTuple::new_ref(vec![
        mt.unwrap_or_else(none),
        r.unwrap_or_else(none),
    ]))
}

fn m_subgroup(vm: &Vm, a: Args<'_>) -> PyResult {
    let [s, cond] = a.exact::<2>("subgroup")?;
    let m = matcher(cond)?;
    Ok(split_rec(vm, s, &m, false)?.0.unwrap_or_else(none))
}

fn m_class_getitem(_: &Vm, a: Args<'_>) -> PyResult {
    let [cls, item] = a.exact::<2>("__class_getitem__")?;
    crate::types::genericalias::new_generic_alias(cls.clone(), item.clone())
}

fn g_message(_: &Vm, o: &PyRef) -> PyResult {
    Ok(parts(o).map(|p| p.0).unwrap_or_else(none))
}
fn g_exceptions(_: &Vm, o: &PyRef) -> PyResult {
    Ok(parts(o).map(|p| p.1).unwrap_or_else(none))
}

pub(crate) static GROUP_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("message", g_message),
    GetSetDef::new("exceptions", g_exceptions),
];

pub(crate) static GROUP_METHODS: &[MethodDef] = &[
    MethodDef::classmethod("__class_getitem__", m_class_getitem).with_doc("See PEP 585"),
    MethodDef::method("derive", m_derive),
    MethodDef::method("split", m_split),
    MethodDef::method("subgroup", m_subgroup),
];

// ---- except* support

/// `except*`'s check that the clause's type is valid.
pub fn check_except_star_type(t: &PyRef) -> PyResult<()> {
    let is_eg = |x: &PyRef| {
        x.as_type()
            .is_some_and(|t| t.is_subtype(BASE_EXCEPTION_GROUP.get()))
    };
    let bad = match t.downcast::<PyTuple>() {
        Some(tt) => tt.as_slice().iter().any(is_eg),
        None => is_eg(t),
    };
    if bad {
        return Err(type_error(
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        ));
    }
    Ok(())
}

/// CPython's `exception_group_match`: `(match, rest)` of `exc` against an
/// `except*` clause's type; a naked exception that matches is wrapped in
/// `ExceptionGroup("", [exc])`.
pub fn eg_match(vm: &Vm, exc: &PyRef, t: &PyRef) -> PyResult<(PyRef, PyRef)> {
    if is_none(exc) {
        return Ok((none(), none()));
    }
    if crate::interp::ops::exc::exc_matches(vm, exc, t)? {
        if is_group(exc) {
            return Ok((exc.clone(), none()));
        }
        let wrapped = crate::protocol::call::call_pos(
            vm,
            &BASE_EXCEPTION_GROUP.to_ref(),
            &[PyStr::intern(""), PyTuple::new_ref(vec![exc.clone()])],
        )?;
        return Ok((wrapped, none()));
    }
    if is_group(exc) {
        let pair = crate::protocol::call::call_method(vm, exc, "split", std::slice::from_ref(t))?;
        let p = pair
            .downcast::<PyTuple>()
            .map(|t| t.as_slice().to_vec())
            .unwrap_or_default();
        if let [m, r] = p.as_slice() {
            return Ok((m.clone(), r.clone()));
        }
        return Err(type_error("split must return a 2-tuple"));
    }
    Ok((none(), none()))
}

fn same_metadata(vm: &Vm, a: &PyRef, b: &PyRef) -> bool {
    let (Some(x), Some(y)) = (
        a.downcast::<PyBaseException>(),
        b.downcast::<PyBaseException>(),
    ) else {
        return false;
    };
    let same = |p: &Option<PyRef>, q: &Option<PyRef>| match (p, q) {
        (None, None) => true,
        (Some(p), Some(q)) => p.is(q),
        _ => false,
    };
    let notes = PyStr::intern("__notes__");
    let _ = vm;
    same(&x.attrs.get(&notes), &y.attrs.get(&notes))
        && same(&x.traceback.borrow(), &y.traceback.borrow())
        && same(&x.cause.borrow(), &y.cause.borrow())
        && same(&x.context.borrow(), &y.context.borrow())
}

fn leaf_ids(vm: &Vm, e: &PyRef, ids: &mut std::collections::HashSet<usize>) -> PyResult<()> {
    if is_none(e) {
        return Ok(());
    }
    if !is_group(e) {
        ids.insert(e.bits());
        return Ok(());
    }
    let _g = vm.enter_native_call_for(" in collect_exception_group_leaf_ids")?;
    for x in members(e) {
        leaf_ids(vm, &x, ids)?;
    }
    Ok(())
}

/// CPython's `_PyExc_PrepReraiseStar`: the exception leaving a `try`/
/// `except*` statement, from the original exception and the list of what
/// each clause raised or re-raised (None entries ignored).
pub fn prep_reraise_star(vm: &Vm, orig: &PyRef, excs: &[PyRef]) -> PyResult {
    if excs.is_empty() {
        return Ok(none());
    }
    if !is_group(orig) {
        // A naked exception was wrapped: only one clause can have run.
        return Ok(excs[0].clone());
    }
    let (mut raised, mut reraised) = (Vec::new(), Vec::new());
    for e in excs.iter().filter(|e| !is_none(e)) {
        if same_metadata(vm, e, orig) {
            reraised.push(e.clone());
        } else {
            raised.push(e.clone());
        }
    }
    let mut ids = std::collections::HashSet::new();
    for e in &reraised {
        leaf_ids(vm, e, &mut ids)?;
    }
    let reraised_eg = split_rec(vm, orig, &Matcher::Ids(&ids), false)?.0;
    if raised.is_empty() {
        return Ok(reraised_eg.unwrap_or_else(none));
    }
    raised.extend(reraised_eg);
    if raised.len() > 1 {
        crate::protocol::call::call_pos(
            vm,
            &BASE_EXCEPTION_GROUP.to_ref(),
            &[PyStr::intern(""), PyList::new_ref(raised)],
        )
    } else {
        Ok(raised.swap_remove(0))
    }
}
