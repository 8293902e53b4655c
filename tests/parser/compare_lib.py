"""Compares Taipan's parser with CPython 3.11's on every .py file of the
standard library: ast.dump(ast.parse(src), include_attributes=True) against
`taipan-astdump --attrs`, in batches.  Prints "N files: M match, K differ,
E errors" and the first differences; exits non-zero on any mismatch.

Usage: python3 tests/parser/compare_lib.py [--astdump PATH] [--show N] [DIR_OR_FILE...]
"""
import argparse
import ast
import os
import subprocess
import sys
import sysconfig
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def find_astdump():
    env = os.environ.get("TAIPAN_ASTDUMP")
    if env:
        return env
    cands = []
    for base in [os.environ.get("CARGO_TARGET_DIR"), os.path.join(ROOT, "target")]:
        if base:
            for prof in ("release", "debug"):
                cands.append(os.path.join(base, prof, "taipan-astdump"))
    cands = [c for c in cands if os.path.exists(c)]
    if not cands:
        sys.exit("taipan-astdump not found: build it (cargo build -p taipan-parser) or set TAIPAN_ASTDUMP")
    return max(cands, key=os.path.getmtime)


def py_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for d, dirs, files in os.walk(p):
            dirs[:] = sorted(x for x in dirs if x not in ("site-packages", "__pycache__"))
            for f in sorted(files):
                if f.endswith(".py"):
                    yield os.path.join(d, f)


def cpython_dump(path):
    with open(path, "rb") as f:
        src = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(src, path)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return None
    try:
        return ast.dump(tree, include_attributes=True)
    except RecursionError:
        return None


def run_taipan(exe, files):
    out = subprocess.run([exe, "--attrs", *files], capture_output=True, text=True, errors="replace")
    if out.returncode != 0:
        return None, out.stderr[-2000:]
    res = {}
    cur = None
    for line in out.stdout.split("\n"):
        if line.startswith("==> "):
            cur = line[4:]
            res[cur] = []
        elif cur is not None:
            res[cur].append(line)
    return {k: "\n".join(v).rstrip("\n") for k, v in res.items()}, None


def first_diff(a, b):
    n = min(len(a), len(b))
    i = next((i for i in range(n) if a[i] != b[i]), n)
    lo = max(0, i - 150)
    return f"    cpython: ...{a[lo:i + 150]}\n    taipan:  ...{b[lo:i + 150]}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--astdump")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    exe = args.astdump or find_astdump()
    paths = args.paths or [sysconfig.get_paths()["stdlib"]]
    files = list(py_files(paths))
    total = match = differ = errors = skipped = 0
    shown = 0
    for i in range(0, len(files), args.batch):
        batch = files[i:i + args.batch]
        expected = {f: cpython_dump(f) for f in batch}
        got, crash = run_taipan(exe, [f for f in batch if expected[f] is not None])
        if got is None:
            # A crash: rerun one by one to find the culprit(s).
            got = {}
            for f in batch:
                if expected[f] is None:
                    continue
                g, c = run_taipan(exe, [f])
                got[f] = g.get(f, "") if g else "CRASH: " + (c or "").strip().splitlines()[-1:][0] if c else "CRASH"
        for f in batch:
            exp = expected[f]
            if exp is None:
                skipped += 1
                continue
            total += 1
            g = got.get(f)
            if g == exp:
                match += 1
                continue
            if g is None or not g.startswith("Module("):
                errors += 1
                if shown < args.show:
                    shown += 1
                    print(f"ERROR {f}: {(g or 'no output')[:300]}")
            else:
                differ += 1
                if shown < args.show:
                    shown += 1
                    print(f"DIFF  {f}\n{first_diff(exp, g)}")
    print(f"{total} files: {match} match, {differ} differ, {errors} errors ({skipped} skipped: CPython cannot parse them)")
    sys.exit(0 if match == total else 1)


if __name__ == "__main__":
    main()
