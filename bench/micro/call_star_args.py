"""Calls with *args and **kwargs, on both the calling and the receiving side."""


def total(*args):
    s = 0
    for a in args:
        s += a
    return s


def describe(name, *values, sep=",", **options):
    return len(name) + len(values) + len(sep) + len(options)


def forward(*args, **kwargs):
    return describe(*args, **kwargs)


def main(n):
    acc = 0
    triple = (1, 2, 3)
    opts = {"sep": ";", "mode": "fast"}
    for i in range(n):
        acc += total(i, 1, 2)
        acc += total(*triple)
        acc += describe("x", i, i, flag=True)
        acc += forward("name", *triple, **opts)
        acc &= 0xFFFFFFF
    return acc


print("checksum", main(400_000))
