# del on names, items, attributes and slices.
x = 1
del x
try:
    x
except NameError as e:
    print(e)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
l = [1, 2, 3, 4]
del l[0], l[-1]
print(l)
class O: pass
o = O()
o.attr = 1
del o.attr
print(hasattr(o, "attr"))
try:
    del o.attr
except AttributeError as e:
    print(e)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
def f():
    y = 2
    del y
    try:
        return y
    except UnboundLocalError as e:
        return str(e)
print(f())
a, b = 1, 2
del (a, b)
print("a" in globals())
