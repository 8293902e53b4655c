# Attribute caches: every guard (type version, map, __class__, descriptors)
# must notice changes made after the instruction was specialized.

class P:
    kind = "class-attr"

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


def read_x(objs):
    return [o.x for o in objs]


def read_kind(objs):
    return [o.kind for o in objs]


def call_norm(objs):
    return [o.norm1() for o in objs]


pts = [P(i, -i) for i in range(20)]
print(sum(read_x(pts)), read_kind(pts)[:2], sum(call_norm(pts)))

# class attribute changed after warm-up
P.kind = "changed"
print(read_kind(pts)[:2])

# instance attribute shadows the class attribute and the method
pts[3].kind = "own"
pts[4].norm1 = lambda: "shadowed"
print(read_kind(pts)[2:5], call_norm(pts)[3:5])

# method replaced on the class
P.norm1 = lambda self: self.x * 100
print(call_norm(pts)[:3])

# a data descriptor (property) added for an attribute held in the instance
P.x = property(lambda self: "from-property")
print(read_x(pts)[:2])
del P.x
print(read_x(pts)[:2])


# __class__ assignment
class Q:
    kind = "Q-kind"

    def norm1(self):
        return "Q.norm1"


pts[0].__class__ = Q
print(read_kind(pts)[:2], call_norm(pts)[:2])

# different attribute orders give different maps (polymorphic site)
class R:
    pass


objs = []
for i in range(30):
    r = R()
    if i % 2:
        r.a = 0
        r.x = i
    else:
        r.x = i
    objs.append(r)
print(sum(read_x(objs)))

# attribute deleted after warm-up: AttributeError like CPython
victim = objs[5]
del victim.x
try:
    read_x(objs)
except AttributeError as e:
    print("AttributeError:", e)

# __dict__ materialized (dict storage) after warm-up
objs[6].__dict__["x"] = "via-dict"
print(read_x(objs[6:8]))


# stores: existing slot, adding attributes, __setattr__ added later
class S:
    pass


def fill(o, n):
    o.a = n
    o.b = n + 1
    o.a = o.a + o.b
    return o


ss = [fill(S(), i) for i in range(20)]
print([(s.a, s.b) for s in ss[:3]])


def setattr_hook(self, name, value):
    object.__setattr__(self, name, ("hooked", value))


S.__setattr__ = setattr_hook
print(vars(fill(S(), 7)))


# __slots__ classes use member descriptors
class Sl:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x


print(sum(read_x([Sl(i) for i in range(20)])))

# module attributes and module function calls
import math


def mod_use(n):
    return [math.floor(math.pi * i) for i in range(n)]


print(mod_use(10))
math.pi = 3
print(mod_use(5))
del math.pi
try:
    mod_use(2)
except AttributeError as e:
    print("AttributeError:", e)
