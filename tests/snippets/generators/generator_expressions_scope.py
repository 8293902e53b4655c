# Generator expression scoping: first iterable evaluated eagerly.
x = [1, 2, 3]
g = (i * 2 for i in x)
x = [10, 20]
print(list(g))
def make():
    n = 2
    return (i * n for i in range(3))
print(list(make()))
try:
    g = (y for y in undefined_iterable)
except NameError as e:
    print("eager:", e)
g = (undefined_name for _ in range(1))
try:
    next(g)
except NameError as e:
    print("lazy:", e)
print(sum(i for i in range(10) if i % 3), sorted((c for c in "dcba"), reverse=True))
