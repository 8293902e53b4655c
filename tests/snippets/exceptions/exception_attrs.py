# Exception attributes: args, str/repr, notes, with_traceback, specific fields.
e = ValueError("a", 1)
print(e.args, str(e), repr(e), str(ValueError()), repr(ValueError()), str(ValueError("x")))
k = KeyError("key")
print(str(k), repr(k), str(KeyError()), str(KeyError("a", "b")))
try:
    {}["missing"]
except KeyError as ke:
    print(ke.args)
s = StopIteration(5)
print(s.value, StopIteration().value)
o = OSError(2, "No such file")
print(o.errno, o.strerror, str(o), type(o).__name__, type(OSError(2, "x")).__name__)
u = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
print(u.encoding, u.object, u.start, u.end, u.reason, str(u))
sx = SystemExit(3)
print(sx.code, SystemExit().code)
se = SyntaxError("msg", ("f.py", 1, 2, "text", 1, 5))
print(se.msg, se.filename, se.lineno, se.offset, se.text, se.end_lineno, se.end_offset)
n = NameError("x")
print(n.name if hasattr(n, "name") else None)
try:
    undefined_name_here
except NameError as ne:
    print(ne, ne.name)
try:
    "s".missing_attr
except AttributeError as ae:
    print(ae, ae.name, ae.obj)
err = RuntimeError("with note")
err.add_note("note 1")
err.add_note("note 2")
print(err.__notes__)
tb_err = ValueError("t")
print(tb_err.with_traceback(None) is tb_err, tb_err.__traceback__)
class MyErr(Exception):
    pass
print(repr(MyErr("x", "y")), str(MyErr()), MyErr.__mro__[1].__name__)
