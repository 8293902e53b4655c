"""Print the most frequent words of text files (or standard input).

Usage: taipan examples/wordfreq.py [-n TOP] [FILE ...]

Words are runs of letters, digits, apostrophes and underscores, compared
case-insensitively. Ties are broken alphabetically so the output is stable.
"""
import sys


def words(text):
    word = []
    for ch in text:
        if ch.isalnum() or ch in "'_":
            word.append(ch.lower())
        elif word:
            yield "".join(word).strip("'")
            word.clear()
    if word:
        yield "".join(word).strip("'")


def count(texts):
    freq = {}
    for text in texts:
        for w in words(text):
            if w:
                freq[w] = freq.get(w, 0) + 1
    return freq


def main(argv):
    top = 10
    args = argv[1:]
    if args[:1] == ["-n"]:
        if len(args) < 2:
            raise SystemExit("usage: wordfreq.py [-n TOP] [FILE ...]")
        top = int(args[1])
        args = args[2:]
    if args:
        texts = []
        for path in args:
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
    else:
        texts = [sys.stdin.read()]
    freq = count(texts)
    ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    width = max((len(w) for w, _ in ranked), default=0)
    total = sum(freq.values())
    print(f"{total} words, {len(freq)} distinct")
    for w, c in ranked:
        print(f"{w:<{width}}  {c:6d}  {c / total:6.2%}")


if __name__ == "__main__":
    main(sys.argv)
