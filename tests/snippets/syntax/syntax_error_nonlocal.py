def f():
    def g():
        nonlocal undefined_here
    return g
