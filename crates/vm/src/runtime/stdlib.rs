//! Finding CPython 3.11's pure-Python standard library (`Lib/`) at start-up.
//!
//! Taipan never vendors `Lib/`; it borrows an installed CPython 3.11's.  The
//! search must stay cheap (start-up is a few milliseconds), so it never runs
//! `python3`: it only looks at the file system, in this order:
//!
//! 1. `TAIPAN_STDLIB` — a directory holding `os.py` (a `lib/python3.11` or a
//!    source checkout's `Lib`).
//! 2. The `python3` / `python3.11` found first on `PATH`: its real path's
//!    `../lib/python3.11/os.py`.  A pyenv shim (`$PYENV_ROOT/shims/python3`)
//!    is resolved the way pyenv does it — `PYENV_VERSION`, then the nearest
//!    `.python-version` from the current directory up, then
//!    `$PYENV_ROOT/version` — to `$PYENV_ROOT/versions/<v>/lib/python3.11`.
//! 3. Debian's `/usr/lib/python3.11`, then `/usr/local/lib/python3.11`.
//!
//! The result (library directory and the prefix it implies, which become
//! `sys.prefix` and friends) is computed once per process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where the standard library lives and the installation prefix around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stdlib {
    /// The directory holding `os.py`.
    pub lib: String,
    /// `sys.prefix`: `lib` minus its trailing `lib/python3.11`.
    pub prefix: String,
}

/// What to tell the user when no standard library is found.
pub const NOT_FOUND_HELP: &str = "taipan: could not find the CPython 3.11 standard library \
(a directory holding os.py); install CPython 3.11's library (Debian/Ubuntu: \
`apt install libpython3.11-stdlib`, or `pyenv install 3.11`) or set TAIPAN_STDLIB \
to its lib/python3.11 directory";

static FOUND: OnceLock<Option<Stdlib>> = OnceLock::new();

/// The standard library for this process (searched once).
pub fn stdlib() -> Option<&'static Stdlib> {
    FOUND
        .get_or_init(|| {
            let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
            let cwd = std::env::current_dir().ok();
            search(&Env {
                taipan_stdlib: env("TAIPAN_STDLIB").map(PathBuf::from),
                path: env("PATH").map(|p| std::env::split_paths(&p).collect()),
                pyenv_root: env("PYENV_ROOT").map(PathBuf::from),
                pyenv_version: env("PYENV_VERSION").map(|v| v.to_string_lossy().into_owned()),
                cwd,
                system_dirs: vec![
                    PathBuf::from("/usr/lib/python3.11"),
                    PathBuf::from("/usr/local/lib/python3.11"),
                ],
            })
        })
        .as_ref()
}

/// The inputs of the search (the environment, made explicit for tests).
struct Env {
    taipan_stdlib: Option<PathBuf>,
    path: Option<Vec<PathBuf>>,
    pyenv_root: Option<PathBuf>,
    pyenv_version: Option<String>,
    cwd: Option<PathBuf>,
    system_dirs: Vec<PathBuf>,
}

fn has_os_py(dir: &Path) -> bool {
    dir.join("os.py").is_file()
}

fn make(lib: &Path) -> Stdlib {
    let lib_s = lib.to_string_lossy().into_owned();
    // `<prefix>/lib/python3.11` -> `<prefix>`; a source tree's `Lib` -> its parent.
    let prefix = if lib.file_name().is_some_and(|n| n == "python3.11")
        && lib
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == "lib" || n == "lib64")
    {
        lib.parent().and_then(Path::parent)
    } else {
        lib.parent()
    };
    let prefix = prefix
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "/".into());
    Stdlib { lib: lib_s, prefix }
}

fn search(env: &Env) -> Option<Stdlib> {
    if let Some(p) = &env.taipan_stdlib {
        return Some(make(p));
    }
    if let Some(dirs) = &env.path {
        for d in dirs {
            for exe in ["python3", "python3.11"] {
                let cand = d.join(exe);
                if !cand.is_file() {
                    continue;
                }
                if let Some(lib) = lib_of_executable(env, &cand) {
                    return Some(make(&lib));
                }
            }
        }
    }
    env.system_dirs
        .iter()
        .find(|d| has_os_py(d))
        .map(|d| make(d))
}

