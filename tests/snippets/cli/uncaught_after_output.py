# stdout written before an uncaught exception is kept (flushed) and the traceback goes to stderr.
for i in range(3):
    print("row", i)
raise KeyError("missing row")
