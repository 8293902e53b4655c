# compile() of bytes: PEP 263 cookies, BOM, undecodable UTF-8 reported where
# the parser meets it (literal, name; comments are fine), null bytes, and
# CPython 3.11's byte offsets for parser errors in cookie-less UTF-8 bytes.
import warnings
cases = [
    b'x = 1 \xff', b'z\xff = 1', b'\xffz = 1', b'x = "\\n ab\xff"',
    b'x = "\\n ab\xc3\xa9\xff"', b'x = r"ab\xff"', b'x = f"ab\xff"', b'x = rf"ab\xff"',
    b'x = "a" "b\xff"\ny=2', b'x = ("a",\n "b\xff")', b'x = = 1; y="\xff"',
    b'y="\xff"; x = = 1', b'# \xff\nx = 1', b'x = "\xc3"', b'x = b"\xff"',
    b"x = '\xed\xa0\x80'", b'x=1\r\ny="\xff"',
    b'# -*- coding: nonexistent-codec -*-\nx = 1\n', b'\xef\xbb\xbf# -*- coding: latin-1 -*-\n',
    b'x=1\x00', b'# coding: ascii\nx=\'\xe9\'', b'\xef\xbb\xbf# coding: utf8\n',
    b'# coding: cp1252\nx=\'\x81\'\n', b'# coding: utf-8\nx = "\xff"',
    b'\xc3\xa9 = (', b'\xc3\xa9 = 1 +', b'if \xc3\xa9:\npass', b'\xc3\xa9 = "\\N{foo}"',
    b'x = 1\n  \xc3\xa9 = 2', b'\xc3\xa9 = f"{a b}"', b'\xc3\xa9 = = 1', '\xe9 = = 1',
    b'# coding: utf-8\n\xc3\xa9 = = 1', b'# coding: latin-1\n\xe9 = = 1', b'\xef\xbb\xbf\xc3\xa9 = = 1',
    b'\xc3\xa9 = "abc', b'\xc3\xa9 = 1if 2 else 3', b'\xc3\xa9 = 1; x = "\\d"', b'x = "\\777"',
    b'x = b"\\400"', b'x = "\\d\\777"', b'x = "\\8"',
]
warnings.simplefilter("error")
for s in cases:
    try:
        compile(s, "f", "exec")
        print(repr(s), "ok")
    except SyntaxError as e:
        print(repr(s), e.args)
warnings.simplefilter("ignore")
print(eval(compile("# coding: latin-1\n'\xe9'", "f", "eval")))
exec("# coding: ascii\nprint('\xe9')")
print(eval(b"# coding: latin-1\n'\xe9'"), eval(b"'\\777'"), eval(b"b'\\777'"))
