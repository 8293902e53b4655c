# input() reads a replaced sys.stdin through its readline().
import sys, io
sys.stdin = io.StringIO("abc\nlist\n")
print(repr(input("p> ")))
print(repr(input("p> ")))
try: input()
except EOFError as e: print("EOF", e)
sys.stdin = None
try: input()
except RuntimeError as e: print(e)
