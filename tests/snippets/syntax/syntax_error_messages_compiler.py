# SyntaxError messages raised by the symbol table / compiler, via compile().
cases = [
    "return 1",
    "yield 1",
    "break",
    "continue",
    "def f():\n    x = 1\n    global x",
    "def f():\n    global x\n    nonlocal x",
    "nonlocal x",
    "def f(a):\n    global a",
    "class C:\n    nonlocal x",
    "def f():\n    nonlocal y",
    "await x",
    "def f():\n    yield from x\n    return 1\nasync def g():\n    yield from x",
    "async def f():\n    x = [y async for y in z]\ndef g():\n    return [y async for y in z]",
    "def f(*a, *b):\n    pass",
    "def f(**a, b):\n    pass",
    "from __future__ import braces",
    "from __future__ import nonexistent",
    "x = 1\nfrom __future__ import annotations",
    "def f():\n    from os import *",
    "[x for x in range(3) if (x := 1)]",
    "[i := 0 for i in range(3)]",
    "for x in range(3):\n    pass\nelse:\n    continue",
    "try:\n    pass\nexcept* (ValueError, TypeError):\n    break",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1",
    "class C:\n    [__class__ for _ in range(1)]\n    def f(self):\n        super()",
    "a = 1\ndel a, (b, c), [d]\ndel (a + 1)",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, repr(e.msg), e.lineno, e.offset)
