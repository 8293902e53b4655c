# The __class__ cell: zero-argument super() in nested functions and comprehensions.
class Base:
    def greet(self):
        return "base"
class Child(Base):
    def greet(self):
        parts = [super().greet() for _ in range(2)]
        inner = lambda: super(Child, self).greet()
        return parts + [inner(), __class__.__name__]
print(Child().greet())
class WithClassRef:
    def who(self):
        return __class__
print(WithClassRef().who() is WithClassRef)
def outside():
    try:
        super()
    except RuntimeError as e:
        return str(e)
print(outside())
class Weird:
    def m(self):
        def nested():
            return __class__
        return nested()
print(Weird().m().__name__)
