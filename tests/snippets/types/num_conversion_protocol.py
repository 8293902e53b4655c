# int()/float()/complex() and operator.index(): which special method wins,
# the messages for bad results, and the DeprecationWarnings CPython 3.11
# issues for results that are strict subclasses of int/float/complex.
import array
import warnings


def show(label, f, *args, **kw):
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        try:
            r = f(*args, **kw)
            out = f"{type(r).__name__} {r!r}"
        except Exception as e:
            out = f"{type(e).__name__}: {e}"
    print(label, "->", out)
    for w in ws:
        print("   warning", w.category.__name__, str(w.message))


class MyInt(int):
    def __int__(self):
        return 42


class BadInt(int):
    def __int__(self):
        return 42.0


class IndexBool:
    def __index__(self):
        return True


class IntBool:
    def __int__(self):
        return True


class IntSub(int):
    pass


class IndexSub:
    def __index__(self):
        return IntSub(7)


class IntSubIndex(int):
    def __index__(self):
        return 99


class Trunc:
    def __trunc__(self):
        return 5


class TruncBool:
    def __trunc__(self):
        return True


class TruncIndex:
    def __trunc__(self):
        return IndexBool()


class TruncBad:
    def __trunc__(self):
        return "x"


show("int(MyInt(7))", int, MyInt(7))
show("MyInt(7) == 7", lambda: MyInt(7) == 7)
show("int(BadInt(7))", int, BadInt(7))
show("int(IndexBool())", int, IndexBool())
show("int(IntBool())", int, IntBool())
show("int(IndexSub())", int, IndexSub())
show("int(IntSubIndex(3))", int, IntSubIndex(3))
show("hex(IndexBool())", hex, IndexBool())
show("range(IndexSub())", range, IndexSub())
show("hex(IntSubIndex(3))", hex, IntSubIndex(3))
show("int(Trunc())", int, Trunc())
show("int(TruncBool())", int, TruncBool())
show("int(TruncIndex())", int, TruncIndex())
show("int(TruncBad())", int, TruncBad())
show("int(True)", int, True)

# Buffers: int(x) reads any bytes-like object, int(x, base) only str/bytes/bytearray.
for x in [b"100", bytearray(b"100"), memoryview(b"100"), array.array("B", b"100"),
          memoryview(b"1234")[1:3]]:
    show(f"int({type(x).__name__})", int, x)
    show(f"int({type(x).__name__}, 2)", int, x, 2)
for x in [b"A", bytearray(b"A"), memoryview(b"A"), array.array("B", b"A"), b"A" * 300]:
    show(f"int(bad {type(x).__name__})", int, x)
show("int(bytearray(b'G'), 16)", int, bytearray(b"G"), 16)
show("int(object())", int, object())
show("int('1', base=2.0)", int, "1", 2.0)


class F1(float):
    def __float__(self):
        return 1.5


class FSub(float):
    pass


class FloatSub:
    def __float__(self):
        return FSub(2.5)


class FloatBad:
    def __float__(self):
        return 3


class Idx:
    def __index__(self):
        return 10**20


show("float(F1(2))", float, F1(2))
show("float(FSub(2))", float, FSub(2))
show("float(FloatSub())", float, FloatSub())
show("float(FloatBad())", float, FloatBad())
show("float(Idx())", float, Idx())
show("float(memoryview(b'1.5'))", float, memoryview(b"1.5"))
show("float(object())", float, object())


class FInit(float):
    def __init__(self, arg, newarg=None):
        self.newarg = newarg


class FNew(float):
    def __new__(cls, arg, newarg=None):
        self = super().__new__(cls, arg)
        self.newarg = newarg
        return self


show("FSub(x=0)", FSub, x=0)
show("float(x=0)", float, x=0)
u = FInit(2.5, newarg=3)
print("FInit", type(u).__name__, float(u), u.newarg)
u = FNew(2.5, newarg=4)
print("FNew", type(u).__name__, float(u), u.newarg)
show("FInit(1, 2, 3)", FInit, 1, 2, 3)

# float.fromhex accepts every ASCII whitespace around the value.
for ws in ["", " ", "\t", "\n", "\f", "\v", "\r", "\n \t"]:
    print(repr(ws), float.fromhex(ws + "-0x.2" + ws), float.fromhex(ws + "inf" + ws))


class CSub(complex):
    pass


class CRet:
    def __complex__(self):
        return CSub(1, 2)


class CBad:
    def __complex__(self):
        return 1.0


show("(1+2j).__complex__()", (1 + 2j).__complex__)
show("CSub(3, 4).__complex__()", CSub(3, 4).__complex__)
show("complex.__complex__(1)", complex.__complex__, 1)
show("complex(CRet())", complex, CRet())
show("complex(CBad())", complex, CBad())
print(complex.__complex__.__doc__)
