# Container edge cases: tuple repetition identity, index() with huge bounds,
# keyword arguments of list/tuple subclasses, dict setdefault/update/iteration
# mutation checks, slice.indices with huge values.
import sys

t = (1, 2)
e = ()
print(t * 1 is t, e * 5 is e, t * 0 == e, (t * 2))
class T(tuple):
    pass
print(type(T(t) * 1).__name__, T(t) * 1 is T(t))

for seq in ([0, 1, 0, 2], (0, 1, 0, 2)):
    print(seq.index(0, 1), seq.index(0, -4 * sys.maxsize, 4 * sys.maxsize), seq.index(2, -2**100, 2**100))
    for args in ((0, 4 * sys.maxsize, -4 * sys.maxsize), (2, 0, -10), (0, 'a')):
        try:
            seq.index(*args)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)

for base in (list, tuple):
    class sub(base):
        pass
    print(sub([1, 2]), type(sub([1, 2])).__name__)
    try:
        sub(sequence=())
    except TypeError as e:
        print(e)
    try:
        base(sequence=())
    except TypeError as e:
        print(e)
    class sub_init(base):
        def __init__(self, seq, newarg=None):
            if base is list:
                super().__init__(seq)
            self.newarg = newarg
    u = sub_init([1, 2], newarg=3)
    print(base.__name__, list(u), u.newarg)
    class sub_new(base):
        def __new__(cls, seq, newarg=None):
            self = super().__new__(cls, seq)
            self.newarg = newarg
            return self
    u = sub_new([1, 2], newarg=3)
    print(base.__name__, list(u), u.newarg)


class Hashed:
    def __init__(self):
        self.hash_count = 0
        self.eq_count = 0
    def __hash__(self):
        self.hash_count += 1
        return 42
    def __eq__(self, other):
        self.eq_count += 1
        return self is other
h1 = Hashed()
y = {h1: 5}
h2 = Hashed()
print(y.setdefault(h2, []), h1.hash_count, h2.hash_count, h1.eq_count + h2.eq_count)
print(y.setdefault(h1, 'x'), {}.setdefault('k'))


class X:
    def __hash__(self):
        return 0
    def __eq__(self, o):
        other.clear()
        return False
other = dict([(i, 0) for i in range(1, 50)])
other[X()] = 0
d = {X(): 0, 1: 1}
try:
    d.update(other)
except RuntimeError as e:
    print('RuntimeError', e)
d = {1: 2}
d.update(d); print(d)

d = {0: 0}
try:
    for i in d:
        del d[0]
        d[0] = 0
except RuntimeError as e:
    print('RuntimeError', e)
for view in ('keys', 'values', 'items'):
    d = {0: 0}
    try:
        for i in getattr(d, view)():
            del d[0]
            d[0] = 0
    except RuntimeError as e:
        print(view, 'RuntimeError', e)
d = {1: 1, 2: 2}
it = iter(d)
next(it)
d[3] = 3
for _ in range(2):
    try:
        next(it)
    except RuntimeError as e:
        print('RuntimeError', e)
    except StopIteration:
        print('StopIteration')
d = {1: 1, 2: 2}
it = reversed(d)
del d[1]
d[1] = 1
print(list(it))

print(slice(1, 10, 2).indices(2**100), slice(-2**100, None).indices(5), slice(None, None, -1).indices(2**70))
print(slice(2**100, -2**100, -3).indices(10))
for args in ((), (-1,), (1.5,), (1, 2)):
    try:
        slice(1).indices(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
