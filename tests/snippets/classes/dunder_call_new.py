# __new__, __init__, __call__ and singletons.
class Single:
    _inst = None
    def __new__(cls, *a):
        if cls._inst is None:
            print("creating")
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v):
        print("init", v)
        self.v = v
a = Single(1)
b = Single(2)
print(a is b, a.v)
class Pos(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
print(Pos(-5), Pos(-5) + 1, type(Pos(3)).__name__, isinstance(Pos(1), int))
class NotInst:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never called")
print(NotInst())
class Up(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
print(Up("abc"), Up("x") + "y", len(Up("abc")))
