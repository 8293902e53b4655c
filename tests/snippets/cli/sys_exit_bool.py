# SystemExit(True) exits with status 1; raised from a nested function.
def inner():
    raise SystemExit(True)
def outer():
    try:
        inner()
    finally:
        print("outer finally")
outer()
