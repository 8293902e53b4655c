x = 1
y = x + 2 * 3
a, b = b, a
a, *rest, z = range(10)
x.attr += 1
x[1:2] -= y
del x.attr, x[0]
print(f"{x!r:>10} {y}", sep="", end="\n")
t = (1, 2, 3)
lst = [1, 2, 3, *t]
d = {"a": 1, **d}
s = {1, 2, *t}
c = a < b < c
n = not (a in b)
v = a if b else c
w = a and b or c
z = -1, ~2, 2 ** 100, 'ab' * 3, __debug__
