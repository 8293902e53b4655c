# __del__ runs as soon as the last reference goes (reference counting), and for cycles at gc.collect().
import gc
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
x = Noisy("x")
print("rebinding x")
x = None
print("after rebinding")
def scope():
    local = Noisy("local")
    print("leaving scope")
scope()
print("after scope")
lst = [Noisy("in list 1"), Noisy("in list 2")]
del lst
print("after list del")
a = Noisy("cycle a")
b = Noisy("cycle b")
a.peer, b.peer = b, a
del a, b
print("cycle unreachable, collecting")
gc.collect()
print("after collect")
d = {"k": Noisy("dict value")}
d["k"] = 1
print("end of program")
