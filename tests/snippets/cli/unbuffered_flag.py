# args: -u {file}
# -u: both streams write through, nothing is line-buffered.
import sys
print(sys.stdout.line_buffering, sys.stdout.write_through)
print(sys.stderr.line_buffering, sys.stderr.write_through, sys.flags.unbuffered if hasattr(sys.flags, "unbuffered") else "no flag")
sys.stdout.write("no newline")
