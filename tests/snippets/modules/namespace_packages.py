# PEP 420 namespace packages, found by the path search, inside regular
# packages too.
import os
import sys
import tempfile

root = tempfile.mkdtemp()
os.makedirs(os.path.join(root, "nsa", "inner"))
os.makedirs(os.path.join(root, "reg", "data"))
with open(os.path.join(root, "nsa", "inner", "mod.py"), "w") as f:
    f.write("X = 42\n")
with open(os.path.join(root, "reg", "__init__.py"), "w") as f:
    f.write("")
with open(os.path.join(root, "reg", "data", "stack.py"), "w") as f:
    f.write("Y = 'y'\n")
sys.path.insert(0, root)

import nsa
import nsa.inner.mod
from reg.data import stack

print(nsa.inner.mod.X, stack.Y)
print(hasattr(nsa, "__file__"), getattr(nsa, "__file__", None))
print([os.path.relpath(p, root) for p in nsa.__path__])
print(nsa.__package__, nsa.inner.__package__, sys.modules["reg.data"].__name__)
import importlib
print(type(nsa.__spec__.loader).__name__, nsa.__spec__.origin)
print(nsa.__spec__.submodule_search_locations is not None)
try:
    import nsa.missing
except ModuleNotFoundError as e:
    print(e)
