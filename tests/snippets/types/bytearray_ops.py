# bytearray mutation and conversions.
ba = bytearray(b"hello world")
ba[0:5] = b"HELLO"
print(ba)
ba[6:] = b"there!!"
print(ba, len(ba))
del ba[-2:]
print(ba, ba.find(b"there"), ba.upper(), ba.split())
ba2 = bytearray(range(65, 70))
print(ba2, list(ba2), ba2 * 2, ba2 + b"Z", ba2 == bytearray(b"ABCDE"))
ba2.remove(67)
print(ba2, ba2.index(68), ba2.count(65), 70 in ba2, ba2.hex())
ba3 = bytearray()
for i in range(5):
    ba3 += bytes([48 + i])
print(ba3, ba3.decode(), bytes(ba3), ba3.isdigit())
try:
    ba[0] = 300
except ValueError as e:
    print(e)
