"""Calls passing keyword arguments and relying on default values."""


def area(width, height=1, *, scale=1.0, offset=0):
    return width * height * scale + offset


def clamp(value, low=0, high=100):
    if value < low:
        return low
    if value > high:
        return high
    return value


def main(n):
    acc = 0.0
    for i in range(n):
        acc += area(i % 7, height=3)
        acc += area(width=2, height=i % 5, scale=0.5)
        acc += area(3, offset=i % 3)
        acc += clamp(i % 150)
        acc += clamp(value=i % 150 - 20, high=90)
    return f"{acc:.1f}"


print("checksum", main(700_000))
