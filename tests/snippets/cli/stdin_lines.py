# stdin: 3
# stdin: 10 20 30
# stdin: hello
import sys
n = int(sys.stdin.readline())
nums = list(map(int, sys.stdin.readline().split()))
word = input()
print(n, sum(nums), word.upper())
for line in sys.stdin:
    print("extra", line)
print("eof")
