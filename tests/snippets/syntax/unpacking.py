# Iterable unpacking in assignments, calls and displays.
a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
*init, last = "hello"
head, *mid, tail = range(6)
print(first, rest, init, last, head, mid, tail)
(p, q), r = (1, 2), 3
[s, [t, u]] = [4, [5, 6]]
print(p, q, r, s, t, u)
print(*[1, 2], *(3,), *"ab")
print([*range(3), *[9]], (*"xy", 0), {*[1, 1, 2]})
d1, d2 = {"a": 1}, {"b": 2, "a": 3}
print({**d1, **d2, "c": 4})
def g(*args, **kw): return args, kw
print(g(*[1, 2], 3, *(4,), x=1, **{"y": 2}))
for i, (k, v) in enumerate({"x": 1, "y": 2}.items()):
    print(i, k, v)
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    x, y, z = [1, 2]
except ValueError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
