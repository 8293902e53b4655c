# dir() and vars() of modules, classes and instances.
class Base:
    a = 1
    def m(self): pass
class Sub(Base):
    b = 2
s = Sub()
s.c = 3
print([n for n in dir(s) if not n.startswith("__")])
print([n for n in dir(Sub) if not n.startswith("__")])
print(vars(s), "b" in vars(Sub), "a" in vars(Sub))
def f():
    x = 1
    y = 2
    return dir()
print(f())
import math
print("sqrt" in dir(math), "pi" in vars(math))
class WithDir:
    def __dir__(self):
        return ["z", "a", "m"]
print(dir(WithDir()))
