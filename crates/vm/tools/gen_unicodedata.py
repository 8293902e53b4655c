"""Generates the tables behind Taipan's `unicodedata` module from the running
CPython 3.11's own `unicodedata` (Unicode 14.0.0, plus its `ucd_3_2_0` view):
facts only, no code.  Every table is range/run compressed and the generator
asserts that the compressed form reproduces CPython's answer for every code
point, so a mismatch fails here rather than at run time.

Run: python3 crates/vm/tools/gen_unicodedata.py
Writes crates/vm/src/modules/unicodedata_tables.rs.

Named sequences come from the Unicode 14 NamedSequences.txt that Perl 5.36
ships (/usr/share/perl/5.36.0/unicore); each one is kept only if CPython's
`unicodedata.lookup` returns exactly that sequence.
"""
import os, sys, unicodedata as U
from fractions import Fraction

assert sys.version_info[:2] == (3, 11), "run with CPython 3.11"
assert U.unidata_version == "14.0.0"
O = U.ucd_3_2_0
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "modules", "unicodedata_tables.rs")
N = 0x110000
out = []

def w(s=""):
    out.append(s)

def rows(items, per=8, indent="    "):
    line = []
    for it in items:
        line.append(it)
        if len(line) == per:
            w(indent + ", ".join(line) + ","); line = []
    if line:
        w(indent + ", ".join(line) + ",")

def ranges(pred):
    res, start = [], None
    for cp in range(N):
        ok = pred(cp)
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            res.append((start, cp - 1)); start = None
    if start is not None:
        res.append((start, N - 1))
    return res

def emit_ranges(name, doc, rs):
    w(f"/// {doc}")
    w(f"pub static {name}: &[(u32, u32)] = &[")
    rows([f"(0x{a:X}, 0x{b:X})" for a, b in rs])
    w("];")
    w()

def emit_strs(name, doc, xs):
    w(f"/// {doc}")
    w(f"pub static {name}: &[&str] = &[" + ", ".join(f'"{x}"' for x in xs) + "];")
    w()

# ---- the property record (category, bidi, combining, east asian width, mirrored)
chars = [chr(cp) for cp in range(N)]
cats = sorted({U.category(c) for c in chars})
bidis = sorted({U.bidirectional(c) for c in chars} | {O.bidirectional(c) for c in chars})
eaws = sorted({U.east_asian_width(c) for c in chars})
recs, rec_index = [], {}
run_starts, run_recs = [], []
prev = None
for cp in range(N):
    c = chars[cp]
    r = (cats.index(U.category(c)), bidis.index(U.bidirectional(c)), U.combining(c),
         eaws.index(U.east_asian_width(c)), U.mirrored(c))
    if r not in rec_index:
        rec_index[r] = len(recs); recs.append(r)
    i = rec_index[r]
    if i != prev:
        run_starts.append(cp); run_recs.append(i); prev = i
assert len(recs) < 256

# ---- decompositions: runs of consecutive code points whose single-code-point
# mappings are consecutive too (same tag) share one row.
tags = [""]
decomp = []  # (start, extra, tag, "HEX HEX")
for cp in range(N):
    d = U.decomposition(chars[cp])
    if not d:
        continue
    parts = d.split()
    tag = parts[0] if parts[0].startswith("<") else ""
    body = parts[1:] if tag else parts
    if tag not in tags:
        tags.append(tag)
    t = tags.index(tag)
    if decomp and len(body) == 1:
        s, extra, pt, pb = decomp[-1]
        if pt == t and " " not in pb and s + extra + 1 == cp and int(pb, 16) + extra + 1 == int(body[0], 16):
            decomp[-1] = (s, extra + 1, t, pb)
            continue
    decomp.append((cp, 0, t, " ".join(body)))

def decomp_of(cp):
    for s, extra, t, b in decomp:
        if s <= cp <= s + extra:
            if extra:
                b = "%04X" % (int(b, 16) + cp - s)
            return (tags[t] + " " + b) if t else b
    return ""
# spot check the run encoding
for s, extra, t, b in decomp[::7]:
    for cp in (s, s + extra):
        assert decomp_of(cp) == U.decomposition(chars[cp]), hex(cp)

