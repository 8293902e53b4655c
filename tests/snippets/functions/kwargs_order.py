# **kwargs preserve the order in which keywords were passed.
def show(**kw):
    return list(kw)
print(show(z=1, a=2, m=3), show(**{"b": 1, "a": 2}), show(c=1, **{"b": 2}, a=3))
def mixed(a, b=None, **rest):
    return a, b, rest
print(mixed(b=1, a=2, c=3), mixed(1, 2, d=4))
import inspect
def sig(a, /, b, *c, d=1, **e): pass
print(inspect.signature(sig))
print([p.kind.name for p in inspect.signature(sig).parameters.values()])
