//! Builtins that need the interpreter: `__build_class__`, `__import__`,
//! `exec`, `eval`, `compile`, and the entry points that compile and run
//! source (used by the CLI and the import system).

use std::sync::Arc;

use taipan_ast::{FrontendError, SyntaxErrorKind};
pub use taipan_parser::SourceKind;

use crate::args::Args;
use crate::error::{PyErr, PyResult, type_error};
use crate::interp::Frame;
use crate::object::typeobj::MethodDef;
use crate::protocol::{call, object as proto};
use crate::types::code::PyCode;
use crate::types::dict::PyDict;
use crate::types::function::PyFunction;
use crate::types::int::int_from_i64;
use crate::types::module::PyModule;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

/// Converts a front-end error into the Python exception CPython raises.
pub fn frontend_error(e: FrontendError) -> PyErr {
    match e {
        FrontendError::Bare(msg) => PyErr::new_args(
            &crate::types::exceptions::SYNTAX_ERROR,
            vec![PyStr::new_ref(&msg)],
        ),
        FrontendError::Syntax(info) if info.end_offset == taipan_ast::END_OFFSET_UNSET => {
            let e = PyErr::new_args(
                &crate::types::exceptions::SYNTAX_ERROR,
                vec![PyStr::new_ref(&info.msg)],
            );
            use crate::types::exceptions::set_exc_attr;
            let v = e.value();
            set_exc_attr(v, "filename", PyStr::new_ref(&info.filename));
            set_exc_attr(v, "lineno", int_from_i64(info.lineno as i64));
            set_exc_attr(v, "offset", int_from_i64(info.offset as i64));
            set_exc_attr(v, "end_lineno", int_from_i64(info.end_lineno as i64));
            if let Some(t) = &info.text {
                set_exc_attr(v, "text", PyStr::new_ref(t));
            }
            e
        }
        FrontendError::Decode(info) if info.lineno == 0 => PyErr::new_args(
            &crate::types::exceptions::SYNTAX_ERROR,
            vec![
                PyStr::new_ref(&info.msg),
                PyTuple::new_ref(vec![
                    PyStr::new_ref(&info.filename),
                    int_from_i64(0),
                    int_from_i64(-1),
                    none(),
                ]),
            ],
        ),
        FrontendError::Syntax(info) | FrontendError::Decode(info) => {
            let ty = match info.kind {
                SyntaxErrorKind::SyntaxError => &crate::types::exceptions::SYNTAX_ERROR,
                SyntaxErrorKind::IndentationError => &crate::types::exceptions::INDENTATION_ERROR,
                SyntaxErrorKind::TabError => &crate::types::exceptions::TAB_ERROR,
            };
            let opt = |v: u32| {
                if v == 0 {
                    none()
                } else {
                    int_from_i64(v as i64)
                }
            };
            let details = PyTuple::new_ref(vec![
                PyStr::new_ref(&info.filename),
                opt(info.lineno),
                // CPython keeps a 0 offset (errors at ENDMARKER, empty input).
                int_from_i64(info.offset as i64),
                info.text
                    .as_deref()
                    .map(PyStr::new_ref)
                    .unwrap_or_else(none),
                opt(info.end_lineno),
                int_from_i64(info.end_offset as i64),
            ]);
            PyErr::new_args(ty, vec![PyStr::new_ref(&info.msg), details])
        }
        FrontendError::Recursion(m) => crate::error::recursion_error(m),
        FrontendError::Memory(m) => crate::error::memory_error(m),
    }
}

fn parser_mode(m: taipan_compiler::Mode) -> taipan_parser::Mode {
    match m {
        taipan_compiler::Mode::Exec => taipan_parser::Mode::Exec,
        taipan_compiler::Mode::Eval => taipan_parser::Mode::Eval,
        taipan_compiler::Mode::Single => taipan_parser::Mode::Single,
    }
}

/// Parses and compiles source bytes into a code object.
pub fn compile_source(
    vm: &Vm,
    src: &[u8],
    filename: &str,
    mode: taipan_compiler::Mode,
    optimize: i64,
) -> PyResult {
    let code = compile_to_code(vm, src, filename, mode, optimize)?;
    Ok(PyCode::new_ref(Arc::new(code)))
}

