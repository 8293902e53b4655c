# dataclasses (generated __init__, __repr__, __eq__, ordering, defaults).
from dataclasses import dataclass, field, asdict, replace
@dataclass
class Point:
    x: int
    y: int = 0
@dataclass(order=True, frozen=True)
class Ver:
    major: int
    minor: int
    tags: tuple = ()
@dataclass
class Bag:
    items: list = field(default_factory=list)
p = Point(1)
print(p, Point(1, 2) == Point(1, 2), asdict(Point(3, 4)), replace(p, y=9))
print(sorted([Ver(1, 2), Ver(0, 9), Ver(1, 0)]), Ver(1, 2) < Ver(1, 3))
try:
    Ver(1, 2).major = 5
except Exception as e:
    print(type(e).__name__, e)
b1, b2 = Bag(), Bag()
b1.items.append(1)
print(b1, b2, hash(Ver(1, 2)) == hash(Ver(1, 2)))
