try:
    x = 1 / 0
except ZeroDivisionError:
    print("caught division by zero")
try:
    raise ValueError("bad value")
except ValueError as e:
    print("caught", e)
finally:
    print("finally")
