"""Instance attribute loads and stores on ordinary objects."""
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Box:
    def __init__(self):
        self.lo = Point(0, 0)
        self.hi = Point(1, 1)
        self.count = 0
def main(n):
    b = Box()
    total = 0
    for i in range(n):
        b.lo.x = i & 255
        b.hi.y = b.lo.x + 1
        b.count += 1
        total += b.lo.x + b.hi.y - b.lo.y + b.hi.x
    return total + b.count
print("checksum", main(4_000_000))
