"""Integer arithmetic in a tight while loop (small ints only)."""
def main(n):
    total = 0
    i = 0
    while i < n:
        total += (i * 7 + 3) % 11 - (i >> 2 & 5)
        i += 1
    return total
print("checksum", main(4_000_000))