/// Line `lineno` (1-based) of source bytes, decoded by their coding cookie
/// (undecodable bytes replaced), with its line end: what CPython's
/// `PyErr_ProgramTextObject` gives a compiler error.
pub fn line_of_source(data: &[u8], filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 {
        return None;
    }
    let text = taipan_parser::decode_source(data, filename)
        .unwrap_or_else(|_| String::from_utf8_lossy(data).into_owned());
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split_inclusive('\n')
        .nth(lineno as usize - 1)
        .map(str::to_owned)
}

/// A compiler (not parser) error: CPython fills `text` from the file named
/// `filename` when it can read it (`PyErr_ProgramTextObject`).
fn compiler_error(e: FrontendError) -> PyErr {
    let e = match e {
        FrontendError::Syntax(mut info) if info.text.is_none() => {
            if let Ok(data) = std::fs::read(&info.filename) {
                info.text = line_of_source(&data, &info.filename, info.lineno);
            }
            FrontendError::Syntax(info)
        }
        e => e,
    };
    frontend_error(e)
}

/// Parses and compiles source bytes (the raw `CodeObject`).  Warnings of
/// the parser (invalid escapes, `1if`) and of the compiler (`is` with a
/// literal, ...) are issued through `_warnings` as CPython does, and become
/// the matching SyntaxError when a filter makes them errors.
pub fn compile_to_code(
    vm: &Vm,
    src: &[u8],
    filename: &str,
    mode: taipan_compiler::Mode,
    optimize: i64,
) -> PyResult<taipan_bytecode::CodeObject> {
    compile_to_code_as(vm, src, filename, mode, optimize, SourceKind::String)
}

/// [`compile_to_code`] for source read the way `kind` says (a script file
/// and stdin report decoding problems and null bytes differently).
pub fn compile_to_code_as(
    vm: &Vm,
    src: &[u8],
    filename: &str,
    mode: taipan_compiler::Mode,
    optimize: i64,
    kind: SourceKind,
) -> PyResult<taipan_bytecode::CodeObject> {
    let ast = parse_warn(
        vm,
        src,
        filename,
        parser_mode(mode),
        kind,
        taipan_parser::ParseOptions::default(),
    )?;
    let opt = if optimize < 0 {
        vm.config.optimize as u8
    } else {
        optimize as u8
    };
    let opts = taipan_compiler::CompileOptions {
        optimize: opt,
        ..Default::default()
    };
    compile_tree(vm, &ast, filename, mode, &opts)
}

/// Parses source of `kind`, issuing the parser's warnings.
pub fn parse_warn(
    vm: &Vm,
    src: &[u8],
    filename: &str,
    mode: taipan_parser::Mode,
    kind: SourceKind,
    popts: taipan_parser::ParseOptions,
) -> PyResult<taipan_ast::Mod> {
    use crate::modules::_warnings::warn_compile_time;
    use crate::types::exceptions::{DEPRECATION_WARNING, SYNTAX_WARNING};
    let mut warnings = Vec::new();
    let parsed = taipan_parser::parse_source(src, filename, mode, kind, popts, &mut warnings);
    for w in warnings {
        let category = match w.category {
            taipan_parser::WarningCategory::Deprecation => &DEPRECATION_WARNING,
            taipan_parser::WarningCategory::Syntax => &SYNTAX_WARNING,
        };
        if !warn_compile_time(vm, category, &w.message, filename, w.lineno)? {
            return Err(frontend_error(FrontendError::Syntax(w.error)));
        }
    }
    parsed.map_err(frontend_error)
}

