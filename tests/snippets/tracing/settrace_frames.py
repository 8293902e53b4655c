# Frame objects seen from trace functions: f_lineno, f_back, f_locals
# (including writes that the frame sees afterwards), f_trace attributes.
import sys

def show(frame):
    names = []
    f = frame
    while f is not None and f.f_code.co_name != '<module>':
        names.append(f.f_code.co_name)
        f = f.f_back
    return names

def tracer(frame, event, arg):
    if frame.f_code.co_name == 'target':
        if event == 'call':
            print('call', show(frame), frame.f_trace_lines, frame.f_trace_opcodes)
        elif event == 'line':
            rel = frame.f_lineno - frame.f_code.co_firstlineno
            print('line', rel, sorted(frame.f_locals.items()))
            if rel == 2:
                frame.f_locals['b'] = 100
        elif event == 'return':
            print('return', arg)
    return tracer

def target(a):
    b = a * 2
    c = b + 1
    return c

def middle():
    return target(1)

sys.settrace(tracer)
print(middle())
sys.settrace(None)

# Frames outlive their activation: locals, line and f_back stay readable.
def keep():
    x = 42
    return sys._getframe()
fr = keep()
print(fr.f_locals, fr.f_lineno - keep.__code__.co_firstlineno, fr.f_back.f_code.co_name)
print(fr.f_trace, fr.f_trace_lines, fr.f_trace_opcodes)
try:
    fr.f_trace_lines = 1
except TypeError as e:
    print("TypeError", e)
fr.clear()
print(fr.f_locals)

# An executing frame cannot be cleared.
try:
    sys._getframe().clear()
except RuntimeError as e:
    print("RuntimeError", e)

# f_lineno of a running caller is its current line.
def callee():
    return sys._getframe(1).f_lineno
def caller():
    a = 1
    return callee() - caller.__code__.co_firstlineno
print(caller())

# Profile functions see call/return (not lines).
events = []
def prof(frame, event, arg):
    if event in ('call', 'return'):
        events.append((event, frame.f_code.co_name))
sys.setprofile(prof)
middle()
sys.setprofile(None)
print(events)
print(sys.getprofile())
