# Eight threads increment a shared counter under a lock; the GIL hands over
# between them (a small switch interval forces many hand-overs).
import sys
import threading

sys.setswitchinterval(0.0005)
print(sys.getswitchinterval())
lock = threading.Lock()
counter = 0
per_thread = {}


def work(name, n):
    global counter
    mine = 0
    for _ in range(n):
        with lock:
            counter += 1
        mine += 1
    with lock:
        per_thread[name] = mine


threads = [threading.Thread(target=work, args=(f"t{i}", 5000 + i)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter, sum(5000 + i for i in range(8)))
print(sorted(per_thread.items()))
print([t.is_alive() for t in threads])
print(threading.active_count(), threading.current_thread() is threading.main_thread())

# A plain (non-atomic) read-modify-write per thread on its own slot: no lost
# updates because each thread owns its slot.
slots = [0] * 4


def own(i):
    for _ in range(10000):
        slots[i] += 1


ts = [threading.Thread(target=own, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(slots)

# RLock re-entrancy across nested calls, and ownership errors.
r = threading.RLock()


def nested(k):
    with r:
        if k:
            nested(k - 1)


nested(5)
print(r._is_owned())
err = []


def bad_release():
    try:
        r.release()
    except RuntimeError as e:
        err.append(str(e))


r.acquire()
t = threading.Thread(target=bad_release)
t.start()
t.join()
r.release()
print(err)

# A Lock may be released by another thread.
l = threading.Lock()
l.acquire()
t = threading.Thread(target=l.release)
t.start()
t.join()
print(l.locked(), l.acquire(timeout=1))
