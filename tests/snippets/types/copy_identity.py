# Aliasing versus copying.
a = [1, [2, 3]]
b = a
c = a[:]
d = list(a)
import copy
e = copy.deepcopy(a)
a[0] = 99
a[1].append(4)
print(a, b, c, d, e)
print(a is b, a is c, a[1] is c[1], a[1] is e[1])
t = (1, 2)
print(t is tuple(t), copy.copy(t) is t)
s = "text"
print(s is str(s), s[:] is s)
x = 1000
y = x
x += 1
print(x, y)
