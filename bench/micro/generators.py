"""Generator pipelines and comprehensions."""
def numbers(n):
    for i in range(n):
        yield i
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def main(n):
    total = sum(x * x for x in evens(numbers(n)))
    squares = [x * x for x in range(n // 4) if x % 3]
    lookup = {x: x + 1 for x in range(n // 8)}
    return total + len(squares) + sum(lookup.values())
print("checksum", main(4_000_000))
