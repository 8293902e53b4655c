# Default values are evaluated once, at definition time.
def append_to(x, target=[]):
    target.append(x)
    return target
print(append_to(1), append_to(2), append_to(3, []))
def safe_append(x, target=None):
    if target is None:
        target = []
    target.append(x)
    return target
print(safe_append(1), safe_append(2))
n = 10
def show(v=n):
    return v
n = 20
print(show())
print(append_to.__defaults__, show.__defaults__)
def kwd(*, a=1, b=2):
    return a, b
print(kwd.__kwdefaults__, kwd(b=3))
def counter(_state={"n": 0}):
    _state["n"] += 1
    return _state["n"]
print(counter(), counter(), counter())
