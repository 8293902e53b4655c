# RecursionError through dunder methods, properties and __init__.
class A:
    def __eq__(self, other):
        return self == other
try:
    A() == A()
except RecursionError:
    print("eq recursion")
class P:
    @property
    def x(self):
        return self.x
try:
    P().x
except RecursionError:
    print("property recursion")
class I:
    def __init__(self):
        I()
try:
    I()
except RecursionError:
    print("init recursion")
class L:
    def __len__(self):
        return len(self)
try:
    len(L())
except RecursionError:
    print("len recursion")
def gen_recurse():
    yield from gen_recurse()
try:
    list(gen_recurse())
except RecursionError:
    print("generator recursion")
class H:
    def __hash__(self):
        return hash(self)
try:
    {H(): 1}
except RecursionError:
    print("hash recursion")
print("still alive")
