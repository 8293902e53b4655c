# The singleton literals.
print(..., Ellipsis, ... is Ellipsis, type(...).__name__)
print(None, type(None).__name__, None is None, None == 0)
print(True, False, True + True, True * 3, False - 1, int(True))
print(NotImplemented, type(NotImplemented).__name__)
print(bool(...), bool(None), bool(NotImplemented) if False else "skip")
def f(): ...
print(f())
