# Closures capture variables, not values.
def make_adders():
    adders = []
    for i in range(3):
        adders.append(lambda x: x + i)
    return adders
print([a(10) for a in make_adders()])
def make_multiplier(n):
    def mul(x):
        return x * n
    return mul
double, triple = make_multiplier(2), make_multiplier(3)
print(double(5), triple(5), double.__closure__[0].cell_contents)
def accumulator():
    total = 0
    def add(x):
        nonlocal total
        total += x
        return total
    def get():
        return total
    return add, get
add, get = accumulator()
add(5); add(7)
print(get())
def late():
    def inner():
        return v
    v = "bound later"
    return inner
print(late()())
def deep(a):
    def l1(b):
        def l2(c):
            def l3(d):
                return a + b + c + d
            return l3
        return l2
    return l1
print(deep(1)(2)(3)(4))
print(make_multiplier.__code__.co_freevars, make_multiplier(1).__code__.co_freevars)
def cell_shared():
    x = 0
    def inc():
        nonlocal x
        x += 1
    def read():
        return x
    return inc, read
inc, read = cell_shared()
inc(); inc(); inc()
print(read())
