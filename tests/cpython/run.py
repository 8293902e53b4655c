#!/usr/bin/env python3
"""Runs CPython 3.11's regression suite (Lib/test) under Taipan: the scoreboard.

Design.  Each test module runs in its own interpreter process (Taipan, or any
`--interpreter`), started on tests/cpython/wrapper.py, which imports the module
as regrtest does, builds the unittest suite and appends one JSON line per test
to a stream file, flushing each line.  This process (always host CPython)
runs up to `-j` modules at once, each in a fresh temporary working directory
and its own process group, and watches two clocks per module: the module's
total time (`--timeout`) and the time since the stream last grew
(`--stall-timeout`, i.e. one test hanging).  When a process dies (signal, Rust
panic, os._exit) or is killed, the results already streamed are kept, the test
that was running is marked `crash` or `timeout`, and the module is restarted
with the finished tests and the culprit skipped (at most `--max-restarts`
times, within the module's total time); whatever is still left is marked with
the same outcome and "not run".  A module that cannot be imported is recorded
with its import error (its tests count as not passing, using the test count of
CPython's own run from reference.json).

Outcomes per test id: pass, fail, error, skip, xfail (expected failure),
xpass (unexpected success), crash, timeout.  Passing = pass + xfail;
failing ("bad") = fail, error, xpass, crash, timeout.

Outputs (in --out, default tests/cpython/out/, git-ignored): results.json
(every test id with outcome, message and traceback), summary.md (per module and
per tier), logs/ (each module's stdout/stderr and raw stream).

Gate (`--check`): compares against expectations.txt, which lists the modules
that fail as a whole and the test ids known to fail (with a reason), plus a
[flaky] section the gate ignores.  Exit status 1 on a failure not listed
(regression) and on a listed failure that now passes (the file must be kept
honest: `--update-expectations` rewrites it; `--repeat N` runs everything N
times and files ids whose outcome flips under [flaky]).

Scoreboard (`--write-scoreboard`): per tier figures go to scoreboard.json and
are rendered into README.md between the scoreboard markers; only tiers this
run covered completely are updated.  `--write-reference` (with
`--interpreter python3`) records CPython's own per-module counts, the
denominator for modules Taipan cannot run yet.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WRAPPER = os.path.join(HERE, "wrapper.py")
TIERS_FILE = os.path.join(HERE, "tiers.toml")
EXPECTATIONS_FILE = os.path.join(HERE, "expectations.txt")
REFERENCE_FILE = os.path.join(HERE, "reference.json")
SCOREBOARD_FILE = os.path.join(HERE, "scoreboard.json")
README_FILE = os.path.join(ROOT, "README.md")
SELFTEST_DIR = os.path.join(HERE, "selftest")
SCOREBOARD_START = "<!-- scoreboard:start (written by tests/cpython/run.py --write-scoreboard) -->"
SCOREBOARD_END = "<!-- scoreboard:end -->"

GOOD = ("pass", "xfail", "skip")
BAD = ("fail", "error", "xpass", "crash", "timeout")
OUTCOMES = ("pass", "fail", "error", "skip", "xfail", "xpass", "crash", "timeout")
# Module statuses where no test ran at all: the module "fails as a whole".
MODULE_BAD = ("import_error", "harness_error", "crash", "timeout")
# regrtest's packages whose test_*.py files / subpackages are modules of their own.
SPLIT_TEST_DIRS = {
    "test_asyncio",
    "test_concurrent_futures",
    "test_future_stmt",
    "test_gdb",
    "test_inspect",
    "test_multiprocessing_fork",
    "test_multiprocessing_forkserver",
    "test_multiprocessing_spawn",
}


# ----------------------------------------------------------------------------
# Modules and tiers


def default_interpreter():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    return os.path.join(target, "release", "taipan")


def ask_testdir(exe):
    code = "import test, os; print(os.path.dirname(test.__file__))"
    try:
        out = subprocess.run([exe, "-c", code], capture_output=True, text=True, timeout=60, env=child_env())
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = out.stdout.strip()
    return path if out.returncode == 0 and os.path.isdir(path) else None


def has_tests(testdir):
    return sum(1 for n in os.listdir(testdir) if n.startswith("test_")) >= 20


def find_testdir(interpreter):
    """Lib/test of the stdlib the interpreter uses.

    Asked from the interpreter itself.  Debian's python3.11 (which Taipan finds
    first) ships Lib/test without the test modules (they are in the separate
    libpython3.11-testsuite package); then python3's Lib/test is used, and the
    interpreter is pointed at that same Lib with TAIPAN_STDLIB so the tests
    and the stdlib they test are one CPython version.
    """
    path = ask_testdir(interpreter)
    if path and has_tests(path):
        return path
    fallback = ask_testdir("python3")
    if not fallback or not has_tests(fallback):
        sys.exit(
            "run.py: no CPython Lib/test with test modules found (%s has none; install CPython 3.11's "
            "test suite, e.g. Debian's libpython3.11-testsuite, or a python.org/pyenv build)" % path
        )
    if "TAIPAN_STDLIB" not in os.environ:
        EXTRA_ENV["TAIPAN_STDLIB"] = os.path.dirname(fallback)
        print("run.py: %s has no test modules; using %s with TAIPAN_STDLIB=%s"
              % (path, fallback, EXTRA_ENV["TAIPAN_STDLIB"]), flush=True)
    return fallback


def find_modules(testdir, base=""):
    """The test modules `python3 -m test` would run, as it names them."""
    names = []
    for entry in os.listdir(testdir):
        mod, ext = os.path.splitext(entry)
        if not mod.startswith("test_"):
            continue
        full = base + "." + mod if base else mod
        if full in SPLIT_TEST_DIRS and not base:
            names.extend(find_modules(os.path.join(testdir, mod), "test." + mod))
        elif ext in (".py", "") and (ext or os.path.isdir(os.path.join(testdir, entry))):
            names.append(full)
    return sorted(names)


def load_tiers(all_modules):
    with open(TIERS_FILE, "rb") as f:
        data = tomllib.load(f)
    tiers = {}
    titles = {}
    for key in ("tier1", "tier2"):
        mods = []
        for k, v in data[key].items():
            if isinstance(v, list):
                mods.extend(m for m in v if m not in mods)
        tiers[int(key[-1])] = mods
        titles[int(key[-1])] = data[key]["title"]
    tier2 = [m for m in tiers[2] if m not in tiers[1]]
    tiers[2] = tier2
    known = set(tiers[1]) | set(tier2)
    tiers[3] = [m for m in all_modules if m not in known]
    titles[3] = data["tier3"]["title"]
    return tiers, titles


def tier_of(module, tiers):
    for t in (1, 2, 3):
        if module in tiers[t]:
            return t
    return 3


# ----------------------------------------------------------------------------
# Running one module


EXTRA_ENV = {}


def child_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(EXTRA_ENV)
    # Deterministic outcomes: one hash seed and one locale everywhere.
    env["PYTHONHASHSEED"] = "0"
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANG", None)
    env.pop("LANGUAGE", None)
    return env


def child_setup(megabytes):
    def apply():
        # A runner started in the background by a non-interactive shell has
        # SIGINT ignored, and children inherit that: tests of KeyboardInterrupt
        # would then hang. Give the child the default disposition, as a
        # terminal would.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if not megabytes:
            return
        try:
            import resource

            limit = megabytes * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass

    return apply


class Job:
    """One module: one or more interpreter processes (restarts after crashes)."""

    def __init__(self, module, tier, opts, logdir):
        self.module = module
        self.tier = tier
        self.opts = opts
        self.logdir = logdir
        self.stream = os.path.join(logdir, module + ".jsonl")
        for suffix in (".jsonl", ".stdout", ".stderr"):
            try:
                os.unlink(os.path.join(logdir, module + suffix))
            except FileNotFoundError:
                pass
        self.t0 = None
        self.proc = None
        self.attempts = 0
        self.tests = {}  # id -> {"outcome", "msg", "tb", "dur"}
        self.order = []  # planned ids, first attempt's order
        self.status = None
        self.error = ""
        self.error_tb = ""
        self.notes = []
        self.killed = None
        self.events_read = 0
        self.budget_exhausted = None
        self.t_end = None

    # -- process control --
    def start(self):
        if self.t0 is None:
            self.t0 = time.monotonic()
        self.attempts += 1
        self.workdir = tempfile.mkdtemp(prefix="tpcpy-")
        args = [self.opts.interpreter, WRAPPER, self.stream, self.module]
        done = [t for t in self.tests]
        if done:
            skip_file = os.path.join(self.workdir, "..", os.path.basename(self.workdir) + ".skip")
            skip_file = os.path.normpath(skip_file)
            with open(skip_file, "w", encoding="utf-8") as f:
                f.write("\n".join(done) + "\n")
            self.skip_file = skip_file
            args += ["--skip-file", skip_file]
        else:
            self.skip_file = None
        if self.opts.use:
            args += ["--use", self.opts.use]
        if self.opts.selftest:
            args += ["--path", SELFTEST_DIR]
        mode = "a"
        self.out = open(os.path.join(self.logdir, self.module + ".stdout"), mode + "b")
        self.err = open(os.path.join(self.logdir, self.module + ".stderr"), mode + "b")
        if self.attempts > 1:
            banner = "\n===== restart %d =====\n" % (self.attempts - 1)
            self.out.write(banner.encode())
            self.err.write(banner.encode())
            self.out.flush()
            self.err.flush()
        self.proc = subprocess.Popen(
            args,
            cwd=self.workdir,
            stdin=subprocess.DEVNULL,
            stdout=self.out,
            stderr=self.err,
            env=child_env(),
            start_new_session=True,
            preexec_fn=child_setup(self.opts.memory_limit),
        )
        self.proc_t0 = time.monotonic()
        self.last_size = -1
        self.last_progress = time.monotonic()
        self.killed = None

    def elapsed(self):
        if self.t0 is None:
            return 0.0
        return (self.t_end if self.t_end is not None else time.monotonic()) - self.t0

    def kill_group(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def poll(self, now):
        """True when the current process has ended (or was killed)."""
        if self.proc.poll() is not None:
            self.kill_group()  # stray children of the test module
            return True
        try:
            size = os.path.getsize(self.stream)
        except OSError:
            size = 0
        if size != self.last_size:
            self.last_size = size
            self.last_progress = now
        if self.budget_exhausted:
            self.killed = self.budget_exhausted
        elif now - self.t0 > self.opts.timeout:
            self.killed = "timeout: module exceeded %ds" % self.opts.timeout
        elif now - self.last_progress > self.opts.stall_timeout:
            self.killed = "timeout: no progress for %ds" % self.opts.stall_timeout
        if self.killed:
            self.kill_group()
            self.proc.wait()
            return True
        return False

    # -- results --
    def read_events(self):
        events = []
        try:
            with open(self.stream, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
        except FileNotFoundError:
            return events
        for line in lines[self.events_read :]:
            if not line.strip():
                continue
            try:
                events.append(json.loads(line))
            except ValueError:
                pass  # a line cut short by a crash
        self.events_read = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
        return events

    def stderr_tail(self, n=6):
        try:
            with open(os.path.join(self.logdir, self.module + ".stderr"), "rb") as f:
                f.seek(0, 2)
                size = f.tell()
                f.seek(max(0, size - 8000))
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return ""
        lines = [ln for ln in text.splitlines() if ln.strip()]
        return "\n".join(lines[-n:])

    def finish_attempt(self):
        """Fold the finished process's events in; True if it must be restarted."""
        self.out.close()
        self.err.close()
        shutil.rmtree(self.workdir, ignore_errors=True)
        if self.skip_file:
            try:
                os.unlink(self.skip_file)
            except OSError:
                pass
        rc = self.proc.returncode
        events = self.read_events()
        done = planned = False
        running = None
        for ev in events:
            kind = ev.get("ev")
            if kind == "plan":
                planned = True
                for tid in ev["ids"]:
                    if tid not in self.tests and tid not in self.order:
                        self.order.append(tid)
            elif kind == "start":
                running = ev["id"]
            elif kind == "result":
                rec = {"outcome": ev["outcome"], "msg": ev.get("msg", ""), "dur": ev.get("dur", 0.0)}
                if ev.get("tb"):
                    rec["tb"] = ev["tb"]
                if ev.get("fixture"):
                    rec["fixture"] = True
                self.tests[ev["id"]] = rec
                if ev["id"] == running:
                    running = None
            elif kind == "done":
                done = True
            elif kind in ("import_error", "harness_error"):
                self.status = kind
                self.error = ev.get("error", "")
                self.error_tb = ev.get("tb", "")
                done = True
            elif kind == "module_skip":
                self.status = "module_skip"
                self.error = ev.get("reason", "")
                done = True
            elif kind == "load_error":
                self.notes.append(ev.get("error", ""))
        if done:
            if self.status is None:
                self.status = "ok"
            return False
        # The process ended without saying it was done: crash or timeout.
        if self.killed:
            outcome = "timeout"
            why = self.killed
        else:
            outcome = "crash"
            if rc is not None and rc < 0:
                try:
                    signame = signal.Signals(-rc).name
                except ValueError:
                    signame = "signal %d" % -rc
                why = "crash: killed by %s" % signame
            else:
                why = "crash: exit status %s" % rc
            tail = self.stderr_tail(1)
            if tail:
                why += " (" + tail.strip()[:200] + ")"
        if not planned and not self.order:
            # Died while importing the module: the module fails as a whole.
            self.status = outcome
            self.error = why
            self.error_tb = self.stderr_tail(20)
            return False
        if running is not None:
            self.tests[running] = {"outcome": outcome, "msg": why, "dur": 0.0, "tb": self.stderr_tail(20)}
        left = [t for t in self.order if t not in self.tests]
        if (
            left
            and not self.budget_exhausted
            and self.attempts <= self.opts.max_restarts
            and self.elapsed() < self.opts.timeout - 5
        ):
            self.notes.append("restarted after %s in %s" % (why, running or "(between tests)"))
            return True
        for t in left:
            self.tests[t] = {"outcome": outcome, "msg": "not run: %s in %s" % (why, running or "(between tests)"), "dur": 0.0}
        self.status = "ok" if self.status is None else self.status
        if running is None and not left:
            self.notes.append("%s after its last test" % why)
        return False

    def summary(self):
        counts = {o: 0 for o in OUTCOMES}
        for rec in self.tests.values():
            counts[rec["outcome"]] += 1
        return counts

    def to_json(self):
        return {
            "tier": self.tier,
            "status": self.status,
            "error": self.error,
            "error_tb": self.error_tb,
            "notes": self.notes,
            "duration": round(self.elapsed(), 2),
            "attempts": self.attempts,
            "counts": self.summary(),
            "tests": {t: self.tests[t] for t in sorted(self.tests)},
        }


