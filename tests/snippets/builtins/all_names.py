# Every public name of the builtins module exists, with its kind.
import builtins
names = ['abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray',
         'bytes', 'callable', 'chr', 'classmethod', 'compile', 'complex', 'delattr', 'dict', 'dir',
         'divmod', 'enumerate', 'eval', 'exec', 'filter', 'float', 'format', 'frozenset', 'getattr',
         'globals', 'hasattr', 'hash', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass', 'iter',
         'len', 'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open',
         'ord', 'pow', 'print', 'property', 'range', 'repr', 'reversed', 'round', 'set', 'setattr',
         'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip',
         '__build_class__', '__import__']
for n in names:
    obj = getattr(builtins, n)
    print(n, type(obj).__name__, callable(obj))
site_names = ['copyright', 'credits', 'license', 'help', 'exit', 'quit']
print([hasattr(builtins, n) for n in site_names], [callable(getattr(builtins, n)) for n in site_names])
print(builtins.__name__, __debug__, type(builtins.__dict__).__name__, __builtins__ is builtins)
print(repr(exit), repr(quit), str(exit))
