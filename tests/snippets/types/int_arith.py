# Integer arithmetic, including floor division and modulo signs.
for a in (7, -7):
    for b in (2, -2, 3, -3):
        print(a, b, a // b, a % b, divmod(a, b), a / b)
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, 2 ** -2, pow(2, 10, 1000), pow(3, -1, 7))
print(abs(-5), -(-5), 10 - 20, 3 * -4)
print(17 & 5, 17 | 5, 17 ^ 5, ~17, 1 << 70, -1 >> 3, 1024 >> 3, -17 >> 1)
print(int("42"), int("-0x1f", 16), int("0b101", 0), int("z", 36), int(" 12 "), int("1_000"))
print(int(3.99), int(-3.99), int(True), round(2.5), round(3.5), round(-2.5), round(1234, -2))
print((255).bit_length(), (0).bit_length(), (-8).bit_length(), (255).to_bytes(2, "big"))
print(int.from_bytes(b"\x01\x00", "little"), int.from_bytes(b"\xff", "big", signed=True))
print((10).bit_count() if hasattr(int, "bit_count") else 2, (6).as_integer_ratio())
print(7 .real, (7).imag, (7).numerator, (7).denominator, (5).conjugate())
for bad in ("", "1.5", "0x", "12a"):
    try:
        int(bad)
    except ValueError as e:
        print(e)
try:
    1 // 0
except ZeroDivisionError as e:
    print(e)
try:
    5 % 0
except ZeroDivisionError as e:
    print(e)
print(True + 1, 3 == 3.0, hash(3) == hash(3.0), 10 ** 2 == 100)
