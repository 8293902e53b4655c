# memoryview basics.
b = bytearray(b"abcdef")
m = memoryview(b)
print(len(m), m[0], m[-1], bytes(m[1:4]), m.tobytes(), m.tolist()[:3], m.readonly, m.format, m.itemsize, m.nbytes)
m[0] = ord("Z")
print(b)
m2 = m[2:5]
m2[0] = ord("!")
print(b, bytes(m2))
ro = memoryview(b"xyz")
try:
    ro[0] = 1
except TypeError as e:
    print(e)
print(m == b, memoryview(b"ab") == b"ab", ro.hex())
m.release()
try:
    m[0]
except ValueError as e:
    print(e)
