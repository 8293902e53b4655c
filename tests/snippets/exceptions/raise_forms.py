# raise with classes, instances, from, re-raise.
def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, repr(e), e.__cause__, e.__context__, e.__suppress_context__)
def r1(): raise ValueError
def r2(): raise ValueError("msg", 2)
def r3():
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise KeyError("k") from e
def r4():
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("during")
def r5():
    try:
        {}["x"]
    except KeyError:
        raise
def r6():
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("hidden") from None
for f in (r1, r2, r3, r4, r5, r6):
    attempt(f)
try:
    raise 5
except TypeError as e:
    print(e)
try:
    raise ValueError from 5
except TypeError as e:
    print(e)
try:
    raise
except RuntimeError as e:
    print(e)
