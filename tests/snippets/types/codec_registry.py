import codecs
def search(n):
    if n == 'bad1':
        return codecs.CodecInfo(lambda s, e='strict': ('x', 1), lambda b, e='strict': (b'x', 1), name='bad1')
    if n == 'bad2':
        return codecs.CodecInfo(lambda s, e='strict': 5, lambda b, e='strict': [1], name='bad2')
    if n == 'ba':
        return codecs.CodecInfo(lambda s, e='strict': (b'<' + s.encode() + b'>', 1),
                                lambda b, e='strict': (type(b).__name__ + ':' + bytes(b).decode(), 1), name='ba')
codecs.register(search)
tests = [lambda: 'a'.encode('bad1'), lambda: b'a'.decode('bad1'), lambda: 'a'.encode('bad2'),
         lambda: b'a'.decode('bad2'), lambda: 'a'.encode('ba'), lambda: bytearray(b'a').decode('ba'),
         lambda: 'a'.encode('rot13'), lambda: b'a'.decode('hex'), lambda: 'a'.encode('nope'),
         lambda: str(b'a', 'ba'), lambda: bytearray('a', 'ba'), lambda: bytes('xy', 'ba'),
         lambda: 'a\u1234\\'.encode('raw-unicode-escape'), lambda: b'a\\u1234'.decode('raw_unicode_escape'),
         lambda: 'x\ty'.encode('unicode_escape'), lambda: 'abc'.encode('cp037'), lambda: b'\x81'.decode('cp037'),
         lambda: 'h\xe9'.encode('iso8859-15')]
for f in tests:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
