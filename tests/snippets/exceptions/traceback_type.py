# types.TracebackType: constructor checks, tb_next assignment rules and loops.
import sys
import types


def get_tb():
    try:
        raise OSError()
    except OSError as e:
        return e.__traceback__


other = get_tb()
frame = sys._getframe()
for args in [("no", frame, 1, 2), (other, "no", 1, 2), (other, frame, "no", 2),
             (other, frame, 1, "nuh"), (other,), (), (None, frame, -1, 2**70)]:
    try:
        t = types.TracebackType(*args)
        print(t.tb_lasti, t.tb_lineno, t.tb_next)
    except Exception as e:
        print(type(e).__name__, e)
t = types.TracebackType(tb_next=None, tb_frame=frame, tb_lasti=3, tb_lineno=4)
print(t.tb_lasti, t.tb_lineno, t.tb_next, t.tb_frame is frame)
t = types.TracebackType(other, frame, 7, 9)
print(t.tb_lasti, t.tb_lineno, t.tb_next is other)
tb = get_tb()
print(type(tb.tb_lasti).__name__, tb.tb_lasti % 2, tb.tb_lineno)
tb2 = types.TracebackType(tb, frame, 0, 1)
for v in [tb2, tb]:
    try:
        tb.tb_next = v
    except Exception as e:
        print(type(e).__name__, e)
try:
    del tb.tb_next
except Exception as e:
    print(type(e).__name__, e)
try:
    tb.tb_next = "x"
except Exception as e:
    print(type(e).__name__, e)
tb.tb_next = other
print(tb.tb_next is other)
tb.tb_next = None
print(tb.tb_next)


class LacksExit:
    def __enter__(self):
        pass


class LacksEnter:
    def __exit__(self, *a):
        pass


for cm in (LacksExit(), LacksEnter(), 1):
    try:
        with cm:
            pass
    except TypeError as e:
        print(e)
