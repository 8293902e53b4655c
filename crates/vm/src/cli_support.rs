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
    wait_for_thread_shutdown(vm);
    crate::modules::atexit::run_exitfuncs(vm);
    crate::modules::sys::flush_std_streams(vm);
    crate::interp::specialize::print_stats();
    // Daemon threads still running stay parked from here on.
    crate::runtime::gil::finalize();
    if code == 130 {
        // Like CPython: an uncaught KeyboardInterrupt ends the process by
        // SIGINT with the default action (the shell shows status 130).
        crate::modules::_signal::die_by_sigint();
    }
    code
}

/// CPython's `wait_for_thread_shutdown`: `threading._shutdown()` joins
/// the non-daemon threads, if `threading` was imported.
fn wait_for_thread_shutdown(vm: &Vm) {
    let Some(m) = vm
        .modules()
        .downcast::<crate::types::dict::PyDict>()
        .and_then(|d| d.get_rust_str("threading"))
    else {
        return;
    };
    if let Err(e) = crate::protocol::call::call_method(vm, &m, "_shutdown", &[]) {
        vm.write_unraisable(&e, Some(&m), "Exception ignored in");
    }
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

/// `-m MODULE`: what CPython's `pymain_run_module` does.  A fresh
/// `__main__` module is put in `sys.modules`, then
/// `runpy._run_module_as_main(name, True)` finds the module through
/// importlib (a package runs its `__main__` submodule), sets `__spec__`,
/// `__package__`, `__file__`, `sys.argv[0]`, and runs the code in
/// `__main__`'s namespace, so relative imports work and a missing module
/// ends in `runpy`'s own "No module named ..." message.
pub fn run_module(vm: &Vm, name: &str) -> Result<(), PyErr> {
    let main = PyModule::new_ref("__main__", None);
    if let Some(md) = main.downcast::<PyModule>() {
        if let Some(b) = vm.builtins_module() {
            md.set_attr("__builtins__", b);
        }
        md.set_attr("__annotations__", crate::types::dict::PyDict::new_ref());
    }
    if let Some(d) = vm.modules().downcast::<crate::types::dict::PyDict>() {
        d.set_str(PyStr::intern("__main__"), main);
    }
    let runpy = match crate::interp::import::import_module(vm, "runpy") {
        Ok(m) => m,
        Err(e) => {
            crate::modules::sys::write_stderr(vm, "Could not import runpy module\n");
            return Err(e);
        }
    };
    let run = proto::get_attr_str(vm, &runpy, "_run_module_as_main")?;
    crate::protocol::call::call_pos(
        vm,
        &run,
        &[PyStr::new_ref(name), crate::types::bool_::py_bool(true)],
    )?;
    Ok(())
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

/// The banner of the interactive loop (CPython's `pymain_header`), with
/// the "Type help..." line unless `-S`.
pub fn banner(vm: &Vm, with_help: bool) -> String {
    let sys = vm.sys_module();
    let get = |name: &str| {
        sys.as_ref()
            .and_then(|s| proto::get_attr_str(vm, s, name).ok())
            .and_then(|v| v.downcast::<PyStr>().map(|s| s.to_string_lossy()))
            .unwrap_or_default()
    };
    let mut b = format!("Python {} on {}\n", get("version"), get("platform"));
    if with_help {
        b.push_str(
            "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
        );
    }
    b
}

/// Before the interactive loop: the `PYTHONSTARTUP` file (its errors are
/// printed, not fatal) and `sys.__interactivehook__` (set by `site`).
pub fn before_repl(vm: &Vm, startup_file: Option<&str>) -> Result<(), PyErr> {
    if let Some(path) = startup_file {
        match std::fs::read(path) {
            Ok(src) => {
                let r = crate::interp::builtins::run_in_main(vm, &src, path);
                if let Err(e) = r {
                    if e.matches(&SYSTEM_EXIT) {
                        return Err(e);
                    }
                    crate::interp::traceback::print_exception(vm, e.value());
                }
            }
            Err(e) => {
                crate::modules::sys::write_stderr(
                    vm,
                    &format!(
                        "Could not open PYTHONSTARTUP\nFileNotFoundError: [Errno {}] {}: '{}'\n",
                        e.raw_os_error().unwrap_or(2),
                        std::io::Error::from_raw_os_error(e.raw_os_error().unwrap_or(2))
                            .to_string()
                            .split(" (os error")
                            .next()
                            .unwrap_or(""),
                        path
                    ),
                );
            }
        }
    }
    if let Some(sys) = vm.sys_module()
        && let Ok(Some(hook)) = proto::lookup_attr(vm, &sys, "__interactivehook__")
        && let Err(e) = crate::protocol::call::call_pos(vm, &hook, &[])
    {
        crate::modules::sys::write_stderr(vm, "Failed calling sys.__interactivehook__\n");
        crate::interp::traceback::print_exception(vm, e.value());
    }
    Ok(())
}

/// Prints an uncaught exception the way the end of the program would,
/// `SystemExit` included (what `-i` does before the interactive loop).
pub fn print_uncaught(vm: &Vm, e: &PyErr) {
    crate::interp::traceback::print_exception(vm, e.value());
}