/// Compiles a tree, issuing the compiler's warnings.
pub fn compile_tree(
    vm: &Vm,
    ast: &taipan_ast::Mod,
    filename: &str,
    mode: taipan_compiler::Mode,
    opts: &taipan_compiler::CompileOptions,
) -> PyResult<taipan_bytecode::CodeObject> {
    use crate::modules::_warnings::warn_compile_time;
    use crate::types::exceptions::SYNTAX_WARNING;
    let (code, warnings) = taipan_compiler::compile_with_warnings(ast, filename, mode, opts)
        .map_err(compiler_error)?;
    for w in warnings {
        if !warn_compile_time(vm, &SYNTAX_WARNING, &w.msg, filename, w.lineno)? {
            return Err(compiler_error(FrontendError::Syntax(
                taipan_ast::SyntaxErrorInfo {
                    kind: SyntaxErrorKind::SyntaxError,
                    msg: w.msg,
                    filename: filename.to_owned(),
                    lineno: w.lineno,
                    offset: w.offset,
                    end_lineno: w.end_lineno,
                    end_offset: w.end_offset as i32,
                    text: None,
                },
            )));
        }
    }
    Ok(code)
}

/// The builtins mapping for code running with `globals`.
fn builtins_for(vm: &Vm, globals: &PyRef) -> PyRef {
    if let Some(b) = globals
        .downcast::<PyDict>()
        .and_then(|d| d.get_rust_str("__builtins__"))
    {
        if let Some(m) = b.downcast::<PyModule>() {
            return m.dict.clone();
        }
        if b.downcast::<PyDict>().is_some() {
            return b;
        }
    }
    vm.builtins_dict()
}

/// Runs a module-level code object with `globals` (and `locals`).
pub fn run_code(vm: &Vm, code: &PyRef, globals: &PyRef, locals: Option<PyRef>) -> PyResult {
    if let Some(g) = globals.downcast::<PyDict>()
        && g.get_rust_str("__builtins__").is_none()
        && let Some(b) = vm.builtins_module()
    {
        g.set_str(PyStr::intern("__builtins__"), b);
    }
    let builtins = builtins_for(vm, globals);
    let locals = Some(locals.unwrap_or_else(|| globals.clone()));
    let frame = Frame::new_with_locals(code.clone(), globals.clone(), builtins, locals)?;
    let r = crate::interp::run_frame(vm, Box::new(frame))?;
    crate::runtime::pycache::after_module_exec(vm, globals)?;
    Ok(r)
}

