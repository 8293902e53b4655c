# len, sorted, reversed, enumerate, zip, map, filter, iter, next, range, slice, all, any.
print(len("abc"), len([1]), len({}), len(range(10)), len(b"ab"), len({1, 2}))
print(sorted([3, 1, 2]), sorted("bca"), sorted({3: 0, 1: 0}), sorted([1, -3, 2], key=abs, reverse=True))
print(list(reversed([1, 2, 3])), list(reversed("ab")), list(reversed(range(3))), list(reversed((1, 2))))
print(list(enumerate("ab")), list(enumerate("ab", 10)), list(zip("abc", range(5))), list(zip()))
try:
    list(zip([1, 2], [3], strict=True))
except ValueError as e:
    print(e)
print(list(map(abs, [-1, -2])), list(map(pow, [2, 3], [3, 2])), list(filter(None, [0, 1, "", "a"])), list(filter(lambda x: x > 1, [1, 2, 3])))
it = iter([1, 2])
print(next(it), next(it), next(it, None))
print(all([]), all([1, 0]), any([]), any([0, 1]), all(iter([1, 1])), any(x for x in [0, 0]))
print(slice(1, 2), slice(None), slice(1, 10, 2).indices(5), [0, 1, 2, 3][slice(1, 3)])
print(list(range(3)), range(1, 10, 2)[2], list(reversed(range(0, 10, 3))))
try:
    len(5)
except TypeError as e:
    print(e)
try:
    reversed({1, 2})
except TypeError as e:
    print(e)
