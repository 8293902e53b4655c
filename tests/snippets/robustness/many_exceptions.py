# Raising and catching many exceptions does not leak or slow to a crawl.
count = 0
for i in range(100_000):
    try:
        if i % 2:
            raise ValueError(i)
        {}[i]
    except (ValueError, KeyError):
        count += 1
print(count)
def nested(n):
    if n == 0:
        raise RuntimeError("bottom")
    try:
        nested(n - 1)
    finally:
        pass
try:
    nested(500)
except RuntimeError as e:
    print("unwound", e)
