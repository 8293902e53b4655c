//! Differential test harness: runs every Python program under `tests/snippets/`
//! with the just-built `taipan` and compares stdout, stderr and the exit status
//! byte for byte with the goldens that CPython 3.11 produced
//! (`tests/regen_goldens.py` writes them).
//!
//! How it works, and why:
//! - Each snippet `tests/snippets/AREA/NAME.py` runs with the current directory
//!   set to `tests/snippets/AREA` and the relative file name as argument, the
//!   same way `regen_goldens.py` ran CPython. CPython turns the script path into
//!   an absolute one in tracebacks and `__file__`, so both sides replace the
//!   absolute directory (`<dir>/`) with the placeholder `$DIR/` before comparing.
//! - Optional header lines at the top of a snippet (`# args:`, `# taipan-args:`,
//!   `# stdin:`, `# timeout:`) change how it is run; `tests/README.md` documents
//!   them. The word splitter below is a copy of the one in `regen_goldens.py`:
//!   keep them identical.
//! - Snippets run in parallel worker threads (`TAIPAN_TEST_THREADS`, default 2)
//!   with a per-snippet timeout (default 10 s, `TAIPAN_TEST_TIMEOUT`); a snippet
//!   that runs too long is killed together with its process group.
//! - `tests/expected_failures.txt` lists snippets known to fail, so CI stays
//!   green while the implementation grows without hiding anything: an
//!   unexpected failure fails the run with a diff, and an expected failure that
//!   now passes also fails it (unless `TAIPAN_ALLOW_XPASS=1`) so that the list
//!   stays honest. `TAIPAN_UPDATE_XFAIL=1` rewrites the list from the current
//!   results, keeping the reasons already written.
//! - `TAIPAN_TEST_EXTRA_ARGS` (JIT HOOK): words appended to the taipan command
//!   before the script, e.g. `-X jit-threshold=1` once the JIT exists, so every
//!   snippet can be re-run in the JIT torture mode against the same goldens.
//! - `TAIPAN_TEST_BINARY`: run another interpreter instead of the built taipan
//!   (`TAIPAN_TEST_BINARY=python3` must pass every snippet: a harness check).
//! - `TAIPAN_TEST_FILTER`: only snippets whose path (`area/NAME.py`) contains
//!   this substring run; `TAIPAN_TEST_VERBOSE=1` also shows diffs of expected
//!   failures. Outputs of failing snippets are written to `tests/out/` (ignored
//!   by git) for triage.
//!
//! The summary (and every diff) is written straight to the process's stdout,
//! bypassing libtest's output capture, so it shows even when the test passes;
//! the last line is `differential: N passed, M failed` (M = unexpected failures;
//! the line before it gives the expected-failure count).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// Keep at most this much of a child's stdout/stderr (the rest is drained).
const OUTPUT_CAP: usize = 16 << 20;
/// Lines of diff shown per stream of a failing snippet.
const DIFF_LINES: usize = 14;
/// Placeholder that replaces the snippet's absolute directory in outputs.
const DIR_PLACEHOLDER: &str = "$DIR/";

fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Writes to the real stdout, bypassing libtest's capture of `print!`.
fn say(text: &str) {
    let mut out = std::io::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

// ---------------------------------------------------------------------------
// Snippet discovery and headers
// ---------------------------------------------------------------------------

/// How one snippet is to be run, from its header comments.
#[derive(Debug, Default)]
struct Header {
    /// Replaces the default arguments (`NAME.py`); `{file}` expands to the name.
    args: Option<Vec<String>>,
    /// Extra options given to taipan only (before `args`).
    taipan_args: Vec<String>,
    /// Text fed on stdin (each `# stdin:` line contributes its text + "\n").
    stdin: Option<String>,
    /// Timeout override in seconds.
    timeout: Option<u64>,
}

#[derive(Debug)]
struct Snippet {
    /// `area/NAME.py`, the key used in the expectations file.
    key: String,
    dir: PathBuf,
    file: String,
    header: Header,
}

/// Splits header text into words: whitespace separates words; '...' is
/// literal; "..." allows the escapes \" \\ \n \t; a backslash outside quotes takes
/// the next character literally. Mirrors `split_words` in regen_goldens.py.
fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => cur.push(ch),
                        None => return Err("unterminated '".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\')) => cur.push(ch),
                            Some('n') => cur.push('\n'),
                            Some('t') => cur.push('\t'),
                            Some(ch) => {
                                cur.push('\\');
                                cur.push(ch);
                            }
                            None => return Err("unterminated \"".into()),
                        },
                        Some(ch) => cur.push(ch),
                        None => return Err("unterminated \"".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(ch) => cur.push(ch),
                    None => return Err("trailing backslash".into()),
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// Expands `\n`, `\t` and `\\` in a `# stdin:` line.
fn unescape_stdin(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Reads the header: the leading block of lines starting with `#`; lines of
/// the form `# key: value` with a known key are directives.
fn parse_header(source: &str) -> Result<Header, String> {
    let mut h = Header::default();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix('#') else {
            break;
        };
        let rest = rest.trim_start();
        let Some((key, value)) = rest.split_once(':') else {
            continue;
        };
        let value = value.strip_prefix(' ').unwrap_or(value);
        match key.trim() {
            "args" => h.args = Some(split_words(value)?),
            "taipan-args" => h.taipan_args.extend(split_words(value)?),
            "stdin" => {
                let s = h.stdin.get_or_insert_with(String::new);
                s.push_str(&unescape_stdin(value));
                s.push('\n');
            }
            "timeout" => {
                h.timeout = Some(
                    value
                        .trim()
                        .parse()
                        .map_err(|e| format!("bad timeout: {e}"))?,
                )
            }
            _ => {}
        }
    }
    Ok(h)
}

fn discover(root: &Path, filter: Option<&str>) -> Result<Vec<Snippet>, String> {
    let mut out = Vec::new();
    let mut areas: Vec<PathBuf> = std::fs::read_dir(root)
        .map_err(|e| format!("cannot read {}: {e}", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    areas.sort();
    for area_dir in areas {
        let area = area_dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&area_dir)
            .map_err(|e| format!("cannot read {}: {e}", area_dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "py"))
            .collect();
        files.sort();
        for path in files {
            let file = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let key = format!("{area}/{file}");
            if filter.is_some_and(|f| !key.contains(f)) {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| format!("{key}: {e}"))?;
            let header = parse_header(&String::from_utf8_lossy(&bytes))
                .map_err(|e| format!("{key}: {e}"))?;
            let dir = area_dir.canonicalize().map_err(|e| format!("{key}: {e}"))?;
            out.push(Snippet {
                key,
                dir,
                file,
                header,
            });
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Goldens and expectations
// ---------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Status {
    Code(i32),
    Signal(String),
    Timeout(u64),
    SpawnError(String),
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Code(c) => write!(f, "exit status {c}"),
            Status::Signal(s) => write!(f, "killed by {s}"),
            Status::Timeout(t) => write!(f, "timed out after {t} s (killed)"),
            Status::SpawnError(e) => write!(f, "could not start: {e}"),
        }
    }
}

struct Golden {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    code: i32,
}

fn load_golden(s: &Snippet) -> Result<Golden, String> {
    let stem = s.file.trim_end_matches(".py");
    let read_opt = |ext: &str| -> Result<Option<Vec<u8>>, String> {
        let p = s.dir.join(format!("{stem}.{ext}"));
        match std::fs::read(&p) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", p.display())),
        }
    };
    let stdout = read_opt("out")?.ok_or_else(|| {
        format!(
            "{}: no golden {stem}.out (run tests/regen_goldens.py)",
            s.key
        )
    })?;
    let stderr = read_opt("err")?.unwrap_or_default();
    let code = match read_opt("code")? {
        None => 0,
        Some(b) => String::from_utf8_lossy(&b)
            .trim()
            .parse()
            .map_err(|e| format!("{}: bad .code file: {e}", s.key))?,
    };
    Ok(Golden {
        stdout,
        stderr,
        code,
    })
}

/// The expectations file: a leading comment block (kept on rewrite), then one
/// `area/NAME.py  # reason` per line.
struct Expectations {
    preamble: String,
    entries: BTreeMap<String, String>,
}

fn load_expectations(path: &Path) -> Result<Expectations, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut preamble = String::new();
    let mut entries = BTreeMap::new();
    let mut in_preamble = true;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || trimmed.is_empty() {
            if in_preamble {
                preamble.push_str(line);
                preamble.push('\n');
            }
            continue;
        }
        in_preamble = false;
        let (path, reason) = match trimmed.split_once('#') {
            Some((p, r)) => (p.trim(), r.trim()),
            None => (trimmed, ""),
        };
        entries.insert(path.to_string(), reason.to_string());
    }
    Ok(Expectations { preamble, entries })
}

