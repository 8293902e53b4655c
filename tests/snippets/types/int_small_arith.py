# Small-int arithmetic only (no overflow, no floats).
a, b = 17, 5
print(a + b)
print(a - b)
print(a * b)
print(a // b)
print(a % b)
print(-a // b)
print(-a % b)
print(a ** 2)
print(a & b, a | b, a ^ b, a << 2, a >> 1, ~a)
print(a == b, a != b, a < b, a <= b, a > b, a >= b)
