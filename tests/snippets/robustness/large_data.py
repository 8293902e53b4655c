# Large containers and strings.
big = list(range(1_000_000))
print(len(big), sum(big), big[-1])
big.reverse()
print(big[:3])
del big[::2]
print(len(big))
d = {i: i * i for i in range(200_000)}
for i in range(0, 200_000, 2):
    del d[i]
print(len(d), d[199_999], sum(d) % 1000)
s = "ab" * 5_000_000
print(len(s), s.count("ab"), s[-3:])
parts = [str(i) for i in range(100_000)]
joined = ",".join(parts)
print(len(joined), joined[:20])
st = set(range(100_000))
st -= set(range(0, 100_000, 3))
print(len(st))
b = bytes(10_000_000)
print(len(b), b.count(0))
