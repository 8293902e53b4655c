# An exception leaving a `with` block whose __exit__ returns False goes
# through RERAISE 2 / COPY 3 / POP_EXCEPT: the handled-exception state of the
# caller must come back intact (it used to become the saved lasti, an int).
import sys


class CM:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, *a):
        print("exit", self.name, a[0].__name__ if a[0] else None)
        return False


def f():
    with CM("inner"):
        raise KeyError(1)


def g():
    with CM("a"), CM("b"):
        try:
            raise IndexError(2)
        finally:
            print("finally in g", repr(sys.exc_info()[1]))


try:
    raise ValueError("outer")
except ValueError:
    try:
        f()
    except KeyError as e:
        print("ctx", repr(e.__context__))
    print("after f", repr(sys.exc_info()[1]))
    try:
        g()
    except IndexError as e:
        print("ctx", repr(e.__context__))
    print("after g", repr(sys.exc_info()[1]))
print(sys.exc_info())


def gen():
    try:
        with CM("gen"):
            yield 1
            raise KeyError("g")
    except KeyError as e:
        yield repr(sys.exc_info()[1])
    yield repr(sys.exc_info()[1])


it = gen()
print(next(it))
print(next(it))
print(next(it))
print(sys.exc_info())
