def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:
    "docstring"
    return a + b

def outer(x):
    y = 1
    def inner(z):
        nonlocal y
        y += z
        return x + y
    return inner

@decorator
@other(1)
def decorated():
    pass

lam = lambda x, *, y=2: x + y

def uses_global():
    global G
    G = 1
    return G
