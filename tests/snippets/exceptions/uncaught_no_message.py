# Exception without arguments and one with a note.
def f():
    e = RuntimeError("with a note")
    e.add_note("extra context line")
    raise e
try:
    raise KeyError
except KeyError:
    pass
f()