fn write_expectations(path: &Path, exp: &Expectations) -> Result<(), String> {
    let mut text = exp.preamble.clone();
    // A fixed column (not the longest key) keeps diffs of this file small.
    let width = 48;
    for (key, reason) in &exp.entries {
        let reason = if reason.is_empty() {
            "not yet triaged"
        } else {
            reason
        };
        let _ = writeln!(text, "{key:<width$}  # {reason}");
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// Running a child with a timeout
// ---------------------------------------------------------------------------

struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Status,
    elapsed: Duration,
}

fn read_capped(mut r: impl Read) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let room = OUTPUT_CAP.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    kept
}

fn status_of(st: ExitStatus) -> Status {
    use std::os::unix::process::ExitStatusExt;
    match (st.code(), st.signal()) {
        (Some(c), _) => Status::Code(c),
        (None, Some(sig)) => Status::Signal(format!("signal {sig}")),
        (None, None) => Status::Signal("unknown cause".into()),
    }
}

fn run_child(mut cmd: Command, stdin: Option<Vec<u8>>, timeout: Duration) -> Outcome {
    use std::os::unix::process::CommandExt;
    let start = Instant::now();
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .process_group(0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Outcome {
                stdout: Vec::new(),
                stderr: Vec::new(),
                status: Status::SpawnError(e.to_string()),
                elapsed: start.elapsed(),
            };
        }
    };
    let writer = match (child.stdin.take(), stdin) {
        (Some(mut pipe), Some(data)) => Some(thread::spawn(move || {
            // A child that exits without reading gives EPIPE: not an error here.
            let _ = pipe.write_all(&data);
        })),
        _ => None,
    };
    let out_reader = child
        .stdout
        .take()
        .map(|p| thread::spawn(move || read_capped(p)));
    let err_reader = child
        .stderr
        .take()
        .map(|p| thread::spawn(move || read_capped(p)));
    let mut nap = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break status_of(st),
            Ok(None) if start.elapsed() >= timeout => {
                // Kill the whole process group so no grandchild keeps the pipes open.
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .stderr(Stdio::null())
                    .status();
                let _ = child.kill();
                let _ = child.wait();
                break Status::Timeout(timeout.as_secs());
            }
            Ok(None) => {
                thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(20));
            }
            Err(e) => break Status::SpawnError(format!("wait failed: {e}")),
        }
    };
    let stdout = out_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = err_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    if let Some(w) = writer {
        let _ = w.join();
    }
    Outcome {
        stdout,
        stderr,
        status,
        elapsed: start.elapsed(),
    }
}

