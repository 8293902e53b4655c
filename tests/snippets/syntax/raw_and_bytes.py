# Raw strings and bytes literals.
print(r"\n\t\\", R'\x41', r"""raw
triple""")
print(len(r"\n"), repr(r"a\b"))
print(b"abc", B"x\x00y", b'\n\t\\', br"\n", rb'\x41', Rb"A", bR"B")
print(repr(b"\x80\xff\x7f"), list(b"\x01\x02"))
print(b"abc"[0], b"abc"[1:], b"a" + b"b", b"ab" * 3)
print(u"unicode prefix", U"also")
print(repr(b"'"), repr(b'"'), repr(b"'\""))
