# A file with a syntax error: nothing runs, traceback on stderr.
print("never printed")
values = [1, 2,
          3
def f():
    pass
