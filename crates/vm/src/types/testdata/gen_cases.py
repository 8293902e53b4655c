#!/usr/bin/env python3
"""Generates the differential cases for str/bytes/bytearray/memoryview.

Each output line is `EXPR<TAB>EXPECTED` where EXPECTED is `repr(eval(EXPR))`
under CPython 3.11, or `!ExcName: message` when it raises.  The Rust test
`types::str_tests` evaluates EXPR with a tiny evaluator over the VM's
protocols and compares.  Run: python3 gen_cases.py (writes *.cases here).
"""
import itertools, os, sys

def iadd(a, b):
    a += b
    return a
def imul(a, b):
    a *= b
    return a
def setitem(o, k, v):
    o[k] = v
    return o
def delitem(o, k):
    del o[k]
    return o

ENV = dict(iadd=iadd, imul=imul, setitem=setitem, delitem=delitem)

def run(expr):
    try:
        v = eval(expr, dict(ENV))
        return repr(v)
    except Exception as e:
        return f"!{type(e).__name__}: {e}"

def out(name, exprs):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, name + ".cases"), "w") as f:
        for e in exprs:
            assert "\t" not in e and "\n" not in e, e
            r = run(e)
            assert "\n" not in r, (e, r)
            f.write(f"{e}\t{r}\n")
    print(name, len(exprs))

R = repr
S_RECV = ['', 'a', ' a  b ', 'a,b,,c', 'Hello World', 'x\u3000y\u2028z\x1c', 'ab\r\ncd\ne\rf\x0bg\x85h', 'ǅungla', 'ΣΑΣ ΑΣ', 'straße', 'İi', 'ﬁx', '\ud800x', 'ÀÉî', '12³½', '٣4', 'aAbB', 'Ab Cd', 'AB CD', '\tx\ty', 'a\tbc\tdef\n\tg']

