# slice objects and the __getitem__ protocol with slices.
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, s, repr(slice(None)), slice(5) == slice(None, 5), hash(slice(1, 2)) if False else "unhashable in 3.11")
try:
    hash(slice(1, 2))
except TypeError as e:
    print(e)
for args in [(None, None, None), (1, None, None), (-3, None, None), (None, None, -1), (10, -10, -2), (-100, 100, 3)]:
    sl = slice(*args)
    print(args, sl.indices(7), list(range(7))[sl])
class Recorder:
    def __getitem__(self, key):
        return key
r = Recorder()
print(r[1], r[1:2], r[::3], r[1:2, 3], r[...], r[:, None], r["a":"b":"c"])
try:
    slice(1, 2, 0).indices(5)
except ValueError as e:
    print(e)
l = list(range(10))
l[slice(2, 5)] = ["x"]
print(l)
