# args: -i -c "print('ran'); y = 7; 1/0"
# stdin: y * 6
# The interactive loop after a program (-i): its error is printed, its
# globals stay, and the loop reads stdin.
