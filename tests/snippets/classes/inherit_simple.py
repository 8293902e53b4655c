class Animal:
    def sound(self):
        return "..."
    def speak(self):
        return "I say " + self.sound()
class Cat(Animal):
    def sound(self):
        return "meow"
print(Animal().speak())
print(Cat().speak())
print(isinstance(Cat(), Animal))
