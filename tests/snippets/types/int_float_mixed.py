# Mixed int/float arithmetic and comparisons (exact, not via float rounding).
print(1 + 1.0, 3 * 0.5, 7 / 7, 2 ** 0.5, 10 // 3.0, 10 % 3.0, -10 // 3.0)
print(2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 == 2.0 ** 53, 10 ** 20 == 1e20, 10 ** 22 == 1e22, 10 ** 23 == 1e23)
print(2 ** 1000 > 1e300, 2 ** 1100 > float("inf"), -(2 ** 1100) < float("-inf"), 1 < float("nan"))
print(max(1, 1.0), max(1.0, 1), min(2, 2.0), sum([1, 0.5, 2]), sum([0.1] * 10))
print(int(1e18) == 10 ** 18, float(10 ** 18) == 1e18, (10 ** 18) / 3)
print(divmod(7, 2.5), pow(2, 0.5) == 2 ** 0.5, pow(4, 0.5), pow(-8, 1/3).real > 0)
try:
    float(10 ** 400)
except OverflowError as e:
    print(e)
try:
    10 ** 400 / 1
except OverflowError as e:
    print(e)
print((10 ** 400) // 10 ** 399, 1 / 2 ** 2000)
