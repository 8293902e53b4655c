# unicodedata: properties, names, numeric values, normalization, ucd_3_2_0.
import unicodedata as u

print(u.unidata_version, u.ucd_3_2_0.unidata_version, type(u.ucd_3_2_0).__name__)
chars = "A a 0 ² ½ Ⅻ ٣ ௰ 𝟘 é ́ ﬁ Å Ω ｱ 가 各 😀 ( ) \u00a0 \u200f \u0600 \U0001D400 \u2155 \U00012432 \u3007 \uf900 \U00017000 \ue000 \ud800".split(" ")
for c in chars:
    print(ascii(c), u.category(c), repr(u.bidirectional(c)), u.combining(c),
          u.east_asian_width(c), u.mirrored(c), repr(u.decomposition(c)),
          u.decimal(c, None), u.digit(c, None), u.numeric(c, None), u.name(c, None))
    o = u.ucd_3_2_0
    print("  3.2:", o.category(c), repr(o.bidirectional(c)), o.east_asian_width(c),
          o.mirrored(c), o.decimal(c, None), o.numeric(c, None), o.name(c, None))

for name in ["LATIN SMALL LETTER A", "latin small letter a", "GRINNING FACE",
             "HANGUL SYLLABLE GAG", "CJK UNIFIED IDEOGRAPH-4E00", "LATIN CAPITAL LETTER GHA",
             "BYTE ORDER MARK", "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE",
             "TANGUT IDEOGRAPH-17000", "hangul syllable gag", "NO SUCH NAME", "x" * 300]:
    for db in (u, u.ucd_3_2_0):
        try:
            print(name[:40], ascii(db.lookup(name)))
        except KeyError as e:
            print(name[:40], "KeyError", e)
print(ascii(u.lookup(b"SNOWMAN")))

samples = ["Åström", "e\u0301\u0323", "\u1e9b\u0323", "ﬁ ｶﾞ ①", "\u1100\u1161\u11a8",
           "가각", "\u0041\u030a\u0301", "\u2126\u212b", "q\u0307\u0323", "abc",
           "\U0001109a", "\U00011099\U000110ba", "\u0f73\u0f75", "\U0002F868\U0002F91F", "", "\u00c5\u0327"]
for s in samples:
    for f in ("NFC", "NFD", "NFKC", "NFKD"):
        r = u.normalize(f, s)
        print(f, ascii(s), ascii(r), u.is_normalized(f, s), ascii(u.ucd_3_2_0.normalize(f, s)))

for bad in [lambda: u.category(1), lambda: u.category("ab"), lambda: u.name("ab"),
            lambda: u.decimal("a"), lambda: u.digit("a"), lambda: u.numeric("a"),
            lambda: u.name("\x01"), lambda: u.normalize("X", "a"), lambda: u.normalize(1, "a"),
            lambda: u.normalize("NFC", 1), lambda: u.lookup(1), lambda: u.category(),
            lambda: u.decimal("1", 2, 3), lambda: u.UCD(), lambda: u.ucd_3_2_0.category(),
            lambda: u.is_normalized("NFC")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(u.name("\x01", "dflt"), u.decimal("x", -1))
print(sorted(x for x in dir(u.UCD) if not x.startswith("__")))
