"""sorted() and list.sort() with key functions, lambdas, tuples and reverse."""


class Record:
    def __init__(self, name, age, score):
        self.name = name
        self.age = age
        self.score = score


def main(n):
    records = [Record("n" + str((i * 7919) % 1000), (i * 31) % 90, (i * 17) % 1013) for i in range(n)]
    acc = 0
    for _ in range(3):
        by_age = sorted(records, key=lambda r: r.age)
        by_both = sorted(records, key=lambda r: (r.age, -r.score))
        by_name = sorted(records, key=lambda r: r.name, reverse=True)
        acc += by_age[0].score + by_both[-1].score + len(by_name[0].name)
    words = [r.name for r in records]
    words.sort(key=len)
    words.sort(key=str.lower)
    nums = [(i * 7919) % 100_003 for i in range(n)]
    nums.sort()
    acc += nums[n // 2] + len(words[0])
    acc += sum(r.score for r in sorted(records, key=lambda r: r.score)[:10])
    return acc


print("checksum", main(80_000))
