# A basic class with instance and class attributes.
class Dog:
    species = "canis"
    count = 0
    def __init__(self, name, age):
        self.name = name
        self.age = age
        Dog.count += 1
    def describe(self):
        return f"{self.name} is {self.age}"
    def birthday(self):
        self.age += 1
        return self
d = Dog("Rex", 3)
e = Dog("Fido", 5)
print(d.describe(), e.describe(), Dog.count, d.species, Dog.species)
d.birthday().birthday()
print(d.age)
d.species = "wolf"
print(d.species, e.species, Dog.species, sorted(d.__dict__))
print(type(d).__name__, isinstance(d, Dog), Dog.__name__, Dog.describe(e))
