# abc.ABC and abstract methods.
from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self):
        ...
    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
print(Square(3).describe())
try:
    Shape()
except TypeError as e:
    print(e)
class Incomplete(Shape):
    pass
try:
    Incomplete()
except TypeError as e:
    print(e)
print(isinstance(Square(1), Shape), issubclass(Square, Shape))
