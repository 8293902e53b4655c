# args: ../../../examples/nqueens.py 6
# Runs the example program from the README (examples/nqueens.py).
