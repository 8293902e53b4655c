"""Memory: a million live instances of a small class with three attributes.

The runner reports this program's peak RSS; the time is reported too, but
the number that matters here is memory per object.
"""


class Point:
    def __init__(self, x, y, label):
        self.x = x
        self.y = y
        self.label = label


def main(n):
    labels = ("a", "b", "c", "d")
    points = [Point(i, i * 2, labels[i & 3]) for i in range(n)]
    total = 0
    for p in points:
        total += p.x - p.y
    return len(points), total, points[n // 2].label


print("checksum", *main(1_000_000))
