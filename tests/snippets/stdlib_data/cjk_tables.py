# timeout: 60
# The Japanese CJK codecs' whole tables, as hashes: every 1- and 2-byte
# sequence (and EUC-JP's 3-byte 0x8F ones) decoded, every BMP code point and
# a stride of the astral planes encoded, with errors='strict'.  The full
# comparison (all 0x110000 code points) is tests/cjk/compare.py.
import hashlib

CODECS = ['shift_jis', 'cp932', 'euc_jp']


def decode_inputs(codec):
    for b in range(256):
        yield bytes([b])
    for b1 in range(0x80, 0x100):
        for b2 in range(256):
            yield bytes([b1, b2])
    if codec == 'euc_jp':
        for b2 in range(0xA0, 0x100):
            for b3 in range(0xA0, 0x100):
                yield bytes([0x8F, b2, b3])


def code_points():
    yield from range(0x10000)
    yield from range(0x10000, 0x110000, 4099)


for codec in CODECS:
    h = hashlib.sha256()
    ok = bad = 0
    for data in decode_inputs(codec):
        try:
            r = ascii(data.decode(codec))
            ok += 1
        except UnicodeDecodeError as e:
            r = 'E %d %d %s' % (e.start, e.end, e.reason)
            bad += 1
        h.update(('%s %s\n' % (data.hex(), r)).encode())
    print(codec, 'decode', ok, bad, h.hexdigest()[:16])
    h = hashlib.sha256()
    ok = bad = 0
    for cp in code_points():
        try:
            r = chr(cp).encode(codec).hex()
            ok += 1
        except UnicodeEncodeError as e:
            r = 'E %d %d %s' % (e.start, e.end, e.reason)
            bad += 1
        h.update(('%x %s\n' % (cp, r)).encode())
    print(codec, 'encode', ok, bad, h.hexdigest()[:16])
