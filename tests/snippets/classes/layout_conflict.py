# Multiple inheritance layout conflicts (CPython's solid bases).
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("ok")
class I1(int): pass
class I2(int): pass
err(lambda: type('X', (I1, I2), {}))
class T1(tuple): __slots__=()
class T2(tuple): __slots__=()
err(lambda: type('X', (T1, T2), {}))
err(lambda: type('X', (OSError, ImportError), {}))
err(lambda: type('X', (OSError, ValueError), {}))
err(lambda: type('X', (KeyError, ValueError), {}))
err(lambda: type('X', (StopIteration, SystemExit), {}))
err(lambda: type('X', (UnicodeDecodeError, UnicodeEncodeError), {}))
err(lambda: type('X', (NameError, AttributeError), {}))
err(lambda: type('X', (SyntaxError, ImportError), {}))
err(lambda: type('X', (BaseExceptionGroup, OSError), {}))
err(lambda: type('X', (ModuleNotFoundError, ImportError), {}))
err(lambda: type('X', (IndentationError, TabError), {}))
err(lambda: type('X', (BlockingIOError, ConnectionError), {}))
err(lambda: type('X', (UnicodeError, UnicodeEncodeError), {}))
err(lambda: type('X', (list, dict), {}))
err(lambda: type('X', (int, str), {}))
