print("start")
f() = 3
