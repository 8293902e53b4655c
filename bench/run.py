#!/usr/bin/env python3
"""Side-by-side benchmark runner: Taipan vs CPython 3.11 (vs PyPy if installed).

Every benchmark in bench/programs/ is run N times (default 5) by every
implementation, interleaved (rep 1 of each implementation, then rep 2, ...) so
that machine noise hits all of them alike. Reported per benchmark and
implementation: median wall time, ratio to CPython (lower is faster), and peak
RSS (GNU time's %M when /usr/bin/time exists, else ru_maxrss from wait4,
which cannot go below this runner's own size). Start-up time is measured with
`-c pass` (and `-I -S -c pass` for CPython). Each benchmark prints a checksum;
outputs are compared with CPython's and mismatches are flagged (a wrong answer
fast is not a result). The geometric mean of the ratios is over benchmarks that
ran correctly.

Usage:
    python3 bench/run.py [--reps N] [--taipan PATH] [--json out.json] [--only NAME,...]
                         [--no-pypy] [--timeout SECONDS] [--extra-taipan-args "-X ..."]
"""

import argparse
import json
import math
import os
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
PROGRAMS = HERE / "programs"


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


# Peak RSS: the kernel counts a child's memory from before its exec too, so
# wait4() on a child forked from this (Python, ~15 MB) process can never report
# less than our own size. GNU time forks from a tiny process, so its %M is the
# real peak of the program; use it when installed (Debian package `time`).
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(cmd, timeout, cwd, measure_rss=True):
    """Runs cmd; returns dict(wall, rss_kb, code, stdout, stderr, timed_out)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as rss_file:
        full = cmd
        if measure_rss and GNU_TIME:
            full = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file.name] + cmd
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd)
        timed_out = []
        timer = threading.Timer(timeout, lambda: (timed_out.append(True), proc.kill()))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
        rss_kb = usage.ru_maxrss
        if measure_rss and GNU_TIME:
            try:
                rss_kb = int(rss_file.read().strip().splitlines()[-1])
            except (ValueError, IndexError):
                pass
        out.seek(0)
        err.seek(0)
        return {
            "wall": wall,
            "rss_kb": rss_kb,
            "code": proc.returncode,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
            "timed_out": bool(timed_out),
        }


def fmt_time(t):
    if t is None:
        return "-"
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.3f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--taipan", default=None, help="path of the taipan binary")
    ap.add_argument("--json", default=None, help="write results as JSON to this file")
    ap.add_argument("--only", default=None, help="comma-separated benchmark names")
    ap.add_argument("--no-pypy", action="store_true")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--extra-taipan-args", default="", help="e.g. '-X jit=off'")
    args = ap.parse_args()

    impls = {}
    cpython = find_cpython()
    if not cpython:
        sys.exit("CPython 3.11 not found (python3.11 or python3)")
    impls["cpython"] = [cpython]
    taipan = args.taipan
    if taipan is None:
        for cand in (ROOT / "target/release/taipan", ROOT / "target/debug/taipan"):
            if cand.exists():
                taipan = str(cand)
                break
    if taipan and Path(taipan).exists():
        impls["taipan"] = [taipan] + shlex.split(args.extra_taipan_args)
    else:
        print("note: no taipan binary found (build with `cargo build --release`); timing CPython only")
    pypy = None if args.no_pypy else shutil.which("pypy3")
    if pypy:
        impls["pypy"] = [pypy]

    benches = sorted(p.stem for p in PROGRAMS.glob("*.py"))
    if args.only:
        wanted = set(args.only.split(","))
        benches = [b for b in benches if b in wanted]

    # Start-up: `-c pass`, plus CPython's own fastest start (-I -S).
    startup_cmds = {name: cmd + ["-c", "pass"] for name, cmd in impls.items()}
    startup_cmds["cpython -I -S"] = impls["cpython"] + ["-I", "-S", "-c", "pass"]
    results = {"reps": args.reps, "implementations": {k: " ".join(v) for k, v in impls.items()},
               "startup": {}, "benchmarks": {}}
    startup_samples = {k: [] for k in startup_cmds}
    # Timed without the GNU time wrapper (its own start-up would dominate);
    # the peak RSS comes from one extra wrapped run.
    for _ in range(args.reps * 3):
        for name, cmd in startup_cmds.items():
            r = run_once(cmd, args.timeout, ROOT, measure_rss=False)
            if r["code"] == 0:
                startup_samples[name].append(r["wall"])
    for name, samples in startup_samples.items():
        rss = run_once(startup_cmds[name], args.timeout, ROOT)["rss_kb"] if samples else None
        results["startup"][name] = {
            "median_s": statistics.median(samples) if samples else None,
            "peak_rss_kb": rss,
            "ok": bool(samples),
        }

    for bench in benches:
        path = PROGRAMS / f"{bench}.py"
        samples = {k: [] for k in impls}
        outputs = {}
        errors = {}
        for _ in range(args.reps):
            for name, cmd in impls.items():
                if name in errors:
                    continue
                r = run_once(cmd + [str(path)], args.timeout, PROGRAMS)
                if r["timed_out"] or r["code"] != 0:
                    why = "timeout" if r["timed_out"] else f"exit {r['code']}"
                    last = r["stderr"].strip().splitlines()[-1:] or [""]
                    errors[name] = f"{why}: {last[0][:120]}"
                    continue
                samples[name].append((r["wall"], r["rss_kb"]))
                outputs.setdefault(name, r["stdout"])
        entry = {}
        ref = outputs.get("cpython")
        for name in impls:
            s = samples[name]
            entry[name] = {
                "median_s": statistics.median(x[0] for x in s) if s else None,
                "peak_rss_kb": max(x[1] for x in s) if s else None,
                "error": errors.get(name),
                "output_matches": (outputs.get(name) == ref) if name in outputs else None,
                "output": outputs.get(name, "").strip()[:200],
            }
        results["benchmarks"][bench] = entry

    # Ratios and geometric means (only correct runs count).
    cp = lambda b: results["benchmarks"][b]["cpython"]["median_s"]
    geo = {}
    for name in impls:
        logs = []
        for b in benches:
            e = results["benchmarks"][b][name]
            if e["median_s"] and cp(b) and e["output_matches"]:
                e["ratio"] = e["median_s"] / cp(b)
                logs.append(math.log(e["ratio"]))
            else:
                e["ratio"] = None
        geo[name] = math.exp(sum(logs) / len(logs)) if logs else None
    results["geomean_ratio"] = geo

    # The table.
    names = list(impls)
    header = f"{'benchmark':<16}" + "".join(f"{n:>26}" for n in names)
    print(header)
    print("-" * len(header))
    for b in benches:
        row = f"{b:<16}"
        for n in names:
            e = results["benchmarks"][b][n]
            if e["error"]:
                cell = "FAILED"
            elif e["median_s"] is None:
                cell = "-"
            else:
                cell = fmt_time(e["median_s"])
                if n != "cpython" and e["ratio"] is not None:
                    cell += f" x{e['ratio']:.2f}"
                if e["output_matches"] is False:
                    cell += " WRONG"
                cell += f" {e['peak_rss_kb'] / 1024:.0f}M"
            row += f"{cell:>26}"
        print(row)
    print("-" * len(header))
    print(f"{'geomean ratio':<16}" + "".join(
        f"{('x%.2f' % geo[n]) if geo[n] else '-':>26}" for n in names))
    print("(cells: median wall time, ratio to CPython (<1 is faster), peak RSS)")
    print()
    print("start-up (-c pass):")
    for name, s in results["startup"].items():
        rss = f"{s['peak_rss_kb'] / 1024:.1f} MB" if s["peak_rss_kb"] else "-"
        print(f"  {name:<16} {fmt_time(s['median_s']) if s['ok'] else 'FAILED':>12}  peak RSS {rss}")
    problems = []
    for b in benches:
        for n in names:
            e = results["benchmarks"][b][n]
            if e["error"]:
                problems.append(f"{b} [{n}]: {e['error']}")
            elif e["output_matches"] is False:
                problems.append(f"{b} [{n}]: output differs from CPython: {e['output']!r}")
    if problems:
        print()
        print("problems:")
        for p in problems:
            print("  " + p)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
