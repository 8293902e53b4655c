"""Checks Taipan's SyntaxError messages and locations against CPython 3.11
for a list of common mistakes.  Prints each case whose (class, msg, line,
offset) differs; exits non-zero if any does.

Usage: python3 tests/parser/compare_errors.py [--astdump PATH]
"""
import ast
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_lib import find_astdump  # noqa: E402

CASES = [
    "f() = 1", "x = f() = 1", "if f() = 1: pass", "1 = x", "(a, 1) = 2", "a + 1 += 1", "  x",
    "if x:\npass", "def f(:\n pass", 'print "x"', "f(a b)", "f(a, b", "x = (1,\n2", "x = [1, 2)",
    "a = 1 $ 2", 'x = "abc', 'x = """ab\n\nc', "x = 1_", "x = 0777", "x = 1abc", "x = 0x", "a€b = 1",
    "a\u00a0= 1", 'f"{x"', "if x:\n  a\n b", "if x:\n\ta\n        b", "def f(a=1, b): pass",
    "f(a=1, b)", "x = (", "for x in y", "class A\n  pass", "x = 1 +", "x = yield = 3", "(", ")", "]",
    "x = {1: 2, 3}", "del f()", "del 1", "for 1 in x: pass", "with a as 1: pass", "lambda x=1, y: x",
    "f(**k, *a)", "f(**k, a)", "import", "from x import", "from x import (a, b", "def f(*): pass",
    "def f(a, a): pass", "x += 1, 2 = 3", "a, b += 1", "[x for x in]", "f(x for x in y, 1)",
    "if x\n  pass", "while x\n  pass", "def f()\n  pass", "try:\n  pass\n", "try:\n  x\nexcept:\npass",
    "x = 5 if 3", "None = 1", "True = 1", "x.y: int, z = 1", "(a, b): int", "f'{}'", "f'{a!x}'",
    "f'}'", "f'{a b}'", "'\\x1'", "b'\u00e9'", "'a' b'b'", "x = 1 2", "x = a b c", "print x",
    "nonlocal x", "def f():\n    return\n  x", "\tif x:\n        pass", "if 1:\n  x\n    y",
    "a @= ", "x = *a", "*a = 1", "del *a", "x: int = *a", "print(a, b c)", "f(a for a in b for)",
    "class A(x for x in y): pass", "match x:\n case 1:\n  pass\n case _ if:\n  pass", "await = 1",
    "x = 0b2", "x = 0o", "x = 1e", "x = 1.2.3", "x = 09", "x = 1__0", "'''abc", "x = '\\N{nope}'",
    "def f(**k, a): pass", "def f(a, /, /): pass", "def f(/): pass", "def f(*a=1): pass",
    "class C:\ndef f(): pass", "if True:\n    x = 1\n   y = 2", "x = (1 for 1 in y)", "a if b",
    "yield x = 1", "f(*)", "f(a=)", "{**}", "[*]", "x = [1,\n2,\n3", "x = \\ 1", "x = 1 \\\n",
    "import a.b as", "from . import *, a", "global x y", "assert", "raise from e", "return *a",
    "def f[T](): pass", "x = 1 if 2 else", "a < b > ", "not", "x = {", "'a' 'b' f'{'",
]


def cpython(src):
    try:
        ast.parse(src, "e.py")
    except SyntaxError as e:
        return f"{type(e).__name__}: {e.msg} (line {e.lineno}, offset {e.offset})"
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}"
    return None


def main():
    exe = sys.argv[sys.argv.index("--astdump") + 1] if "--astdump" in sys.argv else find_astdump()
    d = tempfile.mkdtemp()
    paths = []
    for i, src in enumerate(CASES):
        p = os.path.join(d, f"c{i}.py")
        with open(p, "w", encoding="utf-8") as f:
            f.write(src)
        paths.append(p)
    out = subprocess.run([exe, *paths], capture_output=True, text=True).stdout
    got = {}
    cur = None
    for line in out.split("\n"):
        if line.startswith("==> "):
            cur = line[4:]
        elif cur is not None and cur not in got:
            got[cur] = line
    bad = 0
    for p, src in zip(paths, CASES):
        exp = cpython(src)
        g = got.get(p, "")
        if exp is None:
            exp_s = "ok"
            g_s = "ok" if g.startswith("Module(") else g
        else:
            exp_s, g_s = exp, g
        if exp_s != g_s:
            bad += 1
            print(f"{src!r}\n    cpython: {exp_s}\n    taipan:  {g_s}")
    print(f"{len(CASES)} cases, {len(CASES) - bad} match, {bad} differ")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
