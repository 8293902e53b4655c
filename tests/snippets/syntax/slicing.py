# Slicing with every combination of start/stop/step.
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[:], s[::2], s[1::3], s[::-1], s[-3:], s[:-7])
print(s[8:2:-2], s[-1:-5:-1], s[100:], s[-100:2], s[5:2], s[::-3])
t = "abcdefgh"
print(t[1:4], t[::-1], t[-2:], t[::3], t[10:20] == "")
print((1, 2, 3, 4)[1:3], b"bytes"[1:-1], range(20)[3:15:4])
s[2:4] = ["a", "b", "c"]
print(s)
s[::2] = [0] * len(s[::2])
print(s)
del s[1:3]
print(s)
del s[::3]
print(s)
print(slice(1, 5, 2), slice(3), s[slice(None, None, -1)])
print(slice(1, 10, 3).indices(5), slice(None, None, -1).indices(4))
try:
    s[::2] = [1]
except ValueError as e:
    print(e)
try:
    s[::0]
except ValueError as e:
    print(e)
