# global and nonlocal declarations.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def make_counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    return inc
c = make_counter()
print(c(), c(), c(10))
def outer():
    x = "outer"
    def middle():
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
    middle()
    return x
print(outer())
def define_global():
    global new_name
    new_name = "created"
define_global()
print(new_name)
x = "module"
def shadow():
    x = "local"
    def read():
        return x
    return read()
print(shadow(), x)
def uses_before():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = 1
uses_before()
