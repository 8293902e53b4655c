# chr, ord, ascii, repr, str, format, bytes, bytearray, memoryview.
print(chr(65), chr(0x3b1), chr(0x1f600), ord("A"), ord("α"), ord("😀"), ord(b"a"))
print(ascii("héllo"), ascii([1, "ü"]), ascii("😀"), repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(str(1.5), str([1, "a"]), str(b"x"), format(3.14159, ".2f"), format(42, "08b"), format("s", ">4"), format(1234567, ","))
print(bytes("abc", "utf-8"), bytes(2), bytearray(b"x"), memoryview(b"abc")[0], bytes(memoryview(b"mv")))
for f, a in ((chr, -1), (chr, 0x110000), (ord, "ab"), (ord, "")):
    try:
        f(a)
    except Exception as e:
        print(type(e).__name__, e)
print(repr(""), repr("\n\t"), repr("\x7f\x80"), repr("é"), repr("\u2028"))
