# args: -b -d -X dev -W ignore::ResourceWarning {file} one
# -b, -d and -X dev reach sys.flags; dev mode and -b add warning options
# around -W in CPython's order; sys.orig_argv keeps the command line.
import sys
print(sys.flags.bytes_warning, sys.flags.debug, sys.flags.dev_mode, sys.flags.safe_path)
print(sys.warnoptions)
print(sys.orig_argv[1:], sys.argv)
print(sys._xoptions)
