"""Class attribute reads (direct and inherited, through instances) and writes."""


class Config:
    limit = 100
    factor = 3
    name = "base"


class Derived(Config):
    factor = 5


class Deeper(Derived):
    pass


def main(n):
    d = Deeper()
    c = Config()
    acc = 0
    for i in range(n):
        acc += d.limit + d.factor + Deeper.limit + c.factor
        acc += len(Config.name)
        if i % 1000 == 0:
            Config.limit = i % 200
        acc &= 0xFFFFFFF
    Config.limit = 100
    return acc


print("checksum", main(2_200_000))
