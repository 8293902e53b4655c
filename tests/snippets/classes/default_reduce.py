import copy, pickle, copyreg
class C: pass
c=C(); c.x=1
r = c.__reduce_ex__(2); print(r[0].__name__, r[1], r[2:])
print(C().__reduce_ex__(2)[2:])
print(copy.copy(c).x, copy.deepcopy([c])[0].x)
class D:
  __slots__=('a','b')
d=D(); d.a=1
print(d.__reduce_ex__(2)[1:], d.__getstate__())
print(copy.copy(d).a)
class L(list): pass
l=L([1]); l.a=2; r=l.__reduce_ex__(2); print(r[1], r[2], list(r[3]), r[4])
class I(int): pass
print(I(3).__reduce_ex__(2)[1:])
print(object().__reduce_ex__(2)[1:], object().__reduce_ex__(0)[1:])
class G:
  def __getnewargs_ex__(self): return ((1,),{'a':1})
print(G().__reduce_ex__(2)[1:])
for f in [lambda: object().__reduce_ex__(), lambda: object().__reduce_ex__('a'), lambda: object().__reduce__(1), lambda: object().__getstate__(1)]:
  try: print(f())
  except Exception as e: print(type(e).__name__, e)
for p in range(6):
  x = pickle.loads(pickle.dumps(c, p)); print(p, x.x, type(x).__name__)
  if p >= 2: print(pickle.loads(pickle.dumps(d, p)).a)
class B:
  def __getnewargs_ex__(self): return [1]
try: B().__reduce_ex__(2)
except TypeError as e: print(e)
class S:
  def __getstate__(self): return {'z': 5}
print(S().__reduce_ex__(3)[2])
import collections
print(copy.deepcopy(collections.OrderedDict(a=1)))

class T:
  __slots__ = ('q',)
  def __init__(self): self.q = [1, 2]
t2 = copy.deepcopy(T()); print(t2.q)
print(type(int.__flags__), bool(C.__flags__ & (1 << 9)), bool(int.__flags__ & (1 << 9)), bool(int.__flags__ & (1 << 24)))
print(object.__new__.__self__ is object, hasattr(object.__init__, '__self__'))
