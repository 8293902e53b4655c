# property: CPython 3.11's missing-accessor messages (with and without a
# name from __set_name__), doc copying from the getter (also for
# subclasses), getter()/setter() copies, readonly members, __set_name__
# arguments, and classmethod wrapping a property.
class X:
    p = property(lambda s: 1)
    q = property()
x = X()
for f in (lambda: setattr(x, 'p', 2), lambda: delattr(x, 'p'), lambda: x.q):
    try: f()
    except AttributeError as e: print(e)
anon = property()
for f in (lambda: anon.__get__(x), lambda: anon.__set__(x, 1), lambda: anon.__delete__(x)):
    try: f()
    except AttributeError as e: print(e)
class Outer:
    class Inner:
        r = property()
try:
    Outer.Inner().r
except AttributeError as e:
    print(e)

class Y:
    @property
    def foo(self):
        "foo doc"
        return 1
print(Y.foo.__doc__, Y.foo.fget.__name__)
for name in ('fget', 'fset', 'fdel'):
    try: setattr(Y.foo, name, 3)
    except AttributeError as e: print(name, e)
Y.foo.__doc__ = 'changed'; print(Y.foo.__doc__)
del Y.foo.__doc__; print(Y.foo.__doc__)

class A:
    @classmethod
    @property
    def __doc__(cls): return 'A doc for %r' % cls.__name__
print(A.__doc__)
for args in [(), (1,), (1, 2, 3)]:
    try: property.__set_name__(Y.foo, *args)
    except TypeError as e: print(e)

class PS(property): pass
class Z:
    @PS
    def bar(self):
        "bar doc"
    @bar.getter
    def bar(self):
        "new doc"
    @PS
    def baz(self):
        "baz doc"
    @baz.setter
    def baz(self, v):
        "setter doc"
print(Z.bar.__doc__, Z.baz.__doc__, type(Z.bar).__name__)
p = property(lambda s: 1, doc='explicit')
print(p.getter(lambda s: 2).__doc__, p.setter(None).__doc__)

class PSS(property):
    __slots__ = ()
def withdoc(s): "has a doc"
for args in [(), (None,), (None, None, None, 'd'), (withdoc,), (withdoc, None, None, 'd')]:
    try: p = PSS(*args); print('ok', p.__doc__)
    except AttributeError as e: print('AttributeError:', e)
