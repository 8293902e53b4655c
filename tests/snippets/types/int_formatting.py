# int/str conversions and formatting.
n = 255
print(str(n), repr(n), hex(n), oct(n), bin(n), hex(-n), bin(-5))
print(format(n, "x"), format(n, "X"), format(n, "#x"), format(n, "o"), format(n, "b"), format(n, "08b"))
print(format(n, "d"), format(n, ","), format(1234567, "_d"), format(n, "e"), format(n, ".1%"))
print(format(-42, "+05d"), format(42, " d"), format(42, "<6d") + "|", format(42, "^6") + "|", format(42, "=+6d"))
print(format(65, "c"), format(12, "n"), format(10 ** 12, ","), format(0, "#b"))
print(int("ff", 16), int("777", 8), int("1010", 2), int("0o17", 0), int("Zz", 36))
print(str(-0), str(10 ** 19), int("-" + "0" * 5), int("+7"))
try:
    int("12", 1)
except ValueError as e:
    print(e)
try:
    format(1, "z")
except ValueError as e:
    print(e)
