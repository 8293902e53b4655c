# Class objects are mutable: adding methods and attributes at run time.
class C:
    pass
c = C()
C.greet = lambda self: "hi from added method"
print(c.greet())
def area(self):
    return self.w * self.h
C.area = area
c.w, c.h = 3, 4
print(c.area())
C.area = lambda self: -1
print(c.area())
del C.greet
print(hasattr(c, "greet"))
setattr(C, "dyn", 5)
print(C.dyn, c.dyn, getattr(C, "dyn"))
T = type("T", (C,), {"z": 9, "m": lambda self: self.z * 2})
t = T()
print(T.__name__, t.m(), isinstance(t, C), T.__bases__[0].__name__, T.__mro__[-1].__name__)
class Counter:
    n = 0
a, b = Counter(), Counter()
a.n += 1
print(a.n, b.n, Counter.n)
Counter.n = 10
print(a.n, b.n)
