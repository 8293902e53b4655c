name = "world"
n = 3
print(f"hello {name}")
print(f"{n} + {n} = {n + n}")
print(f"{n:03d}|{2.5:.2f}|{name!r}")
