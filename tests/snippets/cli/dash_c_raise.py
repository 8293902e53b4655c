# args: -c "print('before'); import sys; sys.stdout.flush(); 1/0"
