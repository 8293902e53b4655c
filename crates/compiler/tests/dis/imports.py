import os
import os.path as p, sys
from . import y
from ..z import (w as v, u)
from m import *
os.getcwd()
