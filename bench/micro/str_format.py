"""String formatting: f-strings with format specs, %-formatting and str.format."""


def main(n):
    acc = 0
    for i in range(n):
        x = i * 0.37
        name = "item"
        a = f"{name}-{i}: {x:.2f} [{i:>6}] {i:#x} {i:08b}"
        b = "%s-%d: %.3f %5d %x" % (name, i, x, i % 1000, i)
        c = "{}-{}: {:.1f} {:<4} {!r}".format(name, i, x, i % 100, name)
        d = "{0}/{1}/{0}".format(i, name)
        acc += len(a) + len(b) + len(c) + len(d)
    return acc


print("checksum", main(150_000))
