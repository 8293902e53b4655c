"""Exceptions raised and caught: builtin and user-defined, try/finally, nested frames."""


class AppError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code


def parse(s):
    try:
        return int(s)
    except ValueError:
        return -1


def check(i):
    if i % 3 == 0:
        raise AppError(i)
    return i


def deep(k):
    if k == 0:
        raise KeyError("bottom")
    return deep(k - 1)


def main(n):
    acc = 0
    tokens = ["12", "x", "7", "", "100"]
    for i in range(n):
        acc += parse(tokens[i % 5])
        try:
            acc += check(i)
        except AppError as e:
            acc += e.code & 7
        finally:
            acc += 1
        d = {}
        try:
            acc += d["missing"]
        except KeyError:
            acc += 2
        if i % 10 == 0:
            try:
                deep(10)
            except LookupError:
                acc += 3
        acc &= 0xFFFFFFF
    return acc


print("checksum", main(250_000))
