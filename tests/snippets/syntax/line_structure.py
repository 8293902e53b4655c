# Line structure: implicit joining, backslashes, semicolons, comments.
total = (1 +
         2 +  # comment inside
         3)
items = [
    "a",
    "b",
]
d = {
    "k": 1,
}
print(total, items, d)
x = 1 + \
    2
print(x); print("same line")
if x: print("one-liner if")
for i in range(2): print("loop", i)
while False: pass
def f(): return "inline def"
print(f())
class K: pass
print(K.__name__)
