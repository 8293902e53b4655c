# while loops with else, break and continue.
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n", n)
else:
    print("while else", n)
i = 0
while True:
    i += 1
    if i > 3:
        break
print("broke at", i)
a, b = 0, 1
fibs = []
while len(fibs) < 15:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
x = 27
steps = 0
while x != 1:
    x = x // 2 if x % 2 == 0 else 3 * x + 1
    steps += 1
print("collatz steps", steps)
k = 10
while k:
    k -= 3
    if k < 0:
        break
else:
    print("not reached")
print("k", k)
