# Imaginary and complex numbers.
print(1j, 2.5j, 1e3j, 0j, 10J, 1_0j)
print(1 + 2j, (1 + 2j) * (3 - 4j), (1 + 2j) / (1 - 1j))
z = 3 + 4j
print(z.real, z.imag, z.conjugate(), abs(z))
print(complex(1, 2), complex("3+4j"), complex(2), complex())
print(-1j, (-1) * 1j, 1j ** 2, (2j) ** 2)
print(repr(complex(0.0, -0.0)), repr(complex(-0.0, 0.0)))
print((1+2j) == complex(1, 2), 1j != 1)
