# args: -x {file}
# -x skips the first line but keeps line numbers: the traceback says line 6.
import sys
print("running", sys.argv)
def f():
    raise ValueError("line numbers kept")
f()