fn build_class(vm: &Vm, a: Args<'_>) -> PyResult {
    let pos = a.positional();
    if pos.len() < 2 {
        return Err(type_error("__build_class__: not enough arguments"));
    }
    let func = &pos[0];
    let fp = func
        .downcast::<PyFunction>()
        .ok_or_else(|| type_error("__build_class__: func must be a function"))?;
    let name = &pos[1];
    if name.downcast::<PyStr>().is_none() {
        return Err(type_error("__build_class__: name is not a string"));
    }
    let orig_bases: Vec<PyRef> = pos[2..].to_vec();
    // PEP 560: __mro_entries__.
    let mut bases = Vec::new();
    let mut changed = false;
    for b in &orig_bases {
        if b.as_type().is_none()
            && let Some(me) = proto::lookup_attr(vm, b, "__mro_entries__")?
        {
            let r = call::call_pos(vm, &me, &[PyTuple::new_ref(orig_bases.clone())])?;
            let t = r
                .downcast::<PyTuple>()
                .ok_or_else(|| type_error("__mro_entries__ must return a tuple"))?;
            bases.extend(t.as_slice().iter().cloned());
            changed = true;
            continue;
        }
        bases.push(b.clone());
    }
    let mut meta: Option<PyRef> = None;
    let mut kwnames = Vec::new();
    let mut kwvals = Vec::new();
    for (k, v) in a.kwargs() {
        if k.downcast::<PyStr>().and_then(|s| s.as_str()) == Some("metaclass") {
            meta = Some(v.clone());
        } else {
            kwnames.push(k.clone());
            kwvals.push(v.clone());
        }
    }
    let is_class = meta.as_ref().is_none_or(|m| m.as_type().is_some());
    let meta = match meta {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => b.class_ref(),
            None => crate::types::type_::TYPE_TYPE.to_ref(),
        },
    };
    let meta = if is_class {
        crate::types::type_::calculate_metaclass(&meta, &bases)?
    } else {
        meta
    };
    let bases_t = PyTuple::new_ref(bases);
    let ns = match proto::lookup_attr(vm, &meta, "__prepare__")? {
        Some(prep) => {
            let mut args = vec![name.clone(), bases_t.clone()];
            args.extend(kwvals.iter().cloned());
            call::call(vm, &prep, Args::new(&args, &kwnames))?
        }
        None => PyDict::new_ref(),
    };
    if ns.class().slots().mp_getitem.is_none() {
        let mn = meta
            .as_type()
            .map(|t| t.name())
            .unwrap_or_else(|| "<metaclass>".into());
        return Err(type_error(format!(
            "{mn}.__prepare__() must return a mapping, not {}",
            ns.class().name()
        )));
    }
    let mut frame = Frame::new_with_locals(
        fp.code(),
        fp.globals.clone(),
        fp.builtins.clone(),
        Some(ns.clone()),
    )?;
    frame.func = Some(func.clone());
    let cell = crate::interp::run_frame(vm, Box::new(frame))?;
    if changed {
        proto::set_item(
            vm,
            &ns,
            &PyStr::intern("__orig_bases__"),
            &PyTuple::new_ref(orig_bases),
        )?;
    }
    let mut args = vec![name.clone(), bases_t, ns];
    args.extend(kwvals);
    let cls = call::call(vm, &meta, Args::new(&args, &kwnames))?;
    if let Some(c) = cell.downcast::<crate::types::cell::PyCell>()
        && cls.as_type().is_some()
    {
        match c.get() {
            Some(v) if !v.is(&cls) => {
                return Err(type_error(format!(
                    "__class__ set to {} defining {} as {}",
                    proto::repr_string(vm, &v)?,
                    proto::repr_string(vm, name)?,
                    proto::repr_string(vm, &cls)?
                )));
            }
            None => {
                return Err(crate::error::runtime_error(format!(
                    "__class__ not set defining {} as {}. Was __classcell__ propagated to type.__new__?",
                    proto::repr_string(vm, name)?,
                    proto::repr_string(vm, &cls)?
                )));
            }
            _ => {}
        }
    }
    Ok(cls)
}

fn dunder_import(vm: &Vm, a: Args<'_>) -> PyResult {
    let [name, globals, locals, fromlist, level] = a.bind(
        "__import__",
        ["name", "globals", "locals", "fromlist", "level"],
        0,
        1,
    )?;
    let name = name.unwrap_or_else(none);
    let globals = globals.unwrap_or_else(PyDict::new_ref);
    let _ = locals;
    let fromlist = fromlist.unwrap_or_else(|| PyTuple::new_ref(vec![]));
    let level = level.unwrap_or_else(|| int_from_i64(0));
    crate::interp::import::import_impl(vm, &name, &globals, &fromlist, &level)
}

/// Source text of `compile`/`exec`/`eval` arguments.
/// The source argument of `compile`/`exec`/`eval` as bytes, and how to
/// read them (a `str` is already decoded: its coding cookie is ignored).
fn source_bytes(o: &PyRef, what: &str) -> PyResult<(Vec<u8>, SourceKind)> {
    if let Some(s) = o.downcast::<PyStr>() {
        let b = match s.as_str() {
            Some(t) => t.as_bytes().to_vec(),
            None => return Err(crate::error::unicode_error("source contains surrogates")),
        };
        if b.contains(&0) {
            return Err(PyErr::new_msg(
                &crate::types::exceptions::SYNTAX_ERROR,
                "source code string cannot contain null bytes",
            ));
        }
        return Ok((b, SourceKind::Text));
    }
    if let Some(b) = crate::types::bytes::bytes_data(o) {
        if b.contains(&0) {
            return Err(PyErr::new_msg(
                &crate::types::exceptions::SYNTAX_ERROR,
                "source code string cannot contain null bytes",
            ));
        }
        return Ok((b, SourceKind::String));
    }
    Err(type_error(if what == "compile" {
        "compile() arg 1 must be a string, bytes or AST object".to_string()
    } else {
        format!("{what}() arg 1 must be a string, bytes or code object")
    }))
}

