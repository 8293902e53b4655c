# An uncaught RecursionError: CPython abbreviates the repeated frames.
def forever(n):
    return forever(n + 1)
forever(0)
