# SystemExit values: sys.exit(None/tuple/other) as PyErr_SetObject builds the exception.
# SystemExit semantics
import sys
def t(code):
    try:
        sys.exit(code)
    except SystemExit as e:
        print(repr(e.code), e.args)
for c in [None, 0, 1, 255, 256, -1, "msg", 3.5, (1, 2), [1], True]:
    t(c)
try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print(e.code, e.args)
try:
    raise SystemExit()
except SystemExit as e:
    print(e.code, e.args)
print(SystemExit.__mro__)
print(issubclass(SystemExit, Exception), issubclass(KeyboardInterrupt, BaseException))
e = SystemExit(5)
e.code = 7
print(e.code, e.args)
