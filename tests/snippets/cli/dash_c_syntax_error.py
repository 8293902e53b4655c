# args: -c "x = (1 +"
