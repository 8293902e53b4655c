# isinstance/issubclass with tuples and X | Y unions; type's __or__.
print(isinstance(1, int | str), isinstance("s", int | str), isinstance(1.0, int | str))
print(issubclass(bool, int | None), isinstance(None, type(None) | int))
u = int | str
print(u, type(u).__name__, u.__args__, (int | str) == (str | int), int | int)
print(isinstance([], (tuple, (list, dict))), issubclass(int, ()), isinstance(1, ()))
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"
    def __subclasscheck__(cls, sub):
        return sub is int
class Magic(metaclass=Meta):
    pass
print(isinstance("magic", Magic), isinstance(1, Magic), issubclass(int, Magic), issubclass(str, Magic))
try:
    isinstance(1, list[int])
except TypeError as e:
    print(e)
print(list[int], dict[str, list[int]], list[int].__origin__ is list)
