# match sees collections.abc classes (and classes registered with them) as
# sequences/mappings through _abc's type flags; range and memoryview too.
import collections, collections.abc, abc, sys
class Seq(collections.abc.Sequence):
    __getitem__ = None
    def __len__(self): return 0
match Seq():
    case []: print("seq")
match collections.UserDict({2: 3}):
    case {2: 3}: print("map")
match range(3):
    case [a, b, c]: print(a, b, c)
match memoryview(b"ab"):
    case [x, y]: print(x, y)
class C: pass
collections.abc.Sequence.register(C)
class D(C): pass
match D():
    case {}: print("bad")
    case [*_]: print("late seq")
print(isinstance([], collections.abc.Sequence), isinstance({}, collections.abc.Sequence), issubclass(dict, collections.abc.Mapping))
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
try: A()
except TypeError as e: print(e)
print(A.__abstractmethods__, abc.get_cache_token() >= 0)
print(list(collections.abc.Sequence.__dict__).count('__abc_tpflags__'))


class M1(collections.UserDict, collections.abc.Sequence):
    pass


class S4(collections.UserList, dict, C):
    pass


for x in (M1(), S4()):
    match x:
        case [*_]:
            print(type(x).__name__, "seq")
        case {}:
            print(type(x).__name__, "map")
