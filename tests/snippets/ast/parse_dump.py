# ast.parse and ast.dump over many node kinds; the _ast class hierarchy.
import ast
import _ast

SOURCES = [
    "x = 1",
    "a, *b = c[1:2, ::3]",
    "def f(a, /, b: int = 2, *args, c, d=4, **kw) -> None:\n    return a",
    "async def g():\n    async with a as b, c:\n        await x\n    async for i in y:\n        pass",
    "class C(B, metaclass=M):\n    '''doc'''\n    x: int = 3",
    "try:\n    pass\nexcept (E, F) as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    del a",
    "try:\n    pass\nexcept* E:\n    pass",
    "with open(f) as g:\n    yield from h",
    "lambda x, *y, z=1: (x if y else z)",
    "[i for i in range(3) if i] + {k: v for k, v in d} or {*s} and (g for g in h)",
    "f'{a!r:>{w}} and {b=}'",
    "import a.b as c\nfrom ..d import e as f, g",
    "global x\nnonlocal y" if False else "global x",
    "match p:\n    case [1, *rest] | {'k': v, **kw}:\n        pass\n    case Point(x=0, y=_) if x:\n        pass\n    case None | True | -1 | 1+2j | a.b:\n        pass\n    case str() as s:\n        pass",
    "x = 'é' + \"ü\" + b'\\x00'",
    "assert x, 'msg'\nwhile not a: break\nfor i in j: continue\nelse: pass",
    "a @= b; c **= d; e //= f; g >>= h",
    "not a < b <= c is not d in e not in f",
    "(yield)",
    "x = ...; y = None; z = True; w = 1.5e300; v = 10j; u = 123456789012345678901234567890",
]
for src in SOURCES:
    tree = ast.parse(src)
    print(ast.dump(tree))
    print(ast.dump(tree, include_attributes=True, indent=1)[:400])

print(ast.dump(ast.parse("a + 1", mode="eval")))
print(ast.dump(ast.parse("a = 1", mode="single")))
print(ast.dump(ast.parse("(int, str) -> List[int]", mode="func_type")))
print(ast.dump(compile("x", "<s>", "exec", ast.PyCF_ONLY_AST)))

# The classes.
print(_ast.AST, _ast.AST.__mro__, _ast.AST._fields, _ast.AST._attributes)
for name in ["Module", "Name", "Load", "Add", "arguments", "arg", "keyword", "match_case",
             "MatchAs", "ExceptHandler", "TypeIgnore", "comprehension", "Constant"]:
    cls = getattr(_ast, name)
    print(name, [c.__name__ for c in cls.__mro__], cls._fields, cls._attributes,
          cls.__match_args__, cls.__module__, repr(cls.__doc__))
for name in ["mod", "stmt", "expr", "expr_context", "boolop", "operator", "unaryop", "cmpop",
             "excepthandler", "pattern", "type_ignore"]:
    cls = getattr(_ast, name)
    print(name, sorted(c.__name__ for c in cls.__subclasses__()))
    print(cls.__doc__)
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(sorted(n for n in dir(_ast) if not n.startswith("__")) == sorted(
    n for n in dir(_ast) if not n.startswith("__")))
print(len([n for n in dir(_ast) if not n.startswith("__") and isinstance(getattr(_ast, n), type)]))

# Optional fields default to None on the class; others are missing.
print(ast.Return().value, ast.Name().__dict__, ast.arg("x").annotation, ast.expr.end_lineno)
try:
    ast.Module().body
except AttributeError as e:
    print("AttributeError", e)

# Singletons: every Load() in a parsed tree is the same object.
t = ast.parse("x + y - z")
names = [n for n in ast.walk(t) if isinstance(n, ast.Name)]
print(all(n.ctx is names[0].ctx for n in names))
print(t.body[0].value.op is ast.parse("a + b").body[0].value.op)
print(type(names[0].ctx).__name__, isinstance(names[0].ctx, ast.expr_context))

# Positions are UTF-8 byte offsets.
t = ast.parse("s = 'héllo' + x")
for n in ast.walk(t):
    if hasattr(n, "col_offset"):
        print(type(n).__name__, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)
print(ast.get_source_segment("s = 'héllo' + x", t.body[0].value))

# Constructors.
n = ast.Name("x", ast.Load(), lineno=3)
print(sorted(n.__dict__), n.id, n.lineno)
for args, kwargs in [((1, 2, 3), {}), ((1,), {"id": 2}), ((), {"foo": 5})]:
    try:
        r = ast.Name(*args, **kwargs)
        print("ok", sorted(r.__dict__))
    except TypeError as e:
        print("TypeError", e)
for cls, n in [(ast.Load, 1), (ast.Return, 2), (ast.BinOp, 4), (ast.AST, 1)]:
    try:
        cls(*range(n))
    except TypeError as e:
        print("TypeError", e)
r = ast.Return(1).__reduce__()
print(r[0].__name__, r[1], r[2])
print(ast.AST().__reduce__()[0].__name__, ast.Load().__reduce__()[1:])

class MyName(ast.Name):
    _fields = ("id", "ctx", "extra")
m = MyName("a", ast.Load(), 5)
print(m.extra, isinstance(m, ast.expr), type(m).__mro__[1].__name__)
