# super() in many forms.
class Base:
    def __init__(self, x):
        self.x = x
        print("Base.__init__", x)
    def value(self):
        return self.x
    @classmethod
    def make(cls, x):
        print("Base.make for", cls.__name__)
        return cls(x)
class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def value(self):
        return super().value() * 10 + self.y
    @classmethod
    def make(cls, x):
        return super().make(x)
class Explicit(Child):
    def value(self):
        return super(Child, self).value()
c = Child(1, 2)
print(c.value())
e = Explicit(3, 4)
print(e.value())
try:
    Child.make(5)
except TypeError as ex:
    print(ex)
class Meta:
    def __init_subclass__(cls, **kw):
        super().__init_subclass__()
        print("init_subclass", cls.__name__, kw)
class Sub(Meta, tag="t"):
    pass
class Diamond:
    def hello(self): return ["Diamond"]
class Left(Diamond):
    def hello(self): return ["Left"] + super().hello()
class Right(Diamond):
    def hello(self): return ["Right"] + super().hello()
class Bottom(Left, Right):
    def hello(self): return ["Bottom"] + super().hello()
print(Bottom().hello())
print(super(Bottom, Bottom()).hello())
