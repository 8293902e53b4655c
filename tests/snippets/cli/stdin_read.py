# stdin: alpha beta
# stdin: gamma
# stdin:
# stdin: last line
import sys
data = sys.stdin.read()
print(repr(data))
print(len(data.splitlines()), data.split())
