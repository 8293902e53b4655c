# The bytecode cache as importlib, py_compile and the import statement see it:
# cache paths, writing on import, reuse, recompiling after a source change,
# and ignoring (then rewriting) a cache file with a bad header.
import importlib
import importlib.util
import marshal
import os
import py_compile
import sys
import tempfile

sys.dont_write_bytecode = False
tag = sys.implementation.cache_tag
print(isinstance(tag, str) and tag.endswith('-311'))
c = importlib.util.cache_from_source('/a/b/mod.py')
print(c == '/a/b/__pycache__/mod.%s.pyc' % tag)
print(importlib.util.cache_from_source('/a/b/mod.py', optimization=2) == '/a/b/__pycache__/mod.%s.opt-2.pyc' % tag)
print(importlib.util.source_from_cache(c))
magic = importlib.util.MAGIC_NUMBER
print(len(magic), magic[2:])

d = tempfile.mkdtemp()
sys.path.insert(0, d)
src = os.path.join(d, 'cached_mod.py')
with open(src, 'w') as f:
    f.write('X = 1\ndef f(a, *, b=2):\n    return [a, b, (1, 2.5, "s", b"b", None, ...)]\n')
import cached_mod
print(cached_mod.X, cached_mod.f(0))
cached = importlib.util.cache_from_source(src)
print(cached_mod.__cached__ == cached, os.path.exists(cached))
print(cached_mod.__spec__.cached == cached)
with open(cached, 'rb') as f:
    data = f.read()
print(data[:4] == magic, int.from_bytes(data[4:8], 'little'))
code = marshal.loads(data[16:])
print(type(code).__name__, code.co_filename == src)
ns = {}
exec(code, ns)
print(ns['X'], ns['f'](5, b=6))

# Reused as it is.
del sys.modules['cached_mod']
import cached_mod
print(cached_mod.X)

# Source changed (another size): recompiled and rewritten.
with open(src, 'w') as f:
    f.write('X = 22\n')
del sys.modules['cached_mod']
import cached_mod
print(cached_mod.X)

# A cache file with a bad magic number or a short header is ignored.
for bad in [b'\x00\x00\r\n' + data[4:], data[:10], b'']:
    with open(cached, 'wb') as f:
        f.write(bad)
    del sys.modules['cached_mod']
    import cached_mod
    print(cached_mod.X, open(cached, 'rb').read()[:4] == magic)

# py_compile writes the same format; hash-based pycs validate the source.
p = py_compile.compile(src, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
print(p == cached)
with open(p, 'rb') as f:
    data = f.read()
print(int.from_bytes(data[4:8], 'little'))
del sys.modules['cached_mod']
import cached_mod
print(cached_mod.X)
with open(src, 'w') as f:
    f.write('X = 333\n')
del sys.modules['cached_mod']
import cached_mod
print(cached_mod.X)

try:
    marshal.loads(b'c' + b'\x00' * 3)
except (EOFError, ValueError) as e:
    print(type(e).__name__)
