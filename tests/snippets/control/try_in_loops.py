# Exceptions used for control flow in loops.
results = []
for v in ["1", "x", "3", None, "5"]:
    try:
        results.append(int(v))
    except ValueError:
        results.append("bad")
    except TypeError:
        results.append("none")
    else:
        results.append("ok")
print(results)
it = iter([1, 2, 3])
while True:
    try:
        x = next(it)
    except StopIteration:
        print("exhausted")
        break
    print("x", x)
def first_even(xs):
    for x in xs:
        try:
            if x % 2 == 0:
                return x
        finally:
            pass
    return None
print(first_even([1, 3, 4, 6]), first_even([1]))
