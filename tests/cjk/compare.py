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


def decode_inputs(codec):
    for b in range(256):
        yield bytes([b])
    for b1 in range(0x80, 0x100):
        for b2 in range(256):
            yield bytes([b1, b2])
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


def tables(codec):
    return (('decode', decode_lines(codec)), ('encode', encode_lines(codec)))


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
