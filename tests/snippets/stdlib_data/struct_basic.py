# struct: every format code in every mode, sizes, alignment and the error messages.
import struct

def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ':', e)

# Error messages of integer codes depend on the mode (CPython's packer tables).
for mode in '@=<>!':
    for c in 'bBhHiIlLqQnNP':
        if c in 'nNP' and mode != '@':
            continue
        res = []
        for v in [2**64, -2**64, 2**63, 2**32, 2**31, -2**31 - 1, 256, -129, -1, 0, 127, 'x', 1.5]:
            try:
                res.append(struct.pack(mode + c, v).hex())
            except Exception as e:
                res.append(type(e).__name__ + ':' + str(e))
        print(mode + c, ' | '.join(res))

# Round trips.
for fmt in ['@bBhHiIlLqQnNPefd?', '<bBhHiIlLqQefd?', '>bBhHiIlLqQefd?', '=cxh3s4p', '!x2x0i']:
    s = struct.Struct(fmt)
    print(fmt, s.size, struct.calcsize(fmt), s.format)

print(struct.pack('>hhl', 1, 2, 3).hex(), struct.pack('<hhl', 1, 2, 3).hex(), struct.pack('@hhl', 1, 2, 3).hex())
print(struct.unpack('>hhl', b'\x00\x01\x00\x02\x00\x00\x00\x03'))
print(struct.pack('ci', b'*', 7).hex(), struct.calcsize('ci'), struct.calcsize('ic'), struct.calcsize('c0i'))
print(struct.pack('5s', b'abc'), struct.pack('2s', b'abc'), struct.pack('3p', b'abcdef'), struct.pack('0p', b'a'))
print(struct.unpack('5p', b'\x09abcd'), struct.unpack('5s', b'\x09abcd'))
print(struct.pack('300p', b'a' * 300)[:3])
print(struct.pack('?', []), struct.pack('?', [1]), struct.unpack('??', b'\x02\x00'))

# Floats and half floats.
for v in [0.0, -0.0, 1.0, -2.5, 65504.0, 65519.0, 1e-8, 5.96e-8, 6.1e-5, float('inf'), float('-inf'), float('nan'), 1/3]:
    row = []
    for f in '<e', '>e', '<f', '>f', '<d':
        try:
            b = struct.pack(f, v)
            row.append(b.hex() + '=' + repr(struct.unpack(f, b)[0]))
        except Exception as e:
            row.append(type(e).__name__ + ':' + str(e))
    print(v, row)
t(struct.pack, '<e', 65520.0)
t(struct.pack, '<f', 1e300)
t(struct.pack, 'f', 1e300)
t(struct.pack, 'd', 'x')
class I:
    def __index__(self):
        return 7
t(struct.pack, 'i', I())
t(struct.pack, 'd', I())
t(struct.pack, 'f', 3)
t(struct.pack, 'i', True)

# Format errors.
for fmt in ['z', '<n', '3', '3 i', ' i i ', 'i\0', '99999999999999999999i', 'ä']:
    t(struct.calcsize, fmt)
t(struct.pack, 1, 1)
t(struct.pack)
t(struct.pack, 'i', 1, 2)
t(struct.pack, 'ii', 1)
t(struct.pack, 'c', b'ab')
t(struct.pack, 's', 'a')
t(struct.pack, 'p', 1)
t(struct.calcsize, '999999999999999999x999999999999999999x')

# unpack / unpack_from / pack_into / iter_unpack.
t(struct.unpack, 'i', b'abc')
t(struct.unpack, 'i', 'abcd')
t(struct.unpack, 'i', bytearray(b'abcd'))
t(struct.unpack, 'i', memoryview(b'abcd'))
t(struct.unpack_from, 'i', b'abc')
t(struct.unpack_from, 'i', b'abcdef', 2)
t(struct.unpack_from, 'i', b'abcdef', 3)
t(struct.unpack_from, 'i', b'abcdef', -7)
t(struct.unpack_from, 'i', b'abcdef', -2)
t(struct.unpack_from, 'i', b'abcdef', -4)
t(lambda: struct.unpack_from('i', buffer=b'abcdef', offset=1))
b = bytearray(8)
t(struct.pack_into, 'i', b, 6, 1)
t(struct.pack_into, 'i', b, -2, 1)
t(struct.pack_into, 'i', b, -10, 1)
t(struct.pack_into, 'i', b'12345678', 0, 1)
t(struct.pack_into, 'i', b)
t(struct.pack_into, 'i')
t(struct.pack_into, '<i', b, 2, 0x01020304)
print(b)
t(struct.pack_into, '<h', b, -2, -2)
print(b)
t(struct.iter_unpack, 'i', b'abcde')
t(struct.iter_unpack, '', b'abcde')
it = struct.iter_unpack('<h', b'abcdef')
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), type(it).__name__)

# The Struct object.
s = struct.Struct('<ih')
print(s.format, s.size, type(s).__name__, type(s).__module__)
t(s.pack, 1, 2)
t(s.pack, 1)
t(s.unpack, b'\x01\x00\x00\x00\x02\x00')
t(s.unpack_from, b'xx\x01\x00\x00\x00\x02\x00', 2)
print(list(s.iter_unpack(b'\x01\x00\x00\x00\x02\x00' * 2)))
t(struct.Struct, 'z')
t(struct.Struct)
t(struct.Struct, 5)
print(struct.Struct(b'>i').format)
class S(struct.Struct):
    def __init__(self):
        super().__init__('>H')
print(S().pack(258), S().size)
print(struct.error.__module__, struct.error.__name__, issubclass(struct.error, Exception))
struct._clearcache()
print(sorted(struct.__all__))
