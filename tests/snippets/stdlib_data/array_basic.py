# array.array: every type code, conversions and their OverflowErrors, sequence protocol, methods, pickling.
import array
from array import array as A

def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ':', e)

class I:
    def __index__(self):
        return 5

for c in 'bBhHiIlLqQfdu':
    row = []
    for v in ['x', 1.5, I(), True, 127, 128, 255, 256, -1, -129, 2**15, 2**31, 2**32, -2**31 - 1, 2**63, -2**63 - 1, 2**64]:
        try:
            row.append(repr(A(c, [v])[0]))
        except Exception as e:
            row.append(type(e).__name__ + ':' + str(e))
    print(c, A(c).itemsize, ' | '.join(row))

print(array.typecodes, array.ArrayType is A, sorted(x for x in dir(array) if not x.startswith('__')))
t(A); t(A, 'z'); t(A, 1); t(A, 'ii'); t(A, 'i', 'abc'); t(A, 'u', 'abc'); t(A, 'i', b'\x01\x00\x00\x00\x02\x00\x00\x00')
t(A, 'i', b'abc'); t(A, 'i', [1], 2); t(A, 'i', x=1); t(A, 'i', A('u', 'a')); t(A, 'd', A('i', [1, 2]))
t(A, 'b', range(5)); t(A, 'f', (x / 2 for x in range(4)))

a = A('i', [5, 1, 4, 1, 3])
print(a, len(a), a[0], a[-1], a[1:3], a[::-1], a[::2], 4 in a, 9 in a, a.count(1), a.index(1), a.index(1, 2))
t(a.index, 9); t(a.remove, 9); t(a.__getitem__, 9); t(a.__setitem__, 9, 1); t(a.__delitem__, 9)
a.append(7); a.insert(0, 8); a.insert(-100, 9); a.insert(100, 10); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a); t(a.pop, 50); t(A('i').pop)
a.remove(1); a.reverse(); print(a)
a.extend([1, 2]); a.extend(A('i', [3])); a.extend(x for x in (4, 5)); print(a)
t(a.extend, A('b')); t(a.extend, 5); t(a.__add__, [1]); t(a.__add__, A('b'))
a[1] = 42; a[2:4] = A('i', [7, 7, 7]); print(a)
del a[0]; del a[1:3]; del a[::2]; print(a)
a[::2] = A('i', range(len(a[::2]))); print(a)
t(a.__setitem__, slice(0, 2), [1]); t(a.__setitem__, slice(0, 5, 2), A('i', [1]))
t(a.__setitem__, 0, 2**40); t(a.__setitem__, 0, 'x')
b = a + A('i', [100]); b += A('i', [200]); print(b, a * 2, 2 * a, A('i', [1]) * -1)
b *= 2; print(b)
print(A('i', [1, 2]) == A('i', [1, 2]), A('i', [1, 2]) == A('d', [1.0, 2.0]), A('b', [1, 2]) < A('b', [1, 3]), A('i') == [], A('i', [1]) != A('i', [2]))
print(A('f', [float('nan')]) == A('f', [float('nan')]))
t(hash, a)
print(list(a), a.tolist(), list(iter(A('u', 'hé'))), type(iter(a)).__name__)

u = A('u', 'hello')
print(u, u.tounicode(), repr(A('u')), u[1], u[1:3])
u.fromunicode(' world'); print(u)
t(a.fromunicode, 'x'); t(a.tounicode); t(u.fromunicode, 5); t(u.append, 1); t(u.append, 'ab')

x = A('h', [1, 2, 3])
print(x.tobytes(), bytes(x), len(bytes(x)))
x.frombytes(b'\x04\x00'); print(x); t(x.frombytes, b'\x01')
x.byteswap(); print(x)
x.fromlist([9, 8]); print(x); t(x.fromlist, (1,)); t(x.fromlist, [1, 'a']); print(x)
print(x.buffer_info()[1], x.typecode, x.itemsize)
print(A('d', [1.5, -2.25]), A('f', [0.1]), A('q', [-2**63]), A('Q', [2**64 - 1]), A('L', [2**64 - 1]))

import copy, pickle, io
y = A('l', [1, -2, 3])
print(copy.copy(y), copy.deepcopy(y), copy.copy(y) is y)
for proto in [2]:  # 0 and 1 need the raw-unicode-escape codec; 3+ pickling builtin functions
    for arr in [y, A('u', 'hi'), A('d', [0.5]), A('B', b'xyz')]:
        z = pickle.loads(pickle.dumps(arr, proto))
        print(proto, z, type(z).__name__, z == arr)
print(y.__reduce_ex__(2), y.__reduce_ex__(3))
print(A('u', 'ab').__reduce_ex__(3)[1][1:3], A('d', [1]).__reduce_ex__(4)[1][1:3])
print(array._array_reconstructor(A, 'i', 8, b'\x01\x00\x00\x00'))
print(array._array_reconstructor(A, 'i', 9, b'\x00\x00\x00\x01'))
print(array._array_reconstructor(A, 'd', 17, b'?\xf8\x00\x00\x00\x00\x00\x00'))
print(array._array_reconstructor(A, 'u', 18, b'h\x00i\x00'))
t(array._array_reconstructor, A, 'i', 99, b'')
t(array._array_reconstructor, list, 'i', 8, b'')
t(array._array_reconstructor, A, 'x', 8, b'')

f = io.BytesIO()
A('i', [1, 2, 3]).tofile(f)
g = A('i'); g.fromfile(io.BytesIO(f.getvalue()), 3); print(g)
t(g.fromfile, io.BytesIO(b'\x01\x00\x00\x00'), 2); print(g)

class MyArray(A):
    pass
m = MyArray('i', [1, 2])
print(type(m[:1]).__name__, type(m + m).__name__, repr(m), m.tolist())
it = iter(A('i', [1, 2, 3])); next(it)
print(it.__reduce__()[1:], list(it))

import struct
buf = A('b', [0] * 8)
struct.pack_into('<hi', buf, 1, -2, 7)
print(buf, struct.unpack_from('<hi', buf, 1))