def run_modules(modules, tiers, opts, logdir, label=""):
    os.makedirs(logdir, exist_ok=True)
    pending = list(modules)
    running = []
    finished = {}
    t_start = time.monotonic()
    last_report = t_start
    total = len(modules)
    width = max((len(m) for m in modules), default=10)
    deadline = t_start + opts.budget if opts.budget else None
    while pending or running:
        if deadline is not None and time.monotonic() > deadline:
            why = "timeout: run budget of %ds exhausted" % opts.budget
            for module in pending:
                job = Job(module, tier_of(module, tiers), opts, logdir)
                job.status, job.error = "timeout", "not started: " + why
                finished[module] = job
                progress(job, len(finished), total, time.monotonic() - t_start, width, label)
            pending = []
            for job in running:
                job.budget_exhausted = why
        while pending and len(running) < opts.jobs:
            module = pending.pop(0)
            job = Job(module, tier_of(module, tiers), opts, logdir)
            job.start()
            running.append(job)
        time.sleep(0.1)
        now = time.monotonic()
        for job in list(running):
            if not job.poll(now):
                continue
            if job.finish_attempt():
                job.start()
                continue
            running.remove(job)
            job.t_end = time.monotonic()
            finished[job.module] = job
            progress(job, len(finished), total, now - t_start, width, label)
            last_report = now
        if running and now - last_report >= 60:
            busy = ", ".join("%s (%ds)" % (j.module, j.elapsed()) for j in running)
            print("%s        ... %d/%d done, running: %s" % (label, len(finished), total, busy), flush=True)
            last_report = now
    return finished


