# args: -I -S -B -c "import sys; print(sys.flags.isolated, sys.flags.no_site, sys.flags.dont_write_bytecode)"