/// `compile()` flags CPython accepts (`PyCF_MASK | PyCF_MASK_OBSOLETE |
/// PyCF_COMPILE_MASK`): the `__future__` feature bits, `CO_NESTED`, and
/// `PyCF_DONT_IMPLY_DEDENT`, `PyCF_ONLY_AST`, `PyCF_TYPE_COMMENTS`,
/// `PyCF_ALLOW_TOP_LEVEL_AWAIT`, `PyCF_ALLOW_INCOMPLETE_INPUT`.
const COMPILE_FLAGS_ALLOWED: i64 = 0x1fe_0000 | 0x10 | 0x200 | 0x400 | 0x1000 | 0x2000 | 0x4000;
const PY_CF_DONT_IMPLY_DEDENT: i64 = 0x200;
const PY_CF_ALLOW_INCOMPLETE_INPUT: i64 = 0x4000;
const CO_FUTURE_ANNOTATIONS: i64 = 0x100_0000;

fn compile(vm: &Vm, a: Args<'_>) -> PyResult {
    use crate::modules::_ast;
    let [source, filename, mode, flags, dont_inherit, optimize, fv] = a.bind(
        "compile",
        [
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
            "_feature_version",
        ],
        0,
        3,
    )?;
    let _ = fv;
    let source = source.unwrap_or_else(none);
    let mut filename = filename.unwrap_or_else(none);
    if filename.downcast::<PyStr>().is_none()
        && crate::types::bytes::bytes_data(&filename).is_none()
        && let Some(r) = call::call_special(vm, &filename, "__fspath__", &[])?
    {
        // An os.PathLike: its `__fspath__()` (str or bytes) names the file.
        if r.downcast::<PyStr>().is_none() && crate::types::bytes::bytes_data(&r).is_none() {
            return Err(type_error(format!(
                "expected {}.__fspath__() to return str or bytes, not {}",
                filename.class().name(),
                r.class().name()
            )));
        }
        filename = r;
    }
    let fname = match filename.downcast::<PyStr>() {
        Some(s) => s.to_string_lossy(),
        None => match crate::types::bytes::bytes_data(&filename) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => {
                return Err(type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    filename.class().name()
                )));
            }
        },
    };
    let flags = match flags {
        Some(f) => crate::types::int::to_i64(&f).ok_or_else(|| {
            type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                f.class().name()
            ))
        })?,
        None => 0,
    };
    let optimize = match optimize {
        Some(o) => crate::types::int::to_i64(&o).ok_or_else(|| {
            type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                o.class().name()
            ))
        })?,
        None => -1,
    };
    if flags & !COMPILE_FLAGS_ALLOWED != 0 {
        return Err(crate::error::value_error("compile(): unrecognised flags"));
    }
    if !(-1..=2).contains(&optimize) {
        return Err(crate::error::value_error(
            "compile(): invalid optimize value",
        ));
    }
    let only_ast = flags & _ast::PY_CF_ONLY_AST != 0;
    let mode_s = mode
        .and_then(|m| m.downcast::<PyStr>().map(|s| s.to_string_lossy()))
        .unwrap_or_default();
    let mode = match mode_s.as_str() {
        "exec" => taipan_parser::Mode::Exec,
        "eval" => taipan_parser::Mode::Eval,
        "single" => taipan_parser::Mode::Single,
        "func_type" if only_ast => taipan_parser::Mode::FuncType,
        "func_type" => {
            return Err(crate::error::value_error(
                "compile() mode 'func_type' requires flag PyCF_ONLY_AST",
            ));
        }
        _ => {
            return Err(crate::error::value_error(if only_ast {
                "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
            } else {
                "compile() mode must be 'exec', 'eval' or 'single'"
            }));
        }
    };
    // Without `dont_inherit`, the calling code's `from __future__` features
    // apply (CPython's `PyEval_MergeCompilerFlags`).
    let inherit = match &dont_inherit {
        Some(d) => !proto::is_true(vm, d)?,
        None => true,
    };
    let inherited_annotations = inherit
        && vm
            .interp
            .frame_at(0)
            .is_some_and(|f| f.code.flags.0 & taipan_bytecode::CodeFlags::FUTURE_ANNOTATIONS != 0);
    let cmode = match mode {
        taipan_parser::Mode::Eval => taipan_compiler::Mode::Eval,
        taipan_parser::Mode::Single => taipan_compiler::Mode::Single,
        _ => taipan_compiler::Mode::Exec,
    };
    let opts = taipan_compiler::CompileOptions {
        optimize: if optimize < 0 {
            vm.config.optimize as u8
        } else {
            optimize as u8
        },
        future_annotations: flags & CO_FUTURE_ANNOTATIONS != 0 || inherited_annotations,
        dont_inherit: !inherit,
    };
    if _ast::is_ast(vm, &source)? {
        if only_ast {
            return Ok(source);
        }
        let tree = _ast::obj_to_mod(vm, &source, cmode)?;
        _ast::validate_mod(vm, &tree)?;
        let code = compile_tree(vm, &tree, &fname, cmode, &opts)?;
        return Ok(PyCode::new_ref(Arc::new(code)));
    }
    let (src, kind) = source_bytes(&source, "compile")?;
    let popts = taipan_parser::ParseOptions {
        allow_incomplete: flags & PY_CF_ALLOW_INCOMPLETE_INPUT != 0,
        dont_imply_dedent: flags & PY_CF_DONT_IMPLY_DEDENT != 0,
    };
    let tree = parse_warn(vm, &src, &fname, mode, kind, popts)?;
    if only_ast {
        return _ast::mod_to_py(vm, &tree);
    }
    let code = compile_tree(vm, &tree, &fname, cmode, &opts)?;
    Ok(PyCode::new_ref(Arc::new(code)))
}

