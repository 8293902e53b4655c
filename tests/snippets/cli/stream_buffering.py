# stdout to a pipe is block-buffered, stderr line-buffered; a message
# written to stderr without a newline waits for the next one.
import sys
print(sys.stdout.line_buffering, sys.stdout.write_through)
print(sys.stderr.line_buffering, sys.stderr.write_through)
sys.stderr.write("partial ")
sys.stderr.write("line\n")
raise SystemExit("bye")
