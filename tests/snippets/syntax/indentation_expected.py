print("nothing runs")
def f():
return 1
