# Async generators driven by hand.
async def agen(n):
    for i in range(n):
        yield i * 10
    print("agen done")
async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    return out
c = consume()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
g = agen(2)
a = g.__anext__()
try:
    a.send(None)
except StopIteration as e:
    print("first", e.value)
print(type(g).__name__)
async def w():
    return 5
co = w()
print(co.__name__)
try:
    co.send(None)
except StopIteration as e:
    print("value", e.value)
try:
    co.send(None)
except RuntimeError as e:
    print(e)
