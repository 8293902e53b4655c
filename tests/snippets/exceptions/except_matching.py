# except clause matching: tuples, base classes, order, bare except.
def classify(exc):
    try:
        raise exc
    except (ZeroDivisionError, OverflowError):
        return "arith-specific"
    except ArithmeticError:
        return "arith"
    except LookupError as e:
        return f"lookup {type(e).__name__}"
    except Exception:
        return "other exception"
    except BaseException:
        return "base"
for exc in (ZeroDivisionError(), FloatingPointError(), KeyError(), IndexError(), ValueError(), KeyboardInterrupt(), GeneratorExit()):
    print(type(exc).__name__, classify(exc))
try:
    raise SystemExit(5)
except:
    print("bare except catches SystemExit")
try:
    try:
        raise ValueError
    except "not a class":
        pass
except TypeError as e:
    print(e)
