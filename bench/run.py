#!/usr/bin/env python3
"""Side-by-side benchmark runner: Taipan vs CPython 3.11 (vs PyPy if installed).

Categories (one directory each, one program per file):
  micro     bench/micro/*.py     one language feature each (calls, attributes, ...)
  programs  bench/programs/*.py  whole classic programs (n-body, richards, ray tracer, ...)
  memory    bench/memory/*.py    programs judged by peak RSS (a million instances)
  startup   `-c pass` and `-c "import unittest"` (CPython `-I -S` as a reference line)

Every benchmark runs --reps times under every implementation, interleaved:
repetition 1 of every benchmark under every implementation, then repetition
2, ..., with the order of implementations rotated each time, so machine noise
hits all of them alike. Per benchmark and implementation the runner reports
the median time, the ratio to CPython (<1 is faster), the peak RSS (max over
runs) and its ratio, and the geometric mean of the ratios per category.

Time is the child's CPU time (user+sys, from wait4's rusage) by default, since
the development machine is shared and wall-clock time there mostly measures
the other processes; `--metric wall` uses wall-clock time. Both are in the JSON.

Peak RSS: the kernel charges a child with its parent's peak from before exec,
so wait4's ru_maxrss for a child of this runner can never be lower than the
runner's own size. The program is therefore started through GNU time
(/usr/bin/time, Debian package `time`), a small process whose wait4 reports
the real peak; without it the runner falls back to its own wait4 value (a
lower bound of the runner's size, flagged in the output).

Each program prints a checksum. Every run's stdout is compared with CPython's;
a difference is reported as WRONG (never as a time, never in a mean). A crash,
a non-zero exit or a timeout is reported as FAILED with the error's line
(the exception line of a traceback, or the panic message). Children run
without the caller's PYTHON* environment variables.

Usage:
    python3 bench/run.py [--reps N] [--taipan PATH] [--json FILE] [--only NAMES]
                         [--metric cpu|wall] [--no-pypy] [--timeout SECONDS]
                         [--extra-taipan-args "-X ..."] [--list]
NAMES is a comma-separated list of benchmark names and/or category names.
"""

import argparse
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CATEGORIES = ("micro", "programs", "memory", "startup")
STARTUP_CASES = {"pass": "pass", "import_unittest": "import unittest"}
STARTUP_REF = "cpython -I -S"
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
# Children run without PYTHON* variables (PYTHONUNBUFFERED, PYTHONPATH, ...), so
# every implementation starts the same way whatever the caller's shell has set.
CHILD_ENV = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}


# ---------------------------------------------------------------- discovery

def find_cpython():
    for name in ("python3.11", "python3"):
        path = shutil.which(name)
        if not path:
            continue
        out = subprocess.run([path, "-c", "import sys; print(sys.version_info[:2] == (3, 11))"],
                             capture_output=True, text=True)
        if out.stdout.strip() == "True":
            return path
    return None


def find_taipan(explicit):
    if explicit:
        return explicit if Path(explicit).exists() else None
    candidates = []
    if os.environ.get("CARGO_TARGET_DIR"):
        candidates.append(Path(os.environ["CARGO_TARGET_DIR"]) / "release/taipan")
    candidates += [ROOT / "target/release/taipan"]
    for cand in candidates:
        if cand.exists():
            return str(cand)
    return None


def discover(only):
    """[(name, category, path or startup code)] in table order, filtered by --only."""
    found = []
    for cat in ("micro", "programs", "memory"):
        for path in sorted((HERE / cat).glob("*.py")):
            found.append((path.stem, cat, path))
    for name, code in STARTUP_CASES.items():
        found.append((name, "startup", code))
    if only:
        wanted = {w.strip() for w in only.split(",") if w.strip()}
        known = {n for n, _, _ in found} | set(CATEGORIES)
        unknown = wanted - known
        if unknown:
            sys.exit(f"unknown benchmark or category: {', '.join(sorted(unknown))}")
        found = [b for b in found if b[0] in wanted or b[1] in wanted]
    return found


# ---------------------------------------------------------------- running

