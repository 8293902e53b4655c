# AttributeError raised inside a lookup (user __getattr__/__getattribute__) keeps
# or receives name/obj, so the traceback offers CPython's suggestion.
import sys
class A:
    blech = None
    def __getattr__(self, attr):
        raise AttributeError()
class B:
    def __getattribute__(self, attr):
        class C:
            bluch = 1
        return C().blich
for obj in (A(), B()):
    try:
        obj.bluch
    except AttributeError as e:
        print(e.name, type(e.obj).__name__)
        sys.__excepthook__(*sys.exc_info())
e = AttributeError("x", name="n")
print(e.name, e.obj)
class D:
    def __getattribute__(self, attr):
        raise AttributeError("inner")
for f in (lambda: getattr(D(), 'q'), lambda: D().q, lambda: getattr(D(), 'q', 5)):
    try:
        print(f())
    except AttributeError as e:
        print(e)
print(hasattr(object, '__getattr__'), hasattr(type, '__getattr__'))
A().bluch
