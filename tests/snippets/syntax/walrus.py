# Assignment expressions (:=).
data = [1, 5, 2, 8, 3]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 5])
print(y)
total = 0
while (chunk := data[total:total + 2]):
    print("chunk", chunk)
    total += 2
def f(v):
    return (w := v + 1) * w
print(f(3))
print((a := 10), a + 1)
values = [(z := i) for i in range(3)]
print(values, z)
