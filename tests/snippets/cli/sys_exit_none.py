import sys
try:
    sys.exit()
except SystemExit as e:
    print("caught", repr(e.code))
try:
    sys.exit(0)
finally:
    print("finally runs on exit")
