# id() uniqueness for live objects; hash() consistency.
a, b = [], []
print(id(a) != id(b), id(a) == id(a))
objs = [object() for _ in range(100)]
print(len({id(o) for o in objs}))
print(hash((1, 2, 3)) == hash((1, 2, 3)), hash("a" + "b") == hash("ab"), hash(1.0) == hash(1) == hash(True))
print(hash(-1) == -2, hash(0) == 0, hash(2 ** 64) == hash(2 ** 64 % (2 ** 61 - 1)))
try:
    hash([])
except TypeError as e:
    print(e)
try:
    hash({})
except TypeError as e:
    print(e)
