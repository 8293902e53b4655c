# args: -cprint(6*7) ignored-arg
