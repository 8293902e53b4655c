f'{x = }'
f'{x=!s:>10}'
f'{x!=y}'
f'{x:{y}.{z}f}'
f'{ {"a": 1}["a"] }'
f'{(lambda: 1)()}'
f'''
  {a +
 b}
'''
rf'\n{x}\d'
f'\N{EURO SIGN}{x}'
f'{x:{{}}>5}'
f'{{{x}}}'
f'a' 'b' f'{c}' u'd'
x = (f'{a}'
     f'{b:{c}}')
f'{"nested" + f"{y}"}'
f'{x["k"]!r}'
f'{3.14:.2f}'
f'{a if b else c}'
f'{*a,}'
f'{a, b}'
f'{yield}'
f'{x:=5}'
f'{(x:=5)}'
f'''{
 x
}'''
f'{x}' f'{y}' f'{z}'
print(f'{x}', f'{y!a}')
f'\{x}'
f'{x}\n{y}'
b'a' b'b'
'\x41\u00e9\U0001F600\N{BULLET}\101'
'''a\
b'''
u'x' 'y'
U'x'
'\q'
x = f'{a}' if b else f'{c!s}'
f'{x!r:^{w}.{p}}'
async def f():
    return [x async for x in y]
def f(a, /, b=1, *, c, **d): ...
x: 'int' = 1
match p:
    case {'a': [1, *_], **rest}: pass
    case Point(x=0) | Point(y=0): pass
    case 1 | -2 | 3.5j | -1+2j: pass
    case str() as s if s: pass
with (a as b, c as d,):
    pass
with (a, b) as c:
    pass
with (a):
    pass
del (a), [b], c.d
print(*a, *b, **c, **d)
a[1:2, ::3, ...]
a[:, None]
x = yield from y
global a, b
lambda *a, b=1, **c: 0
class A(B, *c, metaclass=M, **k): pass
@a.b(c)
@d
class E: pass
try:
    pass
except* (A, B) as e:
    pass
for x, *y in z:
    pass
else:
    pass
while (n := n - 1): pass
x = [i for i in range(3) if i if not i for j in i]
assert (x, y)
raise E from None
from .. import (a as b, c)
import a.b.c as d, e
x = 1_000.000_1e-1_0j
x = 0XFF + 0O7 + 0B1
x = 1e1000
x = 0.0
x = .5 + 5. + 5e0
ℌ = 1
ﬁ = 2
x = a if b else c if d else e
x = not a == b
x = -a ** -b
x = a < b < c is not d not in e
x = ~a | b ^ c & d << e >> f + g - h * i / j // k % l @ m
x = (yield)
x = [*a, *b]
x = {**a, 'b': 1, **c}
x = {*a, b}
f(a)(b)[c].d
if a:
	pass
elif b:
	pass
if a:
        pass

b = 1
x = 'a' \
    'b'
def f():
    '''doc'''
    # comment

    return
import os, sys as s
from . import (a, b as c)
@dec
def f(a, /, b: int = 1, *args, c, d=2, **kw) -> None:
    """doc"""
    x = [i for i in range(10) if i % 2]
    y = {k: v for k, v in x.items()}
    z = (a, *b)
    w: int = 5
    w += 1
    return f"{x!r:>{y}} {z=}"
class A(B, metaclass=M):
    async def g(self):
        async with a as b, c:
            await x
        async for i in y:
            pass
try:
    pass
except* ValueError as e:
    raise
finally:
    del a, b[1], c.d
match p:
    case [1, 2, *rest] | {"a": 1, **kw}:
        pass
    case Point(x=0, y=0) if x > 1:
        pass
    case -1 + 2j | None | "s" "t":
        pass
    case _:
        pass
lambda x, *y, **z: (x, y)
a[1:2, ::3]
x = yield
print(*a, **k, sep='')
with (open(a) as f, open(b) as g):
    pass
if a: pass
elif b: pass
else: pass
while x := 1:
    break
for x, y in z: continue
global q
assert x, "m"
0x_ff + 1_0.5e3j - 0o7 ** ~-1
not a and b or c if d else e
