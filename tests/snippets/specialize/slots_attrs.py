# __slots__ members read and written by specialized attribute instructions:
# after warm-up, results and errors must stay those of the member descriptors
# (unset slots, deletion, subclasses with and without __dict__, the member
# replaced on the class, name-mangled slots).
class P:
    __slots__ = ("x", "y", "__hidden")

    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.__hidden = x * 10

    def hidden(self):
        return self.__hidden

    def norm1(self):
        return abs(self.x) + abs(self.y)


class Q(P):
    pass


class R(P):
    __slots__ = ("z",)


def loop(objs):
    total = 0
    for o in objs:
        total += o.norm1() + o.hidden()
        o.x = o.x + 1
    return total


ps = [P(i, -i) for i in range(50)]
print(loop(ps), loop(ps))
mixed = [P(1, 2), Q(3, 4), R(5, 6)] * 20
print(loop(mixed))
q = Q(1, 1)
q.extra = "dict ok"
print(q.extra, q.x)


def get_x(o):
    return o.x


def set_y(o, v):
    o.y = v


for _ in range(40):
    get_x(ps[0])
    set_y(ps[0], 5)
e = P.__new__(P)
try:
    get_x(e)
except AttributeError as exc:
    print("AttributeError:", exc)
set_y(e, 9)
print(e.y)
del ps[1].x
try:
    get_x(ps[1])
except AttributeError as exc:
    print("AttributeError:", exc)
set_y(ps[1], 7)
print(ps[1].y)
try:
    ps[0].nope = 1
except AttributeError as exc:
    print("AttributeError:", exc)
P.x = property(lambda self: "property now")
print(get_x(ps[0]), get_x(q))
try:
    ps[2].x = 3
except AttributeError:
    print("AttributeError")
print([get_x(o) for o in mixed[:3]])
