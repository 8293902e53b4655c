import atexit
def bye(name):
    print("atexit", name)
atexit.register(bye, "first registered")
atexit.register(bye, "second registered")
@atexit.register
def decorated():
    print("atexit decorated")
print("main body done")
