x: int = 1
y: "str"
a.b: int = 2
c[0]: int
(d): int = 3
@dec
class C(A, *bases, **kw):
    z: int
    def __init__(self, a=lambda: b):
        self.__p = a
    @staticmethod
    def s(*, k=[1, 2]): return k
g = (x * y for x in range(3) for y in range(x))
a = b = c, d = 1, 2
a[1:2] = b[::2] = [1]
print(f"{x:{width}.{prec}f} {y!a} {'nested'}")
def gen():
    try:
        yield 1
    finally:
        yield 2
def ts():
    try:
        a()
    except* ValueError:
        pass
    finally:
        b()
async def aw():
    async with a as b:
        async with c:
            return await d
    async for x in y:
        break
    else:
        pass
if x:
    import os
elif y:
    from os import path
else:
    pass
while x:
    if y:
        continue
    x -= 1
else:
    z = 1
del a, b[0], c.d
raise ValueError("x") from None
