# Functions that return generators versus lists.
def squares(n):
    for i in range(n):
        yield i * i
def evens(limit):
    return (x for x in range(limit) if x % 2 == 0)
print(list(squares(5)), sum(squares(10)), list(evens(10)))
def pipeline(data):
    stripped = (s.strip() for s in data)
    nonempty = (s for s in stripped if s)
    return [s.upper() for s in nonempty]
print(pipeline(["  a ", "", " b", "   "]))
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(take(5, naturals()))
