import sys
from . import helper
from .helper import twice
print(__name__, __package__, __spec__.name, __spec__.parent)
print(__file__.endswith('__main__.py'), sys.argv[1:], helper.__name__, twice(21))
print(sys.modules['__main__'].__spec__.name)
