# Simple list operations.
l = [1, 2, 3]
print(l)
l.append(4)
print(l, len(l))
print(l[0], l[-1], l[1:3])
l[0] = 10
print(l)
print(l + [5], [0] * 3)
print(2 in l, 9 in l)
