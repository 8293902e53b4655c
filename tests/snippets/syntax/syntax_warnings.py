# Compile-time SyntaxWarnings go to stderr; the program still runs.
x = 1
print(x is 1)
print(1 is not None)
def f():
    return "x"(1) if False else "no call"
print(f())
print((1, 2) if x else ())
assert (x, "always true tuple")
print("done")
