# Special attributes of classes: CPython's check_set_special_type_attr
# messages, __qualname__ type check, __abstractmethods__ deletion, and the
# "hackcheck" refusing object.__setattr__ on builtin types.
def err(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("ok", r)

class X:
    "doc"
for a in ['__module__', '__name__', '__qualname__', '__doc__', '__bases__']:
    err(lambda: delattr(X, a))
    err(lambda: setattr(list, a, 'x'))
    err(lambda: setattr(int, a, 'x'))
X.__doc__ = "banana"
print(X.__doc__)
err(lambda: type(list).__dict__["__doc__"].__set__(list, "blah"))
err(lambda: type(X).__dict__["__doc__"].__delete__(X))
err(lambda: type('Foo', (), {'__qualname__': 1}))
ns = {'__qualname__': 'some.name'}
tp = type('Foo', (), ns)
print(tp.__qualname__, '__qualname__' in tp.__dict__, ns)
def delabs():
    del X.__abstractmethods__
err(delabs)
X.__abstractmethods__ = frozenset(['f'])
err(X)
del X.__abstractmethods__
err(lambda: type(X()).__name__)
class meta(type): pass
err(lambda: getattr(meta, "__abstractmethods__"))

# object.__setattr__ / __delattr__ may not bypass a builtin setattro
err(lambda: object.__setattr__(str, "foo", 42))
err(lambda: object.__delattr__(str, "lower"))
err(lambda: object.__setattr__(int, "foo", 1))
class A(type):
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
class C(metaclass=A): pass
err(lambda: setattr(C, 'x', 1))
class P:
    pass
p = P()
object.__setattr__(p, 'y', 2)
print(p.y)
class B(dict):
    pass
b = B()
object.__setattr__(b, 'z', 3)
print(b.z)
err(lambda: type.__setattr__(P, 'w', 4))
print(P.w)
err(lambda: type.__setattr__(p, 'w', 4))
import types
m = types.ModuleType('m')
err(lambda: object.__setattr__(m, 'q', 5))
print(m.q)
print(object.__getattribute__(m, 'q'))
object.__delattr__(m, 'q')
print(hasattr(m, 'q'))
err(lambda: object.__getattribute__(m, 'zz'))
class MM(types.ModuleType):
    def __setattr__(self, k, v):
        print('set', k)
        super().__setattr__(k, v)
    def __getattribute__(self, k):
        return object.__getattribute__(self, k)
mm = MM('x')
mm.b = 2
print(mm.b, mm.__dict__['b'])
