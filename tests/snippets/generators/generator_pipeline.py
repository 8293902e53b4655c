# Lazy pipelines of generators.
def numbers(n):
    for i in range(n):
        print("produce", i)
        yield i
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def scaled(src, k):
    for x in src:
        yield x * k
for v in scaled(evens(numbers(5)), 10):
    print("consume", v)
words = "the quick brown fox jumps over the lazy dog".split()
lengths = (len(w) for w in words)
print(max(lengths), list(lengths))
print(any(x > 3 for x in [1, 5, 2]), all(x > 0 for x in []), next((w for w in words if w.startswith("f")), None))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
import itertools
print(list(itertools.takewhile(lambda x: x < 100, fib())))
