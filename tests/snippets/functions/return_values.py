# Return statements: none, multiple values, early exits.
def nothing():
    return
def implicit():
    pass
def many():
    return 1, "two", [3]
def early(x):
    if x < 0:
        return "negative"
    for i in range(x):
        if i == 3:
            return f"stopped at {i}"
    return "finished"
print(nothing(), implicit(), many(), early(-1), early(10), early(2))
a, b, c = many()
print(a, b, c)
def nested_return():
    def inner():
        return "inner"
    return inner(), inner
r, fn = nested_return()
print(r, fn())
