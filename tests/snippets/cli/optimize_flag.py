# args: -O {file}
import sys
assert False, "asserts are removed under -O"
print(__debug__, sys.flags.optimize)
