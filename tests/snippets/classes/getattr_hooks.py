# __getattr__, __getattribute__, __setattr__, __delattr__.
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "log", [])
    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self._target, name)
    def __setattr__(self, name, value):
        self.log.append("set " + name)
        setattr(self._target, name, value)
    def __delattr__(self, name):
        self.log.append("del " + name)
        delattr(self._target, name)
class T:
    pass
t = T()
p = Proxy(t)
p.a = 1
print(p.a, t.a)
del p.a
print(hasattr(t, "a"), p.log)
class Audit:
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return super().__getattribute__(name)
a = Audit()
print(a.x, a.secret)
try:
    a.missing
except AttributeError as e:
    print(e)
class Dyn:
    def __getattr__(self, name):
        if name.startswith("get_"):
            return lambda: name[4:]
        raise AttributeError(f"no {name}")
print(Dyn().get_thing(), getattr(Dyn(), "nope", "default"))
