# Integer literals in every base, with underscores.
print(0, 00, 0_0, 7, 1_000_000)
print(0x1F, 0X_ff, 0xdead_beef, 0o17, 0O_7_7, 0b1010, 0B_1111_0000)
print(123456789012345678901234567890)
print(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFF)
print(0b1111111111111111111111111111111111111111111111111111111111111111)
print(-0x8000000000000000, 0x7fffffffffffffff)
print(type(10**20).__name__, 1_2_3 + 0b1_0)
print(-5, +5, - -5, ~5, ~-1)
