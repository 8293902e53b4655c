# sys.set_coroutine_origin_tracking_depth and cr_origin.
import sys


async def f():
    pass


def g():
    return f()


print(sys.get_coroutine_origin_tracking_depth())
c = f()
print(c.cr_origin)
c.close()
sys.set_coroutine_origin_tracking_depth(2)
print(sys.get_coroutine_origin_tracking_depth())
c = g()
print([(name, line) for _, line, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(1)
c = g()
print(len(c.cr_origin), c.cr_origin[0][2])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
for bad in (-1, 1.5, "x"):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
sys.set_coroutine_origin_tracking_depth(depth=0)
