# Deeply nested source code gives SyntaxError/RecursionError/MemoryError as in CPython.
sources = [
    "(" * 150 + "1" + ")" * 150,
    "(" * 201 + ")" * 201,
    "[" * 1000 + "]" * 1000,
    "-" * 100_000 + "1",
    "1" + "+1" * 100_000,
    "a." * 50_000 + "a",
    "not " * 100_000 + "x",
    "f(" * 150 + ")" * 150,
]
for src in sources:
    try:
        eval(src, {"f": lambda *a: 0, "a": None, "x": 1})
        print("ok")
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(type(e).__name__, e)
code = "if True:\n" + "".join("    " * i + "if True:\n" for i in range(1, 90)) + "    " * 90 + "pass\n"
try:
    exec(code)
    print("deep blocks ok")
except SyntaxError as e:
    print(type(e).__name__, e)
code = "".join(" " * i + "if True:\n" for i in range(120)) + " " * 120 + "pass\n"
try:
    exec(code)
    print("deeper blocks ok")
except (SyntaxError, IndentationError, RecursionError, MemoryError) as e:
    print(type(e).__name__, e)
