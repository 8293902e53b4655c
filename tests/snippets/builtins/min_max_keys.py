# min/max with keys, defaults, and ties (first wins).
data = [("a", 3), ("b", 1), ("c", 3), ("d", 1)]
print(max(data, key=lambda t: t[1]), min(data, key=lambda t: t[1]))
print(max([], default=None), min((), default=0), max(1, 2, key=lambda v: -v))
print(max("hello world".split(), key=len), min(["bb", "a", "ccc"], key=len))
print(max({"x": 5, "y": 9}, key=lambda k: {"x": 5, "y": 9}[k]), max(range(10), key=lambda v: v % 4))
try:
    max()
except TypeError as e:
    print(e)
try:
    max(1)
except TypeError as e:
    print(e)
try:
    min([], key=len)
except ValueError as e:
    print(e)
