# timeout: 60
# The ISO-2022-JP codecs (iso2022_jp, iso2022_jp_1, iso2022_jp_ext): table
# hashes after each designation, every BMP code point encoded from a fresh
# state, then readable cases: escapes, state across incremental calls,
# getstate() values, errors.  The full comparison is tests/cjk/compare.py.
import codecs
import hashlib

CODECS = ['iso2022_jp', 'iso2022_jp_1', 'iso2022_jp_ext']
ESCAPES = [b'', b'\x1b$B', b'\x1b(J', b'\x1b(I', b'\x1b$(D', b'\x1b&@\x1b$B']

for codec in CODECS:
    h = hashlib.sha256()
    bad = 0
    for esc in ESCAPES:
        for b1 in range(0x1B, 0x81):
            for b2 in range(0, 0x100, 3):
                data = esc + bytes([b1, b2])
                try:
                    r = ascii(data.decode(codec))
                except UnicodeDecodeError as e:
                    r = 'E %d %d %s' % (e.start, e.end, e.reason)
                    bad += 1
                h.update(('%s %s\n' % (data.hex(), r)).encode())
    print(codec, 'decode', bad, h.hexdigest()[:16])
    h = hashlib.sha256()
    bad = 0
    for cp in range(0x10000):
        try:
            r = chr(cp).encode(codec).hex()
        except UnicodeEncodeError as e:
            r = 'E %d %d %s' % (e.start, e.end, e.reason)
            bad += 1
        h.update(('%x %s\n' % (cp, r)).encode())
    print(codec, 'encode', bad, h.hexdigest()[:16])

for codec in CODECS:
    print('--', codec)
    for text in ['abc', '\u3042\u3044', 'a\u3042b', '\xa5\u203e~\\', '\uff71\uff72',
                 '\u4e02\u02d8', 'x\u3042\uff71\u4e02\xa5y', '\u2460']:
        for errors in ('strict', 'replace', 'xmlcharrefreplace'):
            try:
                print(ascii(text), errors, text.encode(codec, errors))
            except UnicodeEncodeError as e:
                print(ascii(text), errors, 'E', e.start, e.end, e.reason)
    for data in [b'\x1b$B$"$$\x1b(B', b'\x1b$B \x1b(B', b'\x1b$B$\n', b'\x1b$B$', b'\x1b$',
                 b'\x1b$A', b'\x1b(I!', b'\x1b&@\x1b$B$"', b'a\x1bzbc', b'\x1b$B\x80',
                 b'\x0e\x0f', b'\x1b)J\x0e!', b'\x1b$(D"7', b'\x1b(J\\~', b'\x1b$@$"',
                 b'\x1b(Babc\x1b', b'\x1b\x1b\x1b']:
        for errors in ('strict', 'replace', 'ignore'):
            try:
                print(data, errors, ascii(data.decode(codec, errors)))
            except UnicodeDecodeError as e:
                print(data, errors, 'E', e.start, e.end, e.reason)
    e = codecs.getincrementalencoder(codec)()
    print(e.getstate(), e.encode('\u3042'), e.getstate(), e.encode('b'), e.getstate())
    e.encode('\u3044')
    st = e.getstate()
    e.reset()
    print(st, e.getstate(), e.encode('\u3046', final=True))
    e.setstate(st)
    print(e.encode('\u3046'), e.encode('', final=True))
    d = codecs.getincrementaldecoder(codec)()
    print(d.getstate())
    for piece in [b'\x1b', b'$', b'B$', b'"', b'$$\x1b(', b'Bx']:
        print(piece, ascii(d.decode(piece)), d.getstate())
    d.decode(b'\x1b$B')
    d.reset()
    print(d.getstate(), ascii(d.decode(b'$"', True)))
    import io
    buf = io.BytesIO()
    w = codecs.getwriter(codec)(buf)
    w.write('\u65e5\u672c')
    w.write('abc\u3042')
    w.reset()
    print(buf.getvalue())
    r = codecs.getreader(codec)(io.BytesIO(buf.getvalue() + b'\x1b$B$"\x1b(B\n'))
    print(ascii(r.read()))
