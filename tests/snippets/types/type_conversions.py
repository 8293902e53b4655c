# Conversions between the core types.
print(int("7"), float("7"), complex("7"), str(7), repr("7"), bool("False"))
print(list("ab"), tuple("ab"), sorted(set("abca")), dict([("a", 1)]), list({"k": 1}))
print(list(b"ab"), bytes([97]), bytearray("x", "ascii"), str(b"ab", "ascii"), b"ab".decode())
print(int(2.9), int(-2.9), float(2), float("-0"), int("  -3  "), float(" 1e3 "))
print(chr(97), ord("a"), hex(97), int("0x61", 16), str(3.0), str(10 ** 17 * 1.0))
print(list(map(int, "123")), "".join(map(str, [1, 2, 3])), [*map(float, [1, 2])])
print(tuple(enumerate("ab")), list(zip([1, 2], "ab")), dict(enumerate("xy")))
print(round(7 / 2), int(True), float(False), str(True), list(range(3)) == [0, 1, 2])
