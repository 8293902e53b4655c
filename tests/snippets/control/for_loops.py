# for loops: else clauses, break, continue, nested loops, iteration forms.
for i in range(3):
    print("i", i)
else:
    print("completed")
for i in range(10):
    if i == 2:
        continue
    if i == 5:
        break
    print("got", i)
else:
    print("not printed")
for ch in "ab":
    for n in (1, 2):
        print(ch, n)
for k, v in {"x": 1, "y": 2}.items():
    print(k, v)
for i, ch in enumerate("xyz", start=1):
    print(i, ch)
for a, b in zip([1, 2, 3], "abc"):
    print(a, b)
for x in []:
    print("never")
else:
    print("empty loop else")
total = 0
for i in range(1, 101):
    total += i
print(total, i)
l = [1, 2, 3]
for x in l:
    if x == 1:
        l.append(4)
    print("saw", x)
