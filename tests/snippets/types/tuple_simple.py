# Simple tuple operations.
t = (1, "a", 2.5)
print(t, len(t), t[1], t[-1])
a, b, c = t
print(a, b, c)
print(t + (None,), (1,) * 3, () == ())
