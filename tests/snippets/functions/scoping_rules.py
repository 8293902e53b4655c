# Closures, nonlocal/global, class-body scopes, comprehension scoping and walrus rules.
# closures / nonlocal / class scopes / comprehension scoping
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 1
        return x
    return inner
f = outer(); print(f(), f(), f.__closure__[0].cell_contents)
def counter():
    count = 0
    def inc(): nonlocal count; count += 1; return count
    def get(): return count
    return inc, get
i, g = counter(); i(); i(); print(g())
class A:
    x = 10
    y = [x for _ in range(2)] if False else None
    try:
        z = [x for _ in range(2)]
    except NameError as e:
        z = str(e)
    w = [i for i in range(3)]
print(A.z, A.w)
x = "global"
class B:
    x = "class"
    def m(self): return x
    l = lambda self: x
print(B().m(), B().l())
def f2():
    x = "local"
    class C:
        print(x)
        x = "cls"
        print(x)
    return C
f2()
def f3():
    x = "enclosing"
    class C:
        y = x
    return C.y
print(f3())
print([(lambda: i)() for i in range(3)])
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
print([y for x in [[1, 2], [3]] for y in x if y != 2])
print({k: v for k, v in zip("ab", range(2))}, {c for c in "aab"} == {"a", "b"})
g = (n * 2 for n in range(3)); print(list(g), list(g))
print([(x := i) for i in range(3)], x)
def f4():
    [(w := j) for j in range(2)]
    return w
print(f4())
try:
    exec("[i := 0 for i in range(3)]")
except SyntaxError as e:
    print(e)
try:
    exec("class Q:\n  [(z := 1) for _ in range(1)]")
except SyntaxError as e:
    print(e)
def f5():
    global gg
    gg = 5
f5(); print(gg)
try:
    exec("def f():\n  x = 1\n  global x")
except SyntaxError as e:
    print(e)
try:
    exec("def f():\n  nonlocal q")
except SyntaxError as e:
    print(e)
try:
    exec("def f(a):\n  global a")
except SyntaxError as e:
    print(e)
def f6():
    def g(): return v
    try:
        g()
    except NameError as e:
        print(e)
    v = 1
f6()
def f7():
    print(u)
    u = 1
try:
    f7()
except UnboundLocalError as e:
    print(e)
def f8():
    del zz
try: f8()
except NameError as e: print(type(e).__name__, e)
