# Every parameter kind, binding errors, defaults and * / ** unpacking errors.
# parameter kinds
def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    return (a, b, c, args, d, e, kw)
print(f(1, d=4))
print(f(1, 2, 3, 4, 5, d=6, z=7))
for call in ["f()", "f(1)", "f(a=1, d=2)", "f(1, 2, 3, c=4, d=5)", "f(1, d=1, d=2)", "f(1, b=2, d=3)"]:
    try:
        print(eval(call))
    except TypeError as ex:
        print(call, "->", ex)
def g(*, a): return a
for call in ["g(1)", "g()", "g(b=1)", "g(a=1, b=2)"]:
    try:
        print(eval(call))
    except TypeError as ex:
        print(call, "->", ex)
def h(a, b, /): return a + b
for call in ["h(1, b=2)", "h(1)", "h(1, 2, 3)", "h(a=1, b=2)"]:
    try:
        print(eval(call))
    except TypeError as ex:
        print(call, "->", ex)
def k(a, b=[], *, c={}): b.append(a); return b, c
print(k(1), k(2))
print(f.__defaults__, f.__kwdefaults__, f.__code__.co_argcount, f.__code__.co_posonlyargcount, f.__code__.co_kwonlyargcount, f.__code__.co_varnames)
print(f.__code__.co_flags & 0xc)
import inspect
lam = lambda x, /, y=1, *a, z, **k: (x, y, a, z, k)
print(lam(1, z=2), lam.__name__, lam.__qualname__)
def m(**kw): return kw
print(m(**{"a": 1}, b=2, **{"c": 3}))
try:
    m(**{"a": 1}, **{"a": 2})
except TypeError as ex:
    print(ex)
try:
    m(**{1: 2})
except TypeError as ex:
    print(ex)
def n(*args): return args
print(n(*range(3), *"ab", 5))
try:
    n(*5)
except TypeError as ex:
    print(ex)
try:
    m(**5)
except TypeError as ex:
    print(ex)
