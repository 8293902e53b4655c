# The descriptor protocol: __get__, __set__, __set_name__, data vs non-data.
class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be int")
        setattr(obj, self.name, value)
class Item:
    qty = Typed()
    price = Typed()
    def __init__(self, q, p):
        self.qty, self.price = q, p
i = Item(2, 10)
print(i.qty * i.price, type(Item.qty).__name__)
try:
    i.qty = "many"
except TypeError as e:
    print(e)
class NonData:
    def __get__(self, obj, t=None):
        return "from descriptor"
class Holder:
    attr = NonData()
h = Holder()
print(h.attr)
h.__dict__["attr"] = "from instance"
print(h.attr)
class Method:
    def f(self):
        return "bound"
print(Method.__dict__["f"].__get__(Method(), Method)(), Method.f.__get__(None, Method) is Method.f)
