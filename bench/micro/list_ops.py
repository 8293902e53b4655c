"""List operations: append/pop, indexing, slicing, insert, extend, reverse, in, index."""


def main(n):
    stack = []
    for i in range(n):
        stack.append(i)
        if i % 3 == 0:
            stack.pop()
    acc = 0
    for i in range(0, len(stack), 2):
        acc += stack[i] - stack[-1 - i]
    chunks = [stack[i:i + 10] for i in range(0, len(stack), 10)]
    flat = []
    for c in chunks:
        flat.extend(c)
    flat.reverse()
    small = list(range(200))
    for i in range(n // 100):
        small.insert(i % 50, i)
        small.pop(0)
        acc += small.index(small[i % 100])
        if (i % 300) in small:
            acc += 1
    return acc + len(flat) + flat[0] + sum(small)


print("checksum", main(2_000_000))
