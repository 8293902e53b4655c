# BytesIO/StringIO pickling (__getstate__/__setstate__ with CPython's checks) and
# BufferedReader.read() over raw streams with and without readall().
import io, pickle, copy
b = io.BytesIO(b'abc'); b.read(1); b.foo = 42
print(b.__getstate__())
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    c = pickle.loads(pickle.dumps(b, proto))
    print(proto, c.getvalue(), c.tell(), c.foo, c.read())
b.__setstate__((b'xyz', 1, {'a': 1})); print(b.read(), b.a)
for st in [(b'x',), (b'x', -1, None), (b'x', '1', None), (b'x', 0, []), ('s', 0, None), 5]:
    try:
        io.BytesIO().__setstate__(st)
    except Exception as e:
        print(type(e).__name__, e)
s = io.StringIO('a\r\nb', newline=None); s.bar = 1
print(s.__getstate__())
c = copy.deepcopy(s); print(repr(c.getvalue()), c.bar, c.newlines)
s.__setstate__(('hello\n', '\r\n', 2, None)); print(repr(s.read()), repr(s.getvalue()))
for st in [('x',), ('x', '\n', -1, None), ('x', '\n', '1', None), ('x', '\n', 0, []), (b's', '\n', 0, None), ('x', 'bad', 0, None), ('x', None, 0, None)]:
    try:
        io.StringIO().__setstate__(st); print('ok')
    except Exception as e:
        print(type(e).__name__, e)
class Raw(io.RawIOBase):
    def __init__(self): self.parts = [b'ab', b'cd', b'']
    def readable(self): return True
    def readinto(self, b):
        p = self.parts.pop(0) if self.parts else b''
        b[:len(p)] = p
        return len(p)
print(io.BufferedReader(Raw()).read())
class NoReadall:
    closed = False
    def __init__(self): self.parts = [b'x', b'yz', b'']
    def readable(self): return True
    def read(self, n=-1): return self.parts.pop(0) if self.parts else b''
    def readinto(self, b): return 0
print(io.BufferedReader(NoReadall()).read())
