# Annotations on variables, functions and classes.
x: int = 5
y: "list[int]"
print(x, __annotations__)
def f(a: int, b: str = "s", *args: float, c: bool = True, **kw: dict) -> None:
    pass
print(f.__annotations__)
class P:
    name: str
    age: int = 0
print(P.__annotations__, P.age)
def g():
    z: int = 3
    return z
print(g())
try:
    print(y)
except NameError as e:
    print("NameError", e)
