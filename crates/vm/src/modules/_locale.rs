//! The `_locale` module (what `Lib/locale.py` imports): `setlocale`,
//! `localeconv`, `nl_langinfo` and its constants, `getencoding`,
//! `strcoll`/`strxfrm` and the gettext family, over the C library.
//!
//! CPython sets `LC_CTYPE` from the environment at start-up; Taipan does
//! it when `_locale` is first imported, which is when Python code can
//! first observe it.

use std::ffi::{CStr, CString};

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::dict::PyDict;
use crate::types::int::int_from_i64;
use crate::types::list::PyList;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil;

unsafe extern "C" {
    fn gettext(msgid: *const libc::c_char) -> *mut libc::c_char;
    fn dgettext(domain: *const libc::c_char, msgid: *const libc::c_char) -> *mut libc::c_char;
    fn dcgettext(
        domain: *const libc::c_char,
        msgid: *const libc::c_char,
        category: libc::c_int,
    ) -> *mut libc::c_char;
    fn textdomain(domain: *const libc::c_char) -> *mut libc::c_char;
    fn bindtextdomain(domain: *const libc::c_char, dir: *const libc::c_char) -> *mut libc::c_char;
    fn bind_textdomain_codeset(
        domain: *const libc::c_char,
        codeset: *const libc::c_char,
    ) -> *mut libc::c_char;
    fn wcsxfrm(
        dest: *mut libc::wchar_t,
        src: *const libc::wchar_t,
        n: libc::size_t,
    ) -> libc::size_t;
    fn wcscoll(a: *const libc::wchar_t, b: *const libc::wchar_t) -> libc::c_int;
}

static ERROR: crate::runtime::gil::GilCell<std::cell::RefCell<Option<PyRef>>> =
    crate::runtime::gil::GilCell::new(std::cell::RefCell::new(None));

fn locale_error(vm: &Vm, msg: &str) -> PyErr {
    match ERROR.with(|e| e.borrow().clone()) {
        Some(cls) => match crate::protocol::call::call_pos(vm, &cls, &[PyStr::new_ref(msg)]) {
            Ok(inst) => PyErr::from_instance(inst),
            Err(e) => e,
        },
        None => value_error(msg.to_string()),
    }
}

/// A C string from the library (NULL → empty), decoded like file names.
fn c_result(p: *const libc::c_char) -> PyRef {
    if p.is_null() {
        return PyStr::new_ref("");
    }
    // SAFETY: the C library returned a NUL-terminated string.
    let b = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
    modutil::fs_decode(&b)
}

fn str_arg(o: &PyRef, fname: &str, n: usize) -> PyResult<CString> {
    let s = o.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "{fname}() argument {n} must be str, not {}",
            o.class().name()
        ))
    })?;
    CString::new(s.to_string_lossy()).map_err(|_| value_error("embedded null character"))
}

fn setlocale(vm: &Vm, a: Args<'_>) -> PyResult {
    let [cat, loc] = a.bind("setlocale", ["category", "locale"], 0, 1)?;
    let cat = crate::types::int::as_ssize(vm, cat.as_ref().ok_or_else(|| type_error("setlocale"))?)?
        as libc::c_int;
    let loc = match loc {
        Some(l) if !is_none(&l) => Some(str_arg(&l, "setlocale", 2)?),
        _ => None,
    };
    // SAFETY: `loc` is NUL-terminated or NULL (query).
    let r = unsafe { libc::setlocale(cat, loc.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())) };
    if r.is_null() {
        return Err(locale_error(
            vm,
            if loc.is_some() {
                "unsupported locale setting"
            } else {
                "locale query failed"
            },
        ));
    }
    Ok(c_result(r))
}

/// `localeconv()`'s grouping lists, as CPython's `copy_grouping`.
fn grouping(p: *const libc::c_char) -> PyRef {
    let mut out = Vec::new();
    if !p.is_null() {
        // SAFETY: NUL-terminated string from localeconv.
        let b = unsafe { CStr::from_ptr(p) }.to_bytes();
        if !b.is_empty() {
            // Up to and including the terminator: NUL or CHAR_MAX.
            let max = libc::c_char::MAX as i64;
            for &c in b.iter().chain(std::iter::once(&0u8)) {
                let v = c as libc::c_char as i64;
                out.push(int_from_i64(v));
                if v == 0 || v == max {
                    break;
                }
            }
        }
    }
    PyList::new_ref(out)
}

