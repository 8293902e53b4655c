# A tiny scheduler that drives coroutines by hand with send(None).
import types
@types.coroutine
def sleep_tick():
    yield "tick"
async def worker(name, n):
    for i in range(n):
        print(f"{name} step {i}")
        await sleep_tick()
    return f"{name} finished"
def run_all(coros):
    queue = list(coros)
    results = []
    while queue:
        c = queue.pop(0)
        try:
            c.send(None)
            queue.append(c)
        except StopIteration as e:
            results.append(e.value)
    return results
print(run_all([worker("a", 2), worker("b", 3), worker("c", 1)]))
async def fails():
    await sleep_tick()
    raise ValueError("coroutine failed")
c = fails()
c.send(None)
try:
    c.send(None)
except ValueError as e:
    print("caught", e)
async def never_awaited():
    return 1
co = never_awaited()
print(type(co).__name__, co.cr_running)
co.close()
async def thrower():
    try:
        await sleep_tick()
    except KeyError:
        return "handled thrown KeyError"
t = thrower()
t.send(None)
try:
    t.throw(KeyError())
except StopIteration as e:
    print(e.value)
