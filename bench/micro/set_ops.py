"""Set operations: add, membership, union/intersection/difference, set comprehensions."""


def main(n):
    seen = set()
    hits = 0
    for i in range(n):
        key = (i * 7919) % 50_000
        if key in seen:
            hits += 1
        else:
            seen.add(key)
    evens = {x for x in seen if x % 2 == 0}
    threes = {x for x in range(0, 50_000, 3)}
    acc = len(evens | threes) + len(evens & threes) + len(evens - threes) + len(evens ^ threes)
    words = set()
    for i in range(n // 4):
        words.add("w" + str(i % 3000))
    for w in list(words)[:1000]:
        words.discard(w)
    return hits + acc + len(words)


print("checksum", main(2_000_000))
