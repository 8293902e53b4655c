"""str methods: split, join, strip, replace, find, startswith, upper/lower, slicing, in."""

TEXT = (
    "The quick brown fox jumps over the lazy dog. "
    "  Pack my box with five dozen liquor jugs!  "
    "How vexingly quick daft zebras jump; "
)


def main(n):
    acc = 0
    for i in range(n):
        line = TEXT + str(i)
        words = line.split()
        acc += len(words)
        stripped = [w.strip(".,;!").lower() for w in words]
        joined = "-".join(stripped)
        acc += joined.find("zebras") + joined.count("q")
        acc += line.startswith("The") + line.endswith(str(i))
        acc += len(line.replace("quick", "slow").upper())
        acc += ("fox" in line) + len(line[5:40:2])
        acc &= 0xFFFFFFF
    return acc


print("checksum", main(100_000))
