# member_descriptor for builtin struct members (function.__globals__, ...)
# and for __slots__, including __qualname__/__classcell__ slots.
import types, inspect
def err(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("ok", r)
def f(): pass
err(lambda: setattr(f, '__globals__', 1))
err(lambda: delattr(f, '__closure__'))
err(lambda: setattr(f, '__builtins__', {}))
print(types.MemberDescriptorType, repr(types.FunctionType.__globals__))
print(types.FunctionType.__globals__.__objclass__, types.FunctionType.__globals__.__name__)
print(f.__globals__ is globals(), f.__closure__)
print(inspect.ismemberdescriptor(types.FunctionType.__globals__),
      inspect.isgetsetdescriptor(types.FunctionType.__globals__),
      inspect.isgetsetdescriptor(types.FunctionType.__code__))
err(lambda: types.FunctionType.__globals__.__get__(1))
print(types.FunctionType.__globals__.__get__(None, types.FunctionType) is types.FunctionType.__globals__)

class Meta(type):
    def __new__(cls, name, bases, namespace, attr):
        print(attr in namespace)
        return super().__new__(cls, name, bases, namespace)
class C1:
    def __init__(self):
        self.b = 42
class C2(C1, metaclass=Meta, attr="__classcell__"):
    __slots__ = ["__classcell__"]
    def __init__(self):
        super().__init__()
print(isinstance(C2.__dict__["__classcell__"], types.MemberDescriptorType))
c = C2()
print(c.b, hasattr(c, "__classcell__"))
c.__classcell__ = 42
print(c.__classcell__)
def c3():
    class C3:
        __classcell__ = 42
        __slots__ = ["__classcell__"]
err(c3)
class Q1(metaclass=Meta, attr="__qualname__"):
    __slots__ = ["__qualname__"]
print(Q1.__qualname__, isinstance(Q1.__dict__["__qualname__"], types.MemberDescriptorType))
q = Q1()
q.__qualname__ = 'x'
print(q.__qualname__)
