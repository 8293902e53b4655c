# functools and operator style higher-order functions.
import functools
import operator
print(functools.reduce(operator.add, [1, 2, 3, 4]), functools.reduce(lambda a, b: a * b, [], 1))
p = functools.partial(pow, 2)
print(p(10), p.func is pow, p.args)
print(list(map(operator.itemgetter(1), [(1, "a"), (2, "b")])), operator.attrgetter("real")(3))
print(sorted([("b", 2), ("a", 2), ("c", 1)], key=operator.itemgetter(1, 0)))
print(operator.mul(6, 7), operator.neg(5), operator.contains([1], 1), operator.getitem("abc", 1))
@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(1))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(lambda v: v * 2, 10, 1))
print(list(zip(*[(1, "a"), (2, "b")])), list(itertools_free := map(abs, [-1, -2])))