def str_cases():
    c = []
    for s in S_RECV:
        for m in ['upper', 'lower', 'casefold', 'swapcase', 'capitalize', 'title', 'isdigit', 'isdecimal',
                  'isnumeric', 'isalpha', 'isalnum', 'isspace', 'isascii', 'isprintable', 'isupper',
                  'islower', 'istitle', 'isidentifier', 'strip', 'lstrip', 'rstrip', 'split', 'rsplit',
                  'splitlines', 'expandtabs', '__len__', '__hash__' if False else '__len__']:
            c.append(f"{R(s)}.{m}()")
        c.append(f"{R(s)}.splitlines(True)")
        c.append(f"{R(s)}.splitlines(keepends=True)")
        c.append(f"{R(s)}.expandtabs(4)")
        c.append(f"{R(s)}.expandtabs(0)")
        c.append(f"{R(s)}.expandtabs(-1)")
        c.append(f"{R(s)}.center(12, '*')")
        c.append(f"{R(s)}.center(11)")
        c.append(f"{R(s)}.ljust(9, '-')")
        c.append(f"{R(s)}.rjust(9)")
        c.append(f"{R(s)}.zfill(8)")
        c.append(f"repr({R(s)})")
        c.append(f"ascii({R(s)})")
        c.append(f"{R(s)}[::-1]")
        c.append(f"{R(s)}[1::2]")
        c.append(f"{R(s)}[-3:]")
        c.append(f"{R(s)}[-1]")
        c.append(f"{R(s)}[2]")
        for m, args in [('split', ['None, 1', "' '", "' ', 1", "',', -1", "',', 0", "'b'", "sep=','", "maxsplit=1", "''"]),
                        ('rsplit', ['None, 1', "' '", "' ', 1", "',', 2", "maxsplit=0", "None, 0"]),
                        ('strip', ["'a '", 'None', "''", "'ab'"]), ('lstrip', ["' a'"]), ('rstrip', ["'b '"]),
                        ('find', ["'b'", "'b', 2", "'b', -3", "'b', 1, -1", "''", "'', 10", "'', 3, 2", "'z'", "'b', None, None"]),
                        ('rfind', ["'b'", "'b', 2", "''", "'', 2", "'b', 0, -2"]),
                        ('index', ["'b'", "'z'", "'a', 1"]), ('rindex', ["'b'", "'q'"]),
                        ('count', ["'b'", "''", "'', 2", "'a', 1", "'', 40", "'', 5, 1", "'', -100"]),
                        ('replace', ["'a', 'X'", "'', '-'", "'', '-', 2", "'b', '', 1", "'a', 'yy', 0", "'a', 'Z', -1"]),
                        ('startswith', ["'a'", "('x', 'a')", "'', 100", "'b', 1", "'', 3, 2", "'a', -5"]),
                        ('endswith', ["'c'", "('x', 'b ')", "'', 0", "'a', 0, 1", "'c', -1"]),
                        ('partition', ["','", "' '", "'zz'"]), ('rpartition', ["','", "' '", "'zz'"]),
                        ('removeprefix', ["'a'", "''"]), ('removesuffix', ["'c'", "''"]),
                        ('__contains__', ["'b'", "''"]), ('__mul__', ['2', '0', '-1']),
                        ('encode', ["'ascii'", "'ascii', 'replace'", "'ascii', 'ignore'", "'latin-1', 'xmlcharrefreplace'",
                                    "'ascii', 'backslashreplace'", "'utf-16'", "'utf-16-le'", "'utf-32'", "'utf-8', 'surrogatepass'",
                                    "'utf-8', 'surrogateescape'", "'utf-16-be', 'surrogatepass'", "errors='replace'", "'utf_32_be'", "'cp1252'", "'bogus'"]),
                        ]:
            for a in args:
                c.append(f"{R(s)}.{m}({a})")
    c += [
        "'ß'.upper()", "'ﬃ'.upper()", "'ŉ'.upper()", "'ΐ'.upper()", "'İ'.lower()", "'ΑΣ'.lower()", "'ΑΣ Σ'.lower()",
        "'Σ'.lower()", "'aΣ'.lower()", "'aΣb'.lower()", "'a.Σ'.lower()", "'ß'.casefold()", "'ﬁ'.casefold()", "'ẞ'.casefold()",
        "'ǆ'.title()", "'ǅ'.swapcase()", "'ß'.title()", "'ßa'.capitalize()", "'ǆa'.capitalize()", "'ﬁb'.title()",
        "\"they're bill's\".title()", "'hello world'.title()", "'ÿ'.upper()", "'µ'.upper()", "'ı'.upper()", "'ſ'.upper()",
        "'Ǆ'.istitle()", "'ǅ'.istitle()", "'ǅ'.isupper()", "'ⅷ'.isupper()", "'Ⅷ'.islower()", "'ⅷ'.islower()", "'ª'.islower()",
        "'ℂ'.isupper()", "'Ⓐ'.isupper()", "'ⓐ'.lower()", "'Ⓐ'.lower()",
        "'½'.isnumeric()", "'½'.isdigit()", "'²'.isdigit()", "'²'.isdecimal()", "'①'.isdigit()", "'⑴'.isdigit()",
        "'一'.isnumeric()", "'٣'.isdecimal()", "'𝟘'.isdecimal()", "'Ⅻ'.isnumeric()", "'Ⅻ'.isalpha()", "'ǅ'.isalpha()",
        "'\u0345'.isalpha()", "'\u00b2'.isalnum()", "'\u2028'.isspace()", "'\u200b'.isspace()", "'\x1f'.isspace()", "'\xa0'.isspace()",
        "'\u180e'.isspace()", "'\ufeff'.isprintable()", "' '.isprintable()", "'\xa0'.isprintable()", "'\u3000'.isprintable()",
        "'\U0001F600'.isprintable()", "'\u0378'.isprintable()", "'\U000E0100'.isprintable()", "'\u00ad'.isprintable()",
        "'_a1'.isidentifier()", "'1a'.isidentifier()", "'℘'.isidentifier()", "'a℘'.isidentifier()", "'·'.isidentifier()", "'a·'.isidentifier()",
        "'ﬁ'.isidentifier()", "''.isidentifier()", "'a b'.isidentifier()", "'ᢅ'.isidentifier()", "'℮'.isidentifier()",
        "repr('\\'\"')", "repr('\\'')", "repr('\"')", "repr('\\x00\\x7f\\x80\\xa0\\xad\\u2028\\U0001F600\\U000E0001')",
        "repr('\\ud800\\udfff')", "repr('\\\\')", "repr('\\u0378\\U0010ffff\\ufffe')", "repr('\\u0300\\u200d')",
        "'a' < 'b'", "'a' < 'ab'", "'\\uffff' < '\\U00010000'", "'\\ud800' < '\\ue000'", "'abc' == 'abc'", "'a' <= 'a'",
        "'abc'[5:1:-1]", "'aéb𝄞c'[::-1]", "'aéb𝄞c'[3]", "'aéb𝄞c'[1:4]", "'aéb𝄞c'[-2::-2]", "'abc'[10]", "'abc'['x']",
        "'abc'[1.0]", "'abc'[::0]", "'é' in 'aéb'", "1 in 'a'", "'ab' * 3", "3 * 'ab'", "'ab' * 'c'", "'ab' + 1", "'a' + 'é'",
        "list('aé𝄞')", "'-'.join(['a', 'é', 'c'])", "'-'.join('abc')", "'-'.join(['a', 1])", "'-'.join(5)", "''.join([])",
        "'abc'.count('')", "'a'.center(4, 'xy')", "'a'.center(4, 1)", "'ab'.center(5, 'é')", "'-5'.zfill(4)", "'+x'.zfill(4)", "'x'.zfill(-1)",
        "'abc'.find(1)", "'abc'.split(1)", "'abc'.strip(1)", "'abc'.startswith(1)", "'abc'.startswith((1,))", "'abc'.endswith(['a'])",
        "'abc'.replace('a')", "'abc'.replace(1, 'a')", "'abc'.replace('a', 1)", "'abc'.partition('')", "'abc'.partition(1)",
        "'abc'.split('')", "'abc'.rsplit('')", "'abc'.split(maxsplit='1')", "'abc'.split(x=1)", "'abc'.split(',', 1, 2)",
        "'abc'.find()", "'abc'.find('a', 1, 2, 3)", "'abc'.find('a', 'x')", "'abc'.count()", "'abc'.upper(1)",
        "'abc'.index('z')", "'abc'.rindex('z')", "'a b'.index('b', x=1)", "'abc'.zfill('3')", "'abc'.center()",
        "'abc'.ljust(5, 'ab')", "'abc'.expandtabs('x')", "'abc'.expandtabs(tabsize=2)", "'abc'.splitlines(1)", "'abc'.splitlines('x')",
        "'abc'.removeprefix(1)", "'abc'.removesuffix(1)", "'abc'.encode(1)", "'abc'.encode('utf-8', 1)", "'abc'.join()",
        "'abc'.translate({97: 'X', 98: None, 99: 100})", "'abc'.translate({97: 'XY'})", "'abc'.translate({97: -1})",
        "'abc'.translate({97: 1.5})", "'abc'.translate([])", "'abc'.translate('xyz')",
        "str.maketrans('ab', 'cd')", "str.maketrans('ab', 'c')", "str.maketrans({'a': 1, 2: 'b'})", "str.maketrans({'ab': 1})",
        "str.maketrans('a', 'b', 'c')", "str.maketrans(1)", "str.maketrans({1.5: 2})", "str.maketrans('a', 1)",
        "'abc'.translate(str.maketrans('ab', 'xy', 'c'))",
        "'a%sb' % 'x'", "'%s %s' % ('a', 'b')", "'%s' % ('a', 'b')", "'%s %s' % ('a',)", "'%d' % 'x'", "'%d' % 3.7",
        "'%i|%u' % (-3, 4)", "'%x %X %o' % (255, 255, 8)", "'%#x %#X %#o' % (255, 255, 8)", "'%x' % 3.0", "'%5d|%-5d|%05d' % (1, 2, -3)",
        "'%+d % d' % (5, 5)", "'%.3d' % 7", "'%8.3d' % -7", "'%c' % 65", "'%c' % 'é'", "'%c' % 'ab'", "'%c' % -1", "'%c' % 1114112",
        "'%c' % 1.5", "'%r' % 'é'", "'%a' % 'é'", "'%.2s' % 'abc'", "'%5s|%-5s' % ('a', 'b')", "'%*d' % (5, 3)", "'%-*d|' % (5, 3)",
        "'%*d' % (-5, 3)", "'%.*f' % (2, 3.14159)", "'%*.*f' % (8, 2, 3.14159)", "'%(a)s %(b)d' % {'a': 1, 'b': 2}",
        "'%(a)s' % {'b': 1}", "'%(a)s' % ('x',)", "'%(a)s %s' % {'a': 1}", "'%s' % {'a': 1}", "'%%' % ()", "'%%' % 1",
        "'%' % ()", "'%(a' % {}", "'%z' % 1", "'%5z' % 1", "'%é' % 1", "'%f' % 1", "'%e' % 12345.678", "'%E' % 1e-10",
        "'%g' % 1e-5", "'%G' % 1e20", "'%g' % 123456789", "'%#g' % 1.0", "'%.0f' % 2.5", "'%.0e' % 2.5", "'%#.0f' % 2.0",
        "'%f' % 'x'", "'%010.3f' % -3.14159", "'%-10.2e|' % 1234.5", "'%+.1f' % 0.05", "'% f' % 1.0", "'%f' % float('inf')",
        "'%010f' % float('-inf')", "'%f' % float('nan')", "'%s' % None", "'%s' % ()", "'%s' % ((),)", "'%d' % True",
        "'%d' % 2**70", "'%x' % -255", "'%#o' % -8", "'%5%' % ()", "'%s %s' % [1, 2]", "'%s' % [1, 2]", "'%d %d' % (1,)",
        "'%d' % (1, 2)", "'abc' % ()", "'abc' % 5", "'abc' % {}", "'abc' % []", "'%s' % b'x'", "'%r' % b'x'", "'%-05d' % 3",
        "'%ld %hd %Ld' % (1, 2, 3)", "'%#5x' % 10", "'%#05x' % 10", "'%.3x' % 10", "'%#.3o' % 8", "'%*s' % ('x', 1)",
        "'%.*s' % ('x', 1)", "'%c' % None", "'%i' % '1'", "'%x' % '1'", "'%o' % 1.0", "'%d' % None",
        "format('abc', '>10')", "format('abc', '*^9')", "format('abc', '.2')", "format('abc', '<5.1s')", "format('abc', '=5')",
        "format('abc', '+')", "format('abc', '#')", "format('abc', ',')", "format('abc', '_')", "format('abc', 'd')",
        "format('abc', '05')", "format('abc', 'x<5')", "format('ab', '^5')", "format('ab', '^6')", "format('é', '→>4')",
        "format('abc', '')", "format('abc', 's')", "format('abc', '10.5s')", "format('abc', 'z')", "format('abc', '.')",
        "format('abc', '1_0')", "format('abc', '<<<')", "format('a', '99999999999999999999')",
        "'{} {}'.format(1, 2)", "'{0}{1}{0}'.format('a', 'b')", "'{x}'.format(x=3)", "'{}'.format()", "'{0} {}'.format(1, 2)",
        "'{} {0}'.format(1, 2)", "'{:>{}}'.format('a', 4)", "'{0:{1}{2}}'.format(3, '>', 5)", "'{!r}'.format('a')", "'{!a}'.format('é')",
        "'{!s:>3}'.format(1)", "'{!x}'.format(1)", "'{!}'.format(1)", "'{0!r:}'.format(1)", "'{0[1]}'.format([5, 6])",
        "'{0[a]}'.format({'a': 7})", "'{0.real}'.format(3)", "'{0.nope}'.format(3)", "'{'.format()", "'}'.format()",
        "'{{}}'.format()", "'{0'.format(1)", "'{0:{1:{2}}}'.format(1, 2, 3)", "'{a[0]'.format(a=1)", "'{0[}'.format(1)",
        "'{0]}'.format(1)", "'{0.}'.format(1)", "'{0[0]x}'.format([1])", "'{:d}'.format('a')", "'{:s}'.format(1)",
        "'{a}'.format_map({'a': 1})", "'{}'.format_map({'a': 1})", "'{b}'.format_map({'a': 1})", "'{0!r:^9}'.format('é')",
        "'{:,}'.format(1234567)", "'{:_b}'.format(255)", "'{:08,.2f}'.format(1234.5)", "'{:%}'.format(0.25)",
        "'{-1}'.format(1)", "'{ }'.format(1)", "'{0x}'.format(1)",
        "format(1234567, ',')", "format(1234567, '_')", "format(255, '#x')", "format(255, '#_b')", "format(255, '#010x')",
        "format(-255, '#010x')", "format(1234567, '012,')", "format(1234, '0=12,')", "format(12, 'c')", "format(65, '^5c')",
        "format(-5, '+d')", "format(5, ' d')", "format(5, '=+5')", "format(5, 'x<+5')", "format(1234, ',x')", "format(5, '.2d')",
        "format(5, 's')", "format(5, '#c')", "format(5, '+c')", "format(-1, 'c')", "format(1234567, 'n')", "format(15, 'o')",
        "format(1.5, 'd')", "format(12, '%')", "format(12, 'e')", "format(2**64, 'x')", "format(True, 'd')", "format(1, 'z')",
        "format(1.0, '')", "format(1.0, 'g')", "format(1234.5678, ',.2f')", "format(-0.0, 'z.1f')", "format(-0.0001, 'z.1f')",
        "format(1e100, '.3')", "format(1.5, '10.3e')", "format(float('nan'), '08')", "format(float('-inf'), '+08')",
        "format(0.5, '.0%')", "format(123.456, '_.1f')", "format(1e16, '')", "format(1e16, '.17')", "format(123.0, '.2')",
        "format(12345.0, '.2')", "format(0.0001, 'g')", "format(0.00001, 'g')", "format(1.0, '#g')", "format(1.0, '#.0f')",
        "format(1.0, '#.0e')", "format(1.0, 'x')", "format(1.0, 'n')", "format(1e300, ',f')[:12]", "format(2.5, '.0f')",
        "format(3.5, '.0f')", "format(1.25, '.1f')", "format(0.1, '.20f')", "format(1.0, '=^10.2f')", "format(1.5, '010')",
        "format(-1.5, '010')", "format(1.5, '<010')", "format(1e-7, '')", "format(1e-7, '.3')", "format(12.0, '')",
        "format(1234567.0, ',')", "format(1234567.0, '_g')", "format(1.0, ',n')", "format(10, ',n')", "format(1.5, '.2z')",
    ]
    return c

