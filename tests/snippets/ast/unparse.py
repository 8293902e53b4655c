# ast.unparse round trips: parse(unparse(parse(s))) has the same dump.
import ast

SOURCES = [
    "x = (1 + 2) * 3 ** -4 // 5 % 6 @ m",
    "a = b if c else (d if e else f)",
    "f(*args, key=1, **kw)",
    "lambda a, b=2, *c, d, e=5, **f: a",
    "def g(a, b, /, c, *, d):\n    '''Doc'''\n    nonlocal_ = 1\n    return a",
    "@dec\n@dec2(1)\nclass K(Base, metaclass=Meta):\n    x: int\n    y: 'str' = 'a'\n    def m(self) -> int: ...",
    "for (a, b) in c:\n    pass\nelse:\n    pass",
    "while x:\n    if y:\n        break\n    elif z:\n        continue\n    else:\n        pass",
    "with a as (b, c), d:\n    pass",
    "try:\n    1/0\nexcept ZeroDivisionError as e:\n    raise ValueError('x') from e\nfinally:\n    print()",
    "x = [i * j for i in range(3) for j in range(i) if j]",
    "y = {k: v for (k, v) in items}",
    "z = f'{a!r} {b:>10} {c=} {{literal}}'",
    "s = 'it\\'s' + \"quote\\\"\" + '''tri\nple'''",
    "async def h():\n    async for x in y:\n        await z\n    return [i async for i in w]",
    "match cmd:\n    case ['go', direction]:\n        pass\n    case {'k': 1, **rest}:\n        pass\n    case Point(x=0) | Point(y=0):\n        pass\n    case _:\n        pass",
    "del a[0], b.c",
    "assert isinstance(x, int), 'not int'",
    "print(*(yield x))" if False else "def gen():\n    x = yield\n    yield from range(3)",
    "a = not (b and c or d)",
    "t = 1,",
    "u = (1, 2)[::-1]",
    "v = -(-x) + +y - ~z",
    "w = x if (y := 10) else 0",
    "import os.path as p, sys\nfrom . import x\nfrom .. mod import (a as b)",
    "global g\ng = 1e100 + 1j + 0xff",
]
for s in SOURCES:
    t = ast.parse(s)
    u = ast.unparse(t)
    print(u)
    print("---", ast.dump(ast.parse(u)) == ast.dump(t))
print(ast.unparse(ast.BinOp(ast.Constant(1), ast.Add(), ast.BinOp(ast.Constant(2), ast.Mult(), ast.Constant(3)))))
print(ast.unparse(ast.parse("x + y", mode="eval")))
