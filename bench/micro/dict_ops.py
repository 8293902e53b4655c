"""Dict operations: str and int keys, get/setdefault, in, del, iteration, update."""


def main(n):
    counts = {}
    for i in range(n):
        word = "key" + str(i % 5000)
        counts[word] = counts.get(word, 0) + 1
    groups = {}
    for i in range(n // 2):
        groups.setdefault(i % 97, []).append(i)
    squares = {}
    for i in range(n // 2):
        squares[i] = i * i
    found = 0
    for i in range(0, n, 3):
        if i in squares:
            found += 1
    for i in range(0, n // 2, 2):
        del squares[i]
    merged = dict(counts)
    merged.update({"key1": 0, "extra": 5})
    total = sum(counts.values()) + sum(len(v) for v in groups.values())
    for k, v in squares.items():
        total += v & 7
    return total + found + len(squares) + len(merged)


print("checksum", main(900_000))
