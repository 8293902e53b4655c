# open() for text and binary files in a temporary directory.
import os
import tempfile
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "data.txt")
    with open(path, "w") as f:
        print(f.write("line one\nline two\n"), f.closed, f.mode, f.name == path)
        f.write("line three\n")
    print(f.closed)
    with open(path) as f:
        print(f.read())
    with open(path) as f:
        print(f.readline(), end="")
        print(f.readlines())
    with open(path) as f:
        print([line.rstrip("\n") for line in f])
    with open(path, "a") as f:
        f.write("appended\n")
    with open(path, "rb") as f:
        data = f.read()
        print(data, type(data).__name__, len(data))
    with open(path, "r+b") as f:
        f.seek(5)
        print(f.read(3), f.tell())
    bpath = os.path.join(d, "bin.dat")
    with open(bpath, "wb") as f:
        f.write(bytes(range(10)))
    print(os.path.getsize(bpath), open(bpath, "rb").read()[3:6])
    with open(os.path.join(d, "u.txt"), "w", encoding="utf-8") as f:
        f.write("héllo ☃\n")
    with open(os.path.join(d, "u.txt"), encoding="utf-8") as f:
        print(f.read(), end="")
    with open(os.path.join(d, "u.txt"), "rb") as f:
        print(f.read())
    try:
        open(os.path.join(d, "missing.txt"))
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.strerror)
    try:
        open(path, "rz")
    except ValueError as e:
        print(e)
