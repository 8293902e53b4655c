# More match statement forms: nested, dataclass-like classes, mapping rest, guards with bindings.
from dataclasses import dataclass
@dataclass
class Add:
    left: object
    right: object
@dataclass
class Num:
    value: int
def evaluate(e):
    match e:
        case Num(value=v):
            return v
        case Add(Num(0), r) | Add(r, Num(0)):
            return evaluate(r)
        case Add(l, r):
            return evaluate(l) + evaluate(r)
        case _:
            raise ValueError(e)
print(evaluate(Add(Num(1), Add(Num(0), Num(5)))))
def cmd(command):
    match command.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["pick", "up", *items] if items:
            return f"picking {', '.join(items)}"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb}"
        case []:
            return "nothing"
for c in ["go north", "go up", "pick up sword shield", "pick up", "exit", "", "dance now"]:
    print(repr(c), cmd(c))
match {"a": 1, "b": 2, "c": 3}:
    case {"a": 1, **rest}:
        print("rest", rest)
match 42:
    case x if x > 100:
        print("big")
    case x:
        print("bound", x)
match "text":
    case bytes():
        print("bytes")
    case str(s) if len(s) == 4:
        print("four letters", s)
