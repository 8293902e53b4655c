# aiter() and anext() driven by hand.
class Agen:
    def __init__(self):
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        self.i += 1
        if self.i > 2:
            raise StopAsyncIteration
        return self.i
async def main():
    it = aiter(Agen())
    print(await anext(it), await anext(it), await anext(it, "default"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    async def agen():
        yield "from async generator"
    print(await anext(agen()))
c = main()
try:
    c.send(None)
except StopIteration:
    print("main finished")
try:
    aiter(5)
except TypeError as e:
    print(e)
