# stdin: first line
# stdin: second line
# print options and input().
import sys
print("a", "b", "c")
print("a", "b", sep="")
print("no newline", end="")
print()
print(1, 2, 3, sep=" | ", end=" END\n")
print(file=sys.stdout)
print("to stderr", file=sys.stderr)
print("flushed", flush=True)
first = input()
second = input("prompt> ")
print(repr(first), repr(second))
try:
    input()
except EOFError as e:
    print("EOFError", repr(str(e)))
sys.stdout.write("direct write\n")
print(sys.stdout.write("x") if False else "write returns count")
print(sys.stdout.write("abc\n"))
