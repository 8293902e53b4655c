# yield from: delegation, return values, send/throw pass-through.
def inner():
    x = yield "inner 1"
    print("inner received", x)
    yield "inner 2"
    return "inner result"
def outer():
    result = yield from inner()
    print("outer got", result)
    yield "outer done"
g = outer()
print(next(g))
print(g.send("hello"))
print(next(g))
print(list(yield_from_iter for yield_from_iter in (lambda: (yield from range(3)))()))
def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", [1, 2], range(2))))
def tree(node):
    value, children = node
    yield value
    for c in children:
        yield from tree(c)
t = (1, [(2, [(4, [])]), (3, [])])
print(list(tree(t)))
def thrower():
    try:
        yield 1
    except KeyError:
        yield "inner handled KeyError"
def delegate():
    yield from thrower()
d = delegate()
next(d)
print(d.throw(KeyError()))
def sub():
    try:
        yield 1
    finally:
        print("sub finally")
def parent():
    yield from sub()
p = parent()
next(p)
p.close()
print("done")
