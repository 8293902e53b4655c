"""Writes crates/parser/src/testdata/syntax_errors.txt: every case of
compare_errors.py with CPython 3.11's verdict, so `cargo test -p
taipan-parser` checks Taipan's SyntaxErrors without needing CPython.

Format, one case per line: hex(source) TAB verdict, where verdict is `OK` or
`class|lineno|offset|end_lineno|end_offset|msg` (a missing end_offset becomes 0).
"""
import ast
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare_errors  # noqa: E402

out = os.path.join(HERE, "..", "..", "crates", "parser", "src", "testdata", "syntax_errors.txt")
os.makedirs(os.path.dirname(out), exist_ok=True)
lines = []
seen = set()
for src in compare_errors.CASES:
    if src in seen:
        continue
    seen.add(src)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(src)
            verdict = "OK"
        except SyntaxError as e:
            verdict = "|".join([type(e).__name__, str(e.lineno), str(e.offset), str(e.end_lineno or 0),
                                str(e.end_offset if e.end_offset is not None else 0), e.msg])
        except Exception as e:  # noqa: BLE001
            verdict = type(e).__name__
    lines.append(src.encode("utf-8").hex() + "\t" + verdict)
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(len(lines), "cases written to", os.path.relpath(out))
