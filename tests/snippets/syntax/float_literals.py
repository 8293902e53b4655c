# Float literals: fractions, exponents, underscores, special forms.
print(1.0, 1., .5, 0.25, 1e3, 1E-3, 1_000.000_1, 1e1_0)
print(3.14159, 2.5e-10, 6.02e23, 1e22, 1e16, 1e15, 123456789.0)
print(0.1 + 0.2, 1/3, 2/3, 100.0, 1e-5, 0.0001)
print(-0.0, 0.0, 1.7976931348623157e308, 5e-324)
print(1e309, -1e309, 1e309 - 1e309)
print(repr(1.5), str(2.0), 10.0 ** 20, 10.0 ** 16)
print(float("inf"), float("-inf"), float("nan"))
print(0.1 * 3, 1.1 * 1.1, 9007199254740993.0)
