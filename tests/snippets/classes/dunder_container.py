# Container dunders: __len__, __getitem__, __setitem__, __delitem__, __contains__, __iter__, __reversed__, __missing__.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __getitem__(self, key):
        if isinstance(key, slice):
            return f"slice {key.start} {key.stop} {key.step}"
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError("off grid")
        return self.cells.get(key, ".")
    def __setitem__(self, key, v):
        self.cells[key] = v
    def __delitem__(self, key):
        del self.cells[key]
    def __len__(self):
        return self.w * self.h
    def __contains__(self, v):
        return v in self.cells.values()
    def __iter__(self):
        for y in range(self.h):
            yield "".join(self[x, y] for x in range(self.w))
    def __reversed__(self):
        return iter(["reversed!"])
    def __bool__(self):
        return bool(self.cells)
g = Grid(3, 2)
print(bool(g), len(g), "#" in g)
g[0, 0] = "#"; g[2, 1] = "@"
print(list(g), "#" in g, bool(g), g[1:5:2], list(reversed(g)))
del g[0, 0]
print(list(g))
try:
    g[5, 5]
except IndexError as e:
    print(e)
class Default(dict):
    def __missing__(self, key):
        return f"missing {key}"
d = Default(a=1)
print(d["a"], d["b"], d.get("b"))
class OnlyLen:
    def __len__(self): return 0
print(bool(OnlyLen()), len(OnlyLen()))
