# object basics: identity, hash, repr defaults, attributes.
o = object()
print(type(o).__name__, o == o, o != object(), hash(o) == hash(o), id(o) == id(o))
print(repr(o).startswith("<object object at 0x"), str(o) == repr(o))
try:
    o.x = 1
except AttributeError as e:
    print(e)
print(object.__name__, object.__bases__, type.__name__, type(type).__name__)
print(isinstance(1, object), issubclass(int, object), issubclass(bool, int), bool.__mro__)
class C: pass
c = C()
c.a = 1
print(c.__dict__, vars(c), getattr(c, "a"), getattr(c, "b", None), hasattr(c, "a"))
setattr(c, "b", 2); delattr(c, "a")
print(c.__dict__, type(c).__name__, type(c) is C, c.__class__ is C, C.__name__, C.__qualname__, C.__module__)
print(sorted(k for k in dir(c) if not k.startswith("__")))
