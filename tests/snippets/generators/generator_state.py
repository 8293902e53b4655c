# Generator state, exceptions inside generators, reuse after exhaustion.
import inspect
def g():
    yield 1
    raise ValueError("inside generator")
it = g()
print(inspect.getgeneratorstate(it))
print(next(it), inspect.getgeneratorstate(it))
try:
    next(it)
except ValueError as e:
    print("caught", e)
print(inspect.getgeneratorstate(it))
print(next(it, "exhausted"))
def stop_inside():
    yield 1
    raise StopIteration("converted")
try:
    list(stop_inside())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
def running():
    yield running_gen.gi_running
running_gen = running()
print(next(running_gen))
def self_next():
    yield next(me)
me = self_next()
try:
    next(me)
except ValueError as e:
    print(e)
