# complex arithmetic and formatting.
a, b = 1 + 2j, 3 - 1j
print(a + b, a - b, a * b, a / b, a ** 2, -a, +a)
print(abs(3 + 4j), (1j) ** 0.5 == (1j) ** 0.5, a == complex(1, 2))
print(complex("1e3-2.5j"), complex(" (1+1j) "), complex(1.5))
print(f"{a:.2f}", format(b, ""), repr(2j), repr(1 + 0j), repr(-(0j)))
print(hash(1 + 0j) == hash(1), complex(1, 0) == 1)
try:
    a // b
except TypeError as e:
    print(e)
try:
    a < b
except TypeError as e:
    print(e)
try:
    a / 0
except ZeroDivisionError as e:
    print(e)
