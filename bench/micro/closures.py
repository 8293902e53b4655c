"""Closures: creating them, calling them, reading and rebinding cell variables."""


def make_counter(start):
    count = start

    def step(k):
        nonlocal count
        count += k
        return count

    return step


def make_adder(n):
    return lambda x: x + n


def compose(f, g):
    def h(x):
        return f(g(x))

    return h


def main(n):
    counter = make_counter(10)
    add3 = make_adder(3)
    twice = compose(add3, make_adder(-1))
    acc = 0
    for i in range(n):
        acc += counter(i & 7)
        acc += twice(i)
        if i % 1000 == 0:
            fresh = make_adder(i)
            acc += fresh(1) + make_counter(i)(2)
        acc &= 0xFFFFFFF
    return acc


print("checksum", main(1_500_000))
