# __str__, __repr__, __format__ and their use by print, str, repr, f-strings.
class Both:
    def __str__(self): return "str form"
    def __repr__(self): return "repr form"
class ReprOnly:
    def __repr__(self): return "ReprOnly()"
class Fmt:
    def __format__(self, spec):
        return f"<{spec}>"
print(Both(), str(Both()), repr(Both()), [Both()], f"{Both()}", f"{Both()!r}")
print(ReprOnly(), str(ReprOnly()), f"{ReprOnly()}", (ReprOnly(),))
print(f"{Fmt():abc}", format(Fmt(), "xyz"), "{:q}".format(Fmt()), f"{Fmt()}")
class BadStr:
    def __str__(self): return 5
try:
    str(BadStr())
except TypeError as e:
    print(e)
class Pt:
    def __init__(self, x): self.x = x
    def __repr__(self): return f"Pt({self.x!r})"
print(Pt("s"), Pt(Pt(1)), {"k": Pt(2)})
try:
    format(object(), "d")
except TypeError as e:
    print(e)
