//! The `taipan` command: CPython's command-line rules, written by hand
//! (`-c`/`-m`/file/`-`, combined flags like `-EsSI`, attached arguments like
//! `-cCODE`, `-X opt[=val]`, `-W arg`), the exit-status rules of uncaught
//! exceptions and `SystemExit`, and `-X dis` (print the disassembly of the
//! script instead of running it).  The interpreter runs on a thread with a
//! large stack as a second line of defence behind the VM's depth limits.

use std::io::{IsTerminal, Read};

use mimalloc::MiMalloc;
use taipan_vm::{Config, Vm};

#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

const VERSION: &str = "Python 3.11.7";

enum Target {
    Command(String),
    Module(String),
    File(String),
    Stdin,
}

struct Cli {
    config: Config,
    target: Target,
    /// sys.argv
    argv: Vec<String>,
    /// `-x`: the script's first line is not source (a non-Unix `#!`).
    skip_first_line: bool,
}

fn usage(prog: &str) -> String {
    format!("usage: {prog} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n")
}

fn bad_usage(prog: &str, msg: &str) -> ! {
    eprint!(
        "{msg}\n{}Try `python -h' for more information.\n",
        usage(prog)
    );
    std::process::exit(2);
}

fn help(prog: &str) -> String {
    let mut s = usage(prog);
    s.push_str(
        "Options (and corresponding environment variables):
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-I     : isolate Python from the user's environment (implies -E and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements; also PYTHONOPTIMIZE=x
-OO    : do -O changes and also discard docstrings
-P     : don't prepend a potentially unsafe path to sys.path
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
-V     : print the Python version number and exit (also --version)
-W arg : warning control
-x     : skip first line of source, allowing use of non-Unix forms of #!cmd
-X opt : set implementation-specific option (taipan: -X dis prints the
         disassembly of the program instead of running it)
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
",
    );
    s
}

