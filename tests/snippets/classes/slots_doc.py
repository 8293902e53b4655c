# __doc__ and __slots__: the implicit `__doc__ = None` of a class body comes
# after the slots check, so a '__doc__' slot is a member; a docstring plus a
# '__doc__' slot conflicts.
class A:
    'doc'
    __slots__ = ('x',)
print(A.__doc__)

class B:
    __slots__ = ('__doc__',)
print(type(B.__dict__['__doc__']).__name__)
b = B()
b.__doc__ = 'per instance'
print(b.__doc__)

class D:
    pass
print(D.__doc__, '__doc__' in D.__dict__)

try:
    class C:
        'x'
        __slots__ = ('__doc__',)
except ValueError as e:
    print(e)
