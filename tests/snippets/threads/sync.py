# Condition, Event, Semaphore, Barrier, Timer and sleeping threads.
import threading
import time

cond = threading.Condition()
items = []


def waiter(out):
    with cond:
        cond.wait_for(lambda: len(items) >= 3)
        out.append(list(items))


out = []
ws = [threading.Thread(target=waiter, args=(out,)) for _ in range(3)]
for w in ws:
    w.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify_all()
for w in ws:
    w.join()
print(out)

ev = threading.Event()
got = []


def wait_event():
    got.append(ev.wait(5))


t = threading.Thread(target=wait_event)
t.start()
ev.set()
t.join()
print(got, ev.is_set(), threading.Event().wait(0.01))

sem = threading.BoundedSemaphore(2)
active = 0
peak = 0
lk = threading.Lock()


def limited():
    global active, peak
    with sem:
        with lk:
            active += 1
            peak = max(peak, active)
        time.sleep(0.01)
        with lk:
            active -= 1


ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(peak <= 2, active)
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)

barrier = threading.Barrier(3)
order = []


def at_barrier(i):
    idx = barrier.wait()
    with lk:
        order.append(idx)


ts = [threading.Thread(target=at_barrier, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(order))

fired = []
tm = threading.Timer(0.01, fired.append, args=("timer",))
tm.start()
tm.join()
print(fired)
tm2 = threading.Timer(10, fired.append, args=("never",))
tm2.start()
tm2.cancel()
tm2.join()
print(fired)

# Sleeping threads overlap (the GIL is released while sleeping).
start = time.monotonic()
ts = [threading.Thread(target=time.sleep, args=(0.2,)) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(time.monotonic() - start < 0.8)

# A thread that finished is not alive; join with a timeout on a live one.
e2 = threading.Event()
t = threading.Thread(target=e2.wait)
t.start()
t.join(0.01)
print(t.is_alive())
e2.set()
t.join()
print(t.is_alive(), t.ident is not None, isinstance(t.native_id, int))
