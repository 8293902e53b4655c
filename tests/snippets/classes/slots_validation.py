# __slots__ validation messages, the __weakref__ descriptor, which classes
# take weak references, what a class dict holds.
import weakref
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("ok")
def mk(name, bases, ns):
    return lambda: type(name, bases, ns)
err(mk('X', (), {'__slots__': ('__dict__', '__dict__')}))
err(mk('X', (), {'__slots__': ('__weakref__', '__weakref__')}))
class HasD: pass
err(mk('X', (HasD,), {'__slots__': ('__dict__',)}))
err(mk('X', (HasD,), {'__slots__': ('__weakref__',)}))
err(mk('X', (int,), {'__slots__': ('a',)}))
err(mk('X', (tuple,), {'__slots__': ('a',)}))
err(mk('X', (bytes,), {'__slots__': ('a',)}))
err(mk('X', (int,), {'__slots__': ('__weakref__',)}))
err(mk('X', (int,), {'__slots__': ('__dict__',)}))
err(mk('X', (int,), {'__slots__': ()}))
err(mk('X', (str,), {'__slots__': ('a',)}))
err(mk('X', (), {'__slots__': ('1a',)}))
err(mk('X', (), {'__slots__': ('a b',)}))
err(mk('X', (), {'__slots__': ('',)}))
err(mk('X', (), {'__slots__': (1,)}))
err(mk('X', (), {'__slots__': ('a', 'a')}))
err(mk('X', (), {'__slots__': ('a',), 'a': 1}))
err(mk('X', (), {'__slots__': ('__a',), '_X__a': 1}))
err(mk('X', (), {'__slots__': 'abc'}))
err(mk('X', (), {'__slots__': 1}))
err(mk('X', (), {'__slots__': ['a', 'b'], '__qualname__': 'Q'}))
err(mk('X', (), {'__slots__': ('__qualname__',), '__qualname__': 'Q'}))
err(mk('X', (), {'__slots__': ('ä',)}))
class S:
    __slots__ = ('b', 'a', '__c', '__dict__')
print(sorted(k for k in S.__dict__ if not k.startswith('__') or k == '__dict__'), S.__slots__)
s = S()
s.a = 1; s._S__c = 3; s.z = 5
print(s.a, s._S__c, s.z)
err(lambda: s.b)
err(lambda: weakref.ref(s))
class W:
    __slots__ = ('__weakref__',)
w = W()
r = weakref.ref(w)
print(r() is w, w.__weakref__ is r, type(W.__dict__['__weakref__']).__name__)
print(W.__dict__['__weakref__'].__doc__)
err(lambda: w.__dict__)
class N: pass
n = N()
print(n.__weakref__)
r = weakref.ref(n)
print(n.__weakref__ is r)
print(sorted(N.__dict__))
class NI(int): pass
print(sorted(NI.__dict__))
err(lambda: weakref.ref(NI(1)))
class NS:
    __slots__ = ()
err(lambda: weakref.ref(NS()))
class NS2(NS): pass
print(weakref.ref(NS2()) is not None, sorted(NS2.__dict__))
class L(list): pass
print(sorted(L.__dict__))
class LS(list):
    __slots__ = ('x',)
print(sorted(LS.__dict__))
err(lambda: weakref.ref(LS()))
class LW(list):
    __slots__ = ('__weakref__',)
print(weakref.ref(LW()) is not None)
class T(tuple): pass
print(sorted(T.__dict__))
