# args: ../../../examples/wordfreq.py -n 6 {file}
# Runs the example program from the README (examples/wordfreq.py) on this file.
# the quick brown fox jumps over the lazy dog; the dog sleeps, the fox runs.
# It's the fox's day: the_end.
