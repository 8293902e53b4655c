# Common dict methods and behaviour (insertion order is preserved).
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, 2 in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d.pop("zz", "dflt"), d)
print(d.setdefault("a", 100), d.setdefault("n", []), d)
d.update({"x": 9}, y=10); d.update([("z", 0)])
print(d)
print(d.popitem(), d)
e = dict(a=1, b=2); f = dict([("k", "v")]); g = dict.fromkeys("ab", 0)
print(e, f, g, dict(zip("xy", (1, 2))))
print(e | {"c": 3}, {**e, "a": 9})
e |= {"a": 0}
print(e)
c = e.copy(); c["new"] = 1; print(e, c)
c.clear(); print(c)
d2 = {1: "int", 1.0: "float", True: "bool"}
print(d2)
k = {}
for w in "the cat and the hat and the bat".split():
    k[w] = k.get(w, 0) + 1
print(k)
print(sorted(k.items(), key=lambda kv: (-kv[1], kv[0])))
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)
try:
    {[1]: 2}
except TypeError as e:
    print(e)
keys = d.keys()
d["late"] = 1
print("late" in keys, len(keys), reversed(list(d)).__class__.__name__, list(reversed(d)))
print({1: 2} == {1: 2}, {1: 2} != {1: 3}, repr({}), str({"q": None}))
try:
    for key in d:
        d["boom"] = 1
except RuntimeError as e:
    print(e)
