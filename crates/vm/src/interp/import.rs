//! The import system: `__import__` semantics in Rust (relative names,
//! `sys.modules`, builtin modules, packages and source files found on
//! `sys.path` / a package's `__path__`), `from ... import`, and `import *`.
//!
//! The native search is a fast path for what CPython's default import
//! machinery does: `sys.meta_path` = BuiltinImporter, FrozenImporter,
//! PathFinder and `sys.path_hooks` = zipimporter, FileFinder's hook, over
//! directories.  Whenever the state differs — a finder or hook added or
//! removed by the program, or a search-path entry that is a file (a zip
//! archive) — the import goes through importlib's own `_gcd_import`, so
//! custom finders, loaders, path hooks and zip imports behave as in CPython.

use crate::error::{PyErr, PyResult, import_error, type_error, value_error};
use crate::protocol::object as proto;
use crate::types::dict::PyDict;
use crate::types::list::PyList;
use crate::types::module::PyModule;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

fn modules(vm: &Vm) -> &PyDict {
    vm.modules()
        .downcast::<PyDict>()
        .expect("sys.modules is a dict")
}

fn s(o: &PyRef) -> String {
    o.downcast::<PyStr>()
        .map(|x| x.to_string_lossy())
        .unwrap_or_default()
}

fn module_not_found(name: &str, msg: String) -> PyErr {
    let e = crate::error::module_not_found_error(msg);
    crate::types::exceptions::set_exc_attr(e.value(), "name", PyStr::new_ref(name));
    e
}

/// Resolves a relative import to an absolute module name.
fn resolve_name(vm: &Vm, name: &str, globals: &PyRef, level: i64) -> PyResult<String> {
    let g = globals.downcast::<PyDict>();
    let get = |k: &str| g.and_then(|d| d.get_rust_str(k)).filter(|v| !is_none(v));
    let package = match get("__package__") {
        Some(p) => {
            if p.downcast::<PyStr>().is_none() {
                return Err(type_error("package must be a string"));
            }
            s(&p)
        }
        None => match get("__name__") {
            Some(n) => {
                let n = s(&n);
                if get("__path__").is_some() {
                    n
                } else {
                    n.rsplit_once('.')
                        .map(|x| x.0.to_string())
                        .unwrap_or_default()
                }
            }
            None => String::new(),
        },
    };
    if package.is_empty() {
        return Err(import_error(
            "attempted relative import with no known parent package",
        ));
    }
    let bits: Vec<&str> = package.rsplitn(level as usize, '.').collect();
    if bits.len() < level as usize {
        return Err(import_error(
            "attempted relative import beyond top-level package",
        ));
    }
    let base = bits.last().copied().unwrap_or("");
    let _ = vm;
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}

/// `__import__(name, globals, locals, fromlist, level)`.
pub fn import_hook(
    vm: &Vm,
    name: &PyRef,
    globals: &PyRef,
    _locals: &PyRef,
    fromlist: &PyRef,
    level: &PyRef,
) -> PyResult {
    // A user-replaced builtins.__import__ is honoured.
    if let Some(custom) = vm
        .builtins_dict()
        .downcast::<PyDict>()
        .and_then(|d| d.get_rust_str("__import__"))
        && custom
            .downcast::<crate::types::descriptors::PyBuiltinFunction>()
            .is_none()
    {
        return crate::protocol::call::call_pos(
            vm,
            &custom,
            &[
                name.clone(),
                globals.clone(),
                none(),
                fromlist.clone(),
                level.clone(),
            ],
        );
    }
    import_impl(vm, name, globals, fromlist, level)
}

