# Every parameter kind: positional-only, normal, *args, keyword-only, **kwargs.
def f(a, b, /, c, d=4, *args, e, f=6, **kw):
    return (a, b, c, d, args, e, f, kw)
print(f(1, 2, 3, e=5))
print(f(1, 2, c=3, d=9, e=5, z=0))
print(f(1, 2, 3, 4, 5, 6, e=7, f=8, g=9))
def kwonly(*, x, y=2):
    return x + y
print(kwonly(x=1), kwonly(y=5, x=1))
def posonly(x, y=10, /):
    return x * y
print(posonly(3), posonly(3, 4))
def star(*a):
    return a
print(star(), star(1), star(*range(4)))
def dstar(**k):
    return sorted(k.items())
print(dstar(), dstar(b=1, a=2))
def both(a, *args, b=0, **kwargs):
    return a, args, b, kwargs
print(both(1, 2, 3, b=4, c=5))
def attempt(fn, *a, **k):
    try:
        print(fn(*a, **k))
    except TypeError as e:
        print("TypeError:", e)
attempt(f, 1, 2, 3)
attempt(f, 1, b=2, c=3, e=4)
attempt(kwonly, 1)
attempt(kwonly)
attempt(posonly)
attempt(posonly, x=1)
attempt(posonly, 1, 2, 3)
attempt(both)
attempt(dstar, 1)
attempt(f, 1, 2, 3, e=1, c=3)
def kw_collision(a, **kw):
    return a, kw
attempt(kw_collision, 1, **{"a": 2})
print(kw_collision(1, **{"b": 2}))
