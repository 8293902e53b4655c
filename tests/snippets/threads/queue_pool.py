# Producer/consumer over queue.Queue, ThreadPoolExecutor, thread-local data.
import queue
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

q = queue.Queue(maxsize=3)
results = []


def producer(start):
    for i in range(start, start + 50):
        q.put(i)


def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * 2)
        q.task_done()


producers = [threading.Thread(target=producer, args=(k * 100,)) for k in range(3)]
consumers = [threading.Thread(target=consumer) for _ in range(2)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    q.put(None)
q.join()
for t in consumers:
    t.join()
print(len(results), sum(results), q.empty())

with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(lambda x: x * x, range(12))))
    futs = [ex.submit(pow, 2, k) for k in range(10)]
    print(sorted(f.result() for f in as_completed(futs)))
    bad = ex.submit(int, "zz")
    try:
        bad.result()
    except ValueError as e:
        print("ValueError:", e)

local = threading.local()
local.name = "main"
seen = []
seen_lock = threading.Lock()


def visit(n):
    print_before = hasattr(local, "name")
    local.name = f"worker{n}"
    local.items = [n] * n
    with seen_lock:
        seen.append((n, print_before, local.name, len(local.items)))


ts = [threading.Thread(target=visit, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(seen))
print(local.name, hasattr(local, "items"))


class MyLocal(threading.local):
    def __init__(self, value):
        self.value = value
        self.initialized_in = threading.current_thread().name


ml = MyLocal(7)
out = []


def use():
    out.append((ml.value, ml.initialized_in))
    ml.value += 1
    out.append(ml.value)


t = threading.Thread(target=use, name="other")
t.start()
t.join()
print(out, ml.value, ml.initialized_in)
