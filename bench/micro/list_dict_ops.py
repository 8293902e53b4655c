"""List and dict operations: append, index, slicing, sort, dict get/set, iteration."""
def main(n):
    lst = []
    for i in range(n):
        lst.append((i * 7919) % 10007)
    lst.sort()
    d = {}
    for v in lst:
        d[v] = d.get(v, 0) + 1
    total = 0
    for k, c in d.items():
        total += k * c
    sub = lst[100:5000:3]
    words = {}
    for i in range(n // 4):
        key = "k" + str(i % 5000)
        words[key] = words.get(key, 0) + i
    return total + sum(sub) + len(d) + sum(words.values()) % 1000003
print("checksum", main(1_000_000))
