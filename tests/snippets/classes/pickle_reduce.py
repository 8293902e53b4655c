# object.__reduce_ex__ / __reduce__ / __getstate__, copy and pickle of
# instances, builtin subclasses and __slots__ classes; builtin __new__.
import copy, pickle, sys

class C:
    def __init__(self): self.a = 1; self.b = [1, 2]
c = C()
d = copy.copy(c); print(d.a, d.b is c.b)
d = copy.deepcopy(c); print(d.a, d.b == c.b, d.b is c.b)
for p in range(pickle.HIGHEST_PROTOCOL + 1):
    e = pickle.loads(pickle.dumps(c, p)); print(p, type(e).__name__, e.a, e.b)

class S:
    __slots__ = ('x', 'y')
s = S(); s.x = 5
print(s.__reduce_ex__(2)[2])
print(copy.copy(s).x, hasattr(copy.copy(s), 'y'))
try:
    pickle.dumps(S(), 1)
except TypeError as e:
    print('TypeError:', e)

class L(list): pass
l = L([1, 2]); l.z = 3
m = pickle.loads(pickle.dumps(l)); print(type(m).__name__, m, m.z)
class D(dict): pass
dd = D(a=1); dd.q = 'q'
m = copy.deepcopy(dd); print(type(m).__name__, m, m.q)
print(object().__reduce_ex__(2)[1:])
print(object().__getstate__(), C().__getstate__())
class I(int): pass
print(pickle.loads(pickle.dumps(I(5), 0)), copy.copy(I(7)), type(copy.copy(I(7))).__name__)
print(C().__reduce__()[0].__name__, C().__reduce_ex__(0)[1][0].__name__)

class G:
    def __init__(self, v): self.v = v
    def __getstate__(self): return {'v': self.v * 10}
print(copy.copy(G(2)).v)
class NA:
    def __new__(cls, a, *, k): o = super().__new__(cls); o.a = a; o.k = k; return o
    def __getnewargs_ex__(self): return ((self.a,), {'k': self.k})
n = pickle.loads(pickle.dumps(NA(1, k=2), 2)); print(n.a, n.k)
class BadNA:
    def __getnewargs__(self): return 5
try:
    BadNA().__reduce_ex__(2)
except TypeError as e:
    print('TypeError:', e)
for bad in (sys, (x for x in ())):
    try:
        copy.copy(bad)
    except TypeError as e:
        print('TypeError:', e)

# builtin __new__ is a builtin method bound to its type
print(type(int.__new__).__name__, int.__new__.__self__ is int, int.__new__.__qualname__)
print(int.__new__(int, 5), type(object.__new__(C)).__name__)
for args in [(str,), (), (1,)]:
    try:
        int.__new__(*args)
    except TypeError as e:
        print('TypeError:', e)
try:
    object.__new__(int)
except TypeError as e:
    print('TypeError:', e)

# codecs outside the built-in set go through the codec registry
print(str(b'\\u0663x', 'raw-unicode-escape'), 'é'.encode('raw-unicode-escape'))
print(b'\xe9'.decode('cp437'), 'É'.encode('cp437'))
