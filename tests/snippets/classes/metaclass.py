# Metaclasses and type().
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns["created_by"] = "Meta"
        cls = super().__new__(mcls, name, bases, ns)
        print("Meta.__new__", name, sorted(k for k in ns if not k.startswith("__")))
        return cls
    def __call__(cls, *a):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a)
    def __repr__(cls):
        return f"<class {cls.__name__} via Meta>"
class Base(metaclass=Meta):
    def __init__(self, v):
        self.v = v
class Derived(Base):
    extra = 1
d = Derived(5)
print(d.v, Derived.created_by, type(Derived).__name__, repr(Derived))
print(type(int), type(Meta), isinstance(Derived, Meta), type(3) is int)
class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.classes.append(name)
class A(metaclass=Registry): pass
class B(A): pass
print(Registry.classes)
class Ordered(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        print("prepare", name)
        return {"prepared": True}
class O(metaclass=Ordered):
    pass
print(O.prepared)
