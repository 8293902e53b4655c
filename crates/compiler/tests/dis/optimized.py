# optimize: 2
"module docstring"
def f():
    "function docstring"
    assert f, "msg"
    if __debug__:
        return 1
    return 2
