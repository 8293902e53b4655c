def f(x):
    match x:
        case 1 | 2:
            return "small"
        case [a, *_]:
            return a
        case [1, *r, 2]:
            return r
        case {"k": v, **kw}:
            return v, kw
        case Point(x=0, y=py) as p if py > 0:
            return p
        case str() | bytes():
            return "text"
        case None:
            return None
        case -1.5 | 1+2j:
            return "num"
        case _:
            return "other"
