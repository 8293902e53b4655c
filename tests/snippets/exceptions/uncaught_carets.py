# CPython 3.11 marks the failing sub-expression with ~ and ^ in tracebacks.
config = {"limits": {"max": None}}
def scale(values, factor):
    return [v * factor for v in values]
total = 10 + config["limits"]["max"] * 2
