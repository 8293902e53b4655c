# Number formatting at the edges: thousands-separator errors, huge
# precisions (far past what a fixed-size buffer holds), %-format `*`
# limits and the int/str digit limit in %-formatting.
import sys


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    if isinstance(r, str) and len(r) > 60:
        print(label, "->", len(r), repr(r[:25]), repr(r[-25:]), r.count("0"))
    else:
        print(label, "->", repr(r))


for spec in ["_,d", ",_d", ",,d", "__d", ",,", "__", "_,", ",_", ",\x01", "_\u20ac",
             ", ", "_,f", ",,f", "__f", ",x", "_x", ",b", "_o", ",n", "_n", ",s", "_c"]:
    for v in [1234567, 1234567.25, 12345 + 6789j]:
        show(f"format({v!r}, {spec!r})", lambda: format(v, spec))

for spec in [".70000f", ".70000e", ".70000g", "#.70000g", ".70000%", ".70000",
             ".1074f", ".1075f", ".800e", ".1200e", "#.3000g", ".3000"]:
    for v in [1.5, 2.0**-1074, 1e300, -1 / 3, 0.0, float("inf")]:
        show(f"format({v!r}, {spec!r})", lambda: format(v, spec))
show("format(1.5+2j, '.70000f')", lambda: format(1.5 + 2j, ".70000f"))
show("format(1.5+2j, '.5000e')", lambda: format(1.5 + 2j, ".5000e"))

for fmt, args in [("%.*d", (sys.maxsize, 1)), ("%.*d", (2**70, 1)), ("%.*d", (2**31 - 3, 1)),
                  ("%.*d", (-2**31 - 1, 1)), ("%.2147483647d", 1), ("%.*x", (2**31 - 1, 1)),
                  ("%.*r", (2**31 - 1, "a")), ("%*d", (2**70, 1)), ("%.*f", (70000, 1.5)),
                  ("%.*e", (5000, 1 / 3)), ("%.*g", (5000, 1 / 3)), ("%#.*g", (5000, 2.0)),
                  ("%.*d", (70000, 12)), ("%.*s", (-3, "abc")), ("%*s", (-5, "ab")),
                  ("%.*f", ("x", 1.0))]:
    show(f"{fmt!r} % {args!r}", lambda: fmt % args)
    show(f"b{fmt!r} % {args!r}", lambda: fmt.encode() % args)

# The int/str digit limit applies to %d/%i/%u but not to %x/%o.
big = 10**5000
for fmt in ["%d", "%i", "%u", "%x", "%o", "%.5d", "%s", "%r"]:
    show(f"{fmt!r} % 10**5000", lambda: fmt % big)
    show(f"b{fmt!r} % 10**5000", lambda: fmt.encode() % big)
sys.set_int_max_str_digits(0)
show("'%d' % 10**5000 (no limit)", lambda: "%d" % big)
sys.set_int_max_str_digits(5001)
show("'%d' % 10**5000 (limit 5001)", lambda: "%d" % big)
show("'%d' % -10**5000 (limit 5001)", lambda: "%d" % -big)
show("'%d' % 10**5001 (limit 5001)", lambda: "%d" % (big * 10))
