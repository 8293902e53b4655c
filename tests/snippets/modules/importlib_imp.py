# _imp, marshal and importlib on top of the native importer.
import _imp
import marshal
import sys

print(_imp.is_builtin("sys"), _imp.is_builtin("builtins"), _imp.is_builtin("_imp"), _imp.is_builtin("no_such"))
print(_imp.is_frozen("no_such"), _imp.find_frozen("no_such"), _imp.check_hash_based_pycs)
print(_imp.source_hash(3495, b"abc"), _imp.source_hash(key=1, source=b""))
print(_imp.init_frozen("no_such"))
for f in (_imp.get_frozen_object, _imp.is_frozen_package):
    try:
        f("no_such")
    except ImportError as e:
        print(type(e).__name__, e, e.name)
try:
    _imp.release_lock()
except RuntimeError as e:
    print("RuntimeError", e)
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()
print(_imp.lock_held())
try:
    _imp.is_builtin(1)
except TypeError as e:
    print("TypeError", e)

for v in [None, True, False, 0, -1, 2**31, -(2**70), 1.5, -0.0, 2j, "abc", "é\u20ac", b"xy",
          (), (1, "a", (None,)), [1, [2]], {"a": 1}, frozenset({1, 2}), {3}, ..., StopIteration]:
    w = marshal.loads(marshal.dumps(v))
    print(type(w).__name__, w == v or w is v)
for bad in [b"", b"i\x01", b"\x01"]:
    try:
        marshal.loads(bad)
    except (EOFError, ValueError) as e:
        print(type(e).__name__, e)
try:
    marshal.dumps(object())
except ValueError as e:
    print("ValueError", e)

import importlib
import importlib.util
import json

print(importlib.import_module("json") is json)
spec = importlib.util.find_spec("json")
print(spec.name, spec.submodule_search_locations is not None, json.__spec__.name)
print(type(json.__loader__).__name__)
m = importlib.import_module("json.decoder")
print(m.__name__, m.__spec__.parent)
print(importlib.reload(json) is json)
print(importlib.util.find_spec("no_such_module_here"))
spec = importlib.util.find_spec("_imp")
print(spec.name, spec.origin)
try:
    importlib.import_module("no_such_module_here")
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e)

import inspect

def f(a, b=2):
    return a + b

print(inspect.getsource(f), end="")
