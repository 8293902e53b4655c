# async def / await / async for / async with, driven by hand.
import types
class Ready:
    def __init__(self, value):
        self.value = value
    def __await__(self):
        yield "suspended"
        return self.value
async def add(a, b):
    x = await Ready(a)
    y = await Ready(b)
    return x + y
async def main():
    r = await add(1, 2)
    print("sum", r)
    return r * 10
def drive(coro):
    try:
        while True:
            got = coro.send(None)
            print("yielded", got)
    except StopIteration as e:
        return e.value
print(drive(main()))
class AIter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
class ACtx:
    async def __aenter__(self):
        print("enter")
        return "ctx"
    async def __aexit__(self, *exc):
        print("exit", exc[0])
        return False
async def loops():
    async for v in AIter(3):
        print("item", v)
    async with ACtx() as c:
        print("inside", c)
    print([v async for v in AIter(2)])
drive(loops())
c = add(1, 1)
print(type(c).__name__, isinstance(c, types.CoroutineType))
c.close()
