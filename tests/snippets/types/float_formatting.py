# float repr and format specs.
for v in [0.0, -0.0, 1.0, 0.1, 1/3, 2/3, 1e16, 1.5e16, 1e-4, 1e-5, 123456789.123, 1e22, 1e23, 5e-324, 1.7976931348623157e308]:
    print(repr(v), str(v), f"{v:g}", f"{v:.3e}", f"{v:.2f}")
x = 1234.5678
print(format(x, ".2f"), format(x, "10.1f") + "|", format(x, "<10.1f") + "|", format(x, "+.0f"), format(x, ",.3f"))
print(format(x, "e"), format(x, "E"), format(x, ".3g"), format(x, "G"), format(x, "%"), format(x, "012.2f"))
print(format(0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"), format(0.125, ".2f"), format(0.375, ".2f"))
print(format(float("inf"), "f"), format(float("-inf"), "e"), format(float("nan"), "g"), format(1e300, ".3"))
print("%.3f %10.2e %g %G %5.1f%%" % (3.14159, 12345.6789, 0.00001234, 1e20, 99.44))
print(round(1.23456, 3), round(123.456, -1), round(-1.5), round(0.1 + 0.2, 10))
