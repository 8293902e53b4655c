# Subclassing builtin types.
class MyList(list):
    def sum(self):
        return sum(self)
    def append(self, x):
        super().append(x * 10)
m = MyList([1, 2])
m.append(3)
print(m, m.sum(), len(m), type(m).__name__, type(m[:]).__name__, isinstance(m, list))
class CountDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v + 1)
cd = CountDict()
cd["a"] = 1
print(cd, cd["a"])
class Str(str):
    def shout(self):
        return self.upper() + "!"
s = Str("hey")
print(s.shout(), s + "x", type(s + "x").__name__, s == "hey", hash(s) == hash("hey"))
class MyInt(int):
    def __add__(self, o):
        return MyInt(int(self) + int(o) + 1000)
print(MyInt(1) + 1, 1 + MyInt(1), MyInt(5) * 2)
class E(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise E(7)
except E as e:
    print(e, e.code, e.args)
class T(tuple):
    pass
print(T((1, 2)), T([3]) + (4,))
