# Common list methods and behaviour.
l = [3, 1, 2]
l.append(4); l.extend([5, 6]); l.insert(0, 0); l.insert(100, 7); l.insert(-1, 9)
print(l, len(l))
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(9)
print(l, l.index(2), l.count(1), 1 in l)
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.reverse(); print(l)
words = ["banana", "Apple", "cherry", "apple"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
c = l.copy(); c.append(99); print(l, c)
l.clear(); print(l)
print([1, 2] + [3], [0] * 3, [[]] * 2, list("abc"), list(range(3)), list((1, 2)))
m = [1, 2, 3]
m += (4,)
m *= 2
print(m, m[::-1], m[-1], m[2:4])
print([1, 2] == [1, 2], [1, 2] != [2, 1], [2] > [1, 5], max([3, 8, 1]), min([3, 8, 1]), sum([1, 2, 3]))
for op in (lambda: [].pop(), lambda: [1].index(5), lambda: [1].remove(2), lambda: [1][3], lambda: [1, "a"].sort()):
    try:
        op()
    except Exception as e:
        print(type(e).__name__, e)
a = [1, 2, 3]
a[1] = a
print(a)
print(repr([1, "a", None, 2.5, (1,)]), str([]))
stable = sorted([(1, "b"), (0, "z"), (1, "a"), (0, "y")], key=lambda t: t[0])
print(stable)
