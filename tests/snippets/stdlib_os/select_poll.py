# select.select, select.poll, select.epoll and selectors over pipes
import os
import select
import selectors


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


r, w = os.pipe()
print(select.select([r], [w], [], 0))
os.write(w, b'x')
print(select.select([r], [w], [r], 0))


class F:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


fr = F(r)
rl, wl, xl = select.select([fr], [], [], 0.01)
print(rl == [fr], wl, xl)
t(lambda: select.select([], [], [], -1))
t(lambda: select.select([], [], [], 'a'))
t(lambda: select.select(['x'], [], [], 0))
t(lambda: select.select([-1], [], [], 0))
t(lambda: select.select([5000], [], [], 0))
t(lambda: select.select(3, [], [], 0))
t(lambda: select.select([], [], [], float('nan')))
t(lambda: select.select([], [], [], 0.001))

p = select.poll()
p.register(r)
p.register(w, select.POLLOUT)
print(sorted(p.poll(0)))
p.modify(w, select.POLLIN)
print(sorted(p.poll(0)))
p.unregister(w)
print(p.poll(10))
t(lambda: p.modify(99, 1))
t(lambda: p.unregister(99))
t(lambda: p.register(-1))
t(lambda: p.register('x'))
t(lambda: p.poll('a'))
os.read(r, 1)
print(p.poll(0))

ep = select.epoll()
print(ep.closed, ep.fileno() > 2, type(ep).__name__)
ep.register(r, select.EPOLLIN)
ep.register(w, select.EPOLLOUT)
t(lambda: ep.register(r))
print(sorted(ep.poll(0)))
os.write(w, b'yy')
print(sorted(ep.poll(0.1, 5)))
ep.modify(w, 0)
print(ep.poll(0))
ep.unregister(r)
print(ep.poll(0))
t(lambda: ep.unregister(99))
t(lambda: ep.poll('a'))
t(lambda: ep.poll(0, 0))
ep.close()
print(ep.closed)
t(lambda: ep.poll(0))
t(lambda: ep.fileno())
with select.epoll() as e2:
    print(e2.closed)
print(e2.closed)

sel = selectors.DefaultSelector()
print(type(sel).__name__)
key = sel.register(r, selectors.EVENT_READ, data='reader')
print(key.fd == r, key.events, key.data)
for k, ev in sel.select(0):
    print(k.data, ev, os.read(k.fd, 10))
print(sel.select(0))
sel.modify(r, selectors.EVENT_READ | selectors.EVENT_WRITE, data='both')
sel.register(w, selectors.EVENT_WRITE)
print(sorted((k.data, ev) for k, ev in sel.select(0)))
sel.close()
for name in ('PollSelector', 'SelectSelector', 'EpollSelector'):
    s = getattr(selectors, name)()
    s.register(w, selectors.EVENT_WRITE, name)
    print([(k.data, ev) for k, ev in s.select(0)])
    s.close()
os.close(r)
os.close(w)
print(select.PIPE_BUF, select.POLLIN, select.POLLOUT, select.EPOLLIN, select.EPOLLET, select.error is OSError)
