# Class bodies: metaclass __prepare__/kwargs, __class__ cell, qualnames, mangling, __set_name__, decorators.
# class bodies
class M(type):
    def __new__(mcs, name, bases, ns, **kw):
        print("meta new", name, sorted(k for k in ns if not k.startswith("__")), kw)
        return super().__new__(mcs, name, bases, ns)
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("prepare", name, kw)
        return {"injected": 1}
class A(metaclass=M, flag=True):
    x = 1
    def m(self): return __class__
    print(injected, __qualname__, __module__)
print(A().m() is A, A.__qualname__)
class B:
    """doc"""
    __slots__ = ("a",)
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)
class C(B, k=2): pass
print(B.__doc__, C.__doc__, C.__mro__)
class D:
    class E:
        def f(self): pass
print(D.E.f.__qualname__, D.E.__qualname__)
def fn():
    class L: pass
    return L
print(fn().__qualname__)
class P:
    __private = 1
    def get(self): return self.__private, self._P__private
print(P().get(), hasattr(P, "__private"))
class Q:
    def __set_name__(self, owner, name): print("set_name", owner.__name__, name)
class R:
    q = Q()
dec = lambda c: (print("decorating", c.__name__), c)[1]
@dec
@dec
class S: pass
class T(int): pass
print(T(5) + 1, type(T(5)).__name__)
try:
    class U(1): pass
except TypeError as e:
    print(e)
try:
    class V(int, str): pass
except TypeError as e:
    print(e)
class W:
    def __init__(self): return None
try:
    class X:
        def __init__(self): return 1
    X()
except TypeError as e:
    print(e)
print(type("Dyn", (), {"a": 1}).a)
class Y:
    a = 1
    b = a + 1
    c = [b]
    del a
print(hasattr(Y, "a"), Y.b, Y.c)
