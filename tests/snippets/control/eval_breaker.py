# Signal handlers run between bytecode instructions (the eval breaker is
# checked at backward jumps and function entries), and Ctrl-C semantics.
import os
import signal

seen = []


def handler(signum, frame):
    seen.append(signum)
    print("handler ran for", signal.Signals(signum).name, "frame is a frame:", type(frame).__name__)


old = signal.signal(signal.SIGUSR1, handler)
print("old handler is SIG_DFL:", old == signal.SIG_DFL)

# os.kill delivers the signal immediately; the handler must run before the
# loop below finishes, without any sleep or I/O in the loop.
os.kill(os.getpid(), signal.SIGUSR1)
n = 0
while not seen:
    n += 1
    if n > 10_000_000:
        break
print("seen:", seen, "loop stopped:", n <= 10_000_000)


# A handler that raises: the exception appears in the running code.
class Stop(Exception):
    pass


def raising(signum, frame):
    raise Stop("from handler")


signal.signal(signal.SIGUSR2, raising)


def spin():
    i = 0
    while True:
        i += 1
        if i == 1000:
            os.kill(os.getpid(), signal.SIGUSR2)
        if i > 10_000_000:
            return "never interrupted"


try:
    spin()
except Stop as e:
    print("Stop caught:", e)

# SIGINT's default Python handler raises KeyboardInterrupt (installed
# explicitly: a test runner may start us with SIGINT ignored)
signal.signal(signal.SIGINT, signal.default_int_handler)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    os.kill(os.getpid(), signal.SIGINT)
    for i in range(10_000_000):
        pass
    print("not interrupted")
except KeyboardInterrupt:
    print("KeyboardInterrupt caught")

# A handler replaced by SIG_IGN: the signal is dropped.
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGUSR1)
for i in range(1000):
    pass
print("ignored; seen still", seen)
