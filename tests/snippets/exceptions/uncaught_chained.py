# Uncaught chained exception: both tracebacks printed.
def load(key):
    data = {"a": 1}
    try:
        return data[key]
    except KeyError as e:
        raise LookupError(f"cannot load {key!r}") from e
print("start")
load("b")
