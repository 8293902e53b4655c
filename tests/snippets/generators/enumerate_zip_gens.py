# Generators combined with builtins that consume iterators.
def count_up(n):
    yield from range(n)
print(list(enumerate(count_up(3))), list(zip(count_up(3), count_up(5))), dict(zip("ab", count_up(2))))
print(sorted(count_up(4), reverse=True), min(count_up(3)), max(count_up(3)), sum(count_up(4)))
print(list(map(lambda a, b: a + b, count_up(3), count_up(3))), tuple(filter(None, count_up(4))))
it = count_up(5)
print(3 in it, list(it))
a, b, *c = count_up(5)
print(a, b, c)
print(*count_up(3))
print("".join(str(x) for x in count_up(5)), set(count_up(3)) == {0, 1, 2})