fn localeconv(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("localeconv")?;
    // SAFETY: localeconv returns a pointer to a static struct.
    let l = unsafe { &*libc::localeconv() };
    let d = PyDict::new_ref();
    let dd = d.downcast::<PyDict>().ok_or_else(|| type_error("dict"))?;
    let s = |k: &str, v: PyRef| dd.set_item(vm, PyStr::new_ref(k), v);
    let ch = |c: libc::c_char| int_from_i64(c as i64);
    s("int_curr_symbol", c_result(l.int_curr_symbol))?;
    s("currency_symbol", c_result(l.currency_symbol))?;
    s("mon_decimal_point", c_result(l.mon_decimal_point))?;
    s("mon_thousands_sep", c_result(l.mon_thousands_sep))?;
    s("mon_grouping", grouping(l.mon_grouping))?;
    s("positive_sign", c_result(l.positive_sign))?;
    s("negative_sign", c_result(l.negative_sign))?;
    s("int_frac_digits", ch(l.int_frac_digits))?;
    s("frac_digits", ch(l.frac_digits))?;
    s("p_cs_precedes", ch(l.p_cs_precedes))?;
    s("p_sep_by_space", ch(l.p_sep_by_space))?;
    s("n_cs_precedes", ch(l.n_cs_precedes))?;
    s("n_sep_by_space", ch(l.n_sep_by_space))?;
    s("p_sign_posn", ch(l.p_sign_posn))?;
    s("n_sign_posn", ch(l.n_sign_posn))?;
    s("decimal_point", c_result(l.decimal_point))?;
    s("thousands_sep", c_result(l.thousands_sep))?;
    s("grouping", grouping(l.grouping))?;
    Ok(d)
}

/// The `nl_langinfo` constants CPython exposes on Linux.
static LANGINFO: &[(&str, libc::nl_item)] = &[
    ("CODESET", libc::CODESET),
    ("D_T_FMT", libc::D_T_FMT),
    ("D_FMT", libc::D_FMT),
    ("T_FMT", libc::T_FMT),
    ("T_FMT_AMPM", libc::T_FMT_AMPM),
    ("AM_STR", libc::AM_STR),
    ("PM_STR", libc::PM_STR),
    ("DAY_1", libc::DAY_1),
    ("DAY_2", libc::DAY_2),
    ("DAY_3", libc::DAY_3),
    ("DAY_4", libc::DAY_4),
    ("DAY_5", libc::DAY_5),
    ("DAY_6", libc::DAY_6),
    ("DAY_7", libc::DAY_7),
    ("ABDAY_1", libc::ABDAY_1),
    ("ABDAY_2", libc::ABDAY_2),
    ("ABDAY_3", libc::ABDAY_3),
    ("ABDAY_4", libc::ABDAY_4),
    ("ABDAY_5", libc::ABDAY_5),
    ("ABDAY_6", libc::ABDAY_6),
    ("ABDAY_7", libc::ABDAY_7),
    ("MON_1", libc::MON_1),
    ("MON_2", libc::MON_2),
    ("MON_3", libc::MON_3),
    ("MON_4", libc::MON_4),
    ("MON_5", libc::MON_5),
    ("MON_6", libc::MON_6),
    ("MON_7", libc::MON_7),
    ("MON_8", libc::MON_8),
    ("MON_9", libc::MON_9),
    ("MON_10", libc::MON_10),
    ("MON_11", libc::MON_11),
    ("MON_12", libc::MON_12),
    ("ABMON_1", libc::ABMON_1),
    ("ABMON_2", libc::ABMON_2),
    ("ABMON_3", libc::ABMON_3),
    ("ABMON_4", libc::ABMON_4),
    ("ABMON_5", libc::ABMON_5),
    ("ABMON_6", libc::ABMON_6),
    ("ABMON_7", libc::ABMON_7),
    ("ABMON_8", libc::ABMON_8),
    ("ABMON_9", libc::ABMON_9),
    ("ABMON_10", libc::ABMON_10),
    ("ABMON_11", libc::ABMON_11),
    ("ABMON_12", libc::ABMON_12),
    ("RADIXCHAR", libc::RADIXCHAR),
    ("THOUSEP", libc::THOUSEP),
    ("YESEXPR", libc::YESEXPR),
    ("NOEXPR", libc::NOEXPR),
    ("CRNCYSTR", libc::CRNCYSTR),
    ("ERA", libc::ERA),
    ("ERA_D_FMT", libc::ERA_D_FMT),
    ("ERA_D_T_FMT", libc::ERA_D_T_FMT),
    ("ERA_T_FMT", libc::ERA_T_FMT),
    ("ALT_DIGITS", libc::ALT_DIGITS),
    ("_DATE_FMT", 0x2006C),
];

