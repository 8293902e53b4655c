# Class bodies: execution order, name visibility, __qualname__, class attributes vs instance.
print("before class")
class C:
    print("executing class body")
    a = 1
    b = a + 1
    def method(self):
        return self.a
    print("locals so far:", sorted(k for k in locals() if not k.startswith("__")))
    class Nested:
        pass
print(C.a, C.b, C().method(), C.Nested.__qualname__, C.method.__qualname__)
print(C.__doc__, C.__module__, sorted(k for k in C.__dict__ if not k.startswith("__")))
class Doc:
    "class docstring"
print(Doc.__doc__)
x = "global x"
class Scope:
    x = "class x"
    def get(self):
        return x
print(Scope().get(), Scope.x)
