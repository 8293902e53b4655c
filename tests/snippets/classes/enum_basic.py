# enum.Enum basics.
import enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
print(Color.RED, repr(Color.GREEN), Color(3), Color["RED"], Color.RED.name, Color.RED.value)
print(list(Color), len(Color), Color.RED in Color, Color.RED is Color(1))
class Flag(enum.IntFlag):
    R = 4
    W = 2
    X = 1
print(Flag.R | Flag.W, int(Flag.R | Flag.X), Flag(6), bool(Flag.R & Flag.W))
class Auto(enum.Enum):
    A = enum.auto()
    B = enum.auto()
print(Auto.A.value, Auto.B.value)
try:
    Color(9)
except ValueError as e:
    print(e)
