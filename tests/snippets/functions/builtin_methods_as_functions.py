# Unbound methods of builtin types used as plain functions.
print(list(map(str.strip, [" a ", "b  "])), list(map(str.lower, "ABC")))
print(str.join("-", "xyz"), list.__len__([1, 2]), dict.get({"a": 1}, "a"), int.__add__(2, 3))
print(sorted(["bB", "aA", "Cc"], key=str.swapcase), str.upper.__name__, type(str.upper).__name__)
print(list(map(len, ["", "a", "ab"])), list(filter(str.isdigit, "a1b2c3")))
m = "hello".upper
print(m(), type(m).__name__, m.__self__, m.__name__)
print(type(len).__name__, len.__name__, [].append.__name__, (1).__add__(2))
