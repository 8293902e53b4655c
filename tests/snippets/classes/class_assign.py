# obj.__class__ = cls: CPython's mutability and layout-compatibility rules
# (deallocator, solid bases, sibling classes that added the same slots).
import types, sys
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("ok")
class A: pass
class B: pass
class S1:
    __slots__ = ('a',)
class S2:
    __slots__ = ('a',)
class S3:
    __slots__ = ('a', 'b')
class SD:
    __slots__ = ('__dict__',)
class SW:
    __slots__ = ('__weakref__',)
class SN:
    __slots__ = ()
a = A()
err(lambda: setattr(a, '__class__', B)); print(type(a).__name__)
err(lambda: setattr(a, '__class__', 1))
err(lambda: delattr(a, '__class__'))
err(lambda: setattr(a, '__class__', int))
err(lambda: setattr(a, '__class__', object))
err(lambda: setattr(1, '__class__', bool))
err(lambda: setattr(object(), '__class__', A))
s = S1()
err(lambda: setattr(s, '__class__', S2)); print(type(s).__name__)
err(lambda: setattr(s, '__class__', S3))
err(lambda: setattr(s, '__class__', A))
err(lambda: setattr(a, '__class__', SD))
err(lambda: setattr(a, '__class__', SW))
err(lambda: setattr(a, '__class__', SN))
err(lambda: setattr(SN(), '__class__', A))
class SDW:
    __slots__ = ('__dict__', '__weakref__')
err(lambda: setattr(a, '__class__', SDW))
class L1(list): pass
class L2(list): pass
class D1(dict): pass
l = L1()
err(lambda: setattr(l, '__class__', L2)); print(type(l).__name__)
err(lambda: setattr(l, '__class__', D1))
err(lambda: setattr(l, '__class__', list))
err(lambda: setattr([], '__class__', L1))
m = types.ModuleType('mm')
err(lambda: setattr(m, '__class__', A))
class E1(Exception): pass
class E2(ValueError): pass
e = E1()
err(lambda: setattr(e, '__class__', E2)); print(type(e).__name__)
class I1(int): pass
class I2(int): pass
i = I1(5)
err(lambda: setattr(i, '__class__', I2)); print(type(i).__name__, i)
class F1(float): pass
err(lambda: setattr(i, '__class__', F1))
class Meta1(type): pass
class Meta2(type): pass
class X(metaclass=Meta1): pass
err(lambda: setattr(X, '__class__', Meta2)); print(type(X).__name__)
err(lambda: setattr(X, '__class__', type)); print(type(X).__name__)
class Y: pass
err(lambda: setattr(Y, '__class__', Meta1)); print(type(Y).__name__)
class A:
    __slots__ = ('x', '__dict__')
class B:
    __slots__ = ('x', '__dict__')
err(lambda: setattr(A(), '__class__', B))
class A:
    __slots__ = ('x', '__weakref__')
class B:
    __slots__ = ('x', '__weakref__')
err(lambda: setattr(A(), '__class__', B))
class A:
    __slots__ = ('__weakref__',)
class B:
    __slots__ = ('__weakref__',)
err(lambda: setattr(A(), '__class__', B))
class A:
    __slots__ = ('__dict__',)
class B:
    __slots__ = ('__dict__',)
err(lambda: setattr(A(), '__class__', B))
class A:
    __slots__ = ('x', 'y')
class B:
    __slots__ = ('y', 'x')
err(lambda: setattr(A(), '__class__', B))
class A:
    __slots__ = ()
class B:
    __slots__ = ()
err(lambda: setattr(A(), '__class__', B))
class T1(tuple): pass
class T2(tuple): pass
err(lambda: setattr(T1(), '__class__', T2))
class T1(tuple): __slots__=()
class T2(tuple): __slots__=()
err(lambda: setattr(T1(), '__class__', T2))
class P: pass
class A(P):
    __slots__ = ('x',)
class B(P):
    __slots__ = ('x',)
err(lambda: setattr(A(), '__class__', B))
class A(P): pass
class B(P): pass
err(lambda: setattr(A(), '__class__', B))
class C(A): __slots__ = ('z',)
err(lambda: setattr(C(), '__class__', B))
err(lambda: setattr(B(), '__class__', C))
class E1(Exception): pass
class E2(OSError): pass
err(lambda: setattr(E1(), '__class__', E2))
class E3(KeyError): pass
err(lambda: setattr(E1(), '__class__', E3))
class E4(StopIteration): pass
err(lambda: setattr(E1(), '__class__', E4))
class E5(SyntaxError): pass
err(lambda: setattr(E5(), '__class__', E4))
class E6(UnicodeDecodeError): pass
err(lambda: setattr(E1(), '__class__', E6))
class E7(UnicodeEncodeError): pass
err(lambda: setattr(E7('a','b',1,2,'c'), '__class__', E6))
class E8(ImportError): pass
err(lambda: setattr(E1(), '__class__', E8))
class D1(dict): pass
class B1(BaseException): pass
err(lambda: setattr(E1(), '__class__', B1))
class F(float): pass
class G(float): pass
err(lambda: setattr(F(), '__class__', G))
class S(str): pass
class S2(str): pass
err(lambda: setattr(S(), '__class__', S2))
class Fs(frozenset): pass
class Ss(set): pass
err(lambda: setattr(Fs(), '__class__', Ss))
class Fs2(frozenset): pass
err(lambda: setattr(Fs(), '__class__', Fs2))
