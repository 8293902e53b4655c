# Call and iteration specializations: functions redefined, defaults changed,
# __code__ swapped, wrong argument counts after warm-up, mutation during
# iteration, and tracebacks through specialized frames.
import sys


def f(a, b):
    return a + b


def g(a, b=10, c=20):
    return a + b + c


def caller(n):
    return [f(i, 1) + g(i) + g(i, 1) for i in range(n)]


print(caller(10)[-1])


def f(a, b):  # rebound to a new function with the same shape
    return a * b


print(caller(3))
g.__defaults__ = (1, 2)
print(caller(3))


def other(a, b):
    return "other code"


f.__code__ = other.__code__
print(caller(2))


def call_with(func, *args):
    return func(*args)


def two(a, b):
    return (a, b)


for i in range(20):
    call_with(two, i, i)
try:
    call_with(two, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    call_with(two, 1, 2, 3)
except TypeError as e:
    print("TypeError:", e)


class C:
    def m(self, x):
        return x * 2


def meth(o, n):
    return [o.m(i) for i in range(n)]


print(meth(C(), 5))


def gen():
    yield 1
    yield 2


def call0(func):
    return func()


for i in range(10):
    call0(lambda: 1)
print(list(call0(gen)))


def it_sum(seq):
    total = 0
    for x in seq:
        total += x
    return total


print(it_sum(range(100)), it_sum(range(10, 0, -3)), it_sum([1, 2, 3]), it_sum(range(2**62, 2**62 + 3)))

lst = [1, 2, 3]
seen = []
for x in lst:
    seen.append(x)
    if len(lst) < 6:
        lst.append(x * 10)
print(seen)

d = {1: 1, 2: 2}
try:
    for k in d:
        d[k + 10] = 0
except RuntimeError as e:
    print("RuntimeError:", e)


def deep(n):
    if n == 0:
        return 1 // 0
    return deep(n - 1) + 1


for i in range(10):
    try:
        deep(5)
    except ZeroDivisionError:
        pass


def show_tb():
    try:
        deep(3)
    except ZeroDivisionError:
        tb = sys.exc_info()[2]
        lines = []
        while tb:
            lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print(lines)


show_tb()
deep(2)
