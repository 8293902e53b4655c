# classmethod and staticmethod.
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
    @classmethod
    def create(cls):
        return cls()
    @classmethod
    def how_many(cls):
        return cls.instances
    @staticmethod
    def helper(a, b):
        return a + b
class SubCounter(Counter):
    pass
Counter.create(); SubCounter.create(); Counter()
print(Counter.how_many(), SubCounter.how_many(), type(SubCounter.create()).__name__)
print(Counter.helper(1, 2), Counter().helper(3, 4), SubCounter.helper(5, 6))
print(type(Counter.__dict__["create"]).__name__, type(Counter.__dict__["helper"]).__name__)
m = Counter.create
print(m.__self__ is Counter, Counter.helper.__name__)
