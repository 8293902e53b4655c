# hash() values that do not depend on PYTHONHASHSEED.
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 2), hash(10 ** 30))
print(hash(0.5), hash(1.5), hash(-0.25), hash(1e100), hash(float("inf")), hash(float("-inf")))
print(hash(True), hash(False), hash(None) == hash(None), hash(()) , hash((1, 2)), hash((1, (2, 3))))
print(hash(1 + 2j), hash(3j), hash(frozenset()), hash(frozenset([1, 2, 3])))
print(hash("abc") == hash("abc"), hash(b"abc") == hash("abc".encode()))
class H:
    def __hash__(self): return 42
print(hash(H()), hash(H()) == 42)
class NH:
    __hash__ = None
try:
    hash(NH())
except TypeError as e:
    print(e)
class EqOnly:
    def __eq__(self, o): return True
try:
    hash(EqOnly())
except TypeError as e:
    print(e)
