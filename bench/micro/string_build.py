"""String building: +=, join, f-strings, str methods."""
def main(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    parts = []
    for i in range(n // 2):
        parts.append(f"{i}:{i * 2:x}")
    joined = ",".join(parts)
    words = joined.split(",")
    upper = sum(len(w.upper()) for w in words)
    return len(s) + len(joined) + upper + s.count("7")
print("checksum", main(1_500_000))
