for i in range(5):
    print(i)
total = 0
for i in range(1, 11):
    total += i
print(total)
for c in "abc":
    print(c)
for x in [10, 20]:
    print(x)
