"""Compares Taipan's parser with CPython 3.11's for the eval, single and
func_type start rules (ast.dump with attributes, or the SyntaxError).

Usage: python3 tests/parser/compare_modes.py [--astdump PATH]
"""
import sys
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from compare_lib import find_astdump  # noqa: E402
EXE = sys.argv[sys.argv.index("--astdump") + 1] if "--astdump" in sys.argv else find_astdump()
import ast, subprocess, os, tempfile
cases = {
 "eval": ["1", "x + 1\n", "a, b", "lambda: 1\n\n", "x if y else z", "(yield)", "a = 1", "x\ny", "", "  1", "*a, b", "f'{x}'"],
 "single": ["x = 1\n", "x = 1", "if x:\n  pass\n", "if x:\n  pass\n\n", "1; 2\n", "", "\n", "def f(): pass\n", "x = 1\ny = 2\n", "for x in y: pass\n", "@d\ndef f(): pass\n", "  x\n", "x = (\n1)\n"],
 "func_type": ["(int, str) -> bool", "() -> None", "(*int, **str) -> x", "(a) -> b\n", "int -> str", "(a, b,) -> c"],
}
d = tempfile.mkdtemp()
bad = 0
for mode, srcs in cases.items():
    for i, src in enumerate(srcs):
        p = os.path.join(d, f"{mode}{i}.py")
        open(p, "w").write(src)
        try:
            exp = ast.dump(ast.parse(src, mode=mode), include_attributes=True)
        except SyntaxError as e:
            exp = f"{type(e).__name__}: {e.msg} (line {e.lineno}, offset {e.offset})"
        out = subprocess.run([EXE, "--attrs", f"--mode={mode}", p], capture_output=True, text=True).stdout.split("\n", 1)[1].rstrip("\n")
        if out != exp:
            bad += 1
            print(mode, repr(src), "\n  cpython:", exp[:300], "\n  taipan: ", out[:300])
print(f"{sum(map(len, cases.values()))} cases, {bad} differ")
sys.exit(1 if bad else 0)
