# args: - x y
# stdin: import sys
# stdin: print("program read from stdin", sys.argv)
