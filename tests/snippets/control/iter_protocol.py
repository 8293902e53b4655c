# The iterator protocol: __iter__/__next__, iter(callable, sentinel), __getitem__ iteration.
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), [x for x in Seq()])
vals = iter([5, 6, 0, 7])
print(list(iter(lambda: next(vals), 0)))
it = iter([1, 2])
print(next(it), next(it), next(it, "default"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
try:
    iter(5)
except TypeError as e:
    print(e)
r = reversed([1, 2, 3])
print(next(r), list(r))
e = enumerate(["a", "b"])
print(iter(e) is e, list(e))
