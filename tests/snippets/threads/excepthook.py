# Uncaught exceptions in threads: threading.excepthook (default and custom),
# and _thread.start_new_thread's "Exception ignored in thread started by".
import _thread
import sys
import threading


def boom():
    raise ValueError("boom in thread")


t = threading.Thread(target=boom, name="worker-1")
t.start()
t.join()
sys.stderr.flush()
print("after default hook")

seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


threading.excepthook = hook
t = threading.Thread(target=boom, name="worker-2")
t.start()
t.join()
print(seen)
threading.excepthook = threading.__excepthook__

# SystemExit in a thread ends it silently.
t = threading.Thread(target=sys.exit, args=(3,))
t.start()
t.join()
print("SystemExit ignored")

done = _thread.allocate_lock()
done.acquire()


class Raw:
    def __call__(self, key):
        try:
            raise KeyError(key)
        finally:
            done.release()

    def __repr__(self):
        return "<Raw callable>"


_thread.start_new_thread(Raw(), ("raw",))
done.acquire()
# The report is written after the function returns: wait for the thread
# count to drop to zero.
import time

while _thread._count():
    time.sleep(0.001)
print("raw thread done")
try:
    _thread.start_new_thread(1, ())
except TypeError as e:
    print(e)
try:
    _thread.start_new_thread(print, [])
except TypeError as e:
    print(e)
try:
    _thread.start_new_thread(print, (), 1)
except TypeError as e:
    print(e)
