# property, classmethod, staticmethod, super, object, type as builtins used directly.
class C:
    def _get(self):
        return self._v
    def _set(self, v):
        self._v = v * 2
    v = property(_get, _set, None, "doc of v")
    cm = classmethod(lambda cls: cls.__name__)
    sm = staticmethod(lambda x: x + 1)
c = C()
c.v = 5
print(c.v, C.v.__doc__, C.cm(), c.sm(1), C.sm(2))
class D(C):
    def _get(self):
        return "unused"
    def cm_name(self):
        return super().cm()
print(D().cm_name(), super(D, D()).cm())
X = type("X", (object,), {"a": 1})
print(X.a, type(X()).__name__, object().__class__.__name__, type.__call__(X).a)
print(property.__name__, classmethod.__name__, staticmethod.__name__, super.__name__)
p = property(lambda self: 1)
print(p.fget is not None, p.fset, p.fdel, type(p.getter(lambda s: 2)).__name__)
