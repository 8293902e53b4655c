# Non-ASCII identifiers and strings.
café = "coffee"
π = 3.14159
変数 = "variable"
print(café, π, 変数)
def grüß(name):
    return f"Grüß {name}"
print(grüß("dich"))
s = "héllo wörld ☃ 😀"
print(len(s), s.upper(), s[::-1], s.encode("utf-8"))
print([ord(c) for c in "aé☃😀"])
print("ﬁ".upper(), "ß".upper(), "İ".lower().encode())
print(ascii(s), repr("\u200b"))
