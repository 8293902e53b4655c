handlers = {"div": lambda a, b: a / b}
def dispatch(op, *args):
    return handlers[op](*args)
print(dispatch("div", 6, 3))
print(dispatch("div", 1, 0))
