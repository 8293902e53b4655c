# Edge cases of argument passing.
def f(a, b=2, *args, **kw):
    return a, b, args, kw
print(f(*range(5), **{}), f(1, *(), **{"x": 1}), f(*[1], b=5))
print(f(*iter([1, 2, 3])), f(*(i for i in range(3))), f(*{"k": 1}))
def g(*, x):
    return x
print(g(**{"x": 42}))
def h(a, b):
    return a - b
args = {"b": 1, "a": 10}
print(h(**args), h(*[10], **{"b": 3}))
try:
    h(1, 2, 3)
except TypeError as e:
    print(e)
try:
    h(1, a=2)
except TypeError as e:
    print(e)
try:
    h(1, c=2)
except TypeError as e:
    print(e)
try:
    f(*5)
except TypeError as e:
    print(e)
try:
    f(**[1])
except TypeError as e:
    print(e)
