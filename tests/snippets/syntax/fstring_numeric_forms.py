# f-strings with nested specs and conversions, numeric literal forms and their errors.
# f-strings, numeric literals
w, p, v = 10, 3, 3.14159
print(f"{v:{w}.{p}}|{v:>{w}}|{v!r:^{w+2}}|{'x'!a}|{v=}|{v = :.2f}|{w=!r:>5}")
print(f"{'{'}{{}}{'}'}", f"{3:{'>'}{5}}", f"{{{w}}}")
import datetime
print(f"{1234567:,}", f"{1234567:_}", f"{0.5:%}", f"{255:#x}", f"{255:08b}", f"{-3:+}", f"{3: }")
nested = {"a": [1, {"b": 2}]}
print(f"{nested['a'][1]['b']}", f"{'a' 'b'}", f"{(lambda x: x*2)(3)}", f"{ w }", f"{w:{'^'}{p*3}}")
print(f"""{
w
+ 1}""")
print(rf"\d{w}", fr"{w}\n", f"{w!s:5}|")
print(0x_ff, 0o_17, 0b_101, 1_000_000, 1_0.0_1, 1e1_0, 0_0, 00, 1j, 1_0j, .5, 5., 1e-3, 0xABCDEF, 0O17, 0B11, 0X1f)
print(1_2.3_4e-1_0, 1E5, 1.5J, 123456789012345678901234567890, 0x7fffffffffffffffffff)
print(type(1e5).__name__, 10 ** 20, 2 ** 100, -2 ** 2, (-2) ** 2, 2 ** -1, 7 // -2, -7 % 3, divmod(-7, 2))
print(1 if True else 2, not 1, 1 < 2 < 3, 1 < 3 < 2, 0 or "x", "" and 1, None or [] or 0)
print(b"\x00\xff\n", rb"\n", "\N{BULLET}\u00e9\U0001F600\x41\101\0", u"u", "a" "b" 'c')
print(repr("\t\r\x0b"), "\
continued")
for s in ["0_", "1__0", "0b2", "0o8", "09", "1e", "1_e1", "0x", "1.2.3", "1_.0", "0b_", "1__", "08.5", "0_7", "00.5j"]:
    try:
        print(s, eval(s))
    except SyntaxError as e:
        print(s, "->", e.msg, e.offset)
