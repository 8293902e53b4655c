"""Checks Taipan's SyntaxError messages and locations against CPython 3.11
for a list of common mistakes.  Prints each case whose (class, msg, line,
offset) differs; exits non-zero if any does.

Usage: python3 tests/parser/compare_errors.py [--astdump PATH] [--full]
(--full also compares end positions and the reported text line.)
"""
import ast
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
FULL = "--full" in sys.argv
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

# The snippet suite's cases (tests/snippets/syntax/syntax_error_messages_parser.py,
# tests/snippets/robustness/malformed_source.py) and more invalid_* rules.
CASES += [
    "x = (1, 2", "if x = 1:\n    pass", "x = 5 6", "f(a for a in b, c)", "(a, b) = 1 = 2",
    "lambda x: (yield)", "class A(:\n    pass", "for x in range(3):\npass", "def f(*, **k):\n    pass",
    "x ==== y", "'abc' 'def' = 1", "match x:\n    case 1 + :\n        pass", "with open(x) as f, :\n    pass",
    "x = 0b102", "x = 5 if True else", "@\ndef f(): pass", "async = 5", "print(*)", "a[1:2:3:4]",
    "x: int, y: int = 1, 2", "\\", "x = \\\n", "(\n" * 50, "]]]", "def", "class", "lambda", "@", "if",
    "x = 1 if", "\t\tx = 1", "x = 1\n  y = 2", "f'{x!}'", "f'{x:{y:{z}}}'", "u'\\N{NO SUCH NAME}'",
    "'\\x4'", "'\\U0011ffff'", "1.e", "09", "0o8", "1 +" * 1000, "match", "match x:\n    case:\n        pass",
    "async", "await", "yield", "*a", "**a", "a := 1", "del", "global", "\x0c\x0cx = 1", "x = 1 \uff0b 2",
    "if x:\n    pass\n  else:\n    pass", "def f():\n  x = 1\n    y = 2", "x = [1, 2, 3", "foo(1, 2, 3]",
    "x = {'a': 1, 'b' 2}", "x = (1 2)", "f(x=1, x=2)", "f(1, *)", "def f(**): pass", "import a as b.c",
    "from .. import", "x = not", "x + = 1", "x = 1 = 2 = ", "for in x: pass", "with as f: pass",
    "class C(x for x in y): pass", "def f(a, *, ): pass", "def f(a, **k, b): pass", "x = a.1", "x = a.if",
    "if x:\n    pass\nelif:\n    pass", "while:\n    pass", "try:\n    pass\nexcept Exception as e.x:\n    pass",
    "try:\n    pass\nfinally:\n    pass\nexcept:\n    pass", "raise x, y", "exec 'x'", "print >> f, x",
    "a = b = c = ", "x = [i for i in range(3) if]", "{a: b for a, b in}", "x = {**a, b}", "f(a, b for b in c)",
    "nonlocal", "return", "x = True = 1", "... = 1", "f() += 1", "(yield) = 1", "[a, b] += 1", "a.b: int, c = 1",
    "lambda: (x := 1) = 2", "x = lambda a, a: 1", "def f(a: int = 1, /, b): pass", "assert x,",
    "print(f'{x!r=}')", "f'{x=!r:^20}'", "f'{3!s:}'", "f'{{}}'", "f'{x:{{}}}'", "b'a' f'b'",
    "'\\N{LATIN SMALL LETTER E WITH ACUTE}'", "x = 1_000_", "x = 0_7", "x = 0xg", "x = 1e+", "x = 1.5j.real",
    "x = 1if 1else 2", "x = 0x1for", "x = 1 if 1 else 2 if 3", "x = [*a for a in b]", "x = {**a for a in b}",
    "case = 1\nmatch = 2\n_ = 3", "match x:\n    case {**_}: pass", "match x:\n    case a.b(c=1, d): pass",
    "match x:\n    case 1 | a: pass", "match x, y:\n    case (a, b) if a > b: pass", "match x:\n    case -1j: pass",
]

