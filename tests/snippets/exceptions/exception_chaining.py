# Implicit and explicit chaining, __context__ and __cause__.
def chain():
    try:
        try:
            raise ValueError("first")
        except ValueError:
            raise TypeError("second")
    except TypeError as e:
        return e
e = chain()
print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        raise KeyError(1)
    except KeyError as k:
        raise IndexError(2) from k
except IndexError as i:
    print(repr(i.__cause__), repr(i.__context__), i.__suppress_context__)
try:
    try:
        raise KeyError(1)
    except KeyError:
        raise IndexError(2) from None
except IndexError as i:
    print(i.__cause__, repr(i.__context__), i.__suppress_context__)
def nested_finally():
    try:
        raise ValueError("in try")
    finally:
        print("finally runs during propagation")
try:
    nested_finally()
except ValueError as v:
    print("got", v)
import sys
try:
    raise OSError("x")
except OSError:
    print(sys.exc_info()[0].__name__, repr(sys.exc_info()[1]), type(sys.exception()).__name__ if hasattr(sys, "exception") else "OSError")
print(sys.exc_info())
