# Building strings: concatenation, repetition, join, in-place growth.
s = ""
for i in range(10):
    s += str(i)
print(s, len(s))
parts = []
for i in range(5):
    parts.append("x" * i)
print("|".join(parts))
print("ab" * 3, 3 * "ab", "ab" * 0, "ab" * -1)
r = "a"
for _ in range(10):
    r = r + r
print(len(r))
print("-".join(str(n) for n in range(5)), "".join([]))
buf = []
for word in ["alpha", "beta", "gamma"]:
    buf.append(word.capitalize())
print(" ".join(buf))
