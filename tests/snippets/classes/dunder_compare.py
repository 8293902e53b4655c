# Rich comparison methods and their reflection.
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __eq__(self, o):
        return isinstance(o, Version) and self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __le__(self, o):
        return self.parts <= o.parts
    def __hash__(self):
        return hash(self.parts)
    def __repr__(self):
        return "V" + ".".join(map(str, self.parts))
vs = [Version("1.10"), Version("1.2"), Version("1.2.1"), Version("0.9")]
print(sorted(vs), max(vs), Version("1.0") == Version("1.0"), Version("1.0") != Version("1.1"))
print(Version("2.0") > Version("1.0"), Version("2.0") >= Version("2.0"), Version("1") in vs)
print(len({Version("1.0"), Version("1.0")}))
class Loud:
    def __init__(self, n): self.n = n
    def __eq__(self, o):
        print(f"eq {self.n} {o.n}")
        return NotImplemented
print(Loud(1) == Loud(2))
print(Loud(1) != Loud(1))
class Always:
    def __lt__(self, o): return "lt result"
    def __gt__(self, o): return "gt result"
print(Always() < 1, 1 < Always(), 1 > Always())
try:
    object() < object()
except TypeError as e:
    print(e)
