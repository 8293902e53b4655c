# Traceback from code running in a class body and in a decorator.
def register(fn):
    registry[fn.__name__] = fn
    return fn
class Service:
    name = "svc"
    @register
    def start(self):
        pass
