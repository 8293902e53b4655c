# contextvars (the _contextvars module): variables, tokens, contexts
import contextvars
from contextvars import Context, ContextVar, Token, copy_context


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, str(e).split(' at 0x')[0])


v = ContextVar('v', default=1)
w = ContextVar('w')
print(v.name, v.get(), v.get(7), w.get('dflt'))
t(lambda: w.get())
t(lambda: ContextVar(1))
tok = v.set(5)
print(v.get(), tok.var is v, tok.old_value is Token.MISSING, repr(Token.MISSING))
v.reset(tok)
print(v.get())
t(lambda: v.reset(tok))
t(lambda: w.reset(v.set(2)))
t(lambda: v.reset('x'))
t(lambda: Token())
t(lambda: Context(1))

ctx = copy_context()
print(type(ctx).__name__, v in ctx, ctx[v], ctx.get(w), ctx.get(w, 'd'))
t(lambda: ctx[w])
t(lambda: ctx['x'])
t(lambda: ctx.run(lambda: ctx.run(lambda: 1)))


def inner(x):
    w.set(x)
    v.set(v.get() * 10)
    return (w.get(), v.get())


c2 = Context()
print(c2.run(inner, 3), len(c2), c2[w], c2[v], w.get('unset'), v.get())
print(sorted((var.name, val) for var, val in c2.items()))
c3 = c2.copy()
c3.run(w.set, 99)
print(c2[w], c3[w], c2 == c3, c2 == c2.copy())
print(sorted(x.name for x in c3), sorted(c3.values()), len(list(c3.keys())))
t(lambda: c2.run(v.reset, v.set(1)))


def nested():
    a = w.set('outer')
    snapshot = copy_context()
    w.set('changed')
    print('snapshot sees', snapshot[w], 'current', w.get())
    print('in snapshot', snapshot.run(w.get))
    w.reset(a)
    return w.get('gone')


print(Context().run(nested))
t(lambda: hash(v) == hash(v))
print(ContextVar[int], Token[str])
try:
    class Sub(ContextVar):
        pass
except TypeError as e:
    print('TypeError', e)
print(contextvars.__all__)
