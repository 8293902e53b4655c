# args: -i -q
# stdin: x = 5
# stdin: x
# stdin: if x:
# stdin:     print('a')
# stdin:
# stdin: 1/0
# stdin: d = {1:
# stdin:  2}
# stdin: d
# stdin: for i in range(2):
# stdin:     i
# stdin:
# stdin: import sys; sys.last_type
# stdin: _
# stdin: def f(x):
# stdin:     return x * 2
# stdin:
# stdin: f(21)
# The interactive loop with a piped stdin (-i): prompts on stderr, values
# echoed through sys.displayhook, errors through sys.excepthook, compound
# statements ended by a blank line, a newline at end of input.