fn parse_args(args: Vec<String>) -> Cli {
    let prog = args.first().cloned().unwrap_or_else(|| "taipan".into());
    let mut config = Config {
        orig_argv: args.clone(),
        executable: std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or(prog.clone()),
        ..Config::default()
    };
    let mut i = 1;
    let mut target = None;
    let mut skip_first_line = false;
    while i < args.len() {
        let a = &args[i];
        if a == "-" {
            target = Some(Target::Stdin);
            break;
        }
        if a == "--" {
            i += 1;
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            match long {
                "help" => {
                    print!("{}", help(&prog));
                    std::process::exit(0);
                }
                "version" => {
                    println!("{VERSION}");
                    std::process::exit(0);
                }
                _ => bad_usage(&prog, &format!("unknown option {a}")),
            }
        }
        if !a.starts_with('-') || a.len() < 2 {
            break;
        }
        let chars: Vec<char> = a.chars().skip(1).collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            j += 1;
            let mut take_arg = |opt: char| -> String {
                if j < chars.len() {
                    let v: String = chars[j..].iter().collect();
                    j = chars.len();
                    v
                } else if i + 1 < args.len() {
                    i += 1;
                    args[i].clone()
                } else {
                    bad_usage(&prog, &format!("Argument expected for the -{opt} option"))
                }
            };
            match c {
                'c' => {
                    target = Some(Target::Command(take_arg('c')));
                    break;
                }
                'm' => {
                    target = Some(Target::Module(take_arg('m')));
                    break;
                }
                'X' => config.xoptions.push(take_arg('X')),
                'W' => config.warnoptions.push(take_arg('W')),
                'E' => config.ignore_environment = true,
                'I' => {
                    config.isolated = true;
                    config.no_user_site = true;
                    config.ignore_environment = true;
                    config.safe_path = true;
                }
                'P' => config.safe_path = true,
                's' => config.no_user_site = true,
                'S' => config.no_site = true,
                'B' => config.dont_write_bytecode = true,
                'O' => config.optimize += 1,
                'u' => config.unbuffered = true,
                'q' => config.quiet = true,
                'v' => config.verbose += 1,
                'b' => config.bytes_warning += 1,
                'd' => config.debug += 1,
                'R' => {}
                'x' => skip_first_line = true,
                'i' => config.inspect = true,
                'h' | '?' => {
                    print!("{}", help(&prog));
                    std::process::exit(0);
                }
                'V' => {
                    println!("{VERSION}");
                    std::process::exit(0);
                }
                _ => bad_usage(&prog, &format!("Unknown option: -{c}")),
            }
        }
        i += 1;
        if target.is_some() {
            break;
        }
    }
    let target = match target {
        Some(Target::Stdin) => {
            i += 1;
            Target::Stdin
        }
        Some(t) => t,
        None if i < args.len() => {
            let t = Target::File(args[i].clone());
            i += 1;
            t
        }
        None => Target::Stdin,
    };
    let rest: Vec<String> = args.get(i..).map(|s| s.to_vec()).unwrap_or_default();
    let argv0 = match &target {
        Target::Command(_) => "-c".to_string(),
        Target::Module(_) => "-m".to_string(),
        Target::File(f) => f.clone(),
        Target::Stdin => {
            if args.get(i.saturating_sub(1)).map(|s| s.as_str()) == Some("-") {
                "-".into()
            } else {
                String::new()
            }
        }
    };
    let mut argv = vec![argv0];
    argv.extend(rest);
    if !config.ignore_environment {
        if let Ok(v) = std::env::var("PYTHONOPTIMIZE")
            && config.optimize == 0
        {
            config.optimize = v.parse().unwrap_or(1);
        }
        if std::env::var_os("PYTHONDONTWRITEBYTECODE").is_some_and(|v| !v.is_empty()) {
            config.dont_write_bytecode = true;
        }
        if std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty()) {
            config.unbuffered = true;
        }
        if std::env::var_os("PYTHONSAFEPATH").is_some_and(|v| !v.is_empty()) {
            config.safe_path = true;
        }
        if std::env::var_os("PYTHONNOUSERSITE").is_some_and(|v| !v.is_empty()) {
            config.no_user_site = true;
        }
    } else {
        // -E: PYTHONHASHSEED is ignored as well.
        // SAFETY-free: single-threaded at this point.
        unsafe { std::env::remove_var("PYTHONHASHSEED") };
    }
    let env = |name: &str| {
        if config.ignore_environment {
            None
        } else {
            std::env::var(name).ok().filter(|v| !v.is_empty())
        }
    };
    config.dev_mode = config.xoptions.iter().any(|x| x == "dev") || env("PYTHONDEVMODE").is_some();
    // sys.warnoptions, lowest precedence first (CPython's
    // config_init_warnoptions): dev mode, PYTHONWARNINGS, -W, -b/-bb.
    let mut warnoptions = Vec::new();
    if config.dev_mode {
        warnoptions.push("default".to_string());
    }
    if let Some(w) = env("PYTHONWARNINGS") {
        warnoptions.extend(w.split(',').filter(|s| !s.is_empty()).map(str::to_owned));
    }
    warnoptions.append(&mut config.warnoptions);
    match config.bytes_warning {
        0 => {}
        1 => warnoptions.push("default::BytesWarning".into()),
        _ => warnoptions.push("error::BytesWarning".into()),
    }
    config.warnoptions = warnoptions;
    config.argv = argv.clone();
    Cli {
        config,
        target,
        argv,
        skip_first_line,
    }
}

fn abspath(p: &str) -> String {
    let path = std::path::Path::new(p);
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // Normalize "." and ".." components like os.path.abspath.
    let mut out = std::path::PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out.to_string_lossy().into_owned()
}

