# Imports honour sys.meta_path finders, sys.path_hooks and zip archives on
# sys.path, as CPython's import machinery does.
import os
import sys
import tempfile
import zipfile

d = tempfile.mkdtemp()
zpath = os.path.join(d, 'lib.zip')
with zipfile.ZipFile(zpath, 'w') as z:
    z.writestr('zmod.py', 'X = "from zip"\n')
    z.writestr('zpkg/__init__.py', 'Y = 1\n')
    z.writestr('zpkg/sub.py', 'from . import Y\nZ = Y + 1\n')
sys.path.insert(0, zpath)
import zmod
import zpkg.sub
print(zmod.X, type(zmod.__loader__).__name__, zmod.__file__ == os.path.join(zpath, 'zmod.py'))
print(zpkg.sub.Z, zpkg.__path__ == [os.path.join(zpath, 'zpkg')])
print(type(sys.path_importer_cache[zpath]).__name__)
print([getattr(h, '__name__', '?') for h in sys.path_hooks][:1])


class Loader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.value = 'made by ' + module.__name__


class Finder:
    seen = []

    def find_spec(self, name, path, target=None):
        self.seen.append(name)
        if name.startswith('virtual'):
            import importlib.util
            return importlib.util.spec_from_loader(name, Loader())
        return None


sys.meta_path.insert(0, Finder())
import virtual_one
print(virtual_one.value, virtual_one.__spec__.name)
import colorsys
print(Finder.seen)
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(repr(e), e.name)
sys.meta_path.pop(0)
import virtual_one as again
print(again is virtual_one)
try:
    import virtual_two
except ModuleNotFoundError as e:
    print(repr(e))


class Hook:
    def __init__(self, path):
        if not path.endswith('.virtualdir'):
            raise ImportError
        self.path = path

    def find_spec(self, name, target=None):
        import importlib.util
        return importlib.util.spec_from_loader(name, Loader())


sys.path_hooks.insert(0, Hook)
sys.path.insert(0, 'x.virtualdir')
import from_hook
print(from_hook.value, type(sys.path_importer_cache['x.virtualdir']).__name__)
import shutil
shutil.rmtree(d)
