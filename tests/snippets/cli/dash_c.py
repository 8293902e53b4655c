# args: -c "import sys; print(sys.argv); print(__name__); print(sum(range(10)))" a "b c"
# This file is not run itself: the program is the -c argument above.
