# match statement: sequence, mapping, class, as-patterns, value patterns.
import enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
def show(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [1, *rest]:
            return f"starts with 1, rest {rest}"
        case (a, b) if a == b:
            return "pair of equals"
        case [a, b, *_]:
            return f"seq {a} {b} ..."
        case {"type": "circle", "r": r}:
            return f"circle {r}"
        case {"type": t, **others}:
            return f"shape {t} {sorted(others)}"
        case Point(x=0, y=0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x, y) as p:
            return f"point {x},{y} {type(p).__name__}"
        case Color.RED:
            return "red"
        case str() as s:
            return f"string {s}"
        case _:
            return "unknown"
for v in [[], [7], [1, 2, 3], (4, 4), [5, 6, 7], {"type": "circle", "r": 2},
          {"type": "sq", "w": 1, "h": 2}, Point(0, 0), Point(0, 5), Point(1, 2),
          Color.RED, Color.GREEN, "hi", 3.5]:
    print(show(v))
match (1, (2, 3)):
    case (a, (b, c)):
        print(a, b, c)
