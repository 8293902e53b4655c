# match statement: literal, capture, wildcard, or-patterns, guards.
def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case "hello":
            return "greeting"
        case None:
            return "none"
        case True:
            return "true"
        case int(n) if n < 0:
            return f"negative {n}"
        case float():
            return "float"
        case _:
            return "other"
for v in [0, 2, "hello", None, True, -5, 2.5, "x", False]:
    print(repr(v), describe(v))
