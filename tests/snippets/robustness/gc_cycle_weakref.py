# gc.collect() reclaims reference cycles; observed through weakrefs.
import gc
import weakref
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
a, b = Node("a"), Node("b")
a.other, b.other = b, a
ra, rb = weakref.ref(a), weakref.ref(b)
del a, b
print("alive before collect:", ra() is not None, rb() is not None)
found = gc.collect()
print("collected something:", found > 0)
print("alive after collect:", ra() is not None, rb() is not None)
l = []
l.append(l)
rl_probe = weakref.ref(Node("probe"))
print("non-cycle freed at once:", rl_probe() is None)
d = {}
d["self"] = d
del l, d
print("collected:", gc.collect() > 0)
print(gc.isenabled(), gc.collect() == 0)
gc.disable()
print(gc.isenabled())
gc.enable()
def cb(ref):
    print("weakref callback fired")
class Obj:
    pass
o = Obj()
o.self = o
r = weakref.ref(o, cb)
del o
gc.collect()
print(r())