pub fn import_impl(
    vm: &Vm,
    name: &PyRef,
    globals: &PyRef,
    fromlist: &PyRef,
    level: &PyRef,
) -> PyResult {
    let nm = name
        .downcast::<PyStr>()
        .ok_or_else(|| {
            type_error(format!(
                "module name must be str, not {}",
                name.class().name()
            ))
        })?
        .to_string_lossy();
    let level = crate::types::int::to_i64(level).unwrap_or(0);
    if level < 0 {
        return Err(value_error("level must be >= 0"));
    }
    if level == 0 && nm.is_empty() {
        return Err(value_error("Empty module name"));
    }
    let abs = if level > 0 {
        resolve_name(vm, &nm, globals, level)?
    } else {
        nm.clone()
    };
    let module = import_module(vm, &abs)?;
    let from: Vec<PyRef> = if is_none(fromlist) {
        Vec::new()
    } else {
        crate::protocol::iter::collect(vm, fromlist)?
    };
    if from.is_empty() {
        if level == 0 {
            let first = nm.split('.').next().unwrap_or(&nm);
            return import_module(vm, first);
        }
        if nm.is_empty() {
            return Ok(module);
        }
        let cut = abs.len() - nm.len() + nm.split('.').next().map(|x| x.len()).unwrap_or(0);
        return import_module(vm, &abs[..cut]);
    }
    if proto::lookup_attr(vm, &module, "__path__")?.is_some() {
        for x in from {
            let xs = s(&x);
            if xs == "*" {
                if let Some(all) = proto::lookup_attr(vm, &module, "__all__")? {
                    for y in crate::protocol::iter::collect(vm, &all)? {
                        let ys = s(&y);
                        if proto::lookup_attr(vm, &module, &ys)?.is_none() {
                            import_submodule_quietly(vm, &abs, &ys)?;
                        }
                    }
                }
                continue;
            }
            if proto::lookup_attr(vm, &module, &xs)?.is_none() {
                import_submodule_quietly(vm, &abs, &xs)?;
            }
        }
    }
    Ok(module)
}

