"""Exhaustive comparison of the CJK codecs between CPython and Taipan.

Run under any interpreter, it walks a codec's whole input space with
errors='strict' and prints one line per input: every single byte and every
two-byte sequence decoded (plus the three-byte 0x8F sequences of the EUC
codecs), and every code point 0..0x10FFFF encoded; a result is the text or
bytes, or the UnicodeError's (start, end, reason).

    python3 tests/cjk/compare.py --hash shift_jis      # one sha256 per table
    python3 tests/cjk/compare.py --dump shift_jis > a  # the full listing
    python3 tests/cjk/compare.py --diff TAIPAN shift_jis cp932 euc_jp
        # runs both interpreters with --dump and reports the differences

The committed snippet tests/snippets/stdlib_data/cjk_tables.py prints the
hashes this script computes, so the full tables stay checked by CI.
"""

import hashlib
import subprocess
import sys

THREE_BYTE = {'euc_jp': 0x8F}
# ISO-2022 codecs: every two-byte sequence is also decoded after each of
# these escape sequences, and ESC + every two bytes.
ISO2022_ESCAPES = [b'\x1b$B', b'\x1b$@', b'\x1b(J', b'\x1b(I', b'\x1b$(D',
                   b'\x1b&@\x1b$B', b'\x1b$A', b'\x1b)J\x0e']


def decode_inputs(codec):
    for b in range(256):
        yield bytes([b])
    for b1 in range(0x80, 0x100):
        for b2 in range(256):
            yield bytes([b1, b2])
    if codec.startswith('iso2022'):
        for esc in ISO2022_ESCAPES:
            for b1 in range(256):
                for b2 in range(256):
                    yield esc + bytes([b1, b2])
        for b1 in range(256):
            for b2 in range(256):
                yield bytes([0x1B, b1, b2])
    if codec == 'euc_kr':
        # KS X 1001:1998 Annex 3 make-up sequences.
        for cho in range(0xA0, 0xC0):
            for jung in range(0xBE, 0xD5):
                for jong in list(range(0xA0, 0xC0)) + [0xD4]:
                    yield bytes([0xA4, 0xD4, 0xA4, cho, 0xA4, jung, 0xA4, jong])
        for i in range(2, 8):
            yield b'\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xd4'[:i]
            yield b'\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xd4'[:i] + b'\x41\xa4\xa1\xa4\xa1\xa4\xa1'
    if codec in THREE_BYTE:
        lead = THREE_BYTE[codec]
        for b2 in range(0xA0, 0x100):
            for b3 in range(0xA0, 0x100):
                yield bytes([lead, b2, b3])


def decode_lines(codec):
    for data in decode_inputs(codec):
        try:
            r = ascii(data.decode(codec))
        except UnicodeDecodeError as e:
            r = 'E %d %d %s' % (e.start, e.end, e.reason)
        yield '%s %s' % (data.hex(), r)


def encode_lines(codec):
    for cp in range(0x110000):
        try:
            r = chr(cp).encode(codec).hex()
        except UnicodeEncodeError as e:
            r = 'E %d %d %s' % (e.start, e.end, e.reason)
        yield '%x %s' % (cp, r)


class Rand:
    """A fixed linear congruential generator (the same in any interpreter)."""

    def __init__(self, seed):
        self.x = seed

    def below(self, n):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.x >> 33) % n


BYTE_ALPHABET = b'\x1b\x1b\x1b$$(()&@BBJID\x0e\x0f\n !"$%0\\~\x7f\x80\x81\x8e\x8f\xa1\xa4\xb0\xe0\xfe\xff'
TEXT_ALPHABET = ('\uac00\ud7a3\uac02\u3131\u3164\ud55c\uae00abc \n~\\\xa5\u203e\u3042\u30a2\u4e00\u9ed1\uff61\uff9f\u2460'
                 '\u4e02\u02d8\u301c\uff5e\u2225\uff3c\xa2\ue000\ud800\U00020000\x80\xe9')


def fuzz_lines(codec):
    """Random byte strings decoded and random texts encoded, in one go,
    incrementally (piece by piece) and with the replace handler."""
    import codecs
    rnd = Rand(12345)
    for _ in range(3000):
        data = bytes(BYTE_ALPHABET[rnd.below(len(BYTE_ALPHABET))]
                     for _ in range(rnd.below(12)))
        for errors in ('strict', 'replace'):
            try:
                r = ascii(data.decode(codec, errors))
            except UnicodeDecodeError as e:
                r = 'E %d %d %s' % (e.start, e.end, e.reason)
            yield 'd %s %s %s' % (data.hex(), errors, r)
        d = codecs.getincrementaldecoder(codec)('replace')
        parts = []
        i = 0
        try:
            while i < len(data):
                n = 1 + rnd.below(3)
                parts.append(d.decode(data[i:i + n]))
                parts.append(repr(d.getstate()))
                i += n
            parts.append(d.decode(b'', True))
        except UnicodeError as e:
            parts.append('%s: %s' % (type(e).__name__, e))
        yield 'i %s %s' % (data.hex(), ascii(parts))
    for _ in range(3000):
        text = ''.join(TEXT_ALPHABET[rnd.below(len(TEXT_ALPHABET))]
                       for _ in range(rnd.below(8)))
        for errors in ('strict', 'replace', 'backslashreplace'):
            try:
                r = text.encode(codec, errors).hex()
            except UnicodeEncodeError as e:
                r = 'E %d %d %s' % (e.start, e.end, e.reason)
            yield 'e %s %s %s' % (ascii(text), errors, r)
        enc = codecs.getincrementalencoder(codec)('replace')
        try:
            parts = [enc.encode(ch).hex() + ':%x' % enc.getstate() for ch in text]
            parts.append(enc.encode('', True).hex())
        except UnicodeError as e:
            parts = ['%s: %s' % (type(e).__name__, e)]
        yield 'j %s %s' % (ascii(text), parts)


def tables(codec):
    return (('decode', decode_lines(codec)), ('encode', encode_lines(codec)),
            ('fuzz', fuzz_lines(codec)))


def main(argv):
    mode, rest = argv[0], argv[1:]
    if mode == '--hash':
        for codec in rest:
            for kind, lines in tables(codec):
                h = hashlib.sha256()
                n = 0
                for line in lines:
                    h.update(line.encode() + b'\n')
                    n += 1
                print(codec, kind, n, h.hexdigest()[:16])
    elif mode == '--dump':
        for codec in rest:
            for kind, lines in tables(codec):
                for line in lines:
                    print(codec, kind, line)
    elif mode == '--diff':
        taipan, codecs = rest[0], rest[1:]
        me = sys.argv[0]
        bad = 0
        for codec in codecs:
            outs = [subprocess.run([exe, me, '--dump', codec], capture_output=True,
                                   text=True, check=True).stdout.splitlines()
                    for exe in ('python3', taipan)]
            diffs = [(a, b) for a, b in zip(*outs) if a != b]
            if len(outs[0]) != len(outs[1]):
                diffs.append(('%d lines' % len(outs[0]), '%d lines' % len(outs[1])))
            print('%s: %d lines, %d differences' % (codec, len(outs[0]), len(diffs)))
            for a, b in diffs[:20]:
                print('  cpython:', a)
                print('  taipan: ', b)
            bad += len(diffs)
        return 1 if bad else 0
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
