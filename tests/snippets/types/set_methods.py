# set and frozenset methods; output sorted so it does not depend on hashing.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union([9])), sorted(a.intersection(b, {4})), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(a.issubset({1, 2, 3, 4, 5}), a.issuperset({1}), a.isdisjoint({7}), {1} < a, a >= a)
s = set()
s.add(1); s.add(1); s.update([2, 3], (4,)); s.discard(99); s.remove(2)
print(sorted(s), len(s), 3 in s)
print(s.pop() in {1, 3, 4}, len(s))
s.clear(); print(s, set(), frozenset())
f = frozenset("hello")
print(sorted(f), len(f), type(f | {"z"}).__name__, type({"z"} | f).__name__)
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
t = {1, 2, 3}
t -= {1}; t |= {7}; t &= {2, 7, 8}; t ^= {9}
print(sorted(t))
print({1, 2, 3}, {True, 1, 1.0}, set("aaa"), {(1, 2)})
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
try:
    {1}.remove(5)
except KeyError as e:
    print("KeyError", e)
try:
    {[]}
except TypeError as e:
    print(e)
print(sorted({x % 4 for x in range(20)}), repr({0}), repr(frozenset({5})))
