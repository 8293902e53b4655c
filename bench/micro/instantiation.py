"""Class instantiation: plain __init__, inherited __init__ with super(), __slots__, dataclass-like."""


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class Empty:
    pass


def main(n):
    acc = 0
    for i in range(n):
        p = Point(i, 2)
        q = Point3(1, i, 3)
        s = Slotted(i, p)
        e = Empty()
        e.tag = i
        acc += p.x + q.z + s.a + e.tag
        acc &= 0xFFFFFFF
    return acc


print("checksum", main(400_000))
