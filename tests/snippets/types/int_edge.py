# Small/large int boundaries around 62/63/64 bits and their arithmetic.
edges = [2 ** 30, 2 ** 31, 2 ** 32, 2 ** 61, 2 ** 62, 2 ** 63, 2 ** 64]
for e in edges:
    for v in (e - 1, e, -e, -e - 1):
        print(v, v + 1, v - 1, v * 2, v * v, v // 3, v % 7, -v, abs(v), v >> 1, v << 1)
print(-(2 ** 63) // -1, (2 ** 62) * 2, (-(2 ** 62)) * 2, 4611686018427387903 * 4611686018427387903)
acc = 0
for i in range(100):
    acc = acc * 31 + i
print(acc, acc % (2 ** 64), acc.bit_length())
print(sum(range(10 ** 6)), sum(x * x for x in range(1000)))
