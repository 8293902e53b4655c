# Builtin functions implemented in Python inside Taipan (open, time.strftime,
# warnings.warn) add no traceback entries, as C functions in CPython.
import traceback, time, warnings
for f in [lambda: open("/nonexistent/dir/file"), lambda: time.strftime(1)]:
    try:
        f()
    except Exception:
        lines = traceback.format_exc().splitlines()
        print([l for l in lines if l.startswith("  File")][1:], lines[-1])
warnings.simplefilter("error")
try:
    warnings.warn("as error")
except UserWarning as e:
    print(len(traceback.extract_tb(e.__traceback__)), e)
open("/nonexistent/dir/file")
