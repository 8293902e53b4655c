# __bases__ assignment: CPython's checks and messages, MRO recomputed for the
# class and its subclasses, __subclasses__() kept right, warm call sites and
# super() seeing the new hierarchy.
# __bases__ assignment: checks, messages, MRO recomputation, subclasses
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("ok")

class A:
    def f(self): return "A.f"
    x = "A.x"
class B:
    def f(self): return "B.f"
    x = "B.x"
class C(A): pass
class D(C): pass

print(C.__bases__, C.__mro__)
print(D.__mro__)
d = D()
for i in range(10):
    r = (d.f(), d.x, D.x)
print(r)
C.__bases__ = (B,)
print(C.__bases__, C.__base__)
print(C.__mro__)
print(D.__mro__)
print(d.f(), d.x, D.x)
for i in range(10):
    r = (d.f(), d.x, D.x, isinstance(d, A), isinstance(d, B), issubclass(D, A))
print(r)
print([c.__name__ for c in A.__subclasses__()], [c.__name__ for c in B.__subclasses__()])
C.__bases__ = (A, B)
print(C.__mro__, D.__mro__)
print([c.__name__ for c in A.__subclasses__()], [c.__name__ for c in B.__subclasses__()])

err(lambda: setattr(C, '__bases__', ()))
err(lambda: setattr(C, '__bases__', [A]))
err(lambda: setattr(C, '__bases__', A))
err(lambda: setattr(C, '__bases__', (A, 1)))
err(lambda: setattr(C, '__bases__', (D,)))
err(lambda: setattr(C, '__bases__', (C,)))
err(lambda: setattr(A, '__bases__', (D,)))
err(lambda: delattr(C, '__bases__'))
err(lambda: setattr(int, '__bases__', (object,)))
err(lambda: delattr(int, '__bases__'))
err(lambda: setattr(object, '__bases__', (int,)))
err(lambda: setattr(C, '__bases__', (int,)))
err(lambda: setattr(C, '__bases__', (A, A)))
class E(A, B): pass
class F(B, A): pass
err(lambda: setattr(C, '__bases__', (E, F)))
print(C.__mro__)
class L(list): pass
err(lambda: setattr(L, '__bases__', (object,)))
err(lambda: setattr(L, '__bases__', (dict,)))
class L2(list): pass
err(lambda: setattr(L, "__bases__", (L2,)))
print(L.__mro__)
class S1:
    __slots__ = ('a',)
class S2:
    __slots__ = ('a',)
class S3:
    __slots__ = ('b',)
class T(S1): pass
err(lambda: setattr(T, '__bases__', (S2,)))
print(T.__mro__)
err(lambda: setattr(T, '__bases__', (S3,)))
err(lambda: setattr(T, '__bases__', (object,)))
class P: pass
class Q(P): pass
err(lambda: setattr(Q, '__bases__', (object,)))
print(Q.__mro__, Q.__base__)
Q.__bases__ = (P,)
print(Q.__mro__)
class Ex(Exception): pass
err(lambda: setattr(Ex, '__bases__', (ValueError,)))
print(Ex.__mro__)
err(lambda: setattr(Ex, '__bases__', (object,)))
class M(type): pass
class N(metaclass=M): pass
err(lambda: setattr(N, '__bases__', (A,)))
print(N.__mro__)
class LS(list):
    __slots__ = ()
class L3(list): pass
err(lambda: setattr(L3, '__bases__', (LS,)))
print(L3.__mro__)
# slots siblings
class Sa:
    __slots__ = ('x', 'y')
class Sb:
    __slots__ = ('y', 'x')
class Sc(Sa): pass
err(lambda: setattr(Sc, '__bases__', (Sb,)))
print(Sc.__mro__)
# method resolution after change, with cached call sites
class Base1:
    def m(self): return 1
    def __len__(self): return 10
    def __repr__(self): return "Base1-repr"
class Base2:
    def m(self): return 2
    def __len__(self): return 20
    def __repr__(self): return "Base2-repr"
class K(Base1): pass
k = K()
def use():
    return k.m(), len(k), repr(k), K.m(k)
for _ in range(20): r = use()
print(r)
K.__bases__ = (Base2,)
for _ in range(20): r = use()
print(r)
class KK(K): pass
kk = KK()
print(kk.m(), len(kk), repr(kk))
K.__bases__ = (Base1,)
print(kk.m(), len(kk), repr(kk))
print(sorted(c.__name__ for c in Base1.__subclasses__()), Base2.__subclasses__())
# super() after rebasing
class G1:
    def h(self): return "G1"
class G2:
    def h(self): return "G2"
class H(G1):
    def h(self): return "H>" + super().h()
print(H().h())
H.__bases__ = (G2,)
print(H().h())
