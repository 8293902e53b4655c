#!/usr/bin/env python3
"""Self-test of bench/run.py: runs it against a fake "taipan" that answers wrongly,
raises, panics, dies of a signal or hangs on chosen benchmarks, and checks that
every case is reported as it should be (WRONG / FAILED with the right line), that
correct runs get a ratio and that the JSON has the documented shape.

    python3 bench/selftest.py          # about 10 s; exits non-zero on a failure
"""

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

FAKE = """#!/bin/sh
# A stand-in for taipan: CPython, except on the benchmarks the self-test picks.
case "$1" in
  *int_loop.py) echo "checksum 42"; exit 0;;
  *closures.py) echo 'Traceback (most recent call last):' >&2
                echo '  File "closures.py", line 1, in <module>' >&2
                echo "NameError: name 'nonlocal_thing' is not defined" >&2; exit 1;;
  *fib_recursive.py) echo "thread 'main' panicked at crates/vm/src/x.rs:1:5:" >&2
                     echo "index out of bounds" >&2; exit 101;;
  *properties.py) kill -SEGV $$;;
  *class_attrs.py) sleep 60;;
esac
exec "{python}" "$@"
"""

EXPECT = {
    "int_loop": ("wrong", "got 'checksum 42'"),
    "closures": ("failed", "exit 1: NameError: name 'nonlocal_thing' is not defined"),
    "fib_recursive": ("failed", "panicked at crates/vm/src/x.rs:1:5: index out of bounds"),
    "properties": ("failed", "signal 11"),
    "class_attrs": ("failed", "timeout after 5 s"),
    "float_arith": ("ok", None),
    "pass": ("ok", None),
}


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        fake = Path(tmp) / "taipan"
        fake.write_text(FAKE.replace("{python}", sys.executable))
        fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
        out_json = Path(tmp) / "out.json"
        proc = subprocess.run(
            [sys.executable, str(HERE / "run.py"), "--taipan", str(fake), "--reps", "1",
             "--startup-reps", "2", "--no-pypy", "--timeout", "5", "--json", str(out_json),
             "--only", ",".join(EXPECT)],
            capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
        if proc.returncode != 0:
            print(proc.stdout, proc.stderr)
            sys.exit(f"run.py exited with {proc.returncode}")
        results = json.loads(out_json.read_text())
        table = proc.stdout
    for name, (status, text) in EXPECT.items():
        got = results["benchmarks"][name]["results"]["taipan"]
        if got["status"] != status:
            failures.append(f"{name}: status {got['status']!r}, expected {status!r}")
        if text and text not in (got["error"] or ""):
            failures.append(f"{name}: error {got['error']!r} lacks {text!r}")
        if status == "ok" and not got["ratio"]:
            failures.append(f"{name}: no ratio")
        if status != "ok" and got["ratio"] is not None:
            failures.append(f"{name}: a {status} run has a ratio")
    if "!!! WRONG OUTPUT (1)" not in table or "FAILED (4):" not in table:
        failures.append("table lacks the WRONG / FAILED blocks:\n" + table)
    cp = results["benchmarks"]["pass"]["results"]
    if "cpython -I -S" not in cp or cp["taipan"].get("ratio_vs_isolated") is None:
        failures.append("start-up lacks the CPython -I -S reference")
    g = results["geomean"]["all"]["taipan"]
    if g["counted"] != 1 or g["total"] != 6:
        failures.append(f"geomean counts {g['counted']} of {g['total']}, expected 1 of 6")
    for f in failures:
        print("FAIL", f)
    print(f"selftest: {len(EXPECT)} cases, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
