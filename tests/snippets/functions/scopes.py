# Name resolution: local, enclosing, global, builtin; class scopes.
x = "global"
def f():
    print(x)
f()
def g():
    x = "local"
    print(x)
g()
print(x)
len = lambda s: "shadowed"
print(len("abc"))
del len
print(len("abc"))
class C:
    x = "class"
    y = x + "!"
    def m(self):
        return x
    lst = [x for _ in range(1)]
print(C.y, C().m(), C.lst)
def outer():
    v = 1
    class Inner:
        v = 2
        def get(self):
            return v
    return Inner().get(), Inner.v
print(outer())
def comp_scope():
    n = 3
    return [n * i for i in range(n)]
print(comp_scope())
print(sorted(k for k in locals() if k in ("x", "f", "g")))
def show_locals(a, b=2):
    c = a + b
    return sorted(locals().items())
print(show_locals(1))
