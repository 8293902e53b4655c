# The builtin exception hierarchy.
names = ["BaseException", "Exception", "ArithmeticError", "ZeroDivisionError", "OverflowError",
         "LookupError", "KeyError", "IndexError", "ValueError", "UnicodeDecodeError", "TypeError",
         "AttributeError", "NameError", "UnboundLocalError", "OSError", "FileNotFoundError",
         "RuntimeError", "RecursionError", "NotImplementedError", "StopIteration", "StopAsyncIteration",
         "GeneratorExit", "KeyboardInterrupt", "SystemExit", "ImportError", "ModuleNotFoundError",
         "AssertionError", "SyntaxError", "IndentationError", "TabError", "MemoryError", "BufferError",
         "EOFError", "FloatingPointError", "ReferenceError", "UnicodeError", "UnicodeEncodeError",
         "UnicodeTranslateError", "Warning", "UserWarning", "DeprecationWarning", "BaseExceptionGroup",
         "ExceptionGroup", "ConnectionError", "TimeoutError", "PermissionError", "IsADirectoryError",
         "BlockingIOError", "ChildProcessError", "ConnectionResetError", "InterruptedError",
         "ProcessLookupError", "NotADirectoryError", "FileExistsError", "BrokenPipeError",
         "ConnectionAbortedError", "ConnectionRefusedError", "EncodingWarning", "ResourceWarning",
         "BytesWarning", "UnicodeWarning", "ImportWarning", "FutureWarning", "RuntimeWarning",
         "SyntaxWarning", "PendingDeprecationWarning", "EnvironmentError", "IOError"]
import builtins
for n in names:
    cls = getattr(builtins, n)
    print(n, [b.__name__ for b in cls.__mro__[1:]])
print(IOError is OSError, EnvironmentError is OSError)
