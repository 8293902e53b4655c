# timeout: 60
# The Korean codecs (euc_kr, cp949): table hashes (every 1- and 2-byte
# sequence decoded, every BMP code point encoded) and readable cases,
# including EUC-KR's KS X 1001:1998 Annex 3 make-up sequences for Hangul
# syllables outside KS X 1001.  The full comparison is tests/cjk/compare.py.
import codecs
import hashlib

for codec in ['euc_kr', 'cp949']:
    h = hashlib.sha256()
    bad = 0
    for b1 in range(0x80, 0x100):
        for b2 in range(0x100):
            data = bytes([b1, b2])
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

for codec in ['euc_kr', 'cp949']:
    print('--', codec)
    for text in ['\ud55c\uae00', '\uac02\ub620', 'a\uac02b', '\u3131\u3164', '\u2460\u4e00', '\u00e9']:
        for errors in ('strict', 'replace'):
            try:
                print(ascii(text), errors, text.encode(codec, errors))
            except UnicodeEncodeError as e:
                print(ascii(text), errors, 'E', e.start, e.end, e.reason)
    for data in [b'\xc7\xd1\xb1\xdb', b'\x81\x41', b'\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xa2',
                 b'\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xd4', b'\xa4\xd4\xa4\xa1\xa4\xbf',
                 b'\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xa8', b'\xa4\xd4\xa4\xa3\xa4\xbf\xa4\xd4',
                 b'\xa4\xd4x\xa1\xa4\xbf\xa4\xd4', b'\xa4\xd4', b'\xc7', b'\xff\xff', b'\xa1\x41']:
        for errors in ('strict', 'replace'):
            try:
                print(data, errors, ascii(data.decode(codec, errors)))
            except UnicodeDecodeError as e:
                print(data, errors, 'E', e.start, e.end, e.reason)
    d = codecs.getincrementaldecoder(codec)()
    for piece in [b'\xa4', b'\xd4\xa4', b'\xa1\xa4\xbf\xa4', b'\xa2', b'\xc7']:
        print(piece, ascii(d.decode(piece)), d.getstate())
