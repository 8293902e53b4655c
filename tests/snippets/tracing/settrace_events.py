# sys.settrace: the call/line/return/exception events of functions,
# generators, comprehensions and nested calls, and f_trace handling.
import sys

log = []

def tracer(frame, event, arg):
    if event == 'exception':
        a = (arg[0].__name__, str(arg[1]))
    elif event == 'return':
        a = repr(arg)
    else:
        a = arg
    log.append((event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno, a))
    return tracer

def simple(x):
    y = x + 1
    for i in range(2):
        y += i
    return y

def gen():
    yield 1
    x = yield 2
    return x

def raises():
    try:
        raise ValueError("boom")
    except ValueError:
        pass
    try:
        {}['k']
    finally:
        pass

def outer():
    v = [n * 2 for n in range(2)]
    try:
        raises()
    except KeyError as e:
        v.append(str(e))
    return v

def run():
    simple(3)
    g = gen()
    next(g)
    next(g)
    try:
        g.send(5)
    except StopIteration as e:
        log.append(('stop', e.value))
    outer()

sys.settrace(tracer)
run()
sys.settrace(None)
for entry in log:
    print(*entry)
print(sys.gettrace())

# The global function only gets 'call'; returning None disables the frame.
log.clear()
def only_calls(frame, event, arg):
    log.append((event, frame.f_code.co_name))
    return None
sys.settrace(only_calls)
simple(1)
outer()
sys.settrace(None)
print(log)

# A local trace function that switches itself off (returns None keeps it).
log.clear()
def local(frame, event, arg):
    log.append(event)
    if event == 'line' and len(log) > 3:
        frame.f_trace = None
    return local
def glob(frame, event, arg):
    return local
sys.settrace(glob)
simple(2)
sys.settrace(None)
print(log)

# f_trace_lines = False suppresses line events; f_trace_opcodes adds opcode ones.
log.clear()
def nolines(frame, event, arg):
    frame.f_trace_lines = False
    log.append(event)
    return nolines
sys.settrace(nolines)
simple(1)
sys.settrace(None)
print(log)
def opcodes(frame, event, arg):
    frame.f_trace_opcodes = True
    log.append(event)
    return opcodes
log.clear()
sys.settrace(opcodes)
simple(1)
sys.settrace(None)
print('opcode' in log, log.count('call'), log.count('return'))

# A trace function that raises is removed and the error propagates.
def bad(frame, event, arg):
    if event == 'line':
        raise RuntimeError("tracer failed")
    return bad
sys.settrace(bad)
try:
    simple(1)
except RuntimeError as e:
    print("caught", e, sys.gettrace())
sys.settrace(None)

# Tracing is off inside the trace function itself.
depth = []
def reentrant(frame, event, arg):
    simple(0)
    depth.append(event)
    return None
sys.settrace(reentrant)
simple(5)
sys.settrace(None)
print(depth)
