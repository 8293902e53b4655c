# __import__ and __build_class__.
m = __import__("math")
print(m.__name__, m.sqrt(9))
osp = __import__("os.path", fromlist=["join"])
print(osp.join("x", "y"))
top = __import__("os.path")
print(top.__name__)
import builtins
K = builtins.__build_class__(lambda: None, "K")
print(K.__name__, type(K).__name__, K.__bases__)
S = builtins.__build_class__(lambda: None, "S", int)
print(S.__name__, S.__bases__, S(5) + 1)
try:
    builtins.__build_class__(5, "Bad")
except TypeError as e:
    print(e)
