# args: -c "import sys; print(sys.argv)" -O -c --version
# Everything after the -c argument belongs to the program, even things that look like options.
