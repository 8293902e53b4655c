# Interpreter exit: non-daemon threads are joined (threading._shutdown),
# daemon threads still running do not crash the process.
import threading
import time


def forever():
    while True:
        time.sleep(0.01)


def spin():
    x = 0
    while True:
        x += 1


threading.Thread(target=forever, daemon=True).start()
threading.Thread(target=spin, daemon=True).start()


def late():
    time.sleep(0.1)
    print("non-daemon thread finished")


threading.Thread(target=late).start()
print("main done")
