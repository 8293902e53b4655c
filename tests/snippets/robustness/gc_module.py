# The gc module's interface.
import gc
print(gc.isenabled(), type(gc.get_threshold()).__name__, len(gc.get_threshold()))
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
print(type(gc.get_count()).__name__, isinstance(gc.collect(), int), gc.collect(0) >= 0)
class Cyc:
    pass
c = Cyc()
c.me = c
print(gc.is_tracked(c), gc.is_tracked(1), gc.is_tracked([]))
del c
print(gc.collect() >= 1)
