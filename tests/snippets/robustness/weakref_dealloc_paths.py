# Weak references die with their referent on every deallocation path the
# interpreter takes: plain instances, instances whose __class__ was assigned
# after the weakref was made, objects of types weakly referenced for the first
# time late, and many short-lived referents.
import weakref


class A:
    pass


class B:
    pass


a = A()
r = weakref.ref(a, lambda w: print("callback, dead:", w() is None))
a.__class__ = B
print(type(a).__name__, r() is a)
del a
print("after del:", r())


def make():
    return [A() for _ in range(5)]


objs = make()
refs = [weakref.ref(o) for o in objs]
print([w() is not None for w in refs])
del objs
print([w() for w in refs])


class Late:
    pass


keep = [Late() for _ in range(3)]
for _ in range(1000):
    Late()
w = weakref.ref(keep[1])
print(w() is keep[1])
keep.pop(1)
print(w())


def f():
    pass


wf = weakref.ref(f)
del f
print(wf())
print(sum(1.5 * i for i in range(1000)))
