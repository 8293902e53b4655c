# str operations that raise.
def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
attempt(lambda: "abc"[5])
attempt(lambda: "abc".index("z"))
attempt(lambda: "a" + 1)
attempt(lambda: "abc" * "2")
attempt(lambda: "x".join([1, 2]))
attempt(lambda: "{}{}".format(1))
attempt(lambda: "%d" % "s")
attempt(lambda: "%s %s" % (1,))
attempt(lambda: "abc".split(""))
attempt(lambda: int("abc"))
attempt(lambda: "é".encode("ascii"))
attempt(lambda: b"\xff".decode("utf-8"))
attempt(lambda: setattr("s", "x", 1))
attempt(lambda: "s".nosuch)
attempt(lambda: "abc".center(9, "ab"))
s = "abc"
try:
    s[0] = "x"
except TypeError as e:
    print(e)
