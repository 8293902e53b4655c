# str indexing and iteration over non-ASCII text.
s = "aé☃😀z"
print(len(s), [s[i] for i in range(len(s))], s[-2], s[1:4], s[::-1])
print(s.find("☃"), s.index("z"), s.count("é"), "😀" in s)
for ch in s:
    print(ch, ord(ch), hex(ord(ch)), ch.encode("utf-8"))
print(chr(233), chr(0x1F600), chr(0x263A), "\ud800" != "x", len("\ud800"))
print(repr("\ud800"), "\U0010ffff" > "\uffff", sorted("zaé☃A"))
print("ǆ".isupper(), "Σ".lower(), "ΑΣ".lower(), "i̇".upper(), len("i̇"))
print("x".center(5, "é"), "é".ljust(3, "☃"), "日本語".encode("utf-8"), "日本語".encode("utf-16-le"))
