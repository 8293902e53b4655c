# A deep Python call chain: every frame appears in the traceback.
def level(n):
    if n == 0:
        raise LookupError("bottom reached")
    return level(n - 1)
def start():
    return level(5)
start()
