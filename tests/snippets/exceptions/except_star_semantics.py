# except* (PEP 654) as CPython 3.11 runs it: matching splits the group and
# keeps its shape, bare `raise` re-raises the matched part, new exceptions
# are grouped next to the re-raised ones, naked exceptions are wrapped.
import sys
import traceback


def show(label, e):
    print(label, type(e).__name__, repr(e))


def run(f):
    try:
        f()
        print("  no exception")
    except BaseException as e:
        show("  ->", e)
        if isinstance(e, BaseExceptionGroup):
            print("  ctx:", repr(e.__context__), "cause:", repr(e.__cause__))


def t1():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("in", [ValueError(3), OSError(4)])])
    except* ValueError as e:
        show("  caught", e)
        print("  exc_info is match:", sys.exc_info()[1] is e)
    except* OSError as e:
        show("  caught", e)


def t2():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise


def t3():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("new")


def t4():
    try:
        raise ValueError("naked")
    except* ValueError as e:
        show("  wrapped", e)
        print("  tb of wrapper:", e.__traceback__)


def t5():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise


def t6():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        raise
    except* TypeError as e:
        raise IndexError("x") from e
    except* KeyError:
        pass


def t7():
    try:
        raise TypeError("nomatch")
    except* ValueError:
        print("  not reached")


def t8():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ExceptionGroup:
        pass


def t9():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* (TypeError, BaseExceptionGroup):
        pass


for f in [t1, t2, t3, t4, t5, t6, t7, t8, t9]:
    print(f.__name__)
    run(f)

eg = ExceptionGroup("m", [ValueError(1), TypeError(2)])
eg.__cause__ = KeyError("c")
eg.add_note("note")
m, r = eg.split(ValueError)
print(m, "|", r, "|", repr(m.__cause__), m.__suppress_context__, m.__notes__, m.__notes__ is eg.__notes__)
print(eg.subgroup(lambda e: True) is eg, eg.subgroup(OSError))
print(ExceptionGroup[int], eg.__dict__)
for bad in [(1, []), ("x", 1), ("x", {ValueError()}), ("x", []), ("x", [ValueError(), 1])]:
    try:
        BaseExceptionGroup(*bad)
    except Exception as e:
        print(type(e).__name__, e)


class MyEG(ExceptionGroup):
    pass


for ctor in (ExceptionGroup, MyEG):
    try:
        ctor("x", [KeyboardInterrupt()])
    except TypeError as e:
        print(e)
print(type(BaseExceptionGroup("x", [ValueError()])).__name__, type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
try:
    eg.split(1)
except TypeError as e:
    print(e)

try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
except* ValueError:
    raise
