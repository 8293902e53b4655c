# sys.setprofile: call/return of Python functions and c_call/c_return/
# c_exception of builtins (method descriptors reported bound).
import sys

events = []
def prof(frame, event, arg):
    if event.startswith('c_'):
        name = getattr(arg, '__qualname__', None) or getattr(arg, '__name__', '?')
        events.append((event, frame.f_code.co_name, name))
    else:
        events.append((event, frame.f_code.co_name, type(arg).__name__))

def work(xs):
    xs.append(len(xs))
    total = max(xs) + abs(-3)
    try:
        int('x')
    except ValueError:
        pass
    return sorted(xs, key=lambda v: -v), total

def gen():
    yield 1
    yield 2

sys.setprofile(prof)
work([3, 1])
list(gen())
sys.setprofile(None)
for e in events:
    print(*e)
print(sys.getprofile())

# A profile function that raises is removed.
def bad(frame, event, arg):
    raise KeyError(event)
sys.setprofile(bad)
try:
    work([1])
except KeyError as e:
    print("KeyError", e, sys.getprofile())
