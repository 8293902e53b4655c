# getattr, setattr, hasattr, delattr, isinstance, issubclass, callable, type, id, hash, vars, dir.
class A:
    cls_attr = 1
    def __init__(self):
        self.inst = 2
class B(A):
    pass
b = B()
print(getattr(b, "inst"), getattr(b, "cls_attr"), getattr(b, "none", "dflt"), hasattr(b, "inst"), hasattr(b, "zz"))
setattr(b, "new", 3)
delattr(b, "inst")
print(vars(b), sorted(vars(A).keys() - {"__dict__", "__weakref__", "__doc__", "__module__"}))
print(isinstance(b, A), isinstance(b, (int, B)), isinstance(1, bool), issubclass(B, A), issubclass(A, (B, object)), issubclass(bool, int))
print(callable(A), callable(b), callable(print), callable(None))
print(type(b) is B, type(1), type("s"), type(None), type(type), type(b).__name__)
print(id(b) == id(b), id(b) != id(A()), isinstance(id(b), int), hash("x") == hash("x"), hash(1) == 1)
print([n for n in dir(b) if not n.startswith("_")], "inst" in dir(A()), len(dir()) > 0)
try:
    getattr(b, "missing")
except AttributeError as e:
    print(e)
try:
    isinstance(1, "int")
except TypeError as e:
    print(e)
try:
    vars(1)
except TypeError as e:
    print(e)
try:
    getattr(b, 5)
except TypeError as e:
    print(e)
