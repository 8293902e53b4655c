# args: -c "def f(x):\n    return x * 2\nfor i in range(3):\n    print(i, f(i))"
# Inside double quotes of a header, \n is a newline: this -c program has several lines.
