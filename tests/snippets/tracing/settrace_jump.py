# Setting f_lineno from a line event (a jump), and the jumps CPython refuses.
import sys

def make_tracer(func, src, dst, results):
    first = func.__code__.co_firstlineno
    done = [False]
    def tracer(frame, event, arg):
        if frame.f_code is not func.__code__:
            return tracer
        if event == 'line' and not done[0] and frame.f_lineno == first + src:
            done[0] = True
            try:
                frame.f_lineno = first + dst
            except ValueError as e:
                results.append(('error', str(e)))
        return tracer
    return tracer

def run(func, src, dst):
    out = []
    sys.settrace(make_tracer(func, src, dst, out))
    try:
        func(out)
    finally:
        sys.settrace(None)
    print(func.__name__, src, dst, out)

def forward(out):
    out.append(1)
    out.append(2)
    out.append(3)
    out.append(4)

def backward(out):
    out.append(1)
    out.append(2)
    out.append(3)

def loop(out):
    for i in range(3):
        out.append(i)
    out.append('done')

def into_loop(out):
    out.append(0)
    for i in range(2):
        out.append(i)
    out.append('done')

def out_of_loop(out):
    for i in range(3):
        out.append(i)
        out.append('in')
    out.append('after')

def into_except(out):
    try:
        out.append(1)
    except ValueError:
        out.append(2)
    out.append(3)

def out_of_except(out):
    try:
        raise ValueError
    except ValueError:
        out.append(1)
        out.append(2)
    out.append(3)
    out.append(sys.exc_info()[0])

def into_with(out):
    import contextlib
    out.append(0)
    with contextlib.nullcontext():
        out.append(1)
    out.append(2)

run(forward, 1, 3)
run(backward, 3, 1)
run(loop, 2, 3)
run(into_loop, 1, 3)
run(out_of_loop, 3, 4)
run(into_except, 2, 4)
run(out_of_except, 4, 6)
run(into_with, 2, 4)
run(forward, 1, 0)
run(forward, 1, 100)

# Outside a trace function, or from a 'call' event, jumps are refused.
def no_trace():
    f = sys._getframe()
    try:
        f.f_lineno = f.f_lineno
    except ValueError as e:
        print(e)
no_trace()
def from_call(frame, event, arg):
    if event == 'call' and frame.f_code.co_name == 'forward':
        try:
            frame.f_lineno = frame.f_lineno + 1
        except ValueError as e:
            print(e)
    return None
sys.settrace(from_call)
forward([])
sys.settrace(None)
try:
    sys._getframe().f_lineno = 'x'
except ValueError as e:
    print(e)
