# mode: single
x = 2; x; 1 + 1
