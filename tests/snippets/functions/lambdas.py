# Lambdas in many positions.
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
sq = lambda x: x * x
print(compose(inc, sq)(5), compose(sq, inc)(5))
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]), max(pairs, key=lambda p: p[0]))
print((lambda *a, k=1, **kw: (a, k, kw))(1, 2, k=3, z=4))
print((lambda x, /, y: x - y)(10, y=3))
y = 100
f = lambda x: x + y
y = 200
print(f(1))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print({k: op(6, 3) for k, op in ops.items()})
print((lambda: (yield))().__class__.__name__ if False else "lambda ok")
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])))
print(type(lambda: 0).__name__, (lambda: 0).__qualname__, callable(f))