/// The `lib/python3.11` belonging to the interpreter at `exe`, if it is a
/// CPython 3.11.
fn lib_of_executable(env: &Env, exe: &Path) -> Option<PathBuf> {
    let dir = exe.parent()?;
    if dir.file_name().is_some_and(|n| n == "shims") {
        let root = dir.parent()?;
        if root.join("versions").is_dir() {
            return pyenv_lib(env, root);
        }
    }
    let real = std::fs::canonicalize(exe).ok()?;
    let lib = real.parent()?.parent()?.join("lib/python3.11");
    has_os_py(&lib).then_some(lib)
}

/// pyenv's choice of version (first of the selected versions that is a
/// CPython 3.11 install), as `pyenv version-name` would report it.
fn pyenv_lib(env: &Env, root: &Path) -> Option<PathBuf> {
    let root = env.pyenv_root.clone().unwrap_or_else(|| root.to_path_buf());
    let versions: Vec<String> = if let Some(v) = &env.pyenv_version {
        v.split(':').map(str::to_string).collect()
    } else {
        let mut file = None;
        let mut d = env.cwd.clone();
        while let Some(dir) = d {
            let f = dir.join(".python-version");
            if f.is_file() {
                file = Some(f);
                break;
            }
            d = dir.parent().map(Path::to_path_buf);
        }
        let file = file.unwrap_or_else(|| root.join("version"));
        let text = std::fs::read_to_string(file).unwrap_or_default();
        text.split_whitespace()
            .filter(|w| !w.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    for v in versions {
        if v == "system" {
            return None;
        }
        let lib = root.join("versions").join(&v).join("lib/python3.11");
        if has_os_py(&lib) {
            return Some(lib);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("taipan-stdlib-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("tmp");
        d
    }

    fn touch(p: &Path) {
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, "").expect("write");
    }

    fn env() -> Env {
        Env {
            taipan_stdlib: None,
            path: None,
            pyenv_root: None,
            pyenv_version: None,
            cwd: None,
            system_dirs: Vec::new(),
        }
    }

    #[test]
    fn prefix_of_lib_dirs() {
        assert_eq!(make(Path::new("/usr/lib/python3.11")).prefix, "/usr");
        assert_eq!(make(Path::new("/src/cpython/Lib")).prefix, "/src/cpython");
    }

    #[test]
    fn path_before_system_and_pyenv_shims() {
        let d = tmpdir("order");
        // A plain install on PATH.
        touch(&d.join("inst/bin/python3"));
        touch(&d.join("inst/lib/python3.11/os.py"));
        // A system dir that must lose to PATH.
        touch(&d.join("sys/python3.11/os.py"));
        let mut e = env();
        e.path = Some(vec![d.join("empty"), d.join("inst/bin")]);
        e.system_dirs = vec![d.join("sys/python3.11")];
        let found = search(&e).expect("found");
        assert_eq!(found.prefix, d.join("inst").to_string_lossy());
        // pyenv shims: the version file decides.
        touch(&d.join("pyenv/shims/python3"));
        touch(&d.join("pyenv/versions/3.11.7/lib/python3.11/os.py"));
        std::fs::write(d.join("pyenv/version"), "3.12.1\n3.11.7\n").expect("w");
        e.path = Some(vec![d.join("pyenv/shims"), d.join("inst/bin")]);
        let found = search(&e).expect("found");
        assert_eq!(
            found.prefix,
            d.join("pyenv/versions/3.11.7").to_string_lossy()
        );
        // PYENV_VERSION=system falls through to the next PATH entry.
        e.pyenv_version = Some("system".into());
        let found = search(&e).expect("found");
        assert_eq!(found.prefix, d.join("inst").to_string_lossy());
        // Nothing on PATH: the system directory.
        e.path = Some(vec![]);
        assert_eq!(
            search(&e).expect("found").prefix,
            d.join("sys").to_string_lossy()
        );
        e.system_dirs.clear();
        assert_eq!(search(&e), None);
        let _ = std::fs::remove_dir_all(&d);
    }
}
