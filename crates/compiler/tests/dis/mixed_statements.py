def f(x):
    for i in x:
        try:
            if i: break
            if not i: continue
            return i
        finally:
            print(i)
    with a as b, c:
        return b
def g():
    try:
        return 1
    finally:
        return 2
def h(n):
    match n:
        case [x, y] | (y, x) if x > y:
            return x
        case {"a": [1, z]} | {"b": z}:
            return z
        case Point(x, y=[*rest]):
            return rest
        case a as b:
            return b
class K:
    global q
    q = 1
    def m(self):
        class Inner:
            def n(s):
                return __class__, self
        return Inner
async def ac(xs):
    return [x async for x in xs if await x], {await y for y in xs}
def big(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p):
    return fn(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q=a, r=b, s=c, t=d, u=e, v=f, w=g, x=h)
def star(*a, **k):
    return fn(*a, x=1, **k, y=2), fn(1, *a), [*a, 1, 2, 3], {**k, 'x': 1}
def nl():
    x = 0
    def inc():
        nonlocal x
        x += 1
        del x
    return inc
def aug(o):
    o.a.b += 1
    o[1][2] **= 3
    (x) = 1
    x: int
    o.y: int
