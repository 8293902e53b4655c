# format() and str.format mini-language over many types.
print(format(3.5), format(3.5, ""), format("x"), format(None), format([1], ""))
print(format(1234.5, "_.1f"), format(0.000123, ".2e"), format(255, "#06x"), format(-3, "05"), format(3, "+.2f"))
print("{:*^10}".format("mid"), "{0:{1}}".format(5, 4) + "|", "{:%}".format(0.25), "{:.0%}".format(0.255))
print("{a[0]}-{b.real}".format(a=[9], b=3), "{!s:>5}".format(None), "{:c}".format(9731))
print("{}".format(True), "{:d}".format(True), "{:5}".format(True), f"{True!r:>6}")
print(format(10 ** 20, ","), format(1e20, ",.0f"), format(-0.0, ".1f"), format(float("nan"), "+f"))
for spec in ("=10d", "<+8.3f", ">8s", "^8"):
    try:
        print(repr(format(42 if "d" in spec else 3.25 if "f" in spec else "s", spec)))
    except ValueError as e:
        print("ValueError", e)
try:
    format("s", "d")
except ValueError as e:
    print(e)
try:
    "{:,s}".format("x")
except ValueError as e:
    print(e)
