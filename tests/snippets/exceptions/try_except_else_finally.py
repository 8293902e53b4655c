# try / except / else / finally in all combinations.
def run(x):
    try:
        print("try", x)
        if x == 1:
            raise ValueError("one")
        if x == 2:
            raise KeyError("two")
        if x == 3:
            return "returned from try"
    except ValueError as e:
        print("caught ValueError", e)
    except (KeyError, IndexError) as e:
        print("caught", type(e).__name__, e)
    else:
        print("else", x)
    finally:
        print("finally", x)
    return "end"
for x in range(4):
    print(run(x))
try:
    try:
        raise TypeError("inner")
    finally:
        print("inner finally")
except TypeError as e:
    print("outer caught", e)
try:
    pass
except Exception:
    print("no")
else:
    print("else without exception")
e = "keep"
try:
    raise ValueError
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print("name deleted after except:", err)
