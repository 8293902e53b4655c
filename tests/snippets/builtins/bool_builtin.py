# bool() on every kind of value and bool arithmetic.
print(bool(), bool(0), bool(1), bool(-1), bool(0.0), bool(1e-300), bool(""), bool(" "), bool([]), bool([[]]))
print(True + True, True - False, True * 10, True / 2, True // 2, -True, True ** 2, True & 1, True | 2)
print(repr(True), str(False), int(True), float(False), True == 1.0, hash(True), isinstance(False, int))
print(type(True).__name__, bool.__bases__, True.real, True.numerator, (True).bit_length())
try:
    class B(bool): pass
except TypeError as e:
    print(e)
