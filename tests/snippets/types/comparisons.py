# Comparison operators, chains, identity, mixed types.
print(1 < 2, 2 <= 2, 3 > 4, 4 >= 4, 5 == 5, 5 != 5)
print(1 < 2 < 3, 1 < 2 > 3, 1 == 1 == 1.0, 3 > 2 > 1 > 0)
print("abc" < "abd", "Z" < "a", "" < "a", "ab" < "abc", [1, 2] < [1, 3], (1, 2) < (1, 2, 0))
print([1, [2]] == [1, [2]], (1,) == [1], {1: 2} == {1: 2}, {1, 2} == {2, 1})
print(1 == 1.0 == True, 0.5 < 1 < 1.5, -1 < 0 < True)
x = 1
print(None is None, [] is [], x is not None, None == None)
print({1, 2} < {1, 2, 3}, {1, 2} <= {1, 2}, {3} > set(), frozenset([1]) == {1})
calls = []
def v(x):
    calls.append(x)
    return x
print(v(1) < v(2) < v(0) < v(5))
print(calls)
for a, b in [(1, "1"), ([], ()), (None, 0)]:
    try:
        a < b
    except TypeError as e:
        print(e)
print(1 == "1", [] == (), None != 0)
print(float("nan") in [float("nan")], 2 ** 100 > 1e20, 2 ** 53 + 1 > 2.0 ** 53)