# One or more cases per invalid_* rule of CPython 3.11's Grammar/python.gram.
CASES += [
    "f(**a, *b)", "f(x for x in y, z)", "f(a=x for x in y)", "f(a, x for x in y)", "f(x for x in y, )",
    "f(True=1)", "f(None=1)", "f(a.b=1)", "f(a+1=2)", "f(a=1 for x in y)", "print a, b", "exec code",
    "[a b]", "{a b}", "(a b)", "foo(a b c)", "x = (1 if 2)", "[x if y]", "if (a := 1) := 2: pass",
    "(f() := 1)", "if x = 1: pass", "while a.b = 1: pass", "if f(x) = 1: pass", "[x := 1 = 2]",
    "[a, b]: int", "(a, b): int = 1", "((a)): int", "a, b: int", "x + 1: int", "f(): int = 1",
    "[a, f()] = 1", "a, b = c, d = f() = 1", "x = yield = 1", "(yield x) = 1", "a + b += 1", "f() *= 2",
    "[a] += 1", "del a + b", "del (a, f())", "del [a, 1]", "if x:\n pass\nelse:\npass",
    "[*a for a in b]", "{*a for a in b}", "(*a for a in b)", "[a, b for a in c]", "{a, b for a in c}",
    "[a, for a in c]", "{**a for a in b}", "def f(a=1, b): pass", "def f(a, (b, c)): pass",
    "def f(/, a): pass", "def f(a, /, b, /): pass", "def f(a, *, b, /): pass", "def f(a=1, /*): pass",
    "def f(a=): pass", "def f(a, b=): pass", "def f(*): pass", "def f(*, **a): pass", "def f(*a=1): pass",
    "def f(*a, *b): pass", "def f(*, a, *b): pass", "def f(**a=1): pass", "def f(**a, b): pass",
    "def f(**a, *b): pass", "def f(**a, /): pass", "lambda a=1, b: 0", "lambda a, (b, c): 0", "lambda /, a: 0",
    "lambda a, /, b, /: 0", "lambda a, *, b, /: 0", "lambda a=1, /*: 0", "lambda *: 0", "lambda *, **a: 0",
    "lambda *a=1: 0", "lambda *a, *b: 0", "lambda **a=1: 0", "lambda **a, b: 0", "lambda **a, *b: 0",
    "with a as f(): pass", "with a as (b, 1): pass", "for f() in x: pass", "for a, 1 in x: pass",
    "async for f() in x: pass", "(*a)", "(**a)", "from a import b,", "from a import b, c,",
    "with a\n pass", "with (a, b)\n pass", "with a:\npass", "with (a as b):\npass", "try:\npass",
    "try:\n pass\nexcept:\n pass\nexcept* E:\n pass", "try:\n pass\nexcept* E:\n pass\nexcept:\n pass",
    "try:\n pass\nexcept E, F:\n pass", "try:\n pass\nexcept E, F as g:\n pass", "try:\n pass\nexcept E\n pass",
    "try:\n pass\nexcept\n pass", "try:\n pass\nexcept*:\n pass", "try:\n pass\nexcept *\n pass",
    "try:\n pass\nfinally:\npass", "try:\n pass\nexcept E:\npass", "try:\n pass\nexcept:\npass",
    "try:\n pass\nexcept* E:\npass", "match x\n case 1: pass", "match x:\ncase 1: pass",
    "match x:\n case 1\n  pass", "match x:\n case 1:\n pass", "match x:\n case 1 as _: pass",
    "match x:\n case 1 as a.b: pass", "match x:\n case 1 as (a): pass", "match x:\n case C(a=1, b): pass",
    "match x:\n case C(1, a=1, 2, 3): pass", "if x\n pass", "if x:\npass", "if x:\n pass\nelif y\n pass",
    "if x:\n pass\nelif y:\npass", "if x:\n pass\nelse:\npass", "while x\n pass", "while x:\npass",
    "for x in y\n pass", "for x in y:\npass", "async for x in y\n pass", "def f()\n pass", "def f():\npass",
    "async def f():\npass", "class A\n pass", "class A(B)\n pass", "class A:\npass", "{1: *a}", "{1:}",
    "{1: 2, 3:}", "{1: 2, **a, 3}", "{1: 2, *a}", "x = 1 if 2 else 3 if", "a if b else",
    "a, f() = 1", "x, y = 1, 2 = 3", "a, 1 = 2", "(a, f()) = 1", "a, b = 1 = 2", "a, *b = f() = 2",
    "a, b = c + 1 = 2", "a, b = c, d e", "a, b if c else d = 1, 2 = 3", "a, c + 1 = 2", "a, [b] = 1 = 2",
]


def cpython(src):
    try:
        ast.parse(src, "e.py")
    except SyntaxError as e:
        if FULL:
            end = max(e.end_offset or 0, 0)
            text = e.text or ""
            return (f"{type(e).__name__}: {e.msg} (line {e.lineno}, offset {e.offset}, "
                    f"end {e.end_lineno or 0}:{end}, text {json.dumps(text, ensure_ascii=False)})")
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
    flags = ["--full-errors"] if FULL else []
    out = subprocess.run([exe, *flags, *paths], capture_output=True, text=True).stdout
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
