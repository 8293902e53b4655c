# compile(): __future__ inheritance, dont_inherit, flags, PathLike filenames.
from __future__ import annotations
import ast

ns = {}
exec(compile("def f(x: int) -> str: pass", "<s>", "exec"), ns)
print(ns["f"].__annotations__)
exec(compile("def f(x: int) -> str: pass", "<s>", "exec", dont_inherit=True), ns)
print(ns["f"].__annotations__)
exec(compile("def f(x: int) -> str: pass", "<s>", "exec", 0, True), ns)
print(ns["f"].__annotations__)
exec(compile(ast.parse("def g(y: list) -> None: pass"), "<s>", "exec"), ns)
print(ns["g"].__annotations__)
exec(compile("def h(z: set): pass", "<s>", "exec", 0x1000000, True), ns)
print(ns["h"].__annotations__)

class P:
    def __fspath__(self):
        return "pathlike.py"
print(compile("x = 1", P(), "exec").co_filename)
print(compile("x = 1", b"bytes.py", "exec").co_filename)
try:
    compile("1/", P(), "exec")
except SyntaxError as e:
    print(e.filename, e.msg)
for bad in [5, None]:
    try:
        compile("x", bad, "exec")
    except TypeError as e:
        print(e)
for flags in [ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS | ast.PyCF_ONLY_AST, 0x200, 0x4000]:
    r = compile("x = 1\n", "<f>", "exec", flags)
    print(type(r).__name__)
for opt in [-1, 0, 1, 2]:
    c = compile("assert False, 'boom'\n", "<o>", "exec", optimize=opt)
    try:
        exec(c)
        print(opt, "no assert")
    except AssertionError as e:
        print(opt, "assert", e)
try:
    compile("x", "<s>", "exec", optimize=3)
except ValueError as e:
    print(e)
print(ast.dump(ast.parse("x", "<s>", "single")))
class Q:
    def __fspath__(self):
        return 5
try:
    compile("x", Q(), "exec")
except TypeError as e:
    print(e)
