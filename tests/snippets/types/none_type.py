# NoneType and NotImplemented behaviour.
print(None, repr(None), str(None), type(None)(), None.__class__.__name__)
def f(): pass
print(f() is None, [None] * 2, {None: 1}[None])
try:
    n = None
    n()
except TypeError as e:
    print(e)
try:
    None.x
except AttributeError as e:
    print(e)
try:
    None + 1
except TypeError as e:
    print(e)
print((1).__add__("x"), (1).__eq__("x"))
class A:
    def __eq__(self, other):
        return NotImplemented
print(A() == A(), A() != 1)
