#!/usr/bin/env python3
"""Regenerate the golden outputs of the differential snippets with CPython 3.11.7.

For every tests/snippets/AREA/NAME.py this runs CPython exactly the way the Rust
harness (crates/cli/tests/differential.rs) runs taipan -- current directory
tests/snippets/AREA, the relative file name as argument, header directives
applied (see tests/README.md) -- and writes next to the snippet:

    NAME.out   stdout (always written, may be empty)
    NAME.err   stderr (only when non-empty)
    NAME.code  exit status (only when non-zero)

The snippet's absolute directory is replaced by "$DIR/" in both streams, as the
harness does, because CPython prints absolute script paths in tracebacks.

Every snippet is run twice, with PYTHONHASHSEED=1 and =2: if the two runs
differ, the snippet is not deterministic (it depends on str hashing, e.g. set
iteration order) and this script fails instead of writing a golden.

Usage:
    python3 tests/regen_goldens.py            # regenerate all
    python3 tests/regen_goldens.py syntax/    # only snippets whose path contains this
    python3 tests/regen_goldens.py --check    # verify committed goldens, write nothing
"""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
SNIPPETS = HERE / "snippets"
DIR_PLACEHOLDER = "$DIR/"
DEFAULT_TIMEOUT = 10


def split_words(text):
    """Header word splitter; a copy of split_words() in differential.rs."""
    words, cur, in_word = [], [], False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        i += 1
        if c.isspace():
            if in_word:
                words.append("".join(cur))
                cur, in_word = [], False
        elif c == "'":
            in_word = True
            j = text.find("'", i)
            if j < 0:
                raise ValueError("unterminated '")
            cur.append(text[i:j])
            i = j + 1
        elif c == '"':
            in_word = True
            while True:
                if i >= n:
                    raise ValueError('unterminated "')
                ch = text[i]
                i += 1
                if ch == '"':
                    break
                if ch == "\\":
                    if i >= n:
                        raise ValueError('unterminated "')
                    nxt = text[i]
                    i += 1
                    if nxt in '"\\':
                        cur.append(nxt)
                    elif nxt in "nt":
                        cur.append("\n" if nxt == "n" else "\t")
                    else:
                        cur.append("\\" + nxt)
                else:
                    cur.append(ch)
        elif c == "\\":
            in_word = True
            if i >= n:
                raise ValueError("trailing backslash")
            cur.append(text[i])
            i += 1
        else:
            in_word = True
            cur.append(c)
    if in_word:
        words.append("".join(cur))
    return words


def unescape_stdin(text):
    out, i = [], 0
    while i < len(text):
        c = text[i]
        i += 1
        if c != "\\":
            out.append(c)
            continue
        if i >= len(text):
            out.append("\\")
            break
        nxt = text[i]
        i += 1
        out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(nxt, "\\" + nxt))
    return "".join(out)


def parse_header(source):
    header = {"args": None, "stdin": None, "timeout": None}
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        rest = line[1:].lstrip()
        if ":" not in rest:
            continue
        key, value = rest.split(":", 1)
        if value.startswith(" "):
            value = value[1:]
        key = key.strip()
        if key == "args":
            header["args"] = split_words(value)
        elif key == "stdin":
            header["stdin"] = (header["stdin"] or "") + unescape_stdin(value) + "\n"
        elif key == "timeout":
            header["timeout"] = int(value.strip())
        # "taipan-args" applies to taipan only.
    return header


def child_env(seed):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["LC_ALL"] = "C.UTF-8"
    env["PYTHONHASHSEED"] = str(seed)
    return env


def run(path, seed):
    header = parse_header(path.read_text(encoding="utf-8", errors="replace"))
    args = header["args"]
    if args is None:
        args = [path.name]
    else:
        args = [a.replace("{file}", path.name) for a in args]
    stdin = header["stdin"]
    proc = subprocess.run(
        [sys.executable] + args,
        cwd=path.parent,
        env=child_env(seed),
        input=stdin.encode() if stdin is not None else None,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=header["timeout"] or DEFAULT_TIMEOUT,
    )
    prefix = (str(path.parent.resolve()) + "/").encode()
    out = proc.stdout.replace(prefix, DIR_PLACEHOLDER.encode())
    err = proc.stderr.replace(prefix, DIR_PLACEHOLDER.encode())
    return out, err, proc.returncode


def golden_files(path, result):
    out, err, code = result
    stem = path.with_suffix("")
    return {
        stem.with_suffix(".out"): out,
        stem.with_suffix(".err"): err if err else None,
        stem.with_suffix(".code"): f"{code}\n".encode() if code else None,
    }


def process(path, check):
    rel = path.relative_to(SNIPPETS).as_posix()
    try:
        first = run(path, 1)
        second = run(path, 2)
    except subprocess.TimeoutExpired:
        return rel, ["timed out under CPython"]
    if first != second:
        return rel, ["not deterministic (output depends on PYTHONHASHSEED)"]
    if first[2] < 0:
        return rel, [f"CPython died of signal {-first[2]}"]
    problems = []
    for file, data in golden_files(path, first).items():
        current = file.read_bytes() if file.exists() else None
        if current == data:
            continue
        if check:
            problems.append(f"{file.name} is out of date")
        elif data is None:
            file.unlink()
        else:
            file.write_bytes(data)
    return rel, problems


def main():
    if sys.implementation.name != "cpython" or sys.version_info[:3] != (3, 11, 7):
        sys.exit(f"regen_goldens.py needs CPython 3.11.7, this is {sys.version}")
    argv = sys.argv[1:]
    check = "--check" in argv
    filters = [a for a in argv if a != "--check"]
    paths = sorted(SNIPPETS.glob("*/*.py"))
    if filters:
        paths = [p for p in paths if any(f in p.relative_to(SNIPPETS).as_posix() for f in filters)]
    if not paths:
        sys.exit("no snippets matched")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda p: process(p, check), paths))
    bad = [(rel, probs) for rel, probs in results if probs]
    for rel, probs in bad:
        for p in probs:
            print(f"{rel}: {p}")
    verb = "checked" if check else "regenerated"
    print(f"goldens: {verb} {len(paths) - len(bad)} snippets, {len(bad)} with problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