def run_once(cmd, timeout, cwd, measure_rss=True):
    """Runs cmd once. Returns wall and CPU seconds, peak RSS (KiB), exit code, output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as rss_file:
        full = list(cmd)
        wrapped = measure_rss and GNU_TIME is not None
        if wrapped:
            full = [GNU_TIME, "-f", "%M", "-o", rss_file.name] + full
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                    cwd=cwd, env=CHILD_ENV)
        except OSError as e:
            return {"wall": 0.0, "cpu": 0.0, "rss_kb": None, "code": None, "stdout": "",
                    "stderr": f"cannot start: {e}", "timed_out": False}
        timed_out = []

        def kill():
            timed_out.append(True)
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 already
        rss_kb = usage.ru_maxrss
        code = proc.returncode
        if wrapped:
            # GNU time writes "Command exited with non-zero status N" / "Command
            # terminated by signal N" before the %M line; the peak is the last line.
            lines = rss_file.read().strip().splitlines()
            try:
                rss_kb = int(lines[-1])
            except (ValueError, IndexError):
                rss_kb = None
            for line in lines:
                if line.startswith("Command terminated by signal"):
                    code = -int(line.split()[-1])
        out.seek(0)
        err.seek(0)
        return {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_kb": rss_kb,
            "code": code,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
            "timed_out": bool(timed_out),
        }


def error_line(run, timeout):
    """One line saying why a run failed: the exception of a traceback, a panic, a signal."""
    if run["timed_out"]:
        return f"timeout after {timeout:g} s"
    lines = [ln.strip() for ln in run["stderr"].splitlines() if ln.strip()]
    status = f"exit {run['code']}" if run["code"] is None or run["code"] >= 0 \
        else f"signal {-run['code']}"
    for ln in lines:
        if "panicked at" in ln:
            i = lines.index(ln)
            msg = lines[i + 1] if i + 1 < len(lines) and not lines[i + 1].startswith("note:") else ""
            return f"{status}: {ln} {msg}".strip()[:300]
    if any(ln.startswith("Traceback (most recent call last)") for ln in lines):
        return f"{status}: {lines[-1]}"[:300]
    if lines:
        return f"{status}: {lines[0]}"[:300]
    return f"{status}, nothing on stderr"


def first_difference(got, want):
    g, w = got.splitlines(), want.splitlines()
    for i in range(max(len(g), len(w))):
        a = g[i] if i < len(g) else "<missing>"
        b = w[i] if i < len(w) else "<missing>"
        if a != b:
            return f"line {i + 1}: got {a[:100]!r}, CPython {b[:100]!r}"
    return "outputs differ"


class Cell:
    """The runs of one benchmark under one implementation."""

    def __init__(self):
        self.wall = []
        self.cpu = []
        self.rss = []
        self.error = None     # first failure: no more runs
        self.wrong = None     # output differs from CPython's
        self.stdout = None

    def add(self, run, timeout, reference):
        if run["timed_out"] or run["code"] != 0:
            self.error = error_line(run, timeout)
            return
        if self.stdout is None:
            self.stdout = run["stdout"]
        if reference is not None and run["stdout"] != reference and self.wrong is None:
            self.wrong = first_difference(run["stdout"], reference)
        self.wall.append(run["wall"])
        self.cpu.append(run["cpu"])
        if run["rss_kb"] is not None:
            self.rss.append(run["rss_kb"])

    def ok(self):
        return self.error is None and self.wrong is None and bool(self.wall)

    def median(self, metric):
        samples = self.cpu if metric == "cpu" else self.wall
        return statistics.median(samples) if samples else None

    def peak_rss(self):
        return max(self.rss) if self.rss else None


# ---------------------------------------------------------------- reporting

def fmt_time(t):
    if t is None:
        return "-"
    if t < 0.1:
        return f"{t * 1000:.1f}ms"
    return f"{t:.3f}s"


def fmt_ratio(r):
    return "-" if r is None else f"x{r:.2f}"


def geomean(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5, help="repetitions per benchmark (default 5)")
    ap.add_argument("--taipan", default=None, help="path of the taipan binary")
    ap.add_argument("--json", default=None, help="also write the results as JSON to this file")
    ap.add_argument("--only", default=None, help="comma-separated benchmark and/or category names")
    ap.add_argument("--metric", choices=("cpu", "wall"), default="cpu",
                    help="time to compare: child CPU time (default) or wall-clock time")
    ap.add_argument("--no-pypy", action="store_true", help="do not run pypy3 even if installed")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run (default 120)")
    ap.add_argument("--extra-taipan-args", default="", help="e.g. '-X stats'")
    ap.add_argument("--startup-reps", type=int, default=None,
                    help="runs per start-up case (default 4 x --reps)")
    ap.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = ap.parse_args()
    if args.reps < 1:
        ap.error("--reps must be at least 1")
    args.startup_reps = args.startup_reps or 4 * args.reps
    return args


def find_implementations(args):
    """{name: command prefix}: CPython first (the reference), then Taipan, then PyPy."""
    cpython = find_cpython()
    if not cpython:
        sys.exit("CPython 3.11 not found (python3.11 or python3)")
    impls = {"cpython": [cpython]}
    taipan = find_taipan(args.taipan)
    if taipan:
        impls["taipan"] = [taipan] + shlex.split(args.extra_taipan_args)
    else:
        print(f"note: no taipan binary ({args.taipan or 'target/release/taipan'}); "
              "build with `cargo build --release` or pass --taipan", file=sys.stderr)
    pypy = None if args.no_pypy else shutil.which("pypy3")
    if pypy:
        impls["pypy"] = [pypy]
    if not GNU_TIME:
        print("note: /usr/bin/time (GNU time) missing: peak RSS is wait4's, which cannot go "
              "below this runner's own size", file=sys.stderr)
    return impls


class Suite:
    """Runs every benchmark under every implementation and collects the cells."""

    def __init__(self, benches, impls, args):
        self.benches = benches
        self.impls = impls
        self.args = args
        # Start-up cases have one more column: CPython -I -S.
        self.columns = {name: list(impls) + ([STARTUP_REF] if cat == "startup" else [])
                        for name, cat, _ in benches}
        self.cells = {(name, impl): Cell() for name, _, _ in benches
                      for impl in self.columns[name]}
        self.reference = {}  # CPython's stdout per benchmark
        self.load_before = self.load_after = None
        self.elapsed = None

    def command(self, cat, target, impl):
        if cat == "startup":
            base = self.impls["cpython"] + ["-I", "-S"] if impl == STARTUP_REF else self.impls[impl]
            return base + ["-c", target]
        return self.impls[impl] + [str(target)]

    def run(self):
        args = self.args
        self.load_before = os.getloadavg()
        started = time.perf_counter()
        for rep in range(args.reps):
            for name, cat, target in self.benches:
                order = self.columns[name]
                order = order[rep % len(order):] + order[:rep % len(order)]
                if cat == "startup":
                    # Spread the start-up runs evenly over the sweeps.
                    inner = args.startup_reps // args.reps + (rep < args.startup_reps % args.reps)
                else:
                    inner = 1
                for _ in range(inner):
                    for impl in order:
                        self.run_cell(name, cat, target, impl)
                progress = ", ".join(
                    f"{impl} " + ("FAILED" if self.cells[(name, impl)].error
                                  else fmt_time(self.cells[(name, impl)].median(args.metric)))
                    for impl in order)
                print(f"[{rep + 1}/{args.reps}] {cat}/{name}: {progress}", file=sys.stderr, flush=True)
        self.startup_rss()
        self.elapsed = time.perf_counter() - started
        self.load_after = os.getloadavg()

    def run_cell(self, name, cat, target, impl):
        cell = self.cells[(name, impl)]
        if cell.error:
            return  # failed once: not run again
        cwd = HERE if cat == "startup" else target.parent
        # Start-up is timed without the GNU time wrapper (its own start would
        # count); startup_rss() makes one wrapped run for the RSS.
        run = run_once(self.command(cat, target, impl), self.args.timeout, cwd,
                       measure_rss=cat != "startup")
        ref = self.reference.get(name)
        if impl == "cpython" and ref is None and run["code"] == 0:
            self.reference[name] = ref = run["stdout"]
        cell.add(run, self.args.timeout, ref)

    def startup_rss(self):
        for name, cat, target in self.benches:
            if cat != "startup":
                continue
            for impl in self.columns[name]:
                cell = self.cells[(name, impl)]
                if not cell.error:
                    run = run_once(self.command(cat, target, impl), self.args.timeout, HERE)
                    cell.rss = [run["rss_kb"]] if run["rss_kb"] is not None else []

    def results(self):
        """Everything as plain data (what --json writes and the table prints)."""
        args = self.args
        results = {
            "meta": {
                "reps": args.reps,
                "startup_reps": args.startup_reps,
                "metric": args.metric,
                "implementations": {k: " ".join(v) for k, v in self.impls.items()},
                "rss_source": "GNU time %M" if GNU_TIME else "wait4 ru_maxrss (lower bound)",
                "machine": f"{platform.machine()} {platform.system()} {platform.release()}, "
                           f"{os.cpu_count()} CPUs",
                "loadavg_before": self.load_before,
                "loadavg_after": self.load_after,
                "seconds": round(self.elapsed, 1),
                "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
            },
            "benchmarks": {},
            "geomean": {},
        }
        for name, cat, _ in self.benches:
            cp = self.cells[(name, "cpython")]
            entry = {"category": cat, "results": {}}
            for impl in self.columns[name]:
                entry["results"][impl] = cell_result(self.cells[(name, impl)], cp, args.metric)
            if cat == "startup" and "taipan" in entry["results"]:
                ref, tai = entry["results"][STARTUP_REF], entry["results"]["taipan"]
                tai["ratio_vs_isolated"] = (tai["median_s"] / ref["median_s"]
                                            if tai["status"] == "ok" and ref["status"] == "ok"
                                            and ref["median_s"] else None)
            results["benchmarks"][name] = entry
        for cat in CATEGORIES + ("all",):
            per = {}
            for impl in self.impls:
                if impl != "cpython":
                    g = category_geomean(results["benchmarks"], cat, impl)
                    if g:
                        per[impl] = g
            results["geomean"][cat] = per
        return results


def cell_result(cell, cp, metric):
    t, bt = cell.median(metric), cp.median(metric)
    r, br = cell.peak_rss(), cp.peak_rss()
    status = "failed" if cell.error else "wrong" if cell.wrong else "ok"
    comparable = status == "ok" and cp.ok()
    return {
        "status": status,
        "error": cell.error or cell.wrong,
        "median_s": t,
        "median_wall_s": cell.median("wall"),
        "median_cpu_s": cell.median("cpu"),
        "wall_s": [round(x, 4) for x in cell.wall],
        "cpu_s": [round(x, 4) for x in cell.cpu],
        "peak_rss_kb": r,
        "rss_kb": list(cell.rss),
        "ratio": t / bt if comparable and t and bt else None,
        "rss_ratio": r / br if comparable and r and br else None,
        "output": (cell.stdout or "").strip()[:300],
    }


def category_geomean(benchmarks, cat, impl):
    """Geometric means of one implementation's ratios over a category ("all" is
    every category but start-up), counting only benchmarks that ran correctly."""
    rows = [(n, e["results"][impl]) for n, e in benchmarks.items()
            if impl in e["results"]
            and (e["category"] == cat or (cat == "all" and e["category"] != "startup"))]
    if not rows:
        return None
    timed = [(x["ratio"], n) for n, x in rows if x["ratio"]]
    worst = max(timed, default=None)
    return {
        "time_ratio": geomean([r for r, _ in timed]),
        "rss_ratio": geomean([x["rss_ratio"] for _, x in rows if x["rss_ratio"]]),
        "counted": len(timed),
        "total": len(rows),
        "worst": {"benchmark": worst[1], "ratio": worst[0]} if worst else None,
    }


def main():
    args = parse_args()
    benches = discover(args.only)
    if args.list:
        for name, cat, _ in benches:
            print(f"{cat:<9} {name}")
        return
    impls = find_implementations(args)
    suite = Suite(benches, impls, args)
    suite.run()
    results = suite.results()
    print_table(results, impls)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
        print(f"\nwrote {args.json}")


def print_table(results, impls):
    others = [i for i in impls if i != "cpython"]
    meta = results["meta"]
    time_cols = ["cpython"] + [c for i in others for c in (i, "ratio")]
    rss_cols = ["cpython"] + [c for i in others for c in (i, "ratio")]
    head1 = f"{'':<10} {'':<22}" + f"{'median ' + meta['metric'] + ' time':^{9 + 17 * len(others)}}" \
        + "   " + f"{'peak RSS (MB)':^{9 + 15 * len(others)}}"
    head2 = f"{'category':<10} {'benchmark':<22}" + f"{time_cols[0]:>9}" + "".join(
        f"{c:>9}" if c != "ratio" else f"{c:>8}" for c in time_cols[1:]) + "   " + \
        f"{rss_cols[0]:>9}" + "".join(f"{c:>8}" if c != "ratio" else f"{c:>7}" for c in rss_cols[1:])
    print()
    print(head1)
    print(head2)
    rule = "-" * len(head2)
    print(rule)
    problems = []
    last_cat = None
    for name, e in results["benchmarks"].items():
        cat = e["category"]
        if last_cat is not None and cat != last_cat:
            print_geomean(results, last_cat, others)
            print(rule)
        last_cat = cat
        label = name if cat != "startup" else f"-c '{STARTUP_CASES[name]}'"
        print(row_text(cat, label, e["results"], others))
        if cat == "startup" and STARTUP_REF in e["results"]:
            # Only Taipan is compared with CPython's fastest start; other columns blank.
            ref = {impl: None for impl in others}
            ref["cpython"] = e["results"][STARTUP_REF]
            tai = e["results"].get("taipan")
            if tai is not None:
                ref["taipan"] = dict(tai, ratio=tai.get("ratio_vs_isolated"), rss_ratio=None)
            print(row_text("", "  vs cpython -I -S", ref, others))
        for impl, x in e["results"].items():
            if x["status"] != "ok":
                problems.append((x["status"], f"{cat}/{name} [{impl}]: {x['error']}"))
    if last_cat is not None:
        print_geomean(results, last_cat, others)
    print(rule)
    for impl in others:
        g = results["geomean"].get("all", {}).get(impl)
        if g:
            worst = g["worst"]
            print(f"{impl}: geometric mean over micro+programs+memory {fmt_ratio(g['time_ratio'])} "
                  f"time ({g['counted']} of {g['total']} correct), {fmt_ratio(g['rss_ratio'])} peak RSS"
                  + (f"; slowest {worst['benchmark']} {fmt_ratio(worst['ratio'])}" if worst else ""))
    print(f"times: median of {meta['reps']} runs ({meta['startup_reps']} for start-up), "
          f"{'CPU (user+sys)' if meta['metric'] == 'cpu' else 'wall-clock'} seconds; "
          f"ratio = implementation / CPython 3.11 (<1 is faster); RSS: {meta['rss_source']}")
    print(f"machine: {meta['machine']}; load average {meta['loadavg_before'][0]:.1f} before, "
          f"{meta['loadavg_after'][0]:.1f} after; {meta['seconds']} s in all")
    wrong = [p for s, p in problems if s == "wrong"]
    failed = [p for s, p in problems if s == "failed"]
    if wrong:
        print()
        print("!" * 72)
        print(f"!!! WRONG OUTPUT ({len(wrong)}): these results differ from CPython's and are not timed")
        for p in wrong:
            print("!!!   " + p)
        print("!" * 72)
    if failed:
        print()
        print(f"FAILED ({len(failed)}):")
        for p in failed:
            print("  " + p)


def row_text(cat, label, res, others):
    def tcell(x):
        if x is None:
            return "-"
        if x["status"] == "failed":
            return "FAILED"
        if x["status"] == "wrong":
            return "WRONG"
        return fmt_time(x["median_s"])

    def rcell(x):
        if x is None or x["peak_rss_kb"] is None or x["status"] != "ok":
            return "-"
        return f"{x['peak_rss_kb'] / 1024:.1f}"

    cp = res["cpython"]
    text = f"{cat:<10} {label:<22}" + f"{tcell(cp):>9}"
    for impl in others:
        x = res.get(impl)
        text += f"{tcell(x):>9}" + f"{fmt_ratio(x and x['ratio']):>8}"
    text += "   " + f"{rcell(cp):>9}"
    for impl in others:
        x = res.get(impl)
        text += f"{rcell(x):>8}" + f"{fmt_ratio(x and x['rss_ratio']):>7}"
    return text


def print_geomean(results, cat, others):
    per = results["geomean"].get(cat, {})
    text = f"{'':<10} {'geomean':<22}" + f"{'':>9}"
    for impl in others:
        g = per.get(impl)
        text += f"{'':>9}" + f"{fmt_ratio(g and g['time_ratio']):>8}"
    text += "   " + f"{'':>9}"
    for impl in others:
        g = per.get(impl)
        text += f"{'':>8}" + f"{fmt_ratio(g and g['rss_ratio']):>7}"
    print(text)


if __name__ == "__main__":
    main()
