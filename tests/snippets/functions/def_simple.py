def add(a, b):
    return a + b
def greet(name="world"):
    print("hello", name)
print(add(2, 3))
greet()
greet("taipan")
def no_return():
    pass
print(no_return())
