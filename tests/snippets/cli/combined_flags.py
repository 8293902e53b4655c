# args: -EsSB -c "import sys; print(sys.flags.ignore_environment, sys.flags.no_user_site, sys.flags.no_site, sys.flags.dont_write_bytecode, sys.argv)" x
