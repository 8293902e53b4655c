# args: {file} one "two words" 3 --flag -c
import sys
print(sys.argv)
print(len(sys.argv), sys.argv[0])
print(__name__, __file__.endswith("argv_file.py"))
