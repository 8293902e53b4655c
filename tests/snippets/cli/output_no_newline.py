# Output without a trailing newline is still flushed at exit.
import sys
print("line")
sys.stdout.write("no newline at end")
