# Pickling of builtin iterators, range, slice, enumerate/zip/map/filter/reversed:
# __reduce__ values, __setstate__ clamping, and pickle round trips (protocols 2-5).
import pickle


def show_reduce(label, obj):
    r = obj.__reduce__()
    parts = []
    for x in r[1]:
        if type(x).__name__.endswith('iterator'):
            parts.append('<' + type(x).__name__ + '>')
        else:
            parts.append(repr(x))
    print(label, r[0], '(' + ', '.join(parts) + ')', r[2:])


it = iter([1, 2, 3]); next(it); show_reduce('list', it)
list(it); show_reduce('list done', it)
it = iter((1, 2)); show_reduce('tuple', it); list(it); show_reduce('tuple done', it)
it = iter('abc'); next(it); show_reduce('str', it); list(it); show_reduce('str done', it)
it = iter('é€'); show_reduce('ustr', it)
it = iter(b'xy'); next(it); show_reduce('bytes', it); list(it); show_reduce('bytes done', it)
it = iter(bytearray(b'xy')); show_reduce('bytearray', it); list(it); show_reduce('bytearray done', it)
it = reversed([1, 2, 3]); next(it); show_reduce('list rev', it); list(it); show_reduce('list rev done', it)
it = reversed((1, 2, 3)); next(it); show_reduce('reversed', it); list(it); show_reduce('reversed done', it)
it = iter({1: 'a', 2: 'b', 3: 'c'}); next(it); show_reduce('dict keys', it)
it = iter({1: 'a', 2: 'b'}.values()); show_reduce('dict values', it)
it = iter({1: 'a', 2: 'b'}.items()); next(it); show_reduce('dict items', it); list(it); show_reduce('dict done', it)
it = reversed({1: 'a', 2: 'b', 3: 'c'}); next(it); show_reduce('dict rev', it)
it = iter({7}); show_reduce('set', it); list(it); show_reduce('set done', it)
it = iter(range(10)); next(it); show_reduce('range', it)
it = iter(range(0, 20, 3)); next(it); show_reduce('range step', it)
it = reversed(range(10)); next(it); show_reduce('range rev', it)
it = iter(range(2**70)); next(it); show_reduce('longrange', it)
it = iter(int, 1); show_reduce('callable', it)
show_reduce('enumerate', enumerate('ab', 5))
show_reduce('enumerate big', enumerate('ab', 2**70))
show_reduce('zip', zip('ab', 'cd'))
show_reduce('zip strict', zip('ab', 'cd', strict=True))
show_reduce('map', map(len, 'a'))
show_reduce('filter', filter(None, 'a'))
print(range(1, 9, 2).__reduce__(), slice(1).__reduce__(), slice(1, 'x', None).__reduce__())

# __setstate__ clamps the index
it = iter([1, 2, 3]); it.__setstate__(-5); print(list(it))
it = iter([1, 2, 3]); it.__setstate__(99); print(list(it))
it = iter([1, 2, 3]); it.__setstate__(1); print(list(it))
it = reversed([1, 2, 3]); it.__setstate__(99); print(list(it))
it = reversed([1, 2, 3]); it.__setstate__(0); print(list(it))
it = reversed((1, 2, 3)); it.__setstate__(-7); print(list(it))
it = reversed((1, 2, 3)); it.__setstate__(1); print(list(it))
it = iter(range(0, 20, 3)); it.__setstate__(100); print(it.__reduce__(), list(it))
it = iter(range(0, 20, 3)); it.__setstate__(-100); print(list(it))
it = iter(range(0, 20, 3)); it.__setstate__(5); print(list(it))
it = iter(range(2**70, 2**70 + 5)); it.__setstate__(3); print(list(it))
it = iter('abcd'); it.__setstate__(2); print(list(it))
z = zip('ab', 'c'); z.__setstate__(True); print(z.__reduce__()[2:])
for bad in (1.5, 'x', 2**70):
    try:
        iter([]).__setstate__(bad)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    iter([]).__reduce__(1)
except TypeError as e:
    print(e)
try:
    iter([]).__setstate__()
except TypeError as e:
    print(e)

# __length_hint__
class Seq:
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError
class SeqLen(Seq):
    def __len__(self):
        return 3
it = iter(SeqLen()); next(it); print(it.__length_hint__())
print(iter(Seq()).__length_hint__())
print(iter(b'abc').__length_hint__(), iter(bytearray(b'ab')).__length_hint__())
print(hasattr(iter(int, 1), '__length_hint__'))
class BadLen:
    def __len__(self):
        raise ZeroDivisionError('len')
    def __getitem__(self, i):
        return i
r = reversed([1, 2, 3]); print(r.__length_hint__())
class Shrink(list):
    pass
s = Shrink([1, 2, 3]); r = reversed((1, 2, 3)); print(r.__length_hint__())

# round trips
objs = [
    ('list', lambda: iter([1, 2, 3])), ('tuple', lambda: iter((1, 2, 3))),
    ('str', lambda: iter('abc')), ('bytes', lambda: iter(b'abc')),
    ('bytearray', lambda: iter(bytearray(b'abc'))),
    ('list rev', lambda: reversed([1, 2, 3])), ('reversed', lambda: reversed((1, 2, 3))),
    ('dict', lambda: iter({1: 2, 3: 4, 5: 6})), ('dict items', lambda: iter({1: 2, 3: 4}.items())),
    ('dict rev', lambda: reversed({1: 2, 3: 4, 5: 6})), ('set', lambda: iter({1, 2, 3})),
    ('range', lambda: iter(range(5))), ('longrange', lambda: iter(range(2**65, 2**65 + 3))),
    ('enumerate', lambda: enumerate('abc', 3)), ('zip', lambda: zip('abc', 'def')),
    ('map', lambda: map(str.upper, 'abc')), ('filter', lambda: filter(None, [0, 1, 0, 2])),
]
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    out = []
    for name, make in objs:
        it = make()
        next(it)
        it2 = pickle.loads(pickle.dumps(it, proto))
        out.append('%s=%s:%s' % (name, type(it2).__name__, sorted(it2) if name == 'set' else list(it2)))
    print(proto, ' '.join(out))
    print(pickle.loads(pickle.dumps(range(1, 10, 3), proto)),
          pickle.loads(pickle.dumps(slice(1, None, 'a'), proto)))

# user classes through object.__reduce_ex__
class A:
    def __init__(self):
        self.x = [1, 2]
class S:
    __slots__ = ('p', 'q')
class L(list):
    pass
class D(dict):
    pass
a = A(); s = S(); s.p = 5
l = L([1, 2]); l.tag = 't'
d = D(k=1); d.attr = 2
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    a2 = pickle.loads(pickle.dumps(a, proto))
    s2 = pickle.loads(pickle.dumps(s, proto))
    l2 = pickle.loads(pickle.dumps(l, proto))
    d2 = pickle.loads(pickle.dumps(d, proto))
    print(proto, a2.x, s2.p, hasattr(s2, 'q'), type(l2).__name__, l2, l2.tag, type(d2).__name__, d2, d2.attr)
