# -*- coding: latin-1 -*-
# A source file encoded in Latin-1, declared with a PEP 263 cookie.
s = "café à la crème"
print(s, len(s), s.encode("utf-8"))
print([hex(ord(c)) for c in "éèà"])
