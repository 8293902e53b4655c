# generator.send, throw and close.
def averager():
    total, n = 0, 0
    avg = None
    while True:
        value = yield avg
        total += value
        n += 1
        avg = total / n
a = averager()
print(next(a), a.send(10), a.send(20), a.send(60))
def catcher():
    while True:
        try:
            x = yield
            print("got", x)
        except ValueError as e:
            print("caught thrown", e)
            yield "recovered"
c = catcher()
next(c)
c.send(1)
print(c.throw(ValueError("boom")))
next(c)
try:
    c.throw(KeyError("not caught"))
except KeyError as e:
    print("propagated", e)
def closer():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup on close")
g = closer()
next(g)
g.close()
g.close()
print("closed")
def bad_close():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"
b = bad_close()
next(b)
try:
    b.close()
except RuntimeError as e:
    print(e)
g2 = closer()
try:
    g2.send(5)
except TypeError as e:
    print(e)
def gen_exit():
    try:
        yield
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
ge = gen_exit()
next(ge)
ge.close()
