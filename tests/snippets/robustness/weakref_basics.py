# weakref.ref, WeakValueDictionary, finalize.
import weakref
class C:
    pass
c = C()
r = weakref.ref(c)
print(r() is c, weakref.getweakrefcount(c))
del c
print(r())
cache = weakref.WeakValueDictionary()
k = C()
cache["k"] = k
print(len(cache), "k" in cache)
del k
print(len(cache), "k" in cache)
obj = C()
f = weakref.finalize(obj, print, "finalizer ran")
print(f.alive)
del obj
print(f.alive)
try:
    weakref.ref(5)
except TypeError as e:
    print(e)
