# int()/float() parsing edge cases, including non-ASCII digits.
for s in ["١٢٣", "１２", "  42\n", "-0", "+1_000", "0_7", "٣.٥"]:
    for conv in (int, float):
        try:
            print(repr(s), conv.__name__, conv(s))
        except ValueError as e:
            print(repr(s), conv.__name__, "ValueError", e)
print(int("10", 0), int("0x10", 0), int("0o10", 0), int("0b10", 0))
for bad in ["010", "1__0", "_1", "1_", "0x_", " ", "1 2"]:
    try:
        print(int(bad, 0))
    except ValueError as e:
        print("ValueError", e)
print(float("1_0.5"), float("infinity"), float("-iNF"), float("nan") != float("nan"), float(".5"), float("5."))
for bad in ["1__0.5", "1e", "e5", "--1", "in f"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError", e)
print(int("z" * 10, 36), int("-" + "7" * 30, 8))
