# Module-level statements: pass, del, global names, chained assignment.
a = b = c = [1]
print(a is b is c)
a += [2]
print(b)
x = 1
x += 1; x *= 3; x -= 1; x //= 2; x **= 3; x %= 7
print(x)
y = 0b1100
y &= 0b1010; y |= 1; y ^= 0xF; y <<= 2; y >>= 1
print(y)
z = 7.0
z /= 2
print(z)
s = "ab"
s *= 3
print(s)
pass
del a
print("a" in dir(), "b" in dir())
m = [[0] * 2] * 2
m[0][0] = 9
print(m)
i = j = 5
i += 1
print(i, j)
