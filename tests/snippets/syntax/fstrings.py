# f-strings: conversions, format specs, nested specs, '=' debugging.
x, y, name = 42, 3.14159, "taipan"
print(f"{x} {y} {name}")
print(f"{x!r} {name!r} {name!s} {name!a} {'é'!a}")
print(f"{x:5}|{x:<5}|{x:^5}|{x:>5}|{x:05}|{x:+}|{x:x}|{x:#o}|{x:b}")
print(f"{y:.2f}|{y:10.3f}|{y:e}|{y:%}|{y:g}|{1234567.891:,.2f}|{1234567:_}")
width, prec = 12, 4
print(f"[{y:{width}.{prec}f}]", f"[{name:>{width}}]", f"[{name:{'*'}^{width}}]")
print(f"{x=}", f"{x = }", f"{y=:.1f}", f"{name=!r}", f"{x*2=}")
print(f"{{literal braces}} {x}{{")
print(f"{'nested ' + f'{x}'}", f"{[1, 2][0]}", f"{ {'a': 1}['a'] }")
print(f"{3+4j}", f"{None}", f"{True:d}", f"{'abc':.2}")
print(f'''{
    x
    + 1
}''')
print(F"upper prefix {x}", rf"raw \n {x}", fr"{name}\t")