fn run(cli: Cli, prog: String) -> i32 {
    let mut config = cli.config;
    let dis = config.xoptions.iter().any(|x| x == "dis");
    let kind = match &cli.target {
        Target::File(_) | Target::Stdin => taipan_vm::interp::builtins::SourceKind::File,
        // CPython compiles `-c` text with PyCF_IGNORE_COOKIE.
        _ => taipan_vm::interp::builtins::SourceKind::Text,
    };
    let (src, filename, file_attr): (Vec<u8>, String, Option<String>) = match &cli.target {
        Target::Command(c) => {
            config.path0 = Some(String::new());
            (c.clone().into_bytes(), "<string>".into(), None)
        }
        Target::Stdin => {
            config.path0 = Some(String::new());
            if config.inspect || std::io::stdin().is_terminal() {
                return interactive(config);
            }
            let mut v = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut v);
            (v, "<stdin>".into(), None)
        }
        Target::File(f) => {
            let abs = abspath(f);
            match std::fs::read(f) {
                Ok(mut data) => {
                    if cli.skip_first_line {
                        // CPython drops the line but keeps its newline, so
                        // line numbers stay those of the file.
                        let end = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
                        data.drain(..end);
                    }
                    config.path0 = std::path::Path::new(&abs)
                        .parent()
                        .map(|p| p.to_string_lossy().into_owned());
                    (data, abs.clone(), Some(abs))
                }
                Err(e) => {
                    let code = e.raw_os_error().unwrap_or(2);
                    let msg = std::io::Error::from_raw_os_error(code).to_string();
                    let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
                    eprintln!("{prog}: can't open file '{abs}': [Errno {code}] {msg}");
                    return 2;
                }
            }
        }
        Target::Module(m) => {
            config.path0 = std::env::current_dir()
                .ok()
                .map(|d| d.to_string_lossy().into_owned());
            let vm = Vm::new(config.clone());
            taipan_vm::cli_support::startup(&vm);
            taipan_vm::cli_support::set_argv(&vm, &cli.argv);
            let r = taipan_vm::cli_support::run_module(&vm, m);
            let r = inspect_after(&vm, r);
            return taipan_vm::cli_support::finish(&vm, r);
        }
    };
    let vm = Vm::new(config);
    taipan_vm::cli_support::startup(&vm);
    if dis {
        return match taipan_vm::interp::builtins::compile_to_code_as(
            &vm,
            &src,
            &filename,
            taipan_compiler::Mode::Exec,
            -1,
            kind,
        ) {
            Ok(code) => {
                print!("{}", taipan_bytecode::dis::disassemble(&code));
                0
            }
            Err(e) => taipan_vm::cli_support::finish(&vm, Err(e)),
        };
    }
    let r =
        taipan_vm::interp::builtins::run_main_as(&vm, &src, &filename, file_attr.as_deref(), kind);
    let r = inspect_after(&vm, r);
    taipan_vm::cli_support::finish(&vm, r)
}

/// `taipan` with no program and an interactive stdin (a terminal, or
/// `-i`): the banner (unless `-q`), `PYTHONSTARTUP`, `sys.__interactivehook__`,
/// then the interactive loop.
fn interactive(config: Config) -> i32 {
    let quiet = config.quiet;
    let no_site = config.no_site;
    let startup_file = if config.ignore_environment {
        None
    } else {
        std::env::var("PYTHONSTARTUP")
            .ok()
            .filter(|v| !v.is_empty())
    };
    let vm = Vm::new(config);
    taipan_vm::cli_support::startup(&vm);
    let banner = (!quiet).then(|| taipan_vm::cli_support::banner(&vm, !no_site));
    let r = taipan_vm::cli_support::before_repl(&vm, startup_file.as_deref())
        .and_then(|()| taipan_vm::interp::builtins::run_repl(&vm, banner.as_deref()));
    taipan_vm::cli_support::finish(&vm, r)
}

/// `-i` after a program: its uncaught exception (even `SystemExit`) is
/// printed, then the interactive loop runs (CPython's `pymain_repl`).
fn inspect_after(
    vm: &Vm,
    r: Result<(), taipan_vm::error::PyErr>,
) -> Result<(), taipan_vm::error::PyErr> {
    if !vm.config.inspect {
        return r;
    }
    if let Err(e) = r {
        taipan_vm::cli_support::print_uncaught(vm, &e);
    }
    taipan_vm::interp::builtins::run_repl(vm, None)
}

fn main() {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let prog = args.first().cloned().unwrap_or_else(|| "taipan".into());
    let cli = parse_args(args);
    // The interpreter's thread ends the process itself: after `os.fork()`
    // the child has only that thread, and daemon threads must not keep
    // the process alive.
    let handle = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || std::process::exit(run(cli, prog)));
    let code = match handle {
        Ok(h) => h.join().unwrap_or(1),
        Err(_) => 1,
    };
    std::process::exit(code);
}
