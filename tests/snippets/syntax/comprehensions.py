# List, set, dict comprehensions and generator expressions.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print(sorted({c.upper() for c in "hello world" if c.isalpha()}))
print({k: v for k, v in zip("abc", range(3))})
print({x: [y for y in range(x)] for x in range(4)})
print(sum(x for x in range(101)), list(x for x in "ab"))
print([[i * j for j in range(3)] for i in range(3)])
g = (n for n in range(3))
print(next(g), list(g))
x = "outer"
print([x for x in "inner"], x)
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(C.doubled)
print([y for x in [[1, 2], [3]] for y in x])
