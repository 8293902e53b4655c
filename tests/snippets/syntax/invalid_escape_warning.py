# Invalid escape sequences are a DeprecationWarning (compile time) in 3.11; the string keeps the backslash.
s = "a\d"
print(s, len(s))
b = b"\q"
print(b)
print(r"\d" == s[1:], "\N{BULLET}")
