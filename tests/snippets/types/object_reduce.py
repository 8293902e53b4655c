# object.__reduce_ex__ / __reduce__ / __getstate__: the default pickling
# protocol (copyreg.__newobj__, __getnewargs(_ex)__, slots state, errors).
import copyreg


def name(f):
    return getattr(f, '__name__', f)


def show(r):
    if isinstance(r, tuple):
        return '(' + ', '.join([name(r[0])] + [repr(x) for x in r[1:]]) + ')'
    return repr(r)


o = object()
for f in [lambda: o.__reduce_ex__(), lambda: o.__reduce_ex__('a'), lambda: o.__reduce_ex__(1, 2),
          lambda: o.__reduce__(1), lambda: o.__getstate__(1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(show(o.__reduce_ex__(0)), show(o.__reduce_ex__(2)), show(o.__reduce__()), o.__getstate__())


class A:
    def __init__(self):
        self.x = 1
a = A()
print(show(a.__reduce_ex__(2)), show(a.__reduce_ex__(1)), a.__getstate__(), a.__getstate__() is a.__dict__)
print(show(A.__reduce_ex__(A(), 3)))


class S:
    __slots__ = ('p', 'q')
s = S(); s.p = 3
print(show(s.__reduce_ex__(2)), s.__getstate__(), S.__slotnames__)
try:
    s.__reduce_ex__(1)
except TypeError as e:
    print(e)


class L(list):
    pass
l = L([1, 2]); l.z = 5
r = l.__reduce_ex__(2); print(name(r[0]), r[1:3], list(r[3]), r[4])


class D(dict):
    pass
r = D(a=1).__reduce_ex__(2); print(name(r[0]), r[1:4], list(r[4]))
print(show(D(a=1).__reduce_ex__(1)))


class SL(list):
    __slots__ = ('a',)
x = SL(); x.a = 1
print(x.__reduce_ex__(2)[2], hasattr(x, '__dict__'))


class I(int):
    pass
print(show(I(5).__reduce_ex__(2)), show(I(5).__reduce_ex__(0)))


class NA:
    def __getnewargs__(self):
        return (1, 2)
print(show(NA().__reduce_ex__(2)))


class NK:
    def __getnewargs_ex__(self):
        return ((1,), {'a': 2})
print(show(NK().__reduce_ex__(2)), name(NK().__reduce_ex__(4)[0]))


class NK0:
    def __getnewargs_ex__(self):
        return ((1,), {})
print(show(NK0().__reduce_ex__(2)))
for ret in (5, (1, 2), ((), {}, 3), ((), 5)):
    class Bad:
        def __getnewargs_ex__(self, ret=ret):
            return ret
    try:
        Bad().__reduce_ex__(2)
    except Exception as e:
        print(type(e).__name__, e)


class Bad2:
    def __getnewargs__(self):
        return 5
try:
    Bad2().__reduce_ex__(2)
except Exception as e:
    print(type(e).__name__, e)


class G:
    def __getstate__(self):
        return 'st'
print(show(G().__reduce_ex__(2)), show(G().__reduce_ex__(0)))


class R:
    def __reduce__(self):
        return (R, ())
print(show(R().__reduce_ex__(3)))


for bad in (staticmethod(len), iter([]), (x for x in ())):
    for proto in (0, 2):
        try:
            bad.__reduce_ex__(proto)
        except TypeError as e:
            print(proto, e)

# builtin functions and descriptors reduce to globals / getattr
print(len.__reduce__(), show([].append.__reduce__()), show(list.append.__reduce__()))
print(show(dict.fromkeys.__reduce__()), show(int.__add__.__reduce__()))
for d in (int.real, dict.__dict__['fromkeys']):
    try:
        d.__reduce__()
    except TypeError as e:
        print(e)
print(show((1).__add__.__reduce__()), show(S.p.__reduce__()))
print(int.__new__.__self__ is int, object.__new__.__self__ is object, hasattr(int.__add__, '__self__'))
print(int.__flags__ & (1 << 9), A.__flags__ & (1 << 9), bool(A.__flags__ & (1 << 10)))
