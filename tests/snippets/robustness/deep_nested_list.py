# timeout: 120
# A 1,000,000-deep nested list: built in a loop, measured, then freed.
n = 1_000_000
lst = []
for _ in range(n):
    lst = [lst]
depth = 0
cur = lst
while cur:
    cur = cur[0]
    depth += 1
print("depth", depth)
del cur
del lst
print("freed")
t = ()
for _ in range(n):
    t = (t,)
del t
print("tuple chain freed")
d = {}
for _ in range(n):
    d = {"k": d}
del d
print("dict chain freed")
