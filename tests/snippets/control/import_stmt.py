# import forms using standard-library modules.
import math
import os.path
import collections.abc as cabc
from functools import reduce, partial as p
from itertools import *
print(math.sqrt(16), math.pi > 3, os.path.join("a", "b"), issubclass(list, cabc.Sequence))
print(reduce(lambda a, b: a * b, range(1, 6)), p(int, base=2)("101"))
print(list(islice(count(10), 3)), list(chain("ab", "cd")))
import sys
print(type(sys.modules["math"]).__name__, "math" in sys.modules, math.__name__)
try:
    import does_not_exist_anywhere
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from math import nope
except ImportError as e:
    print(str(e).split(" (")[0], e.name)
def local_import():
    import json
    return json.dumps({"a": [1, 2]})
print(local_import())
