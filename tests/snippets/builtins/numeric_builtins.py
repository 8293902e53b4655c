# abs, divmod, pow, round, sum, min, max, bin, oct, hex, int, float, complex, bool.
print(abs(-3), abs(3.5), abs(-0.0), abs(3 - 4j), abs(True), abs(-(10 ** 30)))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), divmod(10 ** 20, 7))
print(pow(2, 8), pow(2, 8, 5), pow(2, -1), pow(-2, 0.5).imag != 0, pow(5, -1, 11), pow(0, 0))
print(round(3.14159), round(3.14159, 2), round(-2.5), round(25, -1), round(35, -1), type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
print(sum([1, 2, 3]), sum([1.5, 2.5]), sum([[1], [2]], []), sum(range(5), 10), sum([], 0.0))
print(min(3, 1, 2), max("apple", "pear", key=len), min([], default="empty"), max([1, 5, 3]), min("xyz"), max((1, "a"), (1, "b")))
print(bin(10), bin(-10), oct(64), hex(255), hex(-1), bin(0), oct(0))
print(int(), float(), complex(), bool(), int("10", 8), float("1.5e2"), bool([0]))
for f, arg in ((min, []), (max, ()), (sum, ["a"]), (pow, (0, -1)), (divmod, (1, 0)), (round, ("x",))):
    try:
        f(*arg) if isinstance(arg, tuple) else f(arg)
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
print(sum(["a", "b"], "") if False else "sum of str refused")
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(e)
