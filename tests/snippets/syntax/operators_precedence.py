# Operator precedence and associativity.
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, (2 ** 3) ** 2)
print(-2 ** 2, (-2) ** 2, 2 ** -1, -2 ** -1)
print(10 - 4 - 3, 100 / 10 / 5, 2 * 3 % 4, 7 // 2 * 2)
print(1 << 2 + 1, (1 << 2) + 1, 6 & 3 | 8, 6 ^ 3 & 1, ~0 & 0xff)
print(not 1 == 2, not (1 and 0), 1 or 0 and 0, (1 or 0) and 0)
print(1 if True else 2 if False else 3)
print(3 > 2 == 2, 1 < 2 < 3 < 4, 1 < 3 > 2, 1 == 1.0 != None)
print(- - -3, + - +3, ~~7)
x = [1, 2, 3]
print(x[1] ** 2, -x[0], not x, [] or "empty")
print("a" "b" * 2, ("a" + "b") * 2)
print(5 in x or 2 in x, 3 not in x)
