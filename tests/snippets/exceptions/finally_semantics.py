# finally runs on every exit path.
def f(mode):
    try:
        if mode == "return":
            return "try-return"
        if mode == "raise":
            raise ValueError("raised")
        if mode == "break":
            for i in range(3):
                try:
                    break
                finally:
                    print("  inner finally on break")
        return "normal"
    finally:
        print(" finally for", mode)
for m in ("return", "raise", "break", "normal"):
    try:
        print(f(m))
    except ValueError as e:
        print("caught", e)
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally return swallows"
print(swallow())
def override():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")
try:
    override()
except TypeError as e:
    print(repr(e), repr(e.__context__))
count = 0
while True:
    try:
        count += 1
        if count > 2:
            break
        continue
    finally:
        print("loop finally", count)
