# Simple string operations.
s = "hello"
print(s)
print(s + " world")
print(s * 2)
print(len(s))
print(s[0], s[-1], s[1:3])
print(s.upper())
print("ell" in s)
print(s == "hello", s < "help")