fn exec_or_eval(vm: &Vm, a: Args<'_>, is_eval: bool) -> PyResult {
    let fname = if is_eval { "eval" } else { "exec" };
    let [source, globals, locals, closure] =
        a.bind(fname, ["source", "globals", "locals", "closure"], 1, 1)?;
    let _ = closure;
    let source = source.unwrap_or_else(none);
    let globals = globals.filter(|g| !is_none(g));
    let locals = locals.filter(|l| !is_none(l));
    if let Some(g) = &globals
        && g.downcast::<PyDict>().is_none()
    {
        return Err(type_error(if is_eval {
            "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
        } else {
            format!("exec() globals must be a dict, not {}", g.class().name())
        }));
    }
    if let Some(l) = &locals
        && l.class().slots().mp_getitem.is_none()
    {
        return Err(type_error("locals must be a mapping".to_string()));
    }
    let (globals, locals) = match (globals, locals) {
        (Some(g), l) => {
            let l = l.unwrap_or_else(|| g.clone());
            (g, l)
        }
        (None, l) => {
            let g = vm
                .current_globals()
                .ok_or_else(|| crate::error::system_error("no current frame"))?;
            let l = match l {
                Some(l) => l,
                None => crate::interp::locals(vm)?,
            };
            (g, l)
        }
    };
    let code = if source.downcast::<PyCode>().is_some() {
        source
    } else {
        let (mut src, kind) = source_bytes(&source, fname)?;
        if is_eval {
            // eval() strips leading spaces and tabs.
            let skip = src.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
            src.drain(..skip);
        }
        let mode = if is_eval {
            taipan_compiler::Mode::Eval
        } else {
            taipan_compiler::Mode::Exec
        };
        let code = compile_to_code_as(vm, &src, "<string>", mode, -1, kind)?;
        PyCode::new_ref(Arc::new(code))
    };
    let r = run_code(vm, &code, &globals, Some(locals))?;
    Ok(if is_eval { r } else { none() })
}

fn exec(vm: &Vm, a: Args<'_>) -> PyResult {
    exec_or_eval(vm, a, false)
}

fn eval(vm: &Vm, a: Args<'_>) -> PyResult {
    exec_or_eval(vm, a, true)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("__build_class__", build_class),
    MethodDef::method("__import__", dunder_import),
    MethodDef::method("compile", compile),
    MethodDef::method("exec", exec),
    MethodDef::method("eval", eval),
];

