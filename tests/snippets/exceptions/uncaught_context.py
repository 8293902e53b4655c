# Uncaught exception raised while handling another one.
try:
    int("not a number")
except ValueError:
    undefined_function()
