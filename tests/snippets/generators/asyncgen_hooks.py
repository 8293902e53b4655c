# sys.set_asyncgen_hooks / get_asyncgen_hooks: firstiter runs at the first
# step of an async generator, finalizer when an unfinished one is collected.
import sys, gc

print(sys.get_asyncgen_hooks())
print(type(sys.get_asyncgen_hooks()).__name__)

seen = []
def firstiter(agen):
    seen.append(('firstiter', agen.__qualname__))
def finalizer(agen):
    seen.append(('finalizer', agen.__qualname__))

async def agen():
    yield 1
    yield 2

def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value

old = sys.get_asyncgen_hooks()
sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)
h = sys.get_asyncgen_hooks()
print(h.firstiter is firstiter, h.finalizer is finalizer, h[0] is firstiter)

g = agen()
print(seen)
print(run(g.__anext__()))
print(seen)
del g
gc.collect()
print(seen)

# Only unspecified hooks stay; None clears one.
sys.set_asyncgen_hooks(finalizer=None)
print(sys.get_asyncgen_hooks().firstiter is firstiter, sys.get_asyncgen_hooks().finalizer)
for bad in [dict(firstiter=1), dict(finalizer='x')]:
    try:
        sys.set_asyncgen_hooks(**bad)
    except TypeError as e:
        print("TypeError", e)
sys.set_asyncgen_hooks(*old)
print(sys.get_asyncgen_hooks())
