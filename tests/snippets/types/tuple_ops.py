# tuple behaviour.
t = (1, 2, 3, 2)
print(t, len(t), t[0], t[-1], t[1:3], t.count(2), t.index(3), 2 in t)
print((), (1,), tuple("ab"), tuple([1, 2]), tuple(range(3)), (1, 2) + (3,), (0,) * 3)
print(hash((1, 2)) == hash((1, 2)), (1, 2) < (1, 3), (1, (2, 3)) == (1, (2, 3)))
a, b, c, d = t
print(a + b + c + d)
nested = ((1, 2), [3, 4])
nested[1].append(5)
print(nested)
try:
    t[0] = 5
except TypeError as e:
    print(e)
try:
    hash(([1],))
except TypeError as e:
    print(e)
try:
    t.index(42)
except ValueError as e:
    print(e)
print(repr((1,)), repr(()), str((None, "s")), max((4, 9, 2)), sorted((3, 1, 2)))
