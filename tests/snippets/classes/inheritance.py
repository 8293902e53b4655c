# Single and multiple inheritance, MRO, method overriding.
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def intro(self):
        return f"{self.name} says {self.speak()}"
class Dog(Animal):
    def speak(self):
        return "woof"
class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"
for a in (Animal("a"), Dog("d"), Puppy("p")):
    print(a.intro())
print([c.__name__ for c in Puppy.__mro__])
print(issubclass(Puppy, Animal), isinstance(Puppy("x"), Dog), Dog.__bases__[0].__name__)
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.mro()])
try:
    class X(A, B): pass
except TypeError as e:
    print(e)
print(Dog.__subclasses__()[0].__name__, object in Dog.__mro__)
