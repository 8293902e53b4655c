# args: -W error {file}
# With -W error the compile-time warnings become SyntaxErrors with CPython's
# message and location; sys.warnoptions holds the option.
import sys
print(sys.warnoptions)
cases = [
    "x = 1 is 1",
    "x = 'a' is not ()",
    "def f():\n    return x is -1",
    "x = (1, 2)(3)",
    "x = [1, 2](3)",
    "x = {1: 2}[3]",
    "x = 'abc'[1.5]",
    "x = (1, 2)[1, 2]",
    "x = [1][None]",
    "assert (x, 'msg')",
    "assert ()",
    "x = 1if 1 else 2",
    "x = 0x1for x in y",
    "x = '\\d'",
    "x = b'\\q'",
    "x = '\\400'",
    "x = f'{1}\\w'",
    "x = 'ok\\n'",
    "x = 1 == 1",
    "x = None is None",
    "x = ... is ...",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, e.args)
