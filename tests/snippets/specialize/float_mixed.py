# BINARY_OP_FLOAT takes a float and a small int on either side: results must be
# those of float arithmetic, including rounding of big small-ints, signed zeros,
# division by zero and int operands that stop being small.
def run(a, b):
    out = []
    for _ in range(40):
        out.append((a + b, a - b, a * b))
        try:
            out.append(a / b)
        except ZeroDivisionError as e:
            out.append(("ZeroDivisionError", str(e)))
    return out[-2:]


print(run(1.5, 2))
print(run(2, 1.5))
print(run(0, -0.0))
print(run(-0.0, 0))
print(run(2**53 + 1, 1.0))
print(run(1.0, 2**61 + 12345))
print(run(3.0, 0))
print(run(3, 0.0))
print(run(1e308, 10))
print(run(float("inf"), -1))
print(run(float("nan"), 3)[0][0] != run(float("nan"), 3)[0][0])


def switch(xs):
    acc = []
    for a, b in xs:
        acc.append(a * b + a - b)
    return acc


vals = [(1.5, 2)] * 30 + [(2**70, 1.5), (3, 4), (1.5, 2**70), (True, 2.5)]
print(switch(vals))
total = 0.0
for i in range(1000):
    total += i * 0.5 - i / 3
print(total)
