# breakpoint() calls sys.breakpointhook.
import sys
def hook(*args, **kwargs):
    print("breakpointhook called with", args, kwargs)
    return "hook result"
sys.breakpointhook = hook
print(breakpoint(1, key="v"))
sys.breakpointhook = sys.__breakpointhook__
print(sys.breakpointhook is sys.__breakpointhook__)