/// Adds the interpreter-level builtins to the `builtins` module.
pub fn register(_vm: &Vm, m: &PyModule) {
    let me = m.dict.clone();
    let _ = me;
    for f in FUNCTIONS {
        m.set_attr(f.name, crate::types::descriptors::builtin_function(f, None));
    }
}

/// Runs a program as `__main__` (`-c` string or `-m` module source).
/// Returns the uncaught exception, if any.
pub fn run_main(vm: &Vm, src: &[u8], filename: &str, file_attr: Option<&str>) -> Result<(), PyErr> {
    run_main_as(vm, src, filename, file_attr, SourceKind::String)
}

/// [`run_main`] for source of `kind` (`SourceKind::File` for a script file
/// or stdin).
pub fn run_main_as(
    vm: &Vm,
    src: &[u8],
    filename: &str,
    file_attr: Option<&str>,
    kind: SourceKind,
) -> Result<(), PyErr> {
    let main = PyModule::new_ref("__main__", None);
    let md = main
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    if let Some(f) = file_attr {
        md.set_attr("__file__", PyStr::new_ref(f));
        md.set_attr("__cached__", none());
    }
    if let Some(b) = vm.builtins_module() {
        md.set_attr("__builtins__", b);
    }
    if let Some(d) = vm.modules().downcast::<PyDict>() {
        d.set_str(PyStr::intern("__main__"), main.clone());
    }
    let code = compile_to_code_as(vm, src, filename, taipan_compiler::Mode::Exec, -1, kind)?;
    let code = PyCode::new_ref(Arc::new(code));
    run_code(vm, &code, &md.dict.clone(), None)?;
    Ok(())
}

/// Runs `src` (named `filename`) in the `__main__` module, creating it
/// when no program ran before (`PYTHONSTARTUP`).
pub fn run_in_main(vm: &Vm, src: &[u8], filename: &str) -> Result<(), PyErr> {
    let main = main_module(vm);
    let md = main
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    let code = compile_to_code_as(
        vm,
        src,
        filename,
        taipan_compiler::Mode::Exec,
        -1,
        SourceKind::File,
    )?;
    let code = PyCode::new_ref(Arc::new(code));
    run_code(vm, &code, &md.dict.clone(), None)?;
    Ok(())
}

/// `sys.modules['__main__']`, created (with `__builtins__`) if missing.
fn main_module(vm: &Vm) -> PyRef {
    if let Some(m) = vm
        .modules()
        .downcast::<PyDict>()
        .and_then(|d| d.get_rust_str("__main__"))
    {
        return m;
    }
    let main = PyModule::new_ref("__main__", None);
    if let Some(md) = main.downcast::<PyModule>()
        && let Some(b) = vm.builtins_module()
    {
        md.set_attr("__builtins__", b);
    }
    if let Some(d) = vm.modules().downcast::<PyDict>() {
        d.set_str(PyStr::intern("__main__"), main.clone());
    }
    main
}

/// The interactive loop (`crates/vm/src/repl.py`, run in a private
/// namespace) over the `__main__` module, which is created when no program
/// ran before.  `banner` is printed to stderr first.
pub fn run_repl(vm: &Vm, banner: Option<&str>) -> Result<(), PyErr> {
    main_module(vm);
    let code = compile_to_code_as(
        vm,
        include_bytes!("../repl.py"),
        "<taipan repl>",
        taipan_compiler::Mode::Exec,
        -1,
        SourceKind::File,
    )?;
    let code = PyCode::new_ref(Arc::new(code));
    let ns = PyDict::new_ref();
    run_code(vm, &code, &ns, None)?;
    let f = ns
        .downcast::<PyDict>()
        .and_then(|d| d.get_rust_str("_interact"))
        .ok_or_else(|| type_error("repl: no _interact"))?;
    let b = banner.map_or_else(none, PyStr::new_ref);
    crate::protocol::call::call_pos(vm, &f, &[b])?;
    Ok(())
}
