# range objects.
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], 5 in r, 6 in r, r.index(8), r.count(5))
print(list(range(5)), list(range(5, 0, -1)), list(range(0)), list(range(-3, 3)), len(range(0, 10, -1)))
print(range(10)[::-1], list(range(10)[::-2]), range(3) == range(0, 3), range(0) == range(5, 5))
print(range(10 ** 20)[-1], range(0, 10 ** 20, 7)[-1], reversed(range(3)).__class__.__name__)
print(sum(range(1000)), max(range(7)), r.start, r.stop, r.step)
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    range(3)[5]
except IndexError as e:
    print(e)
