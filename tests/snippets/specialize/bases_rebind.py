# Attribute caches and specialized loads stay right when __bases__ or a
# metaclass mro() changes the MRO of a warm class.
class A:
    v = 'A'
class B:
    v = 'B'
    w = 'Bw'
class C(A): pass
class D(C): pass
def get(o):
    return getattr(o, 'v', None), getattr(o, 'w', None), o.__doc__
d = D()
for i in range(50): r = get(d), get(D)
print(r)
C.__bases__ = (B,)
print(get(d), get(D))
C.__bases__ = (A,)
print(get(d), get(D))
class M(type):
    flip = False
    def mro(cls):
        m = type.mro(cls)
        if M.flip and cls.__name__ == 'E':
            return [cls, B, object]
        return m
class E(A, metaclass=M): pass
e = E()
for i in range(50): r = get(e)
print(r)
M.flip = True
E.__bases__ = (A,)
print(get(e), E.__mro__)
