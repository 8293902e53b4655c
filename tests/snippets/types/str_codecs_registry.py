# str.encode / bytes.decode with codecs only the registry (encodings package) has,
# non-text codecs, and encoders returning the wrong type.
import codecs, sys

print("a\xe9\u20ac\U0001F600".encode("raw-unicode-escape"))
print(b"a\\u20ac\\U0001f600\xe9".decode("raw-unicode-escape"))
print("a\xe9\n\u20ac".encode("unicode_escape"), b"\\x41\\n\\u20ac".decode("unicode-escape"))
print("caf\xe9".encode("cp037"), b"\x83\x81\x86Q".decode("cp037"))
print("caf\xe9".encode("cp437"), str(b"caf\x82", "cp437"), bytes("\xe9", "cp850"))
print(bytearray("\xe9t\xe9", "mac-roman"))
print("www.python.org".encode("idna"), b"xn--bcher-kva.example".decode("idna"))
for bad in [lambda: "x".encode("rot13"), lambda: b"x".decode("hex"),
            lambda: "x".encode("no-such-codec"), lambda: b"x".decode("no such codec"),
            lambda: "\u20ac".encode("cp437")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

def search(name):
    if name == "retint":
        return codecs.CodecInfo(lambda s, e="strict": (42, len(s)), lambda b, e="strict": (42, len(b)), name="retint")
    if name == "retbad":
        return codecs.CodecInfo(lambda s, e="strict": 42, lambda b, e="strict": "x", name="retbad")
codecs.register(search)
for bad in [lambda: "x".encode("retint"), lambda: b"x".decode("retint"),
            lambda: "x".encode("retbad"), lambda: b"x".decode("retbad")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

# An exception leaving a `with` whose __exit__ declines it leaves no stale state.
class CM:
    def __enter__(self): return self
    def __exit__(self, t, v, tb): return False
def f():
    with CM():
        raise TypeError("inner")
try:
    f()
except TypeError as e:
    print("caught", e, sys.exc_info()[0].__name__)
print(sys.exc_info())

# format-spec and str.format corner cases
for spec in [",,", "__", ",_", "_,", ",,d", "_d"]:
    try:
        print(spec, format(1234567, spec))
    except ValueError as e:
        print(spec, "ValueError", e)
for fs in ["{9223372036854775808}", "{0[9223372036854775808]}", "{0[92233720368547758080]}"]:
    try:
        print(fs.format([1]))
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
for f, a in [("%.*d", (sys.maxsize, 1)), ("%.*d", (2**31, 1)), ("%.*d", (2**31 - 1, 1)), ("%.*d", (-5, 1))]:
    try:
        print(repr(f % a))
    except (OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
for m in ["find", "rfind", "index", "rindex", "count", "startswith", "endswith"]:  # no kwargs here: message depends on call form
    for s in ("hello", b"hello", bytearray(b"hello")):
        x = "x" if isinstance(s, str) else b"x"
        for args in [(x, None, None, None), ()]:
            try:
                getattr(s, m)(*args)
            except TypeError as e:
                print(type(s).__name__, e)
for s in ("a b", b"a b", bytearray(b"a b")):
    for call in [lambda: s.find(s[:1], x=1), lambda: s.index(s[:1], x=1),
                 lambda: s.count(s[:1], x=1), lambda: s.startswith(s[:1], x=1)]:
        try:
            call()
        except TypeError as e:
            print(e)
