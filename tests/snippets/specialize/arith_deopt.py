# Arithmetic/compare specializations: overflow out of the small-int range,
# float/int mixes, bools, subclasses, and errors raised from specialized sites.


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def band(a, b):
    return (a & b, a | b, a ^ b)


def fdiv(a, b):
    return a / b


def lt(a, b):
    return (a < b, a <= b, a == b, a != b, a > b, a >= b)


for i in range(20):
    add(i, i), sub(i, 1), mul(i, 3), band(i, 7), lt(i, 10)

big = 2**62 - 1
print(add(big, 1), add(-big, -2), sub(-big, 10), mul(big, big), mul(2**31, 2**31))
print(add(1.5, 2), add(2, 1.5), add(True, True), add("a", "b"), add([1], [2]))
print(sub(1.0, 3), mul(3, "ab"), band(True, 3), band(-1, 2**70))
print(lt(1, 1.0), lt(2**70, 3), lt("a", "b"), lt(True, 2))


class MyInt(int):
    def __add__(self, other):
        return "MyInt.__add__"


print(add(MyInt(3), 4), add(4, MyInt(3)))

for i in range(20):
    fdiv(float(i) + 1.0, 2.0), lt(0.5 * i, 3.0), add(0.5, float(i))
print(fdiv(7.0, 2.0), fdiv(7, 2), lt(float("nan"), float("nan")), add(0.1, 0.2))
try:
    fdiv(1.0, 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(add(float("inf"), 1.0), mul(1e308, 10.0), sub(-0.0, 0.0))


def eq_str(a, b):
    return (a == b, a != b)


for i in range(20):
    eq_str("x" * i, "xx")
print(eq_str("ab", "a" + "b"), eq_str("a", 1), eq_str("é", "é"))

# int(ops) in a hot loop crossing into big ints and back
acc = 1
for i in range(200):
    acc = acc * 3 if i < 100 else acc // 3
print(acc)


def subscr(seq, i):
    return seq[i]


lst = list(range(10))
tup = tuple(range(10))
d = {i: i * i for i in range(10)}
for i in range(20):
    subscr(lst, i % 10), subscr(tup, -1), subscr(d, i % 10)
print(subscr(lst, -1), subscr(tup, 3), subscr(d, 9), subscr("abc", 1), subscr(lst, True))
for bad in ((lst, 10), (tup, -11), (d, 42), (lst, "x")):
    try:
        subscr(*bad)
    except (IndexError, KeyError, TypeError) as e:
        print(type(e).__name__, e)


def store(seq, i, v):
    seq[i] = v


for i in range(20):
    store(lst, i % 10, i)
    store(d, i, -i)
print(lst, sorted(d.items())[:3])
try:
    store(lst, 99, 0)
except IndexError as e:
    print("IndexError:", e)


def appender(n):
    out = []
    for i in range(n):
        out.append(i)
    return out


print(appender(5), len(appender(100)))
