# The UTF-7 codec (encodings.utf_7 over _codecs.utf_7_encode/decode).
import codecs
for s in ["hello", "A+B", "a-b~c\\d", "\xe9t\xe9 \u20ac", "\U0001F600!", "\ud800x", "1 + 1 = 2", ""]:
    e = s.encode("utf-7")
    print(ascii(s), e, ascii(e.decode("utf-7")))
for d in [b"+AGEAYgBj-", b"+2D3eAA-", b"+x-", b"+A", b"a\x80b", b"+!", b"+2D3", b"+AGE"]:
    for errors in ("strict", "replace", "ignore"):
        try:
            print(d, errors, ascii(d.decode("utf-7", errors)))
        except UnicodeDecodeError as e:
            print(d, errors, "UnicodeDecodeError", e)
    print(ascii(codecs.utf_7_decode(d, "strict", False)) if d != b"a\x80b" else "")
dec = codecs.getincrementaldecoder("utf-7")()
print([ascii(dec.decode(bytes([b]))) for b in b"a+AGEAYg-b"])
