# String literals with every escape form.
print("tab:\t|newline:\\n|bell:\a|bs:\b|ff:\f|vt:\v|cr:\r|nul:\0|end")
print(repr("\a\b\f\n\r\t\v\0\\\'\""))
print("\x41\x62\101\7\077\u00e9\u20ac\U0001F600\N{GREEK SMALL LETTER ALPHA}")
print(repr("\x00\x1f\x7f\x80\xff\u0100\uffff"))
print('single "double" inside', "double 'single' inside")
print("""triple
double""", '''triple
single''')
print("line \
continued")
print("adjacent" ' literals' """ join""")
print(len("\N{EM DASH}"), ord("\N{EM DASH}"))
print(repr('\''), repr("\""), repr("'\""))
