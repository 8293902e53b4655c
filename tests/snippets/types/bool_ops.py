# and/or/not return operands; truthiness of every core type.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or [] or "last")
print(not 0, not "", not [1], not None)
for v in [0, 1, -1, 0.0, 0.5, 0j, 1j, "", "a", b"", b"x", [], [0], (), (0,), {}, {0: 0}, set(), {0}, None, range(0), range(1)]:
    print(repr(v), bool(v))
class T:
    def __bool__(self):
        print("bool called")
        return False
class L:
    def __len__(self):
        return 3
print(bool(T()), bool(L()), T() or "fallback", L() and "yes")
def side(x):
    print("eval", x)
    return x
print(side(0) and side(1))
print(side(1) or side(2))
print(isinstance(True, int), True == 1, False == 0, True is True)
print(True & False, True | False, True ^ True, ~True, -True)
