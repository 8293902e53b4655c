# Simple float arithmetic and printing.
x = 1.5
y = 0.25
print(x + y, x - y, x * y, x / y)
print(7 / 2, 1 / 4, 2.0 * 3, 10 / 5)
print(0.1 + 0.2)
print(1e10, 1e-3, 3.0, -2.5)