B_RECV = [b'', b'a', b' a  b ', b'a,b,,c', b'Hello World', b'ab\r\ncd\ne\rf\x0bg\x1ch', b'\x00\xff\x80', b'aAbB', b'Ab Cd', b'\tx\ty', b'12', b'a\tbc\tdef\n\tg', b"'\""]

def bytes_cases():
    c = []
    for s0 in B_RECV:
        for mk in ['', 'bytearray']:
            s = f"{mk}({R(s0)})" if mk else R(s0)
            for m in ['upper', 'lower', 'swapcase', 'capitalize', 'title', 'isdigit', 'isalpha', 'isalnum',
                      'isspace', 'isascii', 'isupper', 'islower', 'istitle', 'strip', 'lstrip', 'rstrip', 'split',
                      'rsplit', 'splitlines', 'expandtabs', 'hex', 'decode', '__len__', 'copy' if mk else 'hex']:
                c.append(f"{s}.{m}()")
            c += [f"{s}.splitlines(True)", f"{s}.expandtabs(4)", f"{s}.center(12, b'*')", f"{s}.ljust(9)", f"{s}.rjust(9, b'-')",
                  f"{s}.zfill(8)", f"repr({s})", f"str({s})", f"{s}[::-1]", f"{s}[1::2]", f"{s}[-1]", f"{s}[9]", f"list({s})",
                  f"{s}.hex(':')", f"{s}.hex('-', 2)", f"{s}.hex(':', -2)", f"{s}.hex('', 1)", f"{s}.hex('ab')", f"{s}.hex(b'|', 3)",
                  f"{s}.decode('latin-1')", f"{s}.decode('ascii', 'replace')", f"{s}.decode('utf-8', 'backslashreplace')",
                  f"{s}.decode('utf-16-le', 'replace')", f"{s} == {R(s0)}", f"{s} < b'b'", f"{s} + b'!'", f"{s} + bytearray(b'?')",
                  f"{s} * 2", f"hash({s}) == hash({s})" if not mk else f"{s}.isascii()", f"{s}.translate(None, b'a ')",
                  f"{s}.translate(bytes.maketrans(b'ab', b'AB'))", f"{s} % ()" , f"bytes({s})", f"bytearray({s})"]
            for m, args in [('split', ['None, 1', "b' '", "b' ', 1", "b',', -1", "b','", "sep=b','", "maxsplit=1", "b''", "' '"]),
                            ('rsplit', ['None, 1', "b' '", "b',', 2"]),
                            ('strip', ["b'a '", 'None', "b''"]), ('lstrip', ["b' a'"]), ('rstrip', ["bytearray(b'b ')"]),
                            ('find', ["b'b'", "b'b', 2", "98", "98, -3", "b''", "b'', 10", "256", "'b'", "b'b', 1, -1"]),
                            ('rfind', ["b'b'", "b''", "98"]), ('index', ["b'b'", "b'z'"]), ('rindex', ["b'b'", "b'q'", "99"]),
                            ('count', ["b'b'", "b''", "98", "b'', 2"]),
                            ('replace', ["b'a', b'X'", "b'', b'-'", "b'', b'-', 2", "b'b', b'', 1", "bytearray(b'a'), b'Z'"]),
                            ('startswith', ["b'a'", "(b'x', b'a')", "b'', 100", "'a'", "memoryview(b'a')"]),
                            ('endswith', ["b'c'", "(b'x', b'b ')"]),
                            ('partition', ["b','", "b' '", "b'zz'"]), ('rpartition', ["b','", "b'zz'"]),
                            ('removeprefix', ["b'a'"]), ('removesuffix', ["b'c'"]), ('join', ["[b'x', bytearray(b'y')]", "[b'x', 'y']", "[]"]),
                            ('__contains__', ["b'b'", "98", "256", "'a'"]), ('__mul__', ['0', '-1'])]:
                for a in args:
                    c.append(f"{s}.{m}({a})")
    c += [
        "bytes.fromhex('00ff 1a')", "bytes.fromhex(' 0 1')", "bytes.fromhex('0g')", "bytes.fromhex('abc')", "bytes.fromhex(1)",
        "bytearray.fromhex('ab cd')", "bytes.fromhex('\\t01\\n')", "bytes.maketrans(b'a', b'bc')", "bytes.maketrans('a', 'b')",
        "len(bytes.maketrans(b'', b''))", "b'abc'.translate(b'x')", "bytes(3)", "bytes(-1)", "bytes([1, 2, 300])", "bytes('a')",
        "bytes('é', 'utf-8')", "bytes(b'a', 'utf-8')", "bytes([1], errors='x')", "bytearray(3)", "bytearray('é', 'latin-1')",
        "bytearray([1, 2])", "bytearray(b'abc', 'ascii')", "bytearray(-1)", "bytearray(1.5)", "bytes(1.5)", "bytes(range(3))",
        "bytearray(range(250, 257))", "b'%s %d %x %c %c %r %a %b' % (b'x', 5, 255, 65, b'z', b'q', 'é', bytearray(b'w'))",
        "b'%s' % 'x'", "b'%b' % 1", "b'%c' % 256", "b'%c' % b'ab'", "b'%5s|%-4b|' % (b'a', b'b')", "b'%(k)s' % {b'k': b'v'}",
        "b'%d %s' % (1,)", "b'%s' % (1, 2)", "b'%.2f %e' % (1.5, 2.5)", "b'%s' % memoryview(b'mv')", "b'%%%s' % b'x'",
        "bytearray(b'%s') % b'x'", "b'%r' % 'abc'", "b'abc' % ()", "b'%s' % 5", "b'%s' % [1]",
        "b'ab' < b'abc'", "b'a' == bytearray(b'a')", "bytearray(b'a') == b'a'", "b'a' < bytearray(b'b')", "bytearray(b'a') < b'b'",
        "b'a' == 'a'", "b'a' + 'a'", "bytearray(b'a') + 'a'", "b'a' + memoryview(b'b')", "hash(b'abc') == hash(b'abc')",
        "hash(bytearray(b'a'))", "b'\\x00'.isspace()", "b' '.isspace()", "b'\\x0b\\x0c\\x1c'.isspace()", "b'\\x1c'.split()",
        "b'a\\x1cb'.splitlines()", "b'ab'[0]", "b'ab'[-3]", "b'ab'['a']", "b'abc'[5:0:-2]", "iter(b'ab').__next__()",
        "bytearray(b'ab')[0]", "bytearray(b'abc')[1:]", "bytearray(b'abc')[::2]", "bytearray(b'abc')['x']",
        "(b := bytearray(b'abc'), b.append(100), b)[2]", "(b := bytearray(b'abc'), b.append(256))", "(b := bytearray(b'abc'), b.append('x'))",
        "(b := bytearray(b'abc'), b.extend(b'de'), b)[2]", "(b := bytearray(b'abc'), b.extend([1, 2]), b)[2]",
        "(b := bytearray(b'abc'), b.extend(5))", "(b := bytearray(b'abc'), b.extend('x'))", "(b := bytearray(b'abc'), b.extend([300]))",
        "(b := bytearray(b'abc'), b.insert(1, 120), b)[2]", "(b := bytearray(b'abc'), b.insert(-10, 120), b)[2]",
        "(b := bytearray(b'abc'), b.insert(10, 120), b)[2]", "(b := bytearray(b'abc'), b.pop(), b)", "(b := bytearray(b'abc'), b.pop(0), b)",
        "(b := bytearray(b'abc'), b.pop(5))", "bytearray().pop()", "(b := bytearray(b'abc'), b.remove(98), b)",
        "(b := bytearray(b'abc'), b.remove(120))", "(b := bytearray(b'abc'), b.remove(b'a'))", "(b := bytearray(b'abc'), b.reverse(), b)",
        "(b := bytearray(b'abc'), b.clear(), b)", "(b := bytearray(b'abc'), c := b.copy(), c.append(1), b, c)",
        "setitem(bytearray(b'abc'), 0, 65)", "setitem(bytearray(b'abc'), -1, 65)", "setitem(bytearray(b'abc'), 5, 65)",
        "setitem(bytearray(b'abc'), 0, 256)", "setitem(bytearray(b'abc'), 0, b'x')", "setitem(bytearray(b'abc'), slice(0, 2), b'XYZ')",
        "setitem(bytearray(b'abc'), slice(1, 1), [1, 2])", "setitem(bytearray(b'abcdef'), slice(None, None, 2), b'XYZ')",
        "setitem(bytearray(b'abcdef'), slice(None, None, 2), b'XY')", "setitem(bytearray(b'abc'), slice(0, 2), 5)",
        "setitem(bytearray(b'abc'), slice(0, 2), 'xy')", "setitem(bytearray(b'abc'), slice(None, None, -1), b'xyz')",
        "delitem(bytearray(b'abcdef'), 1)", "delitem(bytearray(b'abcdef'), slice(1, 3))", "delitem(bytearray(b'abcdef'), slice(None, None, 2))",
        "delitem(bytearray(b'abcdef'), 10)", "delitem(bytearray(b'abcdef'), slice(None, None, -2))",
        "iadd(bytearray(b'ab'), b'cd')", "iadd(bytearray(b'ab'), [1])", "iadd(bytearray(b'ab'), 'x')", "imul(bytearray(b'ab'), 3)",
        "imul(bytearray(b'ab'), 0)", "imul(bytearray(b'ab'), 'x')", "bytearray(b'ab') * 2", "2 * bytearray(b'ab')",
        "bytearray(b'abc').find(98)", "bytearray(b'a b').split()", "bytearray(b'abc').decode()", "bytearray(b'x').__alloc__() >= 1",
        "repr(bytearray())", "bytearray(b'a\\'b')", "bytearray.fromhex('zz')", "bytearray(b'abc').hex()",
        "b'\\xff'.decode()", "b'\\xff'.decode('utf-8', 'ignore')", "b'\\xff'.decode('utf-8', 'replace')", "b'\\xff'.decode('utf-8', 'surrogateescape')",
        "b'\\xed\\xa0\\x80'.decode('utf-8', 'surrogatepass')", "b'\\xe2\\x82'.decode()", "b'\\xe2\\x82a'.decode()", "b'a\\x80'.decode('ascii')",
        "b'\\xff\\xfea\\x00'.decode('utf-16')", "b'a\\x00b'.decode('utf-16-le')", "b'\\x00a'.decode('utf-16-be')", "b'a\\x00\\x00\\x00'.decode('utf-32-le')",
        "b'\\x00\\xd8a\\x00'.decode('utf-16-le')", "b'\\x00\\xd8'.decode('utf-16-le', 'surrogatepass')", "b'\\xff\\xfe\\x00\\x00a\\x00\\x00\\x00'.decode('utf-32')",
        "b'\\x80'.decode('cp1252')", "b'abc'.decode('nope')", "b'abc'.decode(encoding='ascii', errors='strict')", "b'a'.decode(1)",
        "b'\\xf0\\x9f\\x98'.decode('utf-8', 'replace')", "b'\\xc0\\x80'.decode('utf-8', 'replace')", "b'\\xed\\xa0\\x80'.decode('utf-8', 'replace')",
        "'\\U0001f600'.encode('utf-16-le')", "'\\U0001f600'.encode('utf-32-be')", "'\\ud800'.encode('utf-16-le')", "'\\ud800'.encode('utf-16-le', 'surrogatepass')",
        "'\\udcff'.encode('ascii', 'surrogateescape')", "'\\udc80a'.encode('utf-8', 'surrogateescape')", "'é'.encode('ascii')", "'éa€'.encode('latin-1')",
        "'\\ud800'.encode()", "'a\\ud800b\\udc00'.encode('utf-8', 'backslashreplace')", "'€'.encode('latin-1', 'xmlcharrefreplace')",
        "'x'.encode('utf-8', 'bogus')", "'é'.encode('ascii', 'bogus')", "'é€'.encode('ascii', 'namereplace')",
        "memoryview(b'abc').tobytes()", "memoryview(b'abc').tolist()", "len(memoryview(b'abc'))", "memoryview(b'abc')[1]",
        "memoryview(b'abc')[-1]", "memoryview(b'abc')[5]", "memoryview(b'abcdef')[1:4].tobytes()", "memoryview(b'abcdef')[::2].tobytes()",
        "memoryview(b'abc').readonly", "memoryview(bytearray(b'abc')).readonly", "memoryview(b'abc').format", "memoryview(b'abc').itemsize",
        "memoryview(b'abc').nbytes", "memoryview(b'abc').ndim", "memoryview(b'abc').shape", "memoryview(b'abc').strides",
        "memoryview(b'abc') == b'abc'", "memoryview(b'abc') == memoryview(b'abc')", "memoryview(b'abc') == b'abd'", "memoryview(b'abc') == 'abc'",
        "bytes(memoryview(b'abc'))", "memoryview(b'abc').hex()", "memoryview(b'abc').hex(':')", "memoryview('abc')", "memoryview(1)",
        "(m := memoryview(b'abc'), m.release(), m.tobytes())", "(m := memoryview(b'abc'), m.release(), len(m))",
        "(m := memoryview(b'abc'), m.release(), m.release(), m.obj)", "(m := memoryview(b'abc'), m.release(), repr(m)[:20])[2]",
        "memoryview(b'abc').obj", "memoryview(b'a\\xff').cast('b').tolist()", "memoryview(b'ab').cast('c').tolist()",
        "memoryview(b'ab').cast('c')[0]", "memoryview(b'ab').cast('b').format", "memoryview(b'ab').cast('x')", "memoryview(b'a').cast('B').tolist()",
        "setitem(memoryview(b'abc'), 0, 1)", "(b := bytearray(b'abc'), setitem(memoryview(b), 0, 65), b)[2]",
        "(b := bytearray(b'abc'), setitem(memoryview(b), slice(1, 3), b'XY'), b)[2]", "(b := bytearray(b'abc'), setitem(memoryview(b), 0, 256))",
        "(b := bytearray(b'abc'), setitem(memoryview(b), slice(0, 2), b'X'))", "(b := bytearray(b'abc'), m := memoryview(b), b.append(1))",
        "(b := bytearray(b'abc'), m := memoryview(b), m.release(), b.append(1), b)[3]",
        "(m := memoryview(b'abc'), m.__enter__() is m, m.__exit__(None, None, None), m.tolist())",
        "memoryview(memoryview(b'abc')).tobytes()", "list(memoryview(b'ab'))", "b'x' in memoryview(b'x')", "120 in memoryview(b'x')",
        "hash(memoryview(b'abc')) == hash(b'abc')", "hash(memoryview(bytearray(b'abc')))", "memoryview(b'abc').contiguous",
        "memoryview(b'abc').c_contiguous", "memoryview(b'abc').toreadonly().readonly", "memoryview(b'abc')[::-1].tobytes()",
        "memoryview(b'abc').suboffsets", "bytearray(memoryview(b'xy'))", "b''.join([memoryview(b'a'), b'b'])",
        "memoryview(b'abc').tobytes('C')", "memoryview(b'abcd')[1:3][1]", "memoryview(b'abcd')[1:3].tolist()",
    ]
    return c


