# Traceback through generator and generator-expression frames.
def numbers():
    yield 1
    yield 2 // 0
def consume():
    return sum(n * 2 for n in numbers())
consume()
