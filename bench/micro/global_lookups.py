"""Module-global and builtin name lookups inside functions."""

SCALE = 3
OFFSET = 7
TABLE = [i * i for i in range(64)]


def step(i):
    return (i * SCALE + OFFSET) & 63


def main(n):
    acc = 0
    for i in range(n):
        j = step(i)
        acc += TABLE[j] + len(TABLE) + abs(OFFSET - j) + min(j, SCALE) + max(j, OFFSET)
        if isinstance(j, int):
            acc += 1
    return acc


print("checksum", main(1_000_000))
