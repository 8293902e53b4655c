# A coroutine collected without being awaited gives a RuntimeWarning.
import warnings

async def job():
    return 1

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = job()
    del c
    print([(x.category.__name__, str(x.message)) for x in w])

# An awaited (or closed) coroutine gives none.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = job()
    try:
        c.send(None)
    except StopIteration as e:
        print("result", e.value)
    del c
    c = job()
    c.close()
    del c
    print(len(w))
print("end")
