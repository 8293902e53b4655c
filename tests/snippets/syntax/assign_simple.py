# Simple assignments and name lookups.
a = 1
b = a + 2
c = b * 3
a = c - a
print(a, b, c)
x = y = 7
print(x, y)