def progress(job, n, total, elapsed, width, label):
    c = job.summary()
    mins, secs = divmod(int(elapsed), 60)
    if job.status == "ok":
        ntests = sum(c.values())
        detail = "%5d tests: %d pass, %d fail, %d error, %d skip" % (
            ntests,
            c["pass"] + c["xfail"],
            c["fail"] + c["xpass"],
            c["error"],
            c["skip"],
        )
        if c["crash"] or c["timeout"]:
            detail += ", %d crash, %d timeout" % (c["crash"], c["timeout"])
    else:
        detail = "%s: %s" % (job.status, job.error[:100])
    print(
        "%s[%*d/%d %3d:%02d] %-*s %s  (%.1fs)"
        % (label, len(str(total)), n, total, mins, secs, width, job.module, detail, job.elapsed()),
        flush=True,
    )


# ----------------------------------------------------------------------------
# Results, summary, causes


def module_counts(mod, info, reference):
    """(total, passing, failed, errors, skipped, not_run) for one module."""
    c = info["counts"]
    ran = sum(c.values())
    ref = reference.get(mod, {}).get("tests", 0)
    passing = c["pass"] + c["xfail"]
    failed = c["fail"] + c["xpass"]
    errors = c["error"]
    skipped = c["skip"]
    not_run = c["crash"] + c["timeout"]
    total = max(ran, ref)
    not_run += total - ran
    return total, passing, failed, errors, skipped, not_run


