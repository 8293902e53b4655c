"""Method calls on instances: plain, inherited, via super()."""
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, k):
        self.n += k
        return self
    def get(self):
        return self.n
class StepCounter(Counter):
    def inc(self, k):
        return super().inc(k * 2)
def main(n):
    a, b = Counter(), StepCounter()
    for i in range(n):
        a.inc(1)
        b.inc(i & 3)
        if a.get() & 1023 == 0:
            a.inc(b.get() & 7)
    return a.get() + b.get()
print("checksum", main(1_600_000))
