# bytes and bytearray methods.
b = b"Hello, World"
print(b.upper(), b.lower(), b.split(b", "), b.replace(b"l", b"L"), b.find(b"o"), b.count(b"l"))
print(b.startswith(b"He"), b.endswith(b"x"), b.strip(b"Hd"), b[0], b[-1], b[1:3], list(b[:3]))
print(b.hex(), bytes.fromhex("41 42 43"), b.decode(), b"caf\xc3\xa9".decode("utf-8"), b"\xe9".decode("latin-1"))
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), bytes(range(5)), b"ab" + b"cd", b"-" * 3)
print(b", ".join([b"a", b"b"]), b"a b".split(), b"  x ".strip(), b"abc".isalpha(), b"12".isdigit())
ba = bytearray(b"abc")
ba.append(100); ba.extend(b"ef"); ba[0] = 65; ba += b"!"
print(ba, len(ba), ba.pop(), bytes(ba), ba.decode())
del ba[0]
ba.insert(0, 122); ba.reverse()
print(ba, bytearray(2), bytearray([1, 2]) == b"\x01\x02")
print(b"%s-%d" % (b"x", 5), b"abc" < b"abd", b"a" in b"cat", 97 in b"cat")
print(repr(b"\x00\n'"), repr(bytearray(b"q")), hash(b"x") == hash(b"x"))
for op in (lambda: b"a" + "b", lambda: bytes([256]), lambda: b"x"[5], lambda: bytearray(b"x").pop(5)):
    try:
        op()
    except Exception as e:
        print(type(e).__name__, e)
m = memoryview(b"abcdef")
print(m[1], bytes(m[1:3]), m.tobytes(), len(m), m.readonly)
