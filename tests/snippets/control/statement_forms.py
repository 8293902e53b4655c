# One of each statement form, including with-statements, match, del, raise forms.
# statement forms
import sys
x = y = [1, 2]
a, *b = range(4); print(a, b)
(c, d), e = (1, 2), 3; print(c, d, e)
[f, g] = "ab"; print(f, g)
x[0] += 5; print(x, y)
z: int = 5; print(z, __annotations__)
q: list
print("q" in dir())
del x[0]; print(y)
i = 0
while True:
    i += 1
    if i > 3: break
else:
    print("never")
for j in range(2):
    pass
else:
    print("for-else", j)
try:
    pass
except Exception:
    pass
else:
    print("else")
finally:
    print("finally")
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen closed")
for v in gen():
    print(v); break
with open(__file__) as fh, open(__file__) as fh2:
    print(fh.readline().strip())
class Ctx:
    def __enter__(self): print("enter"); return self
    def __exit__(self, *a): print("exit", a[0].__name__ if a[0] else None); return True
with Ctx() as cx:
    raise ValueError
print("after")
with (Ctx() as c1, Ctx() as c2):
    pass
assert True, "x"
try:
    assert 1 == 2, "boom"
except AssertionError as e:
    print("assert", e)
try:
    assert False
except AssertionError as e:
    print("assert", repr(e))
import os.path as osp, sys as system
from os import (path,
  sep)
print(osp is path, system is sys)
if 0: pass
elif 1: print("elif")
global gl
gl = 1
pass; print("semi"); 
match (1, 2):
    case (1, x2) if x2 > 1: print("match", x2)
    case _: print("no")
try:
    raise ValueError("a") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__)
try:
    raise
except RuntimeError as e:
    print(e)
def f():
    return
print(f())
lst = [1, 2, 3, 4, 5]
del lst[1:3], lst[0]
print(lst)
print(__debug__)
async def co(): return 1
cr = co()
try:
    cr.send(None)
except StopIteration as e:
    print("coro", e.value)
try:
    print(undefined_name)
except NameError as e:
    print(e)