fn import_submodule_quietly(vm: &Vm, pkg: &str, name: &str) -> PyResult<()> {
    let full = format!("{pkg}.{name}");
    match import_module(vm, &full) {
        Ok(_) => Ok(()),
        Err(e)
            if e.matches(&crate::types::exceptions::MODULE_NOT_FOUND_ERROR)
                && s(&crate::types::exceptions::exc_attr(e.value(), "name")) == full =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The finders and path hooks `install_importlib` installed, compared by
/// identity with `sys.meta_path` and `sys.path_hooks` before each native
/// search.
pub(crate) struct DefaultImporters {
    meta_path: Vec<PyRef>,
    path_hooks: Vec<PyRef>,
    /// `importlib._bootstrap._gcd_import` (kept here: programs and tests
    /// may take `importlib._bootstrap` out of `sys.modules`).
    gcd_import: PyRef,
}

/// The finders and path hooks importlib's set-up installed: while
/// `sys.meta_path`/`sys.path_hooks` hold just these, imports take the
/// native path.  Process-wide (every thread imports into one `sys.modules`).
static DEFAULT_IMPORTERS: crate::runtime::gil::GilCell<
    std::cell::RefCell<Option<DefaultImporters>>,
> = crate::runtime::gil::GilCell::new(std::cell::RefCell::new(None));

fn defaults_installed() -> bool {
    DEFAULT_IMPORTERS.with(|d| d.borrow().is_some())
}

/// The items of `sys.<name>` when it is a list (None otherwise, or when
/// it is missing: then only importlib knows what to do).
fn sys_list(vm: &Vm, name: &str) -> Option<Vec<PyRef>> {
    let sys = vm.sys_module()?;
    let l = sys.downcast::<PyModule>()?.get_attr(name)?;
    Some(l.downcast::<PyList>()?.to_vec())
}

/// Whether `sys.meta_path` and `sys.path_hooks` are what the native search
/// stands for: empty before importlib is set up, its defaults after.
fn import_state_is_default(vm: &Vm) -> bool {
    if vm.importlib_bootstrapping.get() {
        return true;
    }
    let (Some(meta), Some(hooks)) = (sys_list(vm, "meta_path"), sys_list(vm, "path_hooks")) else {
        return false;
    };
    let same =
        |a: &[PyRef], b: &[PyRef]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.is(y));
    DEFAULT_IMPORTERS.with(|d| match &*d.borrow() {
        None => meta.is_empty() && hooks.is_empty(),
        Some(d) => same(&meta, &d.meta_path) && same(&hooks, &d.path_hooks),
    })
}

/// Imports `fullname` with importlib (`importlib._bootstrap._gcd_import`),
/// setting importlib up first if needed.
#[cold]
fn import_with_importlib(vm: &Vm, fullname: &str) -> PyResult {
    if !defaults_installed() {
        vm.importlib_bootstrapping.set(true);
        let r = import_native(vm, "importlib");
        vm.importlib_bootstrapping.set(false);
        r?;
    }
    let f = DEFAULT_IMPORTERS
        .with(|d| d.borrow().as_ref().map(|d| d.gcd_import.clone()))
        .ok_or_else(|| import_error("importlib could not be set up"))?;
    crate::protocol::call::call_pos(vm, &f, &[PyStr::new_ref(fullname)]).map_err(|e| {
        crate::interp::traceback::remove_importlib_frames(e.value());
        e
    })
}

/// Imports `fullname` (and its parents); returns the module itself.
/// With several threads, under `fullname`'s import lock.
pub fn import_module(vm: &Vm, fullname: &str) -> PyResult {
    super::import_lock::with_module_lock(fullname, || import_module_unlocked(vm, fullname))
}

fn import_module_unlocked(vm: &Vm, fullname: &str) -> PyResult {
    if let Some(m) = modules(vm).get_rust_str(fullname) {
        if is_none(&m) {
            return Err(module_not_found(
                fullname,
                format!("import of {fullname} halted; None in sys.modules"),
            ));
        }
        return Ok(m);
    }
    if !import_state_is_default(vm) {
        return import_with_importlib(vm, fullname);
    }
    import_native(vm, fullname)
}

/// The native search (see the module documentation).
fn import_native(vm: &Vm, fullname: &str) -> PyResult {
    if let Some(m) = modules(vm).get_rust_str(fullname)
        && !is_none(&m)
    {
        return Ok(m);
    }
    let (parent, child) = match fullname.rsplit_once('.') {
        Some((p, c)) => (Some(p), c),
        None => (None, fullname),
    };
    let search_path: Vec<String> = match parent {
        Some(p) => {
            let pm = import_module(vm, p)?;
            if let Some(m) = modules(vm).get_rust_str(fullname) {
                return Ok(m);
            }
            match proto::lookup_attr(vm, &pm, "__path__")? {
                Some(path) => crate::protocol::iter::collect(vm, &path)?
                    .iter()
                    .map(s)
                    .collect(),
                None => {
                    return Err(module_not_found(
                        fullname,
                        format!("No module named '{fullname}'; '{p}' is not a package"),
                    ));
                }
            }
        }
        None => {
            if is_frozen_alias(fullname) && modules(vm).get_rust_str("importlib").is_none() {
                // `_frozen_importlib[_external]` are CPython's frozen copies
                // of importlib's bootstrap modules; here the source modules
                // are them, entered in `sys.modules` under these names once
                // `importlib` is set up (not while `importlib/__init__.py`
                // runs, which must take its from-source path).
                import_module(vm, "importlib")?;
                if let Some(m) = modules(vm).get_rust_str(fullname) {
                    return Ok(m);
                }
            }
            if let Some((_, init)) = crate::modules::BUILTIN_MODULES
                .iter()
                .find(|(n, _)| *n == fullname)
            {
                let m = init(vm)?;
                modules(vm).set_str(PyStr::new_ref(fullname), m.clone());
                return Ok(m);
            }
            let sys_path = vm
                .sys_module()
                .and_then(|m| m.downcast::<PyModule>().and_then(|m| m.get_attr("path")))
                .unwrap_or_else(|| PyList::new_ref(Vec::new()));
            crate::protocol::iter::collect(vm, &sys_path)?
                .iter()
                .map(s)
                .collect()
        }
    };
    // Directories without `__init__.py` (PEP 420 portions): a namespace
    // package, but only if no entry has a regular package or module.
    let mut portions: Vec<String> = Vec::new();
    for dir in &search_path {
        let d = if dir.is_empty() {
            ".".to_string()
        } else {
            dir.clone()
        };
        let dpath = std::path::Path::new(&d);
        if !dpath.is_dir() {
            // A file on the search path is a zip archive for zipimport's
            // path hook (or nothing importable, which importlib decides).
            if dpath.is_file() {
                return import_with_importlib(vm, fullname);
            }
            continue;
        }
        let pkg_init = std::path::Path::new(&d).join(child).join("__init__.py");
        if pkg_init.is_file() {
            let pkg_dir = std::path::Path::new(&d).join(child);
            return load_source(
                vm,
                fullname,
                &pkg_init.to_string_lossy(),
                Some(&pkg_dir.to_string_lossy()),
                parent,
                child,
            );
        }
        let file = std::path::Path::new(&d).join(format!("{child}.py"));
        if file.is_file() {
            return load_source(vm, fullname, &file.to_string_lossy(), None, parent, child);
        }
        let dir = std::path::Path::new(&d).join(child);
        if dir.is_dir() {
            portions.push(dir.to_string_lossy().into_owned());
        }
    }
    if !portions.is_empty() {
        return load_namespace(vm, fullname, portions, parent, child);
    }
    Err(module_not_found(
        fullname,
        format!("No module named '{fullname}'"),
    ))
}

fn load_source(
    vm: &Vm,
    fullname: &str,
    file: &str,
    pkg_dir: Option<&str>,
    parent: Option<&str>,
    child: &str,
) -> PyResult {
    let m = PyModule::new_ref(fullname, None);
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    md.set_attr("__file__", PyStr::new_ref(file));
    let read_source = || {
        std::fs::read(file).map_err(|e| {
            crate::types::exceptions::os_error_from_errno(
                e.raw_os_error().unwrap_or(5),
                Some(PyStr::new_ref(file)),
            )
        })
    };
    // The bytecode cache, or the compiler at the interpreter's -O level
    // (as CPython compiles imports).
    let (code, cached) = crate::runtime::pycache::load_or_compile(vm, file, read_source)?;
    md.set_attr(
        "__cached__",
        cached.map_or_else(none, |c| PyStr::new_ref(&c)),
    );
    let package = match pkg_dir {
        Some(d) => {
            md.set_attr("__path__", PyList::new_ref(vec![PyStr::new_ref(d)]));
            fullname.to_string()
        }
        None => parent.unwrap_or("").to_string(),
    };
    md.set_attr("__package__", PyStr::new_ref(&package));
    attach_spec(vm, &m, fullname, file, pkg_dir.is_some())?;
    if let Some(b) = vm.builtins_module() {
        md.set_attr("__builtins__", b);
    }
    let key = PyStr::new_ref(fullname);
    modules(vm).set_str(key.clone(), m.clone());
    let globals = md.dict.clone();
    if let Err(e) = crate::interp::builtins::run_code(vm, &code, &globals, None) {
        modules(vm).del_str(&key);
        return Err(e);
    }
    let result = modules(vm).get_rust_str(fullname).unwrap_or(m);
    if fullname == "importlib" {
        install_importlib(vm)?;
    }
    if let Some(p) = parent
        && let Some(pm) = modules(vm).get_rust_str(p)
    {
        let _ = proto::set_attr(vm, &pm, &PyStr::intern(child), &result);
    }
    Ok(result)
}

/// A PEP 420 namespace package over `portions`: no `__file__`, a
/// `__path__` of the directories, and (once importlib is loaded) the
/// `NamespaceLoader` spec CPython's path finder gives it.
#[cold]
fn load_namespace(
    vm: &Vm,
    fullname: &str,
    portions: Vec<String>,
    parent: Option<&str>,
    child: &str,
) -> PyResult {
    let m = PyModule::new_ref(fullname, None);
    let md = m
        .downcast::<PyModule>()
        .ok_or_else(|| type_error("module"))?;
    let path = PyList::new_ref(portions.iter().map(|p| PyStr::new_ref(p)).collect());
    md.set_attr("__path__", path.clone());
    md.set_attr("__package__", PyStr::new_ref(fullname));
    md.set_attr("__file__", none());
    // The spec's NamespaceLoader comes from importlib (rarely needed, so
    // loading it here costs nothing in the common case).
    if bootstrap_external(vm).is_none() {
        import_module(vm, "importlib")?;
    }
    if let (Some(ext), Some(boot)) = (
        bootstrap_external(vm),
        modules(vm).get_rust_str("importlib._bootstrap"),
    ) {
        let finder = proto::get_attr_str(vm, &ext, "PathFinder")?;
        let get_spec = proto::get_attr_str(vm, &finder, "_get_spec")?;
        let loader_cls = proto::get_attr_str(vm, &ext, "NamespaceLoader")?;
        let name = PyStr::new_ref(fullname);
        let loader = crate::protocol::call::call_pos(
            vm,
            &loader_cls,
            &[name.clone(), path.clone(), get_spec],
        )?;
        let spec_cls = proto::get_attr_str(vm, &boot, "ModuleSpec")?;
        let args = [name, loader.clone(), crate::types::bool_::py_bool(true)];
        let kw = [PyStr::intern("is_package")];
        let spec =
            crate::protocol::call::call(vm, &spec_cls, crate::args::Args::new(&args, &kw[..]))?;
        proto::set_attr(
            vm,
            &spec,
            &PyStr::intern("submodule_search_locations"),
            &path,
        )?;
        md.set_attr("__spec__", spec);
        md.set_attr("__loader__", loader);
    } else {
        md.set_attr("__spec__", none());
        md.set_attr("__loader__", none());
    }
    modules(vm).set_str(PyStr::new_ref(fullname), m.clone());
    if let Some(p) = parent
        && let Some(pm) = modules(vm).get_rust_str(p)
    {
        let _ = proto::set_attr(vm, &pm, &PyStr::intern(child), &m);
    }
    Ok(m)
}

/// Whether `name` is one of CPython's frozen importlib module names.
fn is_frozen_alias(name: &str) -> bool {
    matches!(name, "_frozen_importlib" | "_frozen_importlib_external")
}

/// `importlib._bootstrap_external`, once `importlib` has been imported.
fn bootstrap_external(vm: &Vm) -> Option<PyRef> {
    modules(vm)
        .get_rust_str("importlib._bootstrap_external")
        .filter(|m| m.downcast::<PyModule>().is_some())
}

/// Gives a source module loaded by this importer the `__spec__` and
/// `__loader__` CPython's path finder would have given it, using
/// importlib's own `spec_from_file_location` (only once importlib is
/// loaded: before that nobody can ask for them, and loading importlib at
/// start-up would slow every program down).
fn attach_spec(vm: &Vm, m: &PyRef, fullname: &str, file: &str, is_pkg: bool) -> PyResult<()> {
    let Some(ext) = bootstrap_external(vm) else {
        return Ok(());
    };
    let f = proto::get_attr_str(vm, &ext, "spec_from_file_location")?;
    let mut args = vec![PyStr::new_ref(fullname), PyStr::new_ref(file)];
    let kwnames;
    if is_pkg {
        args.push(proto::get_attr_str(vm, m, "__path__")?);
        kwnames = vec![PyStr::intern("submodule_search_locations")];
    } else {
        kwnames = Vec::new();
    }
    let spec = crate::protocol::call::call(vm, &f, crate::args::Args::new(&args, &kwnames))?;
    if is_none(&spec) {
        return Ok(());
    }
    let loader = proto::get_attr_str(vm, &spec, "loader")?;
    proto::set_attr(vm, m, &PyStr::intern("__spec__"), &spec)?;
    proto::set_attr(vm, m, &PyStr::intern("__loader__"), &loader)?;
    Ok(())
}

/// Runs when the `importlib` package has been imported: does what
/// CPython's start-up does with `_bootstrap._install` and
/// `_bootstrap_external._install` (fills an empty `sys.meta_path` with
/// BuiltinImporter, FrozenImporter and PathFinder, adds the FileFinder
/// path hook), then gives the source modules imported so far their
/// `__spec__`/`__loader__` (builtin modules got theirs from
/// `_bootstrap._setup`).
#[cold]
fn install_importlib(vm: &Vm) -> PyResult<()> {
    // Imports made while setting up (zipimport's) take the native path.
    let was = vm.importlib_bootstrapping.replace(true);
    let r = install_importlib_inner(vm);
    vm.importlib_bootstrapping.set(was);
    r
}

fn install_importlib_inner(vm: &Vm) -> PyResult<()> {
    let (Some(boot), Some(ext)) = (
        modules(vm).get_rust_str("importlib._bootstrap"),
        bootstrap_external(vm),
    ) else {
        return Ok(());
    };
    let Some(sys) = vm.sys_module() else {
        return Ok(());
    };
    crate::runtime::pycache::install_magic(vm, &ext)?;
    for (alias, m) in [
        ("_frozen_importlib", &boot),
        ("_frozen_importlib_external", &ext),
    ] {
        if modules(vm).get_rust_str(alias).is_none() {
            modules(vm).set_str(PyStr::new_ref(alias), m.clone());
        }
    }
    // CPython's start-up state: meta_path = [BuiltinImporter,
    // FrozenImporter, PathFinder], path_hooks = [zipimporter, FileFinder's
    // hook]; entries the program added before importlib was loaded stay in
    // front of them.
    let meta_path = proto::get_attr_str(vm, &sys, "meta_path")?;
    let before = sys_list(vm, "meta_path").unwrap_or_default();
    let finder = proto::get_attr_str(vm, &ext, "PathFinder")?;
    if !before.iter().any(|x| x.is(&finder)) {
        for name in ["BuiltinImporter", "FrozenImporter"] {
            let imp = proto::get_attr_str(vm, &boot, name)?;
            crate::protocol::call::call_method(vm, &meta_path, "append", &[imp])?;
        }
        let install = proto::get_attr_str(vm, &ext, "_install")?;
        crate::protocol::call::call_pos(vm, &install, &[boot.clone()])?;
        let zipimport = import_native(vm, "zipimport")?;
        let zi = proto::get_attr_str(vm, &zipimport, "zipimporter")?;
        let hooks = proto::get_attr_str(vm, &sys, "path_hooks")?;
        crate::protocol::call::call_method(
            vm,
            &hooks,
            "insert",
            &[crate::types::int::int_from_i64(0), zi],
        )?;
        let meta = sys_list(vm, "meta_path").unwrap_or_default();
        let hooks = sys_list(vm, "path_hooks").unwrap_or_default();
        let n_meta = meta.len() - before.len().min(meta.len());
        let gcd_import = proto::get_attr_str(vm, &boot, "_gcd_import")?;
        let new = Some(DefaultImporters {
            gcd_import,
            meta_path: meta[meta.len() - n_meta..].to_vec(),
            path_hooks: match (hooks.first(), hooks.last()) {
                (Some(a), Some(b)) if hooks.len() >= 2 => vec![a.clone(), b.clone()],
                _ => hooks.clone(),
            },
        });
        let old = DEFAULT_IMPORTERS.with(|d| d.replace(new));
        drop(old);
    }
    for (k, m) in modules(vm).items() {
        let Some(md) = m.downcast::<PyModule>() else {
            continue;
        };
        let has_spec = md.get_attr("__spec__").is_some_and(|x| !is_none(&x));
        let file = md
            .get_attr("__file__")
            .filter(|f| f.downcast::<PyStr>().is_some());
        if let (false, Some(file)) = (has_spec, file) {
            let is_pkg = md.get_attr("__path__").is_some();
            attach_spec(vm, &m, &s(&k), &s(&file), is_pkg)?;
        }
    }
    Ok(())
}

/// `from module import name`.
pub fn import_from(vm: &Vm, module: &PyRef, name: &PyRef) -> PyResult {
    match proto::get_attr(vm, module, name) {
        Ok(v) => Ok(v),
        Err(e) if e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => {
            let mname = proto::lookup_attr(vm, module, "__name__")?.map(|n| s(&n));
            if let Some(mn) = &mname {
                let full = format!("{mn}.{}", s(name));
                if let Some(m) = modules(vm).get_rust_str(&full) {
                    return Ok(m);
                }
            }
            let mn = mname.unwrap_or_else(|| "<unknown module name>".into());
            let loc = match proto::lookup_attr(vm, module, "__file__")?.filter(|f| !is_none(f)) {
                Some(f) => s(&f),
                None => "unknown location".into(),
            };
            let err = import_error(format!(
                "cannot import name '{}' from '{mn}' ({loc})",
                s(name)
            ));
            crate::types::exceptions::set_exc_attr(err.value(), "name", PyStr::new_ref(&mn));
            Err(err)
        }
        Err(e) => Err(e),
    }
}

/// `from module import *` into the mapping `target`.
pub fn import_star(vm: &Vm, module: &PyRef, target: &PyRef) -> PyResult<()> {
    let (names, check) = match proto::lookup_attr(vm, module, "__all__")? {
        Some(all) => (crate::protocol::iter::collect(vm, &all)?, false),
        None => {
            let d = proto::get_attr_str(vm, module, "__dict__")
                .map_err(|_| import_error("from-import-* object has no __dict__ and no __all__"))?;
            (crate::protocol::iter::collect(vm, &d)?, true)
        }
    };
    for n in names {
        if check && s(&n).starts_with('_') {
            continue;
        }
        let v = proto::get_attr(vm, module, &n)?;
        proto::set_item(vm, target, &n, &v)?;
    }
    Ok(())
}
