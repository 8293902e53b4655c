# Float arithmetic, formatting and methods.
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, divmod(-7.5, 2))
print(2.0 ** 0.5, 10.0 / 4, 1e300 * 1e10, -1e300 * 1e10)
print(round(2.675, 2), round(0.5), round(1.5), round(-0.5), round(3.14159, 3))
print((0.5).as_integer_ratio(), (2.5).is_integer(), (2.0).is_integer(), (1.5).hex())
print(float.fromhex("0x1.8p1"), float("1e-3"), float("  -2.5  "), float("inf") > 1e308)
nan = float("nan")
print(nan == nan, nan != nan, nan < 1, [nan] == [nan])
print(int(1e20), int(-2.5), float(10 ** 20), 1e100)
print(str(1e16), str(1e15), repr(0.1), 1/7, 2.0 ** 100)
print(max(1.5, 2), min(-0.0, 0.0), abs(-3.5), -0.0 == 0.0)
print(hash(1.5) == hash(1.5), hash(0.0), hash(-1.0), hash(1.0), hash(2.5))
print(3.0 == 3, 0.1 + 0.2 == 0.3, 1.0 < 2, 1.5 > 1)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(e)
try:
    2.0 % 0.0
except ZeroDivisionError as e:
    print(e)
try:
    float("abc")
except ValueError as e:
    print(e)
try:
    int(float("inf"))
except OverflowError as e:
    print(e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(e)
print(f"{1e-7}", f"{123456789012345678.0}", f"{0.1:.20f}")
