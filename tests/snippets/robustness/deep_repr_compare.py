# Deeply nested data in repr/compare gives RecursionError, not a crash.
deep = []
for _ in range(100_000):
    deep = [deep]
try:
    repr(deep)
except RecursionError as e:
    print("repr:", e)
other = []
for _ in range(100_000):
    other = [other]
try:
    print(deep == other)
except RecursionError as e:
    print("compare:", e)
d = {}
for _ in range(100_000):
    d = {"k": d}
try:
    str(d)
except RecursionError as e:
    print("dict str:", e)
import copy
try:
    copy.deepcopy(deep)
except RecursionError as e:
    print("deepcopy:", type(e).__name__)
print("survived")
