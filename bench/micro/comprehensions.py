"""List, dict and set comprehensions, nested and filtered."""


def main(n):
    acc = 0
    for r in range(n):
        row = [x * r for x in range(100)]
        evens = [x for x in row if x % 2 == 0]
        pairs = [(a, b) for a in range(10) for b in range(a)]
        index = {x: i for i, x in enumerate(evens)}
        unique = {x % 17 for x in row}
        acc += len(evens) + len(pairs) + len(index) + len(unique) + sum(row) % 1000
    return acc


print("checksum", main(20_000))
