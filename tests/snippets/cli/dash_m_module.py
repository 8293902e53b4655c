# args: -m this