/// Replaces every occurrence of `needle` in `hay` with `with`.
fn replace_bytes(hay: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    if needle.is_empty() {
        return hay.to_vec();
    }
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

struct Config {
    exe: PathBuf,
    extra_args: Vec<String>,
    timeout: u64,
}

fn run_snippet(cfg: &Config, s: &Snippet) -> Outcome {
    let mut cmd = Command::new(&cfg.exe);
    cmd.current_dir(&s.dir);
    let python_vars: Vec<OsString> = std::env::vars_os()
        .map(|(k, _)| k)
        .filter(|k| k.to_string_lossy().starts_with("PYTHON"))
        .collect();
    for k in python_vars {
        cmd.env_remove(k);
    }
    cmd.env("LC_ALL", "C.UTF-8");
    cmd.args(&cfg.extra_args);
    cmd.args(&s.header.taipan_args);
    match &s.header.args {
        Some(args) => {
            cmd.args(args.iter().map(|a| a.replace("{file}", &s.file)));
        }
        None => {
            cmd.arg(&s.file);
        }
    }
    let timeout = s.header.timeout.unwrap_or(cfg.timeout);
    let mut o = run_child(
        cmd,
        s.header.stdin.clone().map(String::into_bytes),
        Duration::from_secs(timeout),
    );
    let dir = format!("{}/", s.dir.display());
    o.stdout = replace_bytes(&o.stdout, dir.as_bytes(), DIR_PLACEHOLDER.as_bytes());
    o.stderr = replace_bytes(&o.stderr, dir.as_bytes(), DIR_PLACEHOLDER.as_bytes());
    o
}

// ---------------------------------------------------------------------------
// Diffs
// ---------------------------------------------------------------------------

/// A short line diff (LCS-based for outputs up to 2,000 lines, positional
/// beyond) showing the first `DIFF_LINES` differing lines with one line of
/// context, in unified style (`-` golden, `+` taipan).
fn diff(name: &str, expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let el: Vec<&str> = e.split_inclusive('\n').collect();
    let al: Vec<&str> = a.split_inclusive('\n').collect();
    let mut ops: Vec<(char, &str)> = Vec::new();
    if el.len() <= 2000 && al.len() <= 2000 {
        // lcs[i][j] = LCS length of el[i..] and al[j..].
        let (n, m) = (el.len(), al.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if el[i] == al[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && el[i] == al[j] {
                ops.push((' ', el[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j]) {
                ops.push(('+', al[j]));
                j += 1;
            } else {
                ops.push(('-', el[i]));
                i += 1;
            }
        }
    } else {
        for k in 0..el.len().max(al.len()) {
            match (el.get(k), al.get(k)) {
                (Some(x), Some(y)) if x == y => ops.push((' ', x)),
                (x, y) => {
                    if let Some(x) = x {
                        ops.push(('-', x));
                    }
                    if let Some(y) = y {
                        ops.push(('+', y));
                    }
                }
            }
        }
    }
    let mut out = format!("    --- expected {name}\n    +++ taipan {name}\n");
    let mut shown = 0;
    let mut last_printed: Option<usize> = None;
    for (k, (op, line)) in ops.iter().enumerate() {
        if *op == ' ' {
            continue;
        }
        if shown >= DIFF_LINES {
            out.push_str("    ... (more differences)\n");
            break;
        }
        if k > 0 && ops[k - 1].0 == ' ' && last_printed != Some(k - 1) {
            push_diff_line(&mut out, ' ', ops[k - 1].1);
        }
        push_diff_line(&mut out, *op, line);
        last_printed = Some(k);
        shown += 1;
    }
    out
}

fn push_diff_line(out: &mut String, op: char, line: &str) {
    let text = line.strip_suffix('\n').unwrap_or(line);
    // Control characters are shown escaped so the report stays readable text.
    let mut shown = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 200 {
            shown.push('…');
            break;
        }
        if c.is_control() && c != '\t' {
            let _ = write!(shown, "\\x{:02x}", c as u32);
        } else {
            shown.push(c);
        }
    }
    let eol = if line.ends_with('\n') {
        ""
    } else {
        "  (no newline at end)"
    };
    let _ = writeln!(out, "    {op}{shown}{eol}");
}

/// Describes how an outcome differs from the golden; `None` means it matches.
fn compare(g: &Golden, o: &Outcome) -> Option<String> {
    let mut msg = String::new();
    if o.status != Status::Code(g.code) {
        let _ = writeln!(msg, "    expected exit status {}, got {}", g.code, o.status);
    }
    if o.stdout != g.stdout {
        msg.push_str(&diff("stdout", &g.stdout, &o.stdout));
    }
    if o.stderr != g.stderr {
        msg.push_str(&diff("stderr", &g.stderr, &o.stderr));
    }
    if msg.is_empty() { None } else { Some(msg) }
}

/// Failures that are worse than a wrong answer: they are counted and named in
/// the summary even when the snippet is an expected failure.
fn severe_kind(o: &Outcome) -> Option<&'static str> {
    match &o.status {
        Status::Timeout(_) => Some("timeout"),
        Status::Signal(_) => Some("crash"),
        Status::SpawnError(_) => Some("spawn error"),
        Status::Code(101) if o.stderr.windows(12).any(|w| w == b"panicked at ") => {
            Some("rust panic")
        }
        Status::Code(_) => None,
    }
}

/// A one-line description of how a failing snippet fails, used as the
/// machine-written reason (`auto: ...`) of new expected-failure entries.
fn symptom(g: &Golden, o: &Outcome) -> String {
    if let Some(kind) = severe_kind(o) {
        return kind.to_string();
    }
    if o.stderr != g.stderr {
        let err = String::from_utf8_lossy(&o.stderr);
        if let Some(line) = err.lines().rev().find(|l| !l.trim().is_empty()) {
            let line: String = line.trim().chars().take(90).collect();
            return format!("taipan: {line}");
        }
    }
    if o.stdout != g.stdout {
        return if o.stdout.is_empty() {
            "no output".into()
        } else {
            "stdout differs".into()
        };
    }
    if o.stderr != g.stderr {
        return "stderr differs".into();
    }
    "exit status differs".into()
}

/// Removes what `save_actual` wrote for this snippet in an earlier run.
fn clear_actual(out_root: &Path, s: &Snippet) {
    let stem = out_root.join(&s.key).with_extension("");
    for ext in ["out", "err", "status"] {
        let _ = std::fs::remove_file(stem.with_extension(ext));
    }
}

fn save_actual(out_root: &Path, s: &Snippet, o: &Outcome) {
    let path = out_root.join(&s.key);
    let stem = path.with_extension("");
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let _ = std::fs::write(stem.with_extension("out"), &o.stdout);
    let _ = std::fs::write(stem.with_extension("err"), &o.stderr);
    let _ = std::fs::write(stem.with_extension("status"), format!("{}\n", o.status));
}

// ---------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

#[test]
fn differential() {
    if let Err(msg) = run_all() {
        say(&format!("{msg}\n"));
        panic!("differential tests failed: {msg}");
    }
}

fn run_all() -> Result<(), String> {
    let root = repo_root();
    let snippets_dir = root.join("tests/snippets");
    let xfail_path = root.join("tests/expected_failures.txt");
    let filter = std::env::var("TAIPAN_TEST_FILTER")
        .ok()
        .filter(|f| !f.is_empty());
    let threads: usize = std::env::var("TAIPAN_TEST_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2);
    let timeout: u64 = std::env::var("TAIPAN_TEST_TIMEOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    // JIT HOOK: TAIPAN_TEST_EXTRA_ARGS is appended to the taipan command line.
    let extra_args = split_words(&std::env::var("TAIPAN_TEST_EXTRA_ARGS").unwrap_or_default())
        .map_err(|e| format!("TAIPAN_TEST_EXTRA_ARGS: {e}"))?;
    // TAIPAN_TEST_BINARY runs the suite with another interpreter, e.g.
    // `python3` to check that the harness and the goldens agree.
    let exe = std::env::var_os("TAIPAN_TEST_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_taipan")));
    let cfg = Config {
        exe,
        extra_args,
        timeout,
    };
    let verbose = env_flag("TAIPAN_TEST_VERBOSE");
    let allow_xpass = env_flag("TAIPAN_ALLOW_XPASS");
    let update = env_flag("TAIPAN_UPDATE_XFAIL");

    let snippets = discover(&snippets_dir, filter.as_deref())?;
    if snippets.is_empty() {
        return Err(format!(
            "no snippets found under {}",
            snippets_dir.display()
        ));
    }
    let mut exp = load_expectations(&xfail_path)?;
    say(&format!(
        "differential: running {} snippets with {} ({} threads, timeout {} s{})\n",
        snippets.len(),
        cfg.exe.display(),
        threads,
        timeout,
        if cfg.extra_args.is_empty() {
            String::new()
        } else {
            format!(", extra args {:?}", cfg.extra_args)
        }
    ));

    // Run everything in a small pool of worker threads.
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Option<String>, String>>>> =
        Mutex::new((0..snippets.len()).map(|_| None).collect());
    let severe: Mutex<BTreeMap<String, &'static str>> = Mutex::new(BTreeMap::new());
    let symptoms: Mutex<BTreeMap<String, String>> = Mutex::new(BTreeMap::new());
    let out_root = root.join("tests/out");
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(s) = snippets.get(i) else { break };
                    let r = load_golden(s).map(|g| {
                        clear_actual(&out_root, s);
                        let o = run_snippet(&cfg, s);
                        let d = compare(&g, &o);
                        if d.is_some() {
                            save_actual(&out_root, s, &o);
                            if let (Some(kind), Ok(mut m)) = (severe_kind(&o), severe.lock()) {
                                m.insert(s.key.clone(), kind);
                            }
                            if let Ok(mut m) = symptoms.lock() {
                                m.insert(s.key.clone(), symptom(&g, &o));
                            }
                        } else if o.elapsed > Duration::from_secs(5) {
                            say(&format!(
                                "  slow: {} took {:.1} s\n",
                                s.key,
                                o.elapsed.as_secs_f64()
                            ));
                        }
                        d
                    });
                    if let Ok(mut v) = results.lock() {
                        v[i] = Some(r);
                    }
                }
            });
        }
    });
    let results = results
        .into_inner()
        .map_err(|_| "worker thread panicked".to_string())?;
    let severe = severe.into_inner().unwrap_or_default();
    let symptoms = symptoms.into_inner().unwrap_or_default();

    let mut passed = Vec::new();
    let mut failed = Vec::new(); // unexpected failures
    let mut xfailed = Vec::new();
    let mut xpassed = Vec::new();
    let mut broken = Vec::new(); // harness-level problems (missing golden)
    let mut report = String::new();
    for (s, r) in snippets.iter().zip(results) {
        let listed = exp.entries.contains_key(&s.key);
        match r {
            None => broken.push(format!("{}: not run (worker died)", s.key)),
            Some(Err(e)) => broken.push(e),
            Some(Ok(None)) if listed => xpassed.push(s.key.clone()),
            Some(Ok(None)) => passed.push(s.key.clone()),
            Some(Ok(Some(d))) if listed => {
                if verbose {
                    let _ = write!(report, "XFAIL {}\n{d}", s.key);
                }
                xfailed.push(s.key.clone());
            }
            Some(Ok(Some(d))) => {
                let _ = write!(report, "FAIL {}\n{d}", s.key);
                failed.push(s.key.clone());
            }
        }
    }
    // Entries for snippets that no longer exist (only checkable on a full run).
    let run_keys: BTreeSet<&str> = snippets.iter().map(|s| s.key.as_str()).collect();
    let stale: Vec<String> = if filter.is_none() {
        exp.entries
            .keys()
            .filter(|k| !run_keys.contains(k.as_str()))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    say(&report);
    for b in &broken {
        say(&format!("BROKEN {b}\n"));
    }
    for k in &xpassed {
        say(&format!(
            "XPASS {k} (listed in tests/expected_failures.txt but passes now)\n"
        ));
    }
    for k in &stale {
        say(&format!(
            "STALE {k} (listed in tests/expected_failures.txt but no such snippet)\n"
        ));
    }

    if update {
        let mut new_entries = BTreeMap::new();
        for (k, reason) in &exp.entries {
            if !run_keys.contains(k.as_str()) && !stale.contains(k) {
                new_entries.insert(k.clone(), reason.clone()); // not run this time: keep
            }
        }
        for k in failed.iter().chain(&xfailed) {
            let reason = exp
                .entries
                .get(k)
                .cloned()
                .unwrap_or_else(|| match symptoms.get(k) {
                    Some(sym) => format!("auto: {sym}"),
                    None => String::new(),
                });
            new_entries.insert(k.clone(), reason);
        }
        exp.entries = new_entries;
        if exp.preamble.is_empty() {
            exp.preamble =
                "# Snippets (paths relative to tests/snippets/) known to differ from CPython.\n\
                 # One per line, `area/NAME.py  # reason`. Regenerate with TAIPAN_UPDATE_XFAIL=1.\n"
                    .to_string();
        }
        write_expectations(&xfail_path, &exp)?;
        say(&format!(
            "rewrote {} with {} entries\n",
            xfail_path.display(),
            exp.entries.len()
        ));
    }

    if !severe.is_empty() {
        let mut by_kind: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (k, kind) in &severe {
            by_kind.entry(kind).or_default().push(k);
        }
        for (kind, keys) in by_kind {
            let shown: Vec<&str> = keys.iter().take(12).copied().collect();
            let more = if keys.len() > shown.len() {
                ", ..."
            } else {
                ""
            };
            say(&format!(
                "differential: {} failures are a {kind}: {}{more}\n",
                keys.len(),
                shown.join(", ")
            ));
        }
    }
    let unexpected_fail = failed.len() + broken.len();
    say(&format!(
        "differential: {} expected failures (xfail), {} unexpected passes (xpass), {} stale entries\n",
        xfailed.len(),
        xpassed.len(),
        stale.len(),
    ));
    // The closing line counts passes (incl. xpass) and unexpected failures;
    // the expected failures are counted on the line above.
    say(&format!(
        "differential: {} passed, {} failed\n",
        passed.len() + xpassed.len(),
        unexpected_fail
    ));
    let mut problems = Vec::new();
    if unexpected_fail > 0 && !update {
        problems.push(format!("{unexpected_fail} unexpected failures"));
    }
    if !broken.is_empty() && update {
        problems.push(format!("{} broken snippets", broken.len()));
    }
    if (!xpassed.is_empty() || !stale.is_empty()) && !allow_xpass && !update {
        problems.push(format!(
            "{} expected failures passed and {} entries are stale: remove them from \
             tests/expected_failures.txt (or run with TAIPAN_UPDATE_XFAIL=1; \
             TAIPAN_ALLOW_XPASS=1 tolerates them)",
            xpassed.len(),
            stale.len()
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(
            split_words(r#"-c "print('a b')" x"#).unwrap(),
            ["-c", "print('a b')", "x"]
        );
        assert_eq!(
            split_words(r#"'a"b' c\ d "q\"x""#).unwrap(),
            ["a\"b", "c d", "q\"x"]
        );
        assert_eq!(split_words("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split_words("''").unwrap(), [""]);
        assert!(split_words("'open").is_err());
    }

    #[test]
    fn header() {
        let h =
            parse_header("# args: -c 'pass' a\n# stdin: x\\ny\n# timeout: 3\nprint(1)\n# args: no")
                .unwrap();
        assert_eq!(h.args.unwrap(), ["-c", "pass", "a"]);
        assert_eq!(h.stdin.unwrap(), "x\ny\n");
        assert_eq!(h.timeout, Some(3));
    }

    #[test]
    fn diff_shows_change() {
        let d = diff("stdout", b"a\nb\nc\n", b"a\nB\nc\n");
        assert!(d.contains("-b") && d.contains("+B"), "{d}");
    }
}
