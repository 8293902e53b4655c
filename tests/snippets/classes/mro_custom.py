# Custom metaclass mro(): CPython's checks, reentrance, rollback of a failed
# __bases__ assignment across the hierarchy.
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("ok")
class A(object):
    def f(self): return "A"
class B(A):
    pass
class C(A):
    def f(self): return "C"
class D(B, C):
    pass
print(D.mro(), D.__mro__, D().f())
class PerverseMetaType(type):
    def mro(cls):
        L = type.mro(cls)
        L.reverse()
        return L
class X(D,B,C,A, metaclass=PerverseMetaType):
    pass
print(X.__mro__, X().f())
print(X.mro())
class Reverse(type):
    def mro(cls):
        return [cls, object]
class R(A, metaclass=Reverse): pass
print(R.__mro__, hasattr(R, 'f'), isinstance(R(), A), issubclass(R, A))
class BadMro(type):
    def mro(cls): return [1]
err(lambda: BadMro('X', (), {}))
class BadMro2(type):
    def mro(cls): return []
err(lambda: BadMro2('X', (), {}))
class BadMro3(type):
    def mro(cls): return [cls, int]
err(lambda: BadMro3('X', (), {}))
class BadMro4(type):
    def mro(cls): return 42
err(lambda: BadMro4('X', (), {}))
class BadMro5(type):
    def mro(cls): return (cls, object)
print(BadMro5('X', (), {}).__mro__)
class NoSelf(type):
    def mro(cls): return [A, object]
err(lambda: NoSelf('Y', (), {'g': lambda self: 'g'}))
class NoSelfLater(type):
    ready = False
    def mro(cls):
        if NoSelfLater.ready:
            return [A, object]
        return type.mro(cls)
Y = NoSelfLater('Y', (), {'g': lambda self: 'g'})
NoSelfLater.ready = True
Y.__bases__ = (object,)
print(Y.__mro__, hasattr(Y, 'g'), hasattr(Y, 'f'))
print(issubclass(Y, Y), isinstance(Y(), Y), type(Y()) is Y, issubclass(Y, A))
# mro re-run on __bases__ assignment
calls = []
class Counting(type):
    def mro(cls):
        calls.append(cls.__name__)
        return type.mro(cls)
class P0: pass
class P(P0, metaclass=Counting): pass
class Q(P): pass
class P2(metaclass=Counting): pass
print(calls)
calls.clear()
P.__bases__ = (A,)
print(calls, Q.__mro__)
# rollback when a subclass's mro() fails
class Failing(type):
    fail = False
    def mro(cls):
        if Failing.fail and cls.__name__ == 'W2':
            raise RuntimeError("no mro for you")
        return type.mro(cls)
class W1(P0, metaclass=Failing): pass
class W2(W1): pass
class W3(W2): pass
Failing.fail = True
err(lambda: setattr(W1, '__bases__', (A,)))
print(W1.__bases__, W1.__mro__, W2.__mro__, W3.__mro__)
print(A.__subclasses__())
Failing.fail = False
W1.__bases__ = (A,)
print(W1.__mro__, W2.__mro__, W3.__mro__, W3().f())
# mro() called via type.mro and via instance
print(type.mro(D))
err(lambda: type.mro(1))
err(lambda: type.mro())
# mro() that calls __bases__ assignment on reentry
class Reent(type):
    count = 0
    def mro(cls):
        if cls.__name__ == 'Z' and Reent.count == 1:
            Reent.count += 1
            cls.__bases__ = (C,)
        return type.mro(cls)
class Z(A, metaclass=Reent): pass
Reent.count = 1
Z.__bases__ = (B,)
print(Z.__bases__, Z.__mro__)
print(Z in A.__subclasses__(), Z in B.__subclasses__(), Z in C.__subclasses__())