def is_module_bad(info):
    return info["status"] in MODULE_BAD


_ADDR = re.compile(r"0x[0-9a-fA-F]{4,}")
_TMP = re.compile(r"/tmp/tpcpy-[^/\s'\"]+")


def scrub(text):
    text = _ADDR.sub("0x...", text)
    text = _TMP.sub("$TMP", text)
    return text.replace("\n", " ").strip()


def cause_of(msg, outcome):
    """A grouping key for a failure message: the kind of failure, not its data."""
    msg = scrub(msg)
    if outcome in ("crash", "timeout"):
        msg = re.sub(r"^not run: ", "", msg)
        msg = re.sub(r" in \S+$", "", msg)
        return msg[:120]
    if outcome == "xpass":
        return "unexpected success"
    m = re.match(r"^(\S*?(?:Error|Exception|Failure|Exit|Warning|Interrupt|Iteration|Group))(?:: (.*))?$", msg)
    if not m:
        # subTest messages start with the subtest description "(x=1) "
        m = re.match(r"^\(.*?\) (\S*?(?:Error|Exception)\S*)(?:: (.*))?$", msg)
    if not m:
        return msg[:100]
    exc, text = m.group(1), m.group(2) or ""
    if exc == "AssertionError" or exc.endswith("Failure"):
        return "AssertionError (a test assertion failed)"
    text = re.sub(r"'[^']*'", "'…'", text) if exc in ("KeyError",) else text
    text = re.sub(r"\d+", "N", text)
    return (exc + (": " + text if text else ""))[:120]


def failure_causes(results, reference):
    causes = {}
    for mod, info in results.items():
        if is_module_bad(info):
            key = cause_of(info["error"], "error" if info["status"] != "crash" else "crash")
            n = reference.get(mod, {}).get("tests", 0)
            causes.setdefault(key, [0, set()])
            causes[key][0] += n
            causes[key][1].add(mod)
            continue
        for tid, rec in info["tests"].items():
            if rec["outcome"] in BAD:
                key = cause_of(rec["msg"], rec["outcome"])
                causes.setdefault(key, [0, set()])
                causes[key][0] += 1
                causes[key][1].add(mod)
    return sorted(causes.items(), key=lambda kv: (-kv[1][0], kv[0]))


def tier_totals(results, mods, reference):
    tot = [0, 0, 0, 0, 0, 0]
    imported = 0
    for mod in mods:
        info = results.get(mod)
        if info is None:
            continue
        if not is_module_bad(info):
            imported += 1
        for i, v in enumerate(module_counts(mod, info, reference)):
            tot[i] += v
    return tot, imported


def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "-"


