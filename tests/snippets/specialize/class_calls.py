# CALL_PY_CLASS: a class call with object.__new__ and a plain Python
# __init__ makes the instance and pushes __init__'s frame; everything here
# must behave as the generic type.__call__ does, before and after warm-up.
import sys


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Q(P):
    pass


class Bad:
    def __init__(self, r):
        self.r = r
        return r


class Boom:
    def __init__(self, a):
        if a > 95:
            raise ValueError(a)
        self.a = a


class Frames:
    def __init__(self):
        self.caller = sys._getframe(1).f_code.co_name


def make(i):
    return P(i, i + 1)


for i in range(100):
    p = make(i)
print(p.x, p.y, type(p).__name__)

# Polymorphic site: a subclass (inherited __init__) and the base.
for i in range(60):
    q = Q(1, 2) if i % 2 else P(3, 4)
print(type(q).__name__, q.x)

# A non-None return raises TypeError in the caller.
for i in range(100):
    try:
        b = Bad(None if i < 90 else i)
    except TypeError as e:
        print(i, e)
        break

# An exception from __init__ passes through its frame.
for i in range(100):
    try:
        Boom(i)
    except ValueError as e:
        tb = e.__traceback__
        names = []
        while tb:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        print("ValueError", e, names)
        break


# __init__'s caller frame is the frame that called the class.
def who():
    return Frames().caller


print({who() for _ in range(20)})

# Wrong argument count after warm-up: the generic error.
for i in range(30):
    try:
        P(1, 2) if i < 25 else P(1)
    except TypeError as e:
        print(e)
        break

# Replacing __init__ (or its code) after warm-up.
P.__init__ = lambda self, a, b: setattr(self, "z", a + b)
print(make(1).z)


def init3(self, a, b, c=0):
    self.w = (a, b, c)


P.__init__ = init3
print(make(2).w)


# A keyword call of the same class is not specialized and still works.
print(P(a=1, b=2).w)


# Deep recursion through a class call gives RecursionError.
class R:
    def __init__(self, n):
        self.child = R(n + 1) if n < 100000 else None


try:
    R(0)
except RecursionError as e:
    print("RecursionError", e)
