# Generator functions and expressions.
def gen():
    print("start")
    yield 1
    print("middle")
    yield 2
    print("end")
g = gen()
print(type(g).__name__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
print(list(gen()))
def with_return():
    yield "a"
    return "result"
g = with_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print("return value", e.value)
squares = (x * x for x in range(5))
print(sum(squares), sum(squares))
def infinite():
    i = 0
    while True:
        yield i
        i += 1
import itertools
print(list(itertools.islice(infinite(), 5)))
print(g.__name__, gen.__name__, g.gi_running, g.gi_frame is None)
