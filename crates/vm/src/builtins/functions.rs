//! The functions of the `builtins` module that need no interpreter
//! internals (`print`, `len`, `isinstance`, `min`, `sorted`, ...).

use num_bigint::BigInt;
use num_traits::Signed;
use taipan_bytecode::CompareOp;
use taipan_common::Wtf8Buf;

use crate::args::Args;
use crate::error::{PyResult, attribute_error, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::protocol::{call, iter, number, object as proto};
use crate::types::bool_::py_bool;
use crate::types::int::{int_from_i64, to_bigint};
use crate::types::list::PyList;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

fn kw<'a>(a: &Args<'a>, name: &str) -> Option<&'a PyRef> {
    a.kwargs()
        .find(|(k, _)| k.downcast::<PyStr>().and_then(|s| s.as_str()) == Some(name))
        .map(|(_, v)| v)
}

fn check_kwargs(a: &Args<'_>, fname: &str, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in a.kwargs() {
        let n = k
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        if !allowed.contains(&n.as_str()) {
            return Err(type_error(format!(
                "'{n}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    Ok(())
}

fn print(vm: &Vm, a: Args<'_>) -> PyResult {
    check_kwargs(&a, "print", &["sep", "end", "file", "flush"])?;
    let text_arg = |name: &str, dflt: &str| -> PyResult<String> {
        match kw(&a, name) {
            None => Ok(dflt.to_string()),
            Some(v) if is_none(v) => Ok(dflt.to_string()),
            Some(v) => match v.downcast::<PyStr>() {
                Some(s) => Ok(s.to_string_lossy()),
                None => Err(type_error(format!(
                    "{name} must be None or a string, not {}",
                    v.class().name()
                ))),
            },
        }
    };
    let sep = text_arg("sep", " ")?;
    let end = text_arg("end", "\n")?;
    let file = match kw(&a, "file").filter(|f| !is_none(f)) {
        Some(f) => f.clone(),
        None => match vm.sys_module().and_then(|m| {
            m.downcast::<crate::types::module::PyModule>()
                .and_then(|m| m.get_attr("stdout"))
        }) {
            Some(f) => f,
            None => return Ok(none()),
        },
    };
    if is_none(&file) {
        return Ok(none());
    }
    let mut parts = Wtf8Buf::new();
    for (i, x) in a.positional().iter().enumerate() {
        if i > 0 {
            parts.push_str(&sep);
        }
        let s = proto::str(vm, x)?;
        if let Some(st) = s.downcast::<PyStr>() {
            parts.push_wtf8(st.as_wtf8());
        }
    }
    parts.push_str(&end);
    let write = proto::get_attr_str(vm, &file, "write")?;
    call::call_pos(vm, &write, &[PyStr::from_wtf8_ref(parts)])?;
    if let Some(f) = kw(&a, "flush")
        && proto::is_true(vm, f)?
    {
        let fl = proto::get_attr_str(vm, &file, "flush")?;
        call::call_pos(vm, &fl, &[])?;
    }
    Ok(none())
}

fn len(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("len")?;
    Ok(int_from_i64(proto::len(vm, o)? as i64))
}

fn repr(vm: &Vm, a: Args<'_>) -> PyResult {
    proto::repr(vm, a.one_arg("repr")?)
}

/// `ascii(o)`.
pub fn ascii_of(vm: &Vm, o: &PyRef) -> PyResult {
    let r = proto::repr(vm, o)?;
    let s = r
        .downcast::<PyStr>()
        .ok_or_else(|| type_error("repr returned non-str"))?;
    if s.is_ascii() {
        return Ok(r);
    }
    let mut out = String::new();
    for cp in s.code_points() {
        if cp < 128 {
            out.push(cp as u8 as char);
        } else if cp < 0x100 {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp < 0x10000 {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    Ok(PyStr::new_ref(&out))
}

fn ascii(vm: &Vm, a: Args<'_>) -> PyResult {
    ascii_of(vm, a.one_arg("ascii")?)
}

fn isinstance(vm: &Vm, a: Args<'_>) -> PyResult {
    let [o, c] = a.exact::<2>("isinstance")?;
    Ok(py_bool(proto::isinstance(vm, o, c)?))
}

fn issubclass(vm: &Vm, a: Args<'_>) -> PyResult {
    let [o, c] = a.exact::<2>("issubclass")?;
    Ok(py_bool(proto::issubclass(vm, o, c)?))
}

fn iter_(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("iter", 1, 2)?;
    match args {
        [o] => iter::get_iter(vm, o),
        [f, sentinel] => {
            if !call::callable(f) {
                return Err(type_error("iter(v, w): v must be callable"));
            }
            Ok(crate::types::iterators::callable_iter(
                f.clone(),
                sentinel.clone(),
            ))
        }
        _ => Err(type_error("iter expected at least 1 argument, got 0")),
    }
}

fn next_(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("next", 1, 2)?;
    let it = &args[0];
    let Some(f) = it.class().slots().iternext else {
        return Err(type_error(format!(
            "'{}' object is not an iterator",
            it.class().name()
        )));
    };
    match f(vm, it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(crate::error::stop_iteration(None)),
        },
    }
}

fn abs(vm: &Vm, a: Args<'_>) -> PyResult {
    number::absolute(vm, a.one_arg("abs")?)
}

fn all(vm: &Vm, a: Args<'_>) -> PyResult {
    let it = iter::get_iter(vm, a.one_arg("all")?)?;
    while let Some(x) = iter::next(vm, &it)? {
        if !proto::is_true(vm, &x)? {
            return Ok(py_bool(false));
        }
    }
    Ok(py_bool(true))
}

fn any(vm: &Vm, a: Args<'_>) -> PyResult {
    let it = iter::get_iter(vm, a.one_arg("any")?)?;
    while let Some(x) = iter::next(vm, &it)? {
        if proto::is_true(vm, &x)? {
            return Ok(py_bool(true));
        }
    }
    Ok(py_bool(false))
}

fn radix(vm: &Vm, o: &PyRef, base: u32, prefix: &str) -> PyResult {
    let i = number::index(vm, o)?;
    let v = to_bigint(&i).unwrap_or_default();
    let s = v.abs().to_str_radix(base);
    Ok(PyStr::new_ref(&format!(
        "{}{prefix}{s}",
        if v.is_negative() { "-" } else { "" }
    )))
}

fn bin(vm: &Vm, a: Args<'_>) -> PyResult {
    radix(vm, a.one_arg("bin")?, 2, "0b")
}
fn oct(vm: &Vm, a: Args<'_>) -> PyResult {
    radix(vm, a.one_arg("oct")?, 8, "0o")
}
fn hex(vm: &Vm, a: Args<'_>) -> PyResult {
    radix(vm, a.one_arg("hex")?, 16, "0x")
}

fn callable(_: &Vm, a: Args<'_>) -> PyResult {
    Ok(py_bool(call::callable(a.one_arg("callable")?)))
}

fn chr(vm: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("chr")?;
    if o.downcast::<crate::types::float::PyFloat>().is_some() {
        return Err(type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let i = number::index(vm, o)?;
    match crate::types::int::to_i64(&i) {
        Some(v) if (0..=0x10FFFF).contains(&v) => Ok(crate::types::str::char_str(v as u32)),
        Some(_) => Err(value_error("chr() arg not in range(0x110000)")),
        None => Err(crate::error::overflow_error(
            "Python int too large to convert to C int",
        )),
    }
}

fn ord(_: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("ord")?;
    if let Some(s) = o.downcast::<PyStr>() {
        if s.char_len() == 1 {
            return Ok(int_from_i64(s.char_at(0).unwrap_or(0) as i64));
        }
        return Err(type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.char_len()
        )));
    }
    if let Some(b) = crate::types::bytes::bytes_data(o) {
        if b.len() == 1 {
            return Ok(int_from_i64(b[0] as i64));
        }
        return Err(type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        )));
    }
    Err(type_error(format!(
        "ord() expected string of length 1, but {} found",
        o.class().name()
    )))
}

fn dir(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("dir", 0, 1)?;
    match args.first() {
        None => {
            let locals = crate::interp::locals(vm)?;
            let keys = iter::collect(vm, &locals)?;
            let l = PyList::new_ref(keys);
            crate::types::list::sort_list(vm, &l, None, false)?;
            Ok(l)
        }
        Some(o) => {
            let r = call::call_special(vm, o, "__dir__", &[])?
                .ok_or_else(|| type_error("object does not provide __dir__"))?;
            let l = PyList::new_ref(iter::collect(vm, &r)?);
            crate::types::list::sort_list(vm, &l, None, false)?;
            Ok(l)
        }
    }
}

fn divmod(vm: &Vm, a: Args<'_>) -> PyResult {
    let [x, y] = a.exact::<2>("divmod")?;
    number::divmod(vm, x, y)
}

fn format(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("format", 1, 2)?;
    let spec = match args.get(1) {
        Some(s) => {
            if s.downcast::<PyStr>().is_none() {
                return Err(type_error(format!(
                    "format() argument 2 must be str, not {}",
                    s.class().name()
                )));
            }
            s.clone()
        }
        None => PyStr::intern(""),
    };
    crate::types::str_format::format(vm, &args[0], &spec)
}

fn attr_name(n: &PyRef) -> PyResult<&PyRef> {
    if n.downcast::<PyStr>().is_none() {
        return Err(type_error(format!(
            "attribute name must be string, not '{}'",
            n.class().name()
        )));
    }
    Ok(n)
}

fn getattr(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("getattr", 2, 3)?;
    let name = attr_name(&args[1])?;
    match proto::get_attr(vm, &args[0], name) {
        Ok(v) => Ok(v),
        Err(e) if args.len() == 3 && e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => {
            Ok(args[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn setattr(vm: &Vm, a: Args<'_>) -> PyResult {
    let [o, n, v] = a.exact::<3>("setattr")?;
    proto::set_attr(vm, o, attr_name(n)?, v)?;
    Ok(none())
}

fn delattr(vm: &Vm, a: Args<'_>) -> PyResult {
    let [o, n] = a.exact::<2>("delattr")?;
    proto::del_attr(vm, o, attr_name(n)?)?;
    Ok(none())
}

fn hasattr(vm: &Vm, a: Args<'_>) -> PyResult {
    let [o, n] = a.exact::<2>("hasattr")?;
    match proto::get_attr(vm, o, attr_name(n)?) {
        Ok(_) => Ok(py_bool(true)),
        Err(e) if e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => Ok(py_bool(false)),
        Err(e) => Err(e),
    }
}

fn hash(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(int_from_i64(proto::hash(vm, a.one_arg("hash")?)?))
}

fn id(_: &Vm, a: Args<'_>) -> PyResult {
    let o = a.one_arg("id")?;
    Ok(crate::types::int::int_from_u64(o.bits() as u64))
}

fn input(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("input", 0, 1)?;
    if let Some(p) = args.first() {
        let s = proto::str_string(vm, p)?;
        crate::modules::sys::write_stdout(vm, &s);
    }
    crate::modules::sys::flush_std_streams(vm);
    let stdin = vm.sys_module().and_then(|m| {
        m.downcast::<crate::types::module::PyModule>()
            .and_then(|m| m.get_attr("stdin"))
    });
    match &stdin {
        None => return Err(crate::error::runtime_error("input(): lost sys.stdin")),
        Some(s) if is_none(s) => {
            return Err(crate::error::runtime_error("input(): lost sys.stdin"));
        }
        Some(s) if s.downcast::<crate::modules::sys::PyStdStream>().is_none() => {
            // A replaced sys.stdin (io.StringIO, a wrapper...): its readline().
            let line = call::call_method(vm, s, "readline", &[])?;
            let Some(text) = line.downcast::<PyStr>() else {
                return Err(type_error("object.readline() returned non-string"));
            };
            if text.char_len() == 0 {
                return Err(crate::error::eof_error("EOF when reading a line"));
            }
            let n = text.char_len();
            if text.char_at(n - 1) == Some(u32::from(b'\n')) {
                return Ok(PyStr::from_wtf8_ref(text.substring(0, n - 1)));
            }
            return Ok(line);
        }
        Some(_) => {}
    }
    let line = crate::modules::sys::read_line_stdin();
    if line.is_empty() {
        return Err(crate::error::eof_error("EOF when reading a line"));
    }
    let l = line.strip_suffix('\n').unwrap_or(&line);
    let l = l.strip_suffix('\r').unwrap_or(l);
    Ok(PyStr::new_ref(l))
}

fn minmax(vm: &Vm, a: Args<'_>, name: &str, op: CompareOp) -> PyResult {
    check_kwargs(&a, name, &["key", "default"])?;
    let pos = a.positional();
    let key = kw(&a, "key").filter(|k| !is_none(k)).cloned();
    let default = kw(&a, "default").cloned();
    let items: Vec<PyRef> = match pos {
        [] => {
            return Err(type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )));
        }
        [one] => iter::collect(vm, one)?,
        many => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            many.to_vec()
        }
    };
    let mut best: Option<(PyRef, PyRef)> = None;
    for x in items {
        let k = match &key {
            Some(f) => call::call_pos(vm, f, std::slice::from_ref(&x))?,
            None => x.clone(),
        };
        best = match best {
            None => Some((k, x)),
            Some((bk, bx)) => {
                if proto::rich_compare_bool(vm, &k, &bk, op)? {
                    Some((k, x))
                } else {
                    Some((bk, bx))
                }
            }
        };
    }
    match best {
        Some((_, x)) => Ok(x),
        None => default.ok_or_else(|| value_error(format!("{name}() arg is an empty sequence"))),
    }
}

fn min(vm: &Vm, a: Args<'_>) -> PyResult {
    minmax(vm, a, "min", CompareOp::Lt)
}
fn max(vm: &Vm, a: Args<'_>) -> PyResult {
    minmax(vm, a, "max", CompareOp::Gt)
}

fn sum(vm: &Vm, a: Args<'_>) -> PyResult {
    let [iterable, start] = a.bind("sum", ["iterable", "start"], 1, 1)?;
    let iterable = iterable.unwrap_or_else(none);
    let mut acc = start.unwrap_or_else(|| int_from_i64(0));
    if acc.downcast::<PyStr>().is_some() {
        return Err(type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    if acc.downcast::<crate::types::bytes::PyBytes>().is_some() {
        return Err(type_error(
            "sum() can't sum bytes [use b''.join(seq) instead]",
        ));
    }
    let it = iter::get_iter(vm, &iterable)?;
    // Exact float accumulation uses compensated-free plain addition like
    // CPython's fast path (which adds in C doubles).
    while let Some(x) = iter::next(vm, &it)? {
        acc = number::binary_op(vm, &acc, &x, taipan_bytecode::BinaryOp::Add)?;
    }
    Ok(acc)
}

fn pow(vm: &Vm, a: Args<'_>) -> PyResult {
    let [base, exp, m] = a.bind("pow", ["base", "exp", "mod"], 0, 2)?;
    let (Some(b), Some(e)) = (base, exp) else {
        return Err(type_error("pow() missing required argument"));
    };
    number::ternary_pow(vm, &b, &e, &m.unwrap_or_else(none))
}

fn round(vm: &Vm, a: Args<'_>) -> PyResult {
    let [number, ndigits] = a.bind("round", ["number", "ndigits"], 0, 1)?;
    let n = number.unwrap_or_else(none);
    let f = call::lookup_special(&n, "__round__").ok_or_else(|| {
        type_error(format!(
            "type {} doesn't define __round__ method",
            n.class().name()
        ))
    })?;
    match ndigits.filter(|d| !is_none(d)) {
        None => call::call_unbound(vm, &f, &n, &[]),
        Some(d) => call::call_unbound(vm, &f, &n, &[d]),
    }
}

fn sorted(vm: &Vm, a: Args<'_>) -> PyResult {
    let pos = a.positional();
    if pos.len() != 1 {
        return Err(type_error(format!(
            "sorted expected 1 argument, got {}",
            pos.len()
        )));
    }
    check_kwargs(&a, "sort", &["key", "reverse"])?;
    let l = PyList::new_ref(iter::collect(vm, &pos[0])?);
    let key = kw(&a, "key").filter(|k| !is_none(k)).cloned();
    let rev = match kw(&a, "reverse") {
        Some(r) => proto::is_true(vm, r)?,
        None => false,
    };
    crate::types::list::sort_list(vm, &l, key.as_ref(), rev)?;
    Ok(l)
}

fn vars(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.range("vars", 0, 1)?;
    match args.first() {
        None => crate::interp::locals(vm),
        Some(o) => match proto::lookup_attr(vm, o, "__dict__")? {
            Some(d) => Ok(d),
            None => Err(type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

fn globals(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("globals")?;
    vm.current_globals()
        .ok_or_else(|| crate::error::system_error("no current frame"))
}

fn locals(vm: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("locals")?;
    crate::interp::locals(vm)
}

fn bigint_unused(_: BigInt) {}

fn breakpoint(vm: &Vm, a: Args<'_>) -> PyResult {
    let hook = vm
        .sys_module()
        .and_then(|m| {
            m.downcast::<crate::types::module::PyModule>()
                .and_then(|m| m.get_attr("breakpointhook"))
        })
        .ok_or_else(|| crate::error::runtime_error("lost sys.breakpointhook"))?;
    call::call(vm, &hook, a)
}

fn getattr_missing(_: &Vm, _a: Args<'_>) -> PyResult {
    Err(attribute_error(""))
}

/// The table of builtin functions.
pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("print", print).with_doc("print(value, ..., sep=' ', end='\\n', file=sys.stdout, flush=False)\n\nPrints the values to a stream, or to sys.stdout by default.\nOptional keyword arguments:\nfile:  a file-like object (stream); defaults to the current sys.stdout.\nsep:   string inserted between values, default a space.\nend:   string appended after the last value, default a newline.\nflush: whether to forcibly flush the stream."),
    MethodDef::method("len", len).with_doc("Return the number of items in a container."),
    MethodDef::method("repr", repr),
    MethodDef::method("ascii", ascii),
    MethodDef::method("isinstance", isinstance),
    MethodDef::method("issubclass", issubclass),
    MethodDef::method("iter", iter_),
    MethodDef::method("next", next_),
    MethodDef::method("abs", abs),
    MethodDef::method("all", all),
    MethodDef::method("any", any),
    MethodDef::method("bin", bin),
    MethodDef::method("oct", oct),
    MethodDef::method("hex", hex),
    MethodDef::method("callable", callable),
    MethodDef::method("chr", chr),
    MethodDef::method("ord", ord),
    MethodDef::method("dir", dir),
    MethodDef::method("divmod", divmod),
    MethodDef::method("format", format),
    MethodDef::method("getattr", getattr),
    MethodDef::method("setattr", setattr),
    MethodDef::method("delattr", delattr),
    MethodDef::method("hasattr", hasattr),
    MethodDef::method("hash", hash),
    MethodDef::method("id", id),
    MethodDef::method("input", input),
    MethodDef::method("min", min),
    MethodDef::method("max", max),
    MethodDef::method("sum", sum),
    MethodDef::method("pow", pow),
    MethodDef::method("round", round),
    MethodDef::method("sorted", sorted),
    MethodDef::method("vars", vars),
    MethodDef::method("globals", globals),
    MethodDef::method("locals", locals),
    MethodDef::method("breakpoint", breakpoint),
];

#[allow(dead_code)]
fn _unused() {
    bigint_unused(BigInt::default());
    let _ = getattr_missing;
}
