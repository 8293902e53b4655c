# memoryview over array.array, released views, cached hashes, tuple keys,
# assignment structure checks; mappingproxy forwarding; __hash__ results kept
# as they are; list comparison re-reading shrinking operands; iter(f, sentinel)
# exhausted re-entrantly.
import array
import weakref

a = array.array('i', [1, 2, 3])
m = memoryview(a)
print(m.format, m.itemsize, m.nbytes, m.tolist(), m[1], m[-1], m.shape, m.strides, m.readonly)
try:
    a.append(4)
except BufferError as e:
    print('BufferError', e)
m[0] = 7
print(a, m == array.array('i', [7, 2, 3]), m == a, m == b'\x07\x00\x00\x00', list(m))
m[:] = array.array('i', [9, 8, 7])
print(a)
for v in (array.array('h', [1, 2, 3]), b'abcdefghijkl', memoryview(array.array('i', [1, 2]))):
    try:
        m[:] = v
    except ValueError as e:
        print('ValueError', e)
m.release()
a.append(4)
print(a)
h = memoryview(array.array('H', [256, 256, 256, 256]))
c = h.cast('B').cast('H')[0:2]
print(c[0], c.format, bytes(memoryview(array.array('h', [1, 2]))))
u = memoryview(array.array('u', 'ab'))
print(u.format, u.itemsize, u.tobytes(), u == u)
for f in (lambda: u[0], lambda: u.tolist(), lambda: list(u)):
    try:
        f()
    except NotImplementedError as e:
        print('NotImplementedError', e)

m = memoryview(bytearray(b'abcdef'))
for k in [(0,), (0, 1), (), (slice(0, 1),), (slice(0, 1), slice(0, 1)), (slice(0, 1), 0), 'a', 0.0]:
    try:
        print(repr(k), m[k])
    except Exception as e:
        print(repr(k), type(e).__name__, e)
    try:
        m[k] = 1
        print(' set', bytes(m))
    except Exception as e:
        print(' set', type(e).__name__, e)
c = memoryview(bytearray(b'abcd')).cast('c')
for v in [b'xy', memoryview(b'xy').cast('c'), memoryview(b'xy').cast('b'), 'xy', 5]:
    try:
        c[:2] = v
        print('ok', bytes(c))
    except Exception as e:
        print(type(e).__name__, e)
m[0:3] = m[2:5]
print(bytes(m))

m = memoryview(b'abc')
print(hash(m) == hash(b'abc'))
m.release()
print(hash(m) == hash(b'abc'), m == m, m != m, m == memoryview(b'abc'))
for f in (lambda: bytes(m), lambda: bytearray(m), lambda: m.tobytes(), lambda: len(m), lambda: m.format,
          lambda: m[0], lambda: m.__enter__(), lambda: hash(memoryview(b'x').__exit__(None, None, None) or m)):
    try:
        f()
    except ValueError as e:
        print('ValueError', e)
m2 = memoryview(b'x')
m2.release()
try:
    hash(m2)
except ValueError as e:
    print('ValueError', e)
r = weakref.ref(memoryview(b'ab'))
print(type(r).__name__)

# mappingproxy forwards to its mapping
mp = type(type.__dict__)({'a': 1})
print(mp == {'a': 1}, mp != {'a': 1}, mp | {'b': 2}, {'b': 2} | mp, list(reversed(mp)), mp.copy(), len(mp), 'a' in mp)
try:
    mp |= {}
except TypeError as e:
    print(e)
try:
    hash(mp)
except TypeError as e:
    print(e)
d = {}
print(d.keys().mapping == d, d.items().mapping == {}, repr(d.values().mapping), int.__dict__ == dict(int.__dict__))


# __hash__ results that fit a hash are kept
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v
for v in [2**61, 2**62 + 5, -2**62 - 7, 2**63 - 1, -2**63, 2**63, 2**64 + 3, -1, 2**61 - 1, True]:
    print(v, hash(K(v)))


class X:
    def __eq__(self, other):
        list2.clear()
        return NotImplemented
class Y:
    def __eq__(self, other):
        list1.clear()
        return NotImplemented
list1 = [X()]
list2 = [Y()]
print(list1 == list2, list1, list2)
print([1, 2] < [1, 3], [1, 2] <= [1, 2, 0], [2] > [1, 5], [1] != [1])


def spam():
    if spam.inner:
        return 2
    spam.inner = True
    list(spam.iterator)
    return 1
spam.inner = False
spam.iterator = iter(spam, 2)
print(list(spam.iterator))
