"""Python-to-Python function calls with positional, default and keyword arguments."""
def add(a, b):
    return a + b
def scale(x, factor=3):
    return x * factor
def combine(a, b, *, bias=0):
    return add(a, b) + bias
def main(n):
    acc = 0
    for i in range(n):
        acc = add(acc, scale(i)) - combine(i, 1, bias=2)
        acc &= 0xFFFFFF
    return acc
print("checksum", main(3_000_000))
