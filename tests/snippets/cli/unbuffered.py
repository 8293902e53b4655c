# args: -u {file} arg
import sys
print("unbuffered", sys.argv[1:])
sys.stdout.write("partial")
sys.stderr.write("err text\n")
print()
