# Conditional expressions and lambdas.
for n in (-1, 0, 1):
    print("neg" if n < 0 else "zero" if n == 0 else "pos")
add = lambda a, b=10: a + b
print(add(1), add(1, 2), (lambda *a, **k: (a, k))(1, z=2))
print((lambda: "no args")(), (lambda x: lambda y: x + y)(3)(4))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
print(list(map(lambda x: x ** 2, range(5))))
print(list(filter(lambda x: x % 2, range(10))))
print(add.__name__, (lambda: 0).__name__)
