# Sorting: stability, keys, reverse, mixed numbers.
data = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22)]
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data))
nums = [3, 1.5, -2, 10 ** 20, 0, True, -0.5]
print(sorted(nums), sorted(nums, reverse=True), sorted(nums, key=abs))
import random
r = random.Random(12345)
big = [r.randint(0, 1000) for _ in range(200)]
s = sorted(big)
print(s[:10], s[-5:], all(s[i] <= s[i + 1] for i in range(len(s) - 1)))
l = list(range(20, 0, -1))
l.sort(key=lambda x: x % 5)
print(l)
print(sorted("The quick brown fox".split(), key=str.casefold))
print(sorted([[3, 1], [1, 2], [1, 1]]), sorted([(2, "b"), (2, "a")]))
class R:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"R({self.v})"
print(sorted([R(3), R(1), R(2)]), min(R(5), R(4)), max([R(1), R(9)]))