fn nl_langinfo(vm: &Vm, a: Args<'_>) -> PyResult {
    let key = crate::types::int::as_ssize(vm, a.one_arg("nl_langinfo")?)? as libc::nl_item;
    if !LANGINFO.iter().any(|(_, v)| *v == key) {
        return Err(value_error("unsupported langinfo constant"));
    }
    // SAFETY: a supported item; the result is a NUL-terminated string.
    Ok(c_result(unsafe { libc::nl_langinfo(key) }))
}

fn getencoding(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("getencoding")?;
    // SAFETY: CODESET is a valid item.
    let p = unsafe { libc::nl_langinfo(libc::CODESET) };
    // SAFETY: NUL-terminated result (or NULL).
    let cs = if p.is_null() {
        String::new()
    } else {
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    };
    Ok(PyStr::new_ref(if cs.is_empty() { "UTF-8" } else { &cs }))
}

fn wide(o: &PyRef, fname: &str, n: usize) -> PyResult<Vec<libc::wchar_t>> {
    let s = o.downcast::<PyStr>().ok_or_else(|| {
        type_error(format!(
            "{fname}() argument {n} must be str, not {}",
            o.class().name()
        ))
    })?;
    let mut v: Vec<libc::wchar_t> = s.code_points().map(|c| c as libc::wchar_t).collect();
    if v.contains(&0) {
        return Err(value_error("embedded null character"));
    }
    v.push(0);
    Ok(v)
}

fn strcoll(_: &Vm, a: Args<'_>) -> PyResult {
    let [x, y] = a.exact::<2>("strcoll")?;
    let (x, y) = (wide(x, "strcoll", 1)?, wide(y, "strcoll", 2)?);
    // SAFETY: both are NUL-terminated wide strings.
    Ok(int_from_i64(
        unsafe { wcscoll(x.as_ptr(), y.as_ptr()) } as i64
    ))
}

fn strxfrm(_: &Vm, a: Args<'_>) -> PyResult {
    let s = wide(a.one_arg("strxfrm")?, "strxfrm", 1)?;
    // SAFETY: a NULL destination with size 0 only measures.
    let n = unsafe { wcsxfrm(std::ptr::null_mut(), s.as_ptr(), 0) };
    let mut out = vec![0 as libc::wchar_t; n + 1];
    // SAFETY: `out` has room for `n + 1` wide characters.
    unsafe { wcsxfrm(out.as_mut_ptr(), s.as_ptr(), n + 1) };
    out.truncate(n);
    let text: String = out
        .iter()
        .filter_map(|&c| char::from_u32(c as u32))
        .collect();
    Ok(PyStr::new_ref(&text))
}

fn opt_cstr(o: Option<&PyRef>, fname: &str, n: usize) -> PyResult<Option<CString>> {
    match o {
        Some(o) if !is_none(o) => Ok(Some(str_arg(o, fname, n)?)),
        _ => Ok(None),
    }
}

fn ptr(c: &Option<CString>) -> *const libc::c_char {
    c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
}

fn f_gettext(_: &Vm, a: Args<'_>) -> PyResult {
    let m = str_arg(a.one_arg("gettext")?, "gettext", 1)?;
    // SAFETY: NUL-terminated message id.
    Ok(c_result(unsafe { gettext(m.as_ptr()) }))
}

fn f_dgettext(_: &Vm, a: Args<'_>) -> PyResult {
    let [d, m] = a.exact::<2>("dgettext")?;
    let d = opt_cstr(Some(d), "dgettext", 1)?;
    let m = str_arg(m, "dgettext", 2)?;
    // SAFETY: NUL-terminated strings or NULL domain.
    Ok(c_result(unsafe { dgettext(ptr(&d), m.as_ptr()) }))
}