# ---- canonical compositions CPython's NFC refuses (full composition exclusions
# among two-code-point canonical decompositions)
excluded = []
for cp in range(N):
    d = U.decomposition(chars[cp])
    if d and not d.startswith("<") and len(d.split()) == 2:
        if U.normalize("NFC", chars[cp]) != chars[cp]:
            excluded.append(cp)

# ---- numeric values: kind 2 = decimal (and digit, numeric), 1 = digit (and
# numeric), 0 = numeric only; runs of consecutive integer values share a row.
num = []  # (start, end, numerator, denominator, kind)
for cp in range(N):
    c = chars[cp]
    v = U.numeric(c, None)
    if v is None:
        assert U.digit(c, None) is None and U.decimal(c, None) is None
        continue
    kind = 2 if U.decimal(c, None) is not None else (1 if U.digit(c, None) is not None else 0)
    if kind:
        assert U.digit(c) == v
    if kind == 2:
        assert U.decimal(c) == v
    f = Fraction(v).limit_denominator(100000)
    assert f.numerator / f.denominator == v, (hex(cp), v)
    n, d = f.numerator, f.denominator
    if num and d == 1:
        s, e, pn, pd, pk = num[-1]
        if pd == 1 and pk == kind and e + 1 == cp and pn + (cp - s) == n:
            num[-1] = (s, cp, pn, pd, pk)
            continue
    num.append((cp, cp, n, d, kind))
assert all(abs(n) < 2**63 for _, _, n, _, _ in num)

# ---- names: which code points CPython names (the names themselves come from
# the unicode_names2 crate; names never change once assigned, and this set
# filters out the characters Unicode 14 does not name)
named = ranges(lambda cp: U.name(chars[cp], None) is not None)

seqs = []
nsfile = "/usr/share/perl/5.36.0/unicore/NamedSequences.txt"
for line in open(nsfile, encoding="utf-8"):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, cps = line.split(";")
    s = "".join(chr(int(x, 16)) for x in cps.split())
    try:
        if U.lookup(name) == s:
            seqs.append((name, s))
    except KeyError:
        pass
assert len(seqs) > 400, len(seqs)
seqs.sort()

# ---- Unicode 3.2.0 (ucd_3_2_0): unassigned-in-3.2 code points answer with
# fixed defaults; assigned ones differ from 14.0 only at the listed points.
assigned32 = ranges(lambda cp: O.category(chars[cp]) != "Cn")
a32 = bytearray(N)
for a, b in assigned32:
    for cp in range(a, b + 1):
        a32[cp] = 1
d_cat, d_bidi, d_eaw, d_mir, d_dec, fix = [], [], [], [], [], []
for cp in range(N):
    c = chars[cp]
    assert O.digit(c, None) == U.digit(c, None)
    if not a32[cp]:
        assert O.category(c) == "Cn" and O.bidirectional(c) == "" and O.combining(c) == 0
        assert O.east_asian_width(c) == "F" and O.mirrored(c) == 0 and O.decomposition(c) == ""
        assert O.decimal(c, None) is None and O.numeric(c, None) is None and O.name(c, None) is None
        continue
    assert O.combining(c) == U.combining(c) and O.decomposition(c) == U.decomposition(c)
    assert O.name(c, None) == U.name(c, None)
    if O.category(c) != U.category(c):
        d_cat.append((cp, cats.index(O.category(c))))
    if O.bidirectional(c) != U.bidirectional(c):
        d_bidi.append((cp, bidis.index(O.bidirectional(c))))
    if O.east_asian_width(c) != U.east_asian_width(c):
        d_eaw.append((cp, eaws.index(O.east_asian_width(c))))
    if O.mirrored(c) != U.mirrored(c):
        d_mir.append((cp, O.mirrored(c)))
    if O.decimal(c, None) != U.decimal(c, None):
        v = O.decimal(c, None)
        d_dec.append((cp, 255 if v is None else v))
    nv = O.numeric(c, None)
    if nv != U.numeric(c, None):
        assert nv == O.decimal(c, None), hex(cp)  # numeric follows decimal's changes
    if O.normalize("NFD", c) != U.normalize("NFD", c):
        r = O.normalize("NFD", c)
        assert len(r) == 1
        fix.append((cp, ord(r)))

