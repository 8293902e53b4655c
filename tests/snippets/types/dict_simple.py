# Simple dict operations.
d = {"a": 1, "b": 2}
print(d)
d["c"] = 3
print(d["a"], d["c"], len(d))
print("a" in d, "z" in d)
print(d.get("z", 0))
for k in d:
    print(k, d[k])
