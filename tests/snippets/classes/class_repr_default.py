# Default repr of classes and instances (checked by pattern, not address).
class Thing:
    pass
r = repr(Thing())
print(r.startswith("<__main__.Thing object at 0x"), r.endswith(">"))
print(repr(Thing), str(Thing), repr(int), repr(type), Thing.__module__)
class Outer:
    class Inner:
        pass
print(repr(Outer.Inner), Outer.Inner.__qualname__)
def f():
    class Local:
        pass
    return Local
print(repr(f()), f().__qualname__)
print(repr(len), repr(print))