def write_summary(path, results, tiers, titles, reference, meta):
    lines = ["# CPython regression suite under %s" % meta["interpreter_version"], ""]
    lines.append(
        "Run %s on %s, %d modules, %d jobs, wall time %s. Counts per module are test ids; "
        "'not run' = crash/timeout/import failure (CPython's own count of the module's tests "
        "from reference.json when the module did not run)." % (
            meta["date"], meta["commit"], len(results), meta["jobs"], fmt_time(meta["wall_time"]))
    )
    lines.append("")
    for t in (1, 2, 3):
        mods = [m for m in tiers[t] if m in results]
        if not mods:
            continue
        tot, imported = tier_totals(results, mods, reference)
        lines.append("## %s" % titles[t])
        lines.append("")
        lines.append(
            "**%d / %d tests pass (%s)**; %d modules run, %d of them import and run." % (
                tot[1], tot[0], pct(tot[1], tot[0]), len(mods), imported)
        )
        lines.append("")
        lines.append("| module | status | tests | passed | failed | errors | skipped | not run | time |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for mod in mods:
            info = results[mod]
            total, passing, failed, errors, skipped, not_run = module_counts(mod, info, reference)
            status = info["status"]
            if status != "ok":
                status += ": " + scrub(info["error"])[:80].replace("|", "\\|")
            lines.append(
                "| %s | %s | %d | %d | %d | %d | %d | %d | %.0fs |"
                % (mod, status, total, passing, failed, errors, skipped, not_run, info["duration"])
            )
        lines.append(
            "| **total** | | **%d** | **%d** | **%d** | **%d** | **%d** | **%d** | |" % tuple(tot)
        )
        lines.append("")
    grand = [0] * 6
    for t in (1, 2, 3):
        tot, _ = tier_totals(results, [m for m in tiers[t] if m in results], reference)
        grand = [a + b for a, b in zip(grand, tot)]
    lines.append("## All modules of this run")
    lines.append("")
    lines.append("%d / %d tests pass (%s); %d failed, %d errors, %d skipped, %d not run." % (
        grand[1], grand[0], pct(grand[1], grand[0]), grand[2], grand[3], grand[4], grand[5]))
    lines.append("")
    lines.append("## Largest causes of failure")
    lines.append("")
    lines.append("Failing tests grouped by exception (numbers in messages folded to N); a module that")
    lines.append("fails to import counts with CPython's number of tests in it.")
    lines.append("")
    lines.append("| tests | cause | modules |")
    lines.append("|---:|---|---|")
    for key, (n, mods) in failure_causes(results, reference)[:25]:
        shown = ", ".join(sorted(mods)[:6]) + (", ..." if len(mods) > 6 else "")
        lines.append("| %d | %s | %s |" % (n, key.replace("|", "\\|"), shown))
    lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def fmt_time(seconds):
    m, s = divmod(int(seconds), 60)
    return "%dm%02ds" % (m, s)


# ----------------------------------------------------------------------------
# Expectations


class Expectations:
    """expectations.txt: [modules], [tests] (grouped by '## module'), [flaky]."""

    def __init__(self):
        self.tiers = [1, 2]
        self.modules = {}  # module -> reason
        self.tests = {}  # id -> (module, reason)
        self.flaky = {}  # id or module -> (module, reason)

    @staticmethod
    def split(line):
        if "  # " in line:
            key, reason = line.split("  # ", 1)
        else:
            key, reason = line, ""
        return key.strip(), reason.strip()

    @classmethod
    def load(cls, path):
        self = cls()
        if not os.path.exists(path):
            return self
        section = None
        module = None
        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = raw.rstrip("\n")
                if line.startswith("## "):
                    module = line[3:].strip()
                    continue
                if not line.strip() or line.startswith("#"):
                    continue
                if line.startswith("[") and line.rstrip().endswith("]"):
                    section = line.strip()[1:-1]
                    module = None
                    continue
                if section is None:
                    m = re.match(r"^tiers\s*=\s*(.*)$", line)
                    if m:
                        self.tiers = [int(x) for x in re.split(r"[,\s]+", m.group(1).strip()) if x]
                    continue
                key, reason = cls.split(line)
                if section == "modules":
                    self.modules[key] = reason
                elif section == "tests":
                    self.tests[key] = (module or module_of_id(key), reason)
                elif section == "flaky":
                    self.flaky[key] = (module or module_of_id(key), reason)
        return self

    def save(self, path):
        out = [
            "# CPython regression-suite expectations for Taipan, checked by",
            "# `python3 tests/cpython/run.py --tier 1,2 --check` (CI) and rewritten by",
            "# `--update-expectations` from a real run (see tests/README.md).",
            "#",
            "# [modules]: modules that fail as a whole (cannot be imported, or the",
            "#   interpreter crashed or hung before any test ran), with the error.",
            "# [tests]: test ids known to fail (fail, error, crash, timeout, unexpected",
            "#   success), grouped under '## module', each with the outcome and message.",
            "# [flaky]: ids (or modules) whose outcome changes between runs; the gate",
            "#   ignores them. `--update-expectations --repeat N` adds ids that flipped.",
            "# A failure not listed here fails the gate, and so does a listed one that",
            "# now passes (delete its line, or rerun --update-expectations).",
            "",
            "tiers = " + ", ".join(str(t) for t in self.tiers),
            "",
            "[modules]",
        ]
        for mod in sorted(self.modules):
            out.append("%s  # %s" % (mod, self.modules[mod]))
        out.append("")
        out.append("[tests]")
        by_mod = {}
        for tid, (mod, reason) in self.tests.items():
            by_mod.setdefault(mod, []).append((tid, reason))
        for mod in sorted(by_mod):
            out.append("## " + mod)
            for tid, reason in sorted(by_mod[mod]):
                out.append("%s  # %s" % (tid, reason))
        out.append("")
        out.append("[flaky]")
        by_mod = {}
        for tid, (mod, reason) in self.flaky.items():
            by_mod.setdefault(mod, []).append((tid, reason))
        for mod in sorted(by_mod):
            out.append("## " + mod)
            for tid, reason in sorted(by_mod[mod]):
                out.append("%s  # %s" % (tid, reason))
        out.append("")
        # Messages can hold lone surrogates (a test passing '\udcfe' as an
        # encoding name): write them escaped.
        with open(path, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write("\n".join(out))


def module_of_id(tid):
    parts = tid.split(".")
    if len(parts) >= 2 and parts[0] == "test":
        if parts[1] in SPLIT_TEST_DIRS and len(parts) >= 3:
            return "test.%s.%s" % (parts[1], parts[2])
        return parts[1]
    return parts[0]


def reason_for(rec):
    msg = scrub(rec["msg"])
    if len(msg) > 160:
        msg = msg[:160] + "..."
    return "%s: %s" % (rec["outcome"], msg) if msg else rec["outcome"]


def module_reason(info):
    return "%s: %s" % (info["status"], scrub(info["error"])[:200])


def check(results, exp, tiers):
    """(regressions, fixed, notes) of this run against the expectations."""
    regressions, fixed, notes = [], [], []
    gated = {m for t in exp.tiers for m in tiers.get(t, [])}
    for mod in sorted(results):
        if mod not in gated:
            continue
        info = results[mod]
        if mod in exp.flaky:
            continue
        if is_module_bad(info):
            if mod not in exp.modules:
                regressions.append("%s  (module) %s" % (mod, module_reason(info)))
            continue
        if mod in exp.modules:
            fixed.append("%s  (module) now runs: update the expectations" % mod)
        seen = set()
        for tid, rec in sorted(info["tests"].items()):
            seen.add(tid)
            if tid in exp.flaky:
                continue
            listed = tid in exp.tests
            if rec["outcome"] in BAD and not listed:
                regressions.append("%s  %s" % (tid, reason_for(rec)))
            elif rec["outcome"] in ("pass", "xfail") and listed:
                fixed.append("%s  now passes (was %s)" % (tid, exp.tests[tid][1]))
            elif rec["outcome"] == "skip" and listed:
                notes.append("%s  now skipped: %s" % (tid, rec["msg"]))
        for tid, (m, _) in exp.tests.items():
            if m == mod and tid not in seen:
                notes.append("%s  listed but did not run" % tid)
    return regressions, fixed, notes


def update_expectations(exp, results, tiers, flips):
    covered = {m for t in exp.tiers for m in tiers.get(t, [])}
    for mod, info in results.items():
        if mod not in covered:
            continue
        exp.modules.pop(mod, None)
        for tid in [t for t, (m, _) in exp.tests.items() if m == mod]:
            del exp.tests[tid]
        if is_module_bad(info):
            exp.modules[mod] = module_reason(info)
            continue
        for tid, rec in info["tests"].items():
            if tid in exp.flaky:
                continue
            if rec["outcome"] in BAD:
                exp.tests[tid] = (mod, reason_for(rec))
    for key, (mod, seen) in flips.items():
        if mod in covered and key not in exp.flaky:
            exp.flaky[key] = (mod, "flips between runs: " + " / ".join(seen))
            exp.tests.pop(key, None)
            if key == mod:
                exp.modules.pop(mod, None)


def find_flips(runs):
    """Ids (and modules) whose good/bad class differs between repeated runs."""
    flips = {}
    mods = set()
    for r in runs:
        mods.update(r)
    for mod in mods:
        states = [("bad" if is_module_bad(r[mod]) else "ran") for r in runs if mod in r]
        if len(set(states)) > 1:
            flips[mod] = (mod, sorted(set(r[mod]["status"] for r in runs if mod in r)))
            continue
        ids = set()
        for r in runs:
            if mod in r:
                ids.update(r[mod]["tests"])
        for tid in ids:
            outs = [r[mod]["tests"].get(tid, {}).get("outcome", "missing") for r in runs if mod in r]
            classes = {("bad" if o in BAD else "good") for o in outs if o != "missing"}
            if len(classes) > 1:
                flips[tid] = (mod, sorted(set(outs)))
    return flips


# ----------------------------------------------------------------------------
# Scoreboard


def update_scoreboard(results, tiers, titles, reference, meta):
    try:
        with open(SCOREBOARD_FILE, encoding="utf-8") as f:
            board = json.load(f)
    except (OSError, ValueError):
        board = {}
    written = []
    for t in (1, 2, 3):
        mods = tiers[t]
        if not mods or any(m not in results for m in mods):
            continue
        tot, imported = tier_totals(results, mods, reference)
        ref_pass = sum(reference.get(m, {}).get("passed", 0) for m in mods)
        ref_tests = sum(reference.get(m, {}).get("tests", 0) for m in mods)
        board[str(t)] = {
            "title": titles[t],
            "modules": len(mods),
            "modules_running": imported,
            "tests": tot[0],
            "passed": tot[1],
            "failed": tot[2],
            "errors": tot[3],
            "skipped": tot[4],
            "not_run": tot[5],
            "cpython_passed": ref_pass,
            "cpython_tests": ref_tests,
            "commit": meta["commit"],
            "date": meta["date"][:10],
        }
        written.append(t)
    with open(SCOREBOARD_FILE, "w", encoding="utf-8") as f:
        json.dump(board, f, indent=1, sort_keys=True)
        f.write("\n")
    render_readme(board, titles)
    return written


def render_readme(board, titles):
    rows = [
        SCOREBOARD_START,
        "",
        "| tier | modules running / total | tests passing / total | failed | errors | skipped | not run | CPython 3.11.7 passes | measured at |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for t in ("1", "2", "3"):
        b = board.get(t)
        if b is None:
            rows.append("| %s | not measured yet | | | | | | | |" % titles[int(t)])
            continue
        rows.append(
            "| %s | %d / %d | **%d / %d (%s)** | %d | %d | %d | %d | %s | %s, %s |"
            % (
                b["title"],
                b["modules_running"],
                b["modules"],
                b["passed"],
                b["tests"],
                pct(b["passed"], b["tests"]),
                b["failed"],
                b["errors"],
                b["skipped"],
                b["not_run"],
                ("%d / %d" % (b["cpython_passed"], b["cpython_tests"])) if b["cpython_tests"] else "-",
                b["commit"],
                b["date"],
            )
        )
    rows += ["", SCOREBOARD_END]
    with open(README_FILE, encoding="utf-8") as f:
        text = f.read()
    start = text.find(SCOREBOARD_START)
    end = text.find(SCOREBOARD_END)
    if start < 0 or end < 0:
        print("run.py: README.md has no scoreboard markers; not rendered", file=sys.stderr)
        return
    text = text[:start] + "\n".join(rows) + text[end + len(SCOREBOARD_END) :]
    with open(README_FILE, "w", encoding="utf-8") as f:
        f.write(text)


def write_reference(results):
    try:
        with open(REFERENCE_FILE, encoding="utf-8") as f:
            ref = json.load(f)
    except (OSError, ValueError):
        ref = {}
    for mod, info in results.items():
        c = info["counts"]
        ref[mod] = {
            "tests": sum(c.values()),
            "passed": c["pass"] + c["xfail"],
            "skipped": c["skip"],
            "status": info["status"],
        }
    save_reference(ref)


def save_reference(ref):
    """One module per line, so a re-measurement shows as a readable diff."""
    body = ",\n".join("%s: %s" % (json.dumps(m), json.dumps(ref[m], sort_keys=True)) for m in sorted(ref))
    with open(REFERENCE_FILE, "w", encoding="utf-8") as f:
        f.write("{\n" + body + "\n}\n")


# ----------------------------------------------------------------------------


def git_commit():
    try:
        out = subprocess.run(
            ["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=20
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def interpreter_version(interp):
    try:
        out = subprocess.run(
            [interp, "-c", "import sys; print(sys.implementation.name, sys.version.split()[0])"],
            capture_output=True,
            text=True,
            timeout=60,
            env=child_env(),
        )
        return out.stdout.strip() or interp
    except (OSError, subprocess.TimeoutExpired):
        return interp


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Run CPython 3.11's Lib/test modules under Taipan and record every test's outcome.",
    )
    p.add_argument("modules", nargs="*", help="test modules (e.g. test_int); default: the --tier selection")
    p.add_argument("--tier", default=None, help="tiers to run: 1, 2, 3, '1,2' or 'all' (default 1,2)")
    p.add_argument("--interpreter", default=None, help="interpreter to test (default: $CARGO_TARGET_DIR/release/taipan)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="modules run at once (default: cores)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per module, restarts included (default 600)")
    p.add_argument("--stall-timeout", type=int, default=120, help="seconds without a finished test before a module is killed (default 120)")
    p.add_argument("--max-restarts", type=int, default=3, help="restarts of a module after a crash/hang (default 3)")
    p.add_argument("--budget", type=int, default=0, help="seconds for the whole run; modules left are timeouts (default: none)")
    p.add_argument("--memory-limit", type=int, default=4096, help="MiB of data per interpreter process (0: none)")
    p.add_argument("--use", default="", help="regrtest resources to enable, e.g. 'cpu,network' (default none)")
    p.add_argument("--out", default=os.path.join(HERE, "out"), help="output directory (default tests/cpython/out)")
    p.add_argument("--check", action="store_true", help="gate the run against the expectations file")
    p.add_argument("--expectations", default=EXPECTATIONS_FILE, help="expectations file")
    p.add_argument("--update-expectations", action="store_true", help="rewrite the expectations file from this run")
    p.add_argument("--repeat", type=int, default=1, help="run N times; ids whose outcome flips are flaky")
    p.add_argument("--write-scoreboard", action="store_true", help="update scoreboard.json and README.md")
    p.add_argument("--write-reference", action="store_true", help="record per-module counts as CPython's reference")
    p.add_argument("--list", action="store_true", help="print the selected modules and exit")
    p.add_argument("--from-results", metavar="JSON", help="don't run: summarise/gate/update from a results.json of an earlier run")
    p.add_argument("--selftest", action="store_true", help="check the runner on selftest/ (known outcomes) and exit")
    return p.parse_args(argv)


# What the modules in selftest/cpyrun_selftest/ must produce: module status, and
# test id (relative to the module) -> outcome.
SELFTEST_EXPECTED = {
    "test_outcomes": ("ok", {
        "Outcomes.test_pass": "pass", "Outcomes.test_fail": "fail", "Outcomes.test_error": "error",
        "Outcomes.test_skip": "skip", "Outcomes.test_xfail": "xfail", "Outcomes.test_xpass": "xpass",
        "Outcomes.test_subtest_fail": "fail", "Outcomes.test_subtest_pass": "pass",
        "Outcomes.test_cleanup_error": "error", "<lambda>": "pass",
    }),
    "test_fixtures": ("ok", {
        "BrokenSetUpClass.test_a": "error", "BrokenSetUpClass.test_b": "error",
        "SkippedClass.test_c": "skip", "BrokenTearDownClass.test_d": "pass",
        "tearDownClass (cpyrun_selftest.test_fixtures.BrokenTearDownClass)": "error",
    }),
    "test_crash": ("ok", {"Crash.test_1_before": "pass", "Crash.test_2_crash": "crash", "Crash.test_3_after": "pass"}),
    "test_hang": ("ok", {"Hang.test_1_before": "pass", "Hang.test_2_hang": "timeout", "Hang.test_3_after": "pass"}),
    "test_importfail": ("import_error", {}),
    "test_modskip": ("module_skip", {}),
}


def selftest(opts):
    """Runs selftest/cpyrun_selftest under the interpreter; exit 1 on any surprise."""
    opts.stall_timeout = min(opts.stall_timeout, 10)
    opts.timeout = min(opts.timeout, 120)
    modules = ["cpyrun_selftest." + m for m in SELFTEST_EXPECTED]
    tiers = {1: [], 2: [], 3: modules}
    out = tempfile.mkdtemp(prefix="tpcpy-selftest-")
    finished = run_modules(modules, tiers, opts, out)
    problems = []
    for short, (status, tests) in SELFTEST_EXPECTED.items():
        info = finished["cpyrun_selftest." + short].to_json()
        if info["status"] != status:
            problems.append("%s: status %s (%s), expected %s" % (short, info["status"], info["error"], status))
        got = {}
        for tid, rec in info["tests"].items():
            prefix = "cpyrun_selftest.%s." % short
            got[tid[len(prefix):] if tid.startswith(prefix) else tid] = rec["outcome"]
        if got != tests:
            for k in sorted(set(got) | set(tests)):
                if got.get(k) != tests.get(k):
                    problems.append("%s: %s: got %s, expected %s" % (short, k, got.get(k), tests.get(k)))
    # The gate: list every failure but one, plus one passing test, and expect
    # exactly one regression and one unexpected pass; then a rewrite must check clean.
    results = {m: finished[m].to_json() for m in modules}
    exp = Expectations()
    exp.tiers = [3]
    bad = sorted((m, t) for m in modules for t, r in results[m]["tests"].items() if r["outcome"] in BAD)
    for m, t in bad[1:]:
        exp.tests[t] = (m, "listed")
    exp.tests["cpyrun_selftest.test_outcomes.Outcomes.test_pass"] = ("cpyrun_selftest.test_outcomes", "listed")
    exp.modules["cpyrun_selftest.test_importfail"] = "listed"
    regressions, fixed, _ = check(results, exp, tiers)
    if [r.split()[0] for r in regressions] != [bad[0][1]]:
        problems.append("gate: regressions %r, expected only %s" % (regressions, bad[0][1]))
    if [r.split()[0] for r in fixed] != ["cpyrun_selftest.test_outcomes.Outcomes.test_pass"]:
        problems.append("gate: unexpected passes %r, expected test_pass only" % (fixed,))
    update_expectations(exp, results, tiers, {})
    exp_path = os.path.join(out, "expectations.txt")
    exp.save(exp_path)
    loaded = Expectations.load(exp_path)
    if (loaded.tiers, loaded.modules, loaded.tests) != (exp.tiers, exp.modules, exp.tests):
        problems.append("gate: expectations file does not read back as written (%s)" % exp_path)
    exp = loaded
    regressions, fixed, _ = check(results, exp, tiers)
    if regressions or fixed:
        problems.append("gate: after --update-expectations still %r %r" % (regressions, fixed))
    if problems:
        print("selftest FAILED (logs in %s):" % out)
        for p in problems:
            print("  " + p)
        return 1
    shutil.rmtree(out, ignore_errors=True)
    print("selftest OK: every outcome the runner records was recorded correctly, and the gate works")
    return 0


def main(argv):
    opts = parse_args(argv)
    saved = None
    if opts.from_results:
        with open(opts.from_results, encoding="utf-8") as f:
            saved = json.load(f)
        opts.interpreter = saved["meta"]["interpreter"]
    opts.interpreter = opts.interpreter or default_interpreter()
    if os.sep in opts.interpreter:
        opts.interpreter = os.path.abspath(opts.interpreter)
    if saved is None and shutil.which(opts.interpreter) is None:
        sys.exit("run.py: interpreter not found: %s (build it: cargo build --release -p taipan-cli)" % opts.interpreter)
    opts.jobs = max(1, opts.jobs)
    testdir = saved["meta"]["testdir"] if saved else find_testdir(opts.interpreter)
    if opts.selftest:
        return selftest(opts)
    all_modules = find_modules(testdir)
    tiers, titles = load_tiers(all_modules)
    missing = [m for t in (1, 2) for m in tiers[t] if m not in all_modules]
    if missing:
        print("run.py: warning: tier modules not in %s: %s" % (testdir, ", ".join(missing)), file=sys.stderr)
    if opts.modules:
        modules = opts.modules
    else:
        spec = opts.tier or "1,2"
        chosen = [1, 2, 3] if spec == "all" else [int(x) for x in spec.split(",") if x.strip()]
        modules = [m for t in chosen for m in tiers[t] if m in all_modules or m not in missing]
    if opts.list:
        for m in modules:
            print(m)
        return 0

    if saved is not None:
        return finish(opts, tiers, titles, [saved["modules"]], saved["meta"], write_outputs=False)

    version = interpreter_version(opts.interpreter)
    if EXTRA_ENV:
        version += " with TAIPAN_STDLIB=" + EXTRA_ENV["TAIPAN_STDLIB"]
    print(
        "run.py: %d modules under %s (%s), %d jobs, timeout %ds/module (stall %ds), Lib/test at %s"
        % (len(modules), opts.interpreter, version, opts.jobs, opts.timeout, opts.stall_timeout, testdir),
        flush=True,
    )
    os.makedirs(opts.out, exist_ok=True)
    runs = []
    t0 = time.monotonic()
    for rep in range(opts.repeat):
        label = "(run %d/%d) " % (rep + 1, opts.repeat) if opts.repeat > 1 else ""
        finished = run_modules(modules, tiers, opts, os.path.join(opts.out, "logs"), label)
        runs.append({m: finished[m].to_json() for m in modules})
    wall = time.monotonic() - t0
    meta = {
        "interpreter": opts.interpreter,
        "interpreter_version": version,
        "testdir": testdir,
        "commit": git_commit(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "jobs": opts.jobs,
        "wall_time": round(wall, 1),
        "repeat": opts.repeat,
        "timeout": opts.timeout,
        "stall_timeout": opts.stall_timeout,
    }
    return finish(opts, tiers, titles, runs, meta, write_outputs=True)


def finish(opts, tiers, titles, runs, meta, write_outputs):
    """Summary, reference, scoreboard, expectations and the gate, from results."""
    results = runs[-1]
    wall = meta["wall_time"]
    try:
        with open(REFERENCE_FILE, encoding="utf-8") as f:
            reference = json.load(f)
    except (OSError, ValueError):
        reference = {}
    summary_path = os.path.join(opts.out, "summary.md")
    if write_outputs:
        with open(os.path.join(opts.out, "results.json"), "w", encoding="utf-8") as f:
            json.dump({"meta": meta, "modules": results}, f, indent=1, sort_keys=True)
    os.makedirs(opts.out, exist_ok=True)
    write_summary(summary_path, results, tiers, titles, reference, meta)

    grand = [0] * 6
    for t in (1, 2, 3):
        others = [m for m in results if tier_of(m, tiers) == t]
        tot, imported = tier_totals(results, others, reference)
        if others:
            print("tier %d: %d / %d tests pass (%s); %d failed, %d errors, %d skipped, %d not run; %d/%d modules run"
                  % (t, tot[1], tot[0], pct(tot[1], tot[0]), tot[2], tot[3], tot[4], tot[5], imported, len(others)))
        grand = [a + b for a, b in zip(grand, tot)]
    causes = failure_causes(results, reference)
    if causes:
        print("largest causes of failure (tests: cause):")
        for key, (n, mods) in causes[:10]:
            print("  %6d: %s  [%d module%s]" % (n, key, len(mods), "" if len(mods) == 1 else "s"))
    print("total: %d / %d tests pass (%s) in %s; results in %s, summary in %s"
          % (grand[1], grand[0], pct(grand[1], grand[0]), fmt_time(wall), opts.out, summary_path))

    if opts.write_reference:
        write_reference(results)
        print("run.py: wrote %s" % REFERENCE_FILE)
    if opts.write_scoreboard:
        written = update_scoreboard(results, tiers, titles, reference, meta)
        print("run.py: scoreboard updated for tiers %s" % (", ".join(map(str, written)) or "(none complete)"))

    status = 0
    exp = Expectations.load(opts.expectations)
    if opts.update_expectations:
        flips = find_flips(runs) if len(runs) > 1 else {}
        update_expectations(exp, results, tiers, flips)
        exp.save(opts.expectations)
        print("run.py: wrote %s (%d modules, %d tests, %d flaky)"
              % (opts.expectations, len(exp.modules), len(exp.tests), len(exp.flaky)))
    elif opts.check:
        regressions, fixed, notes = check(results, exp, tiers)
        for n in notes[:50]:
            print("note: " + n)
        if len(notes) > 50:
            print("note: ... and %d more" % (len(notes) - 50))
        limit = 300
        if regressions:
            print("\nREGRESSIONS: %d failure(s) not in %s:" % (len(regressions), os.path.relpath(opts.expectations)))
            for r in regressions[:limit]:
                print("  " + r)
            if len(regressions) > limit:
                print("  ... and %d more (all in %s/results.json)" % (len(regressions) - limit, opts.out))
            status = 1
        if fixed:
            print("\nNOW PASSING: %d expected failure(s) pass; delete them from %s:" % (len(fixed), os.path.relpath(opts.expectations)))
            for r in fixed[:limit]:
                print("  " + r)
            if len(fixed) > limit:
                print("  ... and %d more" % (len(fixed) - limit))
            status = 1
        if status:
            print("\nIf the change is intended (a fix, or a module that now imports), re-baseline with\n"
                  "  python3 tests/cpython/run.py --tier 1,2 --update-expectations --repeat 2\n"
                  "and commit tests/cpython/expectations.txt (ids that flip between the runs go to [flaky]).")
        if status == 0:
            print("check: OK, every outcome matches %s" % os.path.relpath(opts.expectations))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
