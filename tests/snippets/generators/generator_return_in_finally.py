# Interplay of return, finally and StopIteration in generators.
def g():
    try:
        yield 1
        return "from try"
    finally:
        print("finally in generator")
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("value:", e.value)
def early():
    return 5
    yield
try:
    next(early())
except StopIteration as e:
    print("early", e.value)
def counted():
    n = 0
    try:
        while True:
            got = yield n
            n += got or 1
    finally:
        print("final n", n)
c = counted()
next(c); c.send(5); c.send(None)
c.close()
