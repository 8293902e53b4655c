# dict views: dynamic, set-like operations.
d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
d["d"] = 4
print(list(k), list(v), list(i), len(k))
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}), ("a", 1) in i, 3 in v)
print(k == {"a", "b", "c", "d"}, isinstance(k, type({}.keys())), type(k).__name__, type(v).__name__, type(i).__name__)
del d["a"]
print(list(k), list(reversed(k)), list(reversed(v)))
print(repr(k), repr(v), repr(i))