fn f_dcgettext(vm: &Vm, a: Args<'_>) -> PyResult {
    let [d, m, c] = a.exact::<3>("dcgettext")?;
    let d = opt_cstr(Some(d), "dcgettext", 1)?;
    let m = str_arg(m, "dcgettext", 2)?;
    let c = crate::types::int::as_ssize(vm, c)? as libc::c_int;
    // SAFETY: NUL-terminated strings or NULL domain.
    Ok(c_result(unsafe { dcgettext(ptr(&d), m.as_ptr(), c) }))
}

fn f_textdomain(_: &Vm, a: Args<'_>) -> PyResult {
    let d = opt_cstr(Some(a.one_arg("textdomain")?), "textdomain", 1)?;
    // SAFETY: NUL-terminated string or NULL.
    let r = unsafe { textdomain(ptr(&d)) };
    if r.is_null() {
        return Err(modutil::last_os_error(None));
    }
    Ok(c_result(r))
}

fn f_bindtextdomain(_: &Vm, a: Args<'_>) -> PyResult {
    let [d, dir] = a.exact::<2>("bindtextdomain")?;
    let d = str_arg(d, "bindtextdomain", 1)?;
    let dir = opt_cstr(Some(dir), "bindtextdomain", 2)?;
    // SAFETY: NUL-terminated strings or NULL.
    let r = unsafe { bindtextdomain(d.as_ptr(), ptr(&dir)) };
    if r.is_null() {
        return Err(modutil::last_os_error(None));
    }
    Ok(c_result(r))
}

fn f_bind_textdomain_codeset(_: &Vm, a: Args<'_>) -> PyResult {
    let [d, cs] = a.exact::<2>("bind_textdomain_codeset")?;
    let d = str_arg(d, "bind_textdomain_codeset", 1)?;
    let cs = opt_cstr(Some(cs), "bind_textdomain_codeset", 2)?;
    // SAFETY: NUL-terminated strings or NULL.
    let r = unsafe { bind_textdomain_codeset(d.as_ptr(), ptr(&cs)) };
    Ok(if r.is_null() { none() } else { c_result(r) })
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("setlocale", setlocale),
    MethodDef::method("localeconv", localeconv),
    MethodDef::method("nl_langinfo", nl_langinfo),
    MethodDef::method("getencoding", getencoding),
    MethodDef::method("strcoll", strcoll),
    MethodDef::method("strxfrm", strxfrm),
    MethodDef::method("gettext", f_gettext),
    MethodDef::method("dgettext", f_dgettext),
    MethodDef::method("dcgettext", f_dcgettext),
    MethodDef::method("textdomain", f_textdomain),
    MethodDef::method("bindtextdomain", f_bindtextdomain),
    MethodDef::method("bind_textdomain_codeset", f_bind_textdomain_codeset),
];

static CONSTANTS: &[(&str, i64)] = &[
    ("LC_CTYPE", libc::LC_CTYPE as i64),
    ("LC_COLLATE", libc::LC_COLLATE as i64),
    ("LC_TIME", libc::LC_TIME as i64),
    ("LC_MONETARY", libc::LC_MONETARY as i64),
    ("LC_NUMERIC", libc::LC_NUMERIC as i64),
    ("LC_ALL", libc::LC_ALL as i64),
    ("LC_MESSAGES", libc::LC_MESSAGES as i64),
    ("CHAR_MAX", libc::c_char::MAX as i64),
];

/// Creates the `_locale` module.
pub fn make_module(vm: &Vm) -> PyResult {
    static INIT: std::sync::Once = std::sync::Once::new();
    // SAFETY: an empty string selects the environment's locale; done once.
    INIT.call_once(|| unsafe {
        libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
    });
    let m = modutil::new_module("_locale", "Support for POSIX locales.", FUNCTIONS)?;
    for (n, v) in CONSTANTS {
        modutil::set(&m, n, int_from_i64(*v));
    }
    for (n, v) in LANGINFO {
        modutil::set(&m, n, int_from_i64(*v as i64));
    }
    modutil::run_prelude(
        vm,
        &m,
        "<_locale>",
        "class Error(Exception):\n    __module__ = 'locale'\n",
    )?;
    if let Some(e) = m
        .downcast::<crate::types::module::PyModule>()
        .and_then(|md| md.get_attr("Error"))
    {
        ERROR.with(|c| *c.borrow_mut() = Some(e));
    }
    Ok(m)
}