def more_cases():
    c = []
    # case mappings and predicates over a sample of the code space
    for cp in list(range(0x80, 0x2000, 13)) + list(range(0x2000, 0x11000, 127)) + list(range(0x1D400, 0x1F700, 97)) + [0x1E900, 0x10400, 0x10428, 0x16E40, 0x1E922]:
        if 0xD800 <= cp <= 0xDFFF:
            continue
        s = R(chr(cp) + 'a' + chr(cp) + ' ' + chr(cp))
        for m in ['upper', 'lower', 'title', 'swapcase', 'casefold', 'capitalize', 'isalpha', 'isupper', 'islower', 'istitle', 'isprintable', 'isidentifier', 'isnumeric', 'isdigit', 'isdecimal', 'isspace', 'isalnum']:
            c.append(f"{s}.{m}()")
        c.append(f"repr({s})")
        c.append(f"ascii({s})")
    # %-formatting matrix
    vals = ['0', '-7', '255', '3.75', '-0.0', '1e20', 'True', "'xy'", 'None', '2**70']
    for conv in 'sradixXoeEfFgGc':
        for flags in ['', '-', '+', ' ', '#', '0', '-0', '+#0']:
            for wp in ['', '6', '.2', '8.3', '*', '.*']:
                for v in vals:
                    args = {'': v, '6': v, '.2': v, '8.3': v, '*': f'(5, {v})', '.*': f'(3, {v})'}[wp]
                    c.append(f"'%{flags}{wp}{conv}' % {args}" if wp in '*.*' and wp else f"'%{flags}{wp}{conv}' % ({args},)")
    # bytes %-formatting
    for conv in 'sbrad xXc':
        for v in ["b'ab'", '65', "bytearray(b'q')", "'s'", '3.5']:
            c.append(f"b'%{conv.strip() or 's'}|%5{conv.strip() or 'b'}' % ({v}, {v})")
    # str format specs
    for spec in ['', 's', '10', '<10', '>10', '^10', '*^9', '0>5', '.0', '.3', '10.3', '-', '+5', '=5', ',', '_', '#', 'z', '05', '<05', 'x^4.2s', '\u00e9<6']:
        for v in ["'abc'", "'é𝄞'", "''"]:
            c.append(f"format({v}, {R(spec)})")
    # codecs round trips
    texts = ['', 'abc', 'é', '€', '\U0001F600', 'a\x00b', '\ud800', '\udcff', 'x\udc80y', 'Ā']
    for t in texts:
        for enc in ['utf-8', 'utf-8-sig', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-be', 'ascii', 'latin-1', 'cp1252', 'UTF8', 'Latin 1']:
            for err in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'surrogateescape', 'surrogatepass']:
                c.append(f"{R(t)}.encode({R(enc)}, {R(err)})")
    blobs = [b'', b'abc', b'\xff', b'\xc3', b'\xc3\xa9', b'\xe2\x82\xac', b'\xf0\x9f\x98\x80', b'\xed\xb2\x80', b'\x80\x81', b'a\x00', b'\x00\xdc', b'\xef\xbb\xbfx', b'\x81\x9d']
    for bl in blobs:
        for enc in ['utf-8', 'utf-8-sig', 'utf-16', 'utf-16-be', 'utf-32', 'ascii', 'latin-1', 'cp1252']:
            for err in ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape', 'surrogatepass']:
                c.append(f"{R(bl)}.decode({R(enc)}, {R(err)})")
    # str() / bytes() constructors
    c += ["str(b'abc')", "str(b'abc', 'ascii')", "str(b'\\xff', 'utf-8', 'replace')", "str(b'a', errors='strict')",
          "str('a', 'utf-8')", "str(1, 'utf-8')", "str(bytearray(b'x'), 'latin-1')", "str(memoryview(b'x'), 'ascii')",
          "str(encoding='ascii')", "bytearray(encoding='utf-8')", "bytearray(errors='x')", "bytes('a', errors='strict')", "bytearray('a', errors='strict')", "str(b'a', encoding=1)", "bytes('abc', 'ascii')", "bytes(encoding='utf-8')",
          "bytearray('é', 'utf-16')", "bytes('é', 'ascii', 'ignore')", "str(object=5)", "str(5, object=1)"]
    # sequence ops
    for s in ["'abcdef'", "'aé𝄞ü🙂z'", "b'abcdef'", "bytearray(b'abcdef')", "memoryview(b'abcdef')"]:
        for sl in ['::2', '1:-1', '-2:', '::-2', '5:1:-1', '100:', ':-100', '-100:100:3', '1:1']:
            c.append(f"{s}[{sl}]" if 'memoryview' not in s else f"{s}[{sl}].tobytes()")
        for i in ['0', '-1', '5', '6', '-7']:
            c.append(f"{s}[{i}]")
    for a, b in [("'a'", "'b'"), ("'ab'", "'a'"), ("'é'", "'z'"), ("''", "''"), ("b'a'", "b'b'"), ("b'ab'", "bytearray(b'ab')"), ("'a'", "b'a'"), ("'a'", '1')]:
        for op in ['<', '<=', '==', '!=', '>', '>=']:
            c.append(f"{a} {op} {b}")
    c += ["'ab' * 2**62", "b'ab' * -3", "'x' * True", "'é' in 'aéb'", "'' in ''", "b'' in b''", "'ab' in 'a'",
          "len('a𝄞é')", "'abc'.__getnewargs__()", "'a'.__sizeof__()", "'é'.__sizeof__()", "'€'.__sizeof__()", "'🙂'.__sizeof__()",
          "str.__new__(str, 'x')", "'abc'.__mod__(())", "'%s'.__rmod__('x')", "'abc'.__contains__('b')", "'abc'.__len__()",
          "'abc'.__getitem__(1)", "'abc'.__add__(1)", "'abc'.__mul__('x')", "'abc'.__rmul__(2)", "'a'.__eq__(1)", "'a'.__lt__('b')",
          "'A'.__format__('>3')", "'A'.__format__(1)", "'{}'.format_map()", "'x'.format_map(1)", "b'ab'.__getnewargs__()",
          "b'x'.__bytes__()", "bytearray(b'x').__bytes__()", "b'abc'.__mod__(())", "b'a' * 3", "3 * b'a'", "b'a' + b'b'",
          "b'abc'.startswith(b'', 5)", "b'abc'.endswith((b'c', b'b'), 0, 2)", "b'abc'.count(b'', -1)", "b'a b'.split(None, 0)",
          "b'  a b'.rsplit(None, 0)", "b'aXbXc'.rsplit(b'X', 1)", "b'abc'.rfind(b'', 1, 2)", "b'ABC'.title()", "b'aBc dEF'.title()",
          "b'hello world'.capitalize()", "b'\\xe9A'.lower()", "b'\\xe9a'.upper()", "b'a1 '.isalnum()", "b''.isupper()", "b'A1'.isupper()",
          "b'Ab Cd'.istitle()", "b'AB'.istitle()", "bytearray(b'abc').replace(b'b', b'XX')", "b'a'.ljust(3, bytearray(b'-'))",
          "b'%(a)s and %(b)s' % {b'a': b'1', b'b': b'2'}", "b'%*d|' % (4, 2)", "b'%-*.*f|' % (9, 2, 3.14159)",
          "b'%o %#o %x %#X' % (8, 8, 255, 255)", "b'%5c|' % 65", "b'%%' % ()", "b'%' % ()", "b'%q' % 1",
          "'%99999999999d' % 1", "'%.99999999999f' % 1", "format('a', '99999999999')", "'{:99999999999}'.format(1)",
          "('é' * 200 + 'abc' + '𝄞' * 100)[201]", "('é' * 200 + 'abc' + '𝄞' * 100)[-1]", "('é' * 200 + 'abc' + '𝄞' * 100)[150:205]",
          "('é' * 200 + 'abc' + '𝄞' * 100)[::50]", "('é' * 200 + 'abc' + '𝄞' * 100).find('c', 150)",
          "('é' * 200 + 'abc' + '𝄞' * 100).index('𝄞', 250)", "('é' * 200 + 'abc' + '𝄞' * 100).count('é', 10, -150)",
          "list(('é' * 70 + 'xy'))[-3:]", "('a' * 100 + 'é')[99]", "('é' * 64)[63]", "('é' * 65)[64]", "('é' * 128)[64:66]",
          "bytearray(b'ab\\xff').__reduce_ex__(2)", "bytearray(b'ab\\xff').__reduce_ex__(4)", "bytearray(b'ab').__reduce__()",
          "bytearray(b'a').__reduce_ex__()", "bytes.fromhex('0a') + bytearray.fromhex('0b')", "bytearray(b'abc').__alloc__() > 0"]
    return c

if __name__ == "__main__":
    out("str", str_cases())
    out("bytes", bytes_cases())
    out("more", more_cases())
