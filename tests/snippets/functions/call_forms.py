# Calls with unpacking, keywords, callable objects and bound methods.
def f(*args, **kwargs):
    return args, kwargs
print(f(), f(1, 2), f(*[1, 2], *(3,)), f(a=1, **{"b": 2}, c=3), f(*"ab", **dict(x=1)))
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
    def method(self, y):
        return self.n * y
a = Adder(5)
print(a(1), callable(a), a.method(3), Adder.method(a, 4))
m = a.method
print(m(10), m.__self__ is a, m.__func__ is Adder.method, type(m).__name__)
print(list(map(a, [1, 2])), list(map(str.upper, ["a", "b"])))
print(max(3, 1, key=None), sorted([3, 1], reverse=True), print("inside", end="!\n"))
print("a", "b", sep="-", end="\n")
print(*range(3), sep=", ")
try:
    f(**{1: 2})
except TypeError as e:
    print(e)
try:
    f(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print(e)
try:
    s = "x"
    s()
except TypeError as e:
    print(e)
