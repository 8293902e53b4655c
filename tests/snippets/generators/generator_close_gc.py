# A suspended generator is closed (finally runs) when it is released.
def resource():
    print("open")
    try:
        yield "data"
    finally:
        print("close")
g = resource()
print(next(g))
del g
print("after del")
def loop_break():
    for x in resource():
        print("using", x)
        break
    print("after break")
loop_break()
