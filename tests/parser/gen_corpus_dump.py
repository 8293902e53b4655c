"""Regenerates crates/parser/src/testdata/corpus.dump (CPython 3.11's
ast.dump(..., include_attributes=True) of corpus.py) for `cargo test`."""
import ast
import os

d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "crates", "parser", "src", "testdata")
with open(os.path.join(d, "corpus.py"), encoding="utf-8") as f:
    src = f.read()
with open(os.path.join(d, "corpus.dump"), "w", encoding="utf-8") as f:
    f.write(ast.dump(ast.parse(src), include_attributes=True) + "\n")