# ---------------------------------------------------------------- output
w("//! Unicode 14.0.0 character database tables for the `unicodedata` module")
w("//! (and its `ucd_3_2_0` view), run/range compressed; see unicodedata.rs.")
w("// Generated by crates/vm/tools/gen_unicodedata.py from CPython 3.11. Do not edit.")
w()
w("#![cfg_attr(rustfmt, rustfmt::skip)]")
w()
emit_strs("CATEGORIES", "General category names, indexed by a record's `cat`.", cats)
emit_strs("BIDI_NAMES", "Bidirectional class names (\"\" = none), indexed by `bidi`.", bidis)
emit_strs("EAW_NAMES", "East Asian width names, indexed by `eaw`.", eaws)
w("/// Distinct (category, bidirectional, combining, east_asian_width, mirrored) records.")
w("pub static RECORDS: &[(u8, u8, u8, u8, u8)] = &[")
rows([f"({a}, {b}, {c}, {d}, {e})" for a, b, c, d, e in recs], per=8)
w("];")
w()
w("/// First code point of each run of equal records (sorted); `RUN_RECORDS` holds")
w("/// each run's record index.")
w("pub static RUN_STARTS: &[u32] = &[")
rows([f"0x{x:X}" for x in run_starts], per=16)
w("];")
w()
w("pub static RUN_RECORDS: &[u8] = &[")
rows([str(x) for x in run_recs], per=32)
w("];")
w()
emit_strs("DECOMP_TAGS", "Decomposition tags, indexed by a `DECOMP` row's tag (0 = canonical).", tags)
w("/// Decompositions: (first code point, extra code points in the run, tag, mapping).")
w("/// In a run (extra > 0) the mapping is one code point that advances with the run.")
w("pub static DECOMP: &[(u32, u16, u8, &str)] = &[")
rows([f'(0x{s:X}, {e}, {t}, "{b}")' for s, e, t, b in decomp], per=5)
w("];")
w()
w("/// Characters whose two-code-point canonical decomposition NFC never recomposes.")
w("pub static COMPOSITION_EXCLUSIONS: &[u32] = &[")
rows([f"0x{x:X}" for x in excluded], per=12)
w("];")
w()
w("/// Numeric values: (first, last, numerator, denominator, kind); kind 2 = decimal,")
w("/// 1 = digit, 0 = numeric only.  Within a run the value advances by one per code point.")
w("pub static NUMERIC: &[(u32, u32, i64, u32, u8)] = &[")
rows([f"(0x{s:X}, 0x{e:X}, {n}, {d}, {k})" for s, e, n, d, k in num], per=5)
w("];")
w()
emit_ranges("NAMED", "Code points `unicodedata.name` names (Unicode 14.0).", named)
w("/// Named sequences (`unicodedata.lookup` only), sorted by name.")
w("pub static NAMED_SEQUENCES: &[(&str, &str)] = &[")
for name, s in seqs:
    w(f'    ("{name}", "' + "".join("\\u{%X}" % ord(ch) for ch in s) + '"),')
w("];")
w()
emit_ranges("ASSIGNED_3_2", "Code points assigned in Unicode 3.2.0 (`ucd_3_2_0`).", assigned32)
for name, doc, lst in [
    ("CATEGORY_3_2", "category", d_cat), ("BIDI_3_2", "bidirectional", d_bidi),
    ("EAW_3_2", "east_asian_width", d_eaw), ("MIRRORED_3_2", "mirrored", d_mir),
    ("DECIMAL_3_2", "decimal/numeric (255 = none)", d_dec), ("NORMALIZATION_3_2", "NFD mapping", fix)]:
    w(f"/// Unicode 3.2.0 {doc} where it differs from 14.0 (assigned code points).")
    t = "u32" if name == "NORMALIZATION_3_2" else "u8"
    w(f"pub static {name}: &[(u32, {t})] = &[")
    rows([(f"(0x{a:X}, 0x{b:X})" if t == "u32" else f"(0x{a:X}, {b})") for a, b in lst], per=8)
    w("];")
    w()

with open(OUT, "w") as f:
    f.write("\n".join(out).rstrip() + "\n")
print("wrote", OUT, os.path.getsize(OUT), "bytes;", len(recs), "records,", len(run_starts), "runs,",
      len(decomp), "decomp rows,", len(num), "numeric rows,", len(seqs), "sequences")
