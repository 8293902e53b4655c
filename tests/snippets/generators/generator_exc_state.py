# Each generator keeps its own handled exception (CPython's gi_exc_state):
# sys.exc_info() inside it survives yields, a thrown exception is chained to
# the generator's handled exception only, and the caller's state is restored.
import sys


def store_raise_exc_generator():
    try:
        print("start", sys.exc_info()[0])
        yield
    except Exception as exc:
        print("in except", sys.exc_info()[0].__name__, exc.__context__)
        yield
        print("after yield", sys.exc_info()[0].__name__)
        yield
        raise


make = store_raise_exc_generator()
next(make)
try:
    raise ValueError("v")
except Exception as exc:
    try:
        make.throw(exc)
    except Exception:
        pass
    print("caller still handles", repr(sys.exc_info()[1]))
print("caller outside", sys.exc_info())
next(make)
try:
    next(make)
except ValueError as e:
    print("re-raised", repr(e), repr(e.__context__))
print("end", sys.exc_info())


def f():
    try:
        raise KeyError("a")
    except Exception:
        yield


gen = f()
gen.send(None)
try:
    gen.throw(ValueError)
except ValueError as e:
    print("context of thrown:", repr(e.__context__))


def g():
    try:
        raise KeyError("a")
    except Exception:
        try:
            yield
        except Exception as exc:
            print("inside:", type(exc).__name__, repr(exc.__context__))


gen = g()
gen.send(None)
try:
    gen.throw(ValueError)
except StopIteration:
    print("stopped")


def plain():
    print("plain sees", repr(sys.exc_info()[1]))
    yield 1
    print("plain sees later", repr(sys.exc_info()[1]))
    yield 2


p = plain()
try:
    raise IndexError("outer")
except IndexError:
    next(p)
try:
    raise TypeError("other")
except TypeError:
    next(p)
print(sys.exc_info())
