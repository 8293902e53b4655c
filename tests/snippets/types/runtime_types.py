# Function, method, code, cell, module and other runtime types.
import types
import sys
def f(a, b=1):
    c = a + b
    def g():
        return c
    return g
g = f(1)
print(type(f).__name__, type(g).__name__, isinstance(f, types.FunctionType), type(len).__name__)
print(type(f.__code__).__name__, f.__code__.co_name, f.__code__.co_argcount, f.__code__.co_varnames, f.__code__.co_cellvars)
print(g.__code__.co_freevars, type(g.__closure__[0]).__name__, g.__closure__[0].cell_contents)
cell = types.CellType(5)
print(cell.cell_contents)
cell.cell_contents = 6
print(cell.cell_contents)
class K:
    def m(self):
        return 1
    @classmethod
    def c(cls):
        return 2
k = K()
print(type(k.m).__name__, type(K.c).__name__, type(K.m).__name__, type([].append).__name__, type(str.upper).__name__)
print(type(K.__dict__["m"]).__name__, type(int.__add__).__name__, type((1).__add__).__name__, type(object.__init__).__name__)
mod = types.ModuleType("made_up", "doc text")
mod.x = 1
print(mod.__name__, mod.__doc__, mod.x, type(mod).__name__, repr(mod))
print(type(sys).__name__, sys.__name__, __name__, type(sys.modules).__name__)
print(types.SimpleNamespace(a=1, b=2), types.NoneType is type(None), types.EllipsisType is type(...))
gen = (x for x in [])
print(type(gen).__name__, type(iter([])).__name__, type(iter(())).__name__, type(iter("")).__name__, type(iter({})).__name__)
print(type(range(3)).__name__, type(iter(range(3))).__name__, type(reversed([])).__name__, type(zip()).__name__, type(map(abs, [])).__name__)
print(type({}.keys()).__name__, type(enumerate([])).__name__, type(slice(1)).__name__, type(memoryview(b"")).__name__)
mp = types.MappingProxyType({"k": 1})
print(mp["k"], type(K.__dict__).__name__, len(mp))
try:
    mp["k"] = 2
except TypeError as e:
    print(e)
