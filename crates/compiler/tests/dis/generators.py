def gen(x):
    y = yield x
    z = yield from y
    return z

async def co(s):
    async with s as t:
        await t
    async for i in s:
        print(i)
    return [j async for j in s]

async def agen():
    yield 1
    await x

def comps(xs):
    a = [x * 2 for x in xs if x]
    b = {x for x in xs for y in x}
    c = {k: v for k, v in xs}
    d = (x for x in xs)
    e = [y for x in xs for y in [x]]
    return a, b, c, d, e, [(w := x) for x in xs], w
