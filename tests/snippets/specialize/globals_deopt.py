# Global/builtin caches keyed on dict versions.
import builtins

ORIG_LEN = builtins.len
G = 1


def use_global(n):
    return [G + i for i in range(n)]


def use_builtin(items):
    return [len(x) for x in items]


print(use_global(10)[-1], use_builtin(["a", "bb", "ccc"] * 5)[:3])

G = 100  # global rebound
print(use_global(3))


def len(x):  # builtin shadowed by a global
    return -1


print(use_builtin(["a", "bb"]))
del len  # shadow removed again
print(use_builtin(["a", "bb"]))

builtins.len = lambda x: "patched"  # builtins module itself changed
print(use_builtin(["a", "bb"]))
del builtins.len
try:
    use_builtin(["a"])
except NameError as e:
    print("NameError:", e)
builtins.len = ORIG_LEN  # restored: the cached entry must see it again
print(use_builtin(["abcd"]), type(G).__name__)

del G
try:
    use_global(1)
except NameError as e:
    print("NameError:", e)


def isinst(xs):
    return [isinstance(x, int) for x in xs]


print(isinst([1, "a", 2.0, True] * 5)[:4])
isinstance = lambda x, t: "shadowed"
print(isinst([1])[:1])
del isinstance
print(isinst([1, "x"]))


# exec with a different globals dict runs the same code object
code = compile("out = [y * 2 for y in range(3)] + [Z for _ in range(2)]", "<s>", "exec")
for z in range(6):
    ns = {"Z": z}
    exec(code, ns)
    print(ns["out"])
