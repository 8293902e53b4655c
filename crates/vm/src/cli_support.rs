//! What the `taipan` command needs from the VM besides running code:
//! exit-status rules for uncaught exceptions and `SystemExit`, `-m` module
//! lookup, `sys.argv` replacement.

use crate::error::PyErr;
use crate::protocol::object as proto;
use crate::types::exceptions::{SYSTEM_EXIT, exc_attr};
use crate::types::module::PyModule;
use crate::types::none::is_none;
use crate::types::str::PyStr;
use crate::vm::Vm;

/// Handles the end of the main program: prints an uncaught exception or
/// applies `SystemExit`, flushes the standard streams, returns the status.
pub fn finish(vm: &Vm, r: Result<(), PyErr>) -> i32 {
    let code = match r {
        Ok(()) => 0,
        Err(e) => exit_code(vm, &e),
    };
    crate::modules::atexit::run_exitfuncs(vm);
    crate::modules::sys::flush_std_streams(vm);
    crate::interp::specialize::print_stats();
    if code == 130 {
        // Like CPython: an uncaught KeyboardInterrupt ends the process by
        // SIGINT with the default action (the shell shows status 130).
        crate::modules::_signal::die_by_sigint();
    }
    code
}

fn exit_code(vm: &Vm, e: &PyErr) -> i32 {
    if e.matches(&SYSTEM_EXIT) {
        let code = exc_attr(e.value(), "code");
        if is_none(&code) {
            return 0;
        }
        if let Some(i) = crate::types::int::to_i64(&code) {
            return i as i32;
        }
        // stdout is flushed at finalization (after atexit), as in CPython;
        // stderr is line-buffered.
        let s = proto::str_string(vm, &code).unwrap_or_default();
        crate::modules::sys::write_stderr(vm, &format!("{s}\n"));
        return 1;
    }
    crate::interp::traceback::print_exception(vm, e.value());
    if e.matches(&crate::types::exceptions::KEYBOARD_INTERRUPT) {
        return 130;
    }
    1
}

/// What CPython's start-up does after the core modules exist: `site`
/// processing (see [`init_site`]), then, with `-W`
/// options (`sys.warnoptions`), `warnings` is imported so that it applies
/// them to the filters before the program is compiled.
pub fn startup(vm: &Vm) {
    init_site(vm);
    if !vm.config.warnoptions.is_empty()
        && let Err(e) = crate::interp::import::import_module(vm, "warnings")
    {
        crate::modules::sys::flush_std_streams(vm);
        crate::interp::traceback::print_exception(vm, e.value());
    }
}

/// Replaces `sys.argv`.
pub fn set_argv(vm: &Vm, argv: &[String]) {
    if let Some(s) = vm.sys_module()
        && let Some(m) = s.downcast::<PyModule>()
    {
        m.set_attr(
            "argv",
            crate::types::list::PyList::new_ref(argv.iter().map(|a| PyStr::new_ref(a)).collect()),
        );
    }
}

/// Finds the source of module `name` on `sys.path` for `-m`.
pub fn find_module_source(vm: &Vm, name: &str) -> Result<(Vec<u8>, String), String> {
    let path = vm
        .sys_module()
        .and_then(|m| m.downcast::<PyModule>().and_then(|m| m.get_attr("path")))
        .and_then(|p| crate::protocol::iter::collect(vm, &p).ok())
        .unwrap_or_default();
    let rel = name.replace('.', "/");
    for d in path {
        let d = d
            .downcast::<PyStr>()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        let d = if d.is_empty() { ".".to_string() } else { d };
        for cand in [format!("{d}/{rel}.py"), format!("{d}/{rel}/__main__.py")] {
            if let Ok(src) = std::fs::read(&cand) {
                return Ok((src, cand));
            }
        }
    }
    Err(format!("No module named {name}"))
}

/// Start-up `site` processing, as CPython does before running the main
/// program: `import site` (site-packages, `.pth` files, `sitecustomize`)
/// unless `-S`, then the script's directory (or `''`) is put in front of
/// `sys.path` (unless `-P`/`-I`).  Without a standard library there is
/// nothing to import; the user is told what to install instead.
pub fn init_site(vm: &Vm) {
    if crate::runtime::stdlib::stdlib().is_none() {
        crate::modules::sys::write_stderr(
            vm,
            &format!("{}\n", crate::runtime::stdlib::NOT_FOUND_HELP),
        );
    } else if !vm.config.no_site
        && let Err(e) = crate::interp::import::import_module(vm, "site")
    {
        crate::modules::sys::write_stderr(vm, "Error in site import:\n");
        crate::interp::traceback::print_exception(vm, e.value());
    }
    if let Some(p0) = &vm.config.path0
        && !vm.config.safe_path
        && let Some(s) = vm.sys_module()
        && let Ok(path) = proto::get_attr_str(vm, &s, "path")
    {
        let args = [crate::types::int::int_from_i64(0), PyStr::new_ref(p0)];
        let _ = crate::protocol::call::call_method(vm, &path, "insert", &args);
    }
}
